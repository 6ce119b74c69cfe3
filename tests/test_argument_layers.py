"""Units and relations end to end: analyze on the fixture texts, long texts decoded in
blocks, and the ``argmine train|evaluate microtexts`` commands."""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import argmine
from argmine.cli import app
from argmine.pipeline import bundled_structure_model
from argmine.segment import segment
from argmine.structure.models import paragraph_blocks
from argmine.types import (
    Analysis,
    ArgumentUnit,
    Relation,
    RelationKind,
    Span,
    Stance,
    UnitRole,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "texts"
runner = CliRunner()


def assert_one_coherent_tree(
    units: Sequence[ArgumentUnit], relations: Sequence[Relation], *, leaf_premises: bool = True
) -> None:
    """One central claim (a restatement of it is in that role too); every other unit attaches
    exactly once; no cycles; stances agree with the relations (support keeps the stance of
    the target, an attack flips it).

    ``leaf_premises``: the microtext model calls every unit with supporters a claim; in whole
    texts a premise may have premises of its own (claims attach to the thesis)."""
    parent = {relation.source: relation for relation in relations}
    central = [unit.id for unit in units if unit.role is UnitRole.CENTRAL_CLAIM]
    roots = [unit_id for unit_id in central if unit_id not in parent]
    assert len(roots) == 1
    assert all(
        parent[unit_id].target == roots[0] and parent[unit_id].kind is RelationKind.RESTATEMENT
        for unit_id in central
        if unit_id != roots[0]
    )
    central = roots
    assert len(parent) == len(relations) == len(units) - 1
    by_id = {unit.id: unit for unit in units}
    for unit in units:
        seen, current = set(), unit.id
        while current in parent:
            assert current not in seen, "cycle"
            seen.add(current)
            current = parent[current].target
        assert current == central[0]
    assert by_id[central[0]].stance is Stance.PRO
    for relation in relations:
        same = by_id[relation.source].stance is by_id[relation.target].stance
        assert same is (not relation.kind.is_attack), relation
    for unit in units:
        has_children = any(relation.target == unit.id for relation in relations)
        if unit.role is UnitRole.PREMISE and leaf_premises:
            assert not has_children


@pytest.fixture(scope="module")
def op_ed(fixture_analyses: dict[str, Analysis]) -> Analysis:
    return fixture_analyses["op_ed_transit"]


@pytest.mark.parametrize("stem", sorted(path.stem for path in FIXTURES.glob("*.txt")))
def test_analyze_fills_units_and_relations(
    stem: str, fixture_texts: dict[str, str], fixture_analyses: dict[str, Analysis]
) -> None:
    text = fixture_texts[stem]
    analysis = fixture_analyses[stem]
    assert len(analysis.units) >= 5
    for unit in analysis.units:
        assert text[unit.start : unit.end] == unit.text
        assert 0.0 <= unit.confidence <= 1.0
    whole_text = analysis.layout is not None and len(analysis.layout.paragraphs) > 1
    assert_one_coherent_tree(analysis.units, analysis.relations, leaf_premises=not whole_text)
    assert argmine.from_json(argmine.to_json(analysis)) == analysis


def test_units_follow_the_segmenter(op_ed: Analysis) -> None:
    """A written op-ed of several paragraphs is segmented as written: its "and"/"but" clauses
    stay in their unit."""
    spans = [Span(unit.start, unit.end) for unit in op_ed.units]
    assert spans == list(segment(op_ed.parsed, written=True))
    assert len(spans) < len(segment(op_ed.parsed))
    first = op_ed.units[0]
    assert first.text == "Our city should make public transit free for everyone under eighteen."


def test_long_texts_are_decoded_in_blocks_into_one_tree(op_ed: Analysis) -> None:
    spans = [Span(unit.start, unit.end) for unit in op_ed.units]
    model = bundled_structure_model()
    units, relations = model.predict(op_ed.parsed, spans, moves=op_ed.moves, max_units=4)
    assert [Span(unit.start, unit.end) for unit in units] == spans
    assert [unit.id for unit in units] == [f"u{i}" for i in range(1, len(spans) + 1)]
    assert_one_coherent_tree(units, relations)
    with pytest.raises(argmine.InputError):
        model.predict(op_ed.parsed, spans, max_units=1)


@given(st.lists(st.integers(0, 3), min_size=1, max_size=30), st.integers(2, 7))
def test_paragraph_blocks_partition_the_units_in_order(gaps: list[int], size: int) -> None:
    pieces, spans, offset = [], [], 0
    for gap in gaps:
        piece = ("\n\n" if gap == 0 and pieces else " ") + "Unit."
        start = offset + len(piece) - len("Unit.")
        spans.append(Span(start, start + len("Unit.")))
        pieces.append(piece)
        offset += len(piece)
    text = "".join(pieces)
    blocks = paragraph_blocks(text, spans, size)
    assert [index for block in blocks for index in block] == list(range(len(spans)))
    assert all(1 <= len(block) <= size for block in blocks)


def test_text_without_words_has_no_units() -> None:
    analysis = argmine.analyze("?!")
    assert analysis.units == ()
    assert analysis.relations == ()


# -- the command line ------------------------------------------------------------------------


@pytest.fixture
def few_microtexts(corpora: Path, tmp_path: Path) -> Path:
    source = corpora / "arg-microtexts" / "corpus" / "en"
    folder = tmp_path / "texts"
    folder.mkdir()
    for xml in sorted(source.glob("micro_*.xml"))[:8]:
        shutil.copy(xml, folder)
        shutil.copy(xml.with_suffix(".txt"), folder)
    return folder


@pytest.mark.corpus
def test_evaluate_default_model_prints_one_json_object(few_microtexts: Path) -> None:
    outcome = runner.invoke(
        app,
        ["evaluate", "microtexts", "--path", str(few_microtexts), "--model", "default", "--json"],
    )
    assert outcome.exit_code == 0, outcome.output
    scores = json.loads(outcome.stdout)
    assert set(scores) == {
        "n_texts",
        "cc",
        "ro",
        "fu",
        "at",
        "n_implicit_left_out",
        "n_restatements",
    }
    assert scores["n_texts"] == 8
    assert scores["n_implicit_left_out"] == scores["n_restatements"] == 0
    # training texts of the bundled model: far above chance, but not a stub's constant
    assert all(0.5 < scores[level] <= 1.0 for level in ("cc", "ro", "fu", "at"))


@pytest.mark.corpus
def test_train_writes_a_model_that_loads(few_microtexts: Path, tmp_path: Path) -> None:
    target = tmp_path / "model.skops"
    outcome = runner.invoke(
        app, ["train", "microtexts", "--path", str(few_microtexts), "-o", str(target)]
    )
    assert outcome.exit_code == 0, outcome.output
    evaluated = runner.invoke(
        app,
        ["evaluate", "microtexts", "--path", str(few_microtexts), "--model", str(target)],
    )
    assert evaluated.exit_code == 0, evaluated.output
    assert "(8 texts; 0 implicit ADUs not in their text left out, 0 restatements)" in (
        evaluated.stdout
    )


def test_missing_or_corrupt_model_is_one_error_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.skops"
    broken.write_bytes(b"not a zip file")
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "micro_x.xml").write_text("<arggraph/>", encoding="utf-8")
    outcome = runner.invoke(
        app, ["evaluate", "microtexts", "--path", str(folder), "--model", str(broken)]
    )
    assert outcome.exit_code == 2
    assert outcome.output.startswith("argmine: error:")
    assert "Traceback" not in outcome.output
