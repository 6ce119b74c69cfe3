"""The marker-sense classifier: estimator conventions, features, rules, model files, GUM test."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone

from argmine.errors import CorruptModelError, InvalidDocumentError, ModelNotFoundError
from argmine.evaluation.senses import evaluate, format_table, score_senses
from argmine.linear import save_arrays
from argmine.moves.senses import (
    FIXED_SENSES,
    LABELS,
    MARKER_LEXICON,
    NONE,
    MarkerContext,
    SenseModel,
    default_model_path,
    load_model,
    marker_features,
    save_model,
)
from argmine.parsing.convert import from_conllu
from argmine.training.sense_classifiers import MajoritySenseBaseline, MarkerSenseClassifier
from argmine.types import MoveKind, ParsedText

Row = tuple[str, str, str, str, int, str]  # form, lemma, upos, feats, head, deprel


def _conllu(sentences: list[list[Row]]) -> str:
    blocks = []
    for sentence in sentences:
        lines = [
            f"{i}\t{form}\t{lemma}\t{upos}\t_\t{feats}\t{head}\t{deprel}\t_\t_"
            for i, (form, lemma, upos, feats, head, deprel) in enumerate(sentence, start=1)
        ]
        blocks.append("# newpar\n" + "\n".join(lines) + "\n")
    return "\n".join(blocks) + "\n"


def _causal(subject: str, verb: str, other: str, main: str) -> list[Row]:
    """ "Since <subject> <verb>, <other> <main> it." - since heads a fronted reason clause."""
    past = "Mood=Ind|Tense=Past|VerbForm=Fin"
    return [
        ("Since", "since", "SCONJ", "_", 3, "mark"),
        (subject, subject.lower(), "PRON", "_", 3, "nsubj"),
        (verb, verb[:-2], "VERB", past, 7, "advcl"),
        (",", ",", "PUNCT", "_", 3, "punct"),
        (other, other.lower(), "PRON", "_", 7, "nsubj"),
        ("could", "could", "AUX", "VerbForm=Fin", 7, "aux"),
        (main, main, "VERB", "VerbForm=Inf", 0, "root"),
        ("it", "it", "PRON", "_", 7, "obj"),
        (".", ".", "PUNCT", "_", 7, "punct"),
    ]


def _temporal(subject: str, verb: str, year: str) -> list[Row]:
    """ "<subject> have <verb> here since <year>." - since as a preposition of time."""
    return [
        (subject, subject.lower(), "PRON", "_", 3, "nsubj"),
        ("have", "have", "AUX", "Mood=Ind|Tense=Pres|VerbForm=Fin", 3, "aux"),
        (verb, verb[:-2], "VERB", "Tense=Past|VerbForm=Part", 0, "root"),
        ("here", "here", "ADV", "_", 3, "advmod"),
        ("since", "since", "ADP", "_", 6, "case"),
        (year, year, "NUM", "NumType=Card", 3, "obl"),
        (".", ".", "PUNCT", "_", 3, "punct"),
    ]


TRAIN_CAUSAL = [
    ("it", "rained", "we", "leave"),
    ("they", "called", "she", "answer"),
    ("he", "failed", "I", "help"),
    ("she", "agreed", "they", "sign"),
    ("we", "waited", "he", "see"),
    ("it", "worked", "you", "use"),
]
TRAIN_TEMPORAL = [
    ("We", "lived", "2005"),
    ("They", "worked", "1999"),
    ("I", "stayed", "2010"),
    ("You", "played", "1987"),
    ("She", "studied", "2001"),
    ("He", "waited", "2019"),
]


def _contexts(sentences: list[list[Row]]) -> tuple[ParsedText, list[MarkerContext]]:
    parsed = from_conllu(_conllu(sentences))
    contexts = []
    for index, sentence in enumerate(parsed.sentences):
        words = [i for i, token in enumerate(sentence.tokens, start=1) if token.lemma == "since"]
        contexts.append(MarkerContext(parsed, index, words, "since"))
    return parsed, contexts


@pytest.fixture(scope="module")
def since_data() -> tuple[list[MarkerContext], list[str]]:
    sentences = [_causal(*args) for args in TRAIN_CAUSAL] + [
        _temporal(*args) for args in TRAIN_TEMPORAL
    ]
    _, contexts = _contexts(sentences)
    return contexts, ["cause"] * len(TRAIN_CAUSAL) + [NONE] * len(TRAIN_TEMPORAL)


@pytest.fixture(scope="module")
def since_heldout() -> list[MarkerContext]:
    _, contexts = _contexts(
        [_causal("you", "asked", "we", "go"), _temporal("They", "owned", "1975")]
    )
    return contexts


@pytest.fixture(scope="module")
def fitted(since_data: tuple[list[MarkerContext], list[str]]) -> MarkerSenseClassifier:
    return MarkerSenseClassifier().fit(*since_data)


# --------------------------------------------------------------------------- estimator


def test_params_are_stored_unchanged_and_clone_copies_them() -> None:
    model = MarkerSenseClassifier(C=0.5, class_weight="balanced", min_count=3)
    params = model.get_params()
    assert params == {
        "C": 0.5,
        "class_weight": "balanced",
        "min_count": 3,
        "max_iter": 2000,
        "tol": 1e-4,
        "fixed_senses": True,
    }
    copy = clone(model)
    assert copy is not model
    assert copy.get_params() == params
    assert model.set_params(C=2.0, fixed_senses=False) is model
    assert model.C == 2.0
    assert model.fixed_senses is False
    with pytest.raises(ValueError, match="Invalid parameter"):
        model.set_params(not_a_parameter=1)
    assert MajoritySenseBaseline().get_params() == {}
    assert clone(MajoritySenseBaseline()).get_params() == {}


def test_clone_of_a_fitted_model_is_unfitted(fitted: MarkerSenseClassifier) -> None:
    copy = clone(fitted)
    assert not hasattr(copy, "classes_")
    assert copy.get_params() == fitted.get_params()


def test_learns_causal_and_temporal_since(
    fitted: MarkerSenseClassifier,
    since_data: tuple[list[MarkerContext], list[str]],
    since_heldout: list[MarkerContext],
) -> None:
    contexts, labels = since_data
    assert list(fitted.predict(contexts)) == labels
    assert list(fitted.predict(since_heldout)) == ["cause", NONE]
    assert fitted.predict_kinds(since_heldout) == [MoveKind.CAUSE, None]
    probabilities = fitted.predict_proba(since_heldout)
    assert probabilities.shape == (2, len(fitted.classes_))
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)
    assert {"cause", NONE} <= set(fitted.classes_)
    assert set(fitted.classes_) <= set(LABELS)
    assert list(fitted.classes_) == sorted(fitted.classes_)
    assert fitted.score(since_heldout, ["cause", NONE]) == 1.0  # ClassifierMixin.score


def test_unseen_marker_is_none(fitted: MarkerSenseClassifier) -> None:
    parsed = from_conllu(_conllu([_causal("it", "rained", "we", "leave")]))
    context = MarkerContext(parsed, 0, [1], "because")  # never seen in training
    assert list(fitted.predict([context])) == [NONE]


def test_fit_checks_its_input(since_data: tuple[list[MarkerContext], list[str]]) -> None:
    contexts, labels = since_data
    with pytest.raises(ValueError, match="labels"):
        MarkerSenseClassifier().fit(contexts, labels[:-1])
    with pytest.raises(ValueError, match="unknown sense labels"):
        MarkerSenseClassifier().fit(contexts, ["temporal"] * len(contexts))
    with pytest.raises(ValueError, match="zero"):
        MarkerSenseClassifier().fit([], [])


def test_single_class_training_predicts_that_class(
    since_data: tuple[list[MarkerContext], list[str]],
) -> None:
    contexts, _ = since_data
    model = MarkerSenseClassifier().fit(contexts, ["cause"] * len(contexts))
    assert set(model.predict(contexts)) == {"cause"}


def test_majority_baseline(
    since_data: tuple[list[MarkerContext], list[str]], since_heldout: list[MarkerContext]
) -> None:
    contexts, labels = since_data
    # 6 cause vs 7 none for "since": the majority is none for every "since".
    baseline = MajoritySenseBaseline().fit([*contexts, contexts[0]], [*labels, NONE])
    assert list(baseline.predict(since_heldout)) == [NONE, NONE]
    baseline = MajoritySenseBaseline().fit(contexts[:4], labels[:4])
    assert list(baseline.predict(since_heldout)) == ["cause", "cause"]
    probabilities = baseline.predict_proba(since_heldout)
    assert probabilities[:, list(baseline.classes_).index("cause")].tolist() == [1.0, 1.0]
    parsed = since_heldout[0].parsed
    assert list(baseline.predict([MarkerContext(parsed, 0, [1], "whereas")])) == [NONE]


# --------------------------------------------------------------------------- features, rules


def test_marker_features_read_the_parse(since_heldout: list[MarkerContext]) -> None:
    causal, temporal = (marker_features(context) for context in since_heldout)
    assert causal["m"] == "since"
    assert causal["dep"] == "mark"
    assert causal["hdep"] == "advcl"
    assert causal["order"] == "before"
    assert causal["initial"] == "yes"
    assert causal["hsubj"] == "yes"
    assert causal["htense"] == "Past"
    assert causal["gaux=could"] == 1.0
    assert causal["paragraph_start"] == "yes"
    assert causal["m:since|dep"] == "mark"
    assert temporal["dep"] == "case"
    assert temporal["hpos"] == "NUM"
    assert temporal["initial"] == "no"
    assert temporal["gaux=have"] == 1.0
    assert temporal["m:since|dep>hpos"] == "case>NUM"
    assert all(isinstance(value, str | float) for value in causal.values())


def test_marker_context_checks_its_indices(since_heldout: list[MarkerContext]) -> None:
    parsed = since_heldout[0].parsed
    context = MarkerContext(parsed, 0, [1], "  Since ")
    assert context.marker == "since"
    assert context.tokens[0].text == "Since"
    assert MarkerContext.from_words(parsed, 0, [1]).marker == "since"
    with pytest.raises(InvalidDocumentError, match="sentence 5"):
        MarkerContext(parsed, 5, [1], "since")
    with pytest.raises(InvalidDocumentError, match="words"):
        MarkerContext(parsed, 0, [42], "since")
    with pytest.raises(InvalidDocumentError, match="words"):
        MarkerContext(parsed, 0, [], "since")


def _ordinal_sentences() -> ParsedText:
    first_item = [
        ("First", "first", "ADV", "_", 4, "advmod"),
        (",", ",", "PUNCT", "_", 1, "punct"),
        ("costs", "cost", "NOUN", "Number=Plur", 4, "nsubj"),
        ("rise", "rise", "VERB", "Tense=Pres", 0, "root"),
        (".", ".", "PUNCT", "_", 4, "punct"),
    ]
    first_time = [
        ("It", "it", "PRON", "_", 4, "nsubj"),
        ("was", "be", "AUX", "Tense=Past", 4, "cop"),
        ("the", "the", "DET", "_", 4, "det"),
        ("first", "first", "ADJ", "Degree=Pos|NumType=Ord", 5, "amod"),
        ("time", "time", "NOUN", "Number=Sing", 0, "root"),
        (".", ".", "PUNCT", "_", 5, "punct"),
    ]
    return from_conllu(_conllu([first_item, first_time]))


def test_fixed_senses_follow_the_parse(fitted: MarkerSenseClassifier) -> None:
    parsed = _ordinal_sentences()
    contexts = [MarkerContext(parsed, 0, [1], "first"), MarkerContext(parsed, 1, [4], "first")]
    assert list(fitted.predict(contexts)) == ["enumeration", NONE]
    rules_off = clone(fitted).set_params(fixed_senses=False)
    assert list(rules_off.fit(*_since_pairs()).predict(contexts)) == [NONE, NONE]


def _since_pairs() -> tuple[list[MarkerContext], list[str]]:
    sentences = [_causal(*TRAIN_CAUSAL[0]), _temporal(*TRAIN_TEMPORAL[0])]
    return _contexts(sentences)[1], ["cause", NONE]


def test_lexicon_is_normalised_and_keeps_noisy_markers_out() -> None:
    assert all(entry == " ".join(entry.lower().split()) for entry in MARKER_LEXICON)
    assert set(FIXED_SENSES) <= MARKER_LEXICON
    assert {"and", "in", "or", "for"}.isdisjoint(MARKER_LEXICON)
    assert {"since", "as", "while", "when", "so", "but", "then", "if", "first"} <= MARKER_LEXICON


def test_score_senses_counts_move_kinds_only() -> None:
    gold = ["cause", "cause", NONE, "contrast", NONE]
    predicted = ["cause", NONE, "cause", "contrast", NONE]
    scores = score_senses(gold, predicted)
    cause = scores["per_kind"]["cause"]
    assert (cause["precision"], cause["recall"], cause["support"]) == (0.5, 0.5, 2)
    assert scores["per_kind"]["contrast"]["f1"] == 1.0
    assert scores["macro_f1"] == pytest.approx(0.75)  # kinds absent from both are skipped
    assert scores["micro_f1"] == pytest.approx(2 / 3)
    assert scores["accuracy"] == pytest.approx(3 / 5)


# --------------------------------------------------------------------------- model files


def test_round_trip_gives_identical_predictions(
    fitted: MarkerSenseClassifier, since_heldout: list[MarkerContext], tmp_path: Path
) -> None:
    runtime = fitted.to_runtime()
    path = save_model(runtime, tmp_path / "sub" / "senses.npz")
    assert zipfile.is_zipfile(path)
    loaded = load_model(path)
    assert isinstance(loaded, SenseModel)
    assert loaded.known_markers == runtime.known_markers == {"since"}
    assert (loaded.features, loaded.fixed_senses) == ("markers", fitted.fixed_senses)
    assert list(loaded.classes) == list(fitted.classes_)
    assert list(loaded.predict(since_heldout)) == list(fitted.predict(since_heldout))
    np.testing.assert_array_equal(
        loaded.predict_proba(since_heldout), fitted.predict_proba(since_heldout)
    )


def test_missing_model_file(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match=re.escape(str(tmp_path / "nothing-here.npz"))):
        load_model(tmp_path / "nothing-here.npz")


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_corrupted_model_file(fitted: MarkerSenseClassifier, tmp_path: Path, damage: str) -> None:
    path = save_model(fitted.to_runtime(), tmp_path / "senses.npz")
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"\x00\x01 this is not a model file" * 50)
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    else:
        path.write_bytes(b"")
    with pytest.raises(CorruptModelError, match=re.escape(str(path))):
        load_model(path)


def test_pickles_and_other_models_are_refused(tmp_path: Path) -> None:
    """Loading reads arrays only: an archive holding a pickled object is refused before any
    code in it could run, and so is another kind of argmine model."""
    pickled = tmp_path / "pickled.npz"
    np.savez(pickled, **{"meta.json": np.array([{"kind": "sense-model"}], dtype=object)})
    with pytest.raises(CorruptModelError, match=re.escape(str(pickled))):
        load_model(pickled)
    other = save_arrays(tmp_path / "other.npz", {}, {"kind": "structure-model"})
    with pytest.raises(CorruptModelError, match="'structure-model' model, not a marker-sense"):
        load_model(other)


def test_shipped_model_loads() -> None:
    path = default_model_path()
    assert path.name == "marker-senses.npz"
    assert path.stat().st_size < 5_000_000
    model = load_model(path)
    assert set(model.classes) == set(LABELS)


# --------------------------------------------------------------------------- GUM


@pytest.mark.corpus
def test_shipped_model_beats_the_majority_baseline_on_gum_test(corpora: Path) -> None:
    results = evaluate(corpora / "gum-discourse")
    assert results["occurrences"] > 500
    model, baseline = results["model"], results["baseline"]
    assert model["macro_f1"] > baseline["macro_f1"]
    assert model["micro_f1"] > baseline["micro_f1"]
    assert results["model_learned_markers"]["macro_f1"] > 0.55
    table = format_table(results)
    assert "| cause |" in table
    assert "macro-F1" in table
