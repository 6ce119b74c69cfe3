"""Claim or premise: a learned role for the units of a whole text.

The document decoder (:mod:`argmine.structure.document`) gives every body paragraph claims
under the thesis and premises inside the paragraph. Which units are claims is learned here: a
logistic regression over the unit features of :mod:`argmine.structure.features` (computed
paragraph by paragraph, as the decoder computes them), the paragraph's place in the layout
(introduction, body, conclusion). Its columns are named (no hashing), so running
it needs neither scikit-learn nor a vocabulary outside the model file.

The shipped :class:`RoleClassifier` (``argmine train roles``, :mod:`argmine.training.roles`)
is trained on ElecDeb60to20 debates, whose components are Claims and Premises; ``C`` and the
threshold were chosen on the dev debates (2008). It applies to transcripts only
(:func:`argmine.layout.is_transcript`), the genre it learned from: in a debate turn the
annotators mark several claims. On essays, letting every likely claim of a body paragraph be
a claim (at a threshold chosen on the arg-microtexts) raised the 20 development-annotated
student essays' role macro-F1 but halved the fixture essays' (.842 → .657), and using the
probability as a prior of the one paragraph claim moved nothing (docs/structure.md), so
monologue texts keep one claim per paragraph.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Sequence
from pathlib import Path

import attrs
import numpy as np
from numpy.typing import NDArray

from argmine.errors import CorruptModelError
from argmine.linear import LinearClassifier, load_linear, save_linear
from argmine.structure.features import Features
from argmine.types import ParagraphPlace

__all__ = [
    "RoleClassifier",
    "default_roles_model_path",
    "load_roles_model",
    "role_features",
    "save_roles_model",
    "shipped_roles_model",
]


@attrs.frozen(eq=False)
class RoleClassifier:
    """The trained role model as argmine runs it: a logistic regression over named feature
    columns (classes ``False``/``True``, ``True`` for a claim) and the claim probabilities
    from which a body-paragraph unit is a claim. Trained by
    :class:`argmine.training.roles.ClaimClassifier`."""

    linear: LinearClassifier
    #: The claim probability from which a unit of a debate turn is a claim (chosen on the
    #: ElecDeb dev debates).
    threshold: float

    def probabilities(self, features: Sequence[Features]) -> NDArray[np.float64]:
        """P(claim) of each feature dict."""
        if not features:
            return np.zeros(0)
        return self.linear.probability_of(self.linear.transform(features), True)


def role_features(
    unit_features: Sequence[Features], places: Sequence[ParagraphPlace]
) -> list[Features]:
    """Each unit's features (computed within its paragraph) with its paragraph's place."""
    return [
        {**features, f"place={place.value}": 1.0}
        for features, place in zip(unit_features, places, strict=True)
    ]


_KIND = "role-classifier"


def default_roles_model_path() -> Path:
    """Where the shipped model lives: ``argmine/resources/structure/roles.npz``."""
    return Path(str(importlib.resources.files("argmine.resources") / "structure" / "roles.npz"))


def save_roles_model(model: RoleClassifier, path: Path | str) -> Path:
    """Write a role model as arrays (:func:`argmine.linear.save_linear`), atomically."""
    return save_linear(path, model.linear, kind=_KIND, threshold=model.threshold)


def load_roles_model(path: Path | str | None = None) -> RoleClassifier:
    """A role model written by :func:`save_roles_model` (default: the shipped one)."""
    source = Path(path) if path is not None else default_roles_model_path()
    what = "unit-role model"
    linear, settings = load_linear(
        source,
        kind=_KIND,
        what=what,
        hint="train one with: argmine train roles",
        settings=("threshold",),
    )
    if not linear.feature_names.size:
        raise CorruptModelError(f"{source}: not a readable {what} (no feature names)")
    return RoleClassifier(linear, settings["threshold"])


@functools.cache
def shipped_roles_model() -> RoleClassifier:
    """The shipped model, loaded once per process."""
    return load_roles_model()
