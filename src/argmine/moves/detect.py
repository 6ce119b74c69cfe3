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

>>> from argmine.parsing import parse
>>> text = "Only when both sides keep their promises can peace return."
>>> (move,) = detect_moves(parse(text, parser="bundled"))  # doctest: +SKIP
>>> move.condition, text[move.antecedent.start : move.antecedent.end]  # doctest: +SKIP
(<Condition.NECESSARY: 'necessary'>, 'both sides keep their promises')
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

import attrs

from argmine.errors import ModelNotFoundError
from argmine.moves.lexicon import Lexicon, default_lexicon
from argmine.moves.senses import (
    NONE,
    MarkerContext,
    MarkerSenseClassifier,
    load_concession_model,
    load_default_model,
)
from argmine.text.tree import Tree, paragraph_bounds, trim
from argmine.types import (
    Announcement,
    AnyMove,
    Cause,
    Concession,
    Conclusion,
    Condition,
    Conditional,
    Contrast,
    Enumeration,
    EnumerationItem,
    Exemplification,
    MoveKind,
    ParsedText,
    Reformulation,
    Span,
)

#: Decides the sense of each ambiguous marker: a :class:`MoveKind` value or ``"none"``, in
#: the order of the contexts.
SenseFunction = Callable[[Sequence[MarkerContext]], list[str]]

_MARKERS: Lexicon = default_lexicon()

_NEGATIONS = frozenset({"not", "n't", "never"})
#: Auxiliaries that open a conditional by inversion ("Should X, Y", "Had X, Y", "Were X, Y").
_INVERTING = frozenset({"should", "had", "were"})
#: Modals of an unreal consequence ("Had we known, we would have acted").
_UNREAL = frozenset({"would", "could", "might", "'d"})

# -- enumeration vocabulary ------------------------------------------------------------------

_NEXT, _LAST = -1, -2  # ordinal placeholders: one more than the item before / the final item
_ORDINAL_MARKERS = [marker for marker in _MARKERS if marker.frame == "ordinal"]
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


@attrs.frozen
class _Match:
    """A lexicon phrase found in a sentence: its words (1-based) and lowercased text."""

    tree: Tree
    ids: tuple[int, ...]
    phrase: str


@attrs.frozen
class _Ambiguous:
    """A marker whose sense the sense function decides, with the move each sense gives."""

    context: MarkerContext
    readings: dict[str, AnyMove]


def detect_moves(parsed: ParsedText, *, senses: SenseFunction | None = None) -> tuple[AnyMove, ...]:
    """Every move in ``parsed``, sorted by start, with ids ``m1``, ``m2``, ...

    ``senses`` decides the ambiguous markers; None means :func:`default_senses`. Never
    raises on a valid :class:`ParsedText`.
    """
    detector = _Detector(parsed)
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


# -- senses: the shipped classifier, or the fallback rules ------------------------------------


def default_senses() -> SenseFunction:
    """The shipped marker-sense model when its file is installed, else the fallback rules.

    Even with the model, the rules decide the markers in :data:`RULED_MARKERS`: trained on GUM,
    the model reads most generic "when" as temporal, which argumentative prose mostly
    contradicts. Where the contrast-or-concession model is installed, it then decides every
    contrast of *but*, *however*, *yet* and *while* that no conceding word settled.
    """
    try:
        model = load_default_model()
    except ModelNotFoundError:
        return conservative_senses
    try:
        concession: MarkerSenseClassifier | None = load_concession_model()
    except ModelNotFoundError:
        concession = None

    def senses(contexts: Sequence[MarkerContext]) -> list[str]:
        learned = [context for context in contexts if context.marker not in RULED_MARKERS]
        predicted: Iterator[str] = iter(model.predict(learned) if learned else [])
        labels = [
            _fallback_sense(context) if context.marker in RULED_MARKERS else str(next(predicted))
            for context in contexts
        ]
        if concession is None:
            return labels
        turns = [
            index
            for index, (context, label) in enumerate(zip(contexts, labels, strict=True))
            if label == MoveKind.CONTRAST.value and context.marker in _TURNING
        ]
        if turns:
            decided = concession.predict([contexts[index] for index in turns])
            for index, label in zip(turns, decided, strict=True):
                labels[index] = str(label)
        return labels

    return senses


#: Markers that offer a contrast and a concession reading alike (``whereas`` is always a
#: contrast, ``although`` and ``though`` always concede).
_TURNING = frozenset(
    marker.phrase
    for marker in _MARKERS
    if marker.ambiguous and {MoveKind.CONTRAST, MoveKind.CONCESSION} <= set(marker.kinds)
)


#: Result markers that either draw the text's conclusion or state an effect.
_RESULT_MARKERS = frozenset(
    marker.phrase for marker in _MARKERS if marker.ambiguous and MoveKind.CONCLUSION in marker.kinds
)
#: Markers whose sense the rules of :func:`conservative_senses` decide, model or not.
RULED_MARKERS = _MARKERS.phrases(role="ruled")
#: The contrast-or-concession markers among them ("but", "however", "yet").
_RULED_TURNS = _TURNING & RULED_MARKERS
#: Modals of obligation or advice: a claim about what should be done is a conclusion.
_DEONTIC = frozenset({"should", "must", "ought", "shall", "need"})
#: Predicates of a value judgement ("X is therefore the right measure", "It would be wise").
_EVALUATIVE = frozenset(
    {
        "right", "wrong", "wise", "unwise", "better", "best", "necessary", "unnecessary",
        "good", "bad", "fair", "unfair", "essential", "important", "desirable", "justified",
        "sensible", "reasonable", "unacceptable", "acceptable", "mistake", "way",
    }
)  # fmt: skip
#: Sentence openers that add a premise ("Besides, X must therefore ..." argues, not concludes).
_ADDITIVE = _MARKERS.phrases(role="additive")
#: Words that concede what follows them ("Admittedly X, but Y", "It is true that X, but Y").
_CONCEDING = _MARKERS.phrases(role="conceding")
#: Nouns of a time that a "when" clause describes ("the day when X", "in the evening, when X").
_TIME_NOUNS = frozenset(
    {
        "day", "night", "morning", "evening", "afternoon", "week", "month", "year", "time",
        "moment", "age", "era", "period", "season", "summer", "winter", "spring", "autumn",
        "weekend", "hour", "decade", "century",
    }
)  # fmt: skip


def conservative_senses(contexts: Sequence[MarkerContext]) -> list[str]:
    """Rule-based senses for when no trained classifier is at hand; precision over recall.

    * *but*, *however*, *yet*: contrast, unless the first side is conceded ("Admittedly X,
      but Y", "It is true that X, but Y", "Of course X. However, Y"): then concession.
      *therefore*, *thus*, *hence*: cause (never conclusion).
    * *when*/*whenever*: conditional only when the host clause is present tense, imperative
      or modal and the *when* clause is not past ("When prices rise, people buy less"; not
      "When I arrived, ...") nor describes a time named just before it ("the day when X",
      "in the evening, when X").
    * *since*: causal unless the host clause is perfect ("Since 2010 we have ..."), the
      clause holds a number, or the host clause is not present or modal.
    * *as*: causal only at the start of a clause, with a present or modal subject clause
      that is not progressive and a present or modal host clause.
    * *while*: contrast when its clause has a subject and is present or modal, not
      progressive ("while the budget stayed balanced" may well be temporal).
    """
    return [_fallback_sense(context) for context in contexts]


def _fallback_sense(site: MarkerContext) -> str:
    tree = Tree(site.parsed.text, site.parsed.sentences[site.sentence], site.sentence, 0)
    if site.marker in _RESULT_MARKERS:
        return _result_sense(site, tree)
    if site.marker in _RULED_TURNS:
        return _turn_sense(site, tree)
    clause = _object(tree, site.words)
    if clause is None:
        return NONE
    governor = _governing_clause(tree, _attachment(tree, clause, site.words)[1])
    host_tense = tree.tense(governor) if governor else None
    tense = tree.tense(clause)
    if site.marker in ("when", "whenever"):
        present = host_tense in ("Pres", "Modal") and tense != "Past"
        named_time = site.marker == "when" and _after_time_noun(tree, site.words[0])
        return MoveKind.CONDITIONAL.value if present and not named_time else NONE
    if site.marker == "since":
        perfect = bool(governor) and any(
            tree.token(aux).lemma.lower() == "have" for aux in tree.children(governor, "aux")
        )
        counted = any(tree.token(word).upos == "NUM" for word in tree.subtree(clause))
        after_ever = site.words[0] > 1 and tree.forms[site.words[0] - 1] == "ever"
        causal = not (perfect or counted or after_ever) and host_tense in ("Pres", "Modal")
        return MoveKind.CAUSE.value if causal else NONE
    if site.marker == "as":
        first = site.words[0]
        initial = first == tree.first_word() or (first > 1 and tree.deprel(first - 1) == "punct")
        causal = (
            initial
            and bool(tree.children(clause, "nsubj", "expl"))
            and tense in ("Pres", "Modal")
            and not _progressive(tree, clause)
            and host_tense in ("Pres", "Modal")
        )
        return MoveKind.CAUSE.value if causal else NONE
    contrastive = bool(tree.children(clause, "nsubj", "expl")) and not _progressive(tree, clause)
    return MoveKind.CONTRAST.value if contrastive and tense in ("Pres", "Modal") else NONE


def _result_sense(site: MarkerContext, tree: Tree) -> str:
    """*Therefore*, *thus*, *hence*, *that's why*: the text's conclusion when the marker
    modifies the sentence's main clause, the sentence adds no premise ("Besides, …", "…, and
    thus …") and it closes the text, says what should be done or judges ("is therefore the
    right measure"); otherwise a cause."""
    root = next((word for word in range(1, tree.size + 1) if tree.head(word) == 0), 0)
    if not root:
        return MoveKind.CAUSE.value
    marker = site.words[0]
    # Opening the sentence ("Hence X", whatever the parser hung "Hence" on), or on its root.
    main_clause = (
        site.marker.endswith(" why")
        or marker == tree.first_word()
        or any(word == root or tree.head(word) == root for word in site.words)
    )
    adds = tree.forms[tree.first_word()] in _ADDITIVE
    last = site.sentence == len(site.parsed.sentences) - 1
    normative = any(
        tree.forms[aux] in _DEONTIC or tree.token(aux).lemma.lower() in _DEONTIC
        for aux in [root, *tree.children(root, "aux")]
    ) and not any(
        tree.token(aux).lemma.lower() == "have" for aux in tree.children(root, "aux")
    )  # "must have been" infers, it does not prescribe
    predicate = [root, *tree.children(root, "amod")]
    normative = normative or any(
        tree.token(word).lemma.lower() in _EVALUATIVE for word in predicate
    )
    if site.marker.endswith(" why"):
        normative = normative or any(
            tree.forms[word] in _DEONTIC for word in range(marker, tree.size + 1)
        )
    concludes = main_clause and not adds and (last or normative)
    return MoveKind.CONCLUSION.value if concludes else MoveKind.CAUSE.value


def _turn_sense(site: MarkerContext, tree: Tree) -> str:
    """Concession when the side before the turn is conceded, else contrast. That side is the
    sentence up to the marker, or the sentence before when the marker opens its own."""
    before = range(1, site.words[0])
    if site.words[0] == tree.first_word() and site.sentence:
        previous = site.parsed.sentences[site.sentence - 1]
        tree = Tree(site.parsed.text, previous, site.sentence - 1, 0)
        before = range(1, tree.size + 1)
    conceded = any(tree.forms[word] in _CONCEDING for word in before)
    return MoveKind.CONCESSION.value if conceded else MoveKind.CONTRAST.value


def _after_time_noun(tree: Tree, marker: int) -> bool:
    """Whether "when" follows a noun of time, directly or after a comma: a relative clause."""
    previous = marker - 1
    if previous > 1 and tree.forms[previous] == ",":
        previous -= 1
    return previous > 0 and tree.token(previous).lemma.lower() in _TIME_NOUNS


def _progressive(tree: Tree, index: int) -> bool:
    features = tree.token(index).features
    return features.get("VerbForm") == "Ger" or (
        features.get("VerbForm") == "Part" and features.get("Tense") == "Pres"
    )


# -- tree queries shared by the detectors ------------------------------------------------------


def _object(tree: Tree, ids: Sequence[int]) -> int | None:
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


def _attachment(tree: Tree, node: int, ids: Iterable[int]) -> tuple[int, int]:
    """(top, governor): the highest of ``node`` and the marker words, and its head."""
    marker = set(ids)
    top = node
    while tree.head(top) in marker:
        top = tree.head(top)
    return top, tree.head(top)


def _marker_top(tree: Tree, ids: Sequence[int]) -> tuple[int, int]:
    """(top, governor) of a marker phrase that stands alone ("however", "in other words")."""
    marker = set(ids)
    tops = [word for word in ids if tree.head(word) not in marker]
    top = min(tops, key=lambda word: len(list(tree.ancestors(word))))
    return top, tree.head(top)


def _surface(tree: Tree, *groups: Sequence[int]) -> str:
    """The marker as written; discontinuous parts joined by " … "."""
    parts = []
    for group in filter(None, groups):
        first, last = tree.token(min(group)), tree.token(max(group))
        parts.append(tree.text[first.start : last.end])
    return " … ".join(parts)


def _cover(first: Span, *others: Span | None) -> Span:
    """The smallest span that holds ``first`` and every other span given."""
    spans = [first, *(span for span in others if span is not None)]
    return Span(min(span.start for span in spans), max(span.end for span in spans))


def _overlap(first: Span, second: Span) -> bool:
    return first.start < second.end and second.start < first.end


def _has_content(tree: Tree, span: Span) -> bool:
    """Whether a span holds more than pronouns and auxiliaries ("This is" has none)."""
    return any(
        span.start <= token.start < span.end
        and token.upos in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")
        for token in tree.sentence.tokens
    )


def _clause_head(tree: Tree, node: int) -> int:
    """The head of the clause ``node`` belongs to: up through nominal relations."""
    while tree.head(node) and not _is_clause(tree, node):
        node = tree.head(node)
    return node


def _governing_clause(tree: Tree, governor: int) -> int:
    """The clause a subordinate clause modifies: a parser may hang it on a noun of that clause
    ("reaches the cellars whenever X")."""
    if governor and tree.token(governor).upos in ("NOUN", "PROPN", "PRON"):
        return _clause_head(tree, governor)
    return governor


def _is_clause(tree: Tree, node: int) -> bool:
    relation = tree.deprel(node)
    if relation in ("advcl", "ccomp", "parataxis", "acl", "xcomp"):
        return True
    predicate = tree.token(node).upos in ("VERB", "AUX") or bool(
        tree.children(node, "nsubj", "cop", "csubj")
    )
    return relation == "conj" and predicate


def _starts_clause(tree: Tree, index: int) -> bool:
    """Only punctuation and conjunctions before ``index``, or a semicolon or colon just before."""
    if index > 1 and tree.forms[index - 1] in (";", ":"):
        return True
    return all(tree.deprel(word) in ("punct", "cc") for word in range(1, index))


def _marker_span(tree: Tree, ids: Sequence[int]) -> Span:
    return Span(tree.token(min(ids)).start, tree.token(max(ids)).end)


# -- the detector ------------------------------------------------------------------------------


class _Detector:
    """One pass over a document: enumerations, then every lexicon marker in reading order."""

    def __init__(self, parsed: ParsedText) -> None:
        self.parsed = parsed
        self.text = parsed.text
        self.paragraphs = paragraph_bounds(parsed.text)
        self._starts = [start for start, _ in self.paragraphs]
        self.trees = [
            Tree(parsed.text, sentence, position, self.paragraph_of(sentence.start))
            for position, sentence in enumerate(parsed.sentences)
        ]
        self.matches = [list(_matches(tree)) for tree in self.trees]
        self.ordinals = [self._ordinals(tree) for tree in self.trees]
        for tree, matches, ordinals in zip(self.trees, self.matches, self.ordinals, strict=True):
            tree.connectives = self._connectives(tree, matches, ordinals)
        self.moves: list[AnyMove] = []
        self.ambiguous: list[_Ambiguous] = []
        self.claimed: set[tuple[int, int]] = set()

    def _connectives(
        self, tree: Tree, matches: list[_Match], ordinals: dict[int, tuple[int, int]]
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

    def paragraph_of(self, offset: int) -> int:
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)

    def paragraph_end(self, paragraph: int) -> int:
        return self.paragraphs[paragraph][1] if self.paragraphs else len(self.text)

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

    def previous(self, tree: Tree, host: int) -> Span | None:
        """What a sentence adverb looks back to: the clause this one joins, else the sentence
        before."""
        head = tree.head(host)
        if head and head < host and tree.deprel(host) in ("conj", "parataxis", "advcl"):
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
        top, governor = _marker_top(tree, ids)
        if not governor:
            return top, tree.words_span(1, tree.size, strip=ids)
        clause = _clause_head(tree, governor)
        return clause, tree.clause_span(clause, strip=ids)

    def add(self, move: AnyMove) -> None:
        self.moves.append(move)

    def offer(self, match: _Match, readings: dict[str, AnyMove]) -> None:
        """Leave the choice between ``readings`` (by move kind) to the sense function."""
        context = MarkerContext(self.parsed, match.tree.position, match.ids, match.phrase)
        self.ambiguous.append(_Ambiguous(context, readings))

    def claim(self, tree: Tree, *words: int) -> None:
        self.claimed.update((tree.position, word) for word in words)

    # -- enumerations ----------------------------------------------------------------------

    def enumerations(self) -> None:
        """Chain item candidates of each family into sequences and add them as moves."""
        candidates = [
            attrs.evolve(candidate, leads=self._leads(candidate.start))
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
        sequences.sort(key=lambda sequence: sequence[0].start)
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
            if _LEXICON[match.phrase.split()[0]][match.phrase] is _Detector.conclusion
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
            if tree.forms[index] in _ORDINAL_STARTS and _starts_clause(tree, index):
                ordinal = self._ordinal_at(tree, index)
                if ordinal is not None:
                    found[index] = ordinal
        return found

    def _ordinal_at(self, tree: Tree, index: int) -> tuple[int, int] | None:
        """(ordinal, last word) when an ordinal marker starts at clause-initial word ``index``."""
        for phrase, ordinal in _OPENING_PHRASES:
            end = index + len(phrase) - 1
            if tuple(tree.forms[index : end + 1]) == phrase and (
                phrase[0] == "first" or end == tree.size or tree.deprel(end + 1) == "punct"
            ):
                return ordinal, end
        form = tree.forms[index]
        value = _ORDINALS.get(form, _CONTINUERS.get(form))
        if value is None:
            return None
        following = tree.forms[index + 1] if index < tree.size else ""
        if following == ",":
            # Set off by a comma at the head of its clause ("Third, young people ..."), an
            # ordinal modifies no noun, whatever the parser attached it to.
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
        if first == tree.first_word() or _starts_clause(tree, first):
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
        text's opening), fitting by count or head noun. The closest fitting one wins, then
        the closest."""
        first = items[0].start
        first_paragraph = sequence[0].paragraph
        noun = sequence[0].noun
        chosen: tuple[bool, int, _Announced] | None = None
        for announcement in announcements:
            if announcement.announcement.end > first:
                continue
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

    # -- subordinating markers ---------------------------------------------------------------

    def _frame(self, match: _Match) -> tuple[int, set[int], int, set[int]] | None:
        """The clause a subordinator introduces and its host: (clause head, words outside the
        clause, host head, words outside the host)."""
        tree = match.tree
        clause = _object(tree, match.ids)
        if clause is None:
            return None
        # A subordinator hung on the clause's subject ("as long as the border stays open")
        # still introduces that clause.
        last = max(match.ids)
        while tree.deprel(clause) != "advcl" and tree.head(clause) > last:
            clause = tree.head(clause)
        top, governor = _attachment(tree, clause, match.ids)
        if not governor and _starts_clause(tree, min(match.ids)):
            inverted = self._inverted(tree, clause, last)
            return (clause, tree.subtree(inverted), inverted, set()) if inverted else None
        relations = _FRAME_RELATIONS.get(match.phrase, _CLAUSE_RELATIONS)
        if not governor or not (tree.deprel(clause) in relations or top != clause):
            return None
        if match.phrase == "if" and self._asks(tree, governor, min(match.ids)):
            return None
        return clause, set(), _governing_clause(tree, governor), tree.subtree(top)

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

    def _sides(self, match: _Match) -> tuple[Span, Span, int] | None:
        """(subordinate clause, host clause, host head): disjoint spans, markers trimmed off."""
        frame = self._frame(match)
        if frame is None:
            return None
        tree = match.tree
        clause, outside_clause, host, outside_host = frame
        inner = tree.clause_span(clause, exclude=outside_clause, strip=match.ids)
        outer = tree.clause_span(host, exclude=outside_host, strip=match.ids)
        if inner is None or outer is None or _overlap(inner, outer):
            return None
        return inner, outer, host

    def conditional(self, match: _Match) -> None:
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
        marker = _surface(tree, focus, match.ids, thens[:1])
        self.add(self._conditional(match, condition, antecedent, consequent, marker))

    def _focus(self, tree: Tree, governor: int, match: _Match) -> list[int]:
        """The "only" before "if" or the negation before "unless" on the host clause ([] if
        none): "will only work if X", "will not return unless X"."""
        wanted = {"if": ("only",), "unless": tuple(_NEGATIONS)}.get(match.phrase, ())
        return [
            child
            for child in tree.children(governor, "advmod")
            if tree.forms[child] in wanted and child < min(match.ids)
        ][:1]

    def _conditional(
        self, match: _Match, condition: Condition, antecedent: Span, consequent: Span, marker: str
    ) -> Conditional:
        whole = _cover(_marker_span(match.tree, match.ids), antecedent, consequent)
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
        match = _Match(tree, (first,), tree.forms[first])
        marker = _surface(tree, [first])
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

    def ambiguous_clause(self, match: _Match) -> None:
        """Ambiguous subordinators ("when", "since", "as", "while"): the sense function decides."""
        sides = self._sides(match)
        if sides is None:
            return
        inner, outer, _ = sides
        marker = _surface(match.tree, match.ids)
        whole = _cover(_marker_span(match.tree, match.ids), inner, outer)
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

    def concessive_clause(self, match: _Match) -> None:
        """Concessive subordinators ("although", "even if"): conceded clause and main clause."""
        sides = self._sides(match)
        if sides is None:
            return
        conceded, main, _ = sides
        whole = _cover(_marker_span(match.tree, match.ids), conceded, main)
        self.add(
            Concession(
                id="", start=whole.start, end=whole.end, marker=_surface(match.tree, match.ids),
                conceded=conceded, main=main,
            )
        )  # fmt: skip

    def causal_clause(self, match: _Match) -> None:
        """Causal "because X": X the cause, the host clause the effect (for "This is because X"
        the sentence before)."""
        sides = self._sides(match)
        if sides is None:
            return
        cause, effect, _ = sides
        if not _has_content(match.tree, effect):
            effect = self.previous_sentence(match.tree) or effect
        whole = _cover(_marker_span(match.tree, match.ids), cause, effect)
        self.add(
            Cause(
                id="", start=whole.start, end=whole.end, marker=_surface(match.tree, match.ids),
                cause=cause, effect=effect,
            )
        )  # fmt: skip

    def contrastive_clause(self, match: _Match) -> None:
        """Contrastive "whereas X, Y": two sides, neither preferred."""
        sides = self._sides(match)
        if sides is None:
            return
        whole = _cover(_marker_span(match.tree, match.ids), *sides[:2])
        marker = _surface(match.tree, match.ids)
        self.add(Contrast(id="", start=whole.start, end=whole.end, marker=marker))

    # -- prepositional markers -----------------------------------------------------------------

    def _phrase_sides(self, match: _Match) -> tuple[Span, Span | None] | None:
        """(object, rest of its clause) of a prepositional marker ("because of the cuts")."""
        tree = match.tree
        head = _object(tree, match.ids)
        if head is None:
            return None
        inner = tree.clause_span(head, strip=match.ids)
        if inner is None:
            return None
        top, governor = _attachment(tree, head, match.ids)
        if len(tree.subtree(head)) == 1 and tree.forms[head] in ("this", "that", "these", "it"):
            # "Because of this, Y": the cause is what the sentence before said.
            inner = self.previous_sentence(tree) or inner
        if governor:
            rest = tree.clause_span(governor, exclude=tree.subtree(top), strip=match.ids)
        else:  # "The delay was due to rain": the marker heads the clause.
            rest = tree.clause_span(top, exclude=tree.subtree(head), strip=match.ids)
        if rest is not None and _overlap(rest, inner):
            rest = None
        return inner, rest

    def _phrase_frame(self, match: _Match) -> tuple[Span, str, Span, Span | None] | None:
        """(whole move, marker text, object, rest of clause) of a prepositional marker."""
        sides = self._phrase_sides(match)
        if sides is None:
            return None
        inner, rest = sides
        whole = _cover(_marker_span(match.tree, match.ids), inner, rest)
        return whole, _surface(match.tree, match.ids), inner, rest

    def causal_phrase(self, match: _Match) -> None:
        """Causal prepositions ("because of", "due to", "thanks to") and the cause they take."""
        frame = self._phrase_frame(match)
        if frame is not None:
            whole, marker, cause, effect = frame
            self.add(Cause(id="", start=whole.start, end=whole.end, marker=marker,
                           cause=cause, effect=effect))  # fmt: skip

    def concessive_phrase(self, match: _Match) -> None:
        """Concessive phrases ("despite", "in spite of", "even allowing for") + the concession."""
        frame = self._phrase_frame(match)
        if frame is not None:
            whole, marker, conceded, main = frame
            self.add(Concession(id="", start=whole.start, end=whole.end, marker=marker,
                                conceded=conceded, main=main))  # fmt: skip

    def instead_of(self, match: _Match) -> None:
        """Contrast "A instead of B": B rejected, A (without its subject) preferred."""
        tree = match.tree
        head = _object(tree, match.ids)
        if head is None:
            return
        rejected = tree.clause_span(head, strip=match.ids)
        top, governor = _attachment(tree, head, match.ids)
        preferred = (
            self._conjunct(tree, governor, tree.subtree(top), match.ids) if governor else None
        )
        self._contrast(match, _surface(tree, match.ids), preferred, rejected)

    def rather_than(self, match: _Match) -> None:
        """Contrast "A rather than B": A preferred, B rejected, without the words they share."""
        tree = match.tree
        head = _object(tree, match.ids)
        if head is None:
            return
        rejected = self._conjunct(tree, head, (), match.ids)
        if tree.deprel(head) == "conj" and tree.head(head) < head:
            other = tree.head(head)
            preferred = self._conjunct(tree, other, tree.subtree(head), match.ids)
        else:
            top, governor = _attachment(tree, head, match.ids)
            if not governor:
                return
            preferred = self._conjunct(tree, governor, tree.subtree(top), match.ids)
        self._contrast(match, _surface(tree, match.ids), preferred, rejected)

    def _conjunct(
        self, tree: Tree, head: int, exclude: Iterable[int], strip: Sequence[int]
    ) -> Span | None:
        """A conjunct without what it shares with its partner (subject, auxiliaries, "not")."""
        dropped = set(exclude)
        for child in tree.children(head):
            shared = tree.deprel(child) in ("nsubj", "csubj", "expl", "aux", "cop", "mark", "cc")
            negation = tree.forms[child] in _NEGATIONS
            if child < head and (shared or negation or tree.deprel(child) == "discourse"):
                dropped |= tree.subtree(child)
        return tree.clause_span(head, exclude=dropped, strip=strip)

    def _contrast(
        self, match: _Match, marker: str, preferred: Span | None, rejected: Span | None
    ) -> None:
        if preferred is not None and rejected is not None and _overlap(preferred, rejected):
            return
        whole = _cover(_marker_span(match.tree, match.ids), preferred, rejected)
        self.add(
            Contrast(
                id="", start=whole.start, end=whole.end, marker=marker,
                preferred=preferred, rejected=rejected,
            )
        )  # fmt: skip

    # -- coordinators and sentence adverbs -------------------------------------------------------

    def but(self, match: _Match) -> None:
        """Correction "not X but Y" (X rejected, Y preferred), else two sides for the senses.

        "yet" joins clauses like "but" ("X, yet Y"; "Yet Y" opening a sentence) but corrects
        nothing; "not yet" is no connective.
        """
        tree = match.tree
        word = match.ids[0]
        opening_yet = match.phrase == "yet" and _starts_clause(tree, word)
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
                marker = _surface(tree, [negation], [word])
                self._contrast(match, marker, preferred, rejected)
                return
            first = tree.clause_span(left, exclude=tree.subtree(right))
            second = tree.clause_span(right, strip=[word])
        else:
            first = self.previous_sentence(tree)
            second = tree.words_span(1, tree.size, strip=[word])
        self._two_sided(match, first, second)

    def _two_sided(self, match: _Match, first: Span | None, second: Span | None) -> None:
        """A contrast of two sides, or a concession of the first to the second."""
        if first is None or second is None or _overlap(first, second):
            return
        whole = _cover(first, second)
        marker = _surface(match.tree, match.ids)
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
                if tree.forms[child] in _NEGATIONS and child < before:
                    return child
            if tree.deprel(node) not in ("nmod", "obl", "acl", "conj", "xcomp", "obj"):
                break
        return 0

    def _adverbial(self, match: _Match) -> tuple[Span, Span] | None:
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
        if span is None or before is None or _overlap(before, span):
            return None
        return before, span

    def _sentence_adverb(self, tree: Tree, ids: Sequence[int]) -> bool:
        """Set off by punctuation or opening the clause (also after "and": "and so Y"), not a
        degree word on the adjective or adverb it precedes ("however hard", "so quiet")."""
        first, last = min(ids), max(ids)
        degree = last < tree.size and tree.head(last) == last + 1
        degree = degree and tree.token(last + 1).upos in ("ADJ", "ADV")
        if _starts_clause(tree, first) or tree.deprel(first - 1) in ("punct", "cc"):
            return not degree
        return last < tree.size and tree.deprel(last + 1) == "punct"

    def contrast_adverb(self, match: _Match) -> None:
        """Contrast adverbs ("however", "in contrast"): this clause against the one before;
        "instead": this clause preferred to the one before."""
        sides = self._adverbial(match)
        if sides is None:
            return
        before, current = sides
        marker = _surface(match.tree, match.ids)
        if match.phrase == "instead" and _starts_clause(match.tree, min(match.ids)):
            self._contrast(match, marker, current, before)
        elif match.phrase == "instead":  # "... drive instead": the alternative goes unsaid
            self._contrast(match, marker, current, None)
        elif match.phrase == "however":
            self._two_sided(match, before, current)
        else:
            whole = _cover(before, current)
            self.add(Contrast(id="", start=whole.start, end=whole.end, marker=marker))

    def one_hand(self, match: _Match) -> None:
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
                if first is None or second is None or _overlap(first, second):
                    return
                self.claim(later, *other.ids)
                marker = f"{_surface(tree, match.ids)} … {_surface(later, other.ids)}"
                whole = _cover(first, second, _marker_span(tree, match.ids))
                self.add(Contrast(id="", start=whole.start, end=whole.end, marker=marker))
                return

    def cause_adverb(self, match: _Match) -> None:
        """Result adverbs ("therefore", "as a result"): the clause before is the cause, this one the
        effect."""
        sides = self._adverbial(match) or self._inside_clause(match)
        if sides is None:
            return
        cause, effect = sides
        whole = _cover(cause, effect)
        marker = _surface(match.tree, match.ids)
        move = Cause(
            id="", start=whole.start, end=whole.end, marker=marker, cause=cause, effect=effect
        )
        if match.phrase not in _RESULT_MARKERS:
            self.add(move)
            return
        # "Therefore Y" also reads as a conclusion drawn from what came before.
        concluded = Conclusion(id="", start=whole.start, end=whole.end, marker=marker, scope=effect)
        self.offer(match, {MoveKind.CAUSE.value: move, MoveKind.CONCLUSION.value: concluded})

    def _inside_clause(self, match: _Match) -> tuple[Span, Span] | None:
        """(what came before, host clause) for a result adverb inside its clause, unmarked by
        commas: "Higher fines are therefore the right measure"."""
        tree = match.tree
        (word,) = match.ids if len(match.ids) == 1 else (0,)
        if not word or tree.deprel(word) != "advmod" or match.phrase not in _RESULT_MARKERS:
            return None
        host, span = self.host(tree, match.ids)
        before = self.previous(tree, host)
        if span is None or before is None or _overlap(before, span):
            return None
        return before, span

    def why(self, match: _Match) -> None:
        """ "That's why Y" (the sentence before is the cause) and "X, which is why Y": a result
        marker like "therefore", decided between cause and conclusion the same way."""
        tree = match.tree
        first, last = min(match.ids), max(match.ids)
        effect = tree.words_span(last + 1, tree.size)
        if match.phrase == "which is why":
            cause = tree.words_span(tree.first_word(), first - 1) if first > 1 else None
        elif first == tree.first_word():
            cause = self.previous_sentence(tree)
        else:
            return
        if cause is None or effect is None or _overlap(cause, effect):
            return
        whole = _cover(cause, effect)
        marker = _surface(tree, match.ids)
        move = Cause(
            id="", start=whole.start, end=whole.end, marker=marker, cause=cause, effect=effect
        )
        concluded = Conclusion(id="", start=whole.start, end=whole.end, marker=marker, scope=effect)
        self.offer(match, {MoveKind.CAUSE.value: move, MoveKind.CONCLUSION.value: concluded})

    def after_all(self, match: _Match) -> None:
        """ "After all, X": X is a reason for what was said before (not "after all the rain")."""
        tree = match.tree
        last = max(match.ids)
        if last < tree.size and tree.token(last + 1).upos in ("DET", "NOUN", "PROPN", "NUM", "ADJ"):
            return
        if tree.deprel(last).startswith("det"):
            return
        host, cause = self.host(tree, match.ids)
        effect = self.previous(tree, host)
        if cause is None or effect is None or _overlap(cause, effect):
            return
        whole = _cover(cause, effect)
        marker = _surface(tree, match.ids)
        self.add(
            Cause(
                id="", start=whole.start, end=whole.end, marker=marker, cause=cause, effect=effect
            )
        )

    def causal_for(self, match: _Match) -> None:
        """Coordinating "for" ("X, for Y"; "For Y" after X): Y is the reason for X. Only a
        "for" that joins a finite clause with a subject, after a comma or opening the
        sentence; the preposition ("for years", "for him to go") is none."""
        tree = match.tree
        word = match.ids[0]
        if tree.deprel(word) not in ("cc", "mark"):
            return
        right = tree.head(word)
        opening = word == tree.first_word()
        if not right or not (opening or tree.forms[word - 1] == ","):
            return
        finite = (
            tree.tense(right) is not None or tree.token(right).features.get("VerbForm") == "Fin"
        )
        if not tree.children(right, "nsubj", "expl", "nsubj:pass") or not finite:
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
        if cause is None or effect is None or _overlap(cause, effect):
            return
        whole = _cover(cause, effect)
        self.add(
            Cause(id="", start=whole.start, end=whole.end, marker="for", cause=cause, effect=effect)
        )

    def otherwise(self, match: _Match) -> None:
        """ "X; otherwise Y": if not X, then Y, an exception like "unless X, Y" (X the antecedent,
        Y the consequent). "An otherwise sound plan" and "would otherwise flood" are no
        connectives: neither opens a clause nor is set off."""
        sides = self._adverbial(match)
        if sides is None:
            return
        antecedent, consequent = sides
        marker = _surface(match.tree, match.ids)
        move = self._conditional(match, Condition.EXCEPTION, antecedent, consequent, marker)
        self.add(move)

    def so(self, match: _Match) -> None:
        """Result "so" ("X, so Y"; "So Y" after X): X the cause, Y the effect. Only a "so" that
        opens its clause and governs nothing next to it: not "so quiet", "do so", "or so"."""
        tree = match.tree
        word = match.ids[0]
        if tree.head(word) <= word or tree.deprel(word) not in ("advmod", "cc", "mark"):
            return
        self.cause_adverb(match)

    def concession_adverb(self, match: _Match) -> None:
        """Adverbs "even so", "nevertheless": the sentence before conceded, this one maintained."""
        sides = self._adverbial(match)
        if sides is None:
            return
        conceded, main = sides
        whole = _cover(conceded, main)
        marker = _surface(match.tree, match.ids)
        self.add(
            Concession(
                id="", start=whole.start, end=whole.end, marker=marker, conceded=conceded, main=main
            )
        )

    def admission(self, match: _Match) -> None:
        """Admissions ("Admittedly X", "Granted, X", "of course X ... but Y"): X conceded, the
        turn that follows (in the sentence or opening the next) maintained."""
        tree = match.tree
        first = min(match.ids)
        if match.phrase != "of course" and not (
            _starts_clause(tree, first)
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
            marker = _surface(tree, match.ids, [turn])
        else:
            found = self._turn_next(tree)
            marker = _surface(tree, match.ids)
            if found is not None:
                following, ids = found
                main = following.words_span(1, following.size, strip=ids)
                self.claim(following, *ids)
                marker = f"{marker} … {_surface(following, ids)}"
            elif match.phrase == "of course":
                return
        if conceded is None:
            return
        whole = _cover(_marker_span(tree, match.ids), conceded, main)
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

    def ignore(self, match: _Match) -> None:
        """Phrases that hold a marker word but are no marker ("as if", "so that", "all but")."""

    # -- scope markers -------------------------------------------------------------------------

    def example(self, match: _Match) -> None:
        """Examples: "For example, X" and "X, for example" scope over the clause X;
        "such as", "e.g." and a bare "for example" over the examples that follow."""
        tree = match.tree
        last = max(match.ids)
        set_off = last == tree.size or tree.deprel(last + 1) == "punct"
        adverbial = set_off or _starts_clause(tree, min(match.ids))
        if match.phrase in ("for example", "for instance") and adverbial:
            _, scope = self.host(tree, match.ids)
        else:  # "such as X", "e.g. X", "cities, for example Tallinn and Riga"
            scope = self._following(tree, match.ids)
        self._scoped(match, Exemplification, scope)

    def reformulation(self, match: _Match) -> None:
        """Reformulations ("in other words", "namely", "that is", "i.e.") and the restatement."""
        tree = match.tree
        last = max(match.ids)
        if match.phrase.startswith("that is") and not (
            (last < tree.size and tree.forms[last + 1] in (",", ":", "—"))
            and (_starts_clause(tree, min(match.ids)) or tree.deprel(min(match.ids) - 1) == "punct")
        ):
            return
        if _starts_clause(tree, min(match.ids)) and match.phrase != "namely":
            _, scope = self.host(tree, match.ids)
        else:
            scope = self._following(tree, match.ids)
        self._scoped(match, Reformulation, scope)

    def conclusion(self, match: _Match) -> None:
        """Summarising adverbials ("in conclusion", "to sum up"): the clause they introduce.

        The ones with other uses ("the overall grade", "in short supply") only open a
        sentence, set off by a comma: "Overall, X", "In short, X"."""
        tree = match.tree
        if match.phrase in _OPENING_SUMMARIES and not (
            min(match.ids) == tree.first_word()
            and max(match.ids) < tree.size
            and tree.forms[max(match.ids) + 1] == ","
        ):
            return
        _, scope = self.host(tree, match.ids)
        self._scoped(match, Conclusion, scope)

    def _following(self, tree: Tree, ids: Sequence[int]) -> Span | None:
        """What a marker like "such as" or "i.e." introduces: its object's phrase, else the words
        up to the next punctuation."""
        head = _object(tree, ids)
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

    def _scoped(
        self,
        match: _Match,
        kind: type[Exemplification] | type[Conclusion] | type[Reformulation],
        scope: Span | None,
    ) -> None:
        if scope is None:
            return
        whole = _cover(_marker_span(match.tree, match.ids), scope)
        marker = _surface(match.tree, match.ids)
        self.add(kind(id="", start=whole.start, end=whole.end, marker=marker, scope=scope))

    def shows(self, tree: Tree) -> None:
        """Conclusions "This shows that X", "These facts prove X", "All of this shows X": X."""
        for verb in range(1, tree.size + 1):
            if tree.token(verb).lemma.lower() not in ("show", "prove", "demonstrate"):
                continue
            subjects = tree.children(verb, "nsubj")
            complements = tree.children(verb, "ccomp", "obj")
            if not subjects or not complements or tree.children(verb, "compound"):
                continue
            subject = tree.subtree(subjects[0])
            demonstrative = any(tree.forms[word] in ("this", "these") for word in subject)
            if not demonstrative or len(subject) > 4 or not _starts_clause(tree, min(subject)):
                continue
            complement = complements[0]
            scope = tree.clause_span(complement, strip=tree.children(complement, "mark"))
            if scope is None:
                continue
            start = tree.token(min(subject)).start
            marker = self.text[start : tree.token(verb).end]
            whole = _cover(Span(start, tree.token(verb).end), scope)
            move = Conclusion(id="", start=whole.start, end=whole.end, marker=marker, scope=scope)
            self.add(move)


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
                candidate = attrs.evolve(candidate, ordinal=current[-1].ordinal + 1)
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


def _sectional(sequence: list[_Candidate]) -> bool:
    """A list of sections: every item opens its paragraph, some a paragraph or more apart."""
    return all(item.leads for item in sequence) and any(
        later.paragraph - earlier.paragraph >= 2 for earlier, later in itertools.pairwise(sequence)
    )


def _continues(last: _Candidate, candidate: _Candidate, concluding: frozenset[int]) -> bool:
    """Whether ``candidate`` can be the item after ``last`` in one sequence."""
    if candidate.paragraph - last.paragraph <= 1:
        return True
    follows = candidate.ordinal in (_NEXT, _LAST, last.ordinal + 1)
    broken = any(last.paragraph < paragraph <= candidate.paragraph for paragraph in concluding)
    return last.leads and candidate.leads and follows and not broken


# -- the marker lexicon ------------------------------------------------------------------------

_Handler = Callable[[_Detector, _Match], None]
#: The rule of each detector frame of the lexicon (``ordinal`` items are found apart).
_FRAMES: dict[str, _Handler] = {
    "conditional": _Detector.conditional,
    "ambiguous_clause": _Detector.ambiguous_clause,
    "concessive_clause": _Detector.concessive_clause,
    "causal_clause": _Detector.causal_clause,
    "contrastive_clause": _Detector.contrastive_clause,
    "causal_phrase": _Detector.causal_phrase,
    "concessive_phrase": _Detector.concessive_phrase,
    "instead_of": _Detector.instead_of,
    "rather_than": _Detector.rather_than,
    "coordinating_turn": _Detector.but,
    "exception_adverb": _Detector.otherwise,
    "result_conjunction": _Detector.so,
    "one_hand": _Detector.one_hand,
    "contrast_adverb": _Detector.contrast_adverb,
    "cause_adverb": _Detector.cause_adverb,
    "why": _Detector.why,
    "after_all": _Detector.after_all,
    "causal_for": _Detector.causal_for,
    "concession_adverb": _Detector.concession_adverb,
    "admission": _Detector.admission,
    "example": _Detector.example,
    "reformulation": _Detector.reformulation,
    "conclusion": _Detector.conclusion,
    "ignore": _Detector.ignore,
}
#: First word → phrase → rule, for longest match.
_LEXICON: dict[str, dict[str, _Handler]] = {}
for _marker in _MARKERS:
    if _marker.frame is not None and _marker.frame != "ordinal":
        _LEXICON.setdefault(_marker.phrase.split()[0], {})[_marker.phrase] = _FRAMES[_marker.frame]
#: Relations of the clause a marker introduces, where the lexicon restricts them (its
#: ``relations``). "when", "since", ... also open relatives and complements ("the day when
#: X"), so only an adverbial clause counts; "if" may be parsed as a complement ("It will only
#: help if X") and opens an indirect question only under a verb of asking or knowing
#: (:data:`_ASKING`); "whenever" opens no relative, whatever the parser hung it on. The other
#: subordinators always open an adverbial clause.
_FRAME_RELATIONS = {marker.phrase: marker.relations for marker in _MARKERS if marker.relations}
_CLAUSE_RELATIONS = ("advcl", "conj", "parataxis", "ccomp")
#: Verbs whose "if" clause is an indirect question, not a condition.
_ASKING = frozenset(
    {
        "ask", "wonder", "know", "see", "check", "doubt", "decide", "question", "tell",
        "find", "learn", "consider", "investigate", "determine", "judge", "unsure", "sure",
    }
)  # fmt: skip
_IGNORED = _MARKERS.phrases(frame="ignore")
#: Paragraphs that open a text (headline, byline, lead): where a thesis announces its list.
_OPENING_PARAGRAPHS = 2
#: Summaries that are markers only opening a sentence, set off by a comma.
_OPENING_SUMMARIES = _MARKERS.phrases(role="opening")
_LONGEST = max(len(phrase.split()) for entries in _LEXICON.values() for phrase in entries)
#: Sentence openers that answer an admission in the sentence before.
_TURNS = tuple(tuple(phrase.split()) for phrase in sorted(_MARKERS.phrases(role="turn")))


def _matches(tree: Tree) -> Iterator[_Match]:
    """Lexicon phrases in a sentence, longest first, never sharing a word."""
    index = 1
    while index <= tree.size:
        entries = _LEXICON.get(tree.forms[index], {})
        for length in range(min(_LONGEST, tree.size - index + 1), 0, -1):
            phrase = " ".join(tree.forms[index : index + length])
            if phrase in entries:
                yield _Match(tree, tuple(range(index, index + length)), phrase)
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
