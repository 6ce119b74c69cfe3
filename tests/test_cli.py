"""The command line: argmine/1 JSON out, one-line errors with exit code 2, batch outputs."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from argmine import __version__
from argmine.cli import app
from argmine.serialize import from_json, json_schema

runner = CliRunner()
CONLLU = (
    "# text = Hi there.\n"
    "1\tHi\thi\tINTJ\t_\t_\t0\troot\t_\t_\n"
    "2\tthere\tthere\tADV\t_\t_\t1\tadvmod\t_\tSpaceAfter=No\n"
    "3\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n\n"
)


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"argmine {__version__}"


def test_analyze_prints_the_contract(fixture_texts: dict[str, str], tmp_path: Path) -> None:
    source = tmp_path / "op_ed.txt"
    source.write_text(fixture_texts["op_ed_transit"], encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(source), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, json_schema())
    assert list(document) == [
        "schema",
        "text",
        "sentences",
        "units",
        "relations",
        "moves",
        "layout",
    ]
    assert document["schema"] == "argmine/1"
    assert document["text"] == fixture_texts["op_ed_transit"]
    assert len(document["sentences"]) >= 15
    first = document["sentences"][0]["tokens"][0]
    assert set(first) == {"start", "end", "text", "lemma", "upos", "feats", "head", "deprel"}
    assert document["text"][first["start"] : first["end"]] == "Our"
    assert from_json(result.stdout).text == fixture_texts["op_ed_transit"]


def test_stdin_and_conllu_output(fixture_texts: dict[str, str]) -> None:
    result = runner.invoke(
        app, ["parse", "-", "--format", "conllu"], input=fixture_texts["essay_homework"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(
        "# newdoc\n# sent_id = 1\n# text = Should primary schools abolish"
    )
    assert "\troot\t" in result.stdout


def test_conllu_input_needs_no_parser(tmp_path: Path) -> None:
    source = tmp_path / "doc.conllu"
    source.write_text(CONLLU)
    result = runner.invoke(app, ["analyze", "--input-format", "conllu", str(source)])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["text"] == "Hi there."


def test_several_inputs_write_one_file_each_and_skip_bad_ones(
    fixture_texts: dict[str, str], tmp_path: Path
) -> None:
    good = tmp_path / "speech.txt"
    good.write_text(fixture_texts["speech_four_day_week"])
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(good), str(empty), "-d", str(out)])
    assert result.exit_code == 2
    assert "empty.txt: no text to analyse" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["speech.json"]
    assert from_json((out / "speech.json").read_text()).text == good.read_text()


def test_output_file_is_written(tmp_path: Path) -> None:
    source = tmp_path / "doc.conllu"
    source.write_text(CONLLU)
    target = tmp_path / "deep" / "result.json"
    result = runner.invoke(
        app, ["analyze", "--input-format", "conllu", str(source), "-o", str(target)]
    )
    assert result.exit_code == 0
    assert from_json(target.read_text()).text == "Hi there."
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask, "not mkstemp's owner-only mode"
    assert [path.name for path in target.parent.iterdir()] == ["result.json"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "no text to analyse"),
        (b"\x00\x01\x02binary\x00", "binary"),
        ("Caf\u00e9 cr\u00e8me".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    result = runner.invoke(app, ["analyze", str(source)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_too_large_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGMINE_MAX_CHARS", "50")
    source = tmp_path / "long.txt"
    source.write_text("This sentence is long. " * 10)
    result = runner.invoke(app, ["analyze", str(source)])
    assert result.exit_code == 2
    assert "over the limit" in result.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    for path in (a, b):
        path.write_text("Text.")
    assert "need -d/--output-dir" in runner.invoke(app, ["analyze", str(a), str(b)]).stderr
    result = runner.invoke(app, ["analyze", str(a), "-o", "x", "-d", "y"])
    assert result.exit_code == 2
    assert runner.invoke(app, ["analyze", str(a), "--format", "pdf"]).exit_code == 2


def test_real_process_missing_file_has_no_traceback(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmine", "analyze", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == f"argmine: error: {tmp_path / 'missing.txt'}: no such file"
    assert "Traceback" not in done.stderr


def test_analyze_reports_moves(fixture_texts: dict[str, str]) -> None:
    """The op-ed's "Only when ... can ..." sentence comes out as a necessary condition."""
    result = runner.invoke(app, ["analyze", "-"], input=fixture_texts["op_ed_transit"])
    assert result.exit_code == 0, result.stderr
    moves = json.loads(result.stdout)["moves"]
    text = fixture_texts["op_ed_transit"]
    necessary = [m for m in moves if m["kind"] == "conditional" and m["condition"] == "necessary"]
    assert len(necessary) == 1
    antecedent = necessary[0]["antecedent"]
    assert "funding plan" in text[antecedent["start"] : antecedent["end"]]
    assert any(m["kind"] == "enumeration" for m in moves)
