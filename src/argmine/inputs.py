"""Checks on raw input before any model sees it: empty, binary, non-UTF-8 and oversized text.

The limit on text size keeps one request from exhausting memory in the parser (Stanza keeps
the whole document, its tensors and its parse in memory). Split larger inputs into documents.
"""

from __future__ import annotations

import os
from pathlib import Path

from argmine.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
)

#: Largest text argmine analyses in one call, in characters (override: ``ARGMINE_MAX_CHARS``).
DEFAULT_MAX_CHARS = 1_000_000
_BINARY_PROBE = 8192


def max_chars() -> int:
    """The size limit in force: ``ARGMINE_MAX_CHARS`` when set, else :data:`DEFAULT_MAX_CHARS`."""
    value = os.environ.get("ARGMINE_MAX_CHARS")
    if value is None:
        return DEFAULT_MAX_CHARS
    try:
        limit = int(value)
    except ValueError:
        raise InputError(f"ARGMINE_MAX_CHARS must be an integer, got {value!r}") from None
    if limit <= 0:
        raise InputError(f"ARGMINE_MAX_CHARS must be positive, got {limit}")
    return limit


def check_text(text: object, *, source: str = "input") -> str:
    """Return ``text`` when argmine can analyse it; raise a typed :class:`InputError` if not."""
    if isinstance(text, bytes | bytearray):
        return decode(bytes(text), source=source)
    if not isinstance(text, str):
        raise InputError(f"{source}: expected text (str), got {type(text).__name__}")
    if "\x00" in text[:_BINARY_PROBE]:
        raise BinaryInputError(f"{source}: contains NUL characters; this looks like binary data")
    limit = max_chars()
    if len(text) > limit:
        raise InputTooLargeError(
            f"{source}: {len(text):,} characters is over the limit of {limit:,} "
            "(set ARGMINE_MAX_CHARS to raise it, or split the text)"
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise EncodingError(
            f"{source}: character {error.start} is a lone surrogate, not valid Unicode text"
        ) from None
    if not text.strip():
        raise EmptyInputError(f"{source}: no text to analyse (empty or whitespace only)")
    return text


def decode(data: bytes, *, source: str = "input") -> str:
    """Decode UTF-8 bytes (a BOM is dropped) after the binary and size checks."""
    if b"\x00" in data[:_BINARY_PROBE]:
        raise BinaryInputError(f"{source}: contains NUL bytes; this looks like a binary file")
    _check_byte_size(len(data), source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1]
        raise EncodingError(
            f"{source}: not valid UTF-8 (byte {error.start}: {bad!r}); "
            "convert the file to UTF-8 first"
        ) from None
    return check_text(text, source=source)


def _check_byte_size(size: int, source: str) -> None:
    """Refuse before decoding what cannot fit: UTF-8 takes at most 4 bytes a character."""
    limit = max_chars()
    if size > 4 * limit:
        raise InputTooLargeError(
            f"{source}: {size:,} bytes is over the limit of {limit:,} characters "
            "(set ARGMINE_MAX_CHARS to raise it, or split the text)"
        )


def read_text_file(path: Path | str) -> str:
    """Read a UTF-8 text file for analysis, with every check of :func:`check_text`."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a text file")
        _check_byte_size(size, str(path))
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a text file") from None
    return decode(data, source=str(path))
