"""Which segments of a whole text are argumentative: a learned filter before the document
decoder.

The segmenter cuts every clause-like span; in long texts many of them argue nothing (a
moderator's question, a greeting, an anecdote's setting). This logistic regression reads the
unit features of :mod:`argmine.structure.features`, computed paragraph by paragraph as the
decoder sees them, hashed (so that the model file holds no vocabulary), and gives each
segment a probability of being an argument component. Segments under :attr:`threshold` get
no unit.

The shipped :class:`UnitFilter` (``argmine train units``, :mod:`argmine.training.units`) is
trained on ElecDeb60to20 debates, where a segment counts as argumentative when it matches a
gold Claim or Premise (an overlap of at least half of each); ``C`` and the threshold were
chosen on the dev debates (2008). It applies to transcripts only (:func:`is_transcript`:
whole texts with many speaker-labelled turns, the genre it learned from). On the
development-annotated student essays every threshold that helps the debates loses thesis
statements or annotated claims, so monologue texts, long or short, keep every segment.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Sequence
from pathlib import Path

import attrs
import numpy as np
from numpy.typing import NDArray

from argmine.layout import MIN_SPEAKER_TURNS, is_transcript
from argmine.linear import LinearClassifier, load_linear, save_linear
from argmine.structure.document import DocumentUnits
from argmine.structure.features import Features, units_features
from argmine.types import Layout, Move, ParsedText, Span

__all__ = [
    "MIN_SPEAKER_TURNS",
    "UnitFilter",
    "argumentative_units",
    "default_units_model_path",
    "is_transcript",
    "load_units_model",
    "save_units_model",
    "segment_features",
    "shipped_units_model",
]


@attrs.frozen(eq=False)
class UnitFilter:
    """The trained filter as argmine runs it: a logistic regression over hashed feature dicts
    (classes ``False``/``True``; :attr:`LinearClassifier.width` hashed columns) and the
    probability under which a segment gets no unit. Trained by
    :class:`argmine.training.units.ArgumentativeUnitClassifier`.
    """

    linear: LinearClassifier
    threshold: float

    def probabilities(self, features: Sequence[Features]) -> NDArray[np.float64]:
        """P(argumentative) of each feature dict."""
        if not features:
            return np.zeros(0)
        # scikit-learn's hashing (MurmurHash3) names the columns the model was trained on;
        # only transcripts come here, so only they pay for importing it.
        from sklearn.feature_extraction import FeatureHasher

        hasher = FeatureHasher(n_features=self.linear.width, alternate_sign=False)
        return self.linear.probability_of(hasher.transform(features), True)


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
    model: UnitFilter,
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


_KIND = "unit-filter"


def default_units_model_path() -> Path:
    """Where the shipped model lives: ``argmine/resources/structure/units.npz``."""
    return Path(str(importlib.resources.files("argmine.resources") / "structure" / "units.npz"))


def save_units_model(model: UnitFilter, path: Path | str) -> Path:
    """Write a filter as arrays (:func:`argmine.linear.save_linear`), atomically."""
    return save_linear(path, model.linear, kind=_KIND, threshold=model.threshold)


def load_units_model(path: Path | str | None = None) -> UnitFilter:
    """A filter written by :func:`save_units_model` (default: the shipped one)."""
    source = Path(path) if path is not None else default_units_model_path()
    linear, settings = load_linear(
        source,
        kind=_KIND,
        what="argumentative-unit model",
        hint="train one with: argmine train units",
        settings=("threshold",),
    )
    return UnitFilter(linear, settings["threshold"])


@functools.cache
def shipped_units_model() -> UnitFilter:
    """The shipped model, loaded once per process."""
    return load_units_model()
