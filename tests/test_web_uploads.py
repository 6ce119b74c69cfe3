"""What a teacher uploads to ``argmine serve``: encodings, Word files, zips and their traps;
and the class table's figures, chart and CSV."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

import pytest

from argmine.errors import BinaryInputError, EmptyInputError, EncodingError, InputTooLargeError
from argmine.maps import ArgumentMap, feedback
from argmine.types import Analysis
from argmine.web.overview import (
    Row,
    WarningKind,
    sorted_rows,
    summarize,
    to_csv,
    warning_bars,
)
from argmine.web.settings import MB, Limits
from argmine.web.uploads import (
    Essay,
    RowError,
    capped,
    decode_text,
    essay_from_bytes,
    pasted_essay,
    zip_essays,
)
from conftest import require

LIMITS = Limits()
TEXT = "Schools should start later. Teenagers sleep late, so early classes hurt them. Café!"


def docx_bytes(*paragraphs: str) -> bytes:
    """A real Word file made by python-docx (the web extra: skip without it, fail in CI)."""
    document = require("docx", "web").Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_file(tmp_path: Path, members: dict[str, bytes], name: str = "class.zip") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "utf-32-le"],
)
def test_decode_text_reads_unicode_with_and_without_bom(data: bytes) -> None:
    assert decode_text(data, source="a.txt", limits=LIMITS) == TEXT


@pytest.mark.parametrize("encoding", ["cp1252", "mac_roman"])
def test_decode_text_detects_a_legacy_encoding(encoding: str) -> None:
    text = "Students’ phones should be allowed in class. " * 8 + "Naïve rules fail."
    assert decode_text(text.encode(encoding), source="a.txt", limits=LIMITS) == text


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInputError),
        (bytes(range(1, 32)) * 20, BinaryInputError),
        (b"   \n\t ", EmptyInputError),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", EncodingError),
        (b"a" * (LIMITS.max_chars + 1), InputTooLargeError),
    ],
    ids=["png", "control-characters", "blank", "broken-utf-16", "too-long"],
)
def test_decode_text_refuses_what_is_not_an_essay(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error, match=r"^a\.txt: "):
        decode_text(data, source="a.txt", limits=LIMITS)


def test_docx_paragraphs_become_text_with_blank_lines() -> None:
    item = essay_from_bytes("essay.docx", docx_bytes("First point.", "", "Second point."), LIMITS)
    assert item == Essay("essay.docx", "First point.\n\nSecond point.")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("broken.docx", b"PK\x03\x04 not really a zip", "not a readable Word"),
        ("empty.docx", docx_bytes(), "has no text"),
        ("slides.pptx", b"whatever", "not a .txt, .docx or .zip"),
        ("big.txt", b"a" * (LIMITS.max_file_bytes + 1), "over the limit"),
    ],
)
def test_unreadable_files_give_row_errors(name: str, data: bytes, message: str) -> None:
    item = essay_from_bytes(name, data, LIMITS)
    assert isinstance(item, RowError)
    assert item.name == name
    assert message in item.message


def test_a_docx_bomb_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (2 * MB))
    item = essay_from_bytes("bomb.docx", buffer.getvalue(), LIMITS)
    assert isinstance(item, RowError)
    assert "zip bomb" in item.message


def test_zip_of_a_class_gives_one_item_per_essay(tmp_path: Path) -> None:
    path = zip_file(
        tmp_path,
        {
            "3b/anna.txt": TEXT.encode("utf-8"),
            "3b/ben.docx": docx_bytes("Homework should be optional.", "It causes stress."),
            "3b/notes.pdf": b"%PDF-1.4",
            "__MACOSX/3b/._anna.txt": b"\x00\x05\x16\x07",
            "3b/.DS_Store": b"\x00\x00",
        },
    )
    items = zip_essays("class.zip", path, LIMITS)
    assert items == [
        Essay("class.zip/3b/anna.txt", TEXT),
        Essay("class.zip/3b/ben.docx", "Homework should be optional.\n\nIt causes stress."),
        RowError("class.zip/3b/notes.pdf", "class.zip/3b/notes.pdf: not a .txt or .docx file"),
    ]


@pytest.mark.parametrize(
    ("member", "data", "message"),
    [
        ("../../etc/evil.txt", TEXT.encode(), "leaves the zip's folder"),
        ("/abs/evil.txt", TEXT.encode(), "leaves the zip's folder"),
        ("C:/evil.txt", TEXT.encode(), "leaves the zip's folder"),
        ("inner.zip", b"PK\x05\x06" + b"\x00" * 18, "a zip inside a zip"),
        ("bomb.txt", b"a" * (3 * MB), "zip bomb"),
        ("huge.txt", b"a" * (LIMITS.max_file_bytes + 1), "over the limit"),
        ("nul.txt", b"x\x00y", "binary"),
    ],
)
def test_dangerous_zip_members_give_row_errors_and_the_rest_still_comes(
    tmp_path: Path, member: str, data: bytes, message: str
) -> None:
    path = zip_file(tmp_path, {member: data, "good.txt": TEXT.encode()})
    bad, good = zip_essays("class.zip", path, LIMITS)
    assert isinstance(bad, RowError)
    assert message in bad.message
    assert good == Essay("class.zip/good.txt", TEXT)


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        (Limits(max_files=2), "3 files is over the limit of 2"),
        (Limits(max_unzipped_bytes=100), "unpacks to"),
    ],
)
def test_whole_zip_limits_give_one_row_error(tmp_path: Path, limits: Limits, message: str) -> None:
    path = zip_file(tmp_path, {f"{n}.txt": TEXT.encode() for n in range(3)})
    [item] = zip_essays("class.zip", path, limits)
    assert isinstance(item, RowError)
    assert message in item.message


def test_a_file_that_is_not_a_zip_gives_one_row_error(tmp_path: Path) -> None:
    path = tmp_path / "class.zip"
    path.write_bytes(b"not a zip at all")
    assert zip_essays("class.zip", path, LIMITS) == [
        RowError("class.zip", "class.zip: not a readable zip file")
    ]


def test_pasted_text_and_the_class_size_limit() -> None:
    assert pasted_essay("One.\r\nTwo.", LIMITS) == Essay("pasted text", "One.\nTwo.")
    assert isinstance(pasted_essay("  ", LIMITS), RowError)
    items = [Essay(f"{n}.txt", TEXT) for n in range(3)]
    capped_items = list(capped(items, Limits(max_files=2)))
    assert capped_items[:2] == items[:2]
    assert capped_items[2] == RowError("2.txt", "2.txt: over the limit of 2 essays a class")


def test_summary_agrees_with_the_report_feedback(fixture_analyses: dict[str, Analysis]) -> None:
    argument_map = ArgumentMap.from_analysis(fixture_analyses["op_ed_transit"])
    findings = feedback(argument_map)
    summary = summarize(argument_map)
    assert summary.claims + summary.premises == len(argument_map.units)
    assert summary.unsupported_claims == len(findings.unsupported_claims)
    assert summary.objections == len(findings.objections)
    assert summary.warnings.count(WarningKind.UNSUPPORTED_CLAIM) == summary.unsupported_claims
    unanswered = summary.objections - summary.objections_answered
    assert summary.warnings.count(WarningKind.UNANSWERED_OBJECTION) == unanswered


def test_sorting_keeps_rows_without_figures_last(fixture_analyses: dict[str, Analysis]) -> None:
    summaries = {
        stem: summarize(ArgumentMap.from_analysis(analysis))
        for stem, analysis in fixture_analyses.items()
    }
    rows = [Row(0, "broken.txt", error="broken.txt: binary")] + [
        Row(index, stem, summary) for index, (stem, summary) in enumerate(summaries.items(), 1)
    ]
    for descending in (False, True):
        ordered = sorted_rows(rows, "claims", descending)
        claims = [row.summary.claims for row in ordered if row.summary is not None]
        assert claims == sorted(claims, reverse=descending)
        assert ordered[-1].name == "broken.txt"
    assert sorted_rows(rows, "name", False)[0].name == "broken.txt"


def test_chart_counts_essays_per_warning(fixture_analyses: dict[str, Analysis]) -> None:
    rows = [
        Row(index, stem, summarize(ArgumentMap.from_analysis(analysis)))
        for index, (stem, analysis) in enumerate(fixture_analyses.items())
    ]
    bars = warning_bars([*rows, Row(len(rows), "pending.txt")])
    assert [bar.warning for bar in bars] == list(WarningKind)
    for bar in bars:
        expected = sum(bar.warning in row.summary.warnings for row in rows if row.summary)
        assert bar.essays == expected
        assert 0 <= bar.width <= 260


def test_csv_has_a_line_per_essay_and_never_a_formula() -> None:
    rows = [Row(0, "=HYPERLINK(evil)", error="=HYPERLINK(evil): binary"), Row(1, "pending.txt")]
    lines = to_csv(rows).splitlines()
    assert lines[0].startswith("essay,status,central claim,claims,premises")
    assert lines[1].startswith("'=HYPERLINK(evil),error,")
    assert lines[2].startswith("pending.txt,pending,")


def test_a_debate_row_says_debate_and_warns_of_no_missing_central_claim(
    debate_map: ArgumentMap,
) -> None:
    summary = summarize(debate_map)
    assert summary.debate
    assert summary.central == "debate"
    assert WarningKind.NO_CENTRAL_CLAIM not in summary.warnings
