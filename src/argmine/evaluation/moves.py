"""Enumeration, conditional, conclusion and cause moves on argmine's held-out texts: precision,
recall, boundaries.

``benchmarks/moves_heldout.py`` runs :func:`evaluate_heldout` on ``fixtures/moves-heldout``.
Every ``<name>.txt`` in the held-out folder has a ``<name>.gold.json`` (see its README). The
texts go through :func:`argmine.analyze` as a user would run it (shipped sense model included).
A predicted move matches a gold move of the same kind (and, for conditionals, the same
condition) when their markers overlap (any part of a discontinuous marker such as "not …
unless") or their first items overlap
(enumerations); each gold move matches at most one prediction. Conclusions and causes
are matched by marker like conditionals and scored for precision and recall only. Boundary
errors are the absolute character distances of the start and of the end of each matched
part: the items of matched enumerations (paired by overlap) and the antecedents and
consequents of matched conditionals.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import argmine
from argmine.parsing import ParserSource
from argmine.types import (
    AnyMove,
    Cause,
    Conclusion,
    Conditional,
    Enumeration,
    EnumerationItem,
    Span,
)

CONDITIONS = ("necessary", "sufficient", "exception")
#: The issue's target for enumerations and conditionals.
TARGET = {"precision": 0.90, "recall": 0.85}
#: The issue's targets for conclusions and causes (set on arg-microtexts part 2; the cause
#: precision is its "all kinds P ≥ .90").
TARGETS = {
    "conclusion": {"precision": 0.85, "recall": 0.70},
    "cause": {"precision": 0.90, "recall": 0.85},
}
#: "Within a few characters of the clause edges".
NEAR = 5

Gold = dict[str, Any]
G = TypeVar("G")
P = TypeVar("P")


# -- gold ------------------------------------------------------------------------------------


def load_gold(path: Path) -> tuple[str, Gold]:
    """A held-out text and its gold annotation, every quoted span checked against the text."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    text = (path.parent / gold["text_file"]).read_text(encoding="utf-8")
    for quoted in _quoted_spans(gold):
        if text[quoted["start"] : quoted["end"]] != quoted["text"]:
            raise ValueError(f"{path.name}: {quoted} does not match the text")
    return text, gold


def _quoted_spans(gold: Gold) -> Iterable[dict[str, Any]]:
    for enumeration in gold["enumerations"]:
        for item in enumeration["items"]:
            yield item
            yield item["marker"]
        if enumeration["announced"]:
            yield enumeration["announced"]
    for conditional in gold["conditionals"]:
        yield from (conditional[name] for name in ("marker", "antecedent", "consequent"))
    for conclusion in gold["conclusions"]:
        yield from (conclusion[name] for name in ("marker", "scope"))
    for cause in gold["causes"]:
        yield from (cause[name] for name in ("marker", "cause", "effect") if cause[name])
    for negative in gold["negatives"]:
        yield negative["cue"]


# -- matching --------------------------------------------------------------------------------


def _overlap(first: Span | EnumerationItem, second: Span | EnumerationItem) -> bool:
    return first.start < second.end and second.start < first.end


def _span(quoted: dict[str, Any]) -> Span:
    return Span(quoted["start"], quoted["end"])


MarkedMove = Conditional | Cause | Conclusion


def marker_spans(text: str, move: MarkedMove) -> list[Span]:
    """Where the parts of a predicted move's marker are: the move only names them.

    Each part ("not" and "unless" of "not … unless") as written inside the move (ignoring
    case), outside its clauses where possible ("Had we known" keeps it inside), nearest the
    antecedent, the cause or the scope.
    """
    if isinstance(move, Conditional):
        anchor, parts = move.antecedent, [move.antecedent, move.consequent]
    elif isinstance(move, Cause):
        parts = [part for part in (move.cause, move.effect) if part is not None]
        anchor = parts[0] if parts else Span(move.start, move.start)
    else:
        anchor, parts = move.scope, [move.scope]
    return [_part_span(text, move, part, anchor, parts) for part in move.marker.split(" … ")]


def _part_span(text: str, move: MarkedMove, needle: str, anchor: Span, parts: list[Span]) -> Span:
    found = []
    lowered, needle = text.lower(), needle.lower()
    position = lowered.find(needle, move.start, move.end)
    while position >= 0:
        found.append(Span(position, position + len(needle)))
        position = lowered.find(needle, position + 1, move.end)
    if not found:
        return Span(move.start, move.start)
    outside = [span for span in found if not any(_overlap(span, part) for part in parts)]

    def distance(span: Span) -> int:
        return max(anchor.start - span.end, span.start - anchor.end, 0)

    return min(outside or found, key=distance)


def _pair(
    gold: Sequence[G], predicted: Sequence[P], same: Callable[[G, P], bool]
) -> tuple[list[tuple[G, P]], list[G], list[P]]:
    """Greedy one-to-one matching in reading order: (pairs, missed gold, spurious predictions)."""
    pairs = []
    free = list(predicted)
    missed = []
    for expected in gold:
        partner = next((move for move in free if same(expected, move)), None)
        if partner is None:
            missed.append(expected)
        else:
            free.remove(partner)
            pairs.append((expected, partner))
    return pairs, missed, free


def _boundary_errors(gold: dict[str, Any], span: Span) -> list[int]:
    return [abs(span.start - gold["start"]), abs(span.end - gold["end"])]


def score_document(text: str, gold: Gold, moves: Sequence[AnyMove]) -> dict[str, Any]:
    """Matches, misses, false alarms and boundary errors of one text's predicted moves."""
    enumerations = [move for move in moves if isinstance(move, Enumeration)]
    conditionals = [move for move in moves if isinstance(move, Conditional)]
    marked: dict[str, list[MarkedMove]] = {
        "conclusion": [move for move in moves if isinstance(move, Conclusion)],
        "cause": [move for move in moves if isinstance(move, Cause)],
    }

    def same_enumeration(expected: Gold, move: Enumeration) -> bool:
        return _overlap(_span(expected["items"][0]), move.items[0])

    def same_conditional(expected: Gold, move: Conditional) -> bool:
        marker = _span(expected["marker"])
        return expected["condition"] == move.condition.value and any(
            _overlap(marker, part) for part in marker_spans(text, move)
        )

    def same_marker(expected: Gold, move: MarkedMove) -> bool:
        marker = _span(expected["marker"])
        return any(_overlap(marker, part) for part in marker_spans(text, move))

    scored = {
        kind: _pair(gold[f"{kind}s"], marked[kind], same_marker) for kind in ("conclusion", "cause")
    }
    enumeration_pairs, missed_enumerations, extra_enumerations = _pair(
        gold["enumerations"], enumerations, same_enumeration
    )
    conditional_pairs, missed_conditionals, extra_conditionals = _pair(
        gold["conditionals"], conditionals, same_conditional
    )
    items: list[int] = []
    gold_items = found_items = announced_right = complete_right = 0
    for expected, move in enumeration_pairs:
        gold_items += len(expected["items"])
        item_pairs, _, _ = _pair(
            expected["items"], move.items, lambda item, predicted: _overlap(_span(item), predicted)
        )
        found_items += len(item_pairs)
        for item, predicted in item_pairs:
            items += _boundary_errors(item, Span(predicted.start, predicted.end))
        count = move.announced.count if move.announced else None
        gold_count = expected["announced"]["count"] if expected["announced"] else None
        announced_right += count == gold_count
        complete_right += move.complete == expected["complete"]
    antecedents: list[int] = []
    consequents: list[int] = []
    for expected, conditional in conditional_pairs:
        antecedents += _boundary_errors(expected["antecedent"], conditional.antecedent)
        consequents += _boundary_errors(expected["consequent"], conditional.consequent)
    return {
        "counts": {
            "enumeration": _counts(enumeration_pairs, missed_enumerations, extra_enumerations),
            **{
                condition: _counts(
                    [pair for pair in conditional_pairs if pair[0]["condition"] == condition],
                    [move for move in missed_conditionals if move["condition"] == condition],
                    [move for move in extra_conditionals if move.condition.value == condition],
                )
                for condition in CONDITIONS
            },
            **{kind: _counts(*result) for kind, result in scored.items()},
        },
        "errors": {"items": items, "antecedents": antecedents, "consequents": consequents},
        "items": {"gold": gold_items, "found": found_items},
        "announced_right": announced_right,
        "complete_right": complete_right,
        "negatives_hit": _negatives_hit(
            text, gold, enumerations, {"conditional": conditionals, **marked}
        ),
        "missed": [_describe_gold(move) for move in missed_enumerations + missed_conditionals]
        + [
            f"{kind} {_describe_marked(move)}"
            for kind, result in scored.items()
            for move in result[1]
        ],
        "spurious": [_describe_move(text, move) for move in extra_enumerations]
        + [_describe_move(text, move) for move in extra_conditionals]
        + [_describe_move(text, move) for result in scored.values() for move in result[2]],
    }


def _counts(
    pairs: Sequence[object], missed: Sequence[object], extra: Sequence[object]
) -> dict[str, int]:
    return {"tp": len(pairs), "fn": len(missed), "fp": len(extra)}


def _negatives_hit(
    text: str,
    gold: Gold,
    enumerations: list[Enumeration],
    marked: dict[str, Sequence[MarkedMove]],
) -> list[str]:
    """Negative cues ("the first time", "I wonder if", purpose "so that") that a predicted move
    of their kind took for a marker."""
    hit = []
    for negative in gold["negatives"]:
        cue = _span(negative["cue"])
        if negative["kind"] == "enumeration":
            taken = any(
                _overlap(cue, Span(item.start, item.start + len(item.marker)))
                for move in enumerations
                for item in move.items
            )
        else:
            taken = any(
                _overlap(cue, part)
                for move in marked[negative["kind"]]
                for part in marker_spans(text, move)
            )
        if taken:
            hit.append(f"{negative['kind']}: {negative['cue']['text']!r} ({negative['note']})")
    return hit


def _describe_gold(move: Gold) -> str:
    if "items" in move:
        return f"enumeration {move['items'][0]['text'][:60]!r}"
    return f"{move['condition']} {move['marker']['text']!r}: {move['antecedent']['text'][:60]!r}"


def _describe_marked(move: Gold) -> str:
    clause: dict[str, Any] = move.get("scope") or move["effect"]
    return f"{move['marker']['text']!r} at {move['marker']['start']}: {clause['text'][:60]!r}"


def _describe_move(text: str, move: Enumeration | MarkedMove) -> str:
    if isinstance(move, Enumeration):
        first = move.items[0]
        return f"enumeration {text[first.start : first.end][:60]!r}"
    if not isinstance(move, Conditional):
        where = marker_spans(text, move)[0].start
        clause = move.scope if isinstance(move, Conclusion) else move.effect or move
        said = text[clause.start : clause.end][:60]
        return f"{move.kind.value} {move.marker!r} at {where}: {said!r}"
    antecedent = text[move.antecedent.start : move.antecedent.end]
    return f"{move.condition.value} {move.marker!r}: {antecedent[:60]!r}"


# -- totals ----------------------------------------------------------------------------------


def _rates(counts: dict[str, int], target: dict[str, float] = TARGET) -> dict[str, Any]:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        **counts,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "meets_target": precision >= target["precision"] and recall >= target["recall"],
    }


def _add(total: dict[str, int], counts: dict[str, int]) -> dict[str, int]:
    return {key: total.get(key, 0) + value for key, value in counts.items()}


def _errors(values: list[int]) -> dict[str, Any]:
    if not values:
        return {"boundaries": 0, "mean": None, "max": None, f"within_{NEAR}": None}
    near = sum(value <= NEAR for value in values) / len(values)
    return {
        "boundaries": len(values),
        "mean": round(statistics.fmean(values), 2),
        "max": max(values),
        f"within_{NEAR}": round(near, 3),
    }


def summarise(documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Precision, recall and F1 per kind and condition, boundary errors, per-text details."""
    totals: dict[str, dict[str, int]] = {}
    errors: dict[str, list[int]] = {"items": [], "antecedents": [], "consequents": []}
    items = {"gold": 0, "found": 0}
    announced = complete = matched = 0
    for result in documents.values():
        for key, counts in result["counts"].items():
            totals[key] = _add(totals.get(key, {}), counts)
        for key, values in result["errors"].items():
            errors[key] += values
        items = _add(items, result["items"])
        announced += result["announced_right"]
        complete += result["complete_right"]
        matched += result["counts"]["enumeration"]["tp"]
    conditional: dict[str, int] = {}
    for condition in CONDITIONS:
        conditional = _add(conditional, totals[condition])
    return {
        "enumeration": {
            **_rates(totals["enumeration"]),
            "items_found": f"{items['found']}/{items['gold']}",
            "announced_count_right": f"{announced}/{matched}",
            "complete_right": f"{complete}/{matched}",
        },
        "conditional": {
            **_rates(conditional),
            "by_condition": {condition: _rates(totals[condition]) for condition in CONDITIONS},
        },
        **{kind: _rates(totals[kind], target) for kind, target in TARGETS.items()},
        "boundary_error_chars": {key: _errors(values) for key, values in errors.items()},
        "documents": {
            name: {key: result[key] for key in ("missed", "spurious", "negatives_hit")}
            for name, result in documents.items()
        },
    }


def evaluate_heldout(heldout: Path, parser: ParserSource = "bundled") -> dict[str, Any]:
    """Analyse every held-out text with :func:`argmine.analyze` and score its moves
    (:func:`summarise` of :func:`score_document` per text)."""
    documents = {}
    for path in sorted(heldout.glob("*.gold.json")):
        text, gold = load_gold(path)
        analysis = argmine.analyze(text, parser=parser)
        documents[path.name.removesuffix(".gold.json")] = score_document(text, gold, analysis.moves)
    return summarise(documents)
