"""AIF JSON, as AIFdb and OVA exchange it, and back.

Units become I-nodes; every relation becomes one scheme node between its two units: an
RA-node ("Default Inference", or "Example" for an example) for support, example and addition,
a CA-node ("Default Conflict") for attack, rebut and undercut, an MA-node ("Default
Rephrase") for a restatement. Edges run premise (or restating unit) → scheme node →
conclusion (or restated unit). An undercut denies an inference, so when the unit it names
has exactly one other outgoing relation (a restatement is no inference) its CA-node points at
that relation's scheme node, as AIF draws undercuts; otherwise it points at the unit.

AIF has no room for character spans, roles or stance, so each node also carries an
``"argmine"`` object (and the document the text), which AIF readers ignore and
:func:`from_aif` reads back. Node and edge ids are decimal strings, timestamps
``YYYY-MM-DD HH:MM:SS``, as AIFdb writes them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from argmine.errors import InvalidDocumentError
from argmine.maps import ArgumentMap
from argmine.types import (
    SCHEMA,
    Analysis,
    ArgumentUnit,
    Relation,
    RelationKind,
    Stance,
    UnitRole,
)

TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"
DEFAULT_INFERENCE = "Default Inference"
DEFAULT_CONFLICT = "Default Conflict"
DEFAULT_REPHRASE = "Default Rephrase"
_SCHEME_NAMES = {RelationKind.EXAMPLE: "Example", RelationKind.RESTATEMENT: DEFAULT_REPHRASE}
# Scheme node types: inference (RA), conflict (CA) and rephrase (MA).
_SCHEME_TYPES = ("RA", "CA", "MA")
# AIF node types argmine has no counterpart for: preference and dialogue nodes.
_IGNORED_TYPES = frozenset({"PA", "L", "TA", "YA", ""})


def _scheme_node_type(kind: RelationKind) -> str:
    if kind is RelationKind.RESTATEMENT:
        return "MA"
    return "CA" if kind.is_attack else "RA"


def _scheme_name(kind: RelationKind) -> str:
    return _SCHEME_NAMES.get(kind, DEFAULT_CONFLICT if kind.is_attack else DEFAULT_INFERENCE)


def aif_graph(argument_map: ArgumentMap, *, timestamp: datetime) -> dict[str, Any]:
    """The map as an AIF graph (``nodes``, ``edges``, ``locutions``), ready for ``json.dumps``.

    ``timestamp`` is written on every node (AIF requires one); pass the time of export.
    """
    stamp = timestamp.strftime(TIMESTAMP_FORMAT)
    units, relations = argument_map.units, argument_map.relations
    unit_node = {unit.id: str(number) for number, unit in enumerate(units, start=1)}
    scheme_node = {
        relation.id: str(number) for number, relation in enumerate(relations, start=len(units) + 1)
    }
    nodes: list[dict[str, Any]] = [
        {
            "nodeID": unit_node[unit.id],
            "text": unit.text,
            "type": "I",
            "timestamp": stamp,
            "argmine": {
                "id": unit.id,
                "start": unit.start,
                "end": unit.end,
                "role": unit.role.value,
                "stance": None if unit.stance is None else unit.stance.value,
                "confidence": unit.confidence,
            },
        }
        for unit in units
    ]
    nodes.extend(
        {
            "nodeID": scheme_node[relation.id],
            "text": _scheme_name(relation.kind),
            "type": _scheme_node_type(relation.kind),
            "timestamp": stamp,
            "argmine": {
                "id": relation.id,
                "kind": relation.kind.value,
                "confidence": relation.confidence,
            },
        }
        for relation in relations
    )
    links: list[tuple[str, str]] = []
    for relation in relations:
        target = unit_node[relation.target]
        if relation.kind is RelationKind.UNDERCUT:
            denied = [
                r
                for r in argument_map.outgoing(relation.target)
                if r.id != relation.id and r.kind is not RelationKind.RESTATEMENT
            ]
            if len(denied) == 1:
                target = scheme_node[denied[0].id]
        links.append((unit_node[relation.source], scheme_node[relation.id]))
        links.append((scheme_node[relation.id], target))
    edges = [
        {"edgeID": str(number), "fromID": source, "toID": target, "formEdgeID": None}
        for number, (source, target) in enumerate(links, start=1)
    ]
    return {
        "nodes": nodes,
        "edges": edges,
        "locutions": [],
        "argmine": {"schema": SCHEMA, "text": argument_map.analysis.text},
    }


def to_aif(argument_map: ArgumentMap, *, timestamp: datetime) -> str:
    """AIF JSON text of the map (see :func:`aif_graph`)."""
    return json.dumps(aif_graph(argument_map, timestamp=timestamp), ensure_ascii=False, indent=2)


def _field(container: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = container.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise InvalidDocumentError(f"AIF: {key!r} must be {_type_names(kind)}, got {value!r}")
    return value


def _type_names(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)


def _load(document: str | bytes | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(document, Mapping):
        return document
    try:
        data = json.loads(document)
    except (ValueError, RecursionError) as error:
        raise InvalidDocumentError(f"AIF: not JSON: {error}") from None
    if not isinstance(data, dict):
        raise InvalidDocumentError("AIF: the document must be a JSON object")
    return data


def from_aif(document: str | bytes | Mapping[str, Any]) -> ArgumentMap:
    """Read AIF JSON (or its parsed object) back into an :class:`ArgumentMap`.

    A graph that argmine wrote comes back with its ids, spans, roles, stances, relation
    kinds and text. Any other AIF graph (AIFdb, OVA) is read as far as AIF goes: I-nodes
    become units over a text that joins their texts with blank lines, RA-nodes support,
    CA-nodes attack (undercut when they point at a scheme node), MA-nodes restate; other node
    types are skipped.
    """
    data = _load(document)
    raw_nodes = _field(data, "nodes", list)
    raw_edges = _field(data, "edges", list)
    extension = data.get("argmine")
    text = extension.get("text") if isinstance(extension, dict) else None
    nodes: dict[str, Mapping[str, Any]] = {}
    for node in raw_nodes:
        if not isinstance(node, dict):
            raise InvalidDocumentError(f"AIF: a node must be an object, got {node!r}")
        node_id = str(_field(node, "nodeID", (str, int)))
        _field(node, "type", str)
        nodes[node_id] = node
    atoms = [node_id for node_id, node in nodes.items() if node["type"] == "I"]
    schemes = [node_id for node_id, node in nodes.items() if node["type"] in _SCHEME_TYPES]
    unknown = {node["type"] for node in nodes.values()} - {"I", *_SCHEME_TYPES} - _IGNORED_TYPES
    if unknown:
        raise InvalidDocumentError(f"AIF: unknown node types {sorted(unknown)}")
    incoming: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    outgoing: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    for edge in raw_edges:
        if not isinstance(edge, dict):
            raise InvalidDocumentError(f"AIF: an edge must be an object, got {edge!r}")
        source = str(_field(edge, "fromID", (str, int)))
        target = str(_field(edge, "toID", (str, int)))
        if source not in nodes or target not in nodes:
            raise InvalidDocumentError(f"AIF: edge {edge.get('edgeID')!r} names an unknown node")
        outgoing[source].append(target)
        incoming[target].append(source)
    if isinstance(text, str):
        units = {node_id: _stored_unit(nodes[node_id]) for node_id in atoms}
    else:
        text, units = _laid_out_units(nodes, atoms, outgoing)
    relations: list[Relation] = []
    for number, node_id in enumerate(schemes, start=1):
        premises = [n for n in incoming[node_id] if n in units]
        conclusions = [n for n in outgoing[node_id] if n in units or n in schemes]
        for premise in premises:
            for conclusion in conclusions:
                relations.append(
                    _relation(nodes, units, incoming, node_id, premise, conclusion, number)
                )
    if len({relation.id for relation in relations}) != len(relations):
        relations = [
            Relation(f"r{number}", r.source, r.target, r.kind, r.confidence)
            for number, r in enumerate(relations, start=1)
        ]
    analysis = Analysis(text, (), tuple(units.values()), tuple(relations))
    return ArgumentMap.from_analysis(analysis)


def _stored_unit(node: Mapping[str, Any]) -> ArgumentUnit:
    stored = _field(node, "argmine", dict)
    stance = stored.get("stance")
    try:
        return ArgumentUnit(
            _field(stored, "id", str),
            _field(stored, "start", int),
            _field(stored, "end", int),
            _field(node, "text", str),
            UnitRole(_field(stored, "role", str)),
            None if stance is None else Stance(stance),
            _field(stored, "confidence", (int, float)),
        )
    except ValueError as error:
        raise InvalidDocumentError(f"AIF: node {node['nodeID']!r}: {error}") from None


def _laid_out_units(
    nodes: Mapping[str, Mapping[str, Any]], atoms: list[str], outgoing: Mapping[str, list[str]]
) -> tuple[str, dict[str, ArgumentUnit]]:
    """Units of a foreign AIF graph over a text made of the I-node texts, in order."""
    pieces: list[str] = []
    units: dict[str, ArgumentUnit] = {}
    offset = 0
    for number, node_id in enumerate(atoms, start=1):
        statement = " ".join(str(_field(nodes[node_id], "text", str)).split())
        concludes = any(nodes[target]["type"] in ("RA", "CA") for target in outgoing[node_id])
        role = UnitRole.PREMISE if concludes else UnitRole.CLAIM
        units[node_id] = ArgumentUnit(
            f"u{number}", offset, offset + len(statement), statement, role, None, 1.0
        )
        pieces.append(statement)
        offset += len(statement) + 2
    return "\n\n".join(pieces), units


def _relation(
    nodes: Mapping[str, Mapping[str, Any]],
    units: Mapping[str, ArgumentUnit],
    incoming: Mapping[str, list[str]],
    scheme: str,
    premise: str,
    conclusion: str,
    number: int,
) -> Relation:
    node = nodes[scheme]
    target_node = conclusion
    if conclusion not in units:  # an undercut: the premise of the inference it denies
        denied = [n for n in incoming.get(conclusion, []) if n in units]
        if len(denied) != 1:
            raise InvalidDocumentError(
                f"AIF: scheme node {scheme!r} points at {conclusion!r}, which has "
                f"{len(denied)} premises; argmine needs exactly one"
            )
        target_node = denied[0]
    stored = node.get("argmine")
    if isinstance(stored, dict):
        try:
            kind = RelationKind(_field(stored, "kind", str))
        except ValueError as error:
            raise InvalidDocumentError(f"AIF: node {scheme!r}: {error}") from None
        relation_id = _field(stored, "id", str)
        confidence = _field(stored, "confidence", (int, float))
    else:
        kind = _foreign_kind(node, undercut=conclusion not in units)
        relation_id, confidence = f"r{number}", 1.0
    return Relation(relation_id, units[premise].id, units[target_node].id, kind, confidence)


def _foreign_kind(node: Mapping[str, Any], *, undercut: bool) -> RelationKind:
    if node["type"] == "MA":
        return RelationKind.RESTATEMENT
    if node["type"] == "CA":
        return RelationKind.UNDERCUT if undercut else RelationKind.ATTACK
    scheme = node.get("scheme", node.get("text"))
    return RelationKind.EXAMPLE if scheme == "Example" else RelationKind.SUPPORT


__all__ = ["aif_graph", "from_aif", "to_aif"]
