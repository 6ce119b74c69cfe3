"""The map drawn with Graphviz: DOT source, and SVG rendered by the ``dot`` program.

Premises sit below what they support (edges point upwards, from source to target). Boxes are
filled by stance (blue: pro, orange: opp), the central claim has a double border, claims a
plain one and premises rounded corners; support is green, attack red, undercut dashed red,
example dotted green and addition grey. Labels show the unit id, role and acceptability,
then the unit's text (wrapped, and cut at :data:`LABEL_CHARACTERS`); the full text is the
node's tooltip.
"""

from __future__ import annotations

import subprocess
import textwrap
import unicodedata
from typing import Any

import graphviz

from argmine.errors import GraphvizNotFoundError, RenderError
from argmine.maps import ArgumentMap
from argmine.types import RelationKind, Stance, UnitRole

LABEL_CHARACTERS = 160
LABEL_WIDTH = 34
_FILL = {Stance.PRO: "#dbeafe", Stance.OPP: "#fde2c8", None: "#f3f4f6"}
_ROLE_STYLE = {
    UnitRole.CENTRAL_CLAIM: {"style": "filled,bold", "peripheries": "2", "penwidth": "2"},
    UnitRole.CLAIM: {"style": "filled"},
    UnitRole.PREMISE: {"style": "filled,rounded"},
}
_EDGE_STYLE: dict[RelationKind, dict[str, str]] = {
    RelationKind.SUPPORT: {"color": "#15803d"},
    RelationKind.EXAMPLE: {"color": "#15803d", "style": "dotted"},
    RelationKind.ADDITION: {"color": "#6b7280"},
    RelationKind.ATTACK: {"color": "#b91c1c"},
    RelationKind.REBUT: {"color": "#b91c1c"},
    RelationKind.UNDERCUT: {"color": "#b91c1c", "style": "dashed"},
    RelationKind.RESTATEMENT: {"color": "#7c3aed", "style": "dashed", "arrowhead": "none"},
}


def _printable(text: str) -> str:
    """One line of text without control characters, which SVG (XML) cannot hold."""
    flat = " ".join(text.split())
    return "".join("\ufffd" if unicodedata.category(char) == "Cc" else char for char in flat)


def _label(*lines: str) -> Any:
    """A Graphviz label of literal lines (no escape sequences, never an HTML label)."""
    return graphviz.nohtml("\\n".join(graphviz.escape(line) for line in lines))


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARACTERS else text[: LABEL_CHARACTERS - 1] + "…"


def map_graph(argument_map: ArgumentMap) -> Any:
    """The map as a :class:`graphviz.Digraph` (nodes ``n1``, ``n2``, ... in unit order)."""
    graph = graphviz.Digraph("argument_map")
    graph.attr(rankdir="BT", nodesep="0.3", ranksep="0.45")
    graph.attr("node", shape="box", fontname="Helvetica", fontsize="10", margin="0.12,0.06")
    graph.attr("edge", fontname="Helvetica", fontsize="9", arrowsize="0.7")
    names = {unit.id: f"n{number}" for number, unit in enumerate(argument_map.units, start=1)}
    for unit in argument_map.units:
        text = _printable(unit.text)
        role = unit.role.value.replace("_", " ")
        header = f"{_printable(unit.id)} · {role} · {argument_map.label(unit.id).value}"
        graph.node(
            names[unit.id],
            _label(header, *textwrap.wrap(_short(text), LABEL_WIDTH)),
            tooltip=_label(text),
            fillcolor=_FILL[unit.stance],
            **{"class": f"unit {unit.role.value} {argument_map.label(unit.id).value}"},
            **_ROLE_STYLE[unit.role],
        )
    for relation in argument_map.relations:
        graph.edge(
            names[relation.source],
            names[relation.target],
            label=relation.kind.value,
            **{"class": f"relation {relation.kind.value}"},
            **_EDGE_STYLE[relation.kind],
        )
    return graph


def to_dot(argument_map: ArgumentMap) -> str:
    """DOT source of the map (needs no Graphviz installation)."""
    source: str = map_graph(argument_map).source
    return source


def to_svg(argument_map: ArgumentMap) -> str:
    """The map rendered to SVG by Graphviz's ``dot``.

    Raises :class:`~argmine.errors.GraphvizNotFoundError` when ``dot`` is not installed.
    """
    try:
        svg: str = map_graph(argument_map).pipe(format="svg", encoding="utf-8")
    except graphviz.ExecutableNotFound:
        raise GraphvizNotFoundError(
            "Graphviz's `dot` program is not installed; it draws SVG maps and HTML reports "
            "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)"
        ) from None
    except subprocess.CalledProcessError as error:
        detail = (error.stderr or b"").decode("utf-8", "replace").strip()
        raise RenderError(f"Graphviz failed to draw the map: {detail}") from None
    return svg


__all__ = ["LABEL_CHARACTERS", "map_graph", "to_dot", "to_svg"]
