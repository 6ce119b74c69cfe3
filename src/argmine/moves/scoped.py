"""Scoped moves: exemplification ("for example", "such as", "e.g.") and reformulation ("in
other words", "namely", "that is", "i.e."), each with the clause or phrase it scopes over."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from argmine.moves.rules import Match, Rules, marker_object, starts_clause
from argmine.text.tree import Tree
from argmine.types import Exemplification, Reformulation, Span


class ScopedRules(Rules):
    """The exemplification and reformulation frames."""

    def example(self, match: Match) -> None:
        """Examples: "For example, X" and "X, for example" scope over the clause X;
        "such as", "e.g." and a bare "for example" over the examples that follow."""
        tree = match.tree
        last = max(match.ids)
        set_off = last == tree.size or tree.deprel(last + 1) == "punct"
        adverbial = set_off or starts_clause(tree, min(match.ids))
        if match.phrase in ("for example", "for instance") and adverbial:
            _, scope = self.host(tree, match.ids)
        else:  # "such as X", "e.g. X", "cities, for example Tallinn and Riga"
            scope = self._following(tree, match.ids)
        self._scoped(match, Exemplification, scope)

    def reformulation(self, match: Match) -> None:
        """Reformulations ("in other words", "namely", "that is", "i.e.") and the restatement."""
        tree = match.tree
        last = max(match.ids)
        if match.phrase.startswith("that is") and not (
            (last < tree.size and tree.forms[last + 1] in (",", ":", "—"))
            and (starts_clause(tree, min(match.ids)) or tree.deprel(min(match.ids) - 1) == "punct")
        ):
            return
        if starts_clause(tree, min(match.ids)) and match.phrase != "namely":
            _, scope = self.host(tree, match.ids)
        else:
            scope = self._following(tree, match.ids)
        self._scoped(match, Reformulation, scope)

    def _following(self, tree: Tree, ids: Sequence[int]) -> Span | None:
        """What a marker like "such as" or "i.e." introduces: its object's phrase, else the words
        up to the next punctuation."""
        head = marker_object(tree, ids)
        if head is not None:
            return tree.clause_span(head, strip=ids)
        last = max(ids)
        end = last
        for index in range(last + 1, tree.size + 1):
            opening_comma = index == last + 1 and tree.forms[index] == ","
            if tree.deprel(index) == "punct" and not opening_comma:
                break
            end = index
        return tree.words_span(last + 1, end) if end > last else None


#: The lexicon frames this family's rules handle.
FRAMES: Mapping[str, Callable[[ScopedRules, Match], None]] = {
    "example": ScopedRules.example,
    "reformulation": ScopedRules.reformulation,
}

__all__ = ["FRAMES", "ScopedRules"]
