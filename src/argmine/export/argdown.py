"""Argdown text: one statement per unit, its incoming relations indented below it.

::

    [u1]: Our city should make public transit free. #central-claim #pro
      <+ [u2]
      <- [u7]

    [u2]: Free fares would take pressure off families. #premise #pro

Argdown has two relations between statements: support (``<+``) and attack (``<-``). Example
and addition are written as support, rebut and undercut as attack (an Argdown undercut
targets an argument's inference, and a statement map has none). A restatement is Argdown's
equivalence: statements with one title are one equivalence class, so a unit takes the title
of the first unit (in text order) of those it restates or that restate it, and the class's
relations are written once, under its first statement::

    [u1]: Our city should make public transit free. #central-claim #pro
      <+ [u2]

    [u1]: So let us make the buses free. #claim #pro

A class's relations to itself come first among its incoming relations (the reference parser
needs that; see ``_incoming``). Titles are unit ids where they are plain words, ``unit N``
otherwise. Statement text is collapsed to one line and every character with a meaning in
Argdown is escaped with a backslash, so the text reads back as written. :func:`parse_argdown`
reads this subset of Argdown back.
"""

from __future__ import annotations

import enum
import re

import attrs

from argmine.errors import InvalidDocumentError
from argmine.maps import ArgumentMap
from argmine.types import ArgumentUnit, RelationKind

_PLAIN_TITLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*", re.ASCII)
# Always special in Argdown text: escapes, mentions, tags, emphasis, titles, argument titles,
# comments, YAML data and front matter.
_ALWAYS_ESCAPED = frozenset("\\@#*_[]<>/{}=")
# "." and ":" open special characters (".name." and ":name:") only before a non-space.
_ESCAPED_BEFORE_TEXT = frozenset(".:")


class ArgdownRelationKind(enum.StrEnum):
    SUPPORT = "+"
    ATTACK = "-"


@attrs.frozen
class ArgdownStatement:
    """A statement; statements sharing a title are one equivalence class (restatements)."""

    title: str
    text: str
    tags: tuple[str, ...] = ()


@attrs.frozen
class ArgdownRelation:
    """``source`` supports or attacks ``target`` (both statement titles)."""

    source: str
    target: str
    kind: ArgdownRelationKind


@attrs.frozen
class ArgdownDocument:
    statements: tuple[ArgdownStatement, ...]
    relations: tuple[ArgdownRelation, ...]


def _title(unit: ArgumentUnit, number: int) -> str:
    return unit.id if _PLAIN_TITLE.fullmatch(unit.id) else f"unit {number}"


def _tag(value: str) -> str:
    return value.replace("_", "-")


def _class_titles(argument_map: ArgumentMap) -> dict[str, str]:
    """Each unit's title: that of the first unit (in text order) of its restatement class."""
    titles = {unit.id: _title(unit, n) for n, unit in enumerate(argument_map.units, start=1)}
    order = {unit.id: index for index, unit in enumerate(argument_map.units)}

    def first(unit: ArgumentUnit) -> ArgumentUnit:
        return min((unit, *argument_map.restatements(unit.id)), key=lambda u: order[u.id])

    return {unit.id: titles[first(unit).id] for unit in argument_map.units}


def _incoming(
    argument_map: ArgumentMap, titles: dict[str, str], title: str
) -> list[ArgdownRelation]:
    """The relations into the class ``title`` (restatements are the class itself), those from
    the class itself first.

    @argdown/core (2.0.1) drops a statement's support or attack of itself when a support or
    attack (the same one) from another statement stands above it: its duplicate check takes
    "a attacks a" for a repeat of "b attacks a". Written first, self-relations survive.
    """
    incoming = [
        ArgdownRelation(
            titles[relation.source],
            title,
            ArgdownRelationKind.ATTACK if relation.kind.is_attack else ArgdownRelationKind.SUPPORT,
        )
        for relation in argument_map.relations
        if titles[relation.target] == title and relation.kind is not RelationKind.RESTATEMENT
    ]
    return sorted(incoming, key=lambda relation: relation.source != title)


def argdown_document(argument_map: ArgumentMap) -> ArgdownDocument:
    """The statements and relations :func:`to_argdown` writes, in the order it writes them."""
    titles = _class_titles(argument_map)
    statements = tuple(
        ArgdownStatement(
            titles[unit.id],
            " ".join(unit.text.split()),
            (_tag(unit.role.value),) + (() if unit.stance is None else (unit.stance.value,)),
        )
        for unit in argument_map.units
    )
    relations = tuple(
        relation
        for title in dict.fromkeys(titles.values())
        for relation in _incoming(argument_map, titles, title)
    )
    return ArgdownDocument(statements, relations)


def escape(text: str) -> str:
    """Backslash every character that Argdown would read as syntax."""
    escaped = []
    for index, char in enumerate(text):
        following = text[index + 1 : index + 2]
        special = char in _ALWAYS_ESCAPED or (
            char in _ESCAPED_BEFORE_TEXT and following != "" and not following.isspace()
        )
        escaped.append("\\" + char if special else char)
    return "".join(escaped)


def format_argdown(document: ArgdownDocument) -> str:
    """Write an :class:`ArgdownDocument` as Argdown text."""
    blocks = []
    written: set[str] = set()
    for statement in document.statements:
        tags = "".join(f" #{tag}" for tag in statement.tags)
        head = f"[{statement.title}]"
        if statement.text or tags:
            head += f": {escape(statement.text)}{tags}"
        lines = [head]
        if statement.title not in written:  # a class's relations go under its first statement
            lines.extend(
                f"  <{relation.kind.value} [{relation.source}]"
                for relation in document.relations
                if relation.target == statement.title
            )
            written.add(statement.title)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def to_argdown(argument_map: ArgumentMap) -> str:
    """The map as Argdown text."""
    return format_argdown(argdown_document(argument_map))


_DEFINITION = re.compile(r"\[(?P<title>[^\]\n]+)\](?::[ ]?(?P<body>.*))?")
_RELATION = re.compile(r"[ ]+<(?P<kind>[+-]) \[(?P<title>[^\]\n]+)\]")
_TRAILING_TAG = re.compile(r"(?: |^)#(?P<tag>[A-Za-z0-9-]+)$")


def _split_tags(body: str) -> tuple[str, tuple[str, ...]]:
    tags: list[str] = []
    while match := _TRAILING_TAG.search(body):
        tags.insert(0, match["tag"])
        body = body[: match.start()]
    return body, tuple(tags)


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def parse_argdown(text: str) -> ArgdownDocument:
    """Read the Argdown subset :func:`to_argdown` writes: definitions and ``<+``/``<-`` lines.

    Each relation line belongs to the statement above it, which it supports or attacks.
    """
    statements: list[ArgdownStatement] = []
    relations: list[ArgdownRelation] = []
    current: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        if relation := _RELATION.fullmatch(line):
            if current is None:
                raise InvalidDocumentError(f"argdown line {number}: relation before a statement")
            kind = ArgdownRelationKind(relation["kind"])
            relations.append(ArgdownRelation(relation["title"], current, kind))
        elif definition := _DEFINITION.fullmatch(line):
            body, tags = _split_tags(definition["body"] or "")
            current = definition["title"]
            statements.append(ArgdownStatement(current, _unescape(body), tags))
        else:
            raise InvalidDocumentError(f"argdown line {number}: not a statement or relation")
    return ArgdownDocument(tuple(statements), tuple(relations))


__all__ = [
    "ArgdownDocument",
    "ArgdownRelation",
    "ArgdownRelationKind",
    "ArgdownStatement",
    "argdown_document",
    "escape",
    "format_argdown",
    "parse_argdown",
    "to_argdown",
]
