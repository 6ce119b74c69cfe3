"""Argumentative discourse units from the Stanza parse: sentences, then clause boundaries.

A sentence is split where the dependency tree starts a new clause that argues on its own:

* a coordinated clause (``conj`` of a predicate) introduced by a conjunction or after a comma
  or semicolon — "…, **but** the costs are rising", "…, **so** we must act" — except, in a
  written document of several paragraphs, one joined by "and", "or", "nor" or "but", which
  essay annotators keep in one component (``segment(parsed, written=True)``), unless the
  sentence opens with the other side's words ("Some say X, but Y");
* a finite adverbial clause (``advcl``) opened by a discourse marker that links two claims
  ("because", "since", "although", "even if" …; the longest lexicon phrase at the clause's
  start decides, so "as long as" is not the "as" of a reason) — the boundary falls before
  the clause when it follows its head, and after it when it comes first ("Although X, Y"
  splits before Y); a non-finite one ("for making amends", "while studying") stays, and so
  does an ambiguous "as"/"since"/"while" after its head without a comma ("as strong as we
  must be", "act as he talks");
* a ``parataxis`` clause after a colon, semicolon or dash.

Conditionals ("if", "when", "unless", "as long as") and relative clauses stay inside their
unit: in the argumentation corpora the condition belongs to the claim it restricts, and a
relative clause to the phrase it describes (on ElecDeb60to20's train debates, 58 of 75
", which/who" splits fell inside one gold component). A new unit must
keep at least :data:`MIN_UNIT_WORDS` words on each side, so coordinated verbs ("read and
write") are never split.

>>> from argmine.types import ParsedText, Sentence, Token
>>> words = [("Taxes", "tax", "NOUN", 2, "nsubj"), ("fall", "fall", "VERB", 0, "root")]
>>> tokens, start = [], 0
>>> for form, lemma, upos, head, deprel in words:
...     tokens.append(Token(start, start + len(form), form, lemma, upos, None, head, deprel))
...     start += len(form) + 1
>>> segment(ParsedText("Taxes fall", [Sentence(0, 10, tokens)]))
(Span(start=0, end=10),)
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from argmine.moves.lexicon import default_lexicon
from argmine.text.cues import OPPONENT_PATTERN
from argmine.text.tree import Tree
from argmine.types import ParsedText, Sentence, Span, Token

#: Subordinators whose adverbial clause is a unit of its own (lower-case, as written): the
#: lexicon's ``subordinator`` role (``moves/markers.toml``).
LINKING_SUBORDINATORS = default_lexicon().phrases(role="subordinator")
#: Every marker phrase of the lexicon: the longest one that opens a clause names its
#: subordinator ("as long as" is a condition, not the "as" of a reason).
_MARKER_PHRASES = default_lexicon().phrases()
_LONGEST_MARKER = max(len(phrase.split()) for phrase in _MARKER_PHRASES)

#: Coordinating conjunctions that open a new unit when they join two clauses (``conjunction``).
CLAUSE_CONJUNCTIONS = default_lexicon().phrases(role="conjunction")
#: Those whose clause stays in its unit in a written document (``joining``: and, or, nor, but).
JOINING_CONJUNCTIONS = default_lexicon().phrases(role="joining")
#: Conjunctions whose clause is a unit even without its own subject (``clausal``).
_CLAUSAL_CONJUNCTIONS = default_lexicon().phrases(role="clausal")

#: Subordinators that also compare, tell the time or the manner ("as strong as we must be",
#: "since 1990", "act as he talks"): after their head they open a unit only behind a comma.
_AMBIGUOUS_SUBORDINATORS = frozenset(
    phrase for phrase in LINKING_SUBORDINATORS if default_lexicon()[phrase].ambiguous
)

#: Ambiguous subordinators whose present or modal clause gives a reason even after its head
#: without a comma ("they lose interest since their votes don't count"; a temporal "since"
#: wants a past or a date: "since he left", "since 1990"): the lexicon's ``present_reason``.
_PRESENT_REASONS = default_lexicon().phrases(role="present_reason")


#: Verbs of saying, seeing and knowing: an adverbial clause of one without its complement
#: comments on the sentence ("As you can see, X", "As I said before, X", "as we know"),
#: it gives no reason of its own.
_COMMENT_VERBS = frozenset(
    {
        "see", "say", "mention", "state", "note", "know", "show", "discuss", "explain",
        "argue", "read", "write", "notice", "hear", "tell", "remember", "describe", "point",
    }
)  # fmt: skip
_COMPLEMENTS = frozenset({"obj", "ccomp", "xcomp", "csubj"})

#: Fewest words (punctuation excluded) a unit may keep on either side of a split.
MIN_UNIT_WORDS = 3

_PREDICATE_UPOS = frozenset({"VERB", "AUX"})
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "csubj", "expl"})
_BREAKING_PUNCTUATION = frozenset({",", ";", ":", "–", "—", "-"})


def _is_clause(tree: Tree, index: int) -> bool:
    relations = _relations_of(tree, index)
    return tree.token(index).upos in _PREDICATE_UPOS or bool(
        relations & (_SUBJECTS | {"cop", "aux"})
    )


def _relations_of(tree: Tree, index: int) -> set[str]:
    """The full relations (``nsubj:pass``, not ``nsubj``) of ``index``'s dependents."""
    return {tree.token(child).deprel for child in tree.children(index)}


def _opener(tree: Tree, index: int) -> str:
    """The words of ``index``'s ``mark`` or ``cc`` dependents, lower-cased and joined."""
    return " ".join(tree.forms[child] for child in tree.children(index, "mark", "cc"))


def _first_word(tree: Tree, start: int, stop: int) -> int | None:
    for index in range(start, stop + 1):
        if tree.token(index).upos != "PUNCT":
            return index
    return None


def _is_finite(tree: Tree, index: int) -> bool:
    """Whether the clause headed by ``index`` has its own subject or a finite verb: a
    non-finite adverbial ("for making amends", "while studying", "as fit for play") belongs
    to the unit it modifies."""
    words = [index, *tree.children(index, "aux", "cop")]
    finite = any("VerbForm=Fin" in (tree.token(word).feats or "") for word in words)
    return finite or bool(_relations_of(tree, index) & _SUBJECTS)


def _opening_marker(tree: Tree, left: int, index: int) -> str:
    """The subordinator that opens the clause of ``index`` (its subtree starts at ``left``):
    the longest lexicon phrase that covers the clause's first word and starts there or just
    before it ("as long | as", where the parser keeps "as long" outside), or else the words
    of its ``mark``/``cc`` dependents."""
    found = ""
    for start in range(max(1, left - _LONGEST_MARKER + 1), left + 1):
        for stop in range(left, min(tree.size, start + _LONGEST_MARKER - 1) + 1):
            words = " ".join(tree.forms[start : stop + 1])
            if words in _MARKER_PHRASES and len(words) > len(found):
                found = words
    return found or _opener(tree, index)


def _marker_start(tree: Tree, first: int) -> int:
    """Move a boundary back over the words a multi-word marker left outside the clause's
    subtree ("as long | as", "even | though")."""
    for width in (2, 1):
        words = " ".join(tree.forms[first - width : first + 1])
        if first - width >= 1 and words in LINKING_SUBORDINATORS:
            return first - width
    return first


def _present_reason(tree: Tree, index: int) -> bool:
    """Whether the clause of ``index`` is present or modal and names no number: a reason,
    not a time ("since their votes don't count", not "since he left", "since 1990")."""
    counted = any(tree.token(word).upos == "NUM" for word in tree.subtree(index))
    return tree.tense(index) in ("Pres", "Modal") and not counted


def _comments(tree: Tree, index: int) -> bool:
    """Whether the clause of ``index`` is a comment ("as you can see", "as I said before"):
    a verb of saying, seeing or knowing that lacks its complement."""
    return tree.token(index).lemma.lower() in _COMMENT_VERBS and not (
        {tree.deprel(child) for child in tree.children(index)} & _COMPLEMENTS
    )


def _split_points(tree: Tree, joining: frozenset[str]) -> set[int]:
    """The words (numbered from 1) that start a new unit inside the sentence."""
    points: set[int] = set()
    for index in range(1, tree.size + 1):
        token = tree.token(index)
        if not token.head or not _is_clause(tree, index):
            continue
        inside_relative = any(tree.deprel(above) == "acl" for above in tree.ancestors(index))
        subtree = tree.subtree(index)
        left, right = min(subtree), max(subtree)
        if tree.token(left).upos == "PUNCT":
            left = _first_word(tree, left, right) or left
        before = tree.token(left - 1).text if left > 1 else ""
        opener = _opener(tree, index)
        if tree.deprel(index) in ("conj", "parataxis") and inside_relative:
            continue  # "people who read and who write": the relative clause stays whole
        marker = _opening_marker(tree, left, index)
        if (
            marker in LINKING_SUBORDINATORS
            # the relations the move detector accepts ("since" opens relatives too; "because"
            # may come as a misparsed complement: "Calendars help because we can …")
            and tree.deprel(index) in default_lexicon()[marker].clause_relations
            and _is_finite(tree, index)
        ):
            if _comments(tree, index):
                continue
            if left > token.head:
                if (
                    marker not in _AMBIGUOUS_SUBORDINATORS
                    or before in (",", ";")
                    or (marker in _PRESENT_REASONS and _present_reason(tree, index))
                ):
                    points.add(_marker_start(tree, left))
            else:
                after = _first_word(tree, right + 1, tree.size)
                if after is not None:
                    points.add(after)
        elif tree.deprel(index) == "conj" and opener in joining:
            continue
        elif tree.deprel(index) == "conj":
            conjunction = opener in CLAUSE_CONJUNCTIONS
            own_subject = bool(_relations_of(tree, index) & _SUBJECTS)
            full_clause = (conjunction or before in (",", ";")) and (
                own_subject or opener in _CLAUSAL_CONJUNCTIONS
            )
            after_comma = conjunction and before == ","
            if full_clause or after_comma:
                points.add(left)
        elif tree.deprel(index) == "parataxis" and (
            before in _BREAKING_PUNCTUATION or tree.token(left).text in _BREAKING_PUNCTUATION
        ):
            opening = _first_word(tree, left, right)
            if opening is not None:
                points.add(opening)
    return points


def _word_count(tokens: Iterable[Token]) -> int:
    return sum(1 for token in tokens if token.upos != "PUNCT")


def _sentence_units(text: str, sentence: Sentence, *, written: bool) -> list[Span]:
    tokens = sentence.tokens
    starts = [0]
    # 0-based token indices from here on
    # The other side's words and the author's answer stay apart: "Some say X, but Y".
    conceding = bool(OPPONENT_PATTERN.match(text[sentence.start : sentence.end]))
    joining = JOINING_CONJUNCTIONS if written and not conceding else frozenset()
    points = _split_points(Tree(text, sentence, 0, 0), joining)
    for point in sorted(word - 1 for word in points):
        if point == 0:
            continue
        if _word_count(tokens[starts[-1] : point]) < MIN_UNIT_WORDS:
            continue
        if _word_count(tokens[point:]) < MIN_UNIT_WORDS:
            continue
        starts.append(point)
    spans = []
    for number, first in enumerate(starts):
        last = (starts[number + 1] if number + 1 < len(starts) else len(tokens)) - 1
        start = tokens[first].start if number else sentence.start
        end = tokens[last].end if number + 1 < len(starts) else sentence.end
        while end > start and text[end - 1].isspace():
            end -= 1
        if text[start:end].strip():
            spans.append(Span(start, end))
    return spans


def segment(parsed: ParsedText, *, written: bool = False) -> tuple[Span, ...]:
    """The argumentative discourse units of ``parsed`` as character spans, in text order.

    ``written``: a written document of several paragraphs, whose "and"/"or"/"but" clauses
    stay in their unit (the lexicon's ``joining`` conjunctions) unless the sentence opens
    with the other side's words ("Some say X, but Y")."""
    units: list[Span] = []
    for sentence in parsed.sentences:
        if _word_count(sentence.tokens) == 0:
            continue
        units.extend(_sentence_units(parsed.text, sentence, written=written))
    return tuple(units)


@attrs.frozen
class BoundaryScores:
    """Boundary precision, recall and F1, pooled over texts, with the counts behind them."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __add__(self, other: BoundaryScores) -> BoundaryScores:
        return BoundaryScores(
            self.true_positives + other.true_positives,
            self.false_positives + other.false_positives,
            self.false_negatives + other.false_negatives,
        )


def boundaries(text: str, spans: Iterable[Span]) -> frozenset[int]:
    """The inner unit boundaries of ``spans``: each unit's first non-space character, except
    at the very start of the text (which is no decision)."""
    result = set()
    for span in spans:
        start = span.start
        while start < len(text) and text[start].isspace():
            start += 1
        if text[:start].strip():
            result.add(start)
    return frozenset(result)


def boundary_scores(text: str, predicted: Iterable[Span], gold: Iterable[Span]) -> BoundaryScores:
    """Compare predicted and gold unit starts (see :func:`boundaries`) of one text.

    >>> boundary_scores("A b. C d.", [Span(0, 4), Span(5, 9)], [Span(0, 9)])
    BoundaryScores(true_positives=0, false_positives=1, false_negatives=0)
    """
    found, expected = boundaries(text, predicted), boundaries(text, gold)
    return BoundaryScores(len(found & expected), len(found - expected), len(expected - found))
