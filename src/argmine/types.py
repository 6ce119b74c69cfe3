"""argmine's data model: small frozen value types that every stage reads and writes.

All offsets are character offsets into the analysed text, ``end`` exclusive. Objects check
themselves at construction; an :class:`Analysis` also checks that every span lies inside its
text and that every id resolves, so a value that exists is a valid one.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar, Literal

import attrs

from argmine.errors import InvalidDocumentError

SCHEMA = "argmine/1"


def _token_tuple(tokens: Iterable[Token]) -> tuple[Token, ...]:
    return tuple(tokens)


def _sentence_tuple(sentences: Iterable[Sentence]) -> tuple[Sentence, ...]:
    return tuple(sentences)


def _unit_tuple(units: Iterable[ArgumentUnit]) -> tuple[ArgumentUnit, ...]:
    return tuple(units)


def _relation_tuple(relations: Iterable[Relation]) -> tuple[Relation, ...]:
    return tuple(relations)


def _move_tuple(moves: Iterable[AnyMove]) -> tuple[AnyMove, ...]:
    return tuple(moves)


def _item_tuple(items: Iterable[EnumerationItem]) -> tuple[EnumerationItem, ...]:
    return tuple(items)


def _non_negative(name: str, value: int) -> None:
    if value < 0:
        raise InvalidDocumentError(f"{name} must not be negative, got {value}")


def _check_span(instance: Any, _attribute: Any, _value: Any) -> None:
    if not 0 <= instance.start <= instance.end:
        raise InvalidDocumentError(
            f"{type(instance).__name__}: span [{instance.start}, {instance.end}) is not ordered"
        )


@attrs.frozen
class Span:
    """A character span ``[start, end)`` of the text."""

    start: int
    end: int = attrs.field(validator=_check_span)


@attrs.frozen
class Token:
    """One syntactic word with its Stanza annotations.

    ``text`` is the word form. It equals ``text[start:end]`` of the document except inside
    multi-word tokens whose parts are not substrings ("wanna" = "wan" + "na" is fine, but
    "won't" = "wo" + "n't" vs "will" + "not" is not): such words span their whole token.
    ``head`` is the 1-based index of the head word within the sentence, 0 for the root.
    """

    start: int
    end: int = attrs.field(validator=_check_span)
    text: str
    lemma: str
    upos: str
    feats: str | None
    head: int = attrs.field(validator=lambda _i, _a, head: _non_negative("head", head))
    deprel: str

    @property
    def features(self) -> dict[str, str]:
        """The UD morphological features as a mapping (``{"Number": "Sing", ...}``)."""
        if not self.feats:
            return {}
        return dict(item.split("=", 1) for item in self.feats.split("|") if "=" in item)


def _check_sentence(instance: Sentence, _attribute: Any, tokens: tuple[Token, ...]) -> None:
    previous = Span(instance.start, instance.start)
    for index, token in enumerate(tokens, start=1):
        # Words of one multi-word token may share its span; other words must not overlap.
        shares_token = (token.start, token.end) == (previous.start, previous.end)
        if (token.start < previous.end and not shares_token) or token.end > instance.end:
            raise InvalidDocumentError(
                f"token {index} {token.text!r} [{token.start}, {token.end}) is out of order or "
                f"outside its sentence [{instance.start}, {instance.end})"
            )
        previous = Span(token.start, token.end)
        if token.head > len(tokens):
            raise InvalidDocumentError(f"token {index} has head {token.head} > {len(tokens)}")
    _check_tree(tokens)


def _check_tree(tokens: tuple[Token, ...]) -> None:
    if not tokens:
        return
    roots = [i for i, token in enumerate(tokens, start=1) if token.head == 0]
    if len(roots) != 1:
        raise InvalidDocumentError(f"a sentence must have exactly one root, found {len(roots)}")
    for index in range(1, len(tokens) + 1):
        seen = set()
        node = index
        while node != 0:
            if node in seen:
                raise InvalidDocumentError(f"the heads of token {index} form a cycle")
            seen.add(node)
            node = tokens[node - 1].head


@attrs.frozen
class Sentence:
    """A sentence span and its words; the heads form one tree."""

    start: int
    end: int = attrs.field(validator=_check_span)
    tokens: tuple[Token, ...] = attrs.field(converter=_token_tuple, validator=_check_sentence)

    def head_of(self, token: Token) -> Token | None:
        """The head word of ``token`` (None for the root)."""
        return self.tokens[token.head - 1] if token.head else None

    def children(self, index: int) -> list[int]:
        """1-based indices of the dependents of word ``index`` (0 = the root's parent)."""
        return [i for i, token in enumerate(self.tokens, start=1) if token.head == index]


class UnitRole(enum.StrEnum):
    CENTRAL_CLAIM = "central_claim"
    CLAIM = "claim"
    PREMISE = "premise"


class Stance(enum.StrEnum):
    PRO = "pro"
    OPP = "opp"


class RelationKind(enum.StrEnum):
    """How ``source`` bears on ``target``: supports it, attacks it, or restates it.

    A restatement says the same thing again (a conclusion that repeats the thesis): it is
    neither support nor attack.
    """

    SUPPORT = "support"
    ATTACK = "attack"
    REBUT = "rebut"
    UNDERCUT = "undercut"
    EXAMPLE = "example"
    ADDITION = "addition"
    RESTATEMENT = "restatement"

    @property
    def is_attack(self) -> bool:
        return self in (RelationKind.ATTACK, RelationKind.REBUT, RelationKind.UNDERCUT)

    @property
    def is_support(self) -> bool:
        return self in (RelationKind.SUPPORT, RelationKind.EXAMPLE, RelationKind.ADDITION)


def _unit_interval(_instance: Any, _attribute: Any, value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise InvalidDocumentError(f"confidence {value} is not in [0, 1]")


@attrs.frozen
class ArgumentUnit:
    """An argumentative discourse unit: a span with its role and stance."""

    id: str
    start: int
    end: int = attrs.field(validator=_check_span)
    text: str
    role: UnitRole
    stance: Stance | None
    confidence: float = attrs.field(converter=float, validator=_unit_interval)


@attrs.frozen
class Relation:
    """A directed relation between two units: ``source`` supports, attacks or restates
    ``target``."""

    id: str
    source: str
    target: str
    kind: RelationKind
    confidence: float = attrs.field(converter=float, validator=_unit_interval)


class MoveKind(enum.StrEnum):
    ENUMERATION = "enumeration"
    CONDITIONAL = "conditional"
    CONTRAST = "contrast"
    CONCESSION = "concession"
    EXEMPLIFICATION = "exemplification"
    CAUSE = "cause"
    CONCLUSION = "conclusion"
    REFORMULATION = "reformulation"


class Condition(enum.StrEnum):
    NECESSARY = "necessary"
    SUFFICIENT = "sufficient"
    EXCEPTION = "exception"


@attrs.frozen
class EnumerationItem:
    """One item of an enumeration: from its marker to the end of the item."""

    start: int
    end: int = attrs.field(validator=_check_span)
    ordinal: int
    marker: str


@attrs.frozen
class Announcement:
    """An announced count ("four main advantages") linked to an enumeration."""

    start: int
    end: int = attrs.field(validator=_check_span)
    count: int = attrs.field(validator=lambda _i, _a, count: _non_negative("count", count))


@attrs.frozen(kw_only=True)
class Move:
    """A rhetorical move: its kind, the span it covers and the marker that signals it."""

    KIND: ClassVar[MoveKind]
    id: str
    start: int
    end: int = attrs.field(validator=_check_span)
    marker: str

    @property
    def kind(self) -> MoveKind:
        return self.KIND

    def spans(self) -> Iterator[tuple[str, Span]]:
        """Every named span of the move, the whole move first."""
        yield "move", Span(self.start, self.end)
        for field in attrs.fields(type(self)):
            value = getattr(self, field.name)
            if isinstance(value, Span):
                yield field.name, value
            elif isinstance(value, tuple):
                for index, item in enumerate(value):
                    yield f"{field.name}[{index}]", Span(item.start, item.end)
            elif isinstance(value, Announcement):
                yield field.name, Span(value.start, value.end)


def _ordered_items(_instance: Any, _attribute: Any, items: tuple[EnumerationItem, ...]) -> None:
    for before, after in itertools.pairwise(items):
        if after.start < before.end:
            raise InvalidDocumentError("enumeration items must be ordered and not overlap")


@attrs.frozen(kw_only=True)
class Enumeration(Move):
    KIND: ClassVar[MoveKind] = MoveKind.ENUMERATION
    items: tuple[EnumerationItem, ...] = attrs.field(
        converter=_item_tuple, validator=_ordered_items
    )
    announced: Announcement | None = None
    complete: bool = True


def _disjoint(instance: Conditional, _attribute: Any, consequent: Span) -> None:
    antecedent = instance.antecedent
    if antecedent.start < consequent.end and consequent.start < antecedent.end:
        raise InvalidDocumentError("antecedent and consequent of a conditional overlap")


@attrs.frozen(kw_only=True)
class Conditional(Move):
    KIND: ClassVar[MoveKind] = MoveKind.CONDITIONAL
    condition: Condition
    antecedent: Span
    consequent: Span = attrs.field(validator=_disjoint)


@attrs.frozen(kw_only=True)
class Contrast(Move):
    KIND: ClassVar[MoveKind] = MoveKind.CONTRAST
    preferred: Span | None = None
    rejected: Span | None = None


@attrs.frozen(kw_only=True)
class Concession(Move):
    KIND: ClassVar[MoveKind] = MoveKind.CONCESSION
    conceded: Span | None = None
    main: Span | None = None


@attrs.frozen(kw_only=True)
class Cause(Move):
    KIND: ClassVar[MoveKind] = MoveKind.CAUSE
    cause: Span | None = None
    effect: Span | None = None


@attrs.frozen(kw_only=True)
class Exemplification(Move):
    KIND: ClassVar[MoveKind] = MoveKind.EXEMPLIFICATION
    scope: Span


@attrs.frozen(kw_only=True)
class Conclusion(Move):
    KIND: ClassVar[MoveKind] = MoveKind.CONCLUSION
    scope: Span


@attrs.frozen(kw_only=True)
class Reformulation(Move):
    KIND: ClassVar[MoveKind] = MoveKind.REFORMULATION
    scope: Span


MOVE_TYPES: dict[MoveKind, type[Move]] = {
    cls.KIND: cls
    for cls in (
        Enumeration,
        Conditional,
        Contrast,
        Concession,
        Cause,
        Exemplification,
        Conclusion,
        Reformulation,
    )
}

AnyMove = (
    Enumeration
    | Conditional
    | Contrast
    | Concession
    | Cause
    | Exemplification
    | Conclusion
    | Reformulation
)


class LayoutKind(enum.StrEnum):
    """A line (or line prefix) that carries no argument."""

    TITLE = "title"
    BYLINE = "byline"
    DATE = "date"
    AFFILIATION = "affiliation"
    MENU = "menu"
    TAGS = "tags"
    CREDIT = "credit"
    CAPTION = "caption"
    PROMPT = "prompt"
    HEADING = "heading"
    SALUTATION = "salutation"
    ADDRESS = "address"
    SIGNOFF = "signoff"
    SPEAKER = "speaker"


class ParagraphPlace(enum.StrEnum):
    INTRODUCTION = "introduction"
    BODY = "body"
    CONCLUSION = "conclusion"


@attrs.frozen
class LayoutSpan:
    """A layout line such as a headline or a byline: in the text, but never a unit."""

    start: int
    end: int = attrs.field(validator=_check_span)
    kind: LayoutKind


@attrs.frozen
class Paragraph:
    """A block of running text (layout lines left out) and its place in the document."""

    start: int
    end: int = attrs.field(validator=_check_span)
    place: ParagraphPlace


def _layout_span_tuple(spans: Iterable[LayoutSpan]) -> tuple[LayoutSpan, ...]:
    return tuple(spans)


def _paragraph_tuple(paragraphs: Iterable[Paragraph]) -> tuple[Paragraph, ...]:
    return tuple(paragraphs)


@attrs.frozen
class Layout:
    """The layout layer: typed layout spans and the paragraphs, both in text order."""

    spans: tuple[LayoutSpan, ...] = attrs.field(default=(), converter=_layout_span_tuple)
    paragraphs: tuple[Paragraph, ...] = attrs.field(default=(), converter=_paragraph_tuple)


def _check_document(instance: ParsedText | Analysis, _attribute: Any, _value: Any) -> None:
    length = len(instance.text)
    previous_end = 0
    for sentence in instance.sentences:
        if sentence.start < previous_end or sentence.end > length:
            raise InvalidDocumentError(
                f"sentence [{sentence.start}, {sentence.end}) is out of order or outside the "
                f"text (length {length})"
            )
        previous_end = sentence.end


@attrs.frozen
class ParsedText:
    """The text and its Stanza parse: sentences of annotated words."""

    text: str
    sentences: tuple[Sentence, ...] = attrs.field(
        converter=_sentence_tuple, validator=_check_document
    )

    @property
    def tokens(self) -> Iterator[Token]:
        for sentence in self.sentences:
            yield from sentence.tokens


def _check_layers(instance: Analysis, _attribute: Any, _value: Any) -> None:
    length = len(instance.text)
    unit_ids = [unit.id for unit in instance.units]
    if len(set(unit_ids)) != len(unit_ids):
        raise InvalidDocumentError("unit ids must be unique")
    for unit in instance.units:
        if unit.end > length:
            raise InvalidDocumentError(f"unit {unit.id} ends at {unit.end}, past the text")
    known = set(unit_ids)
    relation_ids = [relation.id for relation in instance.relations]
    if len(set(relation_ids)) != len(relation_ids):
        raise InvalidDocumentError("relation ids must be unique")
    for relation in instance.relations:
        for end in (relation.source, relation.target):
            if end not in known:
                raise InvalidDocumentError(f"relation {relation.id} names unknown unit {end!r}")
    move_ids = [move.id for move in instance.moves]
    if len(set(move_ids)) != len(move_ids):
        raise InvalidDocumentError("move ids must be unique")
    for move in instance.moves:
        for name, span in move.spans():
            if span.end > length:
                raise InvalidDocumentError(f"move {move.id}: {name} ends past the text")


def _check_layout(instance: Analysis, _attribute: Any, layout: Layout | None) -> None:
    if layout is None:
        return
    length = len(instance.text)
    for name, spans in (("layout span", layout.spans), ("paragraph", layout.paragraphs)):
        previous_end = 0
        for span in spans:
            if span.start < previous_end or span.end > length:
                raise InvalidDocumentError(
                    f"{name} [{span.start}, {span.end}) is out of order or outside the text"
                )
            previous_end = span.end


def _check_schema(_instance: Any, _attribute: Any, value: str) -> None:
    if value != SCHEMA:
        raise InvalidDocumentError(f"unsupported schema {value!r}; this argmine reads {SCHEMA!r}")


@attrs.frozen
class Analysis:
    """Everything argmine found in one text; serialises to the ``argmine/1`` JSON schema."""

    text: str
    sentences: tuple[Sentence, ...] = attrs.field(
        converter=_sentence_tuple, validator=_check_document
    )
    units: tuple[ArgumentUnit, ...] = attrs.field(default=(), converter=_unit_tuple)
    relations: tuple[Relation, ...] = attrs.field(default=(), converter=_relation_tuple)
    moves: tuple[AnyMove, ...] = attrs.field(
        default=(), converter=_move_tuple, validator=_check_layers
    )
    schema: Literal["argmine/1"] = attrs.field(default=SCHEMA, validator=_check_schema)
    #: None for documents written before the layout layer existed.
    layout: Layout | None = attrs.field(default=None, validator=_check_layout)

    @classmethod
    def from_parsed(cls, parsed: ParsedText, **layers: Any) -> Analysis:
        return cls(parsed.text, parsed.sentences, **layers)

    @property
    def parsed(self) -> ParsedText:
        return ParsedText(self.text, self.sentences)

    def unit(self, unit_id: str) -> ArgumentUnit:
        for unit in self.units:
            if unit.id == unit_id:
                return unit
        raise KeyError(unit_id)
