"""Stage 1: text → :class:`~argmine.types.ParsedText`, offline by default.

>>> from argmine.parsing import parse
>>> parsed = parse("Taxes should fall. They hurt growth.")   # doctest: +SKIP
>>> [token.lemma for token in parsed.sentences[1].tokens]        # doctest: +SKIP
['they', 'hurt', 'growth', '.']
"""

from __future__ import annotations

from typing import Any

from argmine.inputs import check_text
from argmine.parsing.convert import from_conllu, from_stanza, to_conllu
from argmine.parsing.pipeline import (
    ParserSource,
    bundled_model_dir,
    clear_cache,
    load_pipeline,
    official_models_present,
    resolve_source,
)
from argmine.types import ParsedText


def parse(
    document: str | bytes | Any,
    *,
    parser: ParserSource | None = None,
    allow_download: bool = False,
) -> ParsedText:
    """Parse text (or take an already parsed ``stanza.Document`` / :class:`ParsedText`).

    ``parser`` picks the Stanza models (``"auto"``, ``"bundled"``, ``"official"``; see
    :mod:`argmine.parsing.pipeline`). Raises :class:`~argmine.errors.InputError` for empty,
    binary, non-UTF-8 or oversized input and :class:`~argmine.errors.ModelError` when the
    models cannot be loaded.
    """
    if isinstance(document, ParsedText):
        return document
    if not isinstance(document, str | bytes | bytearray) and hasattr(document, "sentences"):
        return from_stanza(document)
    text = check_text(document)
    pipeline = load_pipeline(parser, allow_download=allow_download)
    return from_stanza(pipeline(text))


__all__ = [
    "ParserSource",
    "bundled_model_dir",
    "clear_cache",
    "from_conllu",
    "from_stanza",
    "load_pipeline",
    "official_models_present",
    "parse",
    "resolve_source",
    "to_conllu",
]
