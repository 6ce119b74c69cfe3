"""Contrast or concession on GUM: model choice by cross-validation on train, then accuracy on
test against two baselines.

``argmine evaluate concession-tune`` compares candidate models (logistic regression at several
``C``, gradient boosting) by 5-fold cross-validation grouped by document on GUM train, and
fitted on train and scored on dev, next to the majority label and each marker's majority
label. ``argmine evaluate concession`` trains the chosen model (:data:`~argmine.training.
concession.PARAMS`) on GUM train + dev and scores the explicit Comparison relations of the
test split whose connective is one of :data:`~argmine.moves.senses.CONCESSION_MARKERS`, per
marker as well.
"""

from __future__ import annotations

import collections
import functools
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.model_selection import GroupKFold

from argmine.moves.senses import MarkerContext, concession_features
from argmine.training.concession import PARAMS, concession_data
from argmine.training.corpora.gum import Split
from argmine.training.sense_classifiers import ConcessionClassifier, MajoritySenseBaseline

#: The markers of the issue's target ("explicit but/however/yet/although/while").
TARGET_MARKERS = ("but", "however", "yet", "although", "while")


class _Classifier(Protocol):
    def fit(self, X: Sequence[MarkerContext], y: Sequence[str]) -> Any: ...
    def predict(self, X: Sequence[MarkerContext]) -> npt.NDArray[np.str_]: ...


class _Boosted:
    """Gradient boosting over :func:`concession_features` (dense, features seen at least
    ``min_count`` times): the non-linear candidate the tuning compares with the shipped
    logistic regression."""

    def __init__(self, min_count: int = 3, **params: Any) -> None:
        self.min_count = min_count
        self.params = params

    def fit(self, X: Sequence[MarkerContext], y: Sequence[str]) -> _Boosted:
        self.vectorizer = DictVectorizer(sparse=True)
        matrix = self.vectorizer.fit_transform([concession_features(c) for c in X])
        support = np.asarray((matrix != 0).sum(axis=0)).ravel() >= self.min_count
        self.vectorizer.restrict(support)
        self.model = HistGradientBoostingClassifier(random_state=0, **self.params)
        self.model.fit(matrix[:, support].toarray(), np.array(y))
        return self

    def predict(self, X: Sequence[MarkerContext]) -> npt.NDArray[np.str_]:
        matrix = self.vectorizer.transform([concession_features(c) for c in X]).toarray()
        predicted: npt.NDArray[np.str_] = self.model.predict(matrix)
        return predicted


class _Majority:
    """The most frequent training label for every example."""

    def fit(self, X: Sequence[MarkerContext], y: Sequence[str]) -> _Majority:
        self.label = collections.Counter(y).most_common(1)[0][0]
        return self

    def predict(self, X: Sequence[MarkerContext]) -> npt.NDArray[np.str_]:
        return np.array([self.label] * len(X))


def _candidates() -> dict[str, Callable[[], _Classifier]]:
    """Every model the tuning compares: its name and how to make a fresh one."""
    found: dict[str, Callable[[], _Classifier]] = {
        "majority label": _Majority,
        "majority label per marker": MajoritySenseBaseline,
    }
    for C in (0.01, 0.03, 0.1, 0.3, 1.0):
        found[f"logistic C={C}"] = functools.partial(
            ConcessionClassifier, C=C, min_count=1, fixed_senses=False
        )
    found["logistic C=0.1 balanced"] = functools.partial(
        ConcessionClassifier, C=0.1, class_weight="balanced", min_count=1, fixed_senses=False
    )
    for leaves, rate, rounds in ((7, 0.05, 100), (15, 0.05, 200)):
        found[f"boosting leaves={leaves} rate={rate} rounds={rounds}"] = functools.partial(
            _Boosted,
            max_leaf_nodes=leaves,
            learning_rate=rate,
            max_iter=rounds,
            min_samples_leaf=20,
        )
    return found


def _accuracy(gold: Sequence[str], predicted: Sequence[str]) -> float:
    return round(sum(map(str.__eq__, gold, predicted)) / len(gold), 3) if gold else 0.0


def tune_concession(gum_dir: Path | str, folds: int = 5, repeats: int = 5) -> list[dict[str, Any]]:
    """Each candidate's accuracy in ``folds``-fold cross-validation grouped by document on
    GUM train, repeated ``repeats`` times with other document splits (mean and standard
    deviation: one split's figure moves by a point or two), and fitted on train and scored
    on dev; best cross-validation first."""
    train_x, train_y = concession_data(gum_dir, Split.TRAIN)
    dev_x, dev_y = concession_data(gum_dir, Split.DEV)
    documents = [context.parsed.text for context in train_x]
    rounds = [
        list(GroupKFold(folds, shuffle=True, random_state=seed).split(train_x, train_y, documents))
        for seed in range(repeats)
    ]
    results: list[dict[str, Any]] = []
    for name, make in _candidates().items():
        started = time.perf_counter()
        scores = []
        for splits in rounds:
            predicted = [""] * len(train_y)
            for fitted_on, scored_on in splits:
                model = make().fit([train_x[i] for i in fitted_on], [train_y[i] for i in fitted_on])
                guesses = model.predict([train_x[i] for i in scored_on])
                for index, guess in zip(scored_on, guesses, strict=True):
                    predicted[index] = str(guess)
            scores.append(_accuracy(train_y, predicted))
        on_dev = make().fit(train_x, train_y).predict(dev_x)
        results.append(
            {
                "model": name,
                "cv_accuracy": round(float(np.mean(scores)), 3),
                "cv_std": round(float(np.std(scores)), 3),
                "dev_accuracy": _accuracy(dev_y, [str(label) for label in on_dev]),
                "seconds": round(time.perf_counter() - started, 1),
            }
        )
    results.sort(key=lambda result: (-result["cv_accuracy"], -result["dev_accuracy"]))
    return results


def evaluate_concession(gum_dir: Path | str) -> dict[str, Any]:
    """Accuracy of the classifier, of the majority label and of each marker's majority label
    (all learned on train + dev) on test, for all markers and for :data:`TARGET_MARKERS`."""
    contexts, labels = concession_data(gum_dir, Split.TRAIN)
    more_contexts, more_labels = concession_data(gum_dir, Split.DEV)
    contexts += more_contexts
    labels += more_labels
    test_contexts, test_labels = concession_data(gum_dir, Split.TEST)
    model = ConcessionClassifier(**PARAMS).fit(contexts, labels)
    predicted = [str(label) for label in model.predict(test_contexts)]
    majority = collections.Counter(labels).most_common(1)[0][0]
    per_marker = [
        str(label) for label in MajoritySenseBaseline().fit(contexts, labels).predict(test_contexts)
    ]
    by_marker: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for context, gold, guess, usual in zip(
        test_contexts, test_labels, predicted, per_marker, strict=True
    ):
        counts = by_marker[context.marker]
        counts["n"] += 1
        counts["right"] += gold == guess
        counts["majority_right"] += gold == majority
        counts["marker_majority_right"] += gold == usual
        counts[gold] += 1
    target = [i for i, context in enumerate(test_contexts) if context.marker in TARGET_MARKERS]

    def subset(values: Sequence[str]) -> list[str]:
        return [values[i] for i in target]

    return {
        "params": PARAMS,
        "train_examples": len(labels),
        "train_labels": dict(sorted(collections.Counter(labels).items())),
        "test_examples": len(test_labels),
        "test_labels": dict(sorted(collections.Counter(test_labels).items())),
        "accuracy": _accuracy(test_labels, predicted),
        "majority_label": majority,
        "majority_accuracy": _accuracy(test_labels, [majority] * len(test_labels)),
        "marker_majority_accuracy": _accuracy(test_labels, per_marker),
        "target_markers": list(TARGET_MARKERS),
        "target_examples": len(target),
        "target_accuracy": _accuracy(subset(test_labels), subset(predicted)),
        "target_majority_accuracy": _accuracy(subset(test_labels), [majority] * len(target)),
        "target_marker_majority_accuracy": _accuracy(subset(test_labels), subset(per_marker)),
        "concession_recall": _recall(test_labels, predicted, "concession"),
        "contrast_recall": _recall(test_labels, predicted, "contrast"),
        "by_marker": {marker: dict(counts) for marker, counts in sorted(by_marker.items())},
    }


def _recall(gold: list[str], predicted: list[str], label: str) -> float:
    relevant = [p for g, p in zip(gold, predicted, strict=True) if g == label]
    return round(sum(p == label for p in relevant) / len(relevant), 3) if relevant else 0.0


def format_table(results: dict[str, Any]) -> str:
    """The figures as a short markdown table, per marker below."""
    target = "/".join(results["target_markers"])
    lines = [
        f"| | accuracy (all {results['test_examples']}) | accuracy ({target}: "
        f"{results['target_examples']}) |",
        "|---|---|---|",
        f"| classifier | {results['accuracy']:.3f} | {results['target_accuracy']:.3f} |",
        f"| majority label ({results['majority_label']}) | {results['majority_accuracy']:.3f} "
        f"| {results['target_majority_accuracy']:.3f} |",
        f"| majority label per marker | {results['marker_majority_accuracy']:.3f} "
        f"| {results['target_marker_majority_accuracy']:.3f} |",
        "",
        "| marker | test examples | classifier right | majority right | marker majority right |",
        "|---|---|---|---|---|",
    ]
    for marker, counts in results["by_marker"].items():
        lines.append(
            f"| {marker} | {counts['n']} | {counts['right']} | {counts['majority_right']} "
            f"| {counts['marker_majority_right']} |"
        )
    return "\n".join(lines)
