"""The claim-or-premise model: fitting, features, saving and loading, and the document decoder
giving a body paragraph as many claims as the model finds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from argmine.errors import CorruptModelError, ModelNotFoundError
from argmine.layout import detect_layout
from argmine.linear import LinearClassifier
from argmine.structure.document import DocumentUnits, predict_document
from argmine.structure.roles import (
    RoleClassifier,
    load_roles_model,
    role_features,
    save_roles_model,
)
from argmine.structure.units import segment_features
from argmine.training.roles import ClaimClassifier, LabelledUnits, score_on
from argmine.types import ParagraphPlace, ParsedText, Sentence, Span, Token, UnitRole

CLAIMS = [{"stance": 1.0, "modal=should": 1.0}, {"stance": 1.0, "place=body": 1.0}] * 10
PREMISES = [{"tense=Past": 1.0, "upos=NUM": 1.0}, {"move=cause:cause": 1.0}] * 10


def _model() -> ClaimClassifier:
    model = ClaimClassifier(C=10.0, threshold=0.6, min_count=2)
    return model.fit(CLAIMS + PREMISES, [True] * 20 + [False] * 20)


def _parsed() -> tuple[ParsedText, list[Span]]:
    """Two one-word paragraphs, "Welcome." and "Should.", one unit each."""
    text = "Welcome.\n\nShould."
    sentences = []
    for start, word, lemma in [(0, "Welcome", "welcome"), (10, "Should", "should")]:
        end = start + len(word)
        tokens = [
            Token(start, end, word, lemma, "VERB", None, 0, "root"),
            Token(end, end + 1, ".", ".", "PUNCT", None, 1, "punct"),
        ]
        sentences.append(Sentence(start, end + 1, tokens))
    return ParsedText(text, sentences), [Span(0, 8), Span(10, 17)]


def test_the_model_separates_claims_from_premises() -> None:
    model = _model()
    probabilities = model.probabilities([CLAIMS[0], PREMISES[0], {"unseen": 1.0}])
    assert probabilities[0] > 0.8
    assert probabilities[1] < 0.2
    assert list(model.predict([CLAIMS[1], PREMISES[1]])) == [True, False]
    # a name seen fewer than min_count times gets no column
    assert "unseen" not in set(model.feature_names_)


def test_role_features_add_the_paragraph_place_to_the_unit_features() -> None:
    parsed, spans = _parsed()
    layout = detect_layout(parsed.text)
    document = DocumentUnits.of(parsed, spans, layout)
    features = role_features(
        segment_features(parsed, spans, moves=(), layout=layout), document.places
    )
    assert features[0]["lemma=welcome"] == 1.0
    assert features[1]["lemma=should"] == 1.0
    assert features[0][f"place={document.places[0].value}"] == 1.0
    assert [name for name in features[1] if name.startswith("place=")] == [
        f"place={document.places[1].value}"
    ]
    # each unit is computed within its own paragraph: both are first there
    assert features[0]["par_first"] == features[1]["par_first"] == 1.0
    with pytest.raises(ValueError, match="zip"):
        role_features(features, [ParagraphPlace.BODY])


def test_a_saved_model_loads_and_predicts_the_same(tmp_path: Path) -> None:
    model = _model()
    path = save_roles_model(model.to_runtime(), tmp_path / "roles.npz")
    loaded = load_roles_model(path)
    assert isinstance(loaded, RoleClassifier)
    assert loaded.threshold == 0.6
    assert list(loaded.probabilities(CLAIMS[:2])) == list(model.probabilities(CLAIMS[:2]))


def test_loading_a_missing_or_damaged_model_raises_typed_errors_naming_the_file(
    tmp_path: Path,
) -> None:
    with pytest.raises(ModelNotFoundError, match="argmine train roles"):
        load_roles_model(tmp_path / "none.npz")
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(b"not a zip file")
    with pytest.raises(CorruptModelError, match=r"damaged\.npz"):
        load_roles_model(damaged)
    # a well-formed archive without the threshold
    runtime = _model().to_runtime()
    partial = tmp_path / "partial.npz"
    from argmine.linear import save_arrays

    save_arrays(partial, runtime.linear.arrays("linear"), {"kind": "role-classifier"})
    with pytest.raises(CorruptModelError, match=r"partial\.npz"):
        load_roles_model(partial)


def test_the_shipped_model_loads_and_reads_stances_as_claims() -> None:
    model = load_roles_model()
    assert 0.0 < model.threshold < 1.0
    claim, premise = model.probabilities([{"stance": 1.0}, {"tense=Past": 1.0}])
    assert claim > premise


def test_scores_count_claims_and_premises_at_a_threshold() -> None:
    text = LabelledUnits(
        "1_2000", (CLAIMS[0], CLAIMS[1], PREMISES[0], PREMISES[1]), (True, False, False, True)
    )
    scores = score_on(_model(), [text], 0.5)
    # said claim: units 0 and 1 (one right); said premise: units 2 and 3 (one right)
    assert scores["claim_precision"] == pytest.approx(1 / 2)
    assert scores["claim_recall"] == pytest.approx(1 / 2)
    assert scores["premise_f1"] == pytest.approx(1 / 2)
    assert scores["macro_f1"] == pytest.approx(1 / 2)
    assert scores["units"] == 4


BODY = (
    "Cities must plant more trees. Trees cool the streets in summer. "
    "Cities must also build small parks. Parks give children room to play."
)
#: A debate transcript (20 speaker turns make a transcript) whose one long turn argues.
TRANSCRIPT = (
    "MODERATOR: Welcome to the debate on our city.\n"
    + "SMITH: I believe that our city should become greener.\n"
    + f"JONES: {BODY}\n"
    + "MODERATOR: Thank you both.\nSMITH: Thank you.\n" * 9
)


def _must_model(threshold: float) -> RoleClassifier:
    """P(claim) near 1 for a unit with "must", near 0 for any other."""
    linear = LinearClassifier(
        classes=np.array([False, True]),
        coef=np.array([[12.0]]),
        intercept=np.array([-6.0]),
        feature_names=np.array(["lemma=must"]),
    )
    return RoleClassifier(linear, threshold)


@pytest.mark.parametrize("threshold", [0.5, 1.01])
def test_in_a_debate_turn_the_role_model_names_the_claims(threshold: float) -> None:
    """A transcript's roles come from the role model, its tree from the attachment model."""
    from argmine.parsing import parse
    from argmine.pipeline import bundled_structure_model, document_segments
    from argmine.structure.attachment import shipped_attachment_model

    parsed = parse(TRANSCRIPT, parser="bundled")
    layout, moves, spans = document_segments(parsed)
    units, relations = predict_document(
        bundled_structure_model(),
        parsed,
        spans,
        moves=moves,
        layout=layout,
        attachment=shipped_attachment_model(),
        roles=_must_model(threshold),
    )
    assert not any(unit.role is UnitRole.CENTRAL_CLAIM for unit in units)
    start = TRANSCRIPT.index(BODY)
    body = [unit for unit in units if start <= unit.start and unit.end <= start + len(BODY)]
    assert len(body) == 4
    # the turn is one tree of its own: one root, the other units with one relation each
    sources = [relation.source for relation in relations if relation.source in {u.id for u in body}]
    assert len(sources) == len(set(sources)) == 3
    claims = [unit.text for unit in body if unit.role is UnitRole.CLAIM]
    if threshold <= 1.0:
        assert claims == ["Cities must plant more trees.", "Cities must also build small parks."]
    else:
        assert claims == []


def test_an_essay_keeps_one_claim_per_body_paragraph() -> None:
    """Outside transcripts the role model plays no part (it halved the fixture essays'
    role macro-F1): the same paragraph in an essay gets one claim."""
    from argmine.parsing import parse
    from argmine.pipeline import bundled_structure_model, document_segments

    essay = (
        "Our city is getting hotter every year. I believe that our city should become "
        f"greener.\n\n{BODY}\n\nIn conclusion, a greener city is a better city for everyone.\n"
    )
    parsed = parse(essay, parser="bundled")
    layout, moves, spans = document_segments(parsed)
    units, _relations = predict_document(
        bundled_structure_model(),
        parsed,
        spans,
        moves=moves,
        layout=layout,
        roles=_must_model(0.5),
    )
    body = essay.index(BODY)
    claims = [
        unit
        for unit in units
        if unit.role is UnitRole.CLAIM and body <= unit.start < body + len(BODY)
    ]
    assert len(claims) == 1


def test_the_train_roles_command_is_registered_and_reports_a_missing_corpus(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from argmine.cli import app

    runner = CliRunner()
    assert "ElecDeb60to20" in runner.invoke(app, ["train", "roles", "--help"]).stdout
    result = runner.invoke(app, ["train", "roles", "--corpora", str(tmp_path / "none")])
    assert result.exit_code != 0
    assert "corpus folder not found" in result.stderr
