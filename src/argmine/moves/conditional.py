"""Conditionals: subordinators ("if", "unless", "only when", "as long as"), inversion
("Should X, Y", "Had X, Y"), "otherwise", and the ambiguous subordinators ("when", "since",
"as", "while") whose sense the sense function decides."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from argmine.moves.rules import (
    NEGATIONS,
    Match,
    Rules,
    cover,
    marker_span,
    surface,
)
from argmine.text.tree import Tree
from argmine.types import (
    AnyMove,
    Cause,
    Concession,
    Condition,
    Conditional,
    Contrast,
    MoveKind,
    Span,
)

#: Auxiliaries that open a conditional by inversion ("Should X, Y", "Had X, Y", "Were X, Y").
_INVERTING = frozenset({"should", "had", "were"})

#: Modals of an unreal consequence ("Had we known, we would have acted").
_UNREAL = frozenset({"would", "could", "might", "'d"})


class ConditionalRules(Rules):
    """The conditional frames, and the subordinate clauses of ambiguous markers."""

    def conditional(self, match: Match) -> None:
        """Conditional subordinators ("if", "unless", "only when", "as long as") + a clause.

        A necessary condition also shows in a focus word on the host clause: "Y will only work
        if X", "Y will not happen unless X" (both say: no Y without X).
        """
        sides = self._sides(match)
        if sides is None:
            return
        antecedent, consequent, governor = sides
        tree = match.tree
        words = match.phrase.split()
        focus = self._focus(tree, governor, match)
        if "only" in words or words[0] == "not" or focus:
            condition = Condition.NECESSARY
        elif words[0] == "unless":
            condition = Condition.EXCEPTION
        else:
            condition = Condition.SUFFICIENT
        thens = [
            word
            for word in tree.children(governor, "advmod")
            if tree.forms[word] == "then" and tree.token(word).end <= consequent.start
        ]
        marker = surface(tree, focus, match.ids, thens[:1])
        self.add(self._conditional(match, condition, antecedent, consequent, marker))

    def _focus(self, tree: Tree, governor: int, match: Match) -> list[int]:
        """The "only" before "if" or the negation before "unless" on the host clause ([] if
        none): "will only work if X", "will not return unless X"."""
        wanted = {"if": ("only",), "unless": tuple(NEGATIONS)}.get(match.phrase, ())
        return [
            child
            for child in tree.children(governor, "advmod")
            if tree.forms[child] in wanted and child < min(match.ids)
        ][:1]

    def _conditional(
        self, match: Match, condition: Condition, antecedent: Span, consequent: Span, marker: str
    ) -> Conditional:
        whole = cover(marker_span(match.tree, match.ids), antecedent, consequent)
        return Conditional(
            id="", start=whole.start, end=whole.end, marker=marker, condition=condition,
            antecedent=antecedent, consequent=consequent,
        )  # fmt: skip

    def inverted_conditional(self, tree: Tree) -> None:
        """Conditionals without a subordinator: "Should X, Y", "Had X, Y", "Were X, Y".

        The auxiliary opens the sentence and its subject follows it at once (subject-auxiliary
        inversion), the sentence is no question, and after a comma comes a clause with a
        subject of its own (or an imperative); "Had" and "Were" are counterfactual, so their
        main clause needs "would", "could" or "might". The antecedent keeps its auxiliary
        ("Had we acted sooner"): without it the verb would change.
        """
        first = tree.first_word()
        if not first or tree.forms[first] not in _INVERTING or tree.forms[tree.size] == "?":
            return
        subjects = [
            word
            for word in range(first + 1, tree.size + 1)
            if tree.deprel(word) in ("nsubj", "expl")
            and min(tree.subtree(word) - {first}) == first + 1
        ]
        if not subjects or tree.token(first).upos not in ("AUX", "VERB"):
            return
        # The first comma after the subject word itself, not after its subtree: a parser that
        # misreads "Were the wall built …, insurers would …" hangs the whole antecedent, comma
        # included, on the subject.
        comma = next((i for i in range(subjects[0] + 1, tree.size) if tree.forms[i] == ","), 0)
        counterfactual = tree.forms[first] != "should"
        if not comma or not self._main_clause(tree, comma, counterfactual=counterfactual):
            return
        antecedent = tree.words_span(first, comma - 1)
        consequent = tree.words_span(comma + 1, tree.size)
        if antecedent is None or consequent is None:
            return
        match = Match(tree, (first,), tree.forms[first])
        marker = surface(tree, [first])
        self.add(self._conditional(match, Condition.SUFFICIENT, antecedent, consequent, marker))

    def _main_clause(self, tree: Tree, comma: int, *, counterfactual: bool) -> bool:
        """Whether the words after ``comma`` form a main clause: a predicate with its own
        subject (or an imperative), with a modal of unreal consequence where required."""
        after = range(comma + 1, tree.size + 1)
        subject = any(
            tree.deprel(word) in ("nsubj", "expl") and tree.head(word) > comma for word in after
        )
        imperative = any(tree.token(word).features.get("Mood") == "Imp" for word in after)
        unreal = any(tree.forms[word] in _UNREAL for word in after)
        return (subject or imperative) and (unreal or not counterfactual)

    def ambiguous_clause(self, match: Match) -> None:
        """Ambiguous subordinators ("when", "since", "as", "while"): the sense function decides."""
        sides = self._sides(match)
        if sides is None:
            return
        inner, outer, _ = sides
        marker = surface(match.tree, match.ids)
        whole = cover(marker_span(match.tree, match.ids), inner, outer)
        readings: dict[str, AnyMove] = {}
        if match.phrase in ("when", "whenever"):
            readings[MoveKind.CONDITIONAL.value] = self._conditional(
                match, Condition.SUFFICIENT, inner, outer, marker
            )
        elif match.phrase in ("since", "as"):
            readings[MoveKind.CAUSE.value] = Cause(
                id="", start=whole.start, end=whole.end, marker=marker, cause=inner, effect=outer
            )
        else:
            readings[MoveKind.CONTRAST.value] = Contrast(
                id="", start=whole.start, end=whole.end, marker=marker
            )
            readings[MoveKind.CONCESSION.value] = Concession(
                id="", start=whole.start, end=whole.end, marker=marker, conceded=inner, main=outer
            )
        self.offer(match, readings)

    def otherwise(self, match: Match) -> None:
        """ "X; otherwise Y": if not X, then Y, an exception like "unless X, Y" (X the antecedent,
        Y the consequent). "An otherwise sound plan" and "would otherwise flood" are no
        connectives: neither opens a clause nor is set off."""
        sides = self._adverbial(match)
        if sides is None:
            return
        antecedent, consequent = sides
        marker = surface(match.tree, match.ids)
        move = self._conditional(match, Condition.EXCEPTION, antecedent, consequent, marker)
        self.add(move)


#: The lexicon frames this family's rules handle.
FRAMES: Mapping[str, Callable[[ConditionalRules, Match], None]] = {
    "conditional": ConditionalRules.conditional,
    "ambiguous_clause": ConditionalRules.ambiguous_clause,
    "exception_adverb": ConditionalRules.otherwise,
}

__all__ = ["FRAMES", "ConditionalRules"]
