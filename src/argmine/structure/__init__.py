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

from argmine.structure.abstrct import (
    PUBLISHED_ABSTRCT,
    AbstrctModel,
    evaluate_abstrct,
    format_abstrct_table,
    load_abstrct_model,
    train_abstrct,
)
from argmine.structure.decoder import DecodedTree, DecoderWeights, EdgeFunction, decode
from argmine.structure.evaluate import (
    PUBLISHED,
    cross_validate,
    evaluate_microtexts,
    evaluate_model_on_directory,
    format_table,
    train_microtexts,
)
from argmine.structure.models import (
    ArgumentStructureModel,
    FeatureClassifier,
    StructurePrediction,
    TrainingText,
    bundled_model_path,
    load_model,
    save_model,
)

__all__ = [
    "PUBLISHED",
    "PUBLISHED_ABSTRCT",
    "AbstrctModel",
    "ArgumentStructureModel",
    "DecodedTree",
    "DecoderWeights",
    "EdgeFunction",
    "FeatureClassifier",
    "StructurePrediction",
    "TrainingText",
    "bundled_model_path",
    "cross_validate",
    "decode",
    "evaluate_abstrct",
    "evaluate_microtexts",
    "evaluate_model_on_directory",
    "format_abstrct_table",
    "format_table",
    "load_abstrct_model",
    "load_model",
    "save_model",
    "train_abstrct",
    "train_microtexts",
]
