"""Contrast and concession: concessive and contrastive subordinators and prepositions,
corrections ("instead of", "rather than", "not X but Y"), "but"/"yet"/"however" (two sides
for the sense function), "on the one hand ... on the other hand", concession adverbs and
admissions ("Admittedly X, but Y")."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from argmine.moves.rules import (
    MARKERS,
    NEGATIONS,
    OPENING_MARKERS,
    Match,
    Rules,
    attachment,
    cover,
    marker_object,
    marker_span,
    overlap,
    starts_clause,
    surface,
)
from argmine.text.tree import Tree
from argmine.types import Concession, Contrast, MoveKind, Span

#: Sentence openers that answer an admission in the sentence before.
_TURNS = tuple(tuple(phrase.split()) for phrase in sorted(MARKERS.phrases(role="turn")))


class ContrastRules(Rules):
    """The contrast and concession frames."""

    def concessive_clause(self, match: Match) -> None:
        """Concessive subordinators ("although", "even if"): conceded clause and main clause."""
        sides = self._sides(match)
        if sides is None:
            return
        conceded, main, _ = sides
        whole = cover(marker_span(match.tree, match.ids), conceded, main)
        self.add(
            Concession(
                id="", start=whole.start, end=whole.end, marker=surface(match.tree, match.ids),
                conceded=conceded, main=main,
            )
        )  # fmt: skip

    def contrastive_clause(self, match: Match) -> None:
        """Contrastive "whereas X, Y": two sides, neither preferred. The bundled parser does
        not know "whereas" (it tags it a determiner or a pronoun), so where no clause hangs on
        it, a comma between the two sides still makes the move: "Whereas X, Y", "X, whereas Y"
        cover their sentence."""
        sides = self._sides(match)
        if sides is not None:
            whole: Span | None = cover(marker_span(match.tree, match.ids), *sides[:2])
        else:
            whole = self._comma_sides(match)
        if whole is not None:
            marker = surface(match.tree, match.ids)
            self.add(Contrast(id="", start=whole.start, end=whole.end, marker=marker))

    def _comma_sides(self, match: Match) -> Span | None:
        """The sentence, when a comma sets the marker's clause off: after it when the marker
        opens the sentence, right before it otherwise."""
        tree = match.tree
        first, last = min(match.ids), max(match.ids)
        if first == tree.first_word():
            comma = any(tree.forms[word] == "," for word in range(last + 2, tree.size))
        else:
            comma = first > 1 and tree.forms[first - 1] == ","
        return tree.span() if comma else None

    def concessive_phrase(self, match: Match) -> None:
        """Concessive phrases ("despite", "in spite of", "even allowing for") + the concession."""
        frame = self._phrase_frame(match)
        if frame is not None:
            whole, marker, conceded, main = frame
            self.add(Concession(id="", start=whole.start, end=whole.end, marker=marker,
                                conceded=conceded, main=main))  # fmt: skip

    def instead_of(self, match: Match) -> None:
        """Contrast "A instead of B": B rejected, A (without its subject) preferred."""
        tree = match.tree
        head = marker_object(tree, match.ids)
        if head is None:
            return
        rejected = tree.clause_span(head, strip=match.ids)
        top, governor = attachment(tree, head, match.ids)
        preferred = (
            self._conjunct(tree, governor, tree.subtree(top), match.ids) if governor else None
        )
        self._contrast(match, surface(tree, match.ids), preferred, rejected)

    def rather_than(self, match: Match) -> None:
        """Contrast "A rather than B": A preferred, B rejected, without the words they share."""
        tree = match.tree
        head = marker_object(tree, match.ids)
        if head is None:
            return
        rejected = self._conjunct(tree, head, (), match.ids)
        if tree.deprel(head) == "conj" and tree.head(head) < head:
            other = tree.head(head)
            preferred = self._conjunct(tree, other, tree.subtree(head), match.ids)
        else:
            top, governor = attachment(tree, head, match.ids)
            if not governor:
                return
            preferred = self._conjunct(tree, governor, tree.subtree(top), match.ids)
        self._contrast(match, surface(tree, match.ids), preferred, rejected)

    def _conjunct(
        self, tree: Tree, head: int, exclude: Iterable[int], strip: Sequence[int]
    ) -> Span | None:
        """A conjunct without what it shares with its partner (subject, auxiliaries, "not")."""
        dropped = set(exclude)
        for child in tree.children(head):
            shared = tree.deprel(child) in ("nsubj", "csubj", "expl", "aux", "cop", "mark", "cc")
            negation = tree.forms[child] in NEGATIONS
            if child < head and (shared or negation or tree.deprel(child) == "discourse"):
                dropped |= tree.subtree(child)
        return tree.clause_span(head, exclude=dropped, strip=strip)

    def _contrast(
        self, match: Match, marker: str, preferred: Span | None, rejected: Span | None
    ) -> None:
        if preferred is not None and rejected is not None and overlap(preferred, rejected):
            return
        whole = cover(marker_span(match.tree, match.ids), preferred, rejected)
        self.add(
            Contrast(
                id="", start=whole.start, end=whole.end, marker=marker,
                preferred=preferred, rejected=rejected,
            )
        )  # fmt: skip

    def but(self, match: Match) -> None:
        """Correction "not X but Y" (X rejected, Y preferred), else two sides for the senses.

        "yet" joins clauses like "but" ("X, yet Y"; "Yet Y" opening a sentence) but corrects
        nothing; "not yet" is no connective.
        """
        tree = match.tree
        word = match.ids[0]
        opening_yet = match.phrase == "yet" and starts_clause(tree, word)
        if tree.deprel(word) != "cc" and not opening_yet:
            return
        right = tree.head(word)
        if not right:
            return
        also = right > word + 1 and tree.forms[word + 1] == "also"
        not_only = any(tree.forms[index : index + 2] == ["not", "only"] for index in range(1, word))
        if also or not_only:
            return
        left = tree.head(right)
        if left and left < word:
            negation = self._negation(tree, left, word) if match.phrase == "but" else 0
            if negation and not tree.children(right, "nsubj", "expl", "csubj"):
                rejected = self._conjunct(tree, left, tree.subtree(right), [negation])
                preferred = self._conjunct(tree, right, (), [word])
                marker = surface(tree, [negation], [word])
                self._contrast(match, marker, preferred, rejected)
                return
            first = tree.clause_span(left, exclude=tree.subtree(right))
            second = tree.clause_span(right, strip=[word])
        else:
            first = self.previous_sentence(tree)
            second = tree.words_span(1, tree.size, strip=[word])
        self._two_sided(match, first, second)

    def _two_sided(self, match: Match, first: Span | None, second: Span | None) -> None:
        """A contrast of two sides, or a concession of the first to the second."""
        if first is None or second is None or overlap(first, second):
            return
        whole = cover(first, second)
        marker = surface(match.tree, match.ids)
        self.offer(
            match,
            {
                MoveKind.CONTRAST.value: Contrast(
                    id="", start=whole.start, end=whole.end, marker=marker
                ),
                MoveKind.CONCESSION.value: Concession(
                    id="", start=whole.start, end=whole.end, marker=marker,
                    conceded=first, main=second,
                ),
            },
        )  # fmt: skip

    def _negation(self, tree: Tree, left: int, before: int) -> int:
        """A "not" on ``left`` or on the clause above it, before the "but" (0 if none)."""
        for node in (left, *tree.ancestors(left)):
            for child in tree.children(node):
                if tree.forms[child] in NEGATIONS and child < before:
                    return child
            if tree.deprel(node) not in ("nmod", "obl", "acl", "conj", "xcomp", "obj"):
                break
        return 0

    def contrast_adverb(self, match: Match) -> None:
        """Contrast adverbs ("however", "in contrast"): this clause against the one before;
        "instead": this clause preferred to the one before."""
        sides = self._adverbial(match)
        if sides is None:
            return
        before, current = sides
        marker = surface(match.tree, match.ids)
        if match.phrase == "instead" and starts_clause(match.tree, min(match.ids)):
            self._contrast(match, marker, current, before)
        elif match.phrase == "instead":  # "... drive instead": the alternative goes unsaid
            self._contrast(match, marker, current, None)
        elif match.phrase == "however":
            self._two_sided(match, before, current)
        else:
            whole = cover(before, current)
            self.add(Contrast(id="", start=whole.start, end=whole.end, marker=marker))

    def one_hand(self, match: Match) -> None:
        """ "On the one hand X ... on the other hand Y", in one sentence or in the next two of the
        paragraph: a contrast of X and Y with both markers (the second then makes no move of
        its own)."""
        tree = match.tree
        following = [
            later
            for later in self.trees[tree.position : tree.position + 3]
            if later.paragraph == tree.paragraph
        ]
        for later in following:
            for other in self.matches[later.position]:
                if other.phrase != "on the other hand" or (
                    later is tree and other.ids[0] < match.ids[0]
                ):
                    continue
                _, first = self.host(tree, match.ids)
                _, second = self.host(later, other.ids)
                if first is None or second is None or overlap(first, second):
                    return
                self.claim(later, *other.ids)
                marker = f"{surface(tree, match.ids)} … {surface(later, other.ids)}"
                whole = cover(first, second, marker_span(tree, match.ids))
                self.add(Contrast(id="", start=whole.start, end=whole.end, marker=marker))
                return

    def concession_adverb(self, match: Match) -> None:
        """Adverbs "even so", "nevertheless", "Still,": the sentence before conceded, this one
        maintained."""
        if match.phrase in OPENING_MARKERS and not self.opens_sentence(match):
            return
        sides = self._adverbial(match)
        if sides is None:
            return
        conceded, main = sides
        whole = cover(conceded, main)
        marker = surface(match.tree, match.ids)
        self.add(
            Concession(
                id="", start=whole.start, end=whole.end, marker=marker, conceded=conceded, main=main
            )
        )

    def admission(self, match: Match) -> None:
        """Admissions ("Admittedly X", "Granted, X", "of course X ... but Y"): X conceded, the
        turn that follows (in the sentence or opening the next) maintained."""
        tree = match.tree
        first = min(match.ids)
        if match.phrase != "of course" and not (
            starts_clause(tree, first)
            and max(match.ids) < tree.size
            and tree.forms[max(match.ids) + 1] == ","
        ):
            return
        host, conceded = self.host(tree, match.ids)
        main: Span | None = None
        turn = self._turn_in_sentence(tree, host, max(match.ids))
        if turn:
            right = tree.head(turn)
            conceded = tree.clause_span(host, exclude=tree.subtree(right), strip=match.ids)
            main = tree.clause_span(right, strip=[turn])
            self.claim(tree, turn)
            marker = surface(tree, match.ids, [turn])
        else:
            found = self._turn_next(tree)
            marker = surface(tree, match.ids)
            if found is not None:
                following, ids = found
                main = following.words_span(1, following.size, strip=ids)
                self.claim(following, *ids)
                marker = f"{marker} … {surface(following, ids)}"
            elif match.phrase == "of course":
                return
        if conceded is None:
            return
        whole = cover(marker_span(tree, match.ids), conceded, main)
        self.add(
            Concession(
                id="", start=whole.start, end=whole.end, marker=marker, conceded=conceded, main=main
            )
        )

    def _turn_in_sentence(self, tree: Tree, host: int, after: int) -> int:
        """A "but"/"yet" after ``after`` joining a clause to ``host`` (0 if none)."""
        for index in range(after + 1, tree.size + 1):
            right = tree.head(index)
            if (
                tree.forms[index] in ("but", "yet")
                and tree.deprel(index) == "cc"
                and right
                and tree.deprel(right) == "conj"
                and tree.head(right) == host
            ):
                return index
        return 0

    def _turn_next(self, tree: Tree) -> tuple[Tree, list[int]] | None:
        """The next sentence of the paragraph when a contrast marker opens it."""
        if tree.position + 1 >= len(self.trees):
            return None
        following = self.trees[tree.position + 1]
        first = following.first_word()
        if not first or following.paragraph != tree.paragraph:
            return None
        for phrase in _TURNS:
            if tuple(following.forms[first : first + len(phrase)]) == phrase:
                return following, list(range(first, first + len(phrase)))
        return None


#: The lexicon frames this family's rules handle.
FRAMES: Mapping[str, Callable[[ContrastRules, Match], None]] = {
    "concessive_clause": ContrastRules.concessive_clause,
    "contrastive_clause": ContrastRules.contrastive_clause,
    "concessive_phrase": ContrastRules.concessive_phrase,
    "instead_of": ContrastRules.instead_of,
    "rather_than": ContrastRules.rather_than,
    "coordinating_turn": ContrastRules.but,
    "one_hand": ContrastRules.one_hand,
    "contrast_adverb": ContrastRules.contrast_adverb,
    "concession_adverb": ContrastRules.concession_adverb,
    "admission": ContrastRules.admission,
}

__all__ = ["FRAMES", "ContrastRules"]
