"""JSON for the data model: the versioned ``argmine/1`` schema, round-tripping exactly.

>>> from argmine.types import Analysis
>>> analysis = Analysis("Yes.", [])
>>> from_json(to_json(analysis)) == analysis
True
"""

from __future__ import annotations

import enum
import json
from importlib import resources
from typing import Any

import cattrs
from cattrs.gen import make_dict_unstructure_fn

from argmine.errors import InvalidDocumentError
from argmine.types import (
    MOVE_TYPES,
    SCHEMA,
    Analysis,
    AnyMove,
    Move,
    MoveKind,
)

converter = cattrs.Converter(forbid_extra_keys=True)


def _strict(expected: type, accepted: tuple[type, ...]) -> Any:
    """JSON scalars are taken as they are: ``"3"`` is no int and ``3`` is no string."""

    def structure(value: Any, _type: Any) -> Any:
        if not isinstance(value, accepted) or isinstance(value, bool) is not (expected is bool):
            raise InvalidDocumentError(f"expected {expected.__name__}, got {value!r}")
        return expected(value)

    return structure


def _strict_enum(value: Any, enum_type: type[enum.StrEnum]) -> enum.StrEnum:
    try:
        return enum_type(value)
    except (ValueError, TypeError):
        allowed = ", ".join(member.value for member in enum_type)
        raise InvalidDocumentError(f"expected one of {allowed}; got {value!r}") from None


# Registered for StrEnum so that it wins over the str hook below (StrEnum is a str subclass).
converter.register_structure_hook(enum.StrEnum, _strict_enum)
for _scalar, _accepted in ((str, (str,)), (int, (int,)), (float, (int, float)), (bool, (bool,))):
    converter.register_structure_hook(_scalar, _strict(_scalar, _accepted))


def _unstructure_move(move: Move) -> dict[str, Any]:
    fields = _move_unstructurers[type(move)](move)
    ordered = {key: fields.pop(key) for key in ("id",)}
    ordered["kind"] = move.kind.value
    ordered.update(fields)
    return ordered


def _structure_move(data: Any, _type: Any) -> Move:
    if not isinstance(data, dict) or "kind" not in data:
        raise InvalidDocumentError(f"a move must be an object with a 'kind', got {data!r}")
    try:
        move_type = MOVE_TYPES[MoveKind(data["kind"])]
    except ValueError:
        raise InvalidDocumentError(f"unknown move kind {data['kind']!r}") from None
    fields = {key: value for key, value in data.items() if key != "kind"}
    return converter.structure(fields, move_type)


_move_unstructurers = {
    move_type: make_dict_unstructure_fn(move_type, converter) for move_type in MOVE_TYPES.values()
}
for _move_type in MOVE_TYPES.values():
    converter.register_unstructure_hook(_move_type, _unstructure_move)
converter.register_structure_hook(AnyMove, _structure_move)


def _unstructure_analysis(analysis: Analysis) -> dict[str, Any]:
    return {
        "schema": analysis.schema,
        "text": analysis.text,
        "sentences": converter.unstructure(analysis.sentences),
        "units": converter.unstructure(analysis.units),
        "relations": converter.unstructure(analysis.relations),
        "moves": [converter.unstructure(move) for move in analysis.moves],
        **({} if analysis.layout is None else {"layout": converter.unstructure(analysis.layout)}),
    }


converter.register_unstructure_hook(Analysis, _unstructure_analysis)


def to_dict(analysis: Analysis) -> dict[str, Any]:
    """The analysis as plain JSON-ready data (``argmine/1``)."""
    return converter.unstructure(analysis)  # type: ignore[no-any-return]


def from_dict(data: Any) -> Analysis:
    """Rebuild an :class:`Analysis` from ``argmine/1`` data, validating it on the way."""
    if not isinstance(data, dict):
        raise InvalidDocumentError("an argmine document must be a JSON object")
    if data.get("schema") != SCHEMA:
        raise InvalidDocumentError(
            f"unsupported schema {data.get('schema')!r}; this argmine reads {SCHEMA!r}"
        )
    try:
        return converter.structure(data, Analysis)
    except InvalidDocumentError:
        raise
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as error:
        raise InvalidDocumentError(f"not a valid {SCHEMA} document: {_describe(error)}") from None


def _describe(error: BaseException) -> str:
    if isinstance(error, cattrs.BaseValidationError):
        messages = cattrs.transform_error(error)
        nested = [e for e in error.exceptions if isinstance(e, InvalidDocumentError)]
        return str(nested[0]) if nested else "; ".join(messages[:3])
    return str(error)


def to_json(analysis: Analysis, *, indent: int | None = None) -> str:
    """Serialise to ``argmine/1`` JSON (UTF-8 text, non-ASCII kept as is)."""
    return json.dumps(to_dict(analysis), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes) -> Analysis:
    """Parse ``argmine/1`` JSON back into an :class:`Analysis`."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:  # JSONDecodeError, bad UTF-8, huge ints
        raise InvalidDocumentError(f"not JSON: {error}") from None
    return from_dict(data)


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``argmine/1`` documents, as shipped in the package."""
    text = resources.files("argmine.resources").joinpath("argmine-1.schema.json").read_text()
    return json.loads(text)  # type: ignore[no-any-return]


__all__ = ["converter", "from_dict", "from_json", "json_schema", "to_dict", "to_json"]
