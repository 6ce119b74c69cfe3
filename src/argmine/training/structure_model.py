"""The scikit-learn estimators that train argmine's argument-structure model.

:class:`FeatureClassifier` is one estimator for feature dicts (``DictVectorizer`` +
``LogisticRegression``; its ``C`` and which feature families to leave out are optionally
chosen by inner cross-validation on the training data). :class:`ArgumentStructureModel`
trains five of them on :class:`TrainingText` s, following Peldszus & Stede (2015) (see
:mod:`argmine.structure.models` for the five classifiers and what a prediction holds). The
weights of the four components in the decoder are chosen by inner cross-validation on the
training texts (``weights=None``), like evidencegraph's ``optimize_weighting="inner_cv"``.

A fitted estimator hands argmine its :class:`~argmine.structure.models.StructureModel`
(:meth:`ArgumentStructureModel.to_runtime`), which predicts exactly as it does and is what
``argmine train microtexts`` writes. :func:`tree_scores` scores decoded trees as evidencegraph
does (the metric of inner cross-validation and of ``argmine evaluate microtexts``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Self

import attrs
import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, log_loss
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.utils.validation import check_is_fitted

from argmine.errors import InputError
from argmine.linear import LinearClassifier
from argmine.structure.decoder import DecodedTree, DecoderWeights, EdgeFunction, derive_roles
from argmine.structure.features import Features
from argmine.structure.models import (
    CLASSIFIERS,
    MAX_UNITS_PER_TREE,
    Scores,
    StructureModel,
    StructurePrediction,
    TextFeatures,
    text_features,
)
from argmine.types import AnyMove, ArgumentUnit, ParsedText, Relation, Span, Stance

__all__ = [
    "DEFAULT_CS",
    "DEFAULT_VIEWS",
    "LEVELS",
    "TRUSTED_TYPES",
    "ArgumentStructureModel",
    "FeatureClassifier",
    "TrainingText",
    "level_vectors",
    "tree_scores",
]

#: The ``C`` values :class:`ArgumentStructureModel` tries for each classifier by default.
DEFAULT_CS = (0.1, 0.3, 1.0, 3.0)

#: The decoder weights ``(cc, ro, fu, at)`` tried by inner cross-validation: equal weights,
#: each of cc, ro and fu doubled alone or together, and attachment doubled. (A full grid costs
#: more decoding time than it gains; equal weights come first and win ties.)
WEIGHT_GRID: tuple[tuple[float, float, float, float], ...] = (
    (1.0, 1.0, 1.0, 1.0),
    *[(cc, ro, fu, 1.0) for cc, ro, fu in itertools.product((1.0, 2.0), repeat=3)][1:],
    (1.0, 1.0, 1.0, 2.0),
)

#: Feature families (name prefixes, see :mod:`argmine.structure.features`) that a
#: :class:`FeatureClassifier` may leave out, chosen by inner cross-validation.
DEPENDENCY_ARCS: tuple[str, ...] = ("dep=", "deptag=", "depout=")

PART_OF_SPEECH: tuple[str, ...] = ("upos=", "verb_upos=", "deptag=")

#: The feature views :class:`ArgumentStructureModel` tries by default: everything, without
#: dependency arcs, without part-of-speech tags, without both.
DEFAULT_VIEWS: tuple[tuple[str, ...], ...] = (
    (),
    DEPENDENCY_ARCS,
    PART_OF_SPEECH,
    tuple(dict.fromkeys(DEPENDENCY_ARCS + PART_OF_SPEECH)),
)


def _base_name(feature: str) -> str:
    """A pair feature's unit-level name: ``src:lemma=tax`` -> ``lemma=tax``."""
    return feature[4:] if feature.startswith(("src:", "trg:")) else feature


class FeatureClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Logistic regression over feature dicts (``{"lemma=tax": 1.0, ...}``).

    ``C`` is the inverse regularisation strength. ``views`` lists candidate sets of feature
    name prefixes to leave out (``()`` keeps everything; pair features match after their
    ``src:``/``trg:`` prefix). With ``Cs`` or several views, ``fit`` picks the combination
    with the lowest log-loss in ``cv``-fold cross-validation on the training data (folds
    grouped by ``groups`` when given, e.g. one group per text) and keeps it in ``C_`` and
    ``drop_``. ``class_weight`` is passed to ``LogisticRegression``.

    >>> clf = FeatureClassifier().fit([{"a": 1.0}, {"b": 1.0}] * 3, [0, 1] * 3)
    >>> clf.predict([{"a": 1.0}]).tolist()
    [0]
    """

    def __init__(
        self,
        C: float = 1.0,
        Cs: Sequence[float] | None = None,
        views: Sequence[Sequence[str]] | None = None,
        class_weight: str | None = "balanced",
        cv: int = 3,
        max_iter: int = 2000,
    ) -> None:
        self.C = C
        self.Cs = Cs
        self.views = views
        self.class_weight = class_weight
        self.cv = cv
        self.max_iter = max_iter

    def _model(self, C: float) -> LogisticRegression:
        return LogisticRegression(C=C, class_weight=self.class_weight, max_iter=self.max_iter)

    @staticmethod
    def _mask(names: Sequence[str], drop: Sequence[str]) -> NDArray[np.bool_]:
        prefixes = tuple(drop)
        if not prefixes:
            return np.ones(len(names), dtype=bool)
        return np.array([not _base_name(name).startswith(prefixes) for name in names], dtype=bool)

    def fit(
        self,
        X: Sequence[Mapping[str, float]],
        y: Sequence[Any] | NDArray[Any],
        groups: Sequence[Any] | NDArray[Any] | None = None,
    ) -> Self:
        labels = np.asarray(y)
        if len(X) != len(labels) or len(labels) == 0:
            raise InputError(f"fit needs as many labels as items (got {len(X)} and {len(y)})")
        vectorizer = DictVectorizer()
        matrix = vectorizer.fit_transform(X)
        names: list[str] = vectorizer.feature_names_
        classes = np.unique(labels)
        views: list[tuple[str, ...]] = [tuple(view) for view in self.views or [()]]
        self.C_, self.drop_ = float(self.C), views[0]
        self._runtime: LinearClassifier | None = None
        if len(classes) < 2:
            self.feature_names_ = np.asarray(names, dtype=str)
            self.classes_ = classes
            self.model_: LogisticRegression | None = None
            return self
        if self.Cs or len(views) > 1:
            self.C_, self.drop_ = self._select(matrix, names, labels, groups, views)
        mask = self._mask(names, self.drop_)
        if mask.any() and not mask.all():
            names = [name for name, keep in zip(names, mask, strict=True) if keep]
            matrix = matrix[:, mask]
        # The names as one numpy array: skops stores it compactly (a fitted DictVectorizer's
        # vocabulary would take a JSON node per feature and a model file of ~80 MB).
        self.feature_names_ = np.asarray(names, dtype=str)
        self.model_ = self._model(self.C_).fit(matrix, labels)
        self.classes_ = self.model_.classes_
        return self

    def _splits(
        self, matrix: Any, labels: NDArray[Any], groups: Sequence[Any] | NDArray[Any] | None
    ) -> list[tuple[NDArray[Any], NDArray[Any]]]:
        if groups is not None:
            n_groups = len(set(np.asarray(groups).tolist()))
            if n_groups < 2:
                return []
            folder = GroupKFold(n_splits=min(self.cv, n_groups))
            return list(folder.split(matrix, labels, groups))
        smallest = int(min(np.unique(labels, return_counts=True)[1]))
        if smallest < 2:
            return []
        stratified = StratifiedKFold(min(self.cv, smallest), shuffle=True, random_state=0)
        return list(stratified.split(matrix, labels))

    def _select(
        self,
        matrix: Any,
        names: Sequence[str],
        labels: NDArray[Any],
        groups: Sequence[Any] | NDArray[Any] | None,
        views: list[tuple[str, ...]],
    ) -> tuple[float, tuple[str, ...]]:
        splits = self._splits(matrix, labels, groups)
        best = (float(self.C), views[0])
        best_loss = np.inf
        classes = np.unique(labels)
        for view in views:
            mask = self._mask(names, view)
            if not mask.any():
                continue
            columns = matrix[:, mask]
            for C in self.Cs or (self.C,):
                losses = []
                for train, test in splits:
                    if len(np.unique(labels[train])) < len(classes):
                        continue
                    model = self._model(float(C)).fit(columns[train], labels[train])
                    probabilities = model.predict_proba(columns[test])
                    losses.append(log_loss(labels[test], probabilities, labels=model.classes_))
                if losses and float(np.mean(losses)) < best_loss - 1e-12:
                    best, best_loss = (float(C), view), float(np.mean(losses))
        return best

    def predict_proba(self, X: Sequence[Mapping[str, float]]) -> NDArray[np.float64]:
        """Class probabilities, columns in the order of ``classes_``."""
        return self.to_runtime().predict_proba(self.transform(X))

    def to_runtime(self) -> LinearClassifier:
        """The fitted classifier as arrays (what argmine runs; built once)."""
        check_is_fitted(self, "feature_names_")
        runtime: LinearClassifier | None = getattr(self, "_runtime", None)
        if runtime is None:
            if self.model_ is None:  # one class: probability 1 whatever the features
                width = len(self.feature_names_)
                runtime = LinearClassifier(
                    self.classes_, np.zeros((1, width)), np.zeros(1), self.feature_names_
                )
            else:
                runtime = LinearClassifier.of(self.model_, self.feature_names_)
            self._runtime = runtime
        return runtime

    def transform(self, X: Sequence[Mapping[str, float]]) -> csr_matrix:
        """The feature matrix of ``X`` over the kept training features (others are ignored)."""
        return self.to_runtime().transform(X)

    @property
    def vocabulary(self) -> dict[str, int]:
        """Column of every kept training feature."""
        return self.to_runtime().vocabulary

    def __getstate__(self) -> dict[str, Any]:
        state: dict[str, Any] = super().__getstate__()
        state.pop("_runtime", None)  # rebuilt from the fitted attributes when needed
        return state

    def predict(self, X: Sequence[Mapping[str, float]]) -> NDArray[Any]:
        probabilities = self.predict_proba(X)
        result: NDArray[Any] = self.classes_[np.argmax(probabilities, axis=1)]
        return result

    def probability_of(
        self, X: Sequence[Mapping[str, float]] | csr_matrix, label: Any
    ) -> NDArray[np.float64]:
        """The probability of one class for every item (0 if ``fit`` never saw the class);
        ``X`` may also be a matrix from :meth:`transform`."""
        matrix = X if isinstance(X, csr_matrix) else self.transform(X)
        return self.to_runtime().probability_of(matrix, label)


def _spans(values: Iterable[Span]) -> tuple[Span, ...]:
    return tuple(values)


def _parents(values: Iterable[int | None]) -> tuple[int | None, ...]:
    return tuple(values)


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _moves(values: Iterable[AnyMove]) -> tuple[AnyMove, ...]:
    return tuple(values)


@attrs.frozen
class TrainingText:
    """A text with gold units and tree, in text order.

    ``parents[i]`` is the index of the unit ``i`` attaches to (None for the central claim),
    ``functions[i]`` one of ``cc``, ``sup``, ``reb``, ``und``.
    """

    id: str
    parsed: ParsedText
    units: tuple[Span, ...] = attrs.field(converter=_spans)
    parents: tuple[int | None, ...] = attrs.field(converter=_parents)
    functions: tuple[str, ...] = attrs.field(converter=_strings)
    moves: tuple[AnyMove, ...] = attrs.field(default=(), converter=_moves)

    def __attrs_post_init__(self) -> None:
        count = len(self.units)
        if count == 0 or len(self.parents) != count or len(self.functions) != count:
            raise InputError(f"{self.id}: units, parents and functions must match and be >0")
        roots = [i for i, parent in enumerate(self.parents) if parent is None]
        if len(roots) != 1 or self.functions[roots[0]] != "cc":
            raise InputError(f"{self.id}: expected exactly one central claim")
        for unit, (parent, function) in enumerate(zip(self.parents, self.functions, strict=True)):
            if parent is not None and (not 0 <= parent < count or parent == unit):
                raise InputError(f"{self.id}: unit {unit} has parent {parent}")
            if parent is not None and function not in ("sup", "reb", "und"):
                raise InputError(f"{self.id}: unit {unit} has function {function!r}")
        self.roles  # noqa: B018 - raises InputError on a cycle

    @property
    def edge_functions(self) -> tuple[EdgeFunction, ...]:
        return tuple(_coarse(function) for function in self.functions)

    @property
    def roles(self) -> tuple[Stance, ...]:
        return derive_roles(self.parents, self.edge_functions)


def _coarse(function: str) -> EdgeFunction:
    if function == "cc":
        return EdgeFunction.CENTRAL_CLAIM
    return EdgeFunction.ATTACK if function in ("reb", "und") else EdgeFunction.SUPPORT


class ArgumentStructureModel(BaseEstimator):  # type: ignore[misc]
    """The evidence-graph model: cc, ro, fu, attack and at classifiers plus the tree decoder.

    Each of ``cc``, ``ro``, ``fu``, ``attack`` and ``at`` is an unfitted classifier for
    feature dicts (None: a :class:`FeatureClassifier` that picks ``C`` from
    :data:`DEFAULT_CS`); ``fit`` trains clones of them. ``weights`` are the decoder weights
    ``(cc, ro, fu, at)``; None chooses them from a small grid by ``inner_folds``-fold
    cross-validation on the training texts (mean of the four macro F1 scores of the decoded
    trees).
    """

    def __init__(
        self,
        cc: Any = None,
        ro: Any = None,
        fu: Any = None,
        attack: Any = None,
        at: Any = None,
        weights: tuple[float, float, float, float] | None = None,
        inner_folds: int = 3,
    ) -> None:
        self.cc = cc
        self.ro = ro
        self.fu = fu
        self.attack = attack
        self.at = at
        self.weights = weights
        self.inner_folds = inner_folds

    # -- training ---------------------------------------------------------------------------

    def _estimator(self, name: str) -> Any:
        given = getattr(self, name)
        if given is not None:
            return clone(given)
        return FeatureClassifier(Cs=DEFAULT_CS, views=DEFAULT_VIEWS)

    def fit(
        self, texts: Sequence[TrainingText], features: Sequence[TextFeatures] | None = None
    ) -> Self:
        """Train on gold units and trees (at least two texts).

        ``features`` may pass :func:`text_features` of every text, computed beforehand (cross-
        validation computes them once for all splits).
        """
        if len(texts) < 2:
            raise InputError("training needs at least two texts")
        if features is None:
            features = [text_features(text.parsed, text.units, text.moves) for text in texts]
        elif len(features) != len(texts):
            raise InputError("fit needs one TextFeatures per text")
        self._runtime: StructureModel | None = None
        self._fit_classifiers(texts, features, tune=True)
        if self.weights is not None:
            self.weights_ = tuple(float(w) for w in self.weights)
        else:
            self.weights_ = self._tune_weights(texts, features)
        DecoderWeights(*self.weights_)  # validates
        return self

    def _fit_classifiers(
        self, texts: Sequence[TrainingText], features: Sequence[TextFeatures], *, tune: bool
    ) -> None:
        data = _training_data(texts, features)
        for name in ("cc", "ro", "fu", "attack", "at"):
            estimator = self._estimator(name)
            if not tune and isinstance(estimator, FeatureClassifier):
                fitted = getattr(self, f"{name}_", None)
                if isinstance(fitted, FeatureClassifier):
                    estimator.set_params(Cs=None, C=fitted.C_, views=(fitted.drop_,))
            X, y, groups = data[name]
            if not X:  # e.g. no attacks in the training texts
                X, y, groups = [{}], ["reb"], [0]
            if isinstance(estimator, FeatureClassifier):
                estimator.fit(X, y, groups=groups)
            else:
                estimator.fit(X, y)
            setattr(self, f"{name}_", estimator)

    def _tune_weights(
        self, texts: Sequence[TrainingText], features: Sequence[TextFeatures]
    ) -> tuple[float, float, float, float]:
        folds = min(self.inner_folds, len(texts))
        if folds < 2:
            return (1.0, 1.0, 1.0, 1.0)
        held_out: list[tuple[TrainingText, Scores]] = []
        for train, test in GroupKFold(n_splits=folds).split(texts, groups=range(len(texts))):
            inner = clone(self)
            for name in ("cc", "ro", "fu", "attack", "at"):  # reuse the chosen C values
                setattr(inner, f"{name}_", getattr(self, f"{name}_"))
            inner._fit_classifiers(
                [texts[i] for i in train], [features[i] for i in train], tune=False
            )
            scorer = inner._runtime_with((1.0, 1.0, 1.0, 1.0))
            for i in test:
                held_out.append((texts[i], scorer.scores(features[i])))
        best: tuple[float, float, float, float] = (1.0, 1.0, 1.0, 1.0)
        best_score = -1.0
        for candidate in WEIGHT_GRID:
            weights = DecoderWeights(*candidate)
            gold: list[TrainingText] = []
            predicted: list[DecodedTree] = []
            for text, scores in held_out:
                gold.append(text)
                predicted.append(scores.decode(weights))
            score = float(np.mean(list(tree_scores(gold, predicted).values())))
            if score > best_score + 1e-12:
                best, best_score = candidate, score
        return best

    # -- prediction ---------------------------------------------------------------------------

    def to_runtime(self) -> StructureModel:
        """The fitted model as argmine runs it (and :func:`~argmine.structure.models.save_model`
        writes it); built once."""
        check_is_fitted(self, "weights_")
        runtime: StructureModel | None = getattr(self, "_runtime", None)
        if runtime is None:
            runtime = self._runtime = self._runtime_with(self.weights_)
        return runtime

    def _runtime_with(self, weights: Sequence[float]) -> StructureModel:
        """The fitted classifiers as a runtime model decoding with ``weights``."""
        classifiers = {name: getattr(self, f"{name}_").to_runtime() for name in CLASSIFIERS}
        return StructureModel(**classifiers, weights=weights)

    def __getstate__(self) -> dict[str, Any]:
        state: dict[str, Any] = super().__getstate__()
        state.pop("_runtime", None)  # rebuilt from the classifiers when needed
        return state

    def predict_structure(
        self,
        parsed: ParsedText,
        units: Sequence[Span],
        *,
        moves: Sequence[AnyMove] = (),
        features: TextFeatures | None = None,
    ) -> StructurePrediction:
        """:meth:`StructureModel.predict_structure` of the fitted model."""
        return self.to_runtime().predict_structure(parsed, units, moves=moves, features=features)

    def predict(
        self,
        parsed: ParsedText,
        units: Sequence[Span],
        *,
        moves: Sequence[AnyMove] = (),
        max_units: int = MAX_UNITS_PER_TREE,
    ) -> tuple[tuple[ArgumentUnit, ...], tuple[Relation, ...]]:
        """:meth:`StructureModel.predict` of the fitted model."""
        return self.to_runtime().predict(parsed, units, moves=moves, max_units=max_units)


def _training_data(
    texts: Sequence[TrainingText], features: Sequence[TextFeatures]
) -> dict[str, tuple[list[Features], list[Any], list[int]]]:
    data: dict[str, tuple[list[Features], list[Any], list[int]]] = {
        name: ([], [], []) for name in ("cc", "ro", "fu", "attack", "at")
    }

    def add(name: str, x: Features, y: Any, group: int) -> None:
        data[name][0].append(x)
        data[name][1].append(y)
        data[name][2].append(group)

    for group, (text, feats) in enumerate(zip(texts, features, strict=True)):
        roles = text.roles
        for unit, unit_features in enumerate(feats.units):
            function = text.functions[unit]
            add("cc", unit_features, int(function == "cc"), group)
            add("ro", unit_features, roles[unit].value, group)
            if function != "cc":
                add("fu", unit_features, _coarse(function).value, group)
            parent = text.parents[unit]
            if function in ("reb", "und") and parent is not None:
                add("attack", feats.pair(unit, parent), function, group)
        for (source, target), pair in feats.pairs.items():
            add("at", pair, int(text.parents[source] == target), group)
    return data


def level_vectors(parents: Sequence[int | None], functions: Sequence[str]) -> dict[str, list[Any]]:
    """evidencegraph's per-level label vectors of one tree (``ArgTree.get_vector``).

    ``cc``: 1 for the central claim; ``ro``: ``pro``/``opp`` from the tree; ``fu``: ``cc``,
    ``sup`` or ``att`` per unit; ``fu_full``: ``cc``, ``sup``, ``reb`` or ``und``; ``at``: 1
    for every ordered pair ``(i, j)``, ``i != j``, where ``i`` attaches to ``j``.
    """
    coarse = [_coarse(function) for function in functions]
    roles = derive_roles(parents, coarse)
    count = len(parents)
    return {
        "cc": [int(parent is None) for parent in parents],
        "ro": [role.value for role in roles],
        "fu": [function.value for function in coarse],
        "fu_full": list(functions),
        "at": [int(parents[i] == j) for i, j in itertools.permutations(range(count), 2)],
    }


LEVELS = ("cc", "ro", "fu", "fu_full", "at")


def tree_scores(
    gold: Sequence[TrainingText], predicted: Sequence[DecodedTree | StructurePrediction]
) -> dict[str, float]:
    """Macro F1 per level over all units (pairs for ``at``) of the texts, as evidencegraph.

    For :class:`DecodedTree` predictions ``fu_full`` is left out (it has no reb/und).
    """
    gold_vectors: dict[str, list[Any]] = {level: [] for level in LEVELS}
    pred_vectors: dict[str, list[Any]] = {level: [] for level in LEVELS}
    full = all(isinstance(p, StructurePrediction) for p in predicted)
    for text, prediction in zip(gold, predicted, strict=True):
        if isinstance(prediction, StructurePrediction):
            parents, functions = prediction.tree.parents, prediction.functions
        else:
            parents = prediction.parents
            functions = tuple(
                "att" if f is EdgeFunction.ATTACK else f.value for f in prediction.functions
            )
        for level, values in level_vectors(text.parents, text.functions).items():
            gold_vectors[level].extend(values)
        predicted_levels = level_vectors(parents, [("reb" if f == "att" else f) for f in functions])
        for level, values in predicted_levels.items():
            pred_vectors[level].extend(values)
    levels = LEVELS if full else ("cc", "ro", "fu", "at")
    return {
        level: float(
            f1_score(gold_vectors[level], pred_vectors[level], average="macro", zero_division=0)
        )
        for level in levels
    }


#: The types a skops file of :class:`FeatureClassifier` s may contain (the AbstRCT models).
TRUSTED_TYPES = frozenset(
    {
        "argmine.training.structure_model.FeatureClassifier",
        "sklearn.linear_model._logistic.LogisticRegression",
        "builtins.float",
        "builtins.int",
        "builtins.str",
        "builtins.tuple",
        "builtins.list",
        "builtins.dict",
        "numpy.float64",
        "numpy.int64",
        "numpy.dtype",
        "numpy.ndarray",
    }
)
