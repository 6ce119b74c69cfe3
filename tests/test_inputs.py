"""Bad input gets a typed error before any model sees it."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmine.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
)
from argmine.inputs import DEFAULT_MAX_CHARS, check_text, decode, max_chars, read_text_file


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_empty_text_is_rejected(text: str) -> None:
    with pytest.raises(EmptyInputError):
        check_text(text)


def test_nul_characters_mean_binary() -> None:
    with pytest.raises(BinaryInputError):
        check_text("PK\x03\x04\x00\x00 some zip")


def test_invalid_utf8_names_the_byte() -> None:
    with pytest.raises(EncodingError, match="byte 7"):
        decode("caf\u00e9: ".encode() + b"\xff tea")


def test_latin1_file_is_an_encoding_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 au lait is better than tea.".encode("latin-1"))
    with pytest.raises(EncodingError, match=r"latin\.txt"):
        read_text_file(path)


def test_bom_is_dropped() -> None:
    assert decode(b"\xef\xbb\xbfHello there.") == "Hello there."


def test_size_limit_is_enforced_and_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    assert max_chars() == DEFAULT_MAX_CHARS
    monkeypatch.setenv("ARGMINE_MAX_CHARS", "10")
    with pytest.raises(InputTooLargeError, match="ARGMINE_MAX_CHARS"):
        check_text("This sentence is longer than ten characters.")
    assert check_text("Short.") == "Short."
    monkeypatch.setenv("ARGMINE_MAX_CHARS", "ten")
    with pytest.raises(InputError):
        max_chars()


def test_huge_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARGMINE_MAX_CHARS", "100")
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000)
    with pytest.raises(InputTooLargeError, match=r"huge\.txt"):
        read_text_file(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text_file(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="directory"):
        read_text_file(tmp_path)


def test_non_text_objects_are_rejected() -> None:
    with pytest.raises(InputError, match="expected text"):
        check_text(42)


def test_input_errors_are_value_errors() -> None:
    """Callers who catch ValueError for bad arguments keep working."""
    with pytest.raises(ValueError, match="no text"):
        check_text("")
