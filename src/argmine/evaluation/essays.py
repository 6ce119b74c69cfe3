"""End-to-end figures on brat essays in the persuasive-essays format (Stab & Gurevych 2017).

argmine analyses each essay's raw text and is compared with the gold components:

* **units** P/R/F1: a predicted unit matches a gold component when their overlap is at least
  half of each (one-to-one, larger overlaps first);
* **major claim**: the share of essays (with a MajorClaim) whose central claim matches some
  MajorClaim;
* **role macro-F1** over MajorClaim / Claim / Premise on the matched units
  (``central_claim`` → MajorClaim, ``claim`` → Claim, ``premise`` → Premise);
* **relations** P/R/F1: gold relations are the ``R`` lines plus claim → major claim from each
  claim's stance; an edge into any MajorClaim counts as an edge into the thesis. A predicted
  relation is correct when its source and target units match the source and target of a gold
  relation (its direction counts, its kind does not). Every predicted relation except
  ``restatement`` (an equivalence, not an argumentative edge) counts in the precision, every
  gold relation in the recall.

Pooled over essays (micro) except the major-claim rate, which is per essay.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

import attrs

from argmine.training.essays import ComponentKind, Essay, EssaySplit, read_essays
from argmine.types import Analysis, ArgumentUnit, Relation, RelationKind, UnitRole

Label = TypeVar("Label", bound=enum.Enum)

#: The target every edge into a MajorClaim is mapped to.
THESIS = "thesis"

ROLE_LABELS: Mapping[UnitRole, ComponentKind] = {
    UnitRole.CENTRAL_CLAIM: ComponentKind.MAJOR_CLAIM,
    UnitRole.CLAIM: ComponentKind.CLAIM,
    UnitRole.PREMISE: ComponentKind.PREMISE,
}


def half_overlap(first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether two spans overlap by at least half of each of them."""
    overlap = min(first[1], second[1]) - max(first[0], second[0])
    return overlap > 0 and 2 * overlap >= max(first[1] - first[0], second[1] - second[0])


def match_units(
    predicted: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]
) -> dict[int, int]:
    """One-to-one ``predicted index → gold index`` under :func:`half_overlap`."""
    candidates = sorted(
        (
            (min(p[1], g[1]) - max(p[0], g[0]), i, j)
            for i, p in enumerate(predicted)
            for j, g in enumerate(gold)
            if half_overlap(p, g)
        ),
        key=lambda candidate: (-candidate[0], candidate[1], candidate[2]),
    )
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for _overlap, i, j in candidates:
        if i not in matched and j not in taken:
            matched[i] = j
            taken.add(j)
    return matched


def gold_edges(essay: Essay) -> frozenset[tuple[str, str]]:
    """``(source id, target id or THESIS)`` of every gold relation of an essay."""
    majors = {c.id for c in essay.components if c.kind is ComponentKind.MAJOR_CLAIM}

    def target(identifier: str) -> str:
        return THESIS if identifier in majors else identifier

    edges = {(relation.source, target(relation.target)) for relation in essay.relations}
    if majors:
        edges |= {
            (component.id, THESIS)
            for component in essay.components
            if component.kind is ComponentKind.CLAIM and component.id in essay.stances
        }
    return frozenset(edges)


@attrs.frozen
class EssayCounts:
    """What one essay adds to the pooled figures."""

    predicted_units: int
    gold_units: int
    matched_units: int
    #: None when the essay has no MajorClaim (it is left out of the rate).
    major_claim_hit: bool | None
    #: ``(gold kind, predicted kind)`` of every matched unit.
    roles: tuple[tuple[ComponentKind, ComponentKind], ...]
    predicted_relations: int
    gold_relations: int
    correct_relations: int


def score_essay(essay: Essay, analysis: Analysis) -> EssayCounts:
    """Compare argmine's analysis of an essay's text with its gold annotation."""
    units: Sequence[ArgumentUnit] = analysis.units
    components = essay.components
    matched = match_units([(u.start, u.end) for u in units], [(c.start, c.end) for c in components])
    majors = [c for c in components if c.kind is ComponentKind.MAJOR_CLAIM]
    central = [u for u in units if u.role is UnitRole.CENTRAL_CLAIM]
    hit = (
        None
        if not majors
        else any(half_overlap((u.start, u.end), (m.start, m.end)) for u in central for m in majors)
    )
    roles = tuple(
        (components[j].kind, ROLE_LABELS[units[i].role]) for i, j in sorted(matched.items())
    )
    predicted, edges = matched_edges(
        analysis,
        matched,
        [THESIS if c.kind is ComponentKind.MAJOR_CLAIM else c.id for c in components],
    )
    gold = gold_edges(essay)
    return EssayCounts(
        predicted_units=len(units),
        gold_units=len(components),
        matched_units=len(matched),
        major_claim_hit=hit,
        roles=roles,
        predicted_relations=len(predicted),
        gold_relations=len(gold),
        correct_relations=sum(1 for source, target in edges if (source, target) in gold),
    )


def matched_edges(
    analysis: Analysis, matched: Mapping[int, int], component_ids: Sequence[str]
) -> tuple[list[Relation], set[tuple[str | None, str | None]]]:
    """The analysis's support/attack relations, and each as ``(source, target)`` gold ids
    (``component_ids[j]`` for a unit matched to component ``j``, ``None`` for an unmatched one).
    A restatement is neither support nor attack, so it is left out."""
    index = {unit.id: position for position, unit in enumerate(analysis.units)}

    def mapped(unit_id: str) -> str | None:
        position = matched.get(index[unit_id])
        return None if position is None else component_ids[position]

    predicted = [r for r in analysis.relations if r.kind is not RelationKind.RESTATEMENT]
    return predicted, {(mapped(r.source), mapped(r.target)) for r in predicted}


def ratio(part: int, whole: int) -> float:
    """``part / whole``, 0 for an empty whole (no prediction scores no precision)."""
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def macro_f1(pairs: Iterable[tuple[Label, Label]], labels: Iterable[Label] | None = None) -> float:
    """Mean F1 over ``labels`` (default: the three component kinds; an absent one scores 0)
    from ``(gold, predicted)`` pairs."""
    pairs = list(pairs)
    scores = []
    for kind in labels if labels is not None else ComponentKind:
        correct = sum(1 for gold, predicted in pairs if gold is kind and predicted is kind)
        precision = ratio(correct, sum(1 for _gold, predicted in pairs if predicted is kind))
        recall = ratio(correct, sum(1 for gold, _predicted in pairs if gold is kind))
        scores.append(f1(precision, recall))
    return sum(scores) / len(scores)


def pooled_scores(counts: Sequence[EssayCounts]) -> dict[str, float]:
    """The figures of the module docstring over many essays."""
    predicted = sum(c.predicted_units for c in counts)
    gold = sum(c.gold_units for c in counts)
    matched = sum(c.matched_units for c in counts)
    hits = [c.major_claim_hit for c in counts if c.major_claim_hit is not None]
    relations_predicted = sum(c.predicted_relations for c in counts)
    relations_gold = sum(c.gold_relations for c in counts)
    relations_correct = sum(c.correct_relations for c in counts)
    unit_precision, unit_recall = ratio(matched, predicted), ratio(matched, gold)
    relation_precision = ratio(relations_correct, relations_predicted)
    relation_recall = ratio(relations_correct, relations_gold)
    return {
        "essays": len(counts),
        "units_precision": unit_precision,
        "units_recall": unit_recall,
        "units_f1": f1(unit_precision, unit_recall),
        "major_claim": ratio(sum(hits), len(hits)),
        "role_macro_f1": macro_f1(pair for c in counts for pair in c.roles),
        "relations_precision": relation_precision,
        "relations_recall": relation_recall,
        "relations_f1": f1(relation_precision, relation_recall),
    }


def evaluate_essays(
    directory: Path | str,
    split: EssaySplit | None = None,
    *,
    analyze: Callable[[str], Analysis] | None = None,
) -> dict[str, float]:
    """Analyse every essay of a folder (or of one split) and pool the figures.

    ``analyze`` defaults to :func:`argmine.analyze` with the bundled parser.
    """
    if analyze is None:
        from argmine.pipeline import analyze as analyze_text

        def analyze(text: str) -> Analysis:
            return analyze_text(text, parser="bundled")

    essays = read_essays(directory, split)
    return pooled_scores([score_essay(essay, analyze(essay.text)) for essay in essays])


def format_essay_table(results: Mapping[str, float]) -> str:
    """The figures as a short table."""
    rows = [
        ("units", "units_precision", "units_recall", "units_f1"),
        ("relations", "relations_precision", "relations_recall", "relations_f1"),
    ]
    lines = [f"{int(results['essays'])} essays", f"{'':<10} {'P':>6} {'R':>6} {'F1':>6}"]
    for name, *keys in rows:
        lines.append(f"{name:<10} " + " ".join(f"{results[key]:>6.3f}" for key in keys))
    lines.append(f"major claim hit rate {results['major_claim']:.3f}")
    lines.append(f"role macro-F1        {results['role_macro_f1']:.3f}")
    return "\n".join(lines)


__all__ = [
    "THESIS",
    "EssayCounts",
    "evaluate_essays",
    "f1",
    "format_essay_table",
    "gold_edges",
    "half_overlap",
    "macro_f1",
    "match_units",
    "matched_edges",
    "pooled_scores",
    "ratio",
    "score_essay",
]
