"""Figures on the 20 development-annotated student essays (``student-essays/dev-annotations``).

Each ``<id>.json`` gives an essay's layout lines, thesis, its restatements and its claims
(see the corpus README). argmine analyses ``essays/<id>.txt`` from raw text and three figures
are reported, for error analysis (20 essays are too few to tune on):

* **central claim is the thesis**: essays whose central claim matches the thesis or one of
  its restatements;
* **claims** P/R: units with role ``claim`` against the annotated claims;
* **layout lines as units**: annotated layout lines (title, prompt, salutation …) that a unit
  covers at least half of;
* the **persuasive-essays figures** of :mod:`argmine.evaluation.essays` (units, major claim,
  role macro-F1, relations), with the annotation read in that scheme
  (:func:`as_persuasive_essay`): the thesis and its restatements are MajorClaims, the claims
  Claims with their stance, the premises Premises supporting their claim or the thesis, and
  a claim that answers a counterclaim attacks it. They are a first figure on real student
  writing for the hidden persuasive-essays targets, not a substitute for them.

"Matches" is :func:`argmine.evaluation.essays.half_overlap`: an overlap of at least half of
each span, claims matched one-to-one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from argmine.errors import CorpusError
from argmine.evaluation.essays import (
    format_essay_table,
    half_overlap,
    match_units,
    pooled_scores,
    score_essay,
)
from argmine.training.essays import (
    ComponentKind,
    Essay,
    EssayComponent,
    EssayRelation,
    EssayRelationKind,
    EssayStance,
)
from argmine.types import Analysis, UnitRole

Bounds = tuple[int, int]


@attrs.frozen
class DevAnnotation:
    """One essay's development annotation, its spans checked against the essay text.

    ``claims_for[i]`` tells whether claim ``i`` argues for the thesis; ``answered_by[i]`` the
    claims that answer it; each premise is its span and the claim it supports (``None``: the
    thesis).
    """

    essay: str
    layout: tuple[Bounds, ...]
    thesis: Bounds
    restatements: tuple[Bounds, ...]
    claims: tuple[Bounds, ...]
    claims_for: tuple[bool, ...] = ()
    answered_by: tuple[tuple[int, ...], ...] = ()
    premises: tuple[tuple[Bounds, int | None], ...] = ()


def _bounds(path: Path, item: Any, text: str) -> Bounds:
    try:
        start, end, quoted = int(item["start"]), int(item["end"]), item["text"]
    except (KeyError, TypeError, ValueError):
        raise CorpusError(path, f"a span needs start, end and text: {item!r}") from None
    if text[start:end] != quoted:
        raise CorpusError(path, f"span {start}-{end} is not {quoted!r} in the essay text")
    return start, end


def read_dev_annotation(path: Path | str, text: str) -> DevAnnotation:
    """Read one ``dev-annotations/<id>.json`` and check its spans against the essay text."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        thesis = data["thesis"]
        lists = [data[key] for key in ("layout", "restatements", "claims", "premises")]
        claims_for = tuple(claim["stance"] == "for" for claim in data["claims"])
        answered_by = tuple(tuple(int(j) for j in c["answered_by"]) for c in data["claims"])
        supported = [premise["supports"] for premise in data["premises"]]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CorpusError(path, f"not a development annotation: {error}") from None
    if not all(isinstance(value, list) for value in lists):
        raise CorpusError(path, "layout, restatements, claims and premises must be lists")
    layout, restatements, claims, premise_spans = (
        tuple(_bounds(path, item, text) for item in value) for value in lists
    )
    targets: list[int | None] = []
    for target in supported:
        if target == "thesis":
            targets.append(None)
        elif isinstance(target, int) and 0 <= target < len(claims):
            targets.append(target)
        else:
            raise CorpusError(path, f"a premise supports {target!r}: not a claim or the thesis")
    for countered, answering in enumerate(answered_by):
        for answer in answering:
            if not 0 <= answer < len(claims):
                raise CorpusError(path, f"claim {countered} is answered by unknown claim {answer}")
    return DevAnnotation(
        path.stem,
        layout,
        _bounds(path, thesis, text),
        restatements,
        claims,
        claims_for,
        answered_by,
        tuple(zip(premise_spans, targets, strict=True)),
    )


def as_persuasive_essay(annotation: DevAnnotation, text: str) -> Essay:
    """A development annotation in the persuasive-essays scheme (see the module docstring)."""
    components: list[EssayComponent] = []
    relations: list[EssayRelation] = []

    def add(kind: ComponentKind, bounds: Bounds) -> str:
        identifier = f"T{len(components) + 1}"
        components.append(EssayComponent(identifier, kind, *bounds, text[bounds[0] : bounds[1]]))
        return identifier

    def relate(kind: EssayRelationKind, source: str, target: str) -> None:
        relations.append(EssayRelation(f"R{len(relations) + 1}", kind, source, target))

    thesis = add(ComponentKind.MAJOR_CLAIM, annotation.thesis)
    for restatement in annotation.restatements:
        add(ComponentKind.MAJOR_CLAIM, restatement)
    claim_ids = [add(ComponentKind.CLAIM, claim) for claim in annotation.claims]
    for bounds, target in annotation.premises:
        source = add(ComponentKind.PREMISE, bounds)
        relate(EssayRelationKind.SUPPORTS, source, thesis if target is None else claim_ids[target])
    for countered, answering in enumerate(annotation.answered_by):
        for answer in answering:
            relate(EssayRelationKind.ATTACKS, claim_ids[answer], claim_ids[countered])
    stances = [EssayStance.FOR if good else EssayStance.AGAINST for good in annotation.claims_for]
    return Essay(
        annotation.essay, text, components, dict(zip(claim_ids, stances, strict=True)), relations
    )


@attrs.frozen
class StudentEssayCounts:
    """What one essay adds to the figures."""

    central_claim_is_thesis: bool
    predicted_claims: int
    gold_claims: int
    matched_claims: int
    layout_lines: int
    layout_lines_as_units: int


def score_student_essay(annotation: DevAnnotation, analysis: Analysis) -> StudentEssayCounts:
    """Compare an analysis of the essay with its development annotation."""
    units = analysis.units
    central = [(u.start, u.end) for u in units if u.role is UnitRole.CENTRAL_CLAIM]
    theses = (annotation.thesis, *annotation.restatements)
    claims = [(u.start, u.end) for u in units if u.role is UnitRole.CLAIM]

    def covered(line: Bounds) -> bool:
        return any(
            2 * (min(u.end, line[1]) - max(u.start, line[0])) >= line[1] - line[0] for u in units
        )

    return StudentEssayCounts(
        central_claim_is_thesis=any(half_overlap(c, t) for c in central for t in theses),
        predicted_claims=len(claims),
        gold_claims=len(annotation.claims),
        matched_claims=len(match_units(claims, annotation.claims)),
        layout_lines=len(annotation.layout),
        layout_lines_as_units=sum(1 for line in annotation.layout if covered(line)),
    )


def pooled_student_scores(counts: Sequence[StudentEssayCounts]) -> dict[str, float]:
    predicted = sum(c.predicted_claims for c in counts)
    gold = sum(c.gold_claims for c in counts)
    matched = sum(c.matched_claims for c in counts)
    return {
        "essays": len(counts),
        "central_claim_is_thesis": sum(c.central_claim_is_thesis for c in counts),
        "claims_precision": matched / predicted if predicted else 0.0,
        "claims_recall": matched / gold if gold else 0.0,
        "layout_lines": sum(c.layout_lines for c in counts),
        "layout_lines_as_units": sum(c.layout_lines_as_units for c in counts),
    }


def evaluate_student_essays(
    folder: Path | str, *, analyze: Callable[[str], Analysis] | None = None
) -> dict[str, Any]:
    """The figures over every annotated essay of ``student-essays/`` (``folder``)."""
    folder = Path(folder)
    annotations = sorted((folder / "dev-annotations").glob("*.json"))
    if not annotations:
        raise CorpusError(folder / "dev-annotations", "no development annotations")
    if analyze is None:
        from argmine.pipeline import analyze as analyze_text

        def analyze(text: str) -> Analysis:
            return analyze_text(text, parser="bundled")

    counts = []
    scheme_counts = []
    for path in annotations:
        essay = folder / "essays" / f"{path.stem}.txt"
        if not essay.is_file():
            raise CorpusError(essay, "essay text not found")
        text = essay.read_text(encoding="utf-8")
        annotation, analysis = read_dev_annotation(path, text), analyze(text)
        counts.append(score_student_essay(annotation, analysis))
        scheme_counts.append(score_essay(as_persuasive_essay(annotation, text), analysis))
    results: dict[str, Any] = dict(pooled_student_scores(counts))
    results["persuasive_essays"] = pooled_scores(scheme_counts)
    return results


def format_student_table(results: Mapping[str, Any]) -> str:
    lines = [
        f"central claim is the thesis or a restatement: "
        f"{int(results['central_claim_is_thesis'])} of {int(results['essays'])} essays",
        f"claims: P {results['claims_precision']:.3f} R {results['claims_recall']:.3f}",
        f"layout lines that became units: {int(results['layout_lines_as_units'])} of "
        f"{int(results['layout_lines'])}",
    ]
    if "persuasive_essays" in results:
        scheme = format_essay_table(results["persuasive_essays"])
        lines += ["", "in the persuasive-essays scheme:", scheme]
    return "\n".join(lines)
