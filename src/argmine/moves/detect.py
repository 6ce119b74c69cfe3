"""Find rhetorical moves in a parse: typed, span-level enumerations, conditionals, contrasts, ...

Markers are found by longest match over the words of each sentence ("as long as" before
"as"); each kind of marker then checks its syntactic frame in the dependency tree and takes
its spans from it (a subordinate clause is its head's subtree, the host clause is the
governor's subtree without it). Markers whose sense the frame cannot settle (temporal or
conditional "when", temporal or causal "since" and "as", contrastive or concessive "while",
"but" and "however", causal or concluding "therefore") become
:class:`~argmine.moves.senses.MarkerContext` values, each with the move every sense would
give, and a sense function labels them all at once: the shipped classifier when its model
file is installed, else the rules of :func:`conservative_senses`.

The rules live in one module per move family, each a mixin of :class:`_Detector`:
:mod:`~argmine.moves.enumeration`, :mod:`~argmine.moves.conditional`,
:mod:`~argmine.moves.contrast` (contrast and concession), :mod:`~argmine.moves.cause` (cause
and conclusion) and :mod:`~argmine.moves.scoped` (exemplification, reformulation); what they
share is :mod:`~argmine.moves.rules`, the sense rules :mod:`~argmine.moves.sense_rules`, and
the markers the one lexicon (``moves/markers.toml``, :mod:`~argmine.moves.lexicon`).

>>> from argmine.parsing import parse
>>> text = "Only when both sides keep their promises can peace return."
>>> (move,) = detect_moves(parse(text, parser="bundled"))  # doctest: +SKIP
>>> move.condition, text[move.antecedent.start : move.antecedent.end]  # doctest: +SKIP
(<Condition.NECESSARY: 'necessary'>, 'both sides keep their promises')
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

import attrs

from argmine.moves import cause, conditional, contrast, scoped
from argmine.moves.enumeration import EnumerationRules
from argmine.moves.rules import EDGE_WORDS, MARKERS, Ambiguous, Match
from argmine.moves.sense_rules import (
    RULED_MARKERS,
    SenseFunction,
    conservative_senses,
    default_senses,
)
from argmine.text.tree import Tree, paragraph_bounds
from argmine.types import AnyMove, Layout, LayoutKind, ParsedText


def detect_moves(
    parsed: ParsedText, *, senses: SenseFunction | None = None, layout: Layout | None = None
) -> tuple[AnyMove, ...]:
    """Every move in ``parsed``, sorted by start, with ids ``m1``, ``m2``, ...

    ``senses`` decides the ambiguous markers; None means :func:`default_senses`. ``layout``
    (:func:`argmine.layout.detect_layout`) gives a transcript's speaker turns: one speaker
    does not go on with another's list, so no enumeration, and no announcement of one,
    crosses a speaker label. Never raises on a valid :class:`ParsedText`.
    """
    turns = (
        [] if layout is None else [s.start for s in layout.spans if s.kind is LayoutKind.SPEAKER]
    )
    detector = _Detector(parsed, turns)
    found = detector.run()
    contexts = [candidate.context for candidate in detector.ambiguous]
    labels = (senses or default_senses())(contexts) if contexts else []
    if len(labels) != len(contexts):
        raise ValueError(
            f"the sense function gave {len(labels)} labels for {len(contexts)} markers"
        )
    for candidate, label in zip(detector.ambiguous, labels, strict=True):
        if label in candidate.readings:
            found.append(candidate.readings[label])
    found.sort(key=lambda move: (move.start, move.end, move.kind.value))
    return tuple(attrs.evolve(move, id=f"m{number}") for number, move in enumerate(found, 1))


class _Detector(
    EnumerationRules,
    conditional.ConditionalRules,
    contrast.ContrastRules,
    cause.CauseRules,
    scoped.ScopedRules,
):
    """One pass over a document: enumerations, then every lexicon marker in reading order."""

    def __init__(self, parsed: ParsedText, turns: Sequence[int] = ()) -> None:
        self.parsed = parsed
        self.text = parsed.text
        self.paragraphs = paragraph_bounds(parsed.text)
        self._starts = [start for start, _ in self.paragraphs]
        self._turns = sorted(turns)
        self.trees = [
            Tree(
                parsed.text,
                sentence,
                position,
                self.paragraph_of(sentence.start),
                edge_words=EDGE_WORDS,
            )
            for position, sentence in enumerate(parsed.sentences)
        ]
        self.matches = [list(_matches(tree)) for tree in self.trees]
        self.ordinals = [self._ordinals(tree) for tree in self.trees]
        for tree, matches, ordinals in zip(self.trees, self.matches, self.ordinals, strict=True):
            tree.connectives = self._connectives(tree, matches, ordinals)
        self.moves: list[AnyMove] = []
        self.ambiguous: list[Ambiguous] = []
        self.claimed: set[tuple[int, int]] = set()

    def _connectives(
        self, tree: Tree, matches: list[Match], ordinals: dict[int, tuple[int, int]]
    ) -> set[int]:
        """Marker words set off by punctuation ("However,", "Fourth,", ", for example.")."""
        words: set[int] = set()
        groups = [match.ids for match in matches if match.phrase not in _IGNORED]
        groups += [tuple(range(index, last + 1)) for index, (_, last) in ordinals.items()]
        for group in groups:
            last = max(group)
            if last == tree.size or tree.deprel(last + 1) == "punct":
                words.update(group)
        return words

    def run(self) -> list[AnyMove]:
        """Every move the rules settle; ambiguous ones wait in :attr:`ambiguous`."""
        self.enumerations()
        for tree, matches in zip(self.trees, self.matches, strict=True):
            for match in matches:
                if not any((tree.position, word) in self.claimed for word in match.ids):
                    _LEXICON[match.phrase.split()[0]][match.phrase](self, match)
            self.shows(tree)
            self.inverted_conditional(tree)
        return self.moves

    def ignore(self, match: Match) -> None:
        """Phrases that hold a marker word but are no marker ("as if", "so that", "all but")."""


_Handler = Callable[[_Detector, Match], None]
#: The rule of each detector frame of the lexicon (``ordinal`` items are found apart).
_FRAMES: Mapping[str, _Handler] = {
    **conditional.FRAMES,
    **contrast.FRAMES,
    **cause.FRAMES,
    **scoped.FRAMES,
    "ignore": _Detector.ignore,
}
#: First word → phrase → rule, for longest match.
_LEXICON: dict[str, dict[str, _Handler]] = {}

for _marker in MARKERS:
    if _marker.frame is not None and _marker.frame != "ordinal":
        _LEXICON.setdefault(_marker.phrase.split()[0], {})[_marker.phrase] = _FRAMES[_marker.frame]
_IGNORED = MARKERS.phrases(frame="ignore")

_LONGEST = max(len(phrase.split()) for entries in _LEXICON.values() for phrase in entries)


def _matches(tree: Tree) -> Iterator[Match]:
    """Lexicon phrases in a sentence, longest first, never sharing a word."""
    index = 1
    while index <= tree.size:
        entries = _LEXICON.get(tree.forms[index], {})
        for length in range(min(_LONGEST, tree.size - index + 1), 0, -1):
            phrase = " ".join(tree.forms[index : index + length])
            if phrase in entries:
                yield Match(tree, tuple(range(index, index + length)), phrase)
                index += length
                break
        else:
            index += 1


__all__ = [
    "RULED_MARKERS",
    "SenseFunction",
    "conservative_senses",
    "default_senses",
    "detect_moves",
]
