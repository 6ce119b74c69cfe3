"""Cause and conclusion: causal subordinators and prepositions, result adverbs and "so"
(cause, or the text's conclusion for "therefore", "thus", "hence", "consequently", "so",
"that's why"), "which is why", "after all", coordinating "for", summarising adverbials ("in
conclusion") and "This shows that X"."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from argmine.moves.rules import (
    MARKERS,
    OPENING_MARKERS,
    Match,
    Rules,
    cover,
    has_content,
    marker_span,
    overlap,
    starts_clause,
    surface,
    unsubordinated,
)
from argmine.moves.sense_rules import RESULT_MARKERS
from argmine.text.tree import Tree
from argmine.types import Cause, Conclusion, MoveKind, Span

#: Verbs of "This shows that X", "These facts prove X" (lemmas).
_PROVING = MARKERS.phrases(role="proving")
#: Subjects of "That's because X": what the sentence before said.
_EXPLAINED = frozenset({"that", "this", "it"})
#: Conjunctions that may open "And that's because X".
_OPENING_CONJUNCTIONS = MARKERS.phrases(role="conjunction")


class CauseRules(Rules):
    """The cause and conclusion frames."""

    def causal_clause(self, match: Match) -> None:
        """Causal "because X" (also spoken "'cause X"): X the cause, the host clause the effect
        (for "This is because X" the sentence before)."""
        if len(match.ids) == 1 and match.tree.token(match.ids[0]).upos in ("NOUN", "VERB"):
            return  # "the cause of X", "phones cause accidents": no "'cause X"
        sides = self._sides(match) or self._explained(match)
        if sides is None:
            return
        cause, effect, _ = sides
        if not has_content(match.tree, effect):
            effect = self.previous_sentence(match.tree) or effect
        whole = cover(marker_span(match.tree, match.ids), cause, effect)
        self.add(
            Cause(
                id="", start=whole.start, end=whole.end, marker=surface(match.tree, match.ids),
                cause=cause, effect=effect,
            )
        )  # fmt: skip

    def _explained(self, match: Match) -> tuple[Span, Span, int] | None:
        """ "(And) that's because X", which parsers often hang on X: X the cause, the sentence
        before the effect (its host head is unknown: 0)."""
        tree = match.tree
        first = tree.first_word()
        words = [
            i for i in range(first, min(match.ids)) if tree.forms[i] not in _OPENING_CONJUNCTIONS
        ]
        if (
            len(words) < 2
            or tree.forms[words[0]] not in _EXPLAINED
            or tree.token(words[1]).lemma != "be"
            or any(tree.token(i).upos != "ADV" for i in words[2:])
        ):
            return None
        cause = tree.words_span(max(match.ids) + 1, tree.size, strip=match.ids)
        effect = self.previous_sentence(tree)
        if cause is None or effect is None:
            return None
        return cause, effect, 0

    def causal_phrase(self, match: Match) -> None:
        """Causal prepositions ("because of", "due to", "thanks to") and the cause they take."""
        frame = self._phrase_frame(match)
        if frame is not None:
            whole, marker, cause, effect = frame
            self.add(Cause(id="", start=whole.start, end=whole.end, marker=marker,
                           cause=cause, effect=effect))  # fmt: skip

    def cause_adverb(self, match: Match) -> None:
        """Result adverbs ("therefore", "as a result"): the clause before is the cause, this one the
        effect."""
        sides = self._adverbial(match) or self._inside_clause(match)
        if sides is None:
            return
        cause, effect = sides
        # A sentence-final marker ("Noise falls as a result.") lies outside both sides.
        whole = cover(marker_span(match.tree, match.ids), cause, effect)
        marker = surface(match.tree, match.ids)
        move = Cause(
            id="", start=whole.start, end=whole.end, marker=marker, cause=cause, effect=effect
        )
        if match.phrase not in RESULT_MARKERS:
            self.add(move)
            return
        # "Therefore Y" also reads as a conclusion drawn from what came before.
        concluded = Conclusion(id="", start=whole.start, end=whole.end, marker=marker, scope=effect)
        self.offer(match, {MoveKind.CAUSE.value: move, MoveKind.CONCLUSION.value: concluded})

    def _inside_clause(self, match: Match) -> tuple[Span, Span] | None:
        """(what came before, host clause) for a result adverb inside its clause, unmarked by
        commas: "Higher fines are therefore the right measure"."""
        tree = match.tree
        (word,) = match.ids if len(match.ids) == 1 else (0,)
        # a root "therefore" is a misparse of the same ("X is therefore out of the question")
        if (
            not word
            or tree.deprel(word) not in ("advmod", "root")
            or match.phrase not in RESULT_MARKERS
        ):
            return None
        if MARKERS[match.phrase].frame != "cause_adverb":  # "so" only opens its clause
            return None
        host, span = self.host(tree, match.ids)
        if tree.head(host) and unsubordinated(tree, word):  # a misparsed main clause
            host = [*tree.ancestors(host)][-1]
            span = tree.words_span(1, tree.size, strip=match.ids)
        before = self.previous(tree, host)
        if span is None or before is None or overlap(before, span):
            return None
        return before, span

    def why(self, match: Match) -> None:
        """ "That's why Y" (the sentence before is the cause): a result marker like "therefore",
        decided between cause and conclusion the same way. "X, which is why Y" is always a cause:
        the relative clause hangs Y on X inside the sentence, whose main claim is X."""
        tree = match.tree
        first, last = min(match.ids), max(match.ids)
        effect = tree.words_span(last + 1, tree.size)
        if match.phrase == "which is why":
            cause = tree.words_span(tree.first_word(), first - 1) if first > 1 else None
        elif first == tree.first_word():
            cause = self.previous_sentence(tree)
        else:
            return
        if cause is None or effect is None or overlap(cause, effect):
            return
        whole = cover(cause, effect)
        marker = surface(tree, match.ids)
        move = Cause(
            id="", start=whole.start, end=whole.end, marker=marker, cause=cause, effect=effect
        )
        if match.phrase not in RESULT_MARKERS:
            self.add(move)
            return
        concluded = Conclusion(id="", start=whole.start, end=whole.end, marker=marker, scope=effect)
        self.offer(match, {MoveKind.CAUSE.value: move, MoveKind.CONCLUSION.value: concluded})

    def after_all(self, match: Match) -> None:
        """ "After all, X": X is a reason for what was said before (not "after all the rain")."""
        tree = match.tree
        last = max(match.ids)
        if last < tree.size and tree.token(last + 1).upos in ("DET", "NOUN", "PROPN", "NUM", "ADJ"):
            return
        if tree.deprel(last).startswith("det"):
            return
        host, cause = self.host(tree, match.ids)
        effect = self.previous(tree, host)
        if cause is None or effect is None or overlap(cause, effect):
            return
        whole = cover(cause, effect)
        marker = surface(tree, match.ids)
        self.add(
            Cause(
                id="", start=whole.start, end=whole.end, marker=marker, cause=cause, effect=effect
            )
        )

    def causal_for(self, match: Match) -> None:
        """Coordinating "for" ("X, for Y"; "For Y" after X): Y is the reason for X. Only a
        "for" that joins a finite clause with a subject, after a comma or opening the
        sentence; the preposition ("for years", "for him to go") is none."""
        tree = match.tree
        word = match.ids[0]
        if tree.deprel(word) in ("cc", "mark"):
            right = tree.head(word)
            subject = bool(right) and bool(tree.children(right, "nsubj", "expl", "nsubj:pass"))
        elif tree.deprel(word) == "case":
            right = self._misread_for(tree, word)
            subject = bool(right)  # its "object" is the subject
        else:
            return
        # opening the sentence, or after no more than "Yes," / "No,"
        opening = all(tree.token(before).upos in ("INTJ", "PUNCT") for before in range(1, word))
        if not right or not (opening or tree.forms[word - 1] == ","):
            return
        finite = (
            tree.tense(right) is not None or tree.token(right).features.get("VerbForm") == "Fin"
        )
        if not subject or not finite:
            return
        left = tree.head(right)
        if left and left < word:
            effect = tree.clause_span(left, exclude=tree.subtree(right))
            cause = tree.clause_span(right, strip=[word])
        elif opening:
            effect = self.previous_sentence(tree)
            cause = tree.words_span(1, tree.size, strip=[word])
        else:
            return
        if cause is None or effect is None or overlap(cause, effect):
            return
        whole = cover(cause, effect)
        self.add(
            Cause(id="", start=whole.start, end=whole.end, marker="for", cause=cause, effect=effect)
        )

    def so(self, match: Match) -> None:
        """Result "so" ("X, so Y"; "So Y" after X): X the cause, Y the effect. Only a "so" that
        opens its clause and governs nothing next to it: not "so quiet", "do so", "or so"."""
        tree = match.tree
        word = match.ids[0]
        if tree.head(word) <= word or tree.deprel(word) not in ("advmod", "cc", "mark"):
            return
        self.cause_adverb(match)

    def _misread_for(self, tree: Tree, word: int) -> int:
        """The clause (0 for none) of a conjunction "for" that the bundled parser reads as a
        preposition of the clause's subject: "…, for that course can only lead to escalation",
        "Yes, for it is a graver punishment". The "object" must be a bare subject (a pronoun not
        in the accusative, or a noun with at most a determiner) followed at once by the
        clause's verb or auxiliary ("for many people this is hard", "for hours the trains were
        late" and "For me it would be better" are prepositions)."""
        nominal = tree.head(word)
        if not nominal:
            return 0
        clause = tree.head(nominal)
        after = max(tree.subtree(nominal)) + 1
        verbal = (
            all(tree.deprel(child) in ("case", "det") for child in tree.children(nominal))
            and tree.token(nominal).features.get("Case") != "Acc"
            and clause > nominal
            # a tensed clause with no other subject, which joins what came before: not "For
            # the reasons stated above, I believe …", nor "For an example think …"
            and not tree.children(clause, "nsubj", "nsubj:pass", "expl")
            and tree.tense(clause) is not None
            and tree.head(clause) < word
            and after <= tree.size
            and tree.token(after).upos in ("AUX", "VERB")
            and after in (clause, *tree.children(clause, "aux", "cop", "aux:pass"))
        )
        return clause if verbal else 0

    def conclusion(self, match: Match) -> None:
        """Summarising adverbials ("in conclusion", "to sum up"): the clause they introduce.

        The ones with other uses ("the overall grade", "in short supply") only open a
        sentence, set off by a comma: "Overall, X", "In short, X"."""
        tree = match.tree
        if match.phrase in OPENING_MARKERS and not self.opens_sentence(match):
            return
        _, scope = self.host(tree, match.ids)
        self._scoped(match, Conclusion, scope)

    def shows(self, tree: Tree) -> None:
        """Conclusions "This shows that X", "These facts prove X", "All of this shows X": X.

        The subject is short, opens the clause and points back (a demonstrative). It draws the
        text's conclusion when it sums up several things (a plural or "all": "These facts",
        "All this") or closes the text; a singular "This shows" or "This example shows" in
        mid-text reads one premise, it does not conclude the argument."""
        closing = tree.position == len(self.trees) - 1
        for verb in range(1, tree.size + 1):
            if tree.token(verb).lemma.lower() not in _PROVING:
                continue
            subjects = tree.children(verb, "nsubj")
            complements = tree.children(verb, "ccomp", "obj")
            if not subjects or not complements or tree.children(verb, "compound"):
                continue
            subject = tree.subtree(subjects[0])
            kinds = {tree.token(word).features.get("PronType") for word in subject}
            demonstrative = "Dem" in kinds
            if not demonstrative or len(subject) > 4 or not starts_clause(tree, min(subject)):
                continue
            summing = "Tot" in kinds or tree.token(subjects[0]).features.get("Number") == "Plur"
            if not (summing or closing):
                continue
            complement = complements[0]
            scope = tree.clause_span(complement, strip=tree.children(complement, "mark"))
            if scope is None:
                continue
            start = tree.token(min(subject)).start
            marker = self.text[start : tree.token(verb).end]
            whole = cover(Span(start, tree.token(verb).end), scope)
            move = Conclusion(id="", start=whole.start, end=whole.end, marker=marker, scope=scope)
            self.add(move)


#: The lexicon frames this family's rules handle.
FRAMES: Mapping[str, Callable[[CauseRules, Match], None]] = {
    "causal_clause": CauseRules.causal_clause,
    "causal_phrase": CauseRules.causal_phrase,
    "result_conjunction": CauseRules.so,
    "cause_adverb": CauseRules.cause_adverb,
    "why": CauseRules.why,
    "after_all": CauseRules.after_all,
    "causal_for": CauseRules.causal_for,
    "conclusion": CauseRules.conclusion,
}

__all__ = ["FRAMES", "CauseRules"]
