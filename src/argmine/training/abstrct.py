"""AbstRCT: component and relation classification on gold components (Mayer et al. 2020).

The protocol of the ECAI 2020 experiment files: train on ``neoplasm_train``, choose the
model on ``neoplasm_dev``, and score each of the three test sets (``neoplasm_test``,
``glaucoma_test``, ``mixed_test``) separately.

* **Components**: every gold component is a Claim or a Premise (MajorClaim is merged into
  Claim in these files); the score is macro F1 over the two labels.
* **Relations**: every ordered pair of different components of one abstract is a candidate
  (the relations files list exactly these pairs); its label is Support, Attack or noRel. The
  score is macro F1 over the three labels; macro F1 over Support and Attack alone is
  reported as well.

Both tasks run on *gold* component spans: these are not the numbers of a system that
finds the components itself.

An abstract's text is its sentences, tokens joined by spaces, one sentence a line. The
components files do not mark where an abstract starts, so the sentences between the last
component of one abstract and the first of the next go to the next one (the untagged
sentences of an RCT abstract are its background and methods, which come first).
"""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Self

import attrs
import numpy as np
from numpy.typing import NDArray
from sklearn.base import BaseEstimator, clone
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold
from sklearn.utils.validation import check_is_fitted

from argmine import paths
from argmine.errors import CorpusError, InputError
from argmine.model_files import load_skops, save_skops
from argmine.parsing import ParserSource
from argmine.structure.features import Features, pairs_features, units_features
from argmine.training.corpora import corpora_root
from argmine.training.corpora.abstrct import (
    AbstrctCorpus,
    AbstrctSplit,
    ComponentLabel,
    RelationLabel,
    read_abstrct,
)
from argmine.training.parse_cache import cache_folder, parse_cached
from argmine.training.structure import single_threaded
from argmine.training.structure_model import TRUSTED_TYPES, FeatureClassifier
from argmine.types import ParsedText, Span

Progress = Callable[[str], None]


@attrs.frozen
class AbstrctDocument:
    """One abstract as text, with its gold components and the labels of their pairs.

    ``spans`` and ``labels`` are the components in text order; ``pairs`` maps every ordered
    pair ``(source, target)`` of their positions to its relation label (pairs whose texts
    the reader could not resolve are left out).
    """

    text: str
    spans: tuple[Span, ...]
    labels: tuple[ComponentLabel, ...]
    pairs: dict[tuple[int, int], RelationLabel]
    sentence_starts: tuple[int, ...]


def abstrct_folder(path: Path | str | None = None) -> Path:
    """The AbstRCT folder: ``path`` itself, its ``abstrct`` subfolder, or the corpora default."""
    root = Path(path) if path is not None else corpora_root() / "abstrct"
    for folder in (root, root / "abstrct"):
        if (folder / "argument_components").is_dir():
            return folder
    raise CorpusError(root, "not an AbstRCT folder (expected argument_components/)")


def abstract_documents(corpus: AbstrctCorpus) -> list[AbstrctDocument]:
    """The abstracts of a split as texts (see the module docstring for the boundaries)."""
    documents = []
    first_sentence = 0
    for number, abstract in enumerate(corpus.abstracts):
        if not abstract.components:
            continue
        members = [corpus.components[index] for index in abstract.components]
        if members[0].sentence < first_sentence:
            raise CorpusError(
                corpus.split.components_file,
                f"abstract {number + 1} starts in a sentence of the abstract before it",
            )
        last_sentence = max(component.sentence for component in members)
        if number == len(corpus.abstracts) - 1:
            last_sentence = len(corpus.sentences) - 1
        lines, starts, offset = [], [], 0
        for sentence in corpus.sentences[first_sentence : last_sentence + 1]:
            line = " ".join(sentence.tokens)
            lines.append(line)
            starts.append(offset)
            offset += len(line) + 1
        spans = []
        for component in members:
            tokens = corpus.sentences[component.sentence].tokens
            base = starts[component.sentence - first_sentence]
            start = base + sum(len(token) + 1 for token in tokens[: component.start])
            spans.append(
                Span(start, start + len(" ".join(tokens[component.start : component.end])))
            )
        position = {index: at for at, index in enumerate(abstract.components)}
        pairs = {
            (position[relation.source], position[relation.target]): relation.label
            for relation in abstract.relations
            if relation.source in position
            and relation.target in position
            and relation.source != relation.target
        }
        documents.append(
            AbstrctDocument(
                text="\n".join(lines),
                spans=tuple(spans),
                labels=tuple(component.label for component in members),
                pairs=pairs,
                sentence_starts=tuple(starts),
            )
        )
        first_sentence = last_sentence + 1
    return documents


def read_documents(path: Path | str | None, split: AbstrctSplit | str) -> list[AbstrctDocument]:
    """Read one split and turn it into :class:`AbstrctDocument` s."""
    return abstract_documents(read_abstrct(abstrct_folder(path), split))


@attrs.frozen
class ParsedAbstract:
    """An abstract together with the Stanza parse of its text."""

    document: AbstrctDocument
    parsed: ParsedText


# -- features -----------------------------------------------------------------------------------

#: Words that hedge a statement: claims in RCT abstracts are conclusions, often hedged.
HEDGES = frozenset(
    {
        "may", "might", "could", "suggest", "suggests", "suggested", "suggesting", "appear",
        "appears", "seem", "seems", "likely", "possibly", "possible", "potential",
        "potentially", "probably", "perhaps",
    }
)  # fmt: skip
#: Words that announce or make up the authors' conclusion.
CONCLUSION_CUES = frozenset(
    {
        "conclude", "concluded", "conclusion", "conclusions", "indicate", "indicates",
        "indicated", "demonstrate", "demonstrates", "demonstrated", "show", "shows", "showed",
        "shown", "support", "supports", "recommend", "recommended", "should", "effective",
        "efficacious", "safe", "feasible", "tolerated", "beneficial", "benefit", "warranted",
        "promising", "useful", "option", "alternative", "offers", "provides",
    }
)  # fmt: skip
#: Comparison words: premises report how the arms compare.
COMPARATIVES = frozenset(
    {
        "than", "more", "less", "compared", "versus", "vs", "vs.", "superior", "inferior",
        "similar", "comparable", "equivalent", "higher", "lower", "better", "worse", "greater",
        "increased", "decreased", "reduced", "improved", "difference", "differences",
        "different", "significant", "significantly", "statistically",
    }
)  # fmt: skip
#: Abbreviations of reported statistics (matched case-sensitively).
STATISTICS = frozenset({"CI", "OR", "HR", "RR", "SD", "IQR", "NS", "s.d.", "SE", "ITT"})
_P_VALUE = re.compile(r"(?<![a-z])p\s*(?:<|>|=|≤|≥)|p-value", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
#: Unit feature families copied into the pair features (``src:`` / ``trg:``), next to the
#: pair's own: what a component says and where, without its syntax in detail.
PAIR_UNIT_FAMILIES = (
    "rct:", "verb=", "modal=", "negated", "main_negated", "first1=", "marker_in_sense=",
    "lemma=", "position",
)  # fmt: skip


def rct_features(document: AbstrctDocument, index: int) -> Features:
    """Features of component ``index`` that matter in RCT abstracts (prefixed ``rct:``).

    Its sentence's place in the abstract (conclusions come last); numbers, percentages,
    p-values and statistics (results are premises); hedges, conclusion cues and comparatives,
    in the component and in the words of its sentence before it ("These results suggest
    that ...").
    """
    span = document.spans[index]
    sentence = bisect.bisect_right(document.sentence_starts, span.start) - 1
    count = len(document.sentence_starts)
    from_end = count - 1 - sentence
    tokens = document.text[span.start : span.end].split()
    lower = [token.lower() for token in tokens]
    left = document.text[document.sentence_starts[sentence] : span.start].split()
    left_lower = [token.lower() for token in left[-4:]]
    numbers = sum(1 for token in tokens if _DIGIT.search(token))
    features: Features = {
        "rct:sentence_position": sentence / (count - 1) if count > 1 else 1.0,
        f"rct:sentence_from_end={min(from_end, 4)}": 1.0,
        f"rct:sentence_fifth={min(4, 5 * sentence // count)}": 1.0,
        "rct:numbers": min(numbers, 10) / 10.0,
        "rct:number_share": numbers / len(tokens) if tokens else 0.0,
        "rct:percent": float(any("%" in token for token in tokens)),
        "rct:p_value": float(bool(_P_VALUE.search(document.text[span.start : span.end]))),
        "rct:left_context": float(bool(left)),
        "rct:we": float(bool({"we", "our"} & set(lower))),
    }
    for family, words in (
        ("hedge", HEDGES),
        ("cue", CONCLUSION_CUES),
        ("comparative", COMPARATIVES),
    ):
        found = [word for word in lower if word in words]
        features[f"rct:{family}"] = float(bool(found))
        for word in found:
            features[f"rct:{family}={word}"] = 1.0
        before = [word for word in left_lower if word in words]
        for word in before:
            features[f"rct:left_{family}={word}"] = 1.0
    for token in tokens:
        if token in STATISTICS:
            features[f"rct:statistic={token}"] = 1.0
    for word in left_lower:
        features[f"rct:left={word}"] = 1.0
    return features


@attrs.frozen
class AbstractFeatures:
    """The feature dicts of one abstract: one per component, one per ordered pair.

    The pair dicts lack the components' predicted types, which the model adds.
    """

    units: tuple[Features, ...]
    pairs: dict[tuple[int, int], Features]


def abstract_features(abstract: ParsedAbstract) -> AbstractFeatures:
    """:func:`~argmine.structure.features.units_features` plus :func:`rct_features` per
    component, and :func:`~argmine.structure.features.pairs_features` plus the
    :data:`PAIR_UNIT_FAMILIES` of both components per pair."""
    document = abstract.document
    units = units_features(abstract.parsed, document.spans)
    for index, features in enumerate(units):
        features.update(rct_features(document, index))
    pairs = pairs_features(abstract.parsed, document.spans, include_units=False)
    kept = [
        {key: value for key, value in features.items() if key.startswith(PAIR_UNIT_FAMILIES)}
        for features in units
    ]
    for (source, target), features in pairs.items():
        features.update({f"src:{key}": value for key, value in kept[source].items()})
        features.update({f"trg:{key}": value for key, value in kept[target].items()})
    return AbstractFeatures(tuple(units), pairs)


def _with_types(
    pairs: Mapping[tuple[int, int], Features], claim: Sequence[float]
) -> dict[tuple[int, int], Features]:
    """The pair dicts with both components' claim probabilities and their coarse types."""
    typed = {}
    for (source, target), features in pairs.items():
        types = "".join("C" if claim[unit] > 0.5 else "P" for unit in (source, target))
        direction = "forward" if target > source else "backward"
        typed[(source, target)] = {
            **features,
            "src:claim": float(claim[source]),
            "trg:claim": float(claim[target]),
            f"types={types}": 1.0,
            f"types={types}|{direction}": 1.0,
        }
    return typed


# -- the model ----------------------------------------------------------------------------------

#: The ``C`` values tried for each classifier.
DEFAULT_ABSTRCT_CS = (0.03, 0.1, 0.3, 1.0, 3.0)
#: The class weightings tried for each classifier (``LogisticRegression``'s ``class_weight``).
DEFAULT_CLASS_WEIGHTS: tuple[str | None, ...] = ("balanced", None)
#: The thresholds tried for a component's most probable relation (see :class:`AbstrctModel`).
DEFAULT_THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)

COMPONENT_LABELS = tuple(label.value for label in ComponentLabel)
RELATION_LABELS = tuple(label.value for label in RelationLabel)
ARGUMENTATIVE = (RelationLabel.SUPPORT.value, RelationLabel.ATTACK.value)
_NO_RELATION = RelationLabel.NO_RELATION.value

_Key = tuple[int, int, int]  # abstract, source, target


class AbstrctModel(BaseEstimator):  # type: ignore[misc]
    """Two logistic regressions over feature dicts: component type, then pair relation.

    The component classifier labels each gold component Claim or Premise. The relation
    classifier scores each ordered pair Support, Attack or noRel, seeing both components'
    claim probabilities (out-of-fold ones, ``type_folds`` folds by abstract, while
    training). In AbstRCT a component supports or attacks at most one other, so each
    component keeps only its most probable relation, and only if that relation's probability
    (one minus noRel's) reaches a threshold; every other pair is noRel.

    ``fit`` picks each classifier's ``C`` from ``Cs``, its ``class_weight`` from
    ``class_weights`` and the threshold from ``thresholds`` by macro F1 on ``dev``. Without
    ``dev`` it picks ``C`` by cross-validated log-loss on the training abstracts, weights
    classes ``"balanced"`` and uses the threshold 0.5.
    """

    def __init__(
        self,
        Cs: Sequence[float] = DEFAULT_ABSTRCT_CS,
        class_weights: Sequence[str | None] = DEFAULT_CLASS_WEIGHTS,
        thresholds: Sequence[float] = DEFAULT_THRESHOLDS,
        type_folds: int = 5,
    ) -> None:
        self.Cs = Cs
        self.class_weights = class_weights
        self.thresholds = thresholds
        self.type_folds = type_folds

    def fit(
        self,
        abstracts: Sequence[ParsedAbstract],
        y: None = None,
        *,
        dev: Sequence[ParsedAbstract] | None = None,
        features: Sequence[AbstractFeatures] | None = None,
        dev_features: Sequence[AbstractFeatures] | None = None,
    ) -> Self:
        """Train on gold components and pairs; ``features`` may pass precomputed
        :func:`abstract_features` (and ``dev_features`` those of ``dev``)."""
        if len(abstracts) < 2:
            raise InputError("training needs at least two abstracts")
        train_features = features_of(abstracts, features)
        X, labels, groups = _component_data(abstracts, train_features)
        held_out = (dev, features_of(dev, dev_features)) if dev else None
        self.selection_: dict[str, dict[str, Any]] = {}
        dev_units = _component_data(*held_out)[:2] if held_out is not None else None
        self.component_, self.selection_["component"] = self._select_components(
            X, labels, groups, dev_units
        )
        claim = self._out_of_fold_claim(X, labels, groups)
        pair_X, pair_labels, keys = _pair_data(abstracts, train_features, claim)
        dev_pairs = None
        if held_out is not None:
            dev_claim = [self._claim_probabilities(item.units) for item in held_out[1]]
            dev_pairs = _pair_data(held_out[0], held_out[1], dev_claim)
        self.relation_, self.threshold_, self.selection_["relation"] = self._select_relations(
            pair_X, pair_labels, [key[0] for key in keys], dev_pairs
        )
        return self

    def _candidates(self) -> list[tuple[float, str | None]]:
        return [(float(C), weight) for weight in self.class_weights for C in self.Cs]

    def _select_components(
        self,
        X: list[Features],
        y: list[str],
        groups: list[int],
        dev: tuple[list[Features], list[str]] | None,
    ) -> tuple[FeatureClassifier, dict[str, Any]]:
        if dev is None or not dev[0]:
            chosen = FeatureClassifier(Cs=tuple(self.Cs)).fit(X, y, groups=groups)
            return chosen, {"C": chosen.C_, "class_weight": "balanced", "by": "inner cv"}
        best: tuple[float, FeatureClassifier, dict[str, Any]] | None = None
        for C, class_weight in self._candidates():
            candidate = FeatureClassifier(C=C, class_weight=class_weight).fit(X, y)
            score = _macro_f1(dev[1], candidate.predict(dev[0]).tolist(), COMPONENT_LABELS)
            if best is None or score > best[0] + 1e-12:
                setting = {"C": C, "class_weight": class_weight, "dev_macro_f1": score}
                best = (score, candidate, {**setting, "by": "dev macro F1"})
        assert best is not None
        return best[1], best[2]

    def _select_relations(
        self,
        X: list[Features],
        y: list[str],
        groups: list[int],
        dev: tuple[list[Features], list[str], list[_Key]] | None,
    ) -> tuple[FeatureClassifier, float, dict[str, Any]]:
        if dev is None or not dev[0]:
            chosen = FeatureClassifier(Cs=tuple(self.Cs)).fit(X, y, groups=groups)
            setting = {"C": chosen.C_, "class_weight": "balanced", "threshold": 0.5}
            return chosen, 0.5, {**setting, "by": "inner cv"}
        dev_X, dev_y, dev_keys = dev
        best: tuple[float, FeatureClassifier, float, dict[str, Any]] | None = None
        for C, class_weight in self._candidates():
            candidate = FeatureClassifier(C=C, class_weight=class_weight).fit(X, y)
            probabilities = candidate.predict_proba(dev_X)
            for threshold in self.thresholds:
                predicted = _at_most_one_target(
                    dev_keys, probabilities, candidate.classes_, float(threshold)
                )
                score = _macro_f1(dev_y, predicted, RELATION_LABELS)
                if best is None or score > best[0] + 1e-12:
                    setting = {
                        "C": C,
                        "class_weight": class_weight,
                        "threshold": float(threshold),
                        "dev_macro_f1": score,
                    }
                    best = (score, candidate, float(threshold), {**setting, "by": "dev macro F1"})
        assert best is not None
        return best[1], best[2], best[3]

    def _claim_probabilities(self, units: Sequence[Features]) -> list[float]:
        return [float(p) for p in self.component_.probability_of(list(units), "Claim")]

    def _out_of_fold_claim(
        self, X: list[Features], labels: list[str], groups: list[int]
    ) -> list[list[float]]:
        """Claim probabilities for the training components from models that did not see
        their abstract, so the relation classifier learns from realistic ones."""
        probabilities = np.zeros(len(X))
        folds = min(self.type_folds, len(set(groups)))
        if folds < 2:
            probabilities[:] = self.component_.probability_of(X, "Claim")
        else:
            template = FeatureClassifier(
                C=self.component_.C_, class_weight=self.component_.class_weight
            )
            for train, test in GroupKFold(n_splits=folds).split(X, labels, groups):
                fold = clone(template).fit([X[i] for i in train], [labels[i] for i in train])
                probabilities[test] = fold.probability_of([X[i] for i in test], "Claim")
        by_abstract: list[list[float]] = [[] for _ in range(max(groups) + 1)]
        for group, value in zip(groups, probabilities, strict=True):
            by_abstract[group].append(float(value))
        return by_abstract

    def predict_components(
        self, abstract: ParsedAbstract, features: AbstractFeatures | None = None
    ) -> tuple[ComponentLabel, ...]:
        """Claim or Premise for every gold component of the abstract, in text order."""
        check_is_fitted(self, "relation_")
        units = (features or abstract_features(abstract)).units
        if not units:
            return ()
        return tuple(ComponentLabel(label) for label in self.component_.predict(list(units)))

    def predict_relations(
        self, abstract: ParsedAbstract, features: AbstractFeatures | None = None
    ) -> dict[tuple[int, int], RelationLabel]:
        """Support, Attack or noRel for every ordered pair of the abstract's components."""
        check_is_fitted(self, "relation_")
        computed = features or abstract_features(abstract)
        if not computed.pairs:
            return {}
        typed = _with_types(computed.pairs, self._claim_probabilities(computed.units))
        pairs = list(typed)
        probabilities = self.relation_.predict_proba([typed[pair] for pair in pairs])
        keys = [(0, source, target) for source, target in pairs]
        labels = _at_most_one_target(keys, probabilities, self.relation_.classes_, self.threshold_)
        return {pair: RelationLabel(label) for pair, label in zip(pairs, labels, strict=True)}


def _at_most_one_target(
    keys: Sequence[_Key],
    probabilities: NDArray[np.float64],
    classes: NDArray[Any],
    threshold: float,
) -> list[str]:
    """Per source component, its most probable relation if probable enough; noRel elsewhere.

    A pair's relation probability is one minus its noRel probability; the kept pair takes
    the more probable of Support and Attack.
    """
    columns = [str(label) for label in classes]
    related = (
        1.0 - probabilities[:, columns.index(_NO_RELATION)]
        if _NO_RELATION in columns
        else np.ones(len(keys))
    )
    argumentative = [i for i, label in enumerate(columns) if label != _NO_RELATION]
    labels = [_NO_RELATION] * len(keys)
    if not argumentative:
        return labels
    best: dict[tuple[int, int], int] = {}
    for row, (abstract, source, _target) in enumerate(keys):
        current = best.get((abstract, source))
        if current is None or related[row] > related[current]:
            best[(abstract, source)] = row
    for row in best.values():
        if related[row] >= threshold:
            column = argumentative[int(np.argmax(probabilities[row, argumentative]))]
            labels[row] = columns[column]
    return labels


def _macro_f1(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> float:
    return float(f1_score(gold, predicted, labels=list(labels), average="macro", zero_division=0))


def features_of(
    abstracts: Sequence[ParsedAbstract], given: Sequence[AbstractFeatures] | None
) -> Sequence[AbstractFeatures]:
    if given is None:
        return [abstract_features(abstract) for abstract in abstracts]
    if len(given) != len(abstracts):
        raise InputError("pass one AbstractFeatures per abstract")
    return given


def _component_data(
    abstracts: Sequence[ParsedAbstract], features: Sequence[AbstractFeatures]
) -> tuple[list[Features], list[str], list[int]]:
    X: list[Features] = []
    labels: list[str] = []
    groups: list[int] = []
    for group, (abstract, item) in enumerate(zip(abstracts, features, strict=True)):
        X.extend(item.units)
        labels.extend(label.value for label in abstract.document.labels)
        groups.extend([group] * len(item.units))
    return X, labels, groups


def _pair_data(
    abstracts: Sequence[ParsedAbstract],
    features: Sequence[AbstractFeatures],
    claim: Sequence[Sequence[float]],
) -> tuple[list[Features], list[str], list[_Key]]:
    """Every labelled ordered pair (pairs the reader could not resolve are left out)."""
    X: list[Features] = []
    labels: list[str] = []
    keys: list[_Key] = []
    for number, (abstract, item, probabilities) in enumerate(
        zip(abstracts, features, claim, strict=True)
    ):
        typed = _with_types(item.pairs, probabilities)
        for (source, target), label in abstract.document.pairs.items():
            X.append(typed[(source, target)])
            labels.append(label.value)
            keys.append((number, source, target))
    return X, labels, keys


def _parser_of(
    parser: ParserSource | None,
    cache_dir: Path | str | None,
    parse_text: Callable[[str], ParsedText] | None,
) -> Callable[[str], ParsedText]:
    if parse_text is not None:
        return parse_text
    folder = cache_folder(cache_dir, parser)

    def parsed_of(text: str) -> ParsedText:
        return parse_cached(text, parser=parser, folder=folder)

    return parsed_of


def load_abstracts(
    path: Path | str | None,
    splits: Sequence[AbstrctSplit | str],
    *,
    parser: ParserSource | None = "bundled",
    cache_dir: Path | str | None = None,
    parse_text: Callable[[str], ParsedText] | None = None,
    limit: Mapping[str, int | None] | None = None,
    progress: Progress | None = None,
) -> dict[str, list[ParsedAbstract]]:
    """Read the splits (all of them before parsing any, so a broken file fails fast) and
    parse their abstracts (cached, see :func:`~argmine.training.parse_cache.parse_cached`).

    ``limit`` maps a split to the number of its first abstracts to keep.
    """
    folder = abstrct_folder(path)
    documents = {AbstrctSplit(split).value: read_documents(folder, split) for split in splits}
    parsed_of = _parser_of(parser, cache_dir, parse_text)
    result = {}
    for split, items in documents.items():
        kept = items[: (limit or {}).get(split)]
        start = time.monotonic()
        result[split] = [ParsedAbstract(item, parsed_of(item.text)) for item in kept]
        if progress is not None:
            progress(f"{split}: {len(kept)} abstracts parsed in {time.monotonic() - start:.0f}s")
    return result


def fit_abstrct(
    abstracts: Mapping[str, list[ParsedAbstract]],
    model: AbstrctModel | None,
    features: Mapping[str, Sequence[AbstractFeatures]],
) -> AbstrctModel:
    train, dev = AbstrctSplit.NEOPLASM_TRAIN.value, AbstrctSplit.NEOPLASM_DEV.value
    with single_threaded():
        fitted: AbstrctModel = clone(model if model is not None else AbstrctModel())
        return fitted.fit(
            abstracts[train],
            dev=abstracts[dev],
            features=features[train],
            dev_features=features[dev],
        )


# -- training and persistence -------------------------------------------------------------------


def default_abstrct_model() -> Path:
    """Where :func:`train_abstrct` writes its model unless told otherwise:
    ``abstrct.skops`` in :func:`argmine.paths.models_dir`. The model is not bundled: AbstRCT
    is CC BY-NC-SA 4.0, and so is the model."""
    return paths.models_dir() / "abstrct.skops"


#: The only types an AbstRCT model file may contain.
ABSTRCT_TRUSTED_TYPES = TRUSTED_TYPES | {"argmine.training.abstrct.AbstrctModel"}


def train_abstrct(
    path: Path | str | None = None,
    output: Path | str | None = None,
    *,
    parser: ParserSource | None = "bundled",
    cache_dir: Path | str | None = None,
    model: AbstrctModel | None = None,
    parse_text: Callable[[str], ParsedText] | None = None,
    progress: Progress | None = None,
) -> Path:
    """Train on neoplasm train (selecting on neoplasm dev) and save the model with skops.

    ``output`` defaults to :func:`default_abstrct_model`. The file inherits AbstRCT's
    CC BY-NC-SA 4.0 terms (non-commercial).
    """
    splits = (AbstrctSplit.NEOPLASM_TRAIN, AbstrctSplit.NEOPLASM_DEV)
    abstracts = load_abstracts(
        path, splits, parser=parser, cache_dir=cache_dir, parse_text=parse_text, progress=progress
    )
    features = {
        split: [abstract_features(abstract) for abstract in items]
        for split, items in abstracts.items()
    }
    fitted = fit_abstrct(abstracts, model, features)
    return save_abstrct_model(fitted, output if output is not None else default_abstrct_model())


def save_abstrct_model(model: AbstrctModel, path: Path | str) -> Path:
    """Write a fitted model with skops (never pickle)."""
    check_is_fitted(model, "relation_")
    return save_skops(model, path)


def load_abstrct_model(path: Path | str | None = None) -> AbstrctModel:
    """Load a model saved by :func:`save_abstrct_model` (default: :func:`default_abstrct_model`).

    Raises :class:`~argmine.errors.ModelNotFoundError` for a missing file and
    :class:`~argmine.errors.CorruptModelError` for one that cannot be read, holds a type
    outside :data:`ABSTRCT_TRUSTED_TYPES` or is not a fitted :class:`AbstrctModel`.
    """
    return load_skops(
        path if path is not None else default_abstrct_model(),
        kind=AbstrctModel,
        trusted=ABSTRCT_TRUSTED_TYPES,
        fitted_attribute="relation_",
        what="AbstRCT model",
        hint="train it with: argmine train abstrct",
    )
