"""argmine: argument mining and discourse structure for English argumentative text.

>>> import argmine
>>> analysis = argmine.analyze("Cities should ban cars. Streets would be safer.")  # doctest: +SKIP
>>> argmine.to_json(analysis)  # doctest: +SKIP
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from argmine.batch import analyze_many
from argmine.errors import (
    ArgmineError,
    CorpusError,
    InputError,
    InvalidDocumentError,
    ModelError,
)
from argmine.integrations import analyze_doc
from argmine.maps import ArgumentMap
from argmine.parsing import from_conllu, from_stanza, parse, to_conllu
from argmine.pipeline import analyze, analyze_parsed
from argmine.serialize import from_json, to_json
from argmine.types import Analysis, ParsedText

try:
    __version__ = version("argmine")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"

__all__ = [
    "Analysis",
    "ArgmineError",
    "ArgumentMap",
    "CorpusError",
    "InputError",
    "InvalidDocumentError",
    "ModelError",
    "ParsedText",
    "__version__",
    "analyze",
    "analyze_doc",
    "analyze_many",
    "analyze_parsed",
    "from_conllu",
    "from_json",
    "from_stanza",
    "parse",
    "to_conllu",
    "to_json",
]
