"""Hypothesis strategies that build valid argmine values, for property tests.

Every strategy here yields objects that construct without raising, so a test that draws from
them exercises the code under test, not argmine's validation. Strategies that place something
in a text take that text as their first argument and keep every span inside it; offsets are
character (code point) offsets, ``end`` exclusive, as everywhere in argmine.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from argmine.types import (
    Analysis,
    Announcement,
    AnyMove,
    ArgumentUnit,
    Cause,
    Concession,
    Conclusion,
    Condition,
    Conditional,
    Contrast,
    Enumeration,
    EnumerationItem,
    Exemplification,
    Layout,
    LayoutKind,
    LayoutSpan,
    MoveKind,
    Paragraph,
    ParagraphPlace,
    ParsedText,
    Reformulation,
    Relation,
    RelationKind,
    Sentence,
    Span,
    Stance,
    Token,
    UnitRole,
)

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as error:  # pragma: no cover - exercised by a test that hides hypothesis
    raise ImportError(
        "argmine.testing needs Hypothesis, which is not installed; "
        "install it with `pip install 'argmine[dev]'` or `pip install hypothesis`"
    ) from error

# Bounds keep a drawn Analysis small enough for fast tests yet large enough to hit the
# interesting cases (several sentences, multi-word tokens, every move kind).
MAX_SENTENCES = 5
MAX_WORDS = 8
MAX_UNITS = 6
MAX_RELATIONS = 6
MAX_MOVES = 6
MAX_ITEMS = 5

# Words chosen for the traps they set: accents, a combining mark, a ligature, CJK, an astral
# emoji (one code point in Python, two UTF-16 units elsewhere), right-to-left script and
# apostrophes inside words.
_WORDS = (
    "Cities", "should", "ban", "cars", "because", "streets", "would", "be", "safer", "if",
    "however", "first", "second", "finally", "for", "example", "naïve", "café", "Straße",
    "e\u0301t\u00e9", "ﬁne", "日本語", "😀", "مرحبا", "don't", "wanna",
)
_SEPARATORS = (" ", " ", " ", ". ", ", ", "; ", "! ", "? ", " — ", "…", "\n", "\n\n", "\t", "\r\n")
_BLANKISH = ("", " ", "\n", "\t \n", "\u00a0", "\u2028")

_UPOS = (
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
)
_DEPRELS = (
    "nsubj", "obj", "iobj", "obl", "advmod", "amod", "nmod", "det", "case", "mark", "cc",
    "conj", "aux", "cop", "punct", "advcl", "ccomp", "xcomp", "compound", "nmod:poss",
)
# Word forms and lemmas as a parser writes them: letters and digits, no whitespace.
_SAFE_FORMS = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=6)
_FEATS = ("Number=Sing", "Number=Plur", "Mood=Ind|Tense=Pres|VerbForm=Fin", "Case=Nom|Person=3")

_MARKERS: dict[MoveKind, tuple[str, ...]] = {
    MoveKind.ENUMERATION: ("first", "firstly", "1.", "(a)"),
    MoveKind.CONDITIONAL: ("if", "only if", "unless", "provided that"),
    MoveKind.CONTRAST: ("but", "however", "rather than", "instead"),
    MoveKind.CONCESSION: ("although", "admittedly", "even though", "granted"),
    MoveKind.CAUSE: ("because", "since", "therefore", "as a result"),
    MoveKind.EXEMPLIFICATION: ("for example", "for instance", "such as", "e.g."),
    MoveKind.CONCLUSION: ("in conclusion", "to sum up", "thus", "overall"),
    MoveKind.REFORMULATION: ("in other words", "that is", "i.e.", "namely"),
}
_ITEM_MARKERS = ("First", "Second", "Third", "Finally", "1.", "2)", "(b)", "•", "-", "Also")


def texts() -> st.SearchStrategy[str]:
    """Texts to analyse: empty or blank, prose with non-ASCII words, or arbitrary Unicode."""
    prose = st.lists(
        st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)), max_size=25
    ).map(lambda pairs: "".join(word + separator for word, separator in pairs))
    return st.one_of(st.sampled_from(_BLANKISH), prose, st.text(max_size=120))


def identifiers() -> st.SearchStrategy[str]:
    """Ids as argmine writes them (``u3``, ``r12``) and arbitrary non-empty strings."""
    usual = st.builds(
        lambda prefix, number: f"{prefix}{number}", st.sampled_from("urm"), st.integers(1, 999)
    )
    return st.one_of(usual, st.text(min_size=1, max_size=8))


def confidences() -> st.SearchStrategy[float]:
    """Scores in ``[0, 1]``, ends included."""
    return st.floats(min_value=0.0, max_value=1.0)


def _tuple(items: Iterable[object]) -> Any:
    """The items as a tuple, typed loosely.

    Mypy types attrs fields declared with ``converter=tuple`` as ``Iterable[_T_co]`` with the
    type variable unsolved, so no argument type-checks; passing ``Any`` sidesteps that.
    """
    return tuple(items)


def _bounds(text: str, within: Span | None) -> tuple[int, int]:
    if within is None:
        return 0, len(text)
    if within.end > len(text):
        raise InvalidArgument(f"within={within!r} ends past the text (length {len(text)})")
    return within.start, within.end


def _ascending(draw: st.DrawFn, low: int, high: int, max_count: int) -> list[Span]:
    """Up to ``max_count`` ordered, non-overlapping (possibly empty) spans in ``[low, high]``."""
    points = sorted(draw(st.lists(st.integers(low, high), max_size=2 * max_count)))
    return [Span(points[i], points[i + 1]) for i in range(0, len(points) - 1, 2)]


def _tiling(draw: st.DrawFn, low: int, high: int, max_count: int) -> list[Span]:
    """Consecutive spans covering all of ``[low, high]``, as a sentence splitter returns."""
    cuts = sorted(draw(st.lists(st.integers(low, high), max_size=max_count - 1)))
    bounds = [low, *cuts, high]
    return [Span(start, end) for start, end in itertools.pairwise(bounds)]


@st.composite
def spans(draw: st.DrawFn, text: str, *, within: Span | None = None) -> Span:
    """A span of ``text`` (inside ``within`` if given); empty spans included."""
    low, high = _bounds(text, within)
    start, end = sorted(draw(st.lists(st.integers(low, high), min_size=2, max_size=2)))
    return Span(start, end)


def _optional_span(text: str, within: Span) -> st.SearchStrategy[Span | None]:
    return st.none() | spans(text, within=within)


def _word(draw: st.DrawFn, text: str, span: Span, head: int, *, part: bool = False) -> Token:
    # A part of a multi-word token need not be a substring ("won't" = "will" + "not").
    form = draw(st.text(min_size=1, max_size=5)) if part else text[span.start : span.end]
    return Token(
        span.start,
        span.end,
        form,
        draw(st.one_of(st.just(form.lower()), st.text(max_size=8))),
        draw(st.sampled_from(_UPOS)),
        draw(st.one_of(st.none(), st.sampled_from(_FEATS), st.text(max_size=12))),
        head,
        "root" if head == 0 else draw(st.sampled_from(_DEPRELS)),
    )


@st.composite
def tokens(
    draw: st.DrawFn, text: str, *, within: Span | None = None, head: int | None = None
) -> Token:
    """One word inside ``text`` (or ``within``); ``head`` is drawn when not given.

    A lone token cannot know its sentence, so a drawn head is only guaranteed ``>= 0``; use
    :func:`sentences` for words whose heads form a tree.
    """
    span = draw(spans(text, within=within))
    return _word(draw, text, span, draw(st.integers(0, MAX_WORDS)) if head is None else head)


def _heads(draw: st.DrawFn, count: int) -> list[int]:
    """Heads of a random tree: in a random order, each word hangs off one placed before it."""
    if count == 0:
        return []
    order = draw(st.permutations(range(count)))
    heads = [0] * count
    for placed, index in enumerate(order[1:], start=1):
        heads[index] = order[draw(st.integers(0, placed - 1))] + 1
    return heads


def _sentence(draw: st.DrawFn, text: str, span: Span) -> Sentence:
    words: list[tuple[Span, bool]] = []
    for token_span in _ascending(draw, span.start, span.end, MAX_WORDS):
        parts = draw(st.sampled_from((1, 1, 1, 2, 3)))  # mostly plain words, some multi-word
        words.extend((token_span, parts > 1) for _ in range(parts))
    heads = _heads(draw, len(words))
    return Sentence(
        span.start,
        span.end,
        _tuple(
            _word(draw, text, word, head, part=part)
            for (word, part), head in zip(words, heads, strict=True)
        ),
    )


@st.composite
def sentences(draw: st.DrawFn, text: str, *, within: Span | None = None) -> Sentence:
    """A sentence of ``text`` with ordered words whose heads form exactly one tree."""
    return _sentence(draw, text, draw(spans(text, within=within)))


@st.composite
def parsed_texts(draw: st.DrawFn, text: str | None = None) -> ParsedText:
    """A parse of ``text`` (drawn from :func:`texts` if not given).

    Sentences are ordered and disjoint: either tiling the whole text, as a real parser does,
    or leaving gaps, which argmine also accepts.
    """
    if text is None:
        text = draw(texts())
    layout = _tiling if draw(st.booleans()) else _ascending
    spans_ = layout(draw, 0, len(text), MAX_SENTENCES)
    return ParsedText(text, _tuple(_sentence(draw, text, span) for span in spans_))


@st.composite
def tokenized_parses(draw: st.DrawFn, text: str | None = None) -> ParsedText:
    """A parse of ``text`` as a tokenizer and parser make one (Stanza through ``from_stanza``).

    Words cover no whitespace and are cut out of the text's non-blank stretches, some of
    which are skipped (a tokenizer may drop characters); a plain word's form is its text, the
    words of a multi-word token share its span and have forms that are not its substrings;
    every sentence has words and spans exactly from its first word to its last. These are the
    parses that CoNLL-U holds exactly (see :func:`argmine.parsing.to_conllu`).
    """
    if text is None:
        text = draw(texts().filter(str.strip))
    stretches = [match.span() for match in re.finditer(r"\S+", text)]
    if not stretches:
        raise InvalidArgument("tokenized_parses() needs a text with a non-blank character")
    one_in_ten = st.integers(0, 9).map(lambda number: number == 0)
    dropped = [draw(one_in_ten) for _ in stretches]
    pieces: list[Span] = []
    for (first, last), drop in zip(stretches, dropped, strict=True):
        if drop and (pieces or not all(dropped)):
            continue  # a stretch the tokenizer dropped (a parse keeps at least one word)
        inner = range(first + 1, last)  # where the stretch may be cut into words
        cuts = draw(st.sets(st.sampled_from(inner), max_size=2)) if inner else ()
        bounds = [first, *sorted(cuts), last]
        pieces.extend(Span(start, end) for start, end in itertools.pairwise(bounds))
    breaks = draw(st.sets(st.integers(1, len(pieces)), max_size=MAX_SENTENCES))
    bounds = [0, *sorted(breaks), len(pieces)]
    groups = [pieces[start:end] for start, end in itertools.pairwise(bounds) if end > start]
    return ParsedText(text, _tuple(_tokenized_sentence(draw, text, group) for group in groups))


def _not_inside(surface: str) -> Callable[[str], bool]:
    """Whether a form is no substring of ``surface``: a multi-word token with such a first
    word gives every word the token's whole span (see ``argmine.parsing.from_stanza``)."""
    return lambda form: form.lower() not in surface.lower()


def _tokenized_sentence(draw: st.DrawFn, text: str, pieces: Sequence[Span]) -> Sentence:
    words: list[tuple[Span, str]] = []
    for piece in pieces:
        surface = text[piece.start : piece.end]
        parts = draw(st.sampled_from((1, 1, 1, 1, 2, 3)))
        if parts == 1:
            words.append((piece, surface))
            continue
        first = draw(_SAFE_FORMS.filter(_not_inside(surface)))
        rest = draw(st.lists(_SAFE_FORMS, min_size=parts - 1, max_size=parts - 1))
        words.extend((piece, form) for form in (first, *rest))
    heads = _heads(draw, len(words))
    tokens = [
        Token(
            span.start,
            span.end,
            form,
            draw(st.one_of(st.just(form.lower()), _SAFE_FORMS)),
            draw(st.sampled_from(_UPOS)),
            draw(st.one_of(st.none(), st.sampled_from(_FEATS))),
            head,
            "root" if head == 0 else draw(st.sampled_from(_DEPRELS)),
        )
        for (span, form), head in zip(words, heads, strict=True)
    ]
    return Sentence(tokens[0].start, tokens[-1].end, _tuple(tokens))


@st.composite
def argument_units(draw: st.DrawFn, text: str, *, unit_id: str | None = None) -> ArgumentUnit:
    """A unit over a span of ``text``, its ``text`` field the covered substring."""
    span = draw(spans(text))
    return ArgumentUnit(
        draw(identifiers()) if unit_id is None else unit_id,
        span.start,
        span.end,
        text[span.start : span.end],
        draw(st.sampled_from(UnitRole)),
        draw(st.none() | st.sampled_from(Stance)),
        draw(confidences()),
    )


@st.composite
def relations(
    draw: st.DrawFn, unit_ids: Sequence[str], *, relation_id: str | None = None
) -> Relation:
    """A relation between two of ``unit_ids`` (possibly the same one twice)."""
    if not unit_ids:
        raise InvalidArgument("relations() needs at least one unit id to point at")
    endpoints = st.sampled_from(list(unit_ids))
    return Relation(
        draw(identifiers()) if relation_id is None else relation_id,
        draw(endpoints),
        draw(endpoints),
        draw(st.sampled_from(RelationKind)),
        draw(confidences()),
    )


def _frame(
    draw: st.DrawFn, text: str, kind: MoveKind, move_id: str | None
) -> tuple[str, Span, str]:
    """The id, whole span and marker every move has."""
    marker = draw(st.one_of(st.sampled_from(_MARKERS[kind]), st.text(max_size=12)))
    return draw(identifiers()) if move_id is None else move_id, draw(spans(text)), marker


@st.composite
def enumerations(draw: st.DrawFn, text: str, *, move_id: str | None = None) -> Enumeration:
    """An enumeration whose items are ordered, disjoint and inside the move."""
    id_, span, marker = _frame(draw, text, MoveKind.ENUMERATION, move_id)
    items = [
        EnumerationItem(item.start, item.end, ordinal, draw(st.sampled_from(_ITEM_MARKERS)))
        for ordinal, item in enumerate(_ascending(draw, span.start, span.end, MAX_ITEMS), 1)
    ]
    announced = None
    if draw(st.booleans()):
        where = draw(spans(text))
        count = draw(st.one_of(st.just(len(items)), st.integers(0, MAX_ITEMS + 2)))
        announced = Announcement(where.start, where.end, count)
    return Enumeration(
        id=id_, start=span.start, end=span.end, marker=marker, items=_tuple(items),
        announced=announced, complete=draw(st.booleans()),
    )


@st.composite
def conditionals(draw: st.DrawFn, text: str, *, move_id: str | None = None) -> Conditional:
    """A conditional whose antecedent and consequent are disjoint, in either order."""
    id_, span, marker = _frame(draw, text, MoveKind.CONDITIONAL, move_id)
    a, b, c, d = sorted(draw(st.lists(st.integers(span.start, span.end), min_size=4, max_size=4)))
    first, second = Span(a, b), Span(c, d)
    antecedent, consequent = (first, second) if draw(st.booleans()) else (second, first)
    return Conditional(
        id=id_, start=span.start, end=span.end, marker=marker,
        condition=draw(st.sampled_from(Condition)), antecedent=antecedent, consequent=consequent,
    )


@st.composite
def contrasts(draw: st.DrawFn, text: str, *, move_id: str | None = None) -> Contrast:
    """A contrast; either side may be missing."""
    id_, span, marker = _frame(draw, text, MoveKind.CONTRAST, move_id)
    return Contrast(
        id=id_, start=span.start, end=span.end, marker=marker,
        preferred=draw(_optional_span(text, span)), rejected=draw(_optional_span(text, span)),
    )


@st.composite
def concessions(draw: st.DrawFn, text: str, *, move_id: str | None = None) -> Concession:
    """A concession; either side may be missing."""
    id_, span, marker = _frame(draw, text, MoveKind.CONCESSION, move_id)
    return Concession(
        id=id_, start=span.start, end=span.end, marker=marker,
        conceded=draw(_optional_span(text, span)), main=draw(_optional_span(text, span)),
    )


@st.composite
def causes(draw: st.DrawFn, text: str, *, move_id: str | None = None) -> Cause:
    """A causal move; either side may be missing."""
    id_, span, marker = _frame(draw, text, MoveKind.CAUSE, move_id)
    return Cause(
        id=id_, start=span.start, end=span.end, marker=marker,
        cause=draw(_optional_span(text, span)), effect=draw(_optional_span(text, span)),
    )


@st.composite
def exemplifications(
    draw: st.DrawFn, text: str, *, move_id: str | None = None
) -> Exemplification:
    """An exemplification and the scope its example illustrates."""
    id_, span, marker = _frame(draw, text, MoveKind.EXEMPLIFICATION, move_id)
    scope = draw(spans(text, within=span))
    return Exemplification(id=id_, start=span.start, end=span.end, marker=marker, scope=scope)


@st.composite
def conclusions(draw: st.DrawFn, text: str, *, move_id: str | None = None) -> Conclusion:
    """A concluding move and its scope."""
    id_, span, marker = _frame(draw, text, MoveKind.CONCLUSION, move_id)
    scope = draw(spans(text, within=span))
    return Conclusion(id=id_, start=span.start, end=span.end, marker=marker, scope=scope)


@st.composite
def reformulations(draw: st.DrawFn, text: str, *, move_id: str | None = None) -> Reformulation:
    """A reformulation and its scope."""
    id_, span, marker = _frame(draw, text, MoveKind.REFORMULATION, move_id)
    scope = draw(spans(text, within=span))
    return Reformulation(id=id_, start=span.start, end=span.end, marker=marker, scope=scope)


@st.composite
def moves(
    draw: st.DrawFn,
    text: str,
    *,
    move_id: str | None = None,
    kinds: Sequence[MoveKind] | None = None,
) -> AnyMove:
    """A move of any kind (or of one of ``kinds``) with every span inside ``text``."""
    kind = draw(st.sampled_from(list(MoveKind) if kinds is None else list(kinds)))
    if kind is MoveKind.ENUMERATION:
        return draw(enumerations(text, move_id=move_id))
    if kind is MoveKind.CONDITIONAL:
        return draw(conditionals(text, move_id=move_id))
    if kind is MoveKind.CONTRAST:
        return draw(contrasts(text, move_id=move_id))
    if kind is MoveKind.CONCESSION:
        return draw(concessions(text, move_id=move_id))
    if kind is MoveKind.CAUSE:
        return draw(causes(text, move_id=move_id))
    if kind is MoveKind.EXEMPLIFICATION:
        return draw(exemplifications(text, move_id=move_id))
    if kind is MoveKind.CONCLUSION:
        return draw(conclusions(text, move_id=move_id))
    return draw(reformulations(text, move_id=move_id))


def _ordered_spans(draw: st.DrawFn, text: str, count: int) -> list[Span]:
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), min_size=2 * count, max_size=2 * count)))
    return [Span(cuts[2 * i], cuts[2 * i + 1]) for i in range(count)]


@st.composite
def layouts(draw: st.DrawFn, text: str) -> Layout:
    """A layout layer of ``text``: ordered, disjoint layout spans and paragraphs."""
    span_count, paragraph_count = draw(st.integers(0, 3)), draw(st.integers(0, 3))
    return Layout(
        spans=[
            LayoutSpan(span.start, span.end, draw(st.sampled_from(list(LayoutKind))))
            for span in _ordered_spans(draw, text, span_count)
        ],
        paragraphs=[
            Paragraph(span.start, span.end, draw(st.sampled_from(list(ParagraphPlace))))
            for span in _ordered_spans(draw, text, paragraph_count)
        ],
    )


@st.composite
def analyses(draw: st.DrawFn, text: str | None = None, *, min_units: int = 0) -> Analysis:
    """A complete, valid :class:`Analysis` of ``text`` (drawn from :func:`texts` if not given).

    Sentences are ordered with one dependency tree each, unit ids are unique, relations join
    existing units and every span of every layer lies inside the text. ``min_units`` asks for
    at least that many units (argument-map tests want a graph to walk).
    """
    parsed = draw(parsed_texts(text))
    text = parsed.text
    unit_ids = draw(
        st.lists(
            identifiers(), unique=True, min_size=min_units, max_size=max(MAX_UNITS, min_units)
        )
    )
    relation_ids = (
        draw(st.lists(identifiers(), unique=True, max_size=MAX_RELATIONS)) if unit_ids else []
    )
    move_ids = draw(st.lists(identifiers(), unique=True, max_size=MAX_MOVES))
    return Analysis(
        text,
        _tuple(parsed.sentences),
        units=_tuple(draw(argument_units(text, unit_id=unit)) for unit in unit_ids),
        relations=_tuple(draw(relations(unit_ids, relation_id=rel)) for rel in relation_ids),
        moves=_tuple(draw(moves(text, move_id=move)) for move in move_ids),
        layout=draw(st.none() | layouts(text)),
    )


__all__ = [
    "analyses",
    "argument_units",
    "causes",
    "concessions",
    "conclusions",
    "conditionals",
    "confidences",
    "contrasts",
    "enumerations",
    "exemplifications",
    "identifiers",
    "layouts",
    "moves",
    "parsed_texts",
    "reformulations",
    "relations",
    "sentences",
    "spans",
    "texts",
    "tokenized_parses",
    "tokens",
]
