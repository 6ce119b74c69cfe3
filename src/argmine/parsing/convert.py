"""Convert parses from elsewhere into :class:`~argmine.types.ParsedText` and back to CoNLL-U.

Two sources: a ``stanza.Document`` (any Stanza pipeline with tokenize, pos, lemma and
depparse) and CoNLL-U text from any UD parser. Words are mapped onto the original text by
character offsets, never by re-joining token strings, so Stanza's ``<UNK>`` for over-long
tokens or a parser's normalised forms cannot shift a span.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from typing import Any

import attrs
import conllu

from argmine.errors import InvalidDocumentError
from argmine.types import ParsedText, Sentence, Token


def _word_spans(surface: str, start: int, forms: Sequence[str]) -> list[tuple[int, int]]:
    """Spans of the words of one (multi-word) token inside its surface string.

    Words found in order as substrings ("can" + "not" in "cannot") get their own spans;
    otherwise ("won't" = "will" + "not") every word takes the whole token.
    """
    if len(forms) == 1:
        return [(start, start + len(surface))]
    spans = []
    cursor = 0
    lowered = surface.lower()
    for form in forms:
        found = lowered.find(form.lower(), cursor)
        if found < 0:
            return [(start, start + len(surface))] * len(forms)
        spans.append((start + found, start + found + len(form)))
        cursor = found + len(form)
    return spans


def _feats_text(feats: Any) -> str | None:
    if not feats:
        return None
    if isinstance(feats, str):
        return None if feats == "_" else feats
    return "|".join(f"{key}={value}" for key, value in feats.items())


def from_stanza(doc: Any) -> ParsedText:
    """A parsed ``stanza.Document`` as argmine's typed document."""
    text = getattr(doc, "text", None)
    if not isinstance(text, str) or not hasattr(doc, "sentences"):
        raise InvalidDocumentError("expected a stanza.Document with its text")
    if text.strip() and not doc.sentences:
        raise InvalidDocumentError(
            "the stanza.Document has no sentences; run it through a pipeline with "
            "tokenize,pos,lemma,depparse first"
        )
    sentences = []
    for sentence in doc.sentences:
        tokens: list[Token] = []
        for token in sentence.tokens:
            start, end = token.start_char, token.end_char
            if start is None or end is None:
                raise InvalidDocumentError(
                    "the stanza.Document has tokens without character offsets"
                )
            words = token.words
            forms = [word.text for word in words]
            for word, (word_start, word_end) in zip(
                words, _word_spans(text[start:end], start, forms), strict=True
            ):
                if word.head is None or word.deprel is None or word.upos is None:
                    raise InvalidDocumentError(
                        "the stanza.Document lacks POS or dependency annotations; run it "
                        "through a pipeline with tokenize,pos,lemma,depparse"
                    )
                form = text[start:end] if len(words) == 1 else word.text
                tokens.append(
                    Token(
                        start=word_start,
                        end=word_end,
                        text=form,
                        lemma=word.lemma or form,
                        upos=word.upos,
                        feats=_feats_text(word.feats),
                        head=word.head,
                        deprel=word.deprel,
                    )
                )
        if tokens:
            sentences.append(Sentence(tokens[0].start, tokens[-1].end, tokens))
    return ParsedText(text, sentences)


def from_conllu(data: str) -> ParsedText:
    """CoNLL-U from any UD parser as argmine's typed document.

    The text is rebuilt with UD's and Stanza's conventions, so that CoNLL-U written by
    :func:`to_conllu` gives back exactly the text it came from:

    * ``SpacesBefore`` on the first word of the document is the text before it;
    * ``SpacesAfter`` (escaped: ``\\s`` space, ``\\t``, ``\\n``, ``\\r``, ``\\p`` for ``|``,
      ``\\\\`` for a backslash, ``\\uXXXX`` for any other character) is what follows a word,
      ``SpaceAfter=No`` nothing, and otherwise one space follows it inside a sentence;
    * between sentences, a ``SpacesAfter`` on the last word says what lies between; without
      one, a sentence that opens a paragraph (``# newpar``, ``# newdoc``) follows a blank line,
      a last word with ``SpaceAfter=No`` runs straight into the next sentence, and any other
      sentence follows a newline.

    A sentence whose words carry no ``SpacesAfter`` is read from its ``# text`` line when it
    has one (UD treebanks), else from its words. Offsets point into the rebuilt text, which
    :attr:`ParsedText.text` holds.
    """
    try:
        parsed = conllu.parse(data)
    except Exception as error:  # conllu raises its own ParseException and ValueErrors
        raise InvalidDocumentError(f"not valid CoNLL-U: {error}") from None
    pieces: list[str] = []
    length = 0
    sentences: list[Sentence] = []
    after_previous: str | None = None
    for number, sentence in enumerate(parsed, start=1):
        groups = _groups(sentence)
        if not groups:
            continue
        gap = "" if not sentences else _between(after_previous, sentence.metadata)
        gap += unescape_spaces((groups[0].misc or {}).get("SpacesBefore") or "")
        pieces.append(gap)
        length += len(gap)
        sentence_text, tokens = _sentence(groups, sentence.metadata.get("text"), length, number)
        sentences.append(Sentence(length, length + len(sentence_text), tokens))
        pieces.append(sentence_text)
        length += len(sentence_text)
        after_previous = _space_after(groups[-1].misc)
    pieces.append(after_previous or "")
    return ParsedText("".join(pieces), sentences)


@attrs.frozen
class _Group:
    """One token of a CoNLL-U sentence: its surface form, its words and its MISC column."""

    surface: str
    words: tuple[dict[str, Any], ...]
    misc: dict[str, str | None] | None


def _groups(sentence: Sequence[dict[str, Any]]) -> list[_Group]:
    words = [entry for entry in sentence if isinstance(entry["id"], int)]
    groups = []
    covered = 0
    for entry in sentence:
        identifier = entry["id"]
        if isinstance(identifier, tuple):
            if identifier[1] == "-":  # a multi-word token; other tuples are empty nodes
                first, last = identifier[0], identifier[2]
                groups.append(_Group(entry["form"], tuple(words[first - 1 : last]), entry["misc"]))
                covered = last
        elif identifier > covered:
            groups.append(_Group(entry["form"], (entry,), entry["misc"]))
    return groups


def _space_after(misc: dict[str, str | None] | None) -> str | None:
    """What MISC says follows a token: ``SpacesAfter``, ``""`` for ``SpaceAfter=No``, or None."""
    if not misc:
        return None
    if misc.get("SpacesAfter"):
        return unescape_spaces(misc["SpacesAfter"] or "")
    return "" if misc.get("SpaceAfter") == "No" else None


def _between(after_previous: str | None, metadata: dict[str, Any]) -> str:
    if after_previous:  # SpacesAfter of the sentence before
        return after_previous
    if any(key.startswith(("newpar", "newdoc")) for key in metadata):
        return "\n\n"
    return "" if after_previous == "" else "\n"


def _sentence(
    groups: Sequence[_Group], text_line: str | None, offset: int, number: int
) -> tuple[str, list[Token]]:
    """The sentence's text and its words, from its ``# text`` line or from its tokens."""
    inner = groups[:-1]
    if text_line is None or any((group.misc or {}).get("SpacesAfter") for group in inner):
        pieces = [group.surface + _or_space(_space_after(group.misc)) for group in inner]
        starts = list(itertools.accumulate((len(piece) for piece in pieces), initial=0))
        return "".join(pieces) + groups[-1].surface, _words(groups, starts, offset, number)
    starts = []
    cursor = 0
    for group in groups:
        found = text_line.find(group.surface, cursor)
        if found < 0:
            raise InvalidDocumentError(
                f"CoNLL-U sentence {number}: token {group.surface!r} is not in its text "
                f"{text_line!r}"
            )
        starts.append(found)
        cursor = found + len(group.surface)
    return text_line, _words(groups, starts, offset, number)


def _or_space(after: str | None) -> str:
    return " " if after is None else after


def _words(
    groups: Sequence[_Group], starts: Sequence[int], offset: int, number: int
) -> list[Token]:
    tokens = []
    for group, start in zip(groups, starts, strict=True):
        forms = [word["form"] for word in group.words]
        spans = _word_spans(group.surface, offset + start, forms)
        for word, (word_start, word_end) in zip(group.words, spans, strict=True):
            head = word["head"]
            if not isinstance(head, int):
                raise InvalidDocumentError(
                    f"CoNLL-U sentence {number}: word {word['id']} has no head"
                )
            tokens.append(
                Token(
                    start=word_start,
                    end=word_end,
                    text=word["form"],
                    lemma=word["lemma"] if word["lemma"] not in (None, "_") else word["form"],
                    upos=word["upos"] or "X",
                    feats=_feats_text(word["feats"]),
                    head=head,
                    deprel=word["deprel"] or "dep",
                )
            )
    return tokens


def to_conllu(parsed: ParsedText) -> str:
    """CoNLL-U for a parsed text, from which :func:`from_conllu` rebuilds the exact text.

    Each sentence gets ``# sent_id`` and ``# text`` (on one line, as UD requires); the first
    also ``# newdoc``, and one after a blank line ``# newpar``. Whitespace goes into MISC:
    ``SpaceAfter=No`` where a word touches the next, ``SpacesAfter`` for anything but one
    space (always on a sentence's last word, so what lies between sentences is kept too) and
    ``SpacesBefore`` on the first word for text before it. Words that share one span (a
    multi-word token whose parts are not substrings) get a range line, as does a word whose
    form is not the text it spans. Sentences without words are left out (CoNLL-U has no
    place for them, nor for a text without a single word).
    """
    text = parsed.text
    written = [sentence for sentence in parsed.sentences if sentence.tokens]
    blocks = []
    for index, sentence in enumerate(written):
        first, last = sentence.tokens[0], sentence.tokens[-1]
        previous_end = written[index - 1].tokens[-1].end if index else 0
        lines = ["# newdoc"] if index == 0 else []
        if index and _PARAGRAPH_BREAK.search(text, previous_end, first.start):
            lines.append("# newpar")
        lines.append(f"# sent_id = {index + 1}")
        lines.append(f"# text = {_single_line(text[first.start : last.end])}")
        following = written[index + 1].tokens[0].start if index + 1 < len(written) else len(text)
        leading = text[: first.start] if index == 0 else ""
        lines.extend(_token_lines(text, sentence.tokens, following, leading))
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks) + ("\n" if blocks else "")


def _token_lines(text: str, tokens: Sequence[Token], following: int, leading: str) -> Iterator[str]:
    """The lines of one sentence's words; ``following`` is where the next word starts."""
    groups = [
        list(group)
        for _, group in itertools.groupby(
            enumerate(tokens, start=1), key=lambda item: (item[1].start, item[1].end)
        )
    ]
    for number, group in enumerate(groups):
        first_id, token = group[0]
        last_id = group[-1][0]
        next_start = groups[number + 1][0][1].start if number + 1 < len(groups) else following
        misc = _misc(
            text[token.end : next_start],
            sentence_end=number + 1 == len(groups),
            before=leading if number == 0 else "",
        )
        surface = text[token.start : token.end]
        ranged = len(group) > 1 or token.text != surface
        if ranged:
            yield f"{first_id}-{last_id}\t{surface}\t_\t_\t_\t_\t_\t_\t_\t{misc}"
        for word_id, word in group:
            columns = [
                str(word_id),
                word.text,
                word.lemma or "_",
                word.upos,
                "_",
                word.feats or "_",
                str(word.head),
                word.deprel,
                "_",
                "_" if ranged else misc,
            ]
            yield "\t".join(columns)


def _misc(after: str, *, sentence_end: bool, before: str) -> str:
    """MISC for a token followed by ``after`` (and, on the document's first, preceded by
    ``before``)."""
    fields = []
    if after == "":
        fields.append("SpaceAfter=No")
    elif after != " " or sentence_end:
        fields.append(f"SpacesAfter={escape_spaces(after)}")
    if before:
        fields.append(f"SpacesBefore={escape_spaces(before)}")
    return "|".join(fields) or "_"


_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
_TAB_OR_LINE_BREAK = re.compile(r"[\t\n\r]")
_ESCAPES = {" ": "\\s", "\t": "\\t", "\n": "\\n", "\r": "\\r", "|": "\\p", "\\": "\\\\"}
_UNESCAPES = {code[1]: char for char, code in _ESCAPES.items()}
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)


def escape_spaces(text: str) -> str:
    r"""``text`` as a MISC ``SpacesAfter``/``SpacesBefore`` value, escaped as Stanza does.

    Space, tab, line feed, carriage return, ``|`` and the backslash get their UD escapes
    (``\s \t \n \r \p \\``); any other character that CoNLL-U could not hold as it is
    (other whitespace, control characters, ``=`` and ``_``) becomes ``\uXXXX``.

    >>> print(escape_spaces("\n\n  \u00a0"))
    \n\n\s\s\u00A0
    """
    return "".join(_ESCAPES.get(char) or _code_point(char) for char in text)


def _code_point(char: str) -> str:
    if not (char.isspace() or not char.isprintable() or char in "=_"):
        return char
    code = ord(char)
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def unescape_spaces(value: str) -> str:
    """The text a ``SpacesAfter``/``SpacesBefore`` value stands for (see :func:`escape_spaces`);
    an unknown escape stands for itself."""

    def replace(match: re.Match[str]) -> str:
        code = match[1]
        if len(code) > 1:
            return chr(int(code[1:], 16))
        return _UNESCAPES.get(code, match[0])

    return _ESCAPE.sub(replace, value)


def _single_line(text: str) -> str:
    """The text with tabs and line breaks made spaces: a ``# text`` comment is one line."""
    return _TAB_OR_LINE_BREAK.sub(" ", text)
