"""Which segments of a whole text are argumentative: a learned filter before the document
decoder.

The segmenter cuts every clause-like span; in long texts many of them argue nothing (a
moderator's question, a greeting, an anecdote's setting). This logistic regression reads the
unit features of :mod:`argmine.structure.features`, computed paragraph by paragraph as the
decoder sees them, hashed (so that the model file holds no vocabulary), and gives each segment
a probability of being an argument component. Segments under :attr:`threshold` get no unit.

The shipped model (``argmine train units``, :mod:`argmine.training.units`) is trained on
ElecDeb60to20 debates, where a segment counts as argumentative when it matches a gold Claim or
Premise (an overlap of at least half of each); ``C`` and the threshold were chosen on the dev
debates (2008). It applies to transcripts only (:func:`is_transcript`: whole texts with
many speaker-labelled turns, the genre it learned from). On the development-annotated student
essays every threshold that helps the debates loses thesis statements or annotated claims, so
monologue texts, long or short, keep every segment.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Self

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from argmine.model_files import load_skops, save_skops
from argmine.structure.document import DocumentUnits
from argmine.structure.features import Features, units_features
from argmine.types import Layout, LayoutKind, Move, ParsedText, Span

__all__ = [
    "MIN_SPEAKER_TURNS",
    "ArgumentativeUnitClassifier",
    "argumentative_units",
    "default_units_model_path",
    "is_transcript",
    "load_units_model",
    "save_units_model",
    "segment_features",
    "shipped_units_model",
]

#: Speaker labels ("LEHRER: …") that make a text a transcript the filter applies to. Every
#: ElecDeb debate has 45 or more; on a 3-turn exchange (13 segments) the filter kept 2, so
#: short dialogues, where it was never measured, keep every segment.
MIN_SPEAKER_TURNS = 20

_EXPECTED_TYPES = frozenset(
    {
        "argmine.structure.units.ArgumentativeUnitClassifier",
        "sklearn.feature_extraction._hash.FeatureHasher",
        "sklearn.linear_model._logistic.LogisticRegression",
        "builtins.float",
        "builtins.type",
        "numpy.float64",
        "numpy.dtype",
        "numpy.ndarray",
    }
)


class ArgumentativeUnitClassifier(BaseEstimator):  # type: ignore[misc]
    """P(argumentative) of a segment from its feature dict (hashed, logistic regression)."""

    def __init__(self, C: float = 0.1, n_features: int = 2**17, threshold: float = 0.3) -> None:
        self.C = C
        self.n_features = n_features
        self.threshold = threshold

    def _hasher(self) -> FeatureHasher:
        return FeatureHasher(n_features=self.n_features, alternate_sign=False)

    def fit(self, features: Sequence[Features], argumentative: Sequence[bool]) -> Self:
        self.hasher_ = self._hasher()
        matrix = self.hasher_.transform(features)
        self.logistic_ = LogisticRegression(C=self.C, max_iter=2000)
        self.logistic_.fit(matrix, np.asarray(argumentative, dtype=bool))
        return self

    def probabilities(self, features: Sequence[Features]) -> np.ndarray[Any, np.dtype[Any]]:
        """P(argumentative) of each feature dict."""
        check_is_fitted(self, "logistic_")
        if not features:
            return np.zeros(0)
        column = list(self.logistic_.classes_).index(True)
        values: np.ndarray[Any, np.dtype[Any]]
        values = self.logistic_.predict_proba(self.hasher_.transform(features))[:, column]
        return values


def is_transcript(layout: Layout) -> bool:
    """Whether the text is a transcript of turns (the switch rule for the filter)."""
    turns = sum(1 for span in layout.spans if span.kind is LayoutKind.SPEAKER)
    return turns >= MIN_SPEAKER_TURNS


def segment_features(
    parsed: ParsedText, spans: Sequence[Span], *, moves: Sequence[Move], layout: Layout
) -> list[Features]:
    """The unit features of every segment, computed within its paragraph (as the document
    decoder computes them)."""
    document = DocumentUnits.of(parsed, spans, layout)
    features: list[Features] = [{} for _ in spans]
    for paragraph in sorted(set(document.paragraph)):
        members = document.members(paragraph)
        found = units_features(parsed, [spans[i] for i in members], moves=moves)
        for unit, values in zip(members, found, strict=True):
            features[unit] = values
    return features


def argumentative_units(
    model: ArgumentativeUnitClassifier,
    parsed: ParsedText,
    spans: Sequence[Span],
    *,
    moves: Sequence[Move],
    layout: Layout,
) -> list[Span]:
    """The segments the model keeps (at least the likeliest one, so a text keeps a thesis)."""
    if not spans:
        return []
    probabilities = model.probabilities(segment_features(parsed, spans, moves=moves, layout=layout))
    best = int(np.argmax(probabilities))
    return [
        span
        for index, span in enumerate(spans)
        if probabilities[index] >= model.threshold or index == best
    ]


def default_units_model_path() -> Path:
    """Where the shipped model lives: ``argmine/resources/structure/units.skops``."""
    return Path(str(importlib.resources.files("argmine.resources") / "structure" / "units.skops"))


def save_units_model(model: ArgumentativeUnitClassifier, path: Path | str) -> Path:
    check_is_fitted(model, "logistic_")
    return save_skops(model, path)


def load_units_model(path: Path | str | None = None) -> ArgumentativeUnitClassifier:
    """A model written by :func:`save_units_model` (default: the shipped one)."""
    return load_skops(
        path if path is not None else default_units_model_path(),
        kind=ArgumentativeUnitClassifier,
        trusted=_EXPECTED_TYPES,
        fitted_attribute="logistic_",
        what="argumentative-unit model",
        hint="train one with: argmine train units",
    )


@functools.cache
def shipped_units_model() -> ArgumentativeUnitClassifier:
    """The shipped model, loaded once per process."""
    return load_units_model()
