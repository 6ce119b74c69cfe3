"""Attacks in whole essays: how many come from an annotated counterclaim, and how often the
report calls the essay's own central claim ``out``.

    PYTHONPATH=src python benchmarks/attack_cues.py [--corpora DIR] [--essays 100]

Over the 20 development-annotated student essays: predicted attack relations whose source
lies in an annotated counterclaim (a claim against the thesis) or one of its premises. Over
the first ``--essays`` of the 600 student essays: the central claim's label in the argument
map (grounded semantics). Parses come from the parse cache (bundled parser).
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

from argmine.evaluation.essays import half_overlap
from argmine.evaluation.student_essays import read_dev_annotation
from argmine.maps import ArgumentMap
from argmine.pipeline import analyze_parsed
from argmine.training.corpora import corpora_root
from argmine.training.parse_cache import parse_cached
from argmine.types import Analysis


def _analysis(path: Path) -> Analysis:
    return analyze_parsed(parse_cached(path.read_text(encoding="utf-8"), parser="bundled"))


def counterclaim_attacks(folder: Path) -> dict[str, int]:
    """Predicted attacks from an annotated counterclaim (or its premises), and the others."""
    counts = collections.Counter[str]()
    for path in sorted((folder / "dev-annotations").glob("*.json")):
        essay = folder / "essays" / f"{path.stem}.txt"
        annotation = read_dev_annotation(path, essay.read_text(encoding="utf-8"))
        against = {i for i, is_for in enumerate(annotation.claims_for) if not is_for}
        spans = [annotation.claims[i] for i in sorted(against)]
        spans += [span for span, claim in annotation.premises if claim in against]
        analysis = _analysis(essay)
        units = {unit.id: unit for unit in analysis.units}
        counts["annotated counterclaims"] += len(against)
        for relation in analysis.relations:
            if relation.kind.is_attack:
                unit = units[relation.source]
                inside = any(
                    half_overlap((unit.start, unit.end), span) or span[0] <= unit.start < span[1]
                    for span in spans
                )
                counts["attacks from a counterclaim" if inside else "other attacks"] += 1
    return dict(counts)


def central_claim_labels(folder: Path, essays: int) -> dict[str, int]:
    """How many essays' central claims are ``in``, ``out`` or ``undecided``."""
    counts = collections.Counter[str]()
    for path in sorted((folder / "essays").glob("*.txt"))[:essays]:
        argument_map = ArgumentMap.from_analysis(_analysis(path))
        central = argument_map.central_claim
        counts["none" if central is None else argument_map.label(central.id).value] += 1
    return dict(counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=None)
    parser.add_argument("--essays", type=int, default=100)
    arguments = parser.parse_args()
    folder = (arguments.corpora or corpora_root()) / "student-essays"
    print("20 annotated essays:", counterclaim_attacks(folder))
    print(
        f"central claim of the first {arguments.essays} essays:",
        central_claim_labels(folder, arguments.essays),
    )


if __name__ == "__main__":
    main()
