"""The senses of ambiguous markers: the shipped classifier where its model file is installed,
else (and always for :data:`RULED_MARKERS`) the rules of :func:`conservative_senses`."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from argmine.errors import ModelNotFoundError
from argmine.moves.rules import (
    MARKERS,
    attachment,
    governing_clause,
    marker_object,
    unsubordinated,
)
from argmine.moves.senses import (
    NONE,
    MarkerContext,
    SenseModel,
    load_concession_model,
    load_default_model,
)
from argmine.text.tree import Tree
from argmine.types import MoveKind

#: Decides the sense of each ambiguous marker: a :class:`MoveKind` value or ``"none"``, in
#: the order of the contexts.
SenseFunction = Callable[[Sequence[MarkerContext]], list[str]]


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
        concession: SenseModel | None = load_concession_model()
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
    for marker in MARKERS
    if marker.ambiguous and {MoveKind.CONTRAST, MoveKind.CONCESSION} <= set(marker.kinds)
)


#: Result markers that either draw the text's conclusion or state an effect.
RESULT_MARKERS = frozenset(
    marker.phrase for marker in MARKERS if marker.ambiguous and MoveKind.CONCLUSION in marker.kinds
)

#: Markers whose sense the rules of :func:`conservative_senses` decide, model or not.
RULED_MARKERS = MARKERS.phrases(role="ruled")

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
_ADDITIVE = MARKERS.phrases(role="additive")

#: Words that concede what follows them ("Admittedly X, but Y", "It is true that X, but Y").
_CONCEDING = MARKERS.phrases(role="conceding")

#: Verbs of a state, not an event: an *as* clause with one in the past gives a reason.
_STATIVE_VERBS = frozenset({"have", "be", "know", "own", "lack", "need", "want", "believe"})
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
      clause holds a number, or the host clause has no tense; a simple past host is causal
      too ("Since the plant closed, many families left": a temporal *since* wants a perfect).
    * *as*: causal only at the start of a clause, with a subject clause that is not
      progressive, and either both clauses present or modal, or both past with a state in
      the *as* clause ("As the bridge was closed, we drove round"; "As I walked home, it
      started to rain" stays temporal).
    * *while*: contrast when its clause has a subject and is present or modal, not
      progressive ("while the budget stayed balanced" may well be temporal).
    """
    return [_fallback_sense(context) for context in contexts]


def _fallback_sense(site: MarkerContext) -> str:
    tree = Tree(site.parsed.text, site.parsed.sentences[site.sentence], site.sentence, 0)
    if site.marker in RESULT_MARKERS:
        return _result_sense(site, tree)
    if site.marker in _RULED_TURNS:
        return _turn_sense(site, tree)
    clause = marker_object(tree, site.words)
    if clause is None:
        return NONE
    governor = governing_clause(tree, attachment(tree, clause, site.words)[1])
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
        # "have since been leaning": an adverb inside a perfect
        adverb = site.words[0] > 1 and tree.token(site.words[0] - 1).lemma.lower() == "have"
        causal = not (perfect or counted or after_ever or adverb) and host_tense in (
            "Pres",
            "Modal",
            "Past",
        )
        return MoveKind.CAUSE.value if causal else NONE
    if site.marker == "as":
        first = site.words[0]
        initial = first == tree.first_word() or (first > 1 and tree.deprel(first - 1) == "punct")
        subject = bool(tree.children(clause, "nsubj", "expl"))
        present = tense in ("Pres", "Modal") and host_tense in ("Pres", "Modal")
        # a past state, not an event ("As the bridge was closed, we drove round"; not "As I
        # walked home, it rained")
        past_state = tense == "Past" and host_tense == "Past" and _stative(tree, clause)
        causal = initial and subject and not _progressive(tree, clause) and (present or past_state)
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
    # Opening the sentence ("Hence X", whatever the parser hung "Hence" on), or on its root;
    # an adverb inside its clause ("X is therefore Y") wherever no word subordinates it ("so"
    # always joins two clauses: "It rained, so the match was cancelled" states a cause).
    main_clause = (
        site.marker.endswith(" why")
        or marker == tree.first_word()
        or any(word == root or tree.head(word) == root for word in site.words)
        or (MARKERS[site.marker].frame == "cause_adverb" and unsubordinated(tree, marker))
    )
    adds = tree.forms[tree.first_word()] in _ADDITIVE
    last = site.sentence == len(site.parsed.sentences) - 1
    normative = any(
        tree.forms[aux] in _DEONTIC or tree.token(aux).lemma.lower() in _DEONTIC
        for aux in [root, *tree.children(root, "aux")]
    )  # "should pay" prescribes, "must have been there" infers: either concludes
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


def _stative(tree: Tree, index: int) -> bool:
    """A state rather than an event: a copula or passive ("was closed", "were high") or a
    verb of having, being or knowing."""
    token = tree.token(index)
    return (
        bool(tree.children(index, "cop"))
        or token.features.get("Voice") == "Pass"
        or token.lemma.lower() in _STATIVE_VERBS
    )


def _progressive(tree: Tree, index: int) -> bool:
    features = tree.token(index).features
    return features.get("VerbForm") == "Ger" or (
        features.get("VerbForm") == "Part" and features.get("Tense") == "Pres"
    )


__all__ = [
    "RESULT_MARKERS",
    "RULED_MARKERS",
    "SenseFunction",
    "conservative_senses",
    "default_senses",
]
