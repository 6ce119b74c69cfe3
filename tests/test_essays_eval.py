"""The brat essay reader and the end-to-end essay figures, on the fixture essays.

The expected figures are computed by hand from fixtures/essays/essay001.ann and the
hand-made predictions below (see the comments).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmine.errors import CorpusError
from argmine.evaluation.essays import (
    THESIS,
    gold_edges,
    half_overlap,
    match_units,
    pooled_scores,
    score_essay,
)
from argmine.training.essays import ComponentKind, EssaySplit, read_essay, read_essays
from argmine.types import (
    Analysis,
    ArgumentUnit,
    Relation,
    RelationKind,
    Stance,
    UnitRole,
)

ESSAYS = Path(__file__).resolve().parent.parent / "fixtures" / "essays"


def test_reader_reads_components_stances_relations_and_split() -> None:
    essay = read_essay(ESSAYS / "essay001.txt")
    assert [c.kind for c in essay.components] == [
        ComponentKind.MAJOR_CLAIM,
        ComponentKind.CLAIM,
        ComponentKind.PREMISE,
        ComponentKind.CLAIM,
        ComponentKind.PREMISE,
        ComponentKind.CLAIM,
        ComponentKind.MAJOR_CLAIM,
    ]
    assert essay.component("T4").text == "uniforms limit self-expression"
    assert essay.stances["T4"].value == "Against"
    assert [(r.kind.value, r.source, r.target) for r in essay.relations] == [
        ("supports", "T3", "T2"),
        ("attacks", "T5", "T4"),
    ]
    test = read_essays(ESSAYS, EssaySplit.TEST)
    assert [e.name for e in test] == ["essay001", "essay002"]
    assert [e.name for e in read_essays(ESSAYS)] == ["essay001", "essay002", "essay003"]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("T1\tThesis 0 4\tCats", "line 2: not a component"),
        ("T1\tClaim 0 400\tCats", "line 2: span 0-400 is outside the text"),
        ("T1\tClaim 0 4\tDogs", "line 2: 'Dogs' is not the text at 0-4"),
        ("R1\tsupports Arg1:T2 Arg2:T9", "line 2: unknown component T9"),
        ("A1\tStance T9 For", "line 2: unknown component T9"),
    ],
)
def test_malformed_annotations_name_the_file_and_line(
    tmp_path: Path, line: str, problem: str
) -> None:
    (tmp_path / "essay009.txt").write_text("Cats are wise.", encoding="utf-8")
    (tmp_path / "essay009.ann").write_text(f"T2\tClaim 0 4\tCats\n{line}\n", encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        read_essays(tmp_path)
    assert str(error.value).startswith(f"{tmp_path / 'essay009.ann'}: {problem}")


def test_a_missing_annotation_file_or_split_file_is_a_corpus_error(tmp_path: Path) -> None:
    (tmp_path / "essay009.txt").write_text("Cats are wise.", encoding="utf-8")
    with pytest.raises(CorpusError, match="annotation file not found"):
        read_essays(tmp_path)
    (tmp_path / "essay009.ann").write_text("", encoding="utf-8")
    with pytest.raises(CorpusError, match="no split file"):
        read_essays(tmp_path, EssaySplit.TEST)
    (tmp_path / "train-test-split.csv").write_text('"ID";"SET"\n"essay009";"DEV"\n')
    with pytest.raises(CorpusError, match="line 2: expected ID;TRAIN or ID;TEST"):
        read_essays(tmp_path)


def test_half_overlap_needs_half_of_each_span() -> None:
    assert half_overlap((0, 10), (5, 10))  # 5 of 10 and 5 of 5
    assert not half_overlap((0, 10), (6, 20))  # 4 of 10
    assert not half_overlap((0, 4), (4, 8))
    assert match_units([(0, 10), (10, 20)], [(0, 12), (5, 20)]) == {0: 0, 1: 1}


def _unit(number: int, start: int, end: int, text: str, role: UnitRole) -> ArgumentUnit:
    return ArgumentUnit(f"u{number}", start, end, text[start:end], role, Stance.PRO, 1.0)


def _essay001_prediction(text: str) -> Analysis:
    units = [
        _unit(1, 0, 37, text, UnitRole.CLAIM),  # the prompt: matches nothing
        _unit(2, 96, 164, text, UnitRole.CENTRAL_CLAIM),  # T1 MajorClaim
        _unit(3, 166, 198, text, UnitRole.PREMISE),  # T2 Claim (24 of 32 chars)
        _unit(4, 199, 279, text, UnitRole.PREMISE),  # T3 Premise
        _unit(5, 281, 335, text, UnitRole.CLAIM),  # T4 Claim (30 of 54 chars)
        _unit(6, 336, 418, text, UnitRole.PREMISE),  # T5 Premise
        _unit(7, 420, 503, text, UnitRole.PREMISE),  # T6 39 of 83, T7 23 of 83: no match
    ]
    relations = [
        Relation("r1", "u3", "u2", RelationKind.SUPPORT, 1.0),  # T2 -> thesis: gold (stance)
        Relation("r2", "u4", "u3", RelationKind.SUPPORT, 1.0),  # T3 -> T2: gold R1
        Relation("r3", "u5", "u2", RelationKind.REBUT, 1.0),  # T4 -> thesis: gold (Against)
        Relation("r4", "u6", "u5", RelationKind.SUPPORT, 1.0),  # T5 -> T4: gold R2 (kind ignored)
        Relation("r5", "u7", "u2", RelationKind.RESTATEMENT, 1.0),  # not counted
        Relation("r6", "u1", "u2", RelationKind.SUPPORT, 1.0),  # unmatched source: wrong
    ]
    return Analysis(text, [], units=units, relations=relations)


def test_gold_edges_add_claims_to_the_thesis_from_their_stance() -> None:
    essay = read_essay(ESSAYS / "essay001.txt")
    assert gold_edges(essay) == {
        ("T3", "T2"),
        ("T5", "T4"),
        ("T2", THESIS),
        ("T4", THESIS),
        ("T6", THESIS),
    }
    museum = read_essay(ESSAYS / "essay003.txt")
    assert gold_edges(museum) == {("T2", "T4"), ("T3", "T2"), ("T4", THESIS)}


def test_figures_of_one_essay_computed_by_hand() -> None:
    essay = read_essay(ESSAYS / "essay001.txt")
    scores = pooled_scores([score_essay(essay, _essay001_prediction(essay.text))])
    # units: 5 of 7 predicted match 5 of 7 gold components
    assert scores["units_precision"] == pytest.approx(5 / 7)
    assert scores["units_recall"] == pytest.approx(5 / 7)
    assert scores["units_f1"] == pytest.approx(5 / 7)
    assert scores["major_claim"] == 1.0
    # MajorClaim F1 1; Claim P 1/1 R 1/2 F1 2/3; Premise P 2/3 R 2/2 F1 4/5
    assert scores["role_macro_f1"] == pytest.approx((1 + 2 / 3 + 4 / 5) / 3)
    # 5 counted predictions (restatement left out), 4 correct, 5 gold edges
    assert scores["relations_precision"] == pytest.approx(4 / 5)
    assert scores["relations_recall"] == pytest.approx(4 / 5)
    assert scores["relations_f1"] == pytest.approx(4 / 5)


def test_figures_pool_over_essays() -> None:
    first = read_essay(ESSAYS / "essay001.txt")
    museum = read_essay(ESSAYS / "essay003.txt")
    title = ArgumentUnit("u1", 0, 23, museum.text[:23], UnitRole.CENTRAL_CLAIM, Stance.PRO, 1.0)
    counts = [
        score_essay(first, _essay001_prediction(first.text)),
        score_essay(museum, Analysis(museum.text, [], units=[title])),
    ]
    scores = pooled_scores(counts)
    assert scores["essays"] == 2
    assert scores["units_precision"] == pytest.approx(5 / 8)
    assert scores["units_recall"] == pytest.approx(5 / 11)
    assert scores["major_claim"] == 0.5  # the museum essay's central claim is its title
    assert scores["relations_precision"] == pytest.approx(4 / 5)
    assert scores["relations_recall"] == pytest.approx(4 / 8)


def test_evaluate_essays_command_prints_the_figures_as_json() -> None:
    from typer.testing import CliRunner

    from argmine.cli import app

    result = CliRunner().invoke(app, ["evaluate", "essays", "--path", str(ESSAYS), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["essays"] == 2  # the TEST essays of train-test-split.csv
    assert set(scores) == {
        "essays",
        "units_precision",
        "units_recall",
        "units_f1",
        "major_claim",
        "role_macro_f1",
        "relations_precision",
        "relations_recall",
        "relations_f1",
    }
    assert all(0.0 <= value <= 1.0 for key, value in scores.items() if key != "essays")


def test_evaluate_essays_command_reports_a_bad_folder_in_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from argmine.cli import app

    result = CliRunner().invoke(app, ["evaluate", "essays", "--path", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip() == f"argmine: error: {tmp_path}: no essay .txt files"


STUDENT_TEXT = (
    "Phones in Class\n\nSchools should allow phones in class. Students can look things up. "
    "Some say phones distract students.\n"
)


def _student_folder(root: Path) -> Path:
    folder = root / "student-essays"
    (folder / "essays").mkdir(parents=True)
    (folder / "dev-annotations").mkdir()
    (folder / "essays" / "AB12.txt").write_text(STUDENT_TEXT, encoding="utf-8")

    def span(text: str) -> dict[str, object]:
        start = STUDENT_TEXT.index(text)
        return {"start": start, "end": start + len(text), "text": text}

    annotation = {
        "essay": "AB12",
        "layout": [{"type": "title", **span("Phones in Class")}],
        "thesis": span("Schools should allow phones in class"),
        "restatements": [],
        "claims": [
            {**span("Students can look things up"), "stance": "for", "answered_by": []},
            {**span("phones distract students"), "stance": "against", "answered_by": []},
        ],
        "premises": [],
    }
    (folder / "dev-annotations" / "AB12.json").write_text(json.dumps(annotation))
    return folder


def test_student_essay_figures_computed_by_hand(tmp_path: Path) -> None:
    from argmine.evaluation.student_essays import evaluate_student_essays

    def analyze(text: str) -> Analysis:
        def unit(number: int, piece: str, role: UnitRole) -> ArgumentUnit:
            start = text.index(piece)
            end = start + len(piece)
            return ArgumentUnit(f"u{number}", start, end, piece, role, Stance.PRO, 1.0)

        units = [
            unit(1, "Phones in Class", UnitRole.CENTRAL_CLAIM),  # a layout line as a unit
            unit(2, "Schools should allow phones in class.", UnitRole.CLAIM),  # the thesis
            unit(3, "Students can look things up.", UnitRole.CLAIM),  # a gold claim
            unit(4, "Some say phones distract students.", UnitRole.PREMISE),
        ]
        support = Relation("r1", "u3", "u2", RelationKind.SUPPORT, 1.0)
        return Analysis(text, [], units=units, relations=[support])

    scores = evaluate_student_essays(_student_folder(tmp_path), analyze=analyze)
    scheme = scores.pop("persuasive_essays")
    assert scores == {
        "essays": 1,
        "central_claim_is_thesis": 0,  # the title is the central claim
        "claims_precision": 0.5,  # 1 of the 2 predicted claims is annotated as one
        "claims_recall": 0.5,  # 1 of the 2 annotated claims
        "layout_lines": 1,
        "layout_lines_as_units": 1,
    }
    # The same annotation in the persuasive-essays scheme: thesis T1 (MajorClaim), claims T2
    # (for) and T3 (against). Units u2-u4 match T1-T3 ("Some say phones distract students."
    # holds T3), the title matches nothing; roles (MajorClaim, Claim), (Claim, Claim),
    # (Claim, Premise); gold relations T2 -> thesis and T3 -> thesis, u3 -> u2 is the first.
    assert scheme["units_precision"] == pytest.approx(3 / 4)
    assert scheme["units_recall"] == 1.0
    assert scheme["major_claim"] == 0.0
    assert scheme["role_macro_f1"] == pytest.approx((0 + 0.5 + 0) / 3)
    assert (scheme["relations_precision"], scheme["relations_recall"]) == (1.0, 0.5)


def test_a_development_annotation_in_the_persuasive_essays_scheme(tmp_path: Path) -> None:
    from argmine.evaluation.student_essays import as_persuasive_essay, read_dev_annotation

    folder = _student_folder(tmp_path)
    path = folder / "dev-annotations" / "AB12.json"
    annotation = json.loads(path.read_text())
    annotation["claims"][1]["answered_by"] = [0]
    premise = STUDENT_TEXT.index("Students can look")
    annotation["premises"] = [
        {"start": premise, "end": premise + 8, "text": "Students", "supports": "thesis"},
    ]
    path.write_text(json.dumps(annotation))
    essay = as_persuasive_essay(read_dev_annotation(path, STUDENT_TEXT), STUDENT_TEXT)
    kinds = [(c.id, c.kind.value, c.text) for c in essay.components]
    assert kinds == [
        ("T1", "MajorClaim", "Schools should allow phones in class"),
        ("T4", "Premise", "Students"),
        ("T2", "Claim", "Students can look things up"),
        ("T3", "Claim", "phones distract students"),
    ]
    assert {key: value.value for key, value in essay.stances.items()} == {
        "T2": "For",
        "T3": "Against",
    }
    edges = [(r.kind.value, r.source, r.target) for r in essay.relations]
    assert edges == [("supports", "T4", "T1"), ("attacks", "T2", "T3")]
    annotation["premises"][0]["supports"] = 7
    path.write_text(json.dumps(annotation))
    with pytest.raises(CorpusError, match="a premise supports 7"):
        read_dev_annotation(path, STUDENT_TEXT)


def test_a_development_annotation_off_the_text_is_a_corpus_error(tmp_path: Path) -> None:
    from argmine.evaluation.student_essays import evaluate_student_essays

    folder = _student_folder(tmp_path)
    (folder / "essays" / "AB12.txt").write_text("Another text entirely.", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"AB12\.json: span 0-15 is not 'Phones in Class'"):
        evaluate_student_essays(folder, analyze=lambda text: Analysis(text, []))
