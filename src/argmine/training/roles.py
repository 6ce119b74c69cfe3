"""Training the claim-or-premise model (:mod:`argmine.structure.roles`) on ElecDeb60to20.

Each debate transcript goes through argmine's own stages up to the document decoder (parse,
layout, moves, segmentation, the shipped argumentative-unit filter, the microtext model on
every paragraph), so the features are those :func:`argmine.structure.document.predict_document`
computes. A unit that matches a gold component (the half-overlap one-to-one match of the
evaluations) is labelled with the component's label, Claim or Premise; the other units are
left out. The model is fitted on the train debates (1960–2004) and scored on the dev debates
(2008): AUC, claim and premise F1 and their macro average, for every ``C`` and threshold of a
small grid (``argmine train roles --tune``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Self

import attrs
import numpy as np
from numpy.typing import NDArray
from sklearn.base import BaseEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.utils.validation import check_is_fitted

from argmine.evaluation.essays import f1, match_units, ratio
from argmine.linear import LinearClassifier, feature_matrix
from argmine.pipeline import bundled_structure_model, document_segments
from argmine.structure.document import DocumentUnits, paragraph_predictions
from argmine.structure.features import Features
from argmine.structure.models import StructureModel
from argmine.structure.roles import (
    RoleClassifier,
    default_roles_model_path,
    role_features,
    save_roles_model,
)
from argmine.structure.units import argumentative_units, shipped_units_model
from argmine.training.corpora.elecdeb import (
    ElecdebDebate,
    ElecdebLabel,
    ElecdebSplit,
    debate_names,
    read_debates,
)
from argmine.training.parse_cache import parse_cached


class ClaimClassifier(BaseEstimator):  # type: ignore[misc]
    """P(claim) of a unit from its role features (logistic regression over the feature names
    seen at least ``min_count`` times in training)."""

    def __init__(self, C: float = 0.1, threshold: float = 0.5, min_count: int = 3) -> None:
        self.C = C
        self.threshold = threshold
        self.min_count = min_count

    def fit(self, features: Sequence[Features], claim: Sequence[bool]) -> Self:
        counts = Counter(name for item in features for name in item)
        names = sorted(name for name, count in counts.items() if count >= self.min_count)
        self.feature_names_ = np.asarray(names, dtype=np.str_)
        matrix = feature_matrix(features, {name: index for index, name in enumerate(names)})
        self.logistic_ = LogisticRegression(C=self.C, max_iter=3000)
        self.logistic_.fit(matrix, np.asarray(claim, dtype=bool))
        return self

    def to_runtime(self) -> RoleClassifier:
        """The fitted model as argmine runs it (and :func:`save_roles_model` writes it)."""
        check_is_fitted(self, "logistic_")
        return RoleClassifier(LinearClassifier.of(self.logistic_, self.feature_names_), self.threshold)

    def probabilities(self, features: Sequence[Features]) -> NDArray[np.float64]:
        """P(claim) of each feature dict."""
        return self.to_runtime().probabilities(features)

    def predict(self, features: Sequence[Features]) -> NDArray[np.bool_]:
        """Whether each unit is a claim (its probability reaches :attr:`threshold`)."""
        return self.probabilities(features) >= self.threshold


#: The grid ``--tune`` scores on dev; :data:`SHIPPED_C` and :data:`SHIPPED_THRESHOLD` were
#: the best of it (dev claim/premise macro-F1, 8 train debates).
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
SHIPPED_C = 0.1
SHIPPED_THRESHOLD = 0.5


@attrs.frozen
class DebateRoles:
    """One debate's units that match a gold component: their role features and whether
    each is a Claim."""

    name: str
    features: tuple[Features, ...]
    claim: tuple[bool, ...]


def debate_roles(debate: ElecdebDebate, model: StructureModel | None = None) -> DebateRoles:
    """Run a debate through the pipeline up to the decoder and label its matched units."""
    parsed = parse_cached(debate.text, parser="bundled")
    layout, moves, spans = document_segments(parsed)
    units = argumentative_units(shipped_units_model(), parsed, spans, moves=moves, layout=layout)
    document = DocumentUnits.of(parsed, units, layout)
    predictions = paragraph_predictions(
        model if model is not None else bundled_structure_model(), parsed, document, moves
    )
    features = role_features(predictions.features, document.places, predictions.cc, predictions.ro)
    matched = match_units(
        [(s.start, s.end) for s in units], [(c.start, c.end) for c in debate.components]
    )
    return DebateRoles(
        debate.name,
        tuple(features[unit] for unit in sorted(matched)),
        tuple(
            debate.components[matched[unit]].label is ElecdebLabel.CLAIM for unit in sorted(matched)
        ),
    )


def split_roles(
    folder: Path | str,
    split: ElecdebSplit,
    *,
    limit: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> Iterator[DebateRoles]:
    """:func:`debate_roles` of the first ``limit`` debates of a split (by number)."""
    for debate in read_debates(folder, debate_names(folder, split)[:limit]):
        roles = debate_roles(debate)
        if progress is not None:
            progress(f"{debate.name}: {len(roles.features)} matched units")
        yield roles


def _flatten(debates: Sequence[DebateRoles]) -> tuple[list[Features], list[bool]]:
    return [f for d in debates for f in d.features], [c for d in debates for c in d.claim]


def score_on(model: ClaimClassifier, debates: Sequence[DebateRoles]) -> dict[str, float]:
    """AUC and claim/premise precision, recall and F1 over the matched units at the model's
    threshold, and the macro average of the two F1s."""
    features, claim = _flatten(debates)
    probabilities = model.probabilities(features)
    predicted = probabilities >= model.threshold
    gold = np.asarray(claim, dtype=bool)
    scores: dict[str, float] = {
        "units": len(features),
        "auc": float(roc_auc_score(gold, probabilities)),
    }
    for name, said, truth in (("claim", predicted, gold), ("premise", ~predicted, ~gold)):
        correct = int((said & truth).sum())
        precision, recall = ratio(correct, int(said.sum())), ratio(correct, int(truth.sum()))
        scores |= {
            f"{name}_precision": precision,
            f"{name}_recall": recall,
            f"{name}_f1": f1(precision, recall),
        }
    scores["macro_f1"] = (scores["claim_f1"] + scores["premise_f1"]) / 2
    return scores


def tune_roles(train: Sequence[DebateRoles], dev: Sequence[DebateRoles]) -> list[dict[str, float]]:
    """Dev figures of every ``C`` × threshold of the grid, best macro-F1 first."""
    features, claim = _flatten(train)
    rows = []
    for c in C_GRID:
        model = ClaimClassifier(C=c).fit(features, claim)
        for threshold in THRESHOLDS:
            model.threshold = threshold
            rows.append({"C": c, "threshold": threshold, **score_on(model, dev)})
    return sorted(rows, key=lambda row: -row["macro_f1"])


def train_roles(
    folder: Path | str,
    output: Path | str | None = None,
    *,
    limit: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, float | str]:
    """Fit the shipped parameters on the first ``limit`` train debates (default: all), save
    the model (default: the bundled file) and return its dev figures."""
    train = list(split_roles(folder, ElecdebSplit.TRAIN, limit=limit, progress=progress))
    features, claim = _flatten(train)
    model = ClaimClassifier(C=SHIPPED_C, threshold=SHIPPED_THRESHOLD).fit(features, claim)
    dev = list(split_roles(folder, ElecdebSplit.DEV, progress=progress))
    path = save_roles_model(
        model.to_runtime(), output if output is not None else default_roles_model_path()
    )
    return {
        "model": str(path),
        "train_debates": len(train),
        "train_units": len(features),
        "features": len(model.feature_names_),
        **{f"dev_{key}": value for key, value in score_on(model, dev).items()},
    }


__all__ = [
    "C_GRID",
    "SHIPPED_C",
    "SHIPPED_THRESHOLD",
    "THRESHOLDS",
    "ClaimClassifier",
    "DebateRoles",
    "debate_roles",
    "score_on",
    "split_roles",
    "train_roles",
    "tune_roles",
]
