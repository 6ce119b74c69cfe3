"""The scikit-learn estimators that train argmine's marker-sense models.

:class:`MarkerSenseClassifier` (DictVectorizer + multinomial logistic regression over
:func:`~argmine.moves.senses.marker_features`) and :class:`ConcessionClassifier` (the same
over :func:`~argmine.moves.senses.concession_features`) follow scikit-learn's conventions
(``fit``/``predict``/``get_params``, cloneable); a fitted one hands the detector its
:class:`~argmine.moves.senses.SenseModel` (:meth:`MarkerSenseClassifier.to_runtime`), which
predicts exactly as it does and is what :func:`~argmine.moves.senses.save_model` writes.
:class:`MajoritySenseBaseline` predicts each marker's most frequent training sense.
"""

from __future__ import annotations

import collections
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from argmine.linear import LinearClassifier
from argmine.moves.senses import (
    FEATURE_FUNCTIONS,
    FIXED_SENSES,
    LABELS,
    NONE,
    MarkerContext,
    SenseModel,
)
from argmine.types import MoveKind

__all__ = ["ConcessionClassifier", "MajoritySenseBaseline", "MarkerSenseClassifier"]


def _check_xy(contexts: Sequence[MarkerContext], labels: Sequence[str]) -> list[str]:
    if len(contexts) != len(labels):
        raise ValueError(f"{len(contexts)} contexts but {len(labels)} labels")
    if not contexts:
        raise ValueError("cannot fit on zero marker contexts")
    for context in contexts:
        if not isinstance(context, MarkerContext):
            raise TypeError(f"expected MarkerContext objects, got {type(context).__name__}")
    out = [str(label) for label in labels]
    unknown = sorted(set(out) - set(LABELS))
    if unknown:
        raise ValueError(f"unknown sense labels {unknown}; expected some of {list(LABELS)}")
    return out


class MarkerSenseClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Sense of a marker occurrence: DictVectorizer over the features + logistic regression.

    ``C``, ``class_weight``, ``max_iter`` and ``tol`` go to
    :class:`~sklearn.linear_model.LogisticRegression` (lbfgs, multinomial); features seen in
    fewer than ``min_count`` training examples are dropped. With ``fixed_senses`` the
    markers of :data:`~argmine.moves.senses.FIXED_SENSES` are left out of training and
    decided by rule. Markers absent from training are predicted ``"none"``. ``X`` is a
    sequence of :class:`MarkerContext`, ``y`` their labels (:data:`LABELS`).
    """

    #: Which feature function of :data:`FEATURE_FUNCTIONS` the classifier reads.
    features = "markers"

    def __init__(
        self,
        C: float = 1.0,
        class_weight: str | dict[str, float] | None = None,
        min_count: int = 2,
        max_iter: int = 2000,
        tol: float = 1e-4,
        fixed_senses: bool = True,
    ) -> None:
        self.C = C
        self.class_weight = class_weight
        self.min_count = min_count
        self.max_iter = max_iter
        self.tol = tol
        self.fixed_senses = fixed_senses

    def fit(self, X: Sequence[MarkerContext], y: Sequence[str]) -> MarkerSenseClassifier:
        labels = _check_xy(X, y)
        keep = [i for i, c in enumerate(X) if not (self.fixed_senses and c.marker in FIXED_SENSES)]
        contexts = [X[i] for i in keep]
        kept = [labels[i] for i in keep]
        classes = set(kept) | {NONE}
        if self.fixed_senses:
            classes |= {kind.value for kind in FIXED_SENSES.values()}
        self.classes_: npt.NDArray[np.str_] = np.array(sorted(classes))
        function, version = FEATURE_FUNCTIONS[self.features]
        known_markers = frozenset(c.marker for c in contexts)

        def runtime(
            constant: str | None = None, linear: LinearClassifier | None = None
        ) -> SenseModel:
            return SenseModel(
                self.features,
                version,
                self.classes_,
                known_markers,
                self.fixed_senses,
                constant=constant,
                linear=linear,
            )

        if len(set(kept)) < 2:
            self.runtime_ = runtime(constant=kept[0] if kept else NONE)
            return self
        vectorizer = DictVectorizer(sparse=True)
        matrix = vectorizer.fit_transform([function(c) for c in contexts])
        if self.min_count > 1:
            counts = np.asarray((matrix != 0).sum(axis=0)).ravel()
            support = counts >= self.min_count
            vectorizer.restrict(support)
            matrix = matrix[:, support]
        model = LogisticRegression(
            C=self.C, class_weight=self.class_weight, max_iter=self.max_iter, tol=self.tol
        )
        model.fit(matrix, np.array(kept))
        self.runtime_ = runtime(linear=LinearClassifier.of(model, vectorizer.feature_names_))
        return self

    def to_runtime(self) -> SenseModel:
        """The fitted model as the detector runs it (and :func:`save_model` writes it)."""
        check_is_fitted(self, "runtime_")
        runtime: SenseModel = self.runtime_
        return runtime

    def predict_proba(self, X: Sequence[MarkerContext]) -> npt.NDArray[np.float64]:
        return self.to_runtime().predict_proba(X)

    def predict(self, X: Sequence[MarkerContext]) -> npt.NDArray[np.str_]:
        return self.to_runtime().predict(X)

    def predict_kinds(self, X: Sequence[MarkerContext]) -> list[MoveKind | None]:
        """:meth:`predict` as move kinds, ``None`` for ``"none"``: what the detector needs."""
        return self.to_runtime().predict_kinds(X)


class ConcessionClassifier(MarkerSenseClassifier):
    """Contrast or concession for :data:`~argmine.moves.senses.CONCESSION_MARKERS`, over
    :func:`~argmine.moves.senses.concession_features`; trained by
    :mod:`argmine.training.concession`."""

    features = "concession"


class MajoritySenseBaseline(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Each marker's most frequent training sense (ties: alphabetical); unseen: ``"none"``."""

    def fit(self, X: Sequence[MarkerContext], y: Sequence[str]) -> MajoritySenseBaseline:
        labels = _check_xy(X, y)
        counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        for context, label in zip(X, labels, strict=True):
            counts[context.marker][label] += 1
        self.majority_: dict[str, str] = {
            marker: min(counter, key=lambda label: (-counter[label], label))
            for marker, counter in sorted(counts.items())
        }
        self.classes_: npt.NDArray[np.str_] = np.array(sorted(set(labels) | {NONE}))
        return self

    def predict(self, X: Sequence[MarkerContext]) -> npt.NDArray[np.str_]:
        check_is_fitted(self, "majority_")
        return np.array([self.majority_.get(c.marker, NONE) for c in X], dtype=self.classes_.dtype)

    def predict_proba(self, X: Sequence[MarkerContext]) -> npt.NDArray[np.float64]:
        predicted = self.predict(X)
        columns = {str(label): i for i, label in enumerate(self.classes_)}
        out = np.zeros((len(X), len(self.classes_)), dtype=np.float64)
        for row, label in enumerate(predicted):
            out[row, columns[str(label)]] = 1.0
        return out
