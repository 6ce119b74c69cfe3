"""Dependency-tree helpers for move detection: subtrees, clause spans and trimmed offsets.

Moves take their spans from the parse, not from commas: a subordinate clause is the subtree
of its head, the host clause is its governor's subtree minus that subtree. Subtrees need not
be contiguous, so a span is the unbroken run of words around the clause head, trimmed of
connectives and punctuation at its edges.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from argmine.text.words import MODAL_CONTRACTIONS, MODALS
from argmine.types import Sentence, Span, Token

#: Modal auxiliaries by lemma or form: a clause with one states a possibility or rule, not a
#: past event.
_MODAL_WORDS = MODALS | MODAL_CONTRACTIONS
_LEADING_RELATIONS = frozenset({"punct", "cc", "mark"})
_OPENERS = "([{"
_CLOSERS = ")]}"
_EDGE_PUNCTUATION = ",;:.!?…—–-"
PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n|\u2029")


def base(deprel: str) -> str:
    """The universal part of a relation (``nsubj:pass`` → ``nsubj``)."""
    return deprel.split(":", 1)[0]


def trim(text: str, start: int, end: int) -> Span | None:
    """``[start, end)`` without surrounding whitespace, edge punctuation or unpaired brackets.

    None when nothing is left: a move never carries an empty or punctuation-only span.
    """
    while True:
        before = (start, end)
        while start < end and (text[start].isspace() or text[start] in _EDGE_PUNCTUATION):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_PUNCTUATION):
            end -= 1
        inner = text[start:end]
        if inner and inner[0] in _OPENERS and _CLOSERS[_OPENERS.index(inner[0])] not in inner:
            start += 1
        if inner and inner[-1] in _CLOSERS and _OPENERS[_CLOSERS.index(inner[-1])] not in inner:
            end -= 1
        if inner and inner[-1] == '"' and inner.count('"') % 2:
            end -= 1
        elif inner and inner[0] == '"' and inner.count('"') % 2:
            start += 1
        if (start, end) == before:
            return Span(start, end) if start < end else None


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every paragraph: text between blank lines, whitespace trimmed."""
    bounds = []
    cursor = 0
    for match in [*PARAGRAPH_BREAK.finditer(text), None]:
        stop = match.start() if match else len(text)
        piece = text[cursor:stop]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            bounds.append((cursor + lead, cursor + len(piece.rstrip())))
        cursor = match.end() if match else stop
    return bounds


class Tree:
    """One sentence's dependency tree, indexed for the queries move detection makes.

    Words are numbered from 1 as in CoNLL-U; ``position`` is the sentence's index in the
    document and ``paragraph`` the index of the paragraph it starts in. ``connectives`` holds
    the words of discourse markers set off in the sentence ("In conclusion,"): spans drop
    them at their edges, whichever move the span belongs to. ``edge_words`` are adverbs that
    belong to a connective, not to the clause they open ("If X, then Y"): spans drop them at
    their start (the move detector passes the lexicon's ``edge`` role).
    """

    def __init__(
        self,
        text: str,
        sentence: Sentence,
        position: int,
        paragraph: int,
        *,
        edge_words: Collection[str] = frozenset(),
    ) -> None:
        self.text = text
        self.edge_words = frozenset(edge_words)
        self.sentence = sentence
        self.position = position
        self.paragraph = paragraph
        self.connectives: set[int] = set()
        self.size = len(sentence.tokens)
        self.forms = [""] + [token.text.lower() for token in sentence.tokens]
        self._relations = [""] + [base(token.deprel) for token in sentence.tokens]
        self._children: dict[int, list[int]] = {}
        for index, token in enumerate(sentence.tokens, start=1):
            self._children.setdefault(token.head, []).append(index)

    def token(self, index: int) -> Token:
        return self.sentence.tokens[index - 1]

    def deprel(self, index: int) -> str:
        """The universal relation of word ``index`` to its head."""
        return self._relations[index]

    def head(self, index: int) -> int:
        return self.token(index).head

    def children(self, index: int, *relations: str) -> list[int]:
        """Dependents of ``index``, only those with one of ``relations`` if any are given."""
        found = self._children.get(index, [])
        if not relations:
            return list(found)
        return [child for child in found if self.deprel(child) in relations]

    def subtree(self, index: int) -> set[int]:
        nodes = {index}
        stack = [index]
        while stack:
            for child in self._children.get(stack.pop(), []):
                nodes.add(child)
                stack.append(child)
        return nodes

    def ancestors(self, index: int) -> Iterator[int]:
        node = self.head(index)
        while node:
            yield node
            node = self.head(node)

    def dominates(self, upper: int, lower: int) -> bool:
        return upper == lower or upper in self.ancestors(lower)

    def tense(self, index: int) -> str | None:
        """Tense of the clause headed by ``index``: a modal's ``Modal``, else the finite word's."""
        for aux in self.children(index, "aux", "cop"):
            token = self.token(aux)
            if token.lemma.lower() in _MODAL_WORDS or self.forms[aux] in _MODAL_WORDS:
                return "Modal"
            if token.features.get("VerbForm") == "Fin" or "Tense" in token.features:
                return token.features.get("Tense")
        features = self.token(index).features
        if features.get("Mood") == "Imp":
            return "Pres"
        return features.get("Tense")

    def clause_span(
        self,
        anchor: int,
        *,
        within: int | None = None,
        exclude: Collection[int] = (),
        strip: Collection[int] = (),
    ) -> Span | None:
        """The trimmed run of words around ``anchor`` in the subtree of ``within``.

        ``within`` defaults to ``anchor``. Words in ``exclude`` break the run; words in
        ``strip`` (and punctuation, conjunctions, subordinators and connective adverbs)
        are dropped where they sit at its edges.
        """
        keep = self.subtree(anchor if within is None else within) - set(exclude)
        if anchor not in keep:
            return None
        first = last = anchor
        while first - 1 in keep:
            first -= 1
        while last + 1 in keep:
            last += 1
        return self.words_span(first, last, strip=strip)

    def words_span(self, first: int, last: int, *, strip: Collection[int] = ()) -> Span | None:
        """Words ``first..last`` as a trimmed character span, edge connectives dropped."""
        while first <= last and self._edge(first, strip, leading=True):
            first += 1
        while last >= first and self._edge(last, strip, leading=False):
            last -= 1
        if first > last:
            return None
        return trim(self.text, self.token(first).start, self.token(last).end)

    def _edge(self, index: int, strip: Collection[int], *, leading: bool) -> bool:
        if index in strip or index in self.connectives or self.deprel(index) == "punct":
            return True
        if not leading:
            return False
        return self.deprel(index) in _LEADING_RELATIONS or (
            self.deprel(index) == "advmod" and self.forms[index] in self.edge_words
        )

    def span(self) -> Span | None:
        """The whole sentence, trimmed."""
        return trim(self.text, self.sentence.start, self.sentence.end)

    def first_word(self) -> int:
        """The first word that is not punctuation (0 for none)."""
        for index in range(1, self.size + 1):
            if self.deprel(index) != "punct":
                return index
        return 0
