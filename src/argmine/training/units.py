"""Training the argumentative-unit filter (:mod:`argmine.structure.units`) on ElecDeb60to20.

Each debate transcript goes through argmine's own first stages (parse, layout, moves,
segmentation, exactly as :func:`argmine.pipeline.analyze_parsed` runs them); a segment is
argumentative when it matches a gold Claim or Premise under the half-overlap one-to-one match
of the evaluations. The model is fitted on the train debates (1960–2004) and scored on the dev
debates (2008): segment AUC, and units P/R/F1 against the gold components after filtering,
for every ``C`` and threshold of a small grid (``argmine train units --tune``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Self

import attrs
import numpy as np
from numpy.typing import NDArray
from sklearn.base import BaseEstimator
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.utils.validation import check_is_fitted

from argmine.evaluation.essays import f1, match_units, ratio
from argmine.linear import LinearClassifier
from argmine.pipeline import document_segments
from argmine.structure.features import Features
from argmine.structure.units import (
    UnitFilter,
    default_units_model_path,
    save_units_model,
    segment_features,
)
from argmine.training.corpora.elecdeb import (
    ElecdebDebate,
    ElecdebSplit,
    each_debate,
)
from argmine.training.parse_cache import parse_cached


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

    def to_runtime(self) -> UnitFilter:
        """The fitted filter as argmine runs it (and :func:`save_units_model` writes it)."""
        check_is_fitted(self, "logistic_")
        return UnitFilter(LinearClassifier.of(self.logistic_), self.threshold)

    def probabilities(self, features: Sequence[Features]) -> NDArray[np.float64]:
        """P(argumentative) of each feature dict."""
        return self.to_runtime().probabilities(features)


#: The grid ``--tune`` scores on dev; :data:`SHIPPED_C` and :data:`SHIPPED_THRESHOLD` were
#: the best of it (dev units F1, 8 train debates).
C_GRID = (0.03, 0.1, 0.3, 1.0)
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.5)
SHIPPED_C = 0.03
SHIPPED_THRESHOLD = 0.3


@attrs.frozen
class DebateSegments:
    """One debate's segments: their features, whether each is argumentative, and how many
    gold components the debate has."""

    name: str
    features: tuple[Features, ...]
    argumentative: tuple[bool, ...]
    gold_components: int


def debate_segments(debate: ElecdebDebate) -> DebateSegments:
    """Segment a debate as the pipeline does and label each segment from the gold."""
    parsed = parse_cached(debate.text, parser="bundled")
    layout, moves, spans = document_segments(parsed)
    matched = match_units(
        [(s.start, s.end) for s in spans], [(c.start, c.end) for c in debate.components]
    )
    return DebateSegments(
        debate.name,
        tuple(segment_features(parsed, spans, moves=moves, layout=layout)),
        tuple(index in matched for index in range(len(spans))),
        len(debate.components),
    )


def split_segments(
    folder: Path | str,
    split: ElecdebSplit,
    *,
    limit: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> Iterator[DebateSegments]:
    """:func:`debate_segments` of the first ``limit`` debates of a split (by number)."""
    return each_debate(
        folder,
        split,
        debate_segments,
        limit=limit,
        progress=progress,
        describe=lambda segments: f"{len(segments.features)} segments",
    )


def _flatten(debates: Sequence[DebateSegments]) -> tuple[list[Features], list[bool]]:
    return (
        [f for d in debates for f in d.features],
        [a for d in debates for a in d.argumentative],
    )


def score_on(
    model: ArgumentativeUnitClassifier, debates: Sequence[DebateSegments]
) -> dict[str, float]:
    """Segment AUC and units P/R/F1 after filtering at the model's threshold (every segment
    is a unit: the decoder keeps the spans it gets)."""
    features, argumentative = _flatten(debates)
    probabilities = model.probabilities(features)
    kept = probabilities >= model.threshold
    correct = sum(1 for keep, gold in zip(kept, argumentative, strict=True) if keep and gold)
    precision = ratio(correct, int(kept.sum()))
    recall = ratio(correct, sum(d.gold_components for d in debates))
    return {
        "segments": len(features),
        "auc": float(roc_auc_score(argumentative, probabilities)),
        "units_precision": precision,
        "units_recall": recall,
        "units_f1": f1(precision, recall),
    }


def tune_units(
    train: Sequence[DebateSegments], dev: Sequence[DebateSegments]
) -> list[dict[str, float]]:
    """Dev figures of every ``C`` × threshold of the grid, best units F1 first."""
    features, argumentative = _flatten(train)
    rows = []
    for c in C_GRID:
        model = ArgumentativeUnitClassifier(C=c).fit(features, argumentative)
        for threshold in THRESHOLDS:
            model.threshold = threshold
            rows.append({"C": c, "threshold": threshold, **score_on(model, dev)})
    return sorted(rows, key=lambda row: -row["units_f1"])


def train_units(
    folder: Path | str,
    output: Path | str | None = None,
    *,
    limit: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, float | str]:
    """Fit the shipped parameters on the first ``limit`` train debates (default: all), save
    the model (default: the bundled file) and return its dev figures."""
    train = list(split_segments(folder, ElecdebSplit.TRAIN, limit=limit, progress=progress))
    features, argumentative = _flatten(train)
    model = ArgumentativeUnitClassifier(C=SHIPPED_C, threshold=SHIPPED_THRESHOLD).fit(
        features, argumentative
    )
    dev = list(split_segments(folder, ElecdebSplit.DEV, progress=progress))
    path = save_units_model(
        model.to_runtime(), output if output is not None else default_units_model_path()
    )
    return {
        "model": str(path),
        "train_debates": len(train),
        "train_segments": len(features),
        **{f"dev_{key}": value for key, value in score_on(model, dev).items()},
    }


__all__ = [
    "C_GRID",
    "SHIPPED_C",
    "SHIPPED_THRESHOLD",
    "THRESHOLDS",
    "DebateSegments",
    "debate_segments",
    "score_on",
    "split_segments",
    "train_units",
    "tune_units",
]
