"""Convert parses from elsewhere into :class:`~argmine.types.ParsedText` and back to CoNLL-U.

Two sources: a ``stanza.Document`` (any Stanza pipeline with tokenize, pos, lemma and
depparse) and CoNLL-U text from any UD parser. Words are mapped onto the original text by
character offsets, never by re-joining token strings, so Stanza's ``<UNK>`` for over-long
tokens or a parser's normalised forms cannot shift a span.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

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

    The text is rebuilt from the ``# text`` comments (or, without them, from the word forms
    and ``SpaceAfter=No``): sentences joined by a newline, paragraphs (``# newpar``,
    ``# newdoc``) by a blank line. Offsets then point into that text, which
    :attr:`ParsedText.text` holds.
    """
    try:
        parsed = conllu.parse(data)
    except Exception as error:  # conllu raises its own ParseException and ValueErrors
        raise InvalidDocumentError(f"not valid CoNLL-U: {error}") from None
    pieces: list[str] = []
    length = 0
    sentences = []
    for number, sentence in enumerate(parsed, start=1):
        if not len(sentence):
            continue
        if pieces:
            separator = "\n\n" if _starts_paragraph(sentence.metadata) else "\n"
            pieces.append(separator)
            length += len(separator)
        sentence_text = sentence.metadata.get("text") or _surface(sentence)
        tokens = _conllu_tokens(sentence, sentence_text, length, number)
        sentences.append(Sentence(length, length + len(sentence_text), tokens))
        pieces.append(sentence_text)
        length += len(sentence_text)
    return ParsedText("".join(pieces), sentences)


def _starts_paragraph(metadata: dict[str, Any]) -> bool:
    return any(key.startswith(("newpar", "newdoc")) for key in metadata)


def _surface(sentence: Iterable[dict[str, Any]]) -> str:
    parts = []
    skip_until = 0
    for entry in sentence:
        identifier = entry["id"]
        if isinstance(identifier, tuple):
            if identifier[1] != "-":
                continue  # an empty node of enhanced UD
            skip_until = identifier[2]
        elif identifier <= skip_until:
            continue
        parts.append(entry["form"])
        if (entry.get("misc") or {}).get("SpaceAfter") != "No":
            parts.append(" ")
    return "".join(parts).rstrip(" ")


def _conllu_tokens(
    sentence: Sequence[dict[str, Any]], text: str, offset: int, number: int
) -> list[Token]:
    words = [entry for entry in sentence if isinstance(entry["id"], int)]
    groups: list[tuple[str, list[dict[str, Any]]]] = []
    covered = 0
    for entry in sentence:
        identifier = entry["id"]
        if isinstance(identifier, tuple):
            if identifier[1] == "-":
                first, last = identifier[0], identifier[2]
                groups.append((entry["form"], words[first - 1 : last]))
                covered = last
        elif identifier > covered:
            groups.append((entry["form"], [entry]))
    tokens = []
    cursor = 0
    for surface, members in groups:
        found = text.find(surface, cursor)
        if found < 0:
            raise InvalidDocumentError(
                f"CoNLL-U sentence {number}: token {surface!r} is not in its text {text!r}"
            )
        cursor = found + len(surface)
        spans = _word_spans(surface, offset + found, [word["form"] for word in members])
        for word, (start, end) in zip(members, spans, strict=True):
            head = word["head"]
            if not isinstance(head, int):
                raise InvalidDocumentError(
                    f"CoNLL-U sentence {number}: word {word['id']} has no head"
                )
            tokens.append(
                Token(
                    start=start,
                    end=end,
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
    """CoNLL-U for a parsed text, with ``# text`` lines and ``SpaceAfter=No`` where due."""
    blocks = []
    for number, sentence in enumerate(parsed.sentences, start=1):
        lines = [
            f"# sent_id = {number}",
            f"# text = {_one_line(parsed.text[sentence.start : sentence.end])}",
        ]
        index = 0
        tokens = sentence.tokens
        while index < len(tokens):
            # Words sharing one span form a multi-word token: a range line, then its words.
            last = index
            while last + 1 < len(tokens) and (tokens[last + 1].start, tokens[last + 1].end) == (
                tokens[index].start,
                tokens[index].end,
            ):
                last += 1
            following = tokens[last + 1].start if last + 1 < len(tokens) else None
            space = "SpaceAfter=No" if following == tokens[last].end else "_"
            if last > index:
                surface = parsed.text[tokens[index].start : tokens[index].end]
                lines.append(f"{index + 1}-{last + 1}\t{surface}\t_\t_\t_\t_\t_\t_\t_\t{space}")
            for position in range(index, last + 1):
                token = tokens[position]
                misc = space if last == index else "_"
                lines.append(
                    "\t".join(
                        [
                            str(position + 1),
                            token.text,
                            token.lemma,
                            token.upos,
                            "_",
                            token.feats or "_",
                            str(token.head),
                            token.deprel,
                            "_",
                            misc,
                        ]
                    )
                )
            index = last + 1
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks) + ("\n" if blocks else "")


def _one_line(text: str) -> str:
    return " ".join(text.split())
