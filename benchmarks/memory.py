"""Resident memory over many essays: does it stay flat once the models are warm?

    python benchmarks/memory.py many --warm-up 50 --essays 1000      # analyze_many, 1 process
    python benchmarks/memory.py cli --warm-up 50 --essays 1000       # argmine analyze -d DIR
    python benchmarks/memory.py server --warm-up 50 --essays 1000    # argmine serve, over HTTP

Feeds ``--warm-up`` essays, records the resident set size (RSS), then feeds ``--essays``
more and records RSS every ``--every`` essays. Target: growth after warm-up ≤ 20 MB over
1,000 essays. The essays are ``shared/corpora/student-essays`` (600 real student essays);
past the 600th, each pass rotates the paragraphs of every essay by one more place, so that
no text repeats (a cache keyed by text would otherwise hide its growth).

* ``many``: :func:`argmine.analyze_many` with ``n_process=1`` in this process (RSS of this
  process);
* ``cli``: one ``argmine analyze FILE... -d DIR`` process over all essays, as a teacher would
  run it on a class folder (its RSS, sampled as its output files appear);
* ``server``: ``argmine serve --workers 1`` and one ``POST /api/analyze`` per essay (RSS of
  the server and its worker process together).

Results go to a JSON file (``--output``), with the commit measured: run it on an older
commit for a before/after comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
MB = 2**20


def essays_dir() -> Path:
    configured = os.environ.get("ARGMINE_CORPORA")
    root = Path(configured) if configured else ROOT.parent / "shared" / "corpora"
    folder = root / "student-essays" / "essays"
    if not folder.is_dir():
        sys.exit(f"{folder}: student essays not found (set ARGMINE_CORPORA)")
    return folder


def rotated(text: str, places: int) -> str:
    """The text with its paragraphs rotated by ``places`` (the same text when 0)."""
    paragraphs = [part for part in text.split("\n\n") if part.strip()]
    if len(paragraphs) < 2:
        return text if places == 0 else f"{text}\n\n{text.split('.')[0]}."
    shift = places % len(paragraphs)
    return "\n\n".join(paragraphs[shift:] + paragraphs[:shift])


def essays(count: int) -> Iterator[tuple[str, str]]:
    """``count`` (name, text) pairs, no text repeated (see the module docstring)."""
    paths = sorted(essays_dir().glob("*.txt"))
    texts = [(path.stem, path.read_text(encoding="utf-8")) for path in paths]
    for index in range(count):
        name, text = texts[index % len(texts)]
        passes = index // len(texts)
        yield f"{name}-{passes}", rotated(text, passes)


def tree_rss(process: psutil.Process) -> int:
    """RSS of a process and its descendants, in bytes."""
    size = process.memory_info().rss
    for child in process.children(recursive=True):
        try:
            size += child.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return size


def summary(warm_up: int, samples: list[tuple[int, float]], started: float) -> dict[str, Any]:
    """Growth after warm-up, and the slope over the second half (MB per 1,000 essays)."""
    base = next(rss for count, rss in samples if count >= warm_up)
    after = [(count, rss) for count, rss in samples if count >= warm_up]
    half = after[len(after) // 2 :]
    slope = 0.0
    if len(half) >= 2 and half[-1][0] > half[0][0]:
        slope = (half[-1][1] - half[0][1]) / (half[-1][0] - half[0][0]) * 1000
    final = after[-1]
    return {
        "rss_after_warm_up_mb": round(base, 1),
        "rss_final_mb": round(final[1], 1),
        "essays_after_warm_up": final[0] - warm_up,
        "growth_after_warm_up_mb": round(final[1] - base, 1),
        "peak_rss_mb": round(max(rss for _count, rss in samples), 1),
        "second_half_slope_mb_per_1000": round(slope, 1),
        "wall_s": round(time.perf_counter() - started, 1),
        "samples": [[count, round(rss, 1)] for count, rss in samples],
    }


def run_many(texts: list[str], warm_up: int, every: int) -> dict[str, Any]:
    from argmine.batch import analyze_many

    me = psutil.Process()
    samples: list[tuple[int, float]] = []
    started = time.perf_counter()
    for count, _analysis in enumerate(analyze_many(texts, n_process=1, errors="return"), 1):
        if count == warm_up or (count > warm_up and (count - warm_up) % every == 0):
            samples.append((count, me.memory_info().rss / MB))
    return summary(warm_up, samples, started)


def run_cli(texts: list[str], warm_up: int, every: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="argmine-memory-") as scratch:
        inputs, outputs = Path(scratch) / "in", Path(scratch) / "out"
        inputs.mkdir()
        outputs.mkdir()
        paths = []
        for index, text in enumerate(texts):
            path = inputs / f"{index:05d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        command = [sys.executable, "-m", "argmine", "analyze", *paths, "-d", str(outputs)]
        started = time.perf_counter()
        child = subprocess.Popen(command)
        process = psutil.Process(child.pid)
        samples: list[tuple[int, float]] = []
        recorded = 0
        while child.poll() is None:
            done = sum(1 for _ in outputs.iterdir())
            due = warm_up if recorded == 0 else samples[-1][0] + every
            if done >= due:
                try:
                    samples.append((done, process.memory_info().rss / MB))
                except psutil.NoSuchProcess:
                    break
                recorded += 1
            time.sleep(0.05)
        if child.returncode != 0:
            sys.exit(f"argmine analyze exited with {child.returncode}")
        return summary(warm_up, samples, started)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(base: str, child: subprocess.Popen[bytes], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.poll() is not None:
            sys.exit(f"argmine serve exited with {child.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=5) as response:
                if json.load(response)["status"] == "ready":
                    return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("argmine serve did not start in time")


def post_essay(base: str, text: str) -> dict[str, Any]:
    body = urllib.parse.urlencode({"text": text}).encode("utf-8")
    request = urllib.request.Request(f"{base}/api/analyze", data=body, method="POST")
    with urllib.request.urlopen(request, timeout=300) as response:
        result: dict[str, Any] = json.load(response)
        return result


def run_server(texts: list[str], warm_up: int, every: int) -> dict[str, Any]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "argmine", "serve", "--port", str(port), "--workers", "1"]
    child = subprocess.Popen(command)
    try:
        wait_until_up(base, child)
        server = psutil.Process(child.pid)
        samples: list[tuple[int, float]] = []
        started = time.perf_counter()
        for count, text in enumerate(texts, 1):
            post_essay(base, text)
            if count == warm_up or (count > warm_up and (count - warm_up) % every == 0):
                samples.append((count, tree_rss(server) / MB))
        return summary(warm_up, samples, started)
    finally:
        child.terminate()
        child.wait(timeout=60)


MODES: dict[str, Callable[[list[str], int, int], dict[str, Any]]] = {
    "many": run_many,
    "cli": run_cli,
    "server": run_server,
}


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    arguments.add_argument("mode", choices=sorted(MODES))
    arguments.add_argument("--warm-up", type=int, default=50, help="essays before the baseline")
    arguments.add_argument("--essays", type=int, default=1000, help="essays after warm-up")
    arguments.add_argument("--every", type=int, default=25, help="record RSS every N essays")
    arguments.add_argument("--output", type=Path, help="write the results here (JSON)")
    options = arguments.parse_args()
    texts = [text for _name, text in essays(options.warm_up + options.essays)]
    result = {
        "mode": options.mode,
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        "warm_up": options.warm_up,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores (shared), "
        f"load {os.getloadavg()[0]:.1f} at start",
        **MODES[options.mode](texts, options.warm_up, options.every),
    }
    shown = {key: value for key, value in result.items() if key != "samples"}
    print(json.dumps(shown, indent=2))
    if options.output:
        options.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
