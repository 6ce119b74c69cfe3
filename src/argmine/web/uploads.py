"""Essays out of what a teacher uploads: pasted text, .txt in common encodings, .docx, .zip.

Each function returns essays or row errors, never raises for bad input: one unreadable file
must not stop the rest of the class. The checks are the ones a server needs against files it
did not write: size before reading, binary content, encodings that cannot be told apart
safely, and, for zips (a .docx is one too), bombs (total size, compression ratio, number of
members), nested zips and member names that climb out of a folder.
"""

from __future__ import annotations

import codecs
import io
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO

import attrs

from argmine.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
)
from argmine.inputs import check_text
from argmine.web.settings import MB, Limits

#: Byte-order marks and the codec each announces (UTF-32 first: its LE mark starts like UTF-16's).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Share of control characters (other than tab, newline, carriage return, form feed) above
#: which a decoded file is taken for binary data.
_CONTROL_SHARE = 0.01
#: Members of zips made on a Mac or by a file manager that are not essays: skipped quietly.
_IGNORED_PARTS = ("__MACOSX",)
ESSAY_SUFFIXES = (".txt", ".docx")
#: The legacy encodings an English .txt file that is not UTF-8 is detected among: Windows
#: "ANSI", old Mac, DOS and ISO Latin-9. Wider detection guesses wrong on short English text
#: (Windows-1252 read as Central European Windows-1250, say).
LEGACY_ENCODINGS = ("cp1252", "mac_roman", "cp850", "iso8859_15")


@attrs.frozen
class Essay:
    """One student's text and the name it came under (file name, or zip path)."""

    name: str
    text: str


@attrs.frozen
class RowError:
    """An input that gives no essay, and why, shown as a row of the class table."""

    name: str
    message: str


Item = Essay | RowError


def _is_control(character: str) -> bool:
    return unicodedata.category(character) == "Cc" and character not in "\t\n\r\f"


def decode_text(data: bytes, *, source: str, limits: Limits) -> str:
    """The text of a .txt file: a BOM's encoding, else UTF-8, else a confident detection
    among :data:`LEGACY_ENCODINGS`.

    Raises an :class:`InputError` for binary data, an encoding no detector is sure of, an
    empty file or one over ``limits.max_chars``.
    """
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data[:8192]:
        raise BinaryInputError(f"{source}: contains NUL bytes; this looks like a binary file")
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError:
        if encoding is not None:
            raise EncodingError(
                f"{source}: not valid {encoding} despite its byte-order mark"
            ) from None
        text = _detected(data, source)
    text = text.removeprefix("\ufeff")
    if text and sum(map(_is_control, text)) > _CONTROL_SHARE * len(text):
        raise BinaryInputError(f"{source}: mostly control characters; this looks like binary")
    return _checked(text, source, limits)


def _detected(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise EncodingError(
            f"{source}: the encoding cannot be told safely; save the file as UTF-8 and upload it"
            " again"
        )
    return str(best)


def _checked(text: str, source: str, limits: Limits) -> str:
    if len(text) > limits.max_chars:
        raise InputTooLargeError(
            f"{source}: {len(text):,} characters is over the limit of {limits.max_chars:,}"
        )
    return check_text(text, source=source)


def _check_archive(archive: zipfile.ZipFile, source: str, limits: Limits) -> None:
    """Refuse a zip whose members would unpack to more than the limits allow."""
    members = archive.infolist()
    total = sum(member.file_size for member in members)
    if total > limits.max_unzipped_bytes:
        raise InputTooLargeError(
            f"{source}: unpacks to {total / MB:.1f} MB, over the limit of "
            f"{limits.max_unzipped_bytes / MB:.0f} MB"
        )
    for member in members:
        _check_ratio(member, source, limits)


def _check_ratio(member: zipfile.ZipInfo, source: str, limits: Limits) -> None:
    if member.file_size > limits.max_zip_ratio * max(member.compress_size, 1):
        raise InputTooLargeError(
            f"{source}: {member.filename} is compressed over {limits.max_zip_ratio:.0f} times; "
            "this looks like a zip bomb"
        )


def docx_text(data: IO[bytes], *, source: str, limits: Limits) -> str:
    """The paragraphs of a Word document, one blank line between them."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(data) as archive:
            _check_archive(archive, source, limits)
        data.seek(0)
        document = docx.Document(data)
    except InputError:
        raise
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError):
        raise InputError(f"{source}: not a readable Word (.docx) document") from None
    paragraphs = (paragraph.text.strip() for paragraph in document.paragraphs)
    text = "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
    if not text:
        raise EmptyInputError(f"{source}: the document has no text")
    return _checked(text, source, limits)


def essay_from_bytes(name: str, data: bytes, limits: Limits) -> Item:
    """An essay from one file's content, by the file name's suffix."""
    suffix = PurePosixPath(name).suffix.lower()
    try:
        if len(data) > limits.max_file_bytes:
            raise InputTooLargeError(
                f"{name}: {len(data) / MB:.1f} MB is over the limit of "
                f"{limits.max_file_bytes / MB:.0f} MB a file"
            )
        if suffix == ".txt":
            return Essay(name, decode_text(data, source=name, limits=limits))
        if suffix == ".docx":
            return Essay(name, docx_text(io.BytesIO(data), source=name, limits=limits))
    except InputError as error:
        return RowError(name, str(error))
    return RowError(name, f"{name}: not a .txt, .docx or .zip file")


def _unsafe_name(name: str) -> bool:
    """A member path that is absolute or climbs out of the folder it is unpacked in."""
    path = PurePosixPath(name.replace("\\", "/"))
    drive = bool(path.parts) and ":" in path.parts[0]
    return path.is_absolute() or ".." in path.parts or drive


def _ignored(member: zipfile.ZipInfo) -> bool:
    parts = PurePosixPath(member.filename).parts
    hidden = any(part.startswith(".") and part not in (".", "..") for part in parts)
    return member.is_dir() or hidden or any(part in _IGNORED_PARTS for part in parts)


def zip_essays(name: str, path: Path, limits: Limits) -> list[Item]:
    """One item per member of a zip of essays; the zip's own problems give one error row."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [member for member in archive.infolist() if not _ignored(member)]
            if len(members) > limits.max_files:
                raise InputTooLargeError(
                    f"{name}: {len(members)} files is over the limit of {limits.max_files}"
                )
            _check_total(members, name, limits)
            return [_member_essay(archive, member, name, limits) for member in members]
    except zipfile.BadZipFile:
        return [RowError(name, f"{name}: not a readable zip file")]
    except InputError as error:
        return [RowError(name, str(error))]


def _check_total(members: list[zipfile.ZipInfo], name: str, limits: Limits) -> None:
    total = sum(member.file_size for member in members)
    if total > limits.max_unzipped_bytes:
        raise InputTooLargeError(
            f"{name}: unpacks to {total / MB:.1f} MB, over the limit of "
            f"{limits.max_unzipped_bytes / MB:.0f} MB"
        )


def _member_essay(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, zip_name: str, limits: Limits
) -> Item:
    name = f"{zip_name}/{member.filename}"
    suffix = PurePosixPath(member.filename).suffix.lower()
    problem = None
    if _unsafe_name(member.filename):
        problem = "the path leaves the zip's folder; not opened"
    elif suffix == ".zip":
        problem = "a zip inside a zip is not opened; upload it on its own"
    elif member.flag_bits & 0x1:
        problem = "the file is encrypted"
    elif suffix not in ESSAY_SUFFIXES:
        problem = "not a .txt or .docx file"
    elif member.file_size > limits.max_file_bytes:
        problem = (
            f"{member.file_size / MB:.1f} MB is over the limit of "
            f"{limits.max_file_bytes / MB:.0f} MB a file"
        )
    if problem is not None:
        return RowError(name, f"{name}: {problem}")
    try:
        _check_ratio(member, name, limits)
        with archive.open(member) as handle:
            # The sizes a zip declares can lie: never read more than the limit allows.
            data = handle.read(limits.max_file_bytes + 1)
    except InputError as error:
        return RowError(name, str(error))
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as error:
        return RowError(name, f"{name}: cannot be unpacked ({error})")
    return essay_from_bytes(name, data, limits)


def pasted_essay(text: str, limits: Limits) -> Item:
    """The essay typed or pasted into the form."""
    name = "pasted text"
    try:
        return Essay(name, _checked(text.replace("\r\n", "\n"), name, limits))
    except InputError as error:
        return RowError(name, str(error))


def capped(items: list[Item], limits: Limits) -> Iterator[Item]:
    """The items, with those past ``limits.max_files`` turned into error rows."""
    for index, item in enumerate(items):
        if index < limits.max_files:
            yield item
        else:
            yield RowError(
                item.name, f"{item.name}: over the limit of {limits.max_files} essays a class"
            )


__all__ = [
    "ESSAY_SUFFIXES",
    "LEGACY_ENCODINGS",
    "Essay",
    "Item",
    "RowError",
    "capped",
    "decode_text",
    "docx_text",
    "essay_from_bytes",
    "pasted_essay",
    "zip_essays",
]
