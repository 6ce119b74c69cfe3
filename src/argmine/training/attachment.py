"""Training the turn-attachment model (:mod:`argmine.structure.attachment`) on ElecDeb60to20.

Each debate goes through argmine's own first stages exactly as
:func:`argmine.pipeline.analyze_parsed` runs them (parse, layout, moves, segmentation, the
argumentative-unit filter); the kept units are grouped by turn as the document decoder groups
them. A unit matches a gold component under the half-overlap one-to-one match of the
evaluations; a pair ``(source, target)`` of one turn is positive when the gold has a Support or
Attack relation from the source's component to the target's. Only units with an annotated
target in their turn give rows (every pair from them): the model ranks a unit's targets, and a
unit without one gets a wrong relation whatever it is given. ``C`` is chosen on the dev
debates (2008) by the end-to-end relation F1 of ``argmine evaluate elecdeb`` (``--tune``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Self

import attrs
import numpy as np
from numpy.typing import NDArray
from sklearn.base import BaseEstimator
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from argmine.evaluation.elecdeb import evaluate_elecdeb, gold_edges
from argmine.evaluation.essays import match_units
from argmine.linear import LinearClassifier
from argmine.pipeline import analyze_parsed, document_segments
from argmine.structure.attachment import (
    AttachmentModel,
    default_attachment_model_path,
    save_attachment_model,
    turn_features,
)
from argmine.structure.document import DocumentUnits
from argmine.structure.features import Features
from argmine.structure.models import text_features
from argmine.structure.units import argumentative_units, shipped_units_model
from argmine.training.corpora.elecdeb import (
    ElecdebDebate,
    ElecdebSplit,
    each_debate,
)
from argmine.training.parse_cache import parse_cached
from argmine.types import Analysis


class AttachmentClassifier(BaseEstimator):  # type: ignore[misc]
    """P(a pair of one turn is an annotated relation) (named features, logistic regression).

    Features seen in fewer than ``min_count`` training rows are dropped, which keeps the
    shipped vocabulary small.
    """

    def __init__(self, C: float = 0.1, min_count: int = 3) -> None:
        self.C = C
        self.min_count = min_count

    def fit(self, features: Sequence[Features], right: Sequence[bool]) -> Self:
        vectorizer = DictVectorizer()
        matrix = vectorizer.fit_transform(features)
        counts = np.asarray((matrix != 0).sum(axis=0)).ravel()
        keep = np.flatnonzero(counts >= self.min_count)
        self.feature_names_ = vectorizer.get_feature_names_out()[keep]
        self.logistic_ = LogisticRegression(C=self.C, max_iter=3000)
        self.logistic_.fit(matrix[:, keep], np.asarray(right, dtype=bool))
        return self

    def to_runtime(self) -> AttachmentModel:
        """The fitted model as argmine runs it (and :func:`save_attachment_model` writes it)."""
        check_is_fitted(self, "logistic_")
        return AttachmentModel(LinearClassifier.of(self.logistic_, self.feature_names_))

    def predict_proba(self, features: Sequence[Features]) -> NDArray[np.float64]:
        """P(wrong), P(right) of each row."""
        probabilities = self.to_runtime().probabilities(features)
        return np.column_stack([1.0 - probabilities, probabilities])

    def predict(self, features: Sequence[Features]) -> NDArray[np.bool_]:
        """Whether each row is more likely right than wrong."""
        return np.asarray(self.predict_proba(features)[:, 1] >= 0.5)


#: The grid ``--tune`` scores on dev; :data:`SHIPPED_C` was the best of it (dev relation F1,
#: 8 train debates).
C_GRID = (0.0003, 0.001, 0.003, 0.01, 0.03)
SHIPPED_C = 0.001


@attrs.frozen
class DebateRows:
    """One debate's pairs and whether each is an annotated relation."""

    name: str
    features: tuple[Features, ...]
    right: tuple[bool, ...]


def debate_rows(debate: ElecdebDebate) -> DebateRows:
    """The pairs of every turn of a debate whose source has an annotated target in it,
    labelled from the gold."""
    parsed = parse_cached(debate.text, parser="bundled")
    layout, moves, spans = document_segments(parsed)
    kept = argumentative_units(shipped_units_model(), parsed, spans, moves=moves, layout=layout)
    matched = match_units(
        [(s.start, s.end) for s in kept], [(c.start, c.end) for c in debate.components]
    )
    component = {unit: debate.components[index].id for unit, index in matched.items()}
    gold = gold_edges(debate)
    document = DocumentUnits.of(parsed, kept, layout)
    rows: list[Features] = []
    right: list[bool] = []
    for paragraph in sorted(set(document.paragraph)):
        members = document.members(paragraph)
        turn = [kept[unit] for unit in members]
        pairs = turn_features(parsed, turn, text_features(parsed, turn, moves))
        edges = {
            pair
            for pair in pairs
            if (component.get(members[pair[0]]), component.get(members[pair[1]])) in gold
        }
        sources = {source for source, _target in edges}
        for pair, features in pairs.items():
            if pair[0] in sources:
                rows.append(features)
                right.append(pair in edges)
    return DebateRows(debate.name, tuple(rows), tuple(right))


def split_rows(
    folder: Path | str,
    split: ElecdebSplit,
    *,
    limit: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> Iterator[DebateRows]:
    """:func:`debate_rows` of the first ``limit`` debates of a split (by number)."""
    return each_debate(
        folder,
        split,
        debate_rows,
        limit=limit,
        progress=progress,
        describe=lambda rows: f"{len(rows.features)} pairs, {sum(rows.right)} relations",
    )


def _flatten(debates: Sequence[DebateRows]) -> tuple[list[Features], list[bool]]:
    return (
        [f for d in debates for f in d.features],
        [r for d in debates for r in d.right],
    )


def dev_figures(folder: Path | str, model: AttachmentModel) -> dict[str, float]:
    """``argmine evaluate elecdeb --split dev`` with ``model`` in place of the shipped one."""

    def analyze(text: str) -> Analysis:
        return analyze_parsed(parse_cached(text, parser="bundled"), attachment_model=model)

    return evaluate_elecdeb(folder, ElecdebSplit.DEV, analyze=analyze)


def tune_attachment(
    folder: Path | str, train: Sequence[DebateRows], *, progress: Callable[[str], None] | None
) -> list[dict[str, float]]:
    """Dev figures of every ``C`` of the grid, best relation F1 first."""
    features, right = _flatten(train)
    rows = []
    for c in C_GRID:
        model = AttachmentClassifier(C=c).fit(features, right)
        rows.append({"C": c, **dev_figures(folder, model.to_runtime())})
        if progress is not None:
            progress(f"C={c}: dev relations F1 {rows[-1]['relations_f1']:.3f}")
    return sorted(rows, key=lambda row: -row["relations_f1"])


def train_attachment(
    folder: Path | str,
    output: Path | str | None = None,
    *,
    limit: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, float | str]:
    """Fit :data:`SHIPPED_C` on the first ``limit`` train debates (default: all), save the
    model (default: the bundled file) and return its end-to-end dev figures."""
    train = list(split_rows(folder, ElecdebSplit.TRAIN, limit=limit, progress=progress))
    features, right = _flatten(train)
    model = AttachmentClassifier(C=SHIPPED_C).fit(features, right)
    runtime = model.to_runtime()
    path = save_attachment_model(
        runtime, output if output is not None else default_attachment_model_path()
    )
    return {
        "model": str(path),
        "train_debates": len(train),
        "train_pairs": len(features),
        "features": len(model.feature_names_),
        **{f"dev_{key}": value for key, value in dev_figures(folder, runtime).items()},
    }


__all__ = [
    "C_GRID",
    "SHIPPED_C",
    "AttachmentClassifier",
    "DebateRows",
    "debate_rows",
    "dev_figures",
    "split_rows",
    "train_attachment",
    "tune_attachment",
]
