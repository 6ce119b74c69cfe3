"""argmine's whole-text structure against the issue's rule prior, on the same units.

    PYTHONPATH=src python benchmarks/rule_prior.py [--corpora DIR]

Issue 15 quotes a rule prior of about 60 lines that a learned design must clearly beat:
the thesis is the last unit of the first paragraph with a stance marker ("I believe",
"should"; the last unit when none has one); in each body paragraph the first unit, or its
first "therefore/thus" unit, is a claim supporting the thesis and the other units support
it; the conclusion's first unit restates the thesis (a MajorClaim) and the other units
support it; the introduction's other units support the thesis. Here the prior is applied to
argmine's own units, so that units F1 is the same for both and only the structure differs,
and both are scored with the persuasive-essays metrics of :mod:`argmine.evaluation.essays`
on the 20 development-annotated student essays (read in that scheme) and the three fixture
essays in ``fixtures/essays``. Parses come from the parse cache (bundled parser).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable
from pathlib import Path

import attrs

from argmine.evaluation.essays import EssayCounts, pooled_scores, score_essay
from argmine.evaluation.student_essays import as_persuasive_essay, read_dev_annotation
from argmine.pipeline import analyze_parsed
from argmine.training.corpora import corpora_root
from argmine.training.essays import Essay, read_essays
from argmine.training.parse_cache import parse_cached
from argmine.types import Analysis, ArgumentUnit, ParagraphPlace, Relation, RelationKind, UnitRole

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "essays"
#: The prior's own cues, as the issue states them (not argmine's lexicon on purpose).
STANCE = re.compile(
    r"\b(?:i (?:strongly |firmly )?(?:believe|think|feel|agree|disagree)|in my opinion|"
    r"should|must|ought to|need to)\b",
    re.IGNORECASE,
)
INFERENCE = re.compile(r"^\W*(?:therefore|thus|hence|so|consequently|as a result)\b", re.I)
FIGURES = ("units_f1", "major_claim", "role_macro_f1", "relations_f1")


def rule_prior(analysis: Analysis) -> Analysis:
    """The same units with the prior's roles and relations."""
    paragraphs = analysis.layout.paragraphs if analysis.layout is not None else ()
    groups: dict[int, list[ArgumentUnit]] = {}
    for unit in analysis.units:
        place = max((i for i, p in enumerate(paragraphs) if p.start <= unit.start), default=0)
        groups.setdefault(place, []).append(unit)
    if not groups:
        return analysis
    order = sorted(groups)
    introduction = groups[order[0]]
    thesis = ([u for u in introduction if STANCE.search(u.text)] or introduction)[-1]
    roles = {thesis.id: UnitRole.CENTRAL_CLAIM}
    edges = [(u.id, thesis.id, RelationKind.SUPPORT) for u in introduction if u is not thesis]
    for index in order[1:]:
        units = groups[index]
        closing = index == order[-1] and paragraphs[index].place is ParagraphPlace.CONCLUSION
        if closing:
            head = units[0]
            roles[head.id] = UnitRole.CENTRAL_CLAIM
            edges.append((head.id, thesis.id, RelationKind.RESTATEMENT))
        else:
            head = next((u for u in units if INFERENCE.match(u.text)), units[0])
            roles[head.id] = UnitRole.CLAIM
            edges.append((head.id, thesis.id, RelationKind.SUPPORT))
        edges += [(u.id, head.id, RelationKind.SUPPORT) for u in units if u is not head]
    units = tuple(attrs.evolve(u, role=roles.get(u.id, UnitRole.PREMISE)) for u in analysis.units)
    relations = tuple(
        Relation(f"r{number}", source, target, kind, 1.0)
        for number, (source, target, kind) in enumerate(edges, start=1)
    )
    return attrs.evolve(analysis, units=units, relations=relations)


def compare(essays: Iterable[Essay]) -> dict[str, dict[str, float]]:
    """Pooled figures of argmine and of the prior on argmine's units."""
    own: list[EssayCounts] = []
    prior: list[EssayCounts] = []
    for essay in essays:
        analysis = analyze_parsed(parse_cached(essay.text, parser="bundled"))
        own.append(score_essay(essay, analysis))
        prior.append(score_essay(essay, rule_prior(analysis)))
    return {
        name: {figure: round(pooled_scores(counts)[figure], 3) for figure in FIGURES}
        for name, counts in (("argmine", own), ("rule prior", prior))
    }


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--corpora", type=Path, default=None)
    folder = (arguments.parse_args().corpora or corpora_root()) / "student-essays"
    student = []
    for path in sorted((folder / "dev-annotations").glob("*.json")):
        text = (folder / "essays" / f"{path.stem}.txt").read_text(encoding="utf-8")
        student.append(as_persuasive_essay(read_dev_annotation(path, text), text))
    for name, essays in (("student essays (20)", student), ("fixture essays (3)", None)):
        results = compare(essays if essays is not None else read_essays(FIXTURES))
        for system, figures in results.items():
            print(f"{name:20} {system:10}", "  ".join(f"{k} {v:.3f}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
