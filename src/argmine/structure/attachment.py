"""Learned attachment inside a transcript's turns: which earlier or later unit of the same
turn a unit supports or attacks, or none.

The microtext model learned 5-unit texts in which every unit but one attaches somewhere; a
debate turn holds up to 40 units, most relations in it join neighbours (in ElecDeb60to20 dev
35 % of the targets are the unit just before the source, 24 % the one just after) and a third
of the components have no outgoing relation at all. This model scores, for every unit of a
turn, each other unit of the turn as its target and the option ``none`` (no outgoing relation
inside the turn). Both kinds of candidate are rows of one logistic regression over named
feature dicts (:func:`turn_features`): the pair features of
:mod:`argmine.structure.features` (distance, markers, overlap, both units' features) plus the
signed distance in units and in sentences and the senses of the discourse markers that open
a unit between the two; a ``none`` row carries the unit's own features.

:func:`turn_forest` decodes the best forest of a turn exactly (Chu-Liu-Edmonds,
:func:`argmine.parsing.mst.maximum_arborescence`, over log-probabilities, with ``none`` as
the edge to a virtual root); :func:`argmine.structure.document.predict_document` attaches
the forest's roots to the thesis, so the document stays one tree. It applies to transcripts
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

from argmine.errors import CorruptModelError
from argmine.linear import LinearClassifier, load_arrays, save_arrays
from argmine.parsing.mst import maximum_arborescence
from argmine.structure.features import Features, pairs_features, units_features
from argmine.types import Move, ParsedText, Span

__all__ = [
    "AttachmentModel",
    "TurnFeatures",
    "TurnScores",
    "default_attachment_model_path",
    "load_attachment_model",
    "save_attachment_model",
    "shipped_attachment_model",
    "turn_features",
    "turn_forest",
]

#: Signed distances (in units and in sentences) beyond this share one feature value.
MAX_GAP = 6
#: Probabilities are clipped to this before their logarithm (an edge is never impossible).
MIN_PROBABILITY = 1e-6


@attrs.frozen
class TurnFeatures:
    """The candidate rows of one turn: every ordered pair of its units and every unit's
    ``none`` option (local indices)."""

    pairs: dict[tuple[int, int], Features]
    none: tuple[Features, ...]


def _bucket(value: int) -> str:
    return str(max(-MAX_GAP, min(MAX_GAP, value)))


def _opening_sense(unit: Features) -> str:
    """The sense of the discourse marker a unit opens with (its ``marker_sense=`` feature)."""
    prefix = "marker_sense="
    return next((key[len(prefix) :] for key in unit if key.startswith(prefix)), "<none>")


def turn_features(
    parsed: ParsedText, units: Sequence[Span], *, moves: Sequence[Move] = ()
) -> TurnFeatures:
    """The feature dicts of every candidate of one turn (units in text order)."""
    unit_dicts = units_features(parsed, units, moves=moves)
    pairs = pairs_features(parsed, units, moves=moves, unit_dicts=unit_dicts)
    starts = [sentence.start for sentence in parsed.sentences]
    sentence = [bisect.bisect_right(starts, span.start) - 1 for span in units]
    senses = [_opening_sense(unit) for unit in unit_dicts]
    for (source, target), features in pairs.items():
        gap = target - source
        sentences = sentence[target] - sentence[source]
        features[f"gap={_bucket(gap)}"] = 1.0
        features[f"sentence_gap={_bucket(sentences)}"] = 1.0
        features[f"gap={_bucket(gap)}|sentence_gap={_bucket(sentences)}"] = 1.0
        low, high = sorted((source, target))
        for between in range(low + 1, high):
            if senses[between] != "<none>":
                features[f"between_opener={senses[between]}"] = 1.0
        features[f"gap={_bucket(gap)}|src_opener={senses[source]}"] = 1.0
        features[f"gap={_bucket(gap)}|trg_opener={senses[target]}"] = 1.0
    none = tuple(
        {"none": 1.0, **{f"none:{key}": value for key, value in unit_dicts[unit].items()}}
        for unit in range(len(units))
    )
    return TurnFeatures(pairs, none)


@attrs.frozen
class TurnScores:
    """Log-probabilities of one turn's candidates: ``pairs[(source, target)]`` and
    ``none[unit]``."""

    pairs: dict[tuple[int, int], float]
    none: tuple[float, ...]


@attrs.frozen(eq=False)
class AttachmentModel:
    """The trained model as argmine runs it: a logistic regression over named feature dicts
    (classes ``False``/``True``: is the candidate the unit's annotated target, or is
    ``none`` right). Trained by :class:`argmine.training.attachment.AttachmentClassifier`."""

    linear: LinearClassifier

    def probabilities(self, features: Sequence[Features]) -> NDArray[np.float64]:
        """P(the candidate is right) of each row."""
        if not features:
            return np.zeros(0)
        return self.linear.probability_of(self.linear.transform(features), True)

    def scores(self, features: TurnFeatures) -> TurnScores:
        """The log-probabilities of a turn's candidates."""
        keys = list(features.pairs)
        rows = [features.pairs[key] for key in keys] + list(features.none)
        logs = np.log(np.clip(self.probabilities(rows), MIN_PROBABILITY, 1.0))
        pairs = {key: float(value) for key, value in zip(keys, logs, strict=False)}
        return TurnScores(pairs, tuple(float(value) for value in logs[len(keys) :]))


def turn_forest(
    scores: TurnScores,
    *,
    roots: Sequence[int] = (),
    heads: Mapping[int, int] | None = None,
) -> list[int | None]:
    """The best forest over a turn's units (local parents, None for a root), decoded exactly.

    ``roots`` are roots whatever their scores (the thesis); ``heads`` forces the head of
    some units (an example's, a concession's). Every other unit attaches to another unit or
    takes its ``none`` option, whichever gives the most likely forest.
    """
    size = len(scores.none)
    heads = heads or {}
    matrix = np.full((size + 1, size + 1), -np.inf)
    for unit in range(size):
        if unit in roots:
            matrix[unit + 1, 0] = 0.0
        elif unit not in heads:
            matrix[unit + 1, 0] = scores.none[unit]
    for (source, target), weight in scores.pairs.items():
        forced = heads.get(source)
        if source in roots or (forced is not None and forced != target):
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
    """Write a model as arrays (:func:`argmine.linear.save_arrays`), atomically."""
    return save_arrays(path, model.linear.arrays("linear"), {"kind": _KIND})


def load_attachment_model(path: Path | str | None = None) -> AttachmentModel:
    """A model written by :func:`save_attachment_model` (default: the shipped one)."""
    source = Path(path) if path is not None else default_attachment_model_path()
    what = "turn-attachment model"
    hint = "train one with: argmine train attachment"
    arrays, _meta = load_arrays(source, kind=_KIND, what=what, hint=hint)
    try:
        return AttachmentModel(LinearClassifier.from_arrays(arrays, "linear"))
    except (KeyError, TypeError, ValueError) as error:
        raise CorruptModelError(f"{source}: not a readable {what} ({error!r})") from None


@functools.cache
def shipped_attachment_model() -> AttachmentModel:
    """The shipped model, loaded once per process."""
    return load_attachment_model()
