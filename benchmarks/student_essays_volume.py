"""Volume check on the student essays: every essay analysed, one tree each, spans valid.

    python benchmarks/student_essays_volume.py [--every N] [--corpora DIR]

Analyses every N-th essay of ``shared/corpora/student-essays/essays`` (N = 1: all 600) with
the bundled parser and checks each analysis: exactly one central claim (its restatement
aside), every other unit with exactly one outgoing relation, no cycle, every unit's text
equal to its span, no unit on a layout span, and a JSON round trip. Prints the counts and
the share of time in argmine's own stages (everything after the parse).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import argmine
from argmine.parsing import parse
from argmine.pipeline import analyze_parsed
from argmine.training.corpora import corpora_root
from argmine.types import Analysis, RelationKind, UnitRole


def problems(analysis: Analysis) -> list[str]:
    """What is wrong with an analysis (empty when it is one valid tree)."""
    found = []
    units = {unit.id: unit for unit in analysis.units}
    parent = {relation.source: relation.target for relation in analysis.relations}
    restating = {r.source for r in analysis.relations if r.kind is RelationKind.RESTATEMENT}
    central = [
        unit.id
        for unit in analysis.units
        if unit.role is UnitRole.CENTRAL_CLAIM and unit.id not in restating
    ]
    if analysis.units and len(central) != 1:
        found.append(f"{len(central)} central claims (not counting restatements)")
    if len(parent) != len(analysis.relations) or len(parent) != max(0, len(units) - 1):
        found.append("not one outgoing relation per non-central unit")
    for unit_id in units:
        seen, node = set(), unit_id
        while node in parent and node not in seen:
            seen.add(node)
            node = parent[node]
        if node in seen or (central and node != central[0]):
            found.append(f"{unit_id} does not reach the central claim")
    for unit in analysis.units:
        if analysis.text[unit.start : unit.end] != unit.text:
            found.append(f"{unit.id} text differs from its span")
    for span in analysis.layout.spans if analysis.layout else ():
        if any(unit.start < span.end and span.start < unit.end for unit in analysis.units):
            found.append(f"a unit lies on the {span.kind.value} line")
    if argmine.from_json(argmine.to_json(analysis)) != analysis:
        found.append("JSON round trip differs")
    return found


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--every", type=int, default=1)
    arguments.add_argument("--corpora", type=Path, default=None)
    options = arguments.parse_args()
    folder = (options.corpora or corpora_root()) / "student-essays" / "essays"
    paths = sorted(folder.glob("*.txt"))[:: options.every]
    counts: Counter[str] = Counter()
    parse_seconds = own_seconds = 0.0
    for path in paths:
        started = time.perf_counter()
        parsed = parse(path.read_text(encoding="utf-8"), parser="bundled")
        parsed_at = time.perf_counter()
        analysis = analyze_parsed(parsed)
        own_seconds += time.perf_counter() - parsed_at
        parse_seconds += parsed_at - started
        found = problems(analysis)
        counts["essays"] += 1
        counts["valid"] += not found
        counts["units"] += len(analysis.units)
        counts["layout spans"] += len(analysis.layout.spans) if analysis.layout else 0
        for problem in found:
            print(f"{path.stem}: {problem}")
    print(
        f"{counts['valid']} of {counts['essays']} essays are one valid tree; "
        f"{counts['units']} units, {counts['layout spans']} layout spans; "
        f"parse {parse_seconds:.1f} s, own stages {own_seconds:.1f} s "
        f"({100 * own_seconds / parse_seconds:.1f} % of the parse)"
    )
    return 0 if counts["valid"] == counts["essays"] else 1


if __name__ == "__main__":
    sys.exit(main())
