"""Fitted logistic regressions as plain arrays: what prediction needs, without scikit-learn.

argmine's shipped models are logistic regressions trained with scikit-learn
(:mod:`argmine.training`). Predicting needs only their coefficients, intercepts, classes and
feature names; importing scikit-learn and skops to read them would cost a command-line user
about 1.7 s of every cold start. A :class:`LinearClassifier` holds those arrays and computes
what ``LogisticRegression.predict_proba`` computes (the logistic function for two classes, the
softmax of the decision values for more).

Model files are numpy ``.npz`` archives read with ``allow_pickle=False``: loading one runs no
code and accepts nothing but arrays (:func:`save_arrays`, :func:`load_arrays`). Writes are
atomic, so an interrupted training run never leaves half a model where the old one was.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

from argmine.errors import CorruptModelError, ModelNotFoundError
from argmine.files import atomic_file

__all__ = [
    "FORMAT",
    "LinearClassifier",
    "feature_matrix",
    "load_arrays",
    "load_linear",
    "one_hot",
    "save_arrays",
    "save_linear",
]

#: What :func:`save_arrays` writes into every archive's metadata; a file without it is refused.
FORMAT = "argmine-arrays/1"
_META = "meta.json"


def _vocabulary(feature_names: NDArray[np.str_]) -> dict[str, int]:
    return {str(name): index for index, name in enumerate(feature_names.tolist())}


@attrs.frozen(eq=False)
class LinearClassifier:
    """A fitted (multinomial) logistic regression: ``coef`` has one row for two classes (the
    second class's), else one row per class. ``feature_names`` name the columns of dict
    features (empty for a model over hashed columns)."""

    classes: NDArray[Any]
    coef: NDArray[np.float64]
    intercept: NDArray[np.float64]
    feature_names: NDArray[np.str_] = attrs.field(factory=lambda: np.array([], dtype=np.str_))
    vocabulary: dict[str, int] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        rows = 1 if len(self.classes) == 2 else len(self.classes)
        if self.coef.ndim != 2 or self.coef.shape[0] != rows or self.intercept.shape != (rows,):
            raise ValueError(
                f"coefficients of shape {self.coef.shape} and intercepts of shape "
                f"{self.intercept.shape} do not fit {len(self.classes)} classes"
            )
        if len(self.feature_names) not in (0, self.coef.shape[1]):
            raise ValueError(
                f"{len(self.feature_names)} feature names for {self.coef.shape[1]} columns"
            )
        object.__setattr__(self, "vocabulary", _vocabulary(self.feature_names))

    @classmethod
    def of(
        cls, logistic: Any, feature_names: Sequence[str] | NDArray[np.str_] = ()
    ) -> LinearClassifier:
        """The arrays of a fitted scikit-learn ``LogisticRegression`` (read, not imported)."""
        return cls(
            classes=np.asarray(logistic.classes_),
            coef=np.asarray(logistic.coef_, dtype=np.float64),
            intercept=np.asarray(logistic.intercept_, dtype=np.float64),
            feature_names=np.asarray(list(feature_names), dtype=np.str_),
        )

    @property
    def width(self) -> int:
        """How many feature columns the model reads."""
        return int(self.coef.shape[1])

    def transform(self, X: Sequence[Mapping[str, float]]) -> csr_matrix:
        """Feature dicts as a matrix over :attr:`feature_names` (other names are ignored)."""
        return feature_matrix(X, self.vocabulary)

    def predict_proba(self, matrix: csr_matrix | NDArray[np.float64]) -> NDArray[np.float64]:
        """Class probabilities of each row, columns in the order of :attr:`classes`."""
        decision = np.asarray(matrix @ self.coef.T, dtype=np.float64) + self.intercept
        if len(self.classes) == 2:
            positive = 1.0 / (1.0 + np.exp(-decision[:, 0]))
            return np.column_stack([1.0 - positive, positive])
        decision -= decision.max(axis=1, keepdims=True)
        exponentials = np.exp(decision)
        result: NDArray[np.float64] = exponentials / exponentials.sum(axis=1, keepdims=True)
        return result

    def probability_of(self, matrix: csr_matrix, label: Any) -> NDArray[np.float64]:
        """The probability of one class for every row (0 where training never saw it)."""
        matches = np.flatnonzero(self.classes == label)
        if len(matches) == 0:
            return np.zeros(matrix.shape[0])
        column: NDArray[np.float64] = np.clip(
            self.predict_proba(matrix)[:, int(matches[0])], 0.0, 1.0
        )
        return column

    def arrays(self, prefix: str) -> dict[str, NDArray[Any]]:
        """The arrays to store, their names under ``prefix``."""
        return {
            f"{prefix}.classes": self.classes,
            f"{prefix}.coef": self.coef,
            f"{prefix}.intercept": self.intercept,
            f"{prefix}.feature_names": self.feature_names,
        }

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, NDArray[Any]], prefix: str) -> LinearClassifier:
        """The classifier stored by :meth:`arrays` (``KeyError``/``ValueError`` if damaged)."""
        return cls(
            classes=arrays[f"{prefix}.classes"],
            coef=np.asarray(arrays[f"{prefix}.coef"], dtype=np.float64),
            intercept=np.asarray(arrays[f"{prefix}.intercept"], dtype=np.float64),
            feature_names=np.asarray(arrays[f"{prefix}.feature_names"], dtype=np.str_),
        )


def feature_matrix(X: Sequence[Mapping[str, float]], vocabulary: Mapping[str, int]) -> csr_matrix:
    """Feature dicts as a sparse matrix over ``vocabulary``'s columns (other names ignored)."""
    indptr, indices, values = [0], [], []
    known_names = vocabulary.keys()
    for item in X:
        # Most features of a new text were never seen in training: intersect the key sets
        # (in C) before looking anything up. The set's order depends on the process's string
        # hashing, so the columns are sorted: every process then sums in the same order and
        # gets bit-identical probabilities.
        for column, value in sorted(
            (vocabulary[name], item[name]) for name in item.keys() & known_names
        ):
            if value:
                indices.append(column)
                values.append(float(value))
        indptr.append(len(indices))
    return csr_matrix(
        (np.asarray(values, dtype=np.float64), np.asarray(indices, dtype=np.int32), indptr),
        shape=(len(X), len(vocabulary)),
    )


def one_hot(features: Mapping[str, str | float]) -> dict[str, float]:
    """A feature dict with string values as scikit-learn's ``DictVectorizer`` reads it: the
    value ``"v"`` of ``"k"`` becomes the feature ``"k=v"`` with value 1."""
    return {
        f"{name}={value}" if isinstance(value, str) else name: 1.0
        if isinstance(value, str)
        else float(value)
        for name, value in features.items()
    }


def save_arrays(
    path: Path | str, arrays: Mapping[str, NDArray[Any]], meta: Mapping[str, Any]
) -> Path:
    """Write ``arrays`` and the JSON-able ``meta`` as one compressed ``.npz``, atomically."""
    target = Path(path)
    stored = {_META: np.array(json.dumps({"format": FORMAT, **meta}, sort_keys=True))}
    stored.update(arrays)
    with atomic_file(target) as temporary, temporary.open("wb") as stream:
        np.savez_compressed(stream, allow_pickle=False, **stored)
    return target


def load_arrays(
    path: Path | str, *, kind: str, what: str, hint: str = ""
) -> tuple[dict[str, NDArray[Any]], dict[str, Any]]:
    """The arrays and metadata of a file written by :func:`save_arrays` for a ``kind`` model.

    ``what`` names the model in messages ("structure model"), ``hint`` says how to make one.
    Raises :class:`ModelNotFoundError` for a missing file and :class:`CorruptModelError` for
    one that is not such an archive (garbage, truncated, pickled objects, another kind).
    """
    source = Path(path)
    if not source.is_file():
        raise ModelNotFoundError(f"no {what} at {source}{f' ({hint})' if hint else ''}")
    try:
        with np.load(source, allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
        meta = json.loads(str(arrays.pop(_META)))
    except Exception as error:  # BadZipFile, ValueError (pickles), KeyError, EOFError, ...
        raise CorruptModelError(f"{source}: not a readable {what} ({error!r})") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT or meta.get("kind") != kind:
        found = meta.get("kind") if isinstance(meta, dict) else None
        raise CorruptModelError(f"{source}: holds a {found!r} model, not a {what} ({kind!r})")
    return arrays, meta


def save_linear(path: Path | str, linear: LinearClassifier, *, kind: str, **meta: float) -> Path:
    """Write a one-classifier model (``linear`` and numeric settings such as a threshold)
    with :func:`save_arrays`."""
    return save_arrays(path, linear.arrays("linear"), {"kind": kind, **meta})


def load_linear(
    path: Path | str, *, kind: str, what: str, hint: str = "", settings: Sequence[str] = ()
) -> tuple[LinearClassifier, dict[str, float]]:
    """The classifier and the numeric ``settings`` of a file written by :func:`save_linear`;
    a missing or malformed entry is a :class:`CorruptModelError` naming the file."""
    arrays, meta = load_arrays(path, kind=kind, what=what, hint=hint)
    try:
        linear = LinearClassifier.from_arrays(arrays, "linear")
        return linear, {name: float(meta[name]) for name in settings}
    except (KeyError, TypeError, ValueError) as error:
        raise CorruptModelError(f"{path}: not a readable {what} ({error!r})") from None
