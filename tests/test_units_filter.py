"""The argumentative-unit filter: fitting, keeping segments, saving and loading, dev scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmine.errors import CorruptModelError, ModelNotFoundError
from argmine.structure.units import (
    MIN_SPEAKER_TURNS,
    UnitFilter,
    argumentative_units,
    is_transcript,
    load_units_model,
    save_units_model,
    segment_features,
)
from argmine.training.units import (
    C_GRID,
    THRESHOLDS,
    ArgumentativeUnitClassifier,
    DebateSegments,
    score_on,
    tune_units,
)
from argmine.types import Layout, ParsedText, Sentence, Span, Token

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

ARGUING = [{"lemma=should": 1.0, "marker=because": 1.0}, {"lemma=must": 1.0}] * 10
CHATTING = [{"lemma=welcome": 1.0, "question": 1.0}, {"lemma=thank": 1.0}] * 10


def _model(threshold: float = 0.5) -> ArgumentativeUnitClassifier:
    model = ArgumentativeUnitClassifier(C=10.0, n_features=2**10, threshold=threshold)
    return model.fit(ARGUING + CHATTING, [True] * 20 + [False] * 20)


def _parsed() -> tuple[ParsedText, list[Span]]:
    """Two one-word sentences, "Welcome." and "Should.", one segment each."""
    text = "Welcome. Should."
    sentences = []
    for start, word, lemma in [(0, "Welcome", "welcome"), (9, "Should", "should")]:
        end = start + len(word)
        tokens = [
            Token(start, end, word, lemma, "VERB", None, 0, "root"),
            Token(end, end + 1, ".", ".", "PUNCT", None, 1, "punct"),
        ]
        sentences.append(Sentence(start, end + 1, tokens))
    return ParsedText(text, sentences), [Span(0, 8), Span(9, 16)]


def test_the_model_separates_arguing_from_chatting() -> None:
    probabilities = _model().probabilities([ARGUING[0], CHATTING[0], {}])
    assert probabilities[0] > 0.8
    assert probabilities[1] < 0.2
    assert len(_model().probabilities([])) == 0


def test_argumentative_units_drops_unlikely_segments_but_keeps_the_likeliest() -> None:
    parsed, spans = _parsed()
    features = segment_features(parsed, spans, moves=(), layout=Layout())
    assert features[0]["lemma=welcome"] == 1.0
    assert features[1]["lemma=should"] == 1.0
    kept = argumentative_units(_model().to_runtime(), parsed, spans, moves=(), layout=Layout())
    assert kept == [Span(9, 16)]
    # at a threshold nothing reaches, the likeliest segment still stays
    strict = argumentative_units(_model(1.0).to_runtime(), parsed, spans, moves=(), layout=Layout())
    assert strict == [Span(9, 16)]
    assert argumentative_units(_model().to_runtime(), parsed, [], moves=(), layout=Layout()) == []


def test_a_saved_model_loads_and_predicts_the_same(tmp_path: Path) -> None:
    model = _model()
    path = save_units_model(model.to_runtime(), tmp_path / "units.npz")
    loaded = load_units_model(path)
    assert isinstance(loaded, UnitFilter)
    assert loaded.threshold == model.threshold
    assert loaded.linear.width == model.n_features
    assert list(loaded.probabilities(ARGUING[:2])) == list(model.probabilities(ARGUING[:2]))


def test_loading_a_missing_or_damaged_model_raises_typed_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="argmine train units"):
        load_units_model(tmp_path / "none.npz")
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(b"not a zip file")
    with pytest.raises(CorruptModelError):
        load_units_model(damaged)


def test_the_shipped_model_loads() -> None:
    model = load_units_model()
    assert 0.0 < model.threshold < 1.0
    assert model.probabilities([ARGUING[0]]).shape == (1,)


def test_dev_scores_count_kept_segments_against_gold_components() -> None:
    debate = DebateSegments(
        "1_2000",
        (ARGUING[0], ARGUING[1], CHATTING[0], CHATTING[1]),
        (True, False, False, True),
        gold_components=3,
    )
    scores = score_on(_model(), [debate])
    # kept: the two arguing segments, one of them argumentative; 3 gold components
    assert scores["units_precision"] == pytest.approx(1 / 2)
    assert scores["units_recall"] == pytest.approx(1 / 3)
    ranked = DebateSegments("2_2000", debate.features, (True, True, False, False), 2)
    assert score_on(_model(), [ranked])["auc"] == 1.0
    assert scores["segments"] == 4


def test_only_texts_with_many_speaker_turns_are_transcripts() -> None:
    from argmine.layout import detect_layout

    turns = "SMITH: We must raise teacher pay.\nJONES: My opponent is wrong.\n"
    essay = "Schools matter.\n\nWe must raise teacher pay, because teachers are leaving.\n"
    assert is_transcript(detect_layout(turns * (MIN_SPEAKER_TURNS // 2)))
    assert not is_transcript(detect_layout(turns * (MIN_SPEAKER_TURNS // 2 - 1)))
    assert not is_transcript(detect_layout(essay))


def _debate() -> str:
    return (FIXTURES / "elecdeb" / "components" / "1_2000.txt").read_text(encoding="utf-8")


def test_analyze_filters_the_segments_of_a_long_transcript_only() -> None:
    """End to end on the invented debate of fixtures/elecdeb: as it is (3 turns) every
    segment is a unit; repeated to 21 turns, the filter drops the moderator's lines."""
    from argmine.parsing import parse
    from argmine.pipeline import analyze_parsed, document_segments

    for text, filtered in [(_debate(), False), (_debate() * 7, True)]:
        parsed = parse(text, parser="bundled")
        _layout, _moves, segments = document_segments(parsed)
        units = {(u.start, u.end) for u in analyze_parsed(parsed).units}
        everything = {(s.start, s.end) for s in segments}
        if filtered:
            assert units
            assert units < everything
            assert not any(start < text.index("\n") for start, _end in units)
        else:
            assert units == everything


def test_the_dev_grid_covers_every_setting_best_first() -> None:
    train = [DebateSegments("1_2000", tuple(ARGUING + CHATTING), (True,) * 20 + (False,) * 20, 20)]
    dev = [DebateSegments("2_2008", (ARGUING[0], CHATTING[0]), (True, False), 2)]
    rows = tune_units(train, dev)
    assert len(rows) == len(C_GRID) * len(THRESHOLDS)
    assert {(row["C"], row["threshold"]) for row in rows} == {
        (c, t) for c in C_GRID for t in THRESHOLDS
    }
    scores = [row["units_f1"] for row in rows]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == pytest.approx(2 / 3)  # the arguing segment kept: P 1, R 1/2
