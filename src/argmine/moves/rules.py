"""What every move family's rules share: the lexicon, a marker match, tree queries, and the
:class:`Rules` base class of the family mixins (the document, the moves found so far, and the
frames of subordinate clauses, prepositional phrases and sentence adverbs).

The driver (:mod:`argmine.moves.detect`) combines the families into one detector.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

import attrs

from argmine.moves.lexicon import Lexicon, default_lexicon
from argmine.moves.senses import MarkerContext
from argmine.text.tree import Tree
from argmine.types import (
    AnyMove,
    Conclusion,
    Exemplification,
    ParsedText,
    Reformulation,
    Span,
)

#: The one marker lexicon (``moves/markers.toml``).
MARKERS: Lexicon = default_lexicon()

#: Adverbs a move's span drops at its start: they belong to the connective ("then Y").
EDGE_WORDS = MARKERS.phrases(role="edge")
#: Markers with other uses ("the overall grade", "it is still raining") that count only
#: opening a sentence, set off by a comma ("Overall, X", "Still, X").
OPENING_MARKERS = MARKERS.phrases(role="opening")
#: Negations of a clause ("not X but Y", "will not return unless X").
NEGATIONS = frozenset({"not", "n't", "never"})


#: Verbs whose "if" clause is an indirect question, not a condition.
_ASKING = frozenset(
    {
        "ask", "wonder", "know", "see", "check", "doubt", "decide", "question", "tell",
        "find", "learn", "consider", "investigate", "determine", "judge", "unsure", "sure",
    }
)  # fmt: skip


@attrs.frozen
class Match:
    """A lexicon phrase found in a sentence: its words (1-based) and lowercased text."""

    tree: Tree
    ids: tuple[int, ...]
    phrase: str


@attrs.frozen
class Ambiguous:
    """A marker whose sense the sense function decides, with the move each sense gives."""

    context: MarkerContext
    readings: dict[str, AnyMove]


# -- tree queries shared by the families ------------------------------------------------------


def marker_object(tree: Tree, ids: Sequence[int]) -> int | None:
    """The clause or phrase a marker introduces: "because" → its clause's head.

    A preposition or subordinator hangs off what it introduces; a marker that is itself a
    head ("taking into account X") governs it.
    """
    marker = set(ids)
    last = max(ids)
    for word in reversed(ids):
        head = tree.head(word)
        if head > last and tree.deprel(word) in ("case", "mark", "cc", "advmod", "det"):
            return head
    for word in ids:
        for child in tree.children(word):
            if child > last and child not in marker and tree.deprel(child) != "punct":
                return child
    return None


def attachment(tree: Tree, node: int, ids: Iterable[int]) -> tuple[int, int]:
    """(top, governor): the highest of ``node`` and the marker words, and its head."""
    marker = set(ids)
    top = node
    while tree.head(top) in marker:
        top = tree.head(top)
    return top, tree.head(top)


def marker_top(tree: Tree, ids: Sequence[int]) -> tuple[int, int]:
    """(top, governor) of a marker phrase that stands alone ("however", "in other words")."""
    marker = set(ids)
    tops = [word for word in ids if tree.head(word) not in marker]
    top = min(tops, key=lambda word: len(list(tree.ancestors(word))))
    return top, tree.head(top)


def surface(tree: Tree, *groups: Sequence[int]) -> str:
    """The marker as written; discontinuous parts joined by " … "."""
    parts = []
    for group in filter(None, groups):
        first, last = tree.token(min(group)), tree.token(max(group))
        parts.append(tree.text[first.start : last.end])
    return " … ".join(parts)


def cover(first: Span, *others: Span | None) -> Span:
    """The smallest span that holds ``first`` and every other span given."""
    spans = [first, *(span for span in others if span is not None)]
    return Span(min(span.start for span in spans), max(span.end for span in spans))


def overlap(first: Span, second: Span) -> bool:
    return first.start < second.end and second.start < first.end


def has_content(tree: Tree, span: Span) -> bool:
    """Whether a span holds more than pronouns and auxiliaries ("This is" has none)."""
    return any(
        span.start <= token.start < span.end
        and token.upos in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
        for token in tree.sentence.tokens
    )


def clause_head(tree: Tree, node: int) -> int:
    """The head of the clause ``node`` belongs to: up through nominal relations."""
    while tree.head(node) and not is_clause(tree, node):
        node = tree.head(node)
    return node


def governing_clause(tree: Tree, governor: int) -> int:
    """The clause a subordinate clause modifies: a parser may hang it on a noun of that clause
    ("reaches the cellars whenever X")."""
    if governor and tree.token(governor).upos in ("NOUN", "PROPN", "PRON"):
        return clause_head(tree, governor)
    return governor


def unsubordinated(tree: Tree, word: int) -> bool:
    """Whether no word puts ``word``'s clause under another: up to the root, no clause is a
    relative clause or a conjunct, nor has a subordinator or a conjunction before ``word``.
    The bundled parser sometimes hangs a main clause under a misread verb ("A cap on rent
    increases ... is therefore not to be supported")."""
    for clause in tree.ancestors(word):
        if tree.head(clause) and tree.deprel(clause).startswith(("acl", "conj")):
            return False
        if any(child < word for child in tree.children(clause, "mark", "cc")):
            return False
    return True


def is_clause(tree: Tree, node: int) -> bool:
    relation = tree.deprel(node)
    if relation in ("advcl", "ccomp", "parataxis", "acl", "xcomp"):
        return True
    predicate = tree.token(node).upos in ("VERB", "AUX") or bool(
        tree.children(node, "nsubj", "cop", "csubj")
    )
    return relation == "conj" and predicate


def _nominal(tree: Tree, node: int) -> bool:
    """Whether what a subordinator seems to introduce is a bare noun phrase in a nominal
    relation, with no verb after it: the standard of a comparison ("live half as long as
    elephants in reserves"), no clause. A noun phrase a verb follows is the subject of a
    misparsed clause ("as long as new lettings remain free")."""
    after = max(tree.subtree(node)) + 1
    return (
        tree.deprel(node).split(":")[0] in ("obl", "nmod", "obj", "iobj", "nsubj")
        and tree.token(node).upos in ("NOUN", "PROPN", "PRON", "NUM")
        and not tree.children(node, "nsubj", "nsubj:pass", "cop", "expl")
        and not (after <= tree.size and tree.token(after).upos in ("VERB", "AUX"))
    )


def starts_clause(tree: Tree, index: int) -> bool:
    """Only punctuation and conjunctions before ``index``, or a semicolon or colon just before."""
    if index > 1 and tree.forms[index - 1] in (";", ":"):
        return True
    return all(tree.deprel(word) in ("punct", "cc") for word in range(1, index))


def marker_span(tree: Tree, ids: Sequence[int]) -> Span:
    return Span(tree.token(min(ids)).start, tree.token(max(ids)).end)


# -- the base of the family mixins -------------------------------------------------------------


class Rules:
    """The state of one pass over a document, and the frames several move families use.

    The driver's detector sets every attribute; each family is a subclass that adds the rules
    of its frames.
    """

    parsed: ParsedText
    text: str
    paragraphs: list[tuple[int, int]]
    _starts: list[int]
    #: Where each speaker turn of a transcript begins (empty for other texts).
    _turns: list[int]
    trees: list[Tree]
    matches: list[list[Match]]
    ordinals: list[dict[int, tuple[int, int]]]
    moves: list[AnyMove]
    ambiguous: list[Ambiguous]
    claimed: set[tuple[int, int]]

    def paragraph_of(self, offset: int) -> int:
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)

    def turn_of(self, offset: int) -> int:
        """The speaker turn at ``offset`` (0 before the first label or without any)."""
        return bisect.bisect_right(self._turns, offset)

    def paragraph_end(self, paragraph: int) -> int:
        return self.paragraphs[paragraph][1] if self.paragraphs else len(self.text)

    def previous(self, tree: Tree, host: int) -> Span | None:
        """What a sentence adverb looks back to: the clause this one joins, else the sentence
        before. A "complement" set off by a comma ("It rained, so the match was cancelled",
        parsed as a ccomp) is a joined clause too: a complement takes no comma."""
        head = tree.head(host)
        joined = tree.deprel(host) in ("conj", "parataxis", "advcl")
        first = min(tree.subtree(host))
        joined = joined or (tree.deprel(host) == "ccomp" and tree.forms[first] == ",")
        if head and head < host and joined:
            return tree.clause_span(head, exclude=tree.subtree(host))
        return self.previous_sentence(tree)

    def previous_sentence(self, tree: Tree) -> Span | None:
        """The sentence before ``tree``, trimmed (None for the first)."""
        return self.trees[tree.position - 1].span() if tree.position else None

    def host(self, tree: Tree, ids: Sequence[int]) -> tuple[int, Span | None]:
        """The clause a stand-alone marker modifies, and its span (the marker trimmed off).

        A marker attached inside a noun phrase ("home, for instance, helps") still modifies
        the clause around it.
        """
        top, governor = marker_top(tree, ids)
        if not governor:
            return top, tree.words_span(1, tree.size, strip=ids)
        clause = clause_head(tree, governor)
        return clause, tree.clause_span(clause, strip=ids)

    def add(self, move: AnyMove) -> None:
        self.moves.append(move)

    def offer(self, match: Match, readings: dict[str, AnyMove]) -> None:
        """Leave the choice between ``readings`` (by move kind) to the sense function."""
        context = MarkerContext(self.parsed, match.tree.position, match.ids, match.phrase)
        self.ambiguous.append(Ambiguous(context, readings))

    def claim(self, tree: Tree, *words: int) -> None:
        self.claimed.update((tree.position, word) for word in words)

    # -- subordinate clauses -------------------------------------------------------------------

    def _frame(self, match: Match) -> tuple[int, set[int], int, set[int]] | None:
        """The clause a subordinator introduces and its host: (clause head, words outside the
        clause, host head, words outside the host)."""
        tree = match.tree
        clause = marker_object(tree, match.ids)
        if clause is None:
            return None
        # A subordinator hung on the clause's subject ("as long as the border stays open")
        # still introduces that clause.
        last = max(match.ids)
        while tree.deprel(clause) != "advcl" and tree.head(clause) > last:
            clause = tree.head(clause)
        if _nominal(tree, clause):
            return None
        top, governor = attachment(tree, clause, match.ids)
        if not governor and starts_clause(tree, min(match.ids)):
            inverted = self._inverted(tree, clause, last)
            return (clause, tree.subtree(inverted), inverted, set()) if inverted else None
        # "when", "since", ... also open relatives and complements ("the day when X"), so only
        # an adverbial clause counts (the lexicon's relations); "if" may be parsed as a
        # complement ("It will only help if X") and opens an indirect question only under a
        # verb of asking or knowing (:data:`_ASKING`); "whenever" opens no relative,
        # whatever the parser hung it on
        relations = MARKERS[match.phrase].clause_relations
        if not governor or not (tree.deprel(clause) in relations or top != clause):
            return None
        if match.phrase == "if" and self._asks(tree, governor, min(match.ids)):
            return None
        return clause, set(), governing_clause(tree, governor), tree.subtree(top)

    def _asks(self, tree: Tree, governor: int, marker: int) -> bool:
        """Whether "if" opens an indirect question: right after a verb of asking or knowing, or
        after its pronoun object ("I was asked if X", "ask them if X", "not sure if X")."""
        between = range(governor + 1, marker)
        return (
            governor < marker
            and tree.token(governor).lemma.lower() in _ASKING
            and all(tree.token(word).upos in ("PRON", "PUNCT") for word in between)
        )

    def _inverted(self, tree: Tree, clause: int, after: int) -> int:
        """The main clause of "Only when X can Y" hung below X (0 if none).

        Parsers often make the fronted clause the root; the main clause then shows itself by
        subject-auxiliary inversion: it opens with an auxiliary of its own.
        """
        for child in tree.children(clause):
            first = min(tree.subtree(child))
            if (
                child > after
                and first != child
                and tree.token(first).upos == "AUX"
                and tree.head(first) == child
                and tree.deprel(first) in ("aux", "cop")
            ):
                return child
        return 0

    def _sides(self, match: Match) -> tuple[Span, Span, int] | None:
        """(subordinate clause, host clause, host head): disjoint spans, markers trimmed off."""
        frame = self._frame(match)
        if frame is None:
            return None
        tree = match.tree
        clause, outside_clause, host, outside_host = frame
        inner = tree.clause_span(clause, exclude=outside_clause, strip=match.ids)
        outer = tree.clause_span(host, exclude=outside_host, strip=match.ids)
        if inner is None or outer is None or overlap(inner, outer):
            return None
        return inner, outer, host

    # -- prepositional markers and sentence adverbs --------------------------------------------

    def _phrase_sides(self, match: Match) -> tuple[Span, Span | None] | None:
        """(object, rest of its clause) of a prepositional marker ("because of the cuts")."""
        tree = match.tree
        head = marker_object(tree, match.ids)
        if head is None:
            return None
        inner = tree.clause_span(head, strip=match.ids)
        if inner is None:
            return None
        top, governor = attachment(tree, head, match.ids)
        if len(tree.subtree(head)) == 1 and tree.forms[head] in ("this", "that", "these", "it"):
            # "Because of this, Y": the cause is what the sentence before said.
            inner = self.previous_sentence(tree) or inner
        if governor:
            rest = tree.clause_span(governor, exclude=tree.subtree(top), strip=match.ids)
        else:  # "The delay was due to rain": the marker heads the clause.
            rest = tree.clause_span(top, exclude=tree.subtree(head), strip=match.ids)
        if rest is not None and overlap(rest, inner):
            rest = None
        return inner, rest

    def _phrase_frame(self, match: Match) -> tuple[Span, str, Span, Span | None] | None:
        """(whole move, marker text, object, rest of clause) of a prepositional marker."""
        sides = self._phrase_sides(match)
        if sides is None:
            return None
        inner, rest = sides
        whole = cover(marker_span(match.tree, match.ids), inner, rest)
        return whole, surface(match.tree, match.ids), inner, rest

    def opens_sentence(self, match: Match) -> bool:
        """Whether the marker opens its sentence, set off by a comma (:data:`OPENING_MARKERS`
        count only there)."""
        tree = match.tree
        return (
            min(match.ids) == tree.first_word()
            and max(match.ids) < tree.size
            and tree.forms[max(match.ids) + 1] == ","
        )

    def _adverbial(self, match: Match) -> tuple[Span, Span] | None:
        """(previous unit, host clause) for a sentence adverb ("Therefore, Y").

        After a semicolon ("X; however, Y") the two sides are the words on either side of it,
        whatever clause the parser hung them on.
        """
        tree = match.tree
        if not self._sentence_adverb(tree, match.ids):
            return None
        first, last = min(match.ids), max(match.ids)
        if first > 1 and tree.forms[first - 1] == ";":
            opening = max((i for i in range(1, first - 1) if tree.forms[i] == ";"), default=0)
            closing = next((i for i in range(last + 1, tree.size) if tree.forms[i] == ";"), 0)
            before = tree.words_span(opening + 1, first - 2)
            span = tree.words_span(last + 1, (closing or tree.size + 1) - 1)
        else:
            host, span = self.host(tree, match.ids)
            before = self.previous(tree, host)
        if span is None or before is None or overlap(before, span):
            return None
        return before, span

    def _sentence_adverb(self, tree: Tree, ids: Sequence[int]) -> bool:
        """Set off by punctuation or opening the clause (also after "and": "and so Y"), not a
        degree word on the adjective or adverb it precedes ("however hard", "so quiet")."""
        first, last = min(ids), max(ids)
        degree = last < tree.size and tree.head(last) == last + 1
        degree = degree and tree.token(last + 1).upos in ("ADJ", "ADV")
        if starts_clause(tree, first) or tree.deprel(first - 1) in ("punct", "cc"):
            return not degree
        return last < tree.size and tree.deprel(last + 1) == "punct"

    def _scoped(
        self,
        match: Match,
        kind: type[Exemplification] | type[Conclusion] | type[Reformulation],
        scope: Span | None,
    ) -> None:
        if scope is None:
            return
        whole = cover(marker_span(match.tree, match.ids), scope)
        marker = surface(match.tree, match.ids)
        self.add(kind(id="", start=whole.start, end=whole.end, marker=marker, scope=scope))


__all__ = [
    "EDGE_WORDS",
    "MARKERS",
    "NEGATIONS",
    "Ambiguous",
    "Match",
    "Rules",
    "attachment",
    "clause_head",
    "cover",
    "governing_clause",
    "has_content",
    "is_clause",
    "marker_object",
    "marker_span",
    "marker_top",
    "overlap",
    "starts_clause",
    "surface",
]
