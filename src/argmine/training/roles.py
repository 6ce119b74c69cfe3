"""Training the claim-or-premise model (:mod:`argmine.structure.roles`) on ElecDeb60to20.

Each text goes through argmine's own stages up to the document decoder (parse, layout,
moves, segmentation, and for a transcript the shipped argumentative-unit filter), so the
features are those :func:`argmine.structure.document.predict_document` reads. A unit that
matches a gold component (the half-overlap one-to-one match of the evaluations) is labelled
with it; the other units are left out.

A Claim is a claim, a Premise is not. The model is fitted on the train debates (1960–2004);
``C`` and the threshold are chosen on the dev debates (2008) by the macro-F1 of claim and
premise. ``argmine train roles --tune`` prints the grid.
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
from argmine.layout import is_transcript
from argmine.linear import LinearClassifier, feature_matrix
from argmine.pipeline import document_segments
from argmine.structure.document import DocumentUnits
from argmine.structure.features import Features
from argmine.structure.roles import (
    RoleClassifier,
    default_roles_model_path,
    role_features,
    save_roles_model,
)
from argmine.structure.units import argumentative_units, segment_features, shipped_units_model
from argmine.training.corpora.elecdeb import (
    ElecdebDebate,
    ElecdebLabel,
    ElecdebSplit,
    each_debate,
)
from argmine.training.parse_cache import parse_cached


class ClaimClassifier(BaseEstimator):  # type: ignore[misc]
    """P(claim) of a unit from its role features (logistic regression over the feature names
    seen at least ``min_count`` times in training)."""

    def __init__(
        self,
        C: float = 0.1,
        threshold: float = 0.5,
        min_count: int = 3,
    ) -> None:
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
        return RoleClassifier(
            LinearClassifier.of(self.logistic_, self.feature_names_), self.threshold
        )

    def probabilities(self, features: Sequence[Features]) -> NDArray[np.float64]:
        """P(claim) of each feature dict."""
        return self.to_runtime().probabilities(features)

    def predict(self, features: Sequence[Features]) -> NDArray[np.bool_]:
        """Whether each unit is a claim at :attr:`threshold`."""
        return self.probabilities(features) >= self.threshold


#: The grid ``--tune`` scores; the shipped values were its best (ElecDeb dev macro-F1).
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0)
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
SHIPPED_C = 0.1
SHIPPED_THRESHOLD = 0.4


@attrs.frozen
class LabelledUnits:
    """One text's units that match a gold component: their role features and whether each
    is a claim."""

    name: str
    features: tuple[Features, ...]
    claim: tuple[bool, ...]


def labelled_units(name: str, text: str, gold: Sequence[tuple[int, int, bool]]) -> LabelledUnits:
    """Run a text through the pipeline up to the decoder and label the units that match a
    gold ``(start, end, is_claim)`` component."""
    parsed = parse_cached(text, parser="bundled")
    layout, moves, spans = document_segments(parsed)
    if is_transcript(layout):
        spans = tuple(
            argumentative_units(shipped_units_model(), parsed, spans, moves=moves, layout=layout)
        )
    document = DocumentUnits.of(parsed, spans, layout)
    features = role_features(
        segment_features(parsed, spans, moves=moves, layout=layout), document.places
    )
    matched = match_units([(s.start, s.end) for s in spans], [(g[0], g[1]) for g in gold])
    units = sorted(matched)
    return LabelledUnits(
        name, tuple(features[unit] for unit in units), tuple(gold[matched[u]][2] for u in units)
    )


def _debate_units(debate: ElecdebDebate) -> LabelledUnits:
    gold = [(c.start, c.end, c.label is ElecdebLabel.CLAIM) for c in debate.components]
    return labelled_units(debate.name, debate.text, gold)


def debate_roles(
    folder: Path | str,
    split: ElecdebSplit,
    *,
    limit: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> Iterator[LabelledUnits]:
    """The labelled units of the first ``limit`` debates of a split (by number)."""
    return each_debate(
        folder,
        split,
        _debate_units,
        limit=limit,
        progress=progress,
        describe=lambda labelled: f"{len(labelled.claim)} matched units",
    )


def _flatten(texts: Sequence[LabelledUnits]) -> tuple[list[Features], list[bool]]:
    return [f for t in texts for f in t.features], [c for t in texts for c in t.claim]


def score_on(
    model: ClaimClassifier, texts: Sequence[LabelledUnits], threshold: float
) -> dict[str, float]:
    """AUC and claim/premise precision, recall and F1 over the matched units at
    ``threshold``, and the macro average of the two F1s."""
    features, claim = _flatten(texts)
    probabilities = model.probabilities(features)
    predicted = probabilities >= threshold
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


def tune_roles(
    train: Sequence[LabelledUnits], dev: Sequence[LabelledUnits]
) -> list[dict[str, float | str]]:
    """Dev figures of every ``C`` × threshold of the grid, best macro-F1 first."""
    features, claim = _flatten(train)
    rows: list[dict[str, float | str]] = []
    for c in C_GRID:
        model = ClaimClassifier(C=c).fit(features, claim)
        for threshold in THRESHOLDS:
            rows.append({"C": c, "threshold": threshold, **score_on(model, dev, threshold)})
    return sorted(rows, key=lambda row: -float(row["macro_f1"]))


def train_roles(
    folder: Path | str,
    output: Path | str | None = None,
    *,
    limit: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, float | str]:
    """Fit the shipped parameters on the first ``limit`` train debates (default: all), save
    the model (default: the bundled file) and return its dev figures."""
    train = list(debate_roles(folder, ElecdebSplit.TRAIN, limit=limit, progress=progress))
    features, claim = _flatten(train)
    model = ClaimClassifier(C=SHIPPED_C, threshold=SHIPPED_THRESHOLD).fit(features, claim)
    dev = list(debate_roles(folder, ElecdebSplit.DEV, progress=progress))
    path = save_roles_model(
        model.to_runtime(), output if output is not None else default_roles_model_path()
    )
    return {
        "model": str(path),
        "train_debates": len(train),
        "train_units": len(features),
        "features": len(model.feature_names_),
        **{f"dev_{key}": value for key, value in score_on(model, dev, SHIPPED_THRESHOLD).items()},
    }


__all__ = [
    "C_GRID",
    "SHIPPED_C",
    "SHIPPED_THRESHOLD",
    "THRESHOLDS",
    "ClaimClassifier",
    "LabelledUnits",
    "debate_roles",
    "labelled_units",
    "score_on",
    "train_roles",
    "tune_roles",
]
