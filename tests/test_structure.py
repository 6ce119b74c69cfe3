"""Argument structure: features, the estimators, model files, the 10 x 5 evaluation code.

Most tests use small hand-made parses, so they need neither the corpora nor a parser. The
``corpus`` tests fit and predict on real arg-microtexts parsed by the bundled Stanza model
(skipped while that model is not built).
"""

from __future__ import annotations

import itertools
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from typer.testing import CliRunner

from argmine.cli import app
from argmine.errors import CorruptModelError, InputError, ModelNotFoundError
from argmine.evaluation import microtexts as evaluation
from argmine.evaluation.microtexts import (
    PUBLISHED,
    EndToEndText,
    cross_validate,
    end_to_end,
    end_to_end_summary,
    format_end_to_end_table,
    format_table,
)
from argmine.structure.features import (
    DISCOURSE_MARKERS,
    pair_features,
    pairs_features,
    unit_features,
    units_features,
)
from argmine.structure.models import StructureModel, bundled_model_path, load_model, save_model
from argmine.testing import parsed_texts
from argmine.training import parse_cache
from argmine.training.corpora import iter_microtexts, read_microtext
from argmine.training.corpora.microtexts import FoldSplit
from argmine.training.parse_cache import parse_cached
from argmine.training.structure import training_text
from argmine.training.structure_model import (
    ArgumentStructureModel,
    FeatureClassifier,
    TrainingText,
    level_vectors,
    tree_scores,
)
from argmine.types import (
    Analysis,
    Concession,
    ParsedText,
    RelationKind,
    Sentence,
    Span,
    Stance,
    Token,
    UnitRole,
)

# -- a tiny parser for hand-made texts: words, sentences at . ! ?, a flat tree -------------


def flat_parse(text: str, upos: str = "X") -> ParsedText:
    """Sentences at ``.!?``, words by regex, lemma = lower-cased form, first word the root."""
    sentences = []
    for match in re.finditer(r"[^.!?]+[.!?]*", text):
        words = list(re.finditer(r"\w+|[^\w\s]", match.group()))
        if not words:
            continue
        base = match.start()
        tokens = [
            Token(
                base + word.start(),
                base + word.end(),
                word.group(),
                word.group().lower(),
                "PUNCT" if not word.group()[0].isalnum() else upos,
                None,
                0 if index == 0 else 1,
                "root" if index == 0 else "dep",
            )
            for index, word in enumerate(words)
        ]
        sentences.append(Sentence(tokens[0].start, tokens[-1].end, tokens))
    return ParsedText(text, sentences)


def hand_parse() -> ParsedText:
    """ "We should not pay. However, taxes rise." with a real dependency tree."""
    text = "We should not pay. However, taxes rise."
    words = [
        # form, lemma, upos, feats, head, deprel
        ("We", "we", "PRON", "Case=Nom|Number=Plur|Person=1", 4, "nsubj"),
        ("should", "should", "AUX", "VerbForm=Fin", 4, "aux"),
        ("not", "not", "PART", "Polarity=Neg", 4, "advmod"),
        ("pay", "pay", "VERB", "VerbForm=Inf", 0, "root"),
        (".", ".", "PUNCT", None, 4, "punct"),
        ("However", "however", "ADV", None, 4, "advmod"),
        (",", ",", "PUNCT", None, 1, "punct"),
        ("taxes", "tax", "NOUN", "Number=Plur", 4, "nsubj"),
        ("rise", "rise", "VERB", "Mood=Ind|Tense=Pres|VerbForm=Fin", 0, "root"),
        (".", ".", "PUNCT", None, 4, "punct"),
    ]
    tokens = []
    position = 0
    for form, lemma, upos, feats, head, deprel in words:
        start = text.index(form, position)
        position = start + len(form)
        tokens.append(Token(start, position, form, lemma, upos, feats, head, deprel))
    return ParsedText(text, [Sentence(0, 18, tokens[:5]), Sentence(19, 39, tokens[5:])])


HAND_UNITS = [Span(0, 18), Span(19, 39)]

# -- synthetic training texts: the claim says "should", reasons start with "because", -------
# -- objections with "admittedly" and their rebuttals with "but" ----------------------------

CLAIMS = ["we should ban cars", "the city should plant trees", "schools should start later"]
REASONS = ["because streets get safer", "because the air gets cleaner", "because kids sleep more"]
OBJECTIONS = ["admittedly it costs money", "admittedly people complain", "admittedly it is slow"]
REBUTTALS = ["but the savings are larger", "but they get used to it", "but it pays off soon"]


def synthetic_text(number: int) -> TrainingText:
    """Claim, reason (supports the claim), objection (rebuts it), rebuttal (undercuts it)."""
    pick = number % 3
    sentences = [CLAIMS[pick], REASONS[(pick + 1) % 3], OBJECTIONS[pick], REBUTTALS[pick]]
    if number % 2:  # the claim last, so that position alone does not decide
        sentences = sentences[1:] + sentences[:1]
    text = " ".join(sentence.capitalize() + "." for sentence in sentences)
    spans, position = [], 0
    for sentence in sentences:
        start = text.index(sentence.capitalize(), position)
        position = start + len(sentence) + 1
        spans.append(Span(start, position))
    if number % 2:
        parents: list[int | None] = [3, 3, 1, None]
        functions = ["sup", "reb", "und", "cc"]
    else:
        parents = [None, 0, 0, 2]
        functions = ["cc", "sup", "reb", "und"]
    return TrainingText(f"t{number}", flat_parse(text), spans, parents, functions)


@pytest.fixture(scope="module")
def synthetic() -> list[TrainingText]:
    return [synthetic_text(number) for number in range(12)]


@pytest.fixture(scope="module")
def fitted(synthetic: list[TrainingText]) -> ArgumentStructureModel:
    return ArgumentStructureModel(weights=(1.0, 1.0, 1.0, 1.0)).fit(synthetic)


# -- features -------------------------------------------------------------------------------


def test_unit_features_read_the_parse() -> None:
    first, second = units_features(hand_parse(), HAND_UNITS)
    assert first["verb=pay"] == 1.0
    assert first["modal=should"] == 1.0
    assert first["verbform=Inf"] == 1.0
    assert first["negated"] == first["main_negated"] == 1.0
    assert first["dep=pay|nsubj|we"] == 1.0
    assert first["deptag=VERB|aux|AUX"] == 1.0
    assert first["lemma=we"] == first["bigram=we_should"] == first["upos=PRON"] == 1.0
    assert first["first"] == 1.0
    assert first["last"] == 0.0
    assert first["position"] == 0.0
    assert first["marker=<none>"] == 1.0
    assert first["next_first=however"] == 1.0
    assert first["prev_first=<none>"] == 1.0
    assert first["next_marker_sense=contrast"] == 1.0
    assert first["whole_sentence"] == 1.0
    assert second["marker=however"] == second["marker_sense=contrast"] == 1.0
    assert second["tense=Pres"] == second["mood=Ind"] == 1.0
    assert second["last"] == 1.0
    assert second["position"] == 1.0
    assert "negated" not in second
    assert second["dep=rise|nsubj|tax"] == 1.0
    assert unit_features(hand_parse(), HAND_UNITS, 1) == second
    assert first["stance"] == 1.0
    assert "stance" not in second
    assert "opinion" not in first


def test_standpoint_features() -> None:
    text = "I think we should act. Some people say it costs too much. Why wait?"
    parsed = flat_parse(text)
    spans = [Span(0, 22), Span(23, 57), Span(58, 67)]
    mine, theirs, question = units_features(parsed, spans)
    assert mine["stance"] == mine["opinion"] == 1.0
    assert "other_voice" not in mine
    assert theirs["other_voice"] == question["other_voice"] == 1.0
    assert "stance" not in theirs


def test_the_longest_start_marker_wins_and_inner_markers_are_found() -> None:
    parsed = flat_parse("On the other hand, it is cheap and it works.")
    (features,) = units_features(parsed, [Span(0, len(parsed.text))])
    assert features["marker=on the other hand"] == 1.0
    assert "marker=on" not in features
    assert features["marker_in=and"] == 1.0
    assert features["marker_in_sense=addition"] == 1.0
    assert all(sense.isalpha() for sense in DISCOURSE_MARKERS.values())


def test_paragraph_positions() -> None:
    text = "One is here. Two is here.\n\nThree is here."
    parsed = flat_parse(text)
    units = [Span(0, 12), Span(13, 25), Span(27, 41)]
    first, second, third = units_features(parsed, units)
    assert first["par_first"] == 1.0
    assert second["par_last"] == 1.0
    assert third["par_first"] == third["par_last"] == third["paragraph_last"] == 1.0
    assert first["paragraph_first"] == 1.0
    assert "paragraph_last" in first
    assert first["paragraph_last"] == 0.0


def test_moves_add_features_for_overlapping_parts() -> None:
    parsed = hand_parse()
    move = Concession(
        id="m1", start=0, end=39, marker="However", conceded=Span(0, 18), main=Span(19, 39)
    )
    first, second = units_features(parsed, HAND_UNITS, moves=[move])
    assert first["move=concession"] == first["move=concession:conceded"] == 1.0
    assert "move=concession:main" not in first
    assert second["move=concession:main"] == 1.0
    assert "move=concession" not in units_features(parsed, HAND_UNITS)[0]


def test_pair_features() -> None:
    parsed = hand_parse()
    features = pair_features(parsed, HAND_UNITS, 1, 0)
    assert features["distance=-1"] == 1.0
    assert features["distance"] == -0.5
    assert features["forward"] == 0.0
    assert features["adjacent"] == 1.0
    assert features["same_sentence"] == 0.0
    assert features["src_marker=however"] == features["trg_marker=<none>"] == 1.0
    assert features["src_sense|backward=contrast"] == 1.0
    assert features["target_first"] == 1.0
    assert features["src:verb=rise"] == features["trg:verb=pay"] == 1.0
    bare = pair_features(parsed, HAND_UNITS, 0, 1, include_units=False)
    assert not any(key.startswith(("src:", "trg:")) for key in bare)
    assert set(pairs_features(parsed, HAND_UNITS)) == {(0, 1), (1, 0)}


def test_lexical_overlap() -> None:
    text = "Taxes rise now. Taxes fall later. Nothing else."
    parsed = flat_parse(text, upos="NOUN")
    units = [Span(0, 15), Span(16, 33), Span(34, 47)]
    features = pairs_features(parsed, units, include_units=False)
    assert features[(0, 1)]["overlap_any"] == 1.0
    assert 0.0 < features[(0, 1)]["overlap"] < 1.0
    assert features[(0, 2)]["overlap"] == 0.0
    assert features[(0, 1)]["same_sentence"] == 0.0


@settings(max_examples=50)
@given(st.data())
def test_features_of_any_parse_and_spans(data: st.DataObject) -> None:
    parsed = data.draw(parsed_texts())
    length = len(parsed.text)
    cuts = sorted(data.draw(st.lists(st.integers(0, length), min_size=2, max_size=8)))
    units = [Span(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    result = units_features(parsed, units)
    assert len(result) == len(units)
    for features in result:
        assert all(isinstance(value, float) for value in features.values())
    assert len(pairs_features(parsed, units)) == len(units) * (len(units) - 1)


def test_units_out_of_order_or_past_the_text_are_refused() -> None:
    parsed = hand_parse()
    with pytest.raises(InputError):
        units_features(parsed, [Span(19, 39), Span(0, 18)])
    with pytest.raises(InputError):
        units_features(parsed, [Span(0, 400)])


# -- estimator conventions ------------------------------------------------------------------


def test_feature_classifier_follows_sklearn_conventions() -> None:
    grid = (0.1, 1.0)
    classifier = FeatureClassifier(C=0.5, Cs=grid, class_weight=None, cv=2)
    params = classifier.get_params()
    assert params == {
        "C": 0.5,
        "Cs": grid,
        "views": None,
        "class_weight": None,
        "cv": 2,
        "max_iter": 2000,
    }
    assert params["Cs"] is grid  # __init__ stores what it is given, unchanged
    copy = clone(classifier)
    assert copy is not classifier
    assert copy.get_params() == params
    X = [{"good": 1.0}, {"bad": 1.0}] * 6
    y = ["pro", "opp"] * 6
    assert classifier.fit(X, y) is classifier
    assert classifier.C_ in grid
    assert list(classifier.classes_) == ["opp", "pro"]
    probabilities = classifier.predict_proba([{"good": 1.0}, {"unseen": 1.0}])
    assert probabilities.shape == (2, 2)
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert classifier.predict([{"good": 1.0}]).tolist() == ["pro"]
    assert classifier.score(X, y) == 1.0  # ClassifierMixin
    assert classifier.probability_of([{"good": 1.0}], "never seen").tolist() == [0.0]
    assert not hasattr(clone(classifier), "feature_names_")
    groups = [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert FeatureClassifier(Cs=grid).fit(X, y, groups=groups).C_ in grid


def test_feature_classifier_chooses_a_feature_view() -> None:
    X = [{"word=good": 1.0, "dep=x": 1.0}, {"word=bad": 1.0, "src:dep=y": 1.0}] * 6
    y = [1, 0] * 6
    fixed = FeatureClassifier(views=[("dep=",)]).fit(X, y)
    assert fixed.drop_ == ("dep=",)
    assert fixed.feature_names_.tolist() == ["word=bad", "word=good"]
    assert fixed.predict([{"word=good": 1.0, "dep=y": 1.0}]).tolist() == [1]
    views = [(), ("dep=",), ("word=",)]
    chosen = FeatureClassifier(Cs=(0.1, 1.0), views=views).fit(X, y, groups=list(range(12)))
    assert chosen.drop_ in views
    assert chosen.C_ in (0.1, 1.0)
    kept = chosen.feature_names_.tolist()
    assert all(not name.removeprefix("src:").startswith(chosen.drop_) for name in kept)


def test_feature_classifier_with_one_class() -> None:
    classifier = FeatureClassifier().fit([{"a": 1.0}, {"b": 1.0}], ["sup", "sup"])
    assert classifier.predict([{"a": 1.0}]).tolist() == ["sup"]
    assert classifier.probability_of([{"a": 1.0}], "sup").tolist() == [1.0]


def test_structure_model_parameters_nest_and_clone() -> None:
    model = ArgumentStructureModel(cc=FeatureClassifier(C=2.0), weights=(1.0, 2.0, 1.0, 1.0))
    params = model.get_params(deep=True)
    assert params["cc__C"] == 2.0
    assert params["weights"] == (1.0, 2.0, 1.0, 1.0)
    assert params["ro"] is None
    copy = clone(model)
    assert copy.get_params()["cc__C"] == 2.0
    copy.set_params(cc__C=3.0, inner_folds=2)
    assert copy.cc.C == 3.0
    assert model.cc.C == 2.0
    assert copy.inner_folds == 2


# -- fit / predict on synthetic texts -------------------------------------------------------


def test_fit_and_predict(fitted: ArgumentStructureModel, synthetic: list[TrainingText]) -> None:
    text = synthetic_text(13)
    units, relations = fitted.predict(text.parsed, text.units)
    assert [unit.id for unit in units] == ["u1", "u2", "u3", "u4"]
    assert [unit.role for unit in units].count(UnitRole.CENTRAL_CLAIM) == 1
    assert len(relations) == 3
    assert all(0.0 <= unit.confidence <= 1.0 for unit in units)
    assert all(0.0 <= relation.confidence <= 1.0 for relation in relations)
    # the model has learnt the synthetic pattern
    assert units[3].role is UnitRole.CENTRAL_CLAIM
    assert units[3].stance is Stance.PRO
    by_source = {relation.source: relation for relation in relations}
    assert by_source["u1"].target == "u4"
    assert by_source["u1"].kind is RelationKind.SUPPORT
    assert by_source["u2"].kind is RelationKind.REBUT
    assert units[1].stance is Stance.OPP
    assert by_source["u3"].target == "u2"
    assert by_source["u3"].kind is RelationKind.UNDERCUT
    assert units[1].role is UnitRole.CLAIM
    assert units[0].role is UnitRole.PREMISE
    assert units[0].text == text.parsed.text[units[0].start : units[0].end]
    # the result is a valid argmine document
    Analysis.from_parsed(text.parsed, units=units, relations=relations)
    scores = tree_scores(
        synthetic, [fitted.predict_structure(t.parsed, t.units) for t in synthetic]
    )
    assert set(scores) == {"cc", "ro", "fu", "fu_full", "at"}
    assert min(scores.values()) == 1.0


def test_decoder_weights_are_tuned_on_the_training_texts(synthetic: list[TrainingText]) -> None:
    model = ArgumentStructureModel(inner_folds=2).fit(synthetic[:6])
    assert len(model.weights_) == 4
    assert all(weight > 0 for weight in model.weights_)


def test_predict_refuses_bad_input(fitted: ArgumentStructureModel) -> None:
    with pytest.raises(InputError):
        fitted.predict(hand_parse(), [])
    with pytest.raises(InputError):
        ArgumentStructureModel().fit([synthetic_text(0)])


def test_training_text_checks_its_tree() -> None:
    parsed = hand_parse()
    with pytest.raises(InputError, match="one central claim"):
        TrainingText("x", parsed, HAND_UNITS, [None, None], ["cc", "cc"])
    with pytest.raises(InputError, match="cycle"):
        TrainingText("x", parsed, [*HAND_UNITS, Span(0, 3)], [None, 2, 1], ["cc", "sup", "sup"])
    with pytest.raises(InputError, match="function"):
        TrainingText("x", parsed, HAND_UNITS, [None, 0], ["cc", "exa"])
    text = TrainingText("x", parsed, HAND_UNITS, [None, 0], ["cc", "reb"])
    assert text.roles == (Stance.PRO, Stance.OPP)


def test_level_vectors_follow_evidencegraph() -> None:
    # evidencegraph's ArgTree doctest: (1, 2, sup), (3, 2, att), (4, 3, att)
    vectors = level_vectors([1, None, 1, 2], ["sup", "cc", "reb", "und"])
    assert vectors["cc"] == [0, 1, 0, 0]
    assert vectors["ro"] == ["pro", "pro", "opp", "pro"]
    assert vectors["fu"] == ["sup", "cc", "att", "att"]
    assert vectors["fu_full"] == ["sup", "cc", "reb", "und"]
    assert vectors["at"] == [1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]


# -- model files ----------------------------------------------------------------------------


def test_model_file_round_trip(
    fitted: ArgumentStructureModel, synthetic: list[TrainingText], tmp_path: Path
) -> None:
    path = save_model(fitted.to_runtime(), tmp_path / "model.npz")
    loaded = load_model(path)
    assert isinstance(loaded, StructureModel)
    assert loaded.weights == fitted.weights_
    for text in synthetic[:3]:
        expected = fitted.predict_structure(text.parsed, text.units)
        assert loaded.predict_structure(text.parsed, text.units) == expected
    assert zipfile.is_zipfile(path)


def test_missing_and_corrupted_model_files(fitted: ArgumentStructureModel, tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError):
        load_model(tmp_path / "absent.npz")
    garbage = tmp_path / "garbage.npz"
    garbage.write_bytes(b"\x00not a zip file at all")
    with pytest.raises(CorruptModelError):
        load_model(garbage)
    good = save_model(fitted.to_runtime(), tmp_path / "good.npz").read_bytes()
    truncated = tmp_path / "truncated.npz"
    truncated.write_bytes(good[: len(good) // 2])
    with pytest.raises(CorruptModelError):
        load_model(truncated)
    empty_zip = tmp_path / "empty.npz"
    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("schema.json", "{}")
    with pytest.raises(CorruptModelError):
        load_model(empty_zip)


def test_a_damaged_bundled_model_fails_the_analysis_with_its_own_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The models load in a thread while Stanza parses; a failure there is not lost."""
    import argmine
    from argmine import pipeline
    from argmine.structure import models

    garbage = tmp_path / "garbage.npz"
    garbage.write_bytes(b"\x00not a zip file at all")
    monkeypatch.setattr(models, "bundled_model_path", lambda: garbage)
    pipeline.bundled_structure_model.cache_clear()
    pipeline._models_loading.cache_clear()
    try:
        with pytest.raises(CorruptModelError, match=r"garbage\.npz"):
            argmine.analyze("We should act now. Waiting costs more every year.")
        assert not pipeline._models_loading().is_alive()
    finally:
        pipeline.bundled_structure_model.cache_clear()
        pipeline._models_loading.cache_clear()


def test_pickles_skops_files_and_other_models_are_refused(
    fitted: ArgumentStructureModel, tmp_path: Path
) -> None:
    """A model file is arrays only: an archive holding a pickled object, a skops file, another
    kind of argmine model and a structure model missing a classifier are all refused."""
    import skops.io

    from argmine.linear import save_arrays

    pickled = tmp_path / "pickled.npz"
    np.savez(pickled, **{"meta.json": np.array([{"kind": "structure-model"}], dtype=object)})
    with pytest.raises(CorruptModelError, match=re.escape(str(pickled))):
        load_model(pickled)
    skops_file = tmp_path / "classifier.skops"
    skops.io.dump(FeatureClassifier().fit([{"a": 1.0}, {"b": 1.0}], [0, 1]), skops_file)
    with pytest.raises(CorruptModelError, match="not a readable structure model"):
        load_model(skops_file)
    other = save_arrays(tmp_path / "other.npz", {}, {"kind": "sense-model"})
    with pytest.raises(CorruptModelError, match="'sense-model' model, not a structure model"):
        load_model(other)
    arrays = fitted.to_runtime().at.arrays("at")
    partial = save_arrays(tmp_path / "partial.npz", arrays, {"kind": "structure-model"})
    with pytest.raises(CorruptModelError, match=r"cc\.classes"):
        load_model(partial)


# -- evaluation code ------------------------------------------------------------------------


def test_cross_validation_on_synthetic_splits(synthetic: list[TrainingText]) -> None:
    splits = [
        FoldSplit(0, 0, 0, ("t0", "t1", "t2")),
        FoldSplit(1, 0, 1, ("t3", "t4", "t5")),
    ]
    messages: list[str] = []
    model = ArgumentStructureModel(weights=(1.0, 1.0, 1.0, 1.0))
    results = cross_validate(synthetic, splits, model=model, progress=messages.append)
    assert len(results) == 2
    assert len(messages) == 2
    for scores in results:
        assert set(scores) == {"cc", "ro", "fu", "fu_full", "at"}
        assert all(0.0 <= value <= 1.0 for value in scores.values())


def test_end_to_end_on_synthetic_splits(synthetic: list[TrainingText]) -> None:
    # One sentence per unit and a flat parse: the segmenter finds the gold units, so the
    # end-to-end figures must equal the gold-segment ones.
    splits = [FoldSplit(0, 0, 0, ("t0", "t1", "t2")), FoldSplit(1, 0, 1, ("t3", "t4"))]
    messages: list[str] = []
    model = ArgumentStructureModel(weights=(1.0, 1.0, 1.0, 1.0))
    records = end_to_end(synthetic, splits, model=model, progress=messages.append)
    assert [record.id for record in records] == ["t0", "t1", "t2", "t3", "t4"]
    assert len(messages) == 2
    assert all(record.predicted == record.gold for record in records)
    summary = end_to_end_summary(records)
    assert summary["units"]["f1"] == 1.0
    assert summary["cc_accuracy"] == summary["cc_accuracy_gold_segments"]
    assert sum(summary["cc_errors"].values()) == 5 - sum(r.cc_hit for r in records)
    table = format_end_to_end_table(summary)
    assert "| 5 |" in table
    assert "central claims missed" in table


def test_end_to_end_errors_tell_segmentation_from_choice() -> None:
    gold = ((0, 40), (41, 80), (81, 120))

    def record(predicted: tuple[tuple[int, int], ...], chosen: int) -> EndToEndText:
        return EndToEndText("t", 0, gold, 1, predicted, chosen, 1)

    assert record(gold, 1).error is None
    assert record(gold, 1).cc_hit
    assert record(gold, 0).error == "choice"
    assert record(((0, 40), (41, 55), (56, 120)), 1).error == "split"
    assert record(((0, 40), (41, 120)), 1).error == "merge"
    assert record(((0, 40), (41, 120)), 0).error == "merge"
    assert EndToEndText("t", 0, gold, 1, (), None, 1).error == "split"


def test_format_table_lists_published_results() -> None:
    levels = {
        level: {"mean": 0.5, "sd": 0.01, "values": [0.5]}
        for level in ("cc", "ro", "fu", "fu_full", "at")
    }
    table = format_table({"levels": levels, "n_splits": 50, "parser": "bundled"})
    assert "0.500 ± 0.010" in table
    for entry in PUBLISHED:
        assert entry.system in table
    assert "0.869" in table
    assert "0.740" in table
    assert len({line.count("|") for line in table.splitlines()}) == 1


def test_parse_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[str] = []

    def fake_parse(text: str, **_options: Any) -> ParsedText:
        calls.append(text)
        return flat_parse(text)

    monkeypatch.setattr(parse_cache, "parse", fake_parse)
    text = "Cities should ban cars. Streets would be safer."
    first = parse_cached(text, cache_dir=tmp_path)
    second = parse_cached(text, cache_dir=tmp_path)
    assert first == second == flat_parse(text)
    assert calls == [text]
    (cached,) = tmp_path.glob("parses/bundled-*/*.json")
    cached.write_text("{ damaged", encoding="utf-8")
    assert parse_cached(text, cache_dir=tmp_path) == first
    assert len(calls) == 2


def test_unknown_protocol_and_missing_corpus(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        evaluation.evaluate_microtexts(tmp_path, protocol="leave-one-out")
    with pytest.raises(InputError):
        evaluation.evaluate_microtexts(tmp_path, protocol="E2E")
    outcome = CliRunner().invoke(app, ["evaluate", "microtexts", "--path", str(tmp_path / "no")])
    assert outcome.exit_code == 2
    assert "not an arg-microtexts folder" in outcome.output


# -- real microtexts with the bundled parser ------------------------------------------------


def bundled_parser_or_skip() -> Callable[[str], ParsedText]:
    from argmine.parsing import bundled_model_dir, parse

    if not (bundled_model_dir() / "en" / "parser.pt").is_file():
        pytest.skip("the bundled Stanza model is not built yet")
    return lambda text: parse(text, parser="bundled")


@pytest.mark.corpus
def test_end_to_end_on_real_microtexts(corpora: Path) -> None:
    parse_text = bundled_parser_or_skip()
    directory = corpora / "arg-microtexts" / "corpus" / "en"
    microtexts = list(itertools.islice(iter_microtexts(directory), 20))
    subset = [training_text(m, parse_text(m.text)) for m in microtexts]
    model = ArgumentStructureModel(weights=(1.0, 1.0, 1.0, 1.0)).fit(subset[:15])
    predictions = [model.predict_structure(t.parsed, t.units) for t in subset[15:]]
    for text, prediction in zip(subset[15:], predictions, strict=True):
        assert len(prediction.tree.parents) == len(text.units)
        units, relations = model.predict(text.parsed, text.units)
        Analysis.from_parsed(text.parsed, units=units, relations=relations)
        assert len(relations) == len(units) - 1
        assert sum(unit.role is UnitRole.CENTRAL_CLAIM for unit in units) == 1
    scores = tree_scores(subset[15:], predictions)
    assert all(0.0 <= value <= 1.0 for value in scores.values())
    # trained on 15 texts, the model should still beat chance on the easiest levels
    assert scores["cc"] > 0.5


@pytest.mark.corpus
def test_bundled_model_predicts_a_microtext(corpora: Path, tmp_path: Path) -> None:
    parse_text = bundled_parser_or_skip()
    if not bundled_model_path().is_file():
        pytest.skip("the bundled structure model is not trained yet")
    model = load_model()
    microtext = next(iter_microtexts(corpora / "arg-microtexts" / "corpus" / "en"))
    text = training_text(microtext, parse_text(microtext.text))
    units, relations = model.predict(text.parsed, text.units)
    assert sum(unit.role is UnitRole.CENTRAL_CLAIM for unit in units) == 1
    assert len(relations) == len(units) - 1


ARGGRAPH = Path(__file__).resolve().parent.parent / "fixtures" / "arggraph"


@pytest.mark.parametrize(
    ("folder", "texts", "left_out", "restatements"),
    [("implicit", 3, 2, 0), ("discontinuous", 2, 0, 2)],
)
def test_evaluate_scores_implicit_and_discontinuous_adus(
    folder: str,
    texts: int,
    left_out: int,
    restatements: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``argmine evaluate microtexts --model default`` on arggraph files the old reader refused."""
    bundled_parser_or_skip()
    if not bundled_model_path().is_file():
        pytest.skip("the bundled structure model is not trained yet")
    monkeypatch.chdir(tmp_path)  # the parse cache goes under the working directory
    arguments = ["evaluate", "microtexts", "--path", str(ARGGRAPH / folder), "--model", "default"]
    outcome = CliRunner().invoke(app, [*arguments, "--json"])
    assert outcome.exit_code == 0, outcome.output
    scores = json.loads(outcome.stdout)
    assert scores["n_texts"] == texts
    assert scores["n_implicit_left_out"] == left_out
    assert scores["n_restatements"] == restatements
    for level in ("cc", "ro", "fu", "at"):
        assert 0.0 <= scores[level] <= 1.0
    shown = CliRunner().invoke(app, arguments)
    assert f"{left_out} implicit ADUs not in their text left out" in shown.stdout
    assert f"{restatements} restatements" in shown.stdout


def test_training_texts_of_implicit_and_discontinuous_adus() -> None:
    """The gold trees cover the stated ADUs only, with units that never overlap."""
    for path in sorted(ARGGRAPH.glob("*/*.xml")):
        microtext = read_microtext(path)
        text = training_text(microtext, ParsedText(microtext.text, ()))
        tree = microtext.scored_tree()
        assert len(text.units) == len(tree.adus) == len(microtext.adus) - len(tree.left_out)
        assert text.parents == tree.parents
        for before, after in itertools.pairwise(text.units):
            assert before.end <= after.start
