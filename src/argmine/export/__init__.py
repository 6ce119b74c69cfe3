"""Argument maps out to files, and back in: argmine/1 JSON, AIF, Argdown, DOT, SVG, HTML.

Each format is one pure function from an :class:`~argmine.maps.ArgumentMap` to text;
:func:`export` picks one by name, as the command line does. :func:`read_map` reads an
argmine/1 or AIF JSON document back into a map.

>>> from argmine.export import ExportFormat, export
>>> export(argument_map, ExportFormat.ARGDOWN, timestamp=datetime.now())  # doctest: +SKIP
"""

from __future__ import annotations

import enum
import json
from datetime import datetime
from typing import Any

from argmine import serialize
from argmine.errors import InvalidDocumentError
from argmine.export.aif import aif_graph, from_aif, to_aif
from argmine.export.argdown import (
    ArgdownDocument,
    ArgdownRelation,
    ArgdownRelationKind,
    ArgdownStatement,
    argdown_document,
    parse_argdown,
    to_argdown,
)
from argmine.export.dot import map_graph, to_dot, to_svg
from argmine.export.report import to_html
from argmine.maps import ArgumentMap


class ExportFormat(enum.StrEnum):
    JSON = "json"
    AIF = "aif"
    ARGDOWN = "argdown"
    DOT = "dot"
    SVG = "svg"
    HTML = "html"


def to_json(argument_map: ArgumentMap) -> str:
    """The map's analysis as argmine/1 JSON, exactly as ``argmine analyze`` prints it."""
    return serialize.to_json(argument_map.analysis)


def from_json(text: str | bytes) -> ArgumentMap:
    """The map of an argmine/1 JSON document."""
    return ArgumentMap.from_analysis(serialize.from_json(text))


def export(argument_map: ArgumentMap, output_format: ExportFormat, *, timestamp: datetime) -> str:
    """The map in ``output_format``; ``timestamp`` (the time of export) goes on AIF nodes."""
    if output_format is ExportFormat.AIF:
        return to_aif(argument_map, timestamp=timestamp)
    writers = {
        ExportFormat.JSON: to_json,
        ExportFormat.ARGDOWN: to_argdown,
        ExportFormat.DOT: to_dot,
        ExportFormat.SVG: to_svg,
        ExportFormat.HTML: to_html,
    }
    return writers[output_format](argument_map)


def read_map(text: str | bytes) -> ArgumentMap:
    """Read a saved map: an argmine/1 document, or an AIF graph (``nodes`` and ``edges``)."""
    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise InvalidDocumentError(f"not JSON: {error}") from None
    if isinstance(data, dict) and "schema" not in data and "nodes" in data:
        return from_aif(data)
    return ArgumentMap.from_analysis(serialize.from_dict(data))


__all__ = [
    "ArgdownDocument",
    "ArgdownRelation",
    "ArgdownRelationKind",
    "ArgdownStatement",
    "ExportFormat",
    "aif_graph",
    "argdown_document",
    "export",
    "from_aif",
    "from_json",
    "map_graph",
    "parse_argdown",
    "read_map",
    "to_aif",
    "to_argdown",
    "to_dot",
    "to_html",
    "to_json",
    "to_svg",
]
