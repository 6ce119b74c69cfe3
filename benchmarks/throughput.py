"""Throughput of argmine on many documents: 1 and 2 processes, and a local Dask cluster.

    python benchmarks/throughput.py --repeat 3 --update-docs   # full run, 345 documents
    python benchmarks/throughput.py --limit 5 --rounds 1 --output /tmp/smoke.json  # smoke test

Measures, on the plain texts of arg-microtexts (``$ARGMINE_CORPORA`` or
``../shared/corpora``) plus ``fixtures/texts``:

* stages: parse time against argmine's own stages (everything after the parse,
  ``analyze_parsed``), one document at a time in this process; target: own ≤ 10 % of parse;
* ``argmine.analyze_many`` with 1 and 2 processes: documents/s and tokens/s, worker
  start-up included;
* steady throughput, ``--rounds`` times 1 process then 2 processes, each with its models
  loaded, started together on one queue of batches; the speed-up is the ratio of the
  median rates; target: 2 processes ≥ 1.7× one process on 2 cores. Each round also runs a
  pure-Python loop in 1 and 2 processes: the speed-up the machine itself allows then;
* ``argmine.dask.analyze_bag`` on ``LocalCluster(n_workers=2, threads_per_worker=1)``, with
  the workers' models loaded before timing;
* peak resident memory of this process and all its children, per mode.

Torch runs one thread per process in every mode (``--torch-threads``), so the modes compare
like for like. Run it on a quiet machine: other load on the cores distorts every figure
(the load average at the start is recorded). Results go to a JSON file; ``--update-docs``
also writes the table into docs/pipelines.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psutil
import torch

import argmine
from argmine.batch import analyze_batch, analyze_many, warm_up
from argmine.parsing import ParserSource, parse
from argmine.training.corpora import corpora_root
from argmine.types import Analysis

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "benchmarks" / "results" / "throughput.json"
DOCS = ROOT / "docs" / "pipelines.md"
TABLE_START = "<!-- throughput:start -->"
TABLE_END = "<!-- throughput:end -->"
MODES = ("stages", "1", "2", "dask")


def corpus(limit: int | None) -> list[str]:
    """The microtexts' plain texts, then the fixture texts; the first ``limit`` of them."""
    microtexts = corpora_root() / "arg-microtexts" / "corpus" / "en"
    paths = sorted(microtexts.glob("*.txt")) + sorted((ROOT / "fixtures" / "texts").glob("*.txt"))
    if not paths:
        sys.exit(f"no texts found (looked in {microtexts} and fixtures/texts)")
    return [path.read_text(encoding="utf-8") for path in paths[:limit]]


def tokens(analysis: Analysis) -> int:
    return sum(len(sentence.tokens) for sentence in analysis.sentences)


@contextmanager
def peak_rss() -> Iterator[dict[str, float]]:
    """Sample the resident memory of this process and its descendants; the peak in MiB."""
    result = {"peak_rss_mb": 0.0}
    done = threading.Event()
    me = psutil.Process()

    def total() -> int:
        size = me.memory_info().rss
        for child in me.children(recursive=True):
            try:
                size += child.memory_info().rss
            except psutil.NoSuchProcess:
                continue
        return size

    def sample() -> None:
        while not done.is_set():
            result["peak_rss_mb"] = max(result["peak_rss_mb"], total() / 2**20)
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield result
    finally:
        done.set()
        sampler.join()
        result["peak_rss_mb"] = round(result["peak_rss_mb"])


def stages(texts: list[str], parser: ParserSource) -> dict[str, Any]:
    """Parse time against argmine's own stages, document by document.

    One warm-up document first loads every model (the Stanza pipeline, the sense and
    structure models), so that neither side's figure includes loading.
    """
    argmine.analyze_parsed(parse(texts[0], parser=parser))
    parse_seconds = own_seconds = 0.0
    counted = 0
    for text in texts:
        started = time.perf_counter()
        parsed = parse(text, parser=parser)
        parsed_at = time.perf_counter()
        counted += tokens(argmine.analyze_parsed(parsed))
        parse_seconds += parsed_at - started
        own_seconds += time.perf_counter() - parsed_at
    return {
        "tokens": counted,
        "parse_s": round(parse_seconds, 2),
        "own_stages_s": round(own_seconds, 2),
        "own_share_of_parse": round(own_seconds / parse_seconds, 4),
        "target_own_share_met": own_seconds <= 0.10 * parse_seconds,
    }


def rates(arrivals: list[float], started: float, counts: list[int]) -> dict[str, Any]:
    """Documents/s and tokens/s of one ``analyze_many`` call, worker start-up included."""
    wall = arrivals[-1] - started
    return {
        "tokens": sum(counts),
        "wall_s": round(wall, 2),
        "first_result_s": round(arrivals[0] - started, 2),
        "docs_per_s": round(len(arrivals) / wall, 3),
        "tokens_per_s": round(sum(counts) / wall, 1),
    }


def _steady_worker(parser: ParserSource, batches: Any, ready: Any, go: Any, done: Any) -> None:
    """One worker of :func:`steady`: load the models, wait for the others, then take batches
    from the shared queue until it is empty (as ``analyze_many``'s pool hands them out), and
    report the end time, the tokens and the CPU seconds the analysis took."""
    torch.set_num_threads(1)
    warm_up(parser)
    ready.put(os.getpid())
    go.wait()
    cpu_started = time.process_time()
    counted = 0
    while (batch := batches.get()) is not None:
        counted += sum(tokens(a) for a in analyze_batch(batch, parser) if isinstance(a, Analysis))
    done.put((time.perf_counter(), counted, time.process_time() - cpu_started))


def steady(
    texts: list[str], n_process: int, batch_size: int, parser: ParserSource
) -> dict[str, Any]:
    """Steady throughput of ``n_process`` processes: each loads its models, all start
    together on one queue of batches, and the wall time runs from that start to the last
    one's end (start-up excluded, unlike :func:`processes`).

    ``cpu_share`` is the workers' CPU time over ``n_process`` × wall: near 1 means each
    worker had a core to itself, so a lower rate per process comes from slower cores, not
    from waiting. ``steal_s`` is the CPU time the hypervisor reports it gave elsewhere.
    """
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    ready, done, batches, go = context.Queue(), context.Queue(), context.Queue(), context.Event()
    for first in range(0, len(texts), batch_size):
        batches.put(texts[first : first + batch_size])
    for _ in range(n_process):
        batches.put(None)
    workers = [
        context.Process(target=_steady_worker, args=(parser, batches, ready, go, done))
        for _ in range(n_process)
    ]
    for worker in workers:
        worker.start()
    for _ in workers:
        ready.get()
    steal_before = psutil.cpu_times().steal
    started = time.perf_counter()
    go.set()
    finished = [done.get() for _ in workers]
    for worker in workers:
        worker.join()
    ends = [end for end, _, _ in finished]
    wall = max(ends) - started
    counted = sum(count for _, count, _ in finished)
    return {
        "steady_wall_s": round(wall, 2),
        "end_spread_s": round(max(ends) - min(ends), 2),
        "steady_docs_per_s": round(len(texts) / wall, 3),
        "steady_tokens_per_s": round(counted / wall, 1),
        "cpu_share": round(sum(cpu for _, _, cpu in finished) / (n_process * wall), 3),
        "steal_s": round(psutil.cpu_times().steal - steal_before, 2),
    }


def _spin(loops: int, done: Any) -> None:
    """A fixed amount of pure-Python arithmetic: CPU work that touches almost no memory."""
    started = time.perf_counter()
    total = 0
    for number in range(loops):
        total += number * number % 7
    done.put(time.perf_counter() - started)


def machine_speedup(loops: int = 10_000_000) -> float:
    """How much faster 2 processes finish 2 × the same pure-Python work than 1 process
    finishes it once: the ceiling this machine's cores allow for any 2-process program."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    walls = []
    for n_process in (1, 2):
        done = context.Queue()
        workers = [context.Process(target=_spin, args=(loops, done)) for _ in range(n_process)]
        for worker in workers:
            worker.start()
        seconds = max(done.get() for _ in workers)
        for worker in workers:
            worker.join()
        walls.append(seconds / n_process)
    return round(walls[0] / walls[1], 2)


def steady_rounds(
    texts: list[str], rounds: int, batch_size: int, parser: ParserSource
) -> dict[str, Any]:
    """Alternate steady 1- and 2-process runs ``rounds`` times; the speed-up is the ratio of
    the medians, so one run disturbed by other load on a shared machine does not decide it."""
    runs: list[dict[str, Any]] = []
    for number in range(rounds):
        print(f"steady round {number + 1}/{rounds}", file=sys.stderr)
        one = steady(texts, 1, batch_size, parser)
        two = steady(texts, 2, batch_size, parser)
        runs.append(
            {
                "1 process": one,
                "2 processes": two,
                "speedup": round(two["steady_docs_per_s"] / one["steady_docs_per_s"], 2),
                "machine_speedup": machine_speedup(),
            }
        )
    medians = {
        name: statistics.median(run[name]["steady_docs_per_s"] for run in runs)
        for name in ("1 process", "2 processes")
    }
    speedup = medians["2 processes"] / medians["1 process"]
    return {
        "rounds": runs,
        "median_steady_docs_per_s": medians,
        "speedup_2_vs_1": round(speedup, 2),
        "median_machine_speedup": statistics.median(run["machine_speedup"] for run in runs),
        "target_speedup_met": speedup >= 1.7,
    }


def processes(
    texts: list[str], n_process: int, batch_size: int, parser: ParserSource
) -> dict[str, Any]:
    arrivals: list[float] = []
    counts: list[int] = []
    with peak_rss() as memory:
        started = time.perf_counter()
        for analysis in analyze_many(
            texts, n_process=n_process, batch_size=batch_size, parser=parser
        ):
            arrivals.append(time.perf_counter())
            counts.append(tokens(analysis))
    return {
        "n_process": n_process,
        **rates(arrivals, started, counts),
        **memory,
    }


def dask_cluster(
    texts: list[str], workers: int, batch_size: int, parser: ParserSource
) -> dict[str, Any]:
    import dask.bag
    from distributed import Client, LocalCluster

    import argmine.dask

    with (
        peak_rss() as memory,
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(warm_up, parser)
        bag = dask.bag.from_sequence(texts, npartitions=workers * 4)
        started = time.perf_counter()
        results = argmine.dask.analyze_bag(bag, parser=parser, batch_size=batch_size)
        analyses = results.compute()
        wall = time.perf_counter() - started
    total_tokens = sum(tokens(analysis) for analysis in analyses)
    return {
        "workers": workers,
        "tokens": total_tokens,
        "wall_s": round(wall, 2),
        "docs_per_s": round(len(analyses) / wall, 3),
        "tokens_per_s": round(total_tokens / wall, 1),
        **memory,
    }


def markdown(results: dict[str, Any]) -> str:
    """The results as the table docs/pipelines.md shows."""
    rows = [
        "| mode | docs/s | tokens/s | steady docs/s (median) | peak RSS (MiB) |",
        "|---|---|---|---|---|",
    ]
    medians = results.get("steady", {}).get("median_steady_docs_per_s", {})
    for name, mode in results["modes"].items():
        steady = medians.get(name, "n/a")
        rows.append(
            f"| {name} | {mode['docs_per_s']} | {mode['tokens_per_s']} | {steady} "
            f"| {mode['peak_rss_mb']} |"
        )
    lines = [
        f"Measured {results['date']} on {results['machine']['cpus']} CPUs "
        f"(load average {results['machine']['load_average_at_start']} at the start), "
        f"{results['corpus']['documents']} documents, {results['corpus']['tokens']} tokens, "
        f"parser `{results['parser']}`, torch threads per process: {results['torch_threads']}.",
        "",
        *rows,
    ]
    if "stages" in results:
        share = results["stages"]["own_share_of_parse"]
        lines += ["", f"argmine's own stages take {share:.1%} of the parse time (target ≤ 10 %)."]
    if "steady" in results:
        rounds = results["steady"]["rounds"]
        each = ", ".join(f"{run['speedup']}×" for run in rounds)
        lines += [
            "",
            f"Steady speed-up of 2 processes over 1: {results['steady']['speedup_2_vs_1']}× "
            f"(ratio of the medians of {len(rounds)} alternating rounds: {each}; "
            "target ≥ 1.7×).",
            "The same rounds ran a pure-Python loop in 1 and 2 processes, the most any program "
            "can gain from the second core at that moment: "
            + ", ".join(f"{run['machine_speedup']}×" for run in rounds)
            + f" (median {results['steady']['median_machine_speedup']}×).",
        ]
    return "\n".join(lines)


def update_docs(table: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    before, _, rest = text.partition(TABLE_START)
    _, _, after = rest.partition(TABLE_END)
    if not rest:
        sys.exit(f"{DOCS} has no {TABLE_START} marker")
    DOCS.write_text(f"{before}{TABLE_START}\n{table}\n{TABLE_END}{after}", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--limit", type=int, help="use only the first N documents (smoke test); default: all"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="analyse the corpus N times over (default 1)"
    )
    parser.add_argument(
        "--parser",
        choices=("bundled", "official", "auto"),
        default="bundled",
        help="Stanza models to parse with (default: bundled)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="alternating steady 1- and 2-process rounds (default 5; 0 skips them)",
    )
    parser.add_argument(
        "--batch-size", type=int, default=8, help="texts per Stanza call (default 8)"
    )
    parser.add_argument(
        "--torch-threads", type=int, default=1, help="torch threads in this process (default 1)"
    )
    parser.add_argument(
        "--modes",
        default=",".join(MODES),
        help="comma-separated subset of: stages, 1, 2 (processes), dask (default: all)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"JSON results file (default: {DEFAULT_OUTPUT.relative_to(ROOT)})",
    )
    parser.add_argument(
        "--update-docs", action="store_true", help="write the table into docs/pipelines.md"
    )
    options = parser.parse_args(argv)
    modes = options.modes.split(",")
    unknown = set(modes) - set(MODES)
    if unknown:
        parser.error(f"unknown modes: {', '.join(sorted(unknown))}")

    torch.set_num_threads(options.torch_threads)
    texts = corpus(options.limit) * options.repeat
    load_average = round(os.getloadavg()[0], 2)
    started = time.perf_counter()
    warm_up(options.parser)
    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "load_average_at_start": load_average,
        },
        "versions": {"argmine": argmine.__version__, "torch": torch.__version__},
        "parser": options.parser,
        "torch_threads": options.torch_threads,
        "batch_size": options.batch_size,
        "model_load_s": round(time.perf_counter() - started, 2),
        "modes": {},
    }
    runs: dict[str, Callable[[], dict[str, Any]]] = {
        "1": lambda: processes(texts, 1, options.batch_size, options.parser),
        "2": lambda: processes(texts, 2, options.batch_size, options.parser),
        "dask": lambda: dask_cluster(texts, 2, options.batch_size, options.parser),
    }
    if "stages" in modes:
        results["stages"] = stages(texts, options.parser)
    for mode in ("1", "2", "dask"):
        if mode in modes:
            name = (
                "dask (2 workers)" if mode == "dask" else f"{mode} process" + "es" * (mode != "1")
            )
            print(f"running: {name}", file=sys.stderr)
            results["modes"][name] = runs[mode]()
    measured = [results.get("stages", {}), *results["modes"].values()]
    results["corpus"] = {
        "documents": len(texts),
        "characters": sum(len(text) for text in texts),
        "tokens": max(run.get("tokens", 0) for run in measured),
    }
    if options.rounds:
        results["steady"] = steady_rounds(texts, options.rounds, options.batch_size, options.parser)
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    table = markdown(results)
    print(table)
    if options.update_docs:
        update_docs(table)


if __name__ == "__main__":
    main()
