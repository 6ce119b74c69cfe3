"""A self-contained HTML report: the marked-up text, the map and feedback for the writer.

The page loads nothing: CSS and the SVG map are inline and a Content-Security-Policy forbids
every fetch, so it opens the same offline, from a mail attachment or from a learning platform.
All text goes through Jinja's autoescaping; the SVG comes from Graphviz, which escapes the
labels it draws.

The text is cut at every boundary of a unit or move span; each piece carries the classes of
the spans that cover it (unit role and stance, antecedent, consequent, ...), and badges mark
where units, enumeration items and moves begin.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import jinja2
from markupsafe import Markup

from argmine.export.dot import EDGE_STYLES, to_svg
from argmine.maps import ArgumentMap, feedback
from argmine.types import (
    AnyMove,
    Cause,
    Concession,
    Conditional,
    Contrast,
    Enumeration,
    Span,
)

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("argmine", "resources/report"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


@attrs.frozen
class Badge:
    """A label shown where a unit or move begins."""

    offset: int
    kind: str
    text: str
    reference: str
    detail: str = ""


@attrs.frozen
class Piece:
    """A stretch of text and the classes of every span that covers it."""

    text: str
    classes: tuple[str, ...]


@attrs.frozen
class _Layer:
    span: Span
    css_class: str


def _move_layers(move: AnyMove) -> Iterator[_Layer]:
    yield _Layer(Span(move.start, move.end), f"move-{move.kind.value}")
    if isinstance(move, Enumeration):
        for item in move.items:
            yield _Layer(Span(item.start, item.end), "enumeration-item")
        if move.announced is not None:
            yield _Layer(Span(move.announced.start, move.announced.end), "announcement")
    elif isinstance(move, Conditional):
        yield _Layer(move.antecedent, "antecedent")
        yield _Layer(move.consequent, "consequent")
    elif isinstance(move, Contrast | Concession | Cause):
        for name, span in move.spans():
            if name != "move":
                yield _Layer(span, f"{move.kind.value}-{name}")


def _move_badges(move: AnyMove) -> Iterator[Badge]:
    if isinstance(move, Enumeration):
        for item in move.items:
            yield Badge(item.start, "item", str(item.ordinal), move.id, item.marker)
        if move.announced is not None:
            count = move.announced.count
            yield Badge(move.announced.start, "announcement", f"announces {count}", move.id)
        return
    label = move.kind.value
    if isinstance(move, Conditional):
        label = f"{label}: {move.condition.value}"
    yield Badge(move.start, "move", label, move.id, move.marker)


def _layers_and_badges(argument_map: ArgumentMap) -> tuple[list[_Layer], list[Badge]]:
    layers: list[_Layer] = []
    badges: list[Badge] = []
    for unit in argument_map.units:
        stance = unit.stance.value if unit.stance is not None else "none"
        layers.append(_Layer(Span(unit.start, unit.end), f"unit role-{unit.role.value}"))
        layers.append(_Layer(Span(unit.start, unit.end), f"stance-{stance}"))
        role = unit.role.value.replace("_", " ")
        badges.append(Badge(unit.start, "unit", f"{unit.id} · {role}", unit.id, stance))
    for move in argument_map.analysis.moves:
        layers.extend(_move_layers(move))
        badges.extend(_move_badges(move))
    return layers, badges


def marked_text(argument_map: ArgumentMap) -> list[Piece | Badge]:
    """The text as pieces and badges, in reading order (badges before the text they mark)."""
    text = argument_map.analysis.text
    layers, badges = _layers_and_badges(argument_map)
    cuts = sorted(
        {0, len(text)}
        | {layer.span.start for layer in layers}
        | {layer.span.end for layer in layers}
        | {badge.offset for badge in badges}
    )
    output: list[Piece | Badge] = []
    for start, end in zip(cuts, [*cuts[1:], len(text)], strict=True):
        output.extend(badge for badge in badges if badge.offset == start)
        if start < end:
            classes = tuple(
                dict.fromkeys(
                    layer.css_class
                    for layer in layers
                    if layer.span.start <= start and end <= layer.span.end
                )
            )
            output.append(Piece(text[start:end], classes))
    return output


@attrs.frozen
class EdgeLegend:
    """How the map draws one relation kind, as CSS for the report's legend."""

    kind: str
    color: str
    line: str


def edge_legend() -> list[EdgeLegend]:
    """One legend entry per relation kind, read off the map's Graphviz edge styles."""
    return [
        EdgeLegend(kind.value, style["color"], style.get("style", "solid"))
        for kind, style in EDGE_STYLES.items()
    ]


def _inline_svg(svg: str) -> Markup:
    """The ``<svg>`` element alone (no XML declaration or DOCTYPE, which HTML does not take)."""
    return Markup(svg[svg.index("<svg") :])


def to_html(argument_map: ArgumentMap, *, title: str = "Argument report") -> str:
    """The report as one HTML document (needs Graphviz's ``dot`` for the map)."""
    template = _ENVIRONMENT.get_template("report.html.j2")
    return template.render(
        title=title,
        argument_map=argument_map,
        pieces=marked_text(argument_map),
        svg=_inline_svg(to_svg(argument_map)),
        edge_legend=edge_legend(),
        feedback=feedback(argument_map),
    )


__all__ = ["Badge", "EdgeLegend", "Piece", "edge_legend", "marked_text", "to_html"]
