"""Enumeration, conditional, conclusion and cause moves on held-out texts: P, R, boundaries.

    python benchmarks/moves_heldout.py [--heldout fixtures/moves-heldout] [--parser bundled]
        [--output benchmarks/results/moves-heldout.json] [--details]

The matching and scoring are :mod:`argmine.evaluation.moves` (see its docstring).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import argmine
from argmine.evaluation.moves import TARGET, TARGETS, evaluate_heldout

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_HELDOUT = ROOT / "fixtures" / "moves-heldout"
DEFAULT_OUTPUT = ROOT / "benchmarks" / "results" / "moves-heldout.json"


def main(argv: Sequence[str] | None = None) -> int:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("--heldout", type=Path, default=DEFAULT_HELDOUT)
    arguments.add_argument("--parser", default="bundled", choices=("bundled", "official", "auto"))
    arguments.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    arguments.add_argument(
        "--details", action="store_true", help="print every miss and false alarm"
    )
    options = arguments.parse_args(argv)
    results = {
        "command": " ".join(["python benchmarks/moves_heldout.py", *(argv or sys.argv[1:])]),
        "parser": options.parser,
        "argmine": argmine.__version__,
        "target": TARGET,
        "targets": TARGETS,
        **evaluate_heldout(options.heldout, options.parser),
    }
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    documents = results["documents"]
    shown = {key: value for key, value in results.items() if key != "documents"}
    print(json.dumps(shown, indent=2))
    if options.details:
        print(json.dumps(documents, indent=2))
    print(f"written to {options.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
