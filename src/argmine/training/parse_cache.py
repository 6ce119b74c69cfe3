"""Parses of corpus texts, cached as argmine/1 JSON so that training and evaluation parse
each text once.

The cache lives under :func:`argmine.paths.cache_dir` (``$ARGMINE_HOME/cache``) unless a caller
passes ``cache_dir``: ``parses/<parser>-<model hash>/<text hash>.json``, so a retrained parser
never reuses the parses of the old one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from argmine import paths
from argmine.errors import InvalidDocumentError
from argmine.files import atomic_file
from argmine.parsing import ParserSource, parse
from argmine.parsing.pipeline import bundled_model_dir, resolve_source, stanza_resources_dir
from argmine.serialize import from_json, to_json
from argmine.types import Analysis, ParsedText

__all__ = ["cache_folder", "parse_cached"]


def _model_fingerprint(source: str) -> str:
    """A hash of the parser's model files, so that a retrained model never reuses parses."""
    digest = hashlib.sha256(source.encode())
    directory = bundled_model_dir() / "en" if source == "bundled" else stanza_resources_dir()
    files = sorted(directory.glob("*.pt")) if source == "bundled" else []
    if source != "bundled":
        files = [*sorted((directory / "en").glob("*/*.pt")), directory / "resources.json"]
    for file in files:
        if file.is_file():
            digest.update(file.name.encode())
            with file.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()[:16]


def cache_folder(cache_dir: Path | str | None, parser: ParserSource | None) -> Path:
    """Where parses by ``parser``'s current model files are cached (a retrained model gets a
    fresh folder)."""
    source = resolve_source(parser)
    base = Path(cache_dir) if cache_dir is not None else paths.cache_dir()
    return base / "parses" / f"{source}-{_model_fingerprint(source)}"


def parse_cached(
    text: str,
    *,
    parser: ParserSource | None = "bundled",
    cache_dir: Path | str | None = None,
    folder: Path | None = None,
) -> ParsedText:
    """Parse ``text`` with the chosen Stanza models, or read the cached parse.

    A damaged cache file is parsed again and overwritten.
    """
    where = folder if folder is not None else cache_folder(cache_dir, parser)
    path = where / f"{hashlib.sha256(text.encode()).hexdigest()}.json"
    if path.is_file():
        try:
            cached = from_json(path.read_text(encoding="utf-8")).parsed
        except (InvalidDocumentError, OSError, UnicodeDecodeError):
            cached = None
        if cached is not None and cached.text == text:
            return cached
    parsed = parse(text, parser=parser)
    with atomic_file(path) as temporary:
        temporary.write_text(to_json(Analysis.from_parsed(parsed)), encoding="utf-8")
    return parsed
