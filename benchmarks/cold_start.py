"""Cold start of ``argmine analyze``: what a user waits for before the first result.

    python benchmarks/cold_start.py [--essay FILE] [--runs 5] [--output FILE]

Each run is a fresh interpreter (nothing cached in memory, the OS file cache warm after the
first run). Two measurements, alternating run by run:

* phases, in one child process: ``import argmine``, the Stanza pipeline, the marker-sense
  model, the structure model, then the first analysis of the essay with everything loaded;
* the whole command, ``python -m argmine analyze ESSAY`` as a user runs it, wall clock from
  spawning the process to its exit.

The figures are the medians over the runs (all runs are kept in the output). The default essay
is a 409-word student essay from the shared corpora.
"""

from __future__ import annotations

import argparse
import json
import os
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
import json, sys, time
started = time.perf_counter()
import argmine
imported = time.perf_counter()
from argmine.parsing import load_pipeline
load_pipeline("bundled")
pipeline = time.perf_counter()
from argmine.moves.senses import load_default_model
load_default_model()
senses = time.perf_counter()
try:
    from argmine.pipeline import bundled_structure_model
except ImportError:  # the layout before argmine.pipeline, for before/after figures
    from argmine.analyzer import bundled_structure_model
bundled_structure_model()
structure = time.perf_counter()
text = open(sys.argv[1], encoding="utf-8").read()
argmine.analyze(text, parser="bundled")
analysed = time.perf_counter()
print(json.dumps({
    "import": imported - started,
    "stanza_pipeline": pipeline - imported,
    "senses_model": senses - pipeline,
    "structure_model": structure - senses,
    "first_analysis": analysed - structure,
    "in_process_total": analysed - started,
}))
"""


def phases(essay: Path) -> dict[str, float]:
    """One fresh interpreter's phase timings (seconds)."""
    result = subprocess.run(
        [sys.executable, "-c", PHASES, str(essay)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "ARGMINE_PARSER": "bundled"},
    )
    timings: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return timings


def command_wall(essay: Path) -> float:
    """Seconds from spawning ``python -m argmine analyze ESSAY`` to its exit."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "argmine", "analyze", str(essay), "--parser", "bundled"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--essay", type=Path, default=DEFAULT_ESSAY)
    arguments.add_argument("--runs", type=int, default=5)
    arguments.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    options = arguments.parse_args()
    words = len(options.essay.read_text(encoding="utf-8").split())
    command_walls: list[float] = []
    phase_runs: list[dict[str, float]] = []
    for run in range(options.runs):
        command_walls.append(command_wall(options.essay))
        phase_runs.append(phases(options.essay))
        print(
            f"run {run + 1}: command {command_walls[-1]:.2f} s; "
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
        "phase_medians": medians,
        "command_walls": [round(wall, 3) for wall in command_walls],
        "phase_runs": [{k: round(v, 3) for k, v in run.items()} for run in phase_runs],
        "load_average": os.getloadavg()[0],
    }
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: report[k] for k in ("words", "command_wall_median", "phase_medians")}))


if __name__ == "__main__":
    main()
