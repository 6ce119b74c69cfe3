"""scikit-learn models for argumentation structure: five local classifiers and the decoder.

:class:`FeatureClassifier` is one estimator for feature dicts (``DictVectorizer`` +
``LogisticRegression``; its ``C`` and which feature families to leave out are optionally
chosen by inner cross-validation on the training data). :class:`ArgumentStructureModel`
trains five of them on :class:`TrainingText` s, following Peldszus & Stede (2015):

* ``cc``: is the unit the central claim (binary)?
* ``ro``: is the unit the opponent's (``opp``) or the proponent's (``pro``)?
* ``fu``: does a unit that is not the central claim attack (``att``) or support (``sup``)?
* ``attack``: is an attack a rebuttal (``reb``) or an undercut (``und``)? (on the pair of the
  attacking unit and the unit it attaches to)
* ``at``: does unit ``i`` attach to unit ``j``? (every ordered pair)

and decodes their probabilities into one tree with :func:`argmine.structure.decoder.decode`.
The weights of the four components in the decoder are chosen by inner cross-validation on the
training texts (``weights=None``), like evidencegraph's ``optimize_weighting="inner_cv"``.

What :meth:`ArgumentStructureModel.predict` returns:

* one :class:`~argmine.types.ArgumentUnit` per input span, ids ``u1``, ``u2``, ... in the
  given order. ``role``: ``central_claim`` for the decoded root; ``claim`` for any other unit
  that some unit supports or attacks (an intermediate conclusion or an objection that is
  itself countered); ``premise`` for the rest (the leaves of the tree). ``stance``: the role
  in the tree, ``pro`` (the proponent's voice) or ``opp`` (the opponent's), derived from the
  tree so that every attack switches it. ``confidence``: for the central claim the ``cc``
  probability; for other units ``(1 - P(cc)) * P(role)``.
* one :class:`~argmine.types.Relation` per non-root unit, ids ``r1``, ... from that unit to
  the unit it attaches to, with kind ``support``, ``rebut`` or ``undercut``. As in
  evidencegraph, an undercut points at the *source* unit of the relation it attacks.
  ``confidence``: ``P(at) * P(kind)``.

Models are saved and loaded with skops only (:func:`save_model`, :func:`load_model`), never
with pickle; loading accepts only the types in :data:`TRUSTED_TYPES`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Self

import attrs
import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
from scipy.special import expit  # type: ignore[import-untyped]
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, log_loss
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.utils.validation import check_is_fitted

from argmine.corpora.microtexts import AduFunction, Microtext
from argmine.errors import InputError, InvalidDocumentError
from argmine.features import Features, pairs_features, units_features
from argmine.model_files import load_skops, save_skops
from argmine.moves.spans import PARAGRAPH_BREAK
from argmine.structure.decoder import (
    DecodedTree,
    DecoderWeights,
    EdgeFunction,
    decode,
    derive_roles,
)
from argmine.types import (
    AnyMove,
    ArgumentUnit,
    ParsedText,
    Relation,
    RelationKind,
    Span,
    Stance,
    UnitRole,
)

__all__ = [
    "TRUSTED_TYPES",
    "ArgumentStructureModel",
    "FeatureClassifier",
    "StructurePrediction",
    "TextFeatures",
    "TrainingText",
    "bundled_model_path",
    "load_model",
    "save_model",
    "text_features",
    "tree_scores",
]

#: The ``C`` values :class:`ArgumentStructureModel` tries for each classifier by default.
DEFAULT_CS = (0.1, 0.3, 1.0, 3.0)
#: The most units decoded as one tree (pair features grow with the square of this).
MAX_UNITS_PER_TREE = 40
#: The decoder weights ``(cc, ro, fu, at)`` tried by inner cross-validation: equal weights,
#: each of cc, ro and fu doubled alone or together, and attachment doubled. (A full grid costs
#: more decoding time than it gains; equal weights come first and win ties.)
WEIGHT_GRID: tuple[tuple[float, float, float, float], ...] = (
    (1.0, 1.0, 1.0, 1.0),
    *[(cc, ro, fu, 1.0) for cc, ro, fu in itertools.product((1.0, 2.0), repeat=3)][1:],
    (1.0, 1.0, 1.0, 2.0),
)


#: Feature families (name prefixes, see :mod:`argmine.features`) that a
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
        self._vocabulary: dict[str, int] | None = None
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
        return self._proba_of_matrix(self.transform(X))

    def _proba_of_matrix(self, matrix: csr_matrix) -> NDArray[np.float64]:
        check_is_fitted(self, "feature_names_")
        if self.model_ is None:
            return np.ones((matrix.shape[0], 1))
        if len(self.classes_) == 2:
            # What LogisticRegression.predict_proba computes for two classes, without its
            # input validation (a millisecond a call, more than the product itself on a
            # short text; the matrix is argmine's own, built by transform).
            decision = matrix @ self.model_.coef_[0] + self.model_.intercept_[0]
            positive = expit(np.asarray(decision, dtype=np.float64))
            return np.column_stack([1.0 - positive, positive])
        result: NDArray[np.float64] = self.model_.predict_proba(matrix)
        return result

    def transform(self, X: Sequence[Mapping[str, float]]) -> csr_matrix:
        """The feature matrix of ``X`` over the kept training features (others are ignored)."""
        return feature_matrix(X, self.vocabulary)

    @property
    def vocabulary(self) -> dict[str, int]:
        """Column of every kept training feature (built from ``feature_names_`` once)."""
        check_is_fitted(self, "feature_names_")
        vocabulary: dict[str, int] | None = getattr(self, "_vocabulary", None)
        if vocabulary is None:
            vocabulary = {str(name): index for index, name in enumerate(self.feature_names_)}
            self._vocabulary = vocabulary
        return vocabulary

    def __getstate__(self) -> dict[str, Any]:
        state: dict[str, Any] = super().__getstate__()
        state.pop("_vocabulary", None)  # rebuilt from feature_names_ when needed
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
        probabilities = self._proba_of_matrix(matrix)
        matches = np.flatnonzero(self.classes_ == label)
        if len(matches) == 0:
            return np.zeros(matrix.shape[0])
        column: NDArray[np.float64] = np.clip(probabilities[:, int(matches[0])], 0.0, 1.0)
        return column


def feature_matrix(X: Sequence[Mapping[str, float]], vocabulary: Mapping[str, int]) -> csr_matrix:
    """Feature dicts as a sparse matrix over ``vocabulary``'s columns (other names ignored)."""
    indptr, indices, values = [0], [], []
    known_names = vocabulary.keys()
    for item in X:
        # Most features of a new text were never seen in training: intersect the key sets
        # (in C) before looking anything up. The set's order depends on the process's string
        # hashing, so the columns are sorted: every process then sums in the same order and
        # gets bit-identical probabilities.
        for column, value in sorted(
            (vocabulary[name], item[name]) for name in item.keys() & known_names
        ):
            if value:
                indices.append(column)
                values.append(float(value))
        indptr.append(len(indices))
    return csr_matrix(
        (np.asarray(values, dtype=np.float64), np.asarray(indices, dtype=np.int32), indptr),
        shape=(len(X), len(vocabulary)),
    )


@attrs.frozen
class _UnitProjection:
    """One vocabulary for the unit features every classifier reads, and for each classifier a
    0/1 matrix that maps it onto that classifier's columns: a text's unit dicts are then read
    once, not once per classifier."""

    vocabulary: dict[str, int]
    onto: dict[str, csr_matrix]

    @classmethod
    def of(cls, model: ArgumentStructureModel) -> _UnitProjection:
        targets: dict[str, dict[str, int]] = {
            name: getattr(model, f"{name}_").vocabulary for name in ("cc", "ro", "fu")
        }
        at = model.at_.vocabulary
        for prefix in ("src:", "trg:"):
            targets[prefix] = {
                name[len(prefix) :]: column
                for name, column in at.items()
                if name.startswith(prefix)
            }
        names = sorted({name for columns in targets.values() for name in columns})
        vocabulary = {name: index for index, name in enumerate(names)}
        onto = {}
        for key, columns in targets.items():
            width = len(at) if key in ("src:", "trg:") else len(columns)
            rows = [vocabulary[name] for name in columns]
            onto[key] = csr_matrix(
                (np.ones(len(rows)), (rows, list(columns.values()))),
                shape=(len(vocabulary), width),
            )
        return cls(vocabulary, onto)


def _function_label(function: AduFunction) -> str:
    return function.value


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

    @classmethod
    def from_microtext(cls, microtext: Microtext, parsed: ParsedText) -> TrainingText:
        """The gold structure of an arg-microtext, in evidencegraph's dependency form, over
        its stated ADUs (:meth:`~argmine.corpora.microtexts.Microtext.scored_tree`)."""
        if parsed.text != microtext.text:
            raise InputError(f"{microtext.id}: the parse is of a different text")
        try:
            tree = microtext.scored_tree()
        except InvalidDocumentError as error:
            raise InputError(str(error)) from None
        return cls(
            microtext.id,
            parsed,
            tree.spans,
            tree.parents,
            tuple(_function_label(function) for function in tree.functions),
        )


def _coarse(function: str) -> EdgeFunction:
    if function == "cc":
        return EdgeFunction.CENTRAL_CLAIM
    return EdgeFunction.ATTACK if function in ("reb", "und") else EdgeFunction.SUPPORT


@attrs.frozen
class StructurePrediction:
    """Everything the model predicts for one text: local probabilities and the decoded tree.

    ``functions`` refines the tree's ``att`` into ``reb`` and ``und`` (``cc``, ``sup``,
    ``reb``, ``und`` per unit); ``attack_kind[i]`` is P(undercut) for attacking units.
    """

    cc: tuple[float, ...]
    ro: tuple[float, ...]
    fu: tuple[float, ...]
    at: tuple[tuple[float, ...], ...]
    tree: DecodedTree
    functions: tuple[str, ...]
    undercut: tuple[float, ...]


@attrs.frozen
class TextFeatures:
    """The feature dicts of one text's units and of every ordered pair of them."""

    units: list[Features]
    #: The pair-only features (distance, markers, overlap …) of every ordered pair.
    pair_only: dict[tuple[int, int], Features]

    def pair(self, source: int, target: int) -> Features:
        """The full features of one pair: its own plus both units' (``src:``, ``trg:``)."""
        merged = dict(self.pair_only[(source, target)])
        merged.update({f"src:{key}": value for key, value in self.units[source].items()})
        merged.update({f"trg:{key}": value for key, value in self.units[target].items()})
        return merged

    @property
    def pairs(self) -> dict[tuple[int, int], Features]:
        """The full features of every ordered pair (what the attachment model learns from)."""
        return {key: self.pair(*key) for key in self.pair_only}


def text_features(
    parsed: ParsedText, units: Sequence[Span], moves: Sequence[AnyMove] = ()
) -> TextFeatures:
    """Compute :class:`TextFeatures` once, to pass to ``fit`` or ``predict_structure``."""
    unit_dicts = units_features(parsed, units, moves=moves)
    return TextFeatures(unit_dicts, pairs_features(parsed, units, include_units=False))


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
        held_out: list[tuple[TrainingText, _Scores]] = []
        for train, test in GroupKFold(n_splits=folds).split(texts, groups=range(len(texts))):
            inner = clone(self)
            for name in ("cc", "ro", "fu", "attack", "at"):  # reuse the chosen C values
                setattr(inner, f"{name}_", getattr(self, f"{name}_"))
            inner._fit_classifiers(
                [texts[i] for i in train], [features[i] for i in train], tune=False
            )
            for i in test:
                held_out.append((texts[i], inner._scores(features[i])))
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

    # -- prediction -------------------------------------------------------------------------

    def _projection(self) -> _UnitProjection:
        projection = getattr(self, "_unit_projection", None)
        if projection is None:
            projection = self._unit_projection = _UnitProjection.of(self)
        return projection

    def __getstate__(self) -> dict[str, Any]:
        state: dict[str, Any] = super().__getstate__()
        state.pop("_unit_projection", None)  # rebuilt from the classifiers when needed
        return state

    def _scores(self, features: TextFeatures) -> _Scores:
        count = len(features.units)
        projection = self._projection()
        units = feature_matrix(features.units, projection.vocabulary)
        cc = self.cc_.probability_of(units @ projection.onto["cc"], 1)
        ro = self.ro_.probability_of(units @ projection.onto["ro"], "opp")
        fu = self.fu_.probability_of(units @ projection.onto["fu"], "att")
        at = np.zeros((count, count))
        if count > 1:
            keys = list(features.pair_only)
            shape = (len(keys), count)
            rows, ones = np.arange(len(keys)), np.ones(len(keys))
            sources = csr_matrix((ones, (rows, [source for source, _ in keys])), shape=shape)
            targets = csr_matrix((ones, (rows, [target for _, target in keys])), shape=shape)
            matrix = (
                self.at_.transform([features.pair_only[key] for key in keys])
                + sources @ (units @ projection.onto["src:"])
                + targets @ (units @ projection.onto["trg:"])
            )
            values = self.at_.probability_of(csr_matrix(matrix), 1)
            for (source, target), value in zip(keys, values, strict=True):
                at[source, target] = value
        return _Scores(cc, ro, fu, at)

    def predict_structure(
        self,
        parsed: ParsedText,
        units: Sequence[Span],
        *,
        moves: Sequence[AnyMove] = (),
        features: TextFeatures | None = None,
    ) -> StructurePrediction:
        """Local probabilities, the decoded tree and the refined functions for one text."""
        check_is_fitted(self, "weights_")
        if not units:
            raise InputError("there are no units to relate")
        if features is None:
            features = text_features(parsed, units, moves)
        elif len(features.units) != len(units):
            raise InputError("features were computed for other units")
        scores = self._scores(features)
        tree = scores.decode(DecoderWeights(*self.weights_))
        attackers = [unit for unit, f in enumerate(tree.functions) if f is EdgeFunction.ATTACK]
        undercut = np.zeros(len(units))
        if attackers:
            pairs = [features.pair(unit, tree.parents[unit]) for unit in attackers]  # type: ignore[arg-type]
            undercut[attackers] = self.attack_.probability_of(pairs, "und")
        functions = tuple(
            "cc"
            if f is EdgeFunction.CENTRAL_CLAIM
            else "sup"
            if f is EdgeFunction.SUPPORT
            else ("und" if undercut[unit] > 0.5 else "reb")
            for unit, f in enumerate(tree.functions)
        )
        return StructurePrediction(
            cc=tuple(float(v) for v in scores.cc),
            ro=tuple(float(v) for v in scores.ro),
            fu=tuple(float(v) for v in scores.fu),
            at=tuple(tuple(float(v) for v in row) for row in scores.at),
            tree=tree,
            functions=functions,
            undercut=tuple(float(v) for v in undercut),
        )

    def predict(
        self,
        parsed: ParsedText,
        units: Sequence[Span],
        *,
        moves: Sequence[AnyMove] = (),
        max_units: int = MAX_UNITS_PER_TREE,
    ) -> tuple[tuple[ArgumentUnit, ...], tuple[Relation, ...]]:
        """Argument units and relations for gold or predicted unit spans (in text order).

        Up to ``max_units`` units are decoded as one tree. A longer text is decoded in
        blocks of whole paragraphs (each at most ``max_units`` units), and the blocks' central
        claims are then decoded again as units of their own: the result is still one tree
        with one central claim, and the pair scores stay quadratic in the block size only.
        """
        if max_units < 2:
            raise InputError("max_units must be at least 2")
        if len(units) <= max_units:
            return to_argmine(parsed, units, self.predict_structure(parsed, units, moves=moves))
        blocks = paragraph_blocks(parsed.text, units, max_units)
        local = [self.predict(parsed, [units[i] for i in block], moves=moves) for block in blocks]
        roots = [
            block[_central_index(block_units)]
            for block, (block_units, _relations) in zip(blocks, local, strict=True)
        ]
        top_units, top_relations = self.predict(
            parsed, [units[i] for i in roots], moves=moves, max_units=max_units
        )
        return _join_blocks(blocks, local, roots, top_units, top_relations)


@attrs.frozen
class _Scores:
    cc: NDArray[np.float64]
    ro: NDArray[np.float64]
    fu: NDArray[np.float64]
    at: NDArray[np.float64]

    def decode(self, weights: DecoderWeights) -> DecodedTree:
        return decode(
            self.cc.tolist(), self.ro.tolist(), self.fu.tolist(), self.at.tolist(), weights
        )


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


def to_argmine(
    parsed: ParsedText, units: Sequence[Span], result: StructurePrediction
) -> tuple[tuple[ArgumentUnit, ...], tuple[Relation, ...]]:
    """Turn a prediction into argmine units and relations (see the module docstring)."""
    tree = result.tree
    ids = [f"u{number}" for number in range(1, len(units) + 1)]
    has_children = {parent for parent in tree.parents if parent is not None}
    argument_units = []
    for unit, span in enumerate(units):
        role_probability = (
            result.ro[unit] if tree.roles[unit] is Stance.OPP else 1 - result.ro[unit]
        )
        if unit == tree.central_claim:
            role, confidence = UnitRole.CENTRAL_CLAIM, result.cc[unit]
        else:
            role = UnitRole.CLAIM if unit in has_children else UnitRole.PREMISE
            confidence = (1.0 - result.cc[unit]) * role_probability
        argument_units.append(
            ArgumentUnit(
                id=ids[unit],
                start=span.start,
                end=span.end,
                text=parsed.text[span.start : span.end],
                role=role,
                stance=tree.roles[unit],
                confidence=min(1.0, max(0.0, confidence)),
            )
        )
    relations: list[Relation] = []
    kinds = {"sup": RelationKind.SUPPORT, "reb": RelationKind.REBUT, "und": RelationKind.UNDERCUT}
    for unit, parent in enumerate(tree.parents):
        if parent is None:
            continue
        function = result.functions[unit]
        attack = result.fu[unit]
        kind_probability = {
            "sup": 1.0 - attack,
            "reb": attack * (1.0 - result.undercut[unit]),
            "und": attack * result.undercut[unit],
        }[function]
        relations.append(
            Relation(
                id=f"r{len(relations) + 1}",
                source=ids[unit],
                target=ids[parent],
                kind=kinds[function],
                confidence=min(1.0, max(0.0, result.at[unit][parent] * kind_probability)),
            )
        )
    return tuple(argument_units), tuple(relations)


def paragraph_blocks(text: str, units: Sequence[Span], max_units: int) -> list[list[int]]:
    """Consecutive unit indices grouped into blocks of whole paragraphs, at most
    ``max_units`` each (a paragraph longer than that is cut into pieces)."""
    breaks = [match.end() for match in PARAGRAPH_BREAK.finditer(text)]
    paragraphs: list[list[int]] = []
    for index, span in enumerate(units):
        paragraph = sum(1 for offset in breaks if offset <= span.start)
        if not paragraphs or paragraph != paragraphs[-1][0]:
            paragraphs.append([paragraph])
        paragraphs[-1].append(index)
    blocks: list[list[int]] = []
    for _number, *members in paragraphs:
        pieces = [members[i : i + max_units] for i in range(0, len(members), max_units)]
        for piece in pieces:
            if blocks and len(blocks[-1]) + len(piece) <= max_units:
                blocks[-1].extend(piece)
            else:
                blocks.append(list(piece))
    return blocks


def _central_index(units: Sequence[ArgumentUnit]) -> int:
    return next(i for i, unit in enumerate(units) if unit.role is UnitRole.CENTRAL_CLAIM)


def _join_blocks(
    blocks: Sequence[Sequence[int]],
    local: Sequence[tuple[tuple[ArgumentUnit, ...], tuple[Relation, ...]]],
    roots: Sequence[int],
    top_units: Sequence[ArgumentUnit],
    top_relations: Sequence[Relation],
) -> tuple[tuple[ArgumentUnit, ...], tuple[Relation, ...]]:
    """One tree from the blocks' trees and the tree over their central claims.

    A block whose central claim opposes the text's central claim flips the stance of all its
    units; the block roots take their role from the top tree (a root with supporters of its
    own stays a claim).
    """
    count = sum(len(block) for block in blocks)
    ids = [f"u{number}" for number in range(1, count + 1)]
    merged: list[ArgumentUnit | None] = [None] * count
    relations: list[tuple[int, int, RelationKind, float]] = []
    for block, (block_units, block_relations), root, top in zip(
        blocks, local, roots, top_units, strict=True
    ):
        flip = top.stance is Stance.OPP
        local_index = {unit.id: block[i] for i, unit in enumerate(block_units)}
        for position, unit in zip(block, block_units, strict=True):
            stance = unit.stance
            if flip and stance is not None:
                stance = Stance.PRO if stance is Stance.OPP else Stance.OPP
            if position == root:
                role = top.role
                if role is UnitRole.PREMISE and len(block) > 1:
                    role = UnitRole.CLAIM
                merged[position] = attrs.evolve(
                    unit,
                    id=ids[position],
                    role=role,
                    stance=top.stance,
                    confidence=top.confidence,
                )
            else:
                merged[position] = attrs.evolve(unit, id=ids[position], stance=stance)
        relations.extend(
            (local_index[r.source], local_index[r.target], r.kind, r.confidence)
            for r in block_relations
        )
    top_index = {unit.id: roots[i] for i, unit in enumerate(top_units)}
    relations.extend(
        (top_index[r.source], top_index[r.target], r.kind, r.confidence) for r in top_relations
    )
    relations.sort()
    return tuple(unit for unit in merged if unit is not None), tuple(
        Relation(f"r{number}", ids[source], ids[target], kind, confidence)
        for number, (source, target, kind, confidence) in enumerate(relations, start=1)
    )


# -- evaluation vectors (shared with argmine.structure.evaluate) ------------------------------


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


# -- persistence -------------------------------------------------------------------------------

#: The only types a structure model file may contain (anything else is refused on load).
TRUSTED_TYPES = frozenset(
    {
        "argmine.structure.models.ArgumentStructureModel",
        "argmine.structure.models.FeatureClassifier",
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


def bundled_model_path() -> Path:
    """Where the bundled microtexts model lives inside the installed package."""
    return Path(str(resources.files("argmine.resources"))) / "structure" / "microtexts.skops"


def save_model(model: ArgumentStructureModel, path: Path | str) -> Path:
    """Write a fitted model with skops (never pickle)."""
    check_is_fitted(model, "weights_")
    return save_skops(model, path)


def load_model(path: Path | str | None = None) -> ArgumentStructureModel:
    """Load a model saved by :func:`save_model` (default: the bundled microtexts model).

    Raises :class:`~argmine.errors.ModelNotFoundError` when the file does not exist and
    :class:`~argmine.errors.CorruptModelError` when it cannot be read, holds a type outside
    :data:`TRUSTED_TYPES`, or is not an :class:`ArgumentStructureModel`.
    """
    return load_skops(
        path if path is not None else bundled_model_path(),
        kind=ArgumentStructureModel,
        trusted=TRUSTED_TYPES,
        fitted_attribute="weights_",
        what="structure model",
        hint="" if path is not None else "train it with: argmine train microtexts",
    )
