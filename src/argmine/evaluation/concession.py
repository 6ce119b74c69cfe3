"""Contrast or concession on GUM's test documents: accuracy against the majority baseline.

``argmine evaluate concession`` trains on GUM train + dev (:mod:`argmine.training.concession`)
and scores the explicit Comparison relations of the test split whose connective is one of
:data:`~argmine.moves.senses.CONCESSION_MARKERS`, per marker as well.
"""

from __future__ import annotations

import collections
from pathlib import Path
from typing import Any

from argmine.moves.senses import ConcessionClassifier
from argmine.training.concession import PARAMS, concession_data
from argmine.training.corpora.gum import Split


def evaluate_concession(gum_dir: Path | str) -> dict[str, Any]:
    """Accuracy of the classifier and of the majority label (of the training data) on test."""
    contexts, labels = concession_data(gum_dir, Split.TRAIN)
    more_contexts, more_labels = concession_data(gum_dir, Split.DEV)
    contexts += more_contexts
    labels += more_labels
    test_contexts, test_labels = concession_data(gum_dir, Split.TEST)
    model = ConcessionClassifier(**PARAMS).fit(contexts, labels)
    predicted = [str(label) for label in model.predict(test_contexts)]
    majority = collections.Counter(labels).most_common(1)[0][0]
    by_marker: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for context, gold, guess in zip(test_contexts, test_labels, predicted, strict=True):
        counts = by_marker[context.marker]
        counts["n"] += 1
        counts["right"] += gold == guess
        counts["majority_right"] += gold == majority
        counts[gold] += 1
    total = len(test_labels)
    return {
        "train_examples": len(labels),
        "train_labels": dict(sorted(collections.Counter(labels).items())),
        "test_examples": total,
        "test_labels": dict(sorted(collections.Counter(test_labels).items())),
        "accuracy": round(sum(map(str.__eq__, test_labels, predicted)) / total, 3),
        "majority_label": majority,
        "majority_accuracy": round(sum(g == majority for g in test_labels) / total, 3),
        "concession_recall": _recall(test_labels, predicted, "concession"),
        "contrast_recall": _recall(test_labels, predicted, "contrast"),
        "by_marker": {marker: dict(counts) for marker, counts in sorted(by_marker.items())},
    }


def _recall(gold: list[str], predicted: list[str], label: str) -> float:
    relevant = [p for g, p in zip(gold, predicted, strict=True) if g == label]
    return round(sum(p == label for p in relevant) / len(relevant), 3) if relevant else 0.0


def format_table(results: dict[str, Any]) -> str:
    """The figures as a short markdown table, per marker below."""
    lines = [
        "| | accuracy | examples |",
        "|---|---|---|",
        f"| classifier | {results['accuracy']:.3f} | {results['test_examples']} |",
        f"| majority ({results['majority_label']}) | {results['majority_accuracy']:.3f} | |",
        "",
        "| marker | test examples | classifier right | majority right |",
        "|---|---|---|---|",
    ]
    for marker, counts in results["by_marker"].items():
        lines.append(
            f"| {marker} | {counts['n']} | {counts['right']} | {counts['majority_right']} |"
        )
    return "\n".join(lines)
