"""Learned attachment inside a transcript's turns: which other unit of the same turn a unit
supports or attacks.

The microtext model learned 5-unit texts; a debate turn holds dozens of units, and most
relations in it join near neighbours (in ElecDeb60to20 dev 35 % of the targets are the unit
just before the source, 24 % the one just after, 16 % two away). This model scores every
ordered pair of a turn's units: a logistic regression over named feature dicts
(:func:`turn_features`): the pair features of :mod:`argmine.structure.features` (distance,
markers, overlap, both units' features without their words, so that eight debates do not
teach it a vocabulary) plus the signed distance in units and in sentences, crossed with the
markers that open the two units, and the senses of the markers that open a unit between them.
It is trained on the units that have an annotated target in their turn, so its probability
ranks the targets of a unit.

:func:`turn_tree` decodes the most likely tree of a turn exactly (Chu-Liu-Edmonds,
:func:`argmine.parsing.mst.maximum_arborescence`, over log-probabilities): its root is the
turn's claim. A debate has no one thesis, so the turn roots stay roots and the transcript is
a forest of turn trees (:func:`argmine.structure.document.predict_document`; until session 9
they attached to a thesis chosen over the whole transcript, edges that ElecDeb never
annotates). A forest inside a turn (a ``none`` option for the third of the components that
have no outgoing relation) was measured and dropped (docs/structure.md). It applies to transcripts
only (:func:`argmine.structure.units.is_transcript`), the genre it learned from.

The shipped :class:`AttachmentModel` (``argmine train attachment --limit 8``,
:mod:`argmine.training.attachment`) is trained on the first eight ElecDeb60to20 train
debates; ``C`` was chosen on the dev debates (2008).
"""

from __future__ import annotations

import bisect
import functools
import importlib.resources
from collections.abc import Mapping, Sequence
from pathlib import Path

import attrs
import numpy as np
from numpy.typing import NDArray

from argmine.linear import LinearClassifier, load_linear, save_linear
from argmine.parsing.mst import maximum_arborescence
from argmine.structure.features import Features
from argmine.structure.models import TextFeatures
from argmine.types import ParsedText, Span

__all__ = [
    "AttachmentModel",
    "default_attachment_model_path",
    "load_attachment_model",
    "save_attachment_model",
    "shipped_attachment_model",
    "turn_features",
    "turn_tree",
]

#: Signed distances (in units and in sentences) beyond this share one feature value.
MAX_GAP = 6
#: Probabilities are clipped to this before their logarithm (an edge is never impossible).
MIN_PROBABILITY = 1e-6
#: Unit feature families left out of the pair rows: the unit's words (lemmas, bigrams,
#: dependency arcs, first words, predicate), which eight debates cannot teach.
LEXICAL_FAMILIES = (
    "lemma=",
    "bigram=",
    "dep=",
    "depout=",
    "deptag=",
    "first1=",
    "first2=",
    "first3=",
    "prev_first=",
    "next_first=",
    "verb=",
)
_NONE = "<none>"

Scores = dict[tuple[int, int], float]


def _bucket(value: int) -> str:
    return str(max(-MAX_GAP, min(MAX_GAP, value)))


def _opening_sense(unit: Features) -> str:
    """The sense of the discourse marker a unit opens with (its ``marker_sense=`` feature)."""
    prefix = "marker_sense="
    return next((key[len(prefix) :] for key in unit if key.startswith(prefix)), _NONE)


def turn_features(
    parsed: ParsedText, units: Sequence[Span], found: TextFeatures
) -> dict[tuple[int, int], Features]:
    """The feature dict of every ordered pair ``(source, target)`` of one turn's units (in
    text order), from the turn's :class:`~argmine.structure.models.TextFeatures` (what the
    microtext model already computed for it)."""
    unit_dicts = [
        {key: value for key, value in unit.items() if not key.startswith(LEXICAL_FAMILIES)}
        for unit in found.units
    ]
    pairs = {
        (source, target): {
            **pair,
            **{f"src:{key}": value for key, value in unit_dicts[source].items()},
            **{f"trg:{key}": value for key, value in unit_dicts[target].items()},
        }
        for (source, target), pair in found.pair_only.items()
    }
    starts = [sentence.start for sentence in parsed.sentences]
    sentence = [bisect.bisect_right(starts, span.start) - 1 for span in units]
    senses = [_opening_sense(unit) for unit in unit_dicts]
    for (source, target), features in pairs.items():
        gap = _bucket(target - source)
        sentences = _bucket(sentence[target] - sentence[source])
        features[f"gap={gap}"] = 1.0
        features[f"sentence_gap={sentences}"] = 1.0
        features[f"gap={gap}|sentence_gap={sentences}"] = 1.0
        features[f"gap={gap}|src_opener={senses[source]}"] = 1.0
        features[f"gap={gap}|trg_opener={senses[target]}"] = 1.0
        low, high = sorted((source, target))
        for between in range(low + 1, high):
            if senses[between] != _NONE:
                features[f"between_opener={senses[between]}"] = 1.0
    return pairs


@attrs.frozen(eq=False)
class AttachmentModel:
    """The trained model as argmine runs it: a logistic regression over named feature dicts
    (classes ``False``/``True``: is the target the source's annotated one). Trained by
    :class:`argmine.training.attachment.AttachmentClassifier`."""

    linear: LinearClassifier

    def probabilities(self, features: Sequence[Features]) -> NDArray[np.float64]:
        """P(the pair is an annotated relation) of each feature dict."""
        if not features:
            return np.zeros(0)
        return self.linear.probability_of(self.linear.transform(features), True)

    def scores(self, features: Mapping[tuple[int, int], Features]) -> Scores:
        """The log-probability of every pair of a turn."""
        keys = list(features)
        logs = np.log(np.clip(self.probabilities([features[k] for k in keys]), MIN_PROBABILITY, 1))
        return {key: float(value) for key, value in zip(keys, logs, strict=True)}


def turn_tree(
    size: int,
    scores: Mapping[tuple[int, int], float],
    *,
    heads: Mapping[int, int] | None = None,
) -> list[int | None]:
    """The most likely tree over a turn's units (local parents, None for the root), decoded
    exactly; ``heads`` forces the head of some units (an example's, a concession's).
    """
    heads = heads or {}
    matrix = np.full((size + 1, size + 1), -np.inf)
    # Any other edge weighs more than a second root edge: a tree has n - 1 edges, each at
    # least log(MIN_PROBABILITY), so the offset below keeps exactly one root.
    offset = size * -np.log(MIN_PROBABILITY) + 1.0
    matrix[1:, 0] = -offset
    for (source, target), weight in scores.items():
        forced = heads.get(source)
        if forced is not None and forced != target:
            continue
        matrix[source + 1, target + 1] = weight
    chosen = maximum_arborescence(matrix)
    return [None if chosen[unit + 1] == 0 else chosen[unit + 1] - 1 for unit in range(size)]


_KIND = "turn-attachment"


def default_attachment_model_path() -> Path:
    """Where the shipped model lives: ``argmine/resources/structure/attachment.npz``."""
    return Path(
        str(importlib.resources.files("argmine.resources") / "structure" / "attachment.npz")
    )


def save_attachment_model(model: AttachmentModel, path: Path | str) -> Path:
    """Write a model as arrays (:func:`argmine.linear.save_linear`), atomically."""
    return save_linear(path, model.linear, kind=_KIND)


def load_attachment_model(path: Path | str | None = None) -> AttachmentModel:
    """A model written by :func:`save_attachment_model` (default: the shipped one)."""
    source = Path(path) if path is not None else default_attachment_model_path()
    linear, _settings = load_linear(
        source,
        kind=_KIND,
        what="turn-attachment model",
        hint="train one with: argmine train attachment",
    )
    return AttachmentModel(linear)


@functools.cache
def shipped_attachment_model() -> AttachmentModel:
    """The shipped model, loaded once per process."""
    return load_attachment_model()
