"""End-to-end figures on ElecDeb60to20 debates (US presidential debates, Claim/Premise,
Support/Attack/Equivalent).

The split is fixed by debate year (:func:`argmine.training.corpora.elecdeb.split_of`): train
1960–2004 (32 debates), dev 2008 (4), test 2012 (4); 2016–2020 (5) are set aside. argmine
analyses each debate's raw transcript (speaker-prefixed turns, as distributed) and is compared
with the gold components and the relations anchored to them:

* **units** P/R/F1: a predicted unit matches a gold component when their overlap is at least
  half of each (one-to-one, larger overlaps first; :func:`~argmine.evaluation.essays.match_units`);
* **role macro-F1** over Claim / Premise on the matched units (``central_claim`` and
  ``claim`` → Claim, ``premise`` → Premise);
* **relations** P/R/F1: gold relations are the anchored Support and Attack relations
  (Arg1 → Arg2); a predicted relation is correct when its source and target units match the
  source and target of a gold relation (direction counts, kind does not). Equivalent relations
  and predicted ``restatement`` relations are left out, as in the essay figures.

Pooled over debates (micro). The relations upstream wrote but that cannot be anchored to the
transcript are reported next to the figures and count as gold nowhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import attrs

from argmine.evaluation.essays import f1, macro_f1, match_units, matched_edges, ratio
from argmine.training.corpora.elecdeb import (
    ElecdebDebate,
    ElecdebLabel,
    ElecdebRelationKind,
    ElecdebSplit,
    debate_names,
    read_debates,
)
from argmine.types import Analysis, UnitRole

ROLE_LABELS: Mapping[UnitRole, ElecdebLabel] = {
    UnitRole.CENTRAL_CLAIM: ElecdebLabel.CLAIM,
    UnitRole.CLAIM: ElecdebLabel.CLAIM,
    UnitRole.PREMISE: ElecdebLabel.PREMISE,
}

ARGUMENTATIVE = (ElecdebRelationKind.SUPPORT, ElecdebRelationKind.ATTACK)


@attrs.frozen
class DebateCounts:
    """What one debate adds to the pooled figures."""

    predicted_units: int
    gold_units: int
    matched_units: int
    #: ``(gold label, predicted label)`` of every matched unit.
    roles: tuple[tuple[ElecdebLabel, ElecdebLabel], ...]
    predicted_relations: int
    gold_relations: int
    correct_relations: int
    relations_not_anchored: int


def gold_edges(debate: ElecdebDebate) -> frozenset[tuple[str, str]]:
    """``(source id, target id)`` of every anchored Support or Attack relation."""
    return frozenset((r.source, r.target) for r in debate.relations if r.kind in ARGUMENTATIVE)


def score_debate(debate: ElecdebDebate, analysis: Analysis) -> DebateCounts:
    """Compare argmine's analysis of a transcript with the debate's gold annotation."""
    units, components = analysis.units, debate.components
    matched = match_units([(u.start, u.end) for u in units], [(c.start, c.end) for c in components])
    predicted, edges = matched_edges(analysis, matched, [c.id for c in components])
    gold = gold_edges(debate)
    return DebateCounts(
        predicted_units=len(units),
        gold_units=len(components),
        matched_units=len(matched),
        roles=tuple(
            (components[j].label, ROLE_LABELS[units[i].role]) for i, j in sorted(matched.items())
        ),
        predicted_relations=len(predicted),
        gold_relations=len(gold),
        correct_relations=sum(1 for edge in edges if edge in gold),
        relations_not_anchored=debate.anchoring.relations_not_anchored,
    )


def pooled_debate_scores(counts: Sequence[DebateCounts]) -> dict[str, float]:
    """The figures of the module docstring over many debates."""
    unit_precision = ratio(
        sum(c.matched_units for c in counts), sum(c.predicted_units for c in counts)
    )
    unit_recall = ratio(sum(c.matched_units for c in counts), sum(c.gold_units for c in counts))
    correct = sum(c.correct_relations for c in counts)
    relation_precision = ratio(correct, sum(c.predicted_relations for c in counts))
    relation_recall = ratio(correct, sum(c.gold_relations for c in counts))
    return {
        "debates": len(counts),
        "gold_units": sum(c.gold_units for c in counts),
        "gold_relations": sum(c.gold_relations for c in counts),
        "relations_not_anchored": sum(c.relations_not_anchored for c in counts),
        "units_precision": unit_precision,
        "units_recall": unit_recall,
        "units_f1": f1(unit_precision, unit_recall),
        "role_macro_f1": macro_f1((pair for c in counts for pair in c.roles), ElecdebLabel),
        "relations_precision": relation_precision,
        "relations_recall": relation_recall,
        "relations_f1": f1(relation_precision, relation_recall),
    }


def _analyze_cached(text: str) -> Analysis:
    """:func:`argmine.pipeline.analyze_parsed` on the cached bundled parse (a transcript takes
    minutes to parse)."""
    from argmine.pipeline import analyze_parsed
    from argmine.training.parse_cache import parse_cached

    return analyze_parsed(parse_cached(text, parser="bundled"))


def evaluate_elecdeb(
    folder: Path | str,
    split: ElecdebSplit = ElecdebSplit.TEST,
    *,
    limit: int | None = None,
    analyze: Callable[[str], Analysis] | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, float]:
    """Analyse the debates of one split (the first ``limit`` by number) and pool the figures.

    ``analyze`` defaults to :func:`argmine.pipeline.analyze_parsed` on the bundled parser's
    cached parse.
    """
    names = debate_names(folder, split)[:limit]
    run = analyze if analyze is not None else _analyze_cached
    counts = []
    for debate in read_debates(folder, names):
        counts.append(score_debate(debate, run(debate.text)))
        if progress is not None:
            progress(debate.name)
    return pooled_debate_scores(counts)


def format_elecdeb_table(results: Mapping[str, float]) -> str:
    """The figures as a short table."""
    rows = [
        ("units", "units_precision", "units_recall", "units_f1"),
        ("relations", "relations_precision", "relations_recall", "relations_f1"),
    ]
    lines = [
        f"{int(results['debates'])} debates, {int(results['gold_units'])} gold components, "
        f"{int(results['gold_relations'])} gold relations "
        f"({int(results['relations_not_anchored'])} not anchored, left out)",
        f"{'':<10} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for name, *keys in rows:
        lines.append(f"{name:<10} " + " ".join(f"{results[key]:>6.3f}" for key in keys))
    lines.append(f"role macro-F1 (Claim/Premise) {results['role_macro_f1']:.3f}")
    return "\n".join(lines)


__all__ = [
    "DebateCounts",
    "evaluate_elecdeb",
    "format_elecdeb_table",
    "gold_edges",
    "pooled_debate_scores",
    "score_debate",
]
