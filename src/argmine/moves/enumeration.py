"""Enumerations: numbered, lettered and inline list items, ordinal adverbs ("First, ...",
"Finally"), noun series ("One reason ... Another reason"), chained into sequences across
paragraphs, with the announcement each list answers ("three reasons")."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator

import attrs

from argmine.moves.rules import MARKERS, Rules, starts_clause
from argmine.text.tree import Tree, trim
from argmine.types import Announcement, Enumeration, EnumerationItem

_NEXT, _LAST = -1, -2  # ordinal placeholders: one more than the item before / the final item

_ORDINAL_MARKERS = [marker for marker in MARKERS if marker.frame == "ordinal"]

#: One-word ordinals by value ("first", "secondly", ...).
_ORDINALS = {
    marker.phrase: marker.ordinal
    for marker in _ORDINAL_MARKERS
    if isinstance(marker.ordinal, int) and " " not in marker.phrase
}

#: Items that continue a count: "next", "finally", "lastly".
_CONTINUERS = {
    marker.phrase: _NEXT if marker.ordinal == "next" else _LAST
    for marker in _ORDINAL_MARKERS
    if isinstance(marker.ordinal, str)
}

#: Phrases that open a list: (words, ordinal): "first of all", "to begin with".
_OPENING_PHRASES = tuple(
    (tuple(marker.phrase.split()), marker.ordinal)
    for marker in _ORDINAL_MARKERS
    if isinstance(marker.ordinal, int) and " " in marker.phrase
)

_ORDINAL_STARTS = frozenset(
    [*_ORDINALS, *_CONTINUERS, *(phrase[0] for phrase, _ in _OPENING_PHRASES)]
)

_CARDINALS = {
    word: value
    for value, word in enumerate(
        ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), start=2
    )
}

#: Nouns whose counts are quantities, not announcements ("two percent", "three years").
_MEASURES = frozenset(
    {
        "year", "month", "week", "day", "hour", "minute", "second", "time", "percent",
        "dollar", "euro", "pound", "mile", "kilometre", "kilometer", "metre", "meter",
        "century", "decade", "times",
    }
)  # fmt: skip

#: Heads of "One reason ... Another reason ..." series; other nouns ("time", "chance")
#: narrate rather than enumerate.
_SERIES_NOUNS = frozenset(
    {
        "reason", "argument", "point", "advantage", "benefit", "problem", "concern",
        "objection", "step", "factor", "issue", "consideration", "cause", "consequence",
        "drawback", "disadvantage", "strength", "weakness", "option", "principle", "lesson",
        "goal", "priority", "risk", "measure", "proposal", "claim", "example", "way",
        "question", "explanation", "difficulty", "danger", "criticism", "flaw",
    }
)  # fmt: skip

#: Relations of a word inside a phrase ("the first time", "first-class") or of a phrase's
#: content, not of a clause's modifier.
_NOT_DISCOURSE = frozenset(
    {
        "amod", "compound", "nummod", "det", "flat", "fixed", "nsubj", "obj", "iobj",
        "nmod", "appos", "acl", "xcomp", "case", "cop", "aux", "cc", "mark", "conj",
        "csubj", "ccomp", "goeswith",
    }
)  # fmt: skip

#: Nouns that narrate rather than enumerate even when repeated ("One evening ... Another
#: evening").
_NARRATIVE_NOUNS = frozenset({"morning", "afternoon", "evening", "night", "weekend", "moment"})

#: Pronoun subjects of a series ("One is ...", "The other is ...", "The second is ...").
_PRONOUN_SERIES: dict[tuple[str, ...], int] = {
    ("one",): 1,
    ("another",): _NEXT,
    ("yet", "another"): _NEXT,
    ("the", "other"): _LAST,
    **{("the", word): value for word, value in _ORDINALS.items() if not word.endswith("ly")},
}

_LINE_ITEM = re.compile(r"(?m)^[ \t]*(?:(\d{1,2})[.)]|\((\d{1,2})\)|\(([a-z])\)|([a-z])\))[ \t]+")

_TRAILING_CONJUNCTION = re.compile(r"[\s,;]+(?:and|or)$")

_INLINE_ITEM = re.compile(r"(?<![^\s(\[])\((\d{1,2}|[a-z])\)(?=\s)")

#: Paragraphs that open a text (headline, byline, lead): where a thesis announces its list.
_OPENING_PARAGRAPHS = 2


@attrs.frozen
class _Candidate:
    """A possible enumeration item before sequences are assembled."""

    family: str
    start: int
    ordinal: int
    marker: str
    paragraph: int
    limit: int  # where the item must end at the latest (its paragraph or sentence end)
    noun: str | None = None
    #: Whether one item alone can start a list; a noun that is not a known series noun
    #: ("One tool ... Another tool") needs a second item to show the series.
    listed: bool = True
    #: Whether the item opens its paragraph, as the items of a list of sections do.
    leads: bool = False
    #: The speaker turn of a transcript (:meth:`Rules.turn_of`).
    turn: int = 0
    #: Whether the item closed its list ("Finally", "The last reason"): nothing goes on
    #: after it.
    final: bool = False


@attrs.frozen
class _Announced:
    """An announcement with its head noun's lemma, to match a series noun ("two reasons")."""

    announcement: Announcement
    noun: str

    @property
    def start(self) -> int:
        return self.announcement.start

    @property
    def count(self) -> int:
        return self.announcement.count


class EnumerationRules(Rules):
    """Item candidates of each family chained into sequences, added as enumeration moves."""

    def enumerations(self) -> None:
        """Chain item candidates of each family into sequences and add them as moves."""
        candidates = [
            attrs.evolve(
                candidate,
                leads=self._leads(candidate.start),
                turn=self.turn_of(candidate.start),
            )
            for candidate in [*self._list_items(), *self._ordinal_adverbs(), *self._noun_series()]
        ]
        candidates.sort(key=lambda candidate: candidate.start)
        concluding = self._concluding_paragraphs()
        sequences = [
            sequence
            for family in sorted({candidate.family for candidate in candidates})
            for sequence in _sequences([c for c in candidates if c.family == family], concluding)
            if sequence[0].listed or len(sequence) > 1
        ]
        sequences = _joined_across_families(sequences, concluding)
        # Earlier sequences claim their announcement first: an outer list before a nested one.
        announcements = self._announcements()
        for index, sequence in enumerate(sequences):
            # An item of a nested list ends where the next item of an enclosing list begins,
            # and the last item of a list where the next list of its family begins.
            outer = [item.start for earlier in sequences[:index] for item in earlier]
            outer += [
                later[0].start for later in sequences if later[0].family == sequence[0].family
            ]
            # The last section of a list of sections ends where a later list begins.
            outer += [
                later[0].start
                for later in sequences[index + 1 :]
                if later[0].paragraph > sequence[-1].paragraph
            ]
            enclosing = [self._item_spans(earlier, concluding) for earlier in sequences[:index]]
            self._enumeration(sequence, announcements, sorted(outer), enclosing, concluding)

    def _leads(self, start: int) -> bool:
        """Whether a candidate at ``start`` opens its paragraph."""
        paragraph_start = self.paragraphs[self.paragraph_of(start)][0] if self.paragraphs else 0
        return not self.text[paragraph_start:start].strip()

    def _concluding_paragraphs(self) -> frozenset[int]:
        """Paragraphs that open with a conclusion marker ("In conclusion", "To sum up")."""
        return frozenset(
            tree.paragraph
            for tree, matches in zip(self.trees, self.matches, strict=True)
            for match in matches
            if MARKERS[match.phrase].frame == "conclusion"
            and min(match.ids) == tree.first_word()
            and self._leads(tree.token(min(match.ids)).start)
        )

    def _section_end(
        self, sequence: list[_Candidate], concluding: frozenset[int], outer: list[int]
    ) -> int:
        """Where the last item of a list ends at the latest.

        An item of a list inside a paragraph ends with its paragraph. The last item of a list
        of sections (items paragraphs apart, each opening its paragraph) runs over as many
        paragraphs as the longest section before it, but never into a concluding paragraph,
        the text's closing paragraph or a later list.
        """
        last = sequence[-1]
        if not _sectional(sequence):
            return last.limit
        lengths = [b.paragraph - a.paragraph for a, b in itertools.pairwise(sequence)]
        closing = len(self.paragraphs) - 1
        final = min(last.paragraph + max(lengths) - 1, closing)
        if last.paragraph < closing:
            final = min(final, closing - 1)
        for paragraph in range(last.paragraph + 1, final + 1):
            if paragraph in concluding:
                final = paragraph - 1
                break
        end = self.paragraph_end(final)
        following = bisect.bisect_right(outer, last.start)
        return min(end, outer[following]) if following < len(outer) else end

    def _item_spans(
        self, sequence: list[_Candidate], concluding: frozenset[int]
    ) -> list[tuple[int, int]]:
        """(start, end) of each item of a list, before trimming: what encloses a nested list."""
        ends = [later.start for later in sequence[1:]]
        ends.append(self._section_end(sequence, concluding, []))
        return [(item.start, end) for item, end in zip(sequence, ends, strict=True)]

    def _enumeration(
        self,
        sequence: list[_Candidate],
        announcements: list[_Announced],
        outer: list[int],
        enclosing: list[list[tuple[int, int]]],
        concluding: frozenset[int],
    ) -> None:
        items: list[EnumerationItem] = []
        section_end = self._section_end(sequence, concluding, outer)
        sectional = _sectional(sequence)
        for index, candidate in enumerate(sequence):
            end = section_end if index + 1 == len(sequence) else candidate.limit
            if index + 1 < len(sequence):
                following_item = sequence[index + 1].start
                end = following_item if sectional else min(end, following_item)
            following = bisect.bisect_right(outer, candidate.start)
            if following < len(outer):
                end = min(end, outer[following])
            span = trim(self.text, candidate.start, max(end, candidate.start))
            joined = _TRAILING_CONJUNCTION.search(self.text, span.start, span.end) if span else None
            if span is not None and joined is not None and joined.start() > span.start:
                span = trim(self.text, span.start, joined.start())  # "(a) money and (b) time"
            if span is not None and (not items or span.start >= items[-1].end):
                item = EnumerationItem(span.start, span.end, candidate.ordinal, candidate.marker)
                items.append(item)
        if not items:
            return
        binding = self._announcement(sequence, items, announcements, enclosing)
        announced = None
        if binding is not None:
            announcements.remove(binding)
            announced = binding.announcement
        # A lone item is a list only when announced, or when its ordinal shows the gap.
        lone_gap = sequence[0].family == "ordinal" and items[0].ordinal >= 2
        if len(items) < 2 and announced is None and not lone_gap:
            return
        ordinals = [item.ordinal for item in items]
        complete = ordinals == list(range(1, len(items) + 1)) and (
            announced is None or announced.count == len(items)
        )
        self.add(
            Enumeration(
                id="", start=items[0].start, end=items[-1].end, marker=items[0].marker,
                items=tuple(items), announced=announced, complete=complete,
            )
        )  # fmt: skip

    def _list_items(self) -> Iterator[_Candidate]:
        """Numbered and lettered items: "1." or "(a)" opening a line, or "(a)" inside one."""
        for match in _LINE_ITEM.finditer(self.text):
            number = match.group(1) or match.group(2)
            letter = match.group(3) or match.group(4)
            value = int(number) if number else ord(letter) - ord("a") + 1
            family = "numbered" if number else "lettered"
            start = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
            paragraph = self.paragraph_of(start)
            marker = match.group(0).strip()
            yield _Candidate(family, start, value, marker, paragraph, self.paragraph_end(paragraph))
        for tree in self.trees:
            sentence = self.text[tree.sentence.start : tree.sentence.end]
            for match in _INLINE_ITEM.finditer(sentence):
                label = match.group(1)
                start = tree.sentence.start + match.start()
                line_start = self.text.rfind("\n", 0, start) + 1
                if not self.text[line_start:start].strip():
                    continue  # opens a line: a line item, found above
                ordinal = int(label) if label.isdigit() else ord(label) - ord("a") + 1
                yield _Candidate(
                    "inline", start, ordinal, match.group(0), tree.paragraph, tree.sentence.end
                )

    def _ordinal_adverbs(self) -> Iterator[_Candidate]:
        """Ordinal markers opening a clause: "First, ...", "Secondly", "To begin with", "Finally".

        An ordinal that modifies a noun ("the first time", "a second chance", "first-class")
        or sits inside a compound is no discourse marker; one that opens its clause set off by
        a comma is, whatever the parser attached it to.
        """
        for tree, ordinals in zip(self.trees, self.ordinals, strict=True):
            for index, (value, last) in ordinals.items():
                start = tree.token(index).start
                marker = self.text[start : tree.token(last).end]
                paragraph = self.paragraph_of(start)
                yield _Candidate(
                    "ordinal", start, value, marker, paragraph, self.paragraph_end(paragraph)
                )

    def _ordinals(self, tree: Tree) -> dict[int, tuple[int, int]]:
        """First word → (ordinal, last word) of every ordinal marker in the sentence."""
        found = {}
        for index in range(1, tree.size + 1):
            if tree.forms[index] in _ORDINAL_STARTS and starts_clause(tree, index):
                ordinal = self._ordinal_at(tree, index)
                if ordinal is not None:
                    found[index] = ordinal
        return found

    def _ordinal_at(self, tree: Tree, index: int) -> tuple[int, int] | None:
        """(ordinal, last word) when an ordinal marker starts at clause-initial word ``index``."""
        for phrase, ordinal in _OPENING_PHRASES:
            end = index + len(phrase) - 1
            if tuple(tree.forms[index : end + 1]) == phrase and (
                phrase[0] == "first"
                or end == tree.size
                or tree.deprel(end + 1) == "punct"
                or _subject_follows(tree, end)
            ):
                return ordinal, end
        form = tree.forms[index]
        value = _ORDINALS.get(form, _CONTINUERS.get(form))
        if value is None:
            return None
        following = tree.forms[index + 1] if index < tree.size else ""
        if following == "," or _subject_follows(tree, index):
            # Set off by a comma at the head of its clause ("Third, young people ..."), or
            # before a pronoun subject ("Last you won't remember ..."), an ordinal modifies no
            # noun, whatever the parser attached it to.
            return value, index
        head = tree.head(index)
        if (
            value in (_NEXT, _LAST)
            or tree.deprel(index) in _NOT_DISCOURSE
            or (head and tree.deprel(head) == "compound")
            or following in ("-", "–")
        ):
            return None
        return value, index

    def _noun_series(self) -> Iterator[_Candidate]:
        """Subjects opening a clause: "One reason ...", "Another reason ...", "A third ...", and
        pronoun series "One is ... The other is ...", "..., and the first of them is ..."."""
        for tree in self.trees:
            for subject in range(1, tree.size + 1):
                if tree.deprel(subject) not in ("nsubj", "expl"):
                    continue
                first = min(tree.subtree(subject))
                if not self._opens_clause(tree, first, subject):
                    continue
                value = self._series_value(tree, subject, first)
                noun = tree.token(subject).lemma.lower()
                pronoun = tuple(tree.forms[first : subject + 1]) in _PRONOUN_SERIES
                nominal = tree.token(subject).upos == "NOUN" and not pronoun
                if value is None or (nominal and noun in _MEASURES | _NARRATIVE_NOUNS):
                    continue
                start = tree.token(first).start
                paragraph = self.paragraph_of(start)
                marker = self.text[start : tree.token(subject).end]
                yield _Candidate(
                    "series", start, value, marker, paragraph, self.paragraph_end(paragraph),
                    noun if nominal else None, listed=not nominal or noun in _SERIES_NOUNS,
                )  # fmt: skip

    def _opens_clause(self, tree: Tree, first: int, subject: int) -> bool:
        """Whether the phrase starting at ``first`` opens the sentence, or a clause coordinated
        in it ("..., and the first of them is ...")."""
        if first == tree.first_word() or starts_clause(tree, first):
            return True
        before = first - 1
        return tree.deprel(before) == "cc" and tree.head(before) == tree.head(subject)

    def _series_value(self, tree: Tree, subject: int, first: int) -> int | None:
        words = list(range(first, subject + 1))
        forms = tuple(tree.forms[word] for word in words)
        if forms in _PRONOUN_SERIES or tree.token(subject).upos != "NOUN":
            # "Another is ...", "The second is ...": the pronoun stands for the series noun.
            return _PRONOUN_SERIES.get(forms)
        modifiers = {tree.forms[word]: tree.deprel(word) for word in words[:-1]}
        if modifiers.get("one") == "nummod":
            return 1
        if modifiers.get("another") == "det":
            return _NEXT
        for form, relation in modifiers.items():
            if relation == "amod" and form in _ORDINALS and not form.endswith("ly"):
                return _ORDINALS[form]
            if relation == "amod" and form in ("final", "last"):
                return _LAST
        return None

    def _announcement(
        self,
        sequence: list[_Candidate],
        items: list[EnumerationItem],
        announcements: list[_Announced],
        enclosing: list[list[tuple[int, int]]],
    ) -> _Announced | None:
        """The announcement a list answers: before its first item, not inside an item of an
        enclosing list unless the list is nested in that same item, and either close (in the
        first item's paragraph or the one before) or, further back (two paragraphs, or the
        text's opening), fitting by count or head noun, and in the list's speaker turn. The
        closest fitting one wins, then the closest."""
        first = items[0].start
        first_paragraph = sequence[0].paragraph
        noun = sequence[0].noun
        chosen: tuple[bool, int, _Announced] | None = None
        for announcement in announcements:
            if announcement.announcement.end > first:
                continue
            if self.turn_of(announcement.start) != self.turn_of(first):
                continue  # another speaker's count announces nothing of this list
            inside = [
                (start, end)
                for spans in enclosing
                for start, end in spans
                if start <= announcement.start < end
            ]
            if any(not start <= first < end for start, end in inside):
                continue  # a number in one item's elaboration announces nothing after it
            fits = announcement.count == len(items) or (
                noun is not None and announcement.noun == noun
            )
            paragraph = self.paragraph_of(announcement.start)
            close = paragraph >= first_paragraph - 1
            # Further back only a fitting count in the text's opening (headline, byline,
            # lead) or in the paragraph before the one before the list.
            opening = paragraph <= _OPENING_PARAGRAPHS or paragraph >= first_paragraph - 2
            if not close and not (fits and opening):
                continue
            rank = (fits, announcement.start, announcement)
            if chosen is None or rank[:2] > chosen[:2]:
                chosen = rank
        return None if chosen is None else chosen[2]

    def _announcements(self) -> list[_Announced]:
        """Counted plural nouns that can announce a list: "four clear strengths"."""
        found = []
        for tree in self.trees:
            for index in range(1, tree.size + 1):
                token = tree.token(index)
                head = tree.head(index)
                if tree.deprel(index) != "nummod" or not head or head < index:
                    continue
                noun = tree.token(head)
                count = _CARDINALS.get(tree.forms[index])
                if count is None and tree.forms[index].isdigit():
                    count = int(tree.forms[index])
                plural = noun.features.get("Number", "Plur") == "Plur"
                if (
                    count is None
                    or not 2 <= count <= 10
                    or noun.upos != "NOUN"
                    or not plural
                    or noun.lemma.lower() in _MEASURES
                ):
                    continue
                found.append(
                    _Announced(Announcement(token.start, noun.end, count), noun.lemma.lower())
                )
        return found


def _sequences(
    candidates: list[_Candidate], concluding: frozenset[int]
) -> Iterator[list[_Candidate]]:
    """Chain items of one family: a first item opens a sequence, a final item closes it.

    A later item joins while it stays within a paragraph of the last one, or, further on,
    when both open their paragraphs (sections) and it continues the count (the next ordinal,
    "next", "another", "finally") with no concluding paragraph in between.
    """
    current: list[_Candidate] = []
    for candidate in candidates:
        joins = (
            current
            and candidate.ordinal != 1
            and (candidate.noun is None or current[0].noun in (None, candidate.noun))
            and _continues(current[-1], candidate, concluding)
        )
        final = candidate.ordinal == _LAST
        if joins:
            if candidate.ordinal in (_NEXT, _LAST):
                candidate = attrs.evolve(candidate, ordinal=current[-1].ordinal + 1, final=final)
            current.append(candidate)
        else:
            if current:
                yield current
            current = [candidate] if candidate.ordinal not in (_NEXT, _LAST) else []
        if current and final:
            yield current
            current = []
    if current:
        yield current


def _joined_across_families(
    sequences: list[list[_Candidate]], concluding: frozenset[int]
) -> list[list[_Candidate]]:
    """Sequences in document order, a list that goes on in another family joined to the one it
    continues: student writing opens with "The first reason …" or "My first reason …" and
    goes on with "Secondly, …", "Finally, …" (or the other way round). A sequence joins the
    one whose last item is the last item before its first, when it continues that count."""
    ordered = sorted(sequences, key=lambda sequence: sequence[0].start)
    starts = sorted(item.start for sequence in ordered for item in sequence)
    joined: list[list[_Candidate]] = []
    for sequence in ordered:
        first = sequence[0]
        before = bisect.bisect_left(starts, first.start) - 1
        previous = (
            next((earlier for earlier in joined if earlier[-1].start == starts[before]), None)
            if before >= 0
            else None
        )
        if (
            previous is not None
            and previous[-1].family != first.family
            and previous[-1].ordinal + 1 == first.ordinal
            and not previous[-1].final
            and _continues(previous[-1], first, concluding)
        ):
            previous.extend(sequence)
        else:
            joined.append(list(sequence))
    return joined


def _subject_follows(tree: Tree, index: int) -> bool:
    """Whether a pronoun subject follows word ``index``: what comes before it opens the clause
    ("For one it will be more dangerous", "Last you won't remember")."""
    return index < tree.size and (
        tree.token(index + 1).upos == "PRON"
        and tree.deprel(index + 1) in ("nsubj", "nsubj:pass", "expl")
    )


def _sectional(sequence: list[_Candidate]) -> bool:
    """A list of sections: every item opens its paragraph, some a paragraph or more apart."""
    return all(item.leads for item in sequence) and any(
        later.paragraph - earlier.paragraph >= 2 for earlier, later in itertools.pairwise(sequence)
    )


def _continues(last: _Candidate, candidate: _Candidate, concluding: frozenset[int]) -> bool:
    """Whether ``candidate`` can be the item after ``last`` in one sequence (never across a
    speaker label)."""
    if candidate.turn != last.turn:
        return False
    if candidate.paragraph - last.paragraph <= 1:
        return True
    follows = candidate.ordinal in (_NEXT, _LAST, last.ordinal + 1)
    broken = any(last.paragraph < paragraph <= candidate.paragraph for paragraph in concluding)
    return last.leads and candidate.leads and follows and not broken


__all__ = ["EnumerationRules"]
