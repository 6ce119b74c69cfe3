"""The ``argmine`` spaCy component, and a tokenizer that parses with argmine's Stanza models.

The component reads a ``Doc`` that carries Universal Dependencies annotations (UPOS in
``pos_``, UD relations in ``dep_``, lemmas, features), as the Stanza-backed tokenizers
make (this module's ``argmine.StanzaTokenizer.v1``, or spacy-stanza's), and sets:

* ``doc._.argmine``: the :class:`~argmine.types.Analysis` (equal to ``argmine.analyze(text)``
  for the same parse);
* ``doc._.argmine_units`` / ``doc._.argmine_moves``: the units and moves as ``Span`` lists,
  labelled with the role or move kind, ``span.id_`` the unit or move id;
* ``span._.argmine_unit`` / ``span._.argmine_move``: the unit or move behind such a span.

>>> from argmine.integrations.spacy import spacy_pipeline          # doctest: +SKIP
>>> nlp = spacy_pipeline(parser="bundled")                          # doctest: +SKIP
>>> doc = nlp("Cities should ban cars, because streets would be safer.")  # doctest: +SKIP
>>> [(span.text, span.label_) for span in doc._.argmine_moves]       # doctest: +SKIP
[('Cities should ban cars, because streets would be safer', 'cause')]

spaCy's own English models label dependencies with ClearNLP relations, not UD; argmine's
stages expect UD, so use a UD parse. The analysis is stored on the ``Doc`` and serialises
with it (``DocBin``, ``Doc.to_bytes``) once this module is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import srsly.msgpack  # type: ignore[import-untyped]
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry
from spacy.vocab import Vocab

from argmine.errors import InvalidDocumentError
from argmine.parsing import ParserSource, parse
from argmine.pipeline import analyze_parsed
from argmine.serialize import from_dict, to_dict
from argmine.types import Analysis, AnyMove, ArgumentUnit, ParsedText, Sentence, Token

NAME = "argmine"
TOKENIZER = "argmine.StanzaTokenizer.v1"
_MSGPACK_KEY = "__argmine__"


def doc_to_parsed(doc: Doc) -> ParsedText:
    """A spaCy ``Doc`` with UD annotations as argmine's :class:`~argmine.types.ParsedText`.

    Whitespace tokens are dropped; each sentence's root gets head 0 and relation ``root``.
    Raises :class:`~argmine.errors.InvalidDocumentError` when POS tags or dependencies are
    missing.
    """
    if not _has_words(doc[:]):
        return ParsedText(doc.text, [])
    for attribute, processors in (("POS", "a tagger"), ("DEP", "a dependency parser")):
        if not doc.has_annotation(attribute):
            raise InvalidDocumentError(
                f"the spaCy Doc has no {attribute} annotations; run it through {processors} "
                "with UD labels first (e.g. the argmine.StanzaTokenizer.v1 tokenizer)"
            )
    return ParsedText(doc.text, [_sentence(span) for span in doc.sents if _has_words(span)])


def _has_words(span: Span) -> bool:
    return any(not token.text.isspace() for token in span)


def _sentence(span: Span) -> Sentence:
    # text.isspace, not is_space: a bare Vocab has no lexical attributes to say it.
    words = [token for token in span if not token.text.isspace()]
    position = {token.i: number for number, token in enumerate(words, start=1)}
    tokens = []
    for token in words:
        if token.head.i == token.i:
            head, deprel = 0, "root"
        elif token.head.i in position:
            head, deprel = position[token.head.i], token.dep_ or "dep"
        else:
            raise InvalidDocumentError(
                f"token {token.i} {token.text!r} depends on whitespace or on another sentence"
            )
        tokens.append(
            Token(
                start=token.idx,
                end=token.idx + len(token.text),
                text=token.text,
                lemma=token.lemma_ or token.text,
                upos=token.pos_ or "X",
                feats=str(token.morph) or None,
                head=head,
                deprel=deprel,
            )
        )
    return Sentence(tokens[0].start, tokens[-1].end, tokens)


def doc_from_parsed(vocab: Vocab, parsed: ParsedText) -> Doc:
    """A spaCy ``Doc`` carrying argmine's parse: words, UPOS, features, lemmas, UD heads.

    Text between words becomes spaCy's trailing space or whitespace tokens (attached to the
    word before them), so ``doc.text`` is the parsed text. Words that are not substrings of
    the text (parts of a multi-word token like "won't" = "will" + "not") cannot be spaCy
    tokens: :class:`~argmine.errors.InvalidDocumentError`.
    """
    words: list[str] = []
    spaces: list[bool] = []
    sources: list[Token | None] = []  # per spaCy token: its word, None for whitespace
    heads: list[int] = []

    def add_gap(gap: str) -> None:
        if gap.strip():
            raise InvalidDocumentError(f"the parse leaves {gap.strip()!r} outside its words")
        if gap.startswith(" ") and words:
            spaces[-1] = True
            gap = gap[1:]
        if gap:  # whitespace hangs on the word before it, or on the first word (if any)
            heads.append(len(words) - 1 if words else int(bool(parsed.sentences)))
            words.append(gap)
            spaces.append(False)
            sources.append(None)

    cursor = 0
    for sentence in parsed.sentences:
        positions = []
        for token in sentence.tokens:
            if token.start < cursor or parsed.text[token.start : token.end] != token.text:
                raise InvalidDocumentError(
                    f"word {token.text!r} at {token.start} is not a separate substring of the "
                    "text (a multi-word token), so it cannot be a spaCy token"
                )
            add_gap(parsed.text[cursor : token.start])
            positions.append(len(words))
            heads.append(len(words))  # the root heads itself; the others are set below
            words.append(token.text)
            spaces.append(False)
            sources.append(token)
            cursor = token.end
        for position, token in zip(positions, sentence.tokens, strict=True):
            if token.head:
                heads[position] = positions[token.head - 1]
    add_gap(parsed.text[cursor:])
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        pos=[word.upos if word else "SPACE" for word in sources],
        morphs=[(word.feats or "") if word else "" for word in sources],
        lemmas=[word.lemma if word else text for text, word in zip(words, sources, strict=True)],
        heads=heads,
        deps=[word.deprel if word else "" for word in sources],
    )


class StanzaTokenizer:
    """A spaCy tokenizer that parses with argmine's Stanza pipeline (see :func:`argmine.parse`).

    It plays the part of spacy-stanza's tokenizer for argmine's Stanza version: one call
    tokenizes, tags, lemmatizes and parses, and the ``Doc`` carries it all.
    """

    def __init__(self, vocab: Vocab, parser: ParserSource | None = None) -> None:
        self.vocab = vocab
        self.parser = parser

    def __call__(self, text: str) -> Doc:
        if not text.strip():
            return Doc(self.vocab, words=[text] if text else [], spaces=[False] if text else [])
        return doc_from_parsed(self.vocab, parse(text, parser=self.parser))

    # The tokenizer has no state beyond its config, which spaCy saves itself: saving and
    # loading (nlp.to_disk, spacy.load) write and read nothing.
    def to_bytes(self, **_options: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_options: Any) -> StanzaTokenizer:
        return self

    def to_disk(self, _path: Any, **_options: Any) -> None:
        return None

    def from_disk(self, _path: Any, **_options: Any) -> StanzaTokenizer:
        return self


@registry.tokenizers(TOKENIZER)  # type: ignore[untyped-decorator]  # catalogue is untyped
def create_stanza_tokenizer(
    parser: ParserSource | None = None,
) -> Callable[[Language], StanzaTokenizer]:
    """The ``argmine.StanzaTokenizer.v1`` config entry (``[nlp.tokenizer]``)."""

    def make(nlp: Language) -> StanzaTokenizer:
        return StanzaTokenizer(nlp.vocab, parser)

    return make


class ArgmineComponent:
    """The pipeline component: ``doc._.argmine`` from the ``Doc``'s own parse."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.argmine = analyze_parsed(doc_to_parsed(doc))
        return doc


@Language.factory(
    NAME,
    requires=["token.pos", "token.dep", "token.head", "token.lemma"],
    assigns=[f"doc._.{NAME}"],
)
def make_argmine_component(nlp: Language, name: str) -> ArgmineComponent:
    """The ``argmine`` factory: ``nlp.add_pipe("argmine")``."""
    return ArgmineComponent()


def spacy_pipeline(parser: ParserSource | None = None) -> Language:
    """A blank English spaCy pipeline with argmine's Stanza tokenizer and the component."""
    import spacy

    tokenizer = {"@tokenizers": TOKENIZER, "parser": parser}
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": tokenizer}})
    nlp.add_pipe(NAME)
    return nlp


def _analysis(doc: Doc) -> Analysis:
    analysis = doc._.argmine
    if not isinstance(analysis, Analysis):
        raise InvalidDocumentError(f"the Doc has no analysis; add the {NAME!r} pipe first")
    return analysis


def _span(doc: Doc, start: int, end: int, label: str, identifier: str) -> Span:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        raise InvalidDocumentError(f"{identifier} [{start}, {end}) does not cover any token")
    return Span(doc, span.start, span.end, label=label, span_id=identifier)


def _unit_spans(doc: Doc) -> list[Span]:
    return [
        _span(doc, unit.start, unit.end, unit.role.value, unit.id) for unit in _analysis(doc).units
    ]


def _move_spans(doc: Doc) -> list[Span]:
    return [
        _span(doc, move.start, move.end, move.kind.value, move.id) for move in _analysis(doc).moves
    ]


def _span_unit(span: Span) -> ArgumentUnit | None:
    return next((unit for unit in _analysis(span.doc).units if unit.id == span.id_), None)


def _span_move(span: Span) -> AnyMove | None:
    return next((move for move in _analysis(span.doc).moves if move.id == span.id_), None)


def _encode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """srsly's msgpack encoder hook: an Analysis travels as its ``argmine/1`` data."""
    if isinstance(obj, Analysis):
        return {_MSGPACK_KEY: to_dict(obj)}
    return obj if chain is None else chain(obj)


def _decode(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    if isinstance(obj, dict) and _MSGPACK_KEY in obj:
        return from_dict(obj[_MSGPACK_KEY])
    return obj if chain is None else chain(obj)


def _register() -> None:
    """Extensions and serialisation hooks, once per process (spaCy refuses duplicates)."""
    if Doc.has_extension(NAME):
        return
    Doc.set_extension(NAME, default=None)
    Doc.set_extension(f"{NAME}_units", getter=_unit_spans)
    Doc.set_extension(f"{NAME}_moves", getter=_move_spans)
    Span.set_extension(f"{NAME}_unit", getter=_span_unit)
    Span.set_extension(f"{NAME}_move", getter=_span_move)
    srsly.msgpack.msgpack_encoders.register(NAME, func=_encode)
    srsly.msgpack.msgpack_decoders.register(NAME, func=_decode)


_register()

__all__ = [
    "NAME",
    "TOKENIZER",
    "ArgmineComponent",
    "StanzaTokenizer",
    "create_stanza_tokenizer",
    "doc_from_parsed",
    "doc_to_parsed",
    "make_argmine_component",
    "spacy_pipeline",
]
