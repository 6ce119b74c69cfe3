"""Argumentation structure: central claim, roles, support and attack relations between units.

The model follows the evidence graph of Peldszus & Stede (2015): local scikit-learn
classifiers score every unit (central claim? proponent or opponent? support or attack?) and
every ordered pair of units (attached?), and a maximum-spanning-tree decoder turns the scores
into one consistent tree (see :mod:`argmine.structure.decoder`).

>>> from argmine.structure import load_model
>>> model = load_model()                                    # doctest: +SKIP
>>> units, relations = model.predict(parsed, unit_spans)    # doctest: +SKIP

Train and evaluate on arg-microtexts (see ``docs/structure.md``)::

    argmine train microtexts
    argmine evaluate microtexts --protocol 10x5
"""

from __future__ import annotations

from argmine.structure.decoder import DecodedTree, DecoderWeights, EdgeFunction, decode
from argmine.structure.models import (
    StructureModel,
    StructurePrediction,
    bundled_model_path,
    load_model,
    save_model,
)

__all__ = [
    "DecodedTree",
    "DecoderWeights",
    "EdgeFunction",
    "StructureModel",
    "StructurePrediction",
    "bundled_model_path",
    "decode",
    "load_model",
    "save_model",
]
