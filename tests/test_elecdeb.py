"""The ElecDeb60to20 reader (anchoring relation files by text) and the debate figures, on the
invented fixture corpus in fixtures/elecdeb.

Debate 1_2000 has two relation sections whose offsets are relative to the speaker's turn: the
first repeats "We must raise teacher pay", so only the section offset tells which occurrence
its T4 is; the second has a discontinuous mention and one whose text is not in the transcript.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from argmine.errors import CorpusError
from argmine.evaluation.elecdeb import (
    evaluate_elecdeb,
    gold_edges,
    pooled_debate_scores,
    score_debate,
)
from argmine.training.corpora.elecdeb import (
    AnchoringCounts,
    ElecdebLabel,
    ElecdebRelation,
    ElecdebRelationKind,
    ElecdebSplit,
    debate_names,
    read_components,
    read_debates,
    read_relation_file,
    split_of,
)
from argmine.types import Analysis, ArgumentUnit, Relation, RelationKind, Stance, UnitRole

ELECDEB = Path(__file__).resolve().parent.parent / "fixtures" / "elecdeb"

SUPPORT, EQUIVALENT = ElecdebRelationKind.SUPPORT, ElecdebRelationKind.EQUIVALENT


def _copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ELECDEB, tmp_path / "elecdeb"))


def test_components_are_read_in_text_order_with_their_fragments() -> None:
    (debate,) = read_debates(ELECDEB, ["1_2000"])
    assert [c.id for c in debate.components] == ["T1", "T2", "T3", "T4", "T5", "T6"]
    assert [c.label for c in debate.components][:2] == [ElecdebLabel.CLAIM, ElecdebLabel.PREMISE]
    split = debate.components[-1]
    assert len(split.fragments) == 2
    assert debate.text[split.start : split.end].startswith("His plan costs too much")
    assert debate.text[split.start : split.end].endswith("and taxes would rise")


def test_relations_are_anchored_to_the_transcript_by_their_text() -> None:
    (debate,) = read_debates(ELECDEB, ["1_2000"])
    assert set(debate.relations) == {
        ElecdebRelation(SUPPORT, "T2", "T1"),
        ElecdebRelation(SUPPORT, "T3", "T1"),
        # the second "We must raise teacher pay": the first would make a self-loop
        ElecdebRelation(EQUIVALENT, "T4", "T1"),
        # a discontinuous mention anchored by its first fragment
        ElecdebRelation(SUPPORT, "T6", "T5"),
    }
    # the T-only whole-debate file is not counted; the unknown sentence's relation is left out
    assert debate.anchoring == AnchoringCounts(
        files=2, files_not_anchored=0, relations=5, relations_not_anchored=1
    )
    assert gold_edges(debate) == {("T2", "T1"), ("T3", "T1"), ("T6", "T5")}


def test_a_relation_file_mostly_missing_from_the_transcript_is_left_out(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "relations" / "2000_01Jan_3.ann").write_text(
        "T1\tClaim 0 17\tnobody said this\nT2\tPremise 20 40\tnor did anybody say this\n"
        "T3\tClaim 50 75\tWe must raise teacher pay\nR1\tSupport Arg1:T2 Arg2:T1\n",
        encoding="utf-8",
    )
    (debate,) = read_debates(folder, ["1_2000"])
    assert debate.anchoring.files_not_anchored == 1
    assert debate.anchoring.relations_not_anchored == 2
    assert len(debate.relations) == 4


def test_the_split_is_by_year() -> None:
    assert [split_of(year) for year in (1960, 2004, 2008, 2012, 2016, 2020)] == [
        ElecdebSplit.TRAIN,
        ElecdebSplit.TRAIN,
        ElecdebSplit.DEV,
        ElecdebSplit.TEST,
        ElecdebSplit.LATER,
        ElecdebSplit.LATER,
    ]
    assert debate_names(ELECDEB) == ["1_2000", "2_2012"]
    assert debate_names(ELECDEB, ElecdebSplit.TEST) == ["2_2012"]
    assert debate_names(ELECDEB, ElecdebSplit.DEV) == []


@pytest.mark.parametrize(
    ("name", "line", "problem"),
    [
        ("components/1_2000.ann", "T7\tClaim 0 9\tWelcome!!\n", "is not the transcript's text"),
        ("components/1_2000.ann", "T7\tClaim 0 9999\tWelcome\n", "outside the transcript"),
        ("components/1_2000.ann", "T7\tStance 0 9\tMODERATOR\n", "not a Claim or Premise"),
        ("components/1_2000.ann", "T1\tClaim 0 9\tMODERATOR\n", "T1 is defined twice"),
        ("relations/2000_01Jan_2.ann", "R3\tSupport Arg1:T9 Arg2:T1\n", "unknown T T9"),
        ("relations/2000_01Jan_2.ann", "R3\tSupports Arg1:T2 Arg2:T1\n", "not a relation"),
        ("relations/2000_01Jan_2.ann", "A1\tStance T1 For\n", "not a T or R line"),
    ],
)
def test_malformed_files_raise_a_corpus_error_naming_the_line(
    tmp_path: Path, name: str, line: str, problem: str
) -> None:
    folder = _copy(tmp_path)
    path = folder / name
    lines = path.read_text(encoding="utf-8").count("\n")
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line)
    with pytest.raises(CorpusError, match=f"line {lines + 1}: .*{problem}") as caught:
        read_debates(folder, ["1_2000"])
    assert caught.value.path == path


def test_readers_name_the_missing_debate_and_read_single_files(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no such debate"):
        read_debates(ELECDEB, ["9_1999"])
    text = (ELECDEB / "components" / "2_2012.txt").read_text(encoding="utf-8")
    assert len(read_components(ELECDEB / "components" / "2_2012.ann", text)) == 2
    section = read_relation_file(ELECDEB / "relations" / "2000_01Jan_2.ann")
    assert [m.search for m in section.mentions][1] == "His plan costs too much"
    assert section.mentions[1].length == 65
    with pytest.raises(CorpusError, match="no transcripts"):
        debate_names(tmp_path)


def _unit(number: int, span: tuple[int, int], text: str, role: UnitRole) -> ArgumentUnit:
    start, end = span
    return ArgumentUnit(f"u{number}", start, end, text[start:end], role, Stance.PRO, 1.0)


def _prediction(text: str) -> Analysis:
    """Hand-made units for 1_2000: the moderator line, T1 (as a premise), most of T2, T3 with
    its clause ("Our schools need them, and every parent knows it": 21 of 49 characters, no
    match), T4 and the end of the JONES turn (matches nothing)."""

    def span(part: str, nth: int = 0) -> tuple[int, int]:
        at = -1
        for _ in range(nth + 1):
            at = text.index(part, at + 1)
        return at, at + len(part)

    units = [
        _unit(1, span("Welcome to the first debate of the year."), text, UnitRole.CLAIM),
        _unit(2, span("We must raise teacher pay,"), text, UnitRole.PREMISE),
        _unit(3, span("good teachers are leav"), text, UnitRole.PREMISE),
        _unit(4, span("Our schools need them, and every parent knows it."), text, UnitRole.CLAIM),
        _unit(5, span("We must raise teacher pay.", 0), text, UnitRole.CENTRAL_CLAIM),
        _unit(6, span("for working families."), text, UnitRole.CLAIM),
    ]
    relations = [
        Relation("r1", "u3", "u2", RelationKind.SUPPORT, 1.0),  # T2 -> T1: gold
        Relation("r2", "u4", "u2", RelationKind.SUPPORT, 1.0),  # u4 matches nothing: wrong
        Relation("r3", "u5", "u2", RelationKind.RESTATEMENT, 1.0),  # left out
        Relation("r4", "u2", "u5", RelationKind.ATTACK, 1.0),  # T1 -> T4: not gold
        Relation("r5", "u1", "u5", RelationKind.SUPPORT, 1.0),  # unmatched: wrong
    ]
    return Analysis(text, [], units=units, relations=relations)


def test_figures_of_one_debate_computed_by_hand() -> None:
    (debate,) = read_debates(ELECDEB, ["1_2000"])
    scores = pooled_debate_scores([score_debate(debate, _prediction(debate.text))])
    # T1, T2, T4 match: 3 of 6 predicted, 3 of 6 gold
    assert scores["units_precision"] == pytest.approx(3 / 6)
    assert scores["units_recall"] == pytest.approx(3 / 6)
    # matched: T1 Claim as Premise, T2 Premise as Premise, T4 Claim as Claim (central)
    # Claim P 1/1 R 1/2 F1 2/3; Premise P 1/2 R 1/1 F1 2/3
    assert scores["role_macro_f1"] == pytest.approx(2 / 3)
    # 4 counted predictions, 1 correct; 3 gold Support/Attack edges (Equivalent left out)
    assert scores["relations_precision"] == pytest.approx(1 / 4)
    assert scores["relations_recall"] == pytest.approx(1 / 3)
    assert scores["relations_not_anchored"] == 1


def test_evaluate_elecdeb_scores_the_chosen_split_only() -> None:
    seen: list[str] = []

    def analyze(text: str) -> Analysis:
        seen.append(text)
        start = text.index("We should")
        unit = _unit(1, (start, start + 27), text, UnitRole.CENTRAL_CLAIM)
        return Analysis(text, [], units=[unit])

    scores = evaluate_elecdeb(ELECDEB, ElecdebSplit.TEST, analyze=analyze)
    assert len(seen) == 1
    assert seen[0].startswith("MODERATOR: Good evening")
    assert scores["debates"] == 1
    assert scores["units_precision"] == 1.0
    assert scores["units_recall"] == 0.5
    assert scores["relations_recall"] == 0.0
    assert scores["gold_relations"] == 1
    train = evaluate_elecdeb(ELECDEB, ElecdebSplit.TRAIN, analyze=_prediction, limit=1)
    assert train["gold_units"] == 6
    assert train["units_precision"] == pytest.approx(3 / 6)


def test_evaluate_elecdeb_command_prints_json(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from argmine.cli import app
    from argmine.evaluation import elecdeb

    monkeypatch.setattr(elecdeb, "_analyze_cached", lambda text: Analysis(text, []))
    runner = CliRunner()
    result = runner.invoke(app, ["evaluate", "elecdeb", "--corpora", str(ELECDEB), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output[result.output.index("{") :])
    assert scores["debates"] == 1
    assert scores["units_recall"] == 0.0
    assert scores["gold_units"] == 2
