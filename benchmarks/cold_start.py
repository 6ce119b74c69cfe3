"""Cold start of ``argmine analyze``: what a user waits for before the first result.

    python benchmarks/cold_start.py [--essay FILE] [--runs 5] [--output FILE]

Each run is a fresh interpreter (nothing cached in memory, the OS file cache warm after the
first run). Two measurements, alternating run by run:

* phases, in one child process, one after the other: ``import argmine``, the Stanza pipeline,
  the marker-sense model, the structure model, then the first analysis of the essay with
  everything loaded; and what the child spends outside them (starting the interpreter and
  tearing it down at exit);
* the whole command, ``python -m argmine analyze ESSAY`` as a user runs it, wall clock from
  spawning the process to its exit, and its CPU time (user + system), which other work on a
  shared machine disturbs far less than the wall clock. The command loads argmine's models in
  a thread while Stanza loads and parses, and collects garbage less often than a library
  user's process, so it takes less than the phases added up.

The figures are the medians over the runs (all runs are kept in the output). The default essay
is a 409-word student essay from the shared corpora.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ESSAY = (
    ROOT.parent / "shared" / "corpora" / "student-essays" / "essays" / "0096700783B5.txt"
)
DEFAULT_OUTPUT = ROOT / "benchmarks" / "results" / "cold-start.json"

#: Runs in the child: times each loading step of the runtime separately, in the order
#: ``argmine analyze`` meets them. The bundled parser is used, as on a machine without the
#: official Stanza models.
PHASES = """
import json, resource, sys, time
marks = []
def mark(name):
    usage = resource.getrusage(resource.RUSAGE_SELF)
    marks.append((name, time.perf_counter(), usage.ru_utime + usage.ru_stime))
mark("start")
import argmine
mark("import")
from argmine.parsing import load_pipeline
load_pipeline("bundled")
mark("stanza_pipeline")
from argmine.moves.senses import load_default_model
load_default_model()
mark("senses_model")
try:
    from argmine.pipeline import bundled_structure_model
except ImportError:  # the layout before argmine.pipeline, for before/after figures
    from argmine.analyzer import bundled_structure_model
bundled_structure_model()
mark("structure_model")
text = open(sys.argv[1], encoding="utf-8").read()
argmine.analyze(text, parser="bundled")
mark("first_analysis")
timings = {}
for (_, wall, cpu), (name, later_wall, later_cpu) in zip(marks, marks[1:]):
    timings[name] = later_wall - wall
    timings[name + "_cpu"] = later_cpu - cpu
timings["in_process_total"] = marks[-1][1] - marks[0][1]
timings["in_process_total_cpu"] = marks[-1][2] - marks[0][2]
print(json.dumps(timings))
"""


def phases(essay: Path) -> dict[str, float]:
    """One fresh interpreter's phase timings (seconds)."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", PHASES, str(essay)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "ARGMINE_PARSER": "bundled"},
    )
    child_wall = time.perf_counter() - started
    timings: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    # What the phases leave out: starting the interpreter, and tearing it down at exit.
    timings["interpreter_start_and_exit"] = child_wall - timings["in_process_total"]
    return timings


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command_run(essay: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of ``python -m argmine analyze ESSAY``, from
    spawning the process to its exit. CPU time barely moves when other work shares the
    machine; wall time does."""
    started, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(
        [sys.executable, "-m", "argmine", "analyze", str(essay), "--parser", "bundled"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started, _children_cpu() - cpu


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--essay", type=Path, default=DEFAULT_ESSAY)
    arguments.add_argument("--runs", type=int, default=5)
    arguments.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    options = arguments.parse_args()
    words = len(options.essay.read_text(encoding="utf-8").split())
    command_walls: list[float] = []
    command_cpus: list[float] = []
    phase_runs: list[dict[str, float]] = []
    for run in range(options.runs):
        wall, cpu = command_run(options.essay)
        command_walls.append(wall)
        command_cpus.append(cpu)
        phase_runs.append(phases(options.essay))
        print(
            f"run {run + 1}: command {wall:.2f} s (CPU {cpu:.2f} s); "
            + ", ".join(f"{name} {seconds:.2f}" for name, seconds in phase_runs[-1].items()),
            file=sys.stderr,
        )
    medians: dict[str, Any] = {
        name: round(statistics.median(run[name] for run in phase_runs), 3) for name in phase_runs[0]
    }
    report = {
        "essay": options.essay.name,
        "words": words,
        "runs": options.runs,
        "command_wall_median": round(statistics.median(command_walls), 3),
        "command_cpu_median": round(statistics.median(command_cpus), 3),
        "phase_medians": medians,
        "command_walls": [round(wall, 3) for wall in command_walls],
        "command_cpus": [round(cpu, 3) for cpu in command_cpus],
        "phase_runs": [{k: round(v, 3) for k, v in run.items()} for run in phase_runs],
        "load_average_1min_at_end": os.getloadavg()[0],
    }
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    shown = ("words", "command_wall_median", "command_cpu_median", "phase_medians")
    print(json.dumps({key: report[key] for key in shown}))


if __name__ == "__main__":
    main()
