"""Whole texts: the author's thesis, paragraph claims under it and one tree per document.

The microtext model (:mod:`argmine.structure.models`) learned 5-unit, one-paragraph texts; on
an essay or an op-ed it builds chains in document order. Here the document's layout shapes the
tree, and the microtext model only scores what happens inside a paragraph:

1. **Thesis.** Every unit gets a thesis score (:func:`thesis_scores` over
   :func:`thesis_features`): its paragraph's place (introduction first, conclusion next), a
   stance in its main clause ("I believe", "should", "shouldn't", "is a great idea" …; not in
   a relative or adverbial clause), an announced count ("five distinctive features"), being
   the last unit of the introduction or its first own stance, how much of it the conclusion
   says again, minus a question, a quotation, the other side's voice, an essay plan ("In this
   essay I will discuss …") or a demonstrative subject that builds on the sentence before
   ("That would …"), plus the microtext model's central-claim probability. The best unit is
   the central claim.
2. **Restatement.** In the conclusion, the unit that opens with "In conclusion" or the like,
   carries a stance marker or shares most words with the thesis restates it: it gets a
   ``restatement`` relation to the thesis instead of a place in a chain.
3. **Hierarchy.** The paragraph holding the thesis is a tree under the thesis, the conclusion
   a tree under the restatement. Every other paragraph has paragraph claims that attach to the
   thesis (support, or rebut when the claim voices the other side: "Some people argue …"):
   the items of an announced enumeration when the paragraph holds any (siblings under the
   unit that announces them, or the thesis), otherwise the one unit that gives the best
   tree, and besides it every unit that voices the other side (a counterclaim). A debate
   transcript has no thesis: each turn is the learned attachment model's most likely tree
   (:mod:`argmine.structure.attachment`), whose root stays a root, and the roles come from
   the learned claim-or-premise model (:mod:`argmine.structure.roles`).
   Inside a paragraph the units attach to each other with the microtext model's edge weights,
   decoded exactly by Chu-Liu-Edmonds over the allowed edges (for every choice of paragraph
   claim when none is forced); a unit inside an enumeration item attaches inside that item,
   to the unit that opens it or to another of its units. An example ("For example, …")
   supports the unit before it.
4. **Attacks need a cue** (:func:`_attacks`): the other side's voice, a conceding concession,
   or a turn ("But …") or refutation ("they are mistaken") against an objection.
5. **Background.** Introduction units before the thesis's sentence that argue nothing get no
   unit (:func:`_background`), and neither does an essay plan (:func:`_plans`).

The result is one tree: every unit but the thesis has exactly one outgoing relation (in a
transcript, one tree per turn).

Switch rule (:func:`uses_document_structure`): texts with at least
:data:`MIN_DOCUMENT_PARAGRAPHS` paragraphs that hold units and at least
:data:`MIN_DOCUMENT_UNITS` units go through this module; shorter texts (one paragraph, the
microtexts' shape) keep the microtext model, and so does a text with a paragraph of more than
``MAX_UNITS_PER_TREE`` (40) units (a text without paragraph breaks), which the microtext
model decodes in blocks, unless it is a transcript, whose turns the attachment model decodes.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence

import attrs
import numpy as np

from argmine.layout import CONCLUSION_PATTERN, is_transcript
from argmine.moves.lexicon import default_lexicon, opening_pattern
from argmine.parsing.mst import maximum_arborescence
from argmine.structure.attachment import (
    AttachmentModel,
    shipped_attachment_model,
    turn_features,
    turn_tree,
)
from argmine.structure.decoder import DecoderWeights, EdgeFunction, edge_weights
from argmine.structure.features import Features
from argmine.structure.models import (
    MAX_UNITS_PER_TREE,
    StructureModel,
    TextFeatures,
    text_features,
)
from argmine.structure.roles import RoleClassifier, role_features, shipped_roles_model
from argmine.text.cues import (
    OPINION_PATTERN,
    OPPONENT_PATTERN,
    REFUTATION_PATTERN,
    main_clause_stance,
    other_voice,
    unit_tokens,
)
from argmine.types import (
    AnyMove,
    ArgumentUnit,
    Cause,
    Concession,
    Conclusion,
    Enumeration,
    Exemplification,
    Layout,
    MoveKind,
    ParagraphPlace,
    ParsedText,
    Relation,
    RelationKind,
    Span,
    Stance,
    UnitRole,
)

MIN_DOCUMENT_PARAGRAPHS = 2
MIN_DOCUMENT_UNITS = 3

#: An essay plan ("In this essay I will discuss …", "we gonna explain …", "Now let's look at
#: the pros", "This essay will contain the benefits", "There are many reasons to support my
#: statement", and looking back: "above I talk about some benefits") announces topics, not
#: a standpoint ("I will argue that …" is no plan: it states one).
_PLAN_VERBS = (
    r"(?:first\s+)?(?:explain|discuss|talk|describe|tell|write|present|examine|look at|"
    r"compare|explore|outline|summarize|introduce|give)\b"
)
PLAN_PATTERN = re.compile(
    r"\b(?:i|we)(?:\s+(?:will|shall|am going to|are going to|gonna|would like to|want to)"
    r"|['’]ll)\s+" + _PLAN_VERBS + r"|\blet(?:['’]?s| us)\s+(?:now\s+)?(?:consider|take a "
    r"(?:closer )?look at|" + _PLAN_VERBS + r")|\bin (?:this|that|my|the following) "
    r"(?:essay|paper|work|text|letter|article)\b[^.]*?\b(?:i|we)\s+"
    + _PLAN_VERBS
    + r"|\b(?:i|we)\s+(?:have\s+)?(?:talk(?:ed)?|discuss(?:ed)?|explain(?:ed)?|describe(?:d)?)"
    r"\s+about\b"
    + r"|\b(?:this|my) (?:essay|paper|letter|article)\s+(?:will|is going to)\s+(?:contain|"
    r"cover|show|" + _PLAN_VERBS + r")|\breasons?\b[^.]*\b(?:to support|supporting|for|"
    r"behind) (?:my|this|that) (?:statement|opinion|view|claim|point|position|belief)\b",
    re.IGNORECASE,
)
#: Courtesy to the reader or the audience ("Thank you for your call", "I hope this letter
#: finds you well", "It gives me great pleasure to be here", "I am proud to come here")
#: opens many letters and speeches and states no standpoint.
COURTESY_PATTERN = re.compile(
    r"^\W*(?:thank you|thanks|many thanks|i hope (?:this|that|you|all)|good (?:morning|"
    r"afternoon|evening)|it gives me (?:great |much |real )?(?:pleasure|joy)|it is (?:a|an|my) "
    r"(?:great |real )?(?:honou?r|pleasure|privilege)|(?:i am|i'm|i’m|we are|we're|we’re) "
    r"(?:very |so |truly |deeply |most )?(?:pleased|honou?red|proud|delighted|glad|happy|"
    r"grateful|thankful) to (?:be|come|join|welcome|stand|speak|address))\b",
    re.IGNORECASE,
)
#: Thanks to the reader, the one courtesy that never carries an appeal ("I hope you make the
#: right choice and abolish the policy" asks for something).
THANKS_PATTERN = re.compile(r"^\W*(?:thank you|thanks|many thanks)\b", re.IGNORECASE)
_LEXICON = default_lexicon()
#: A clause that goes on from the one before it ("and …", "because …", "which …") is no
#: thesis on its own: the lexicon's ``continuing`` role, and a relative pronoun.
CONTINUATION_PATTERN = opening_pattern({*_LEXICON.phrases(role="continuing"), "which"})
#: Hand-set weights of the thesis score (a rule prior, documented in docs/structure.md).
THESIS_WEIGHTS = {
    "introduction": 0.8,
    "conclusion": 0.3,
    "stance": 1.2,
    "first_person": 0.5,
    "announcement": 1.0,
    "last_of_introduction": 0.5,
    "first_stance_of_introduction": 0.3,
    "restated": 1.5,
    "plan": -1.0,
    "courtesy": -1.0,
    "conceded": -1.0,
    "anaphoric": -0.5,
    "question": -1.5,
    "quoted": -1.0,
    "opponent": -1.0,
    "continuation": -0.5,
    "verbless": -2.0,
    "microtext_cc": 0.5,
}
#: Prior of a paragraph claim (added to its paragraph tree): first unit, "Therefore …",
#: a clause that goes on from the one before ("and …").
CLAIM_WEIGHTS = {"base": 0.5, "first": 0.5, "conclusion_marker": 0.3, "continuation": -0.5}
#: Added to the weight of an edge into a paragraph's claim (or thesis, or restatement).
ROOT_BONUS = 0.2
#: A paragraph's closing conclusion is a claim of its own only in a paragraph this long.
MIN_CLOSING_PARAGRAPH_UNITS = 3
#: A conclusion unit restates the thesis when its score reaches this.
MIN_RESTATEMENT_SCORE = 1.0

#: Markers whose concession grants a point of the other side ("Although X, Y", "Admittedly
#: X"): their conceded side is an objection. A "but"/"however" concession inside the author's
#: own reasoning ("Sleep is important, but students lack it") denies an expectation; it is an
#: objection only when its conceded side voices the other side.
_CONCEDING_MARKERS = frozenset(
    marker.phrase for marker in _LEXICON if marker.structure == "concession"
)
#: Markers that turn against what precedes ("But …", "However, …", "Nevertheless …").
_TURN_PATTERN = opening_pattern(_LEXICON.phrases(role="turn"))

_CONTENT_UPOS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
#: The lexicon's inferential adverbs that may conclude ("therefore", "thus", "hence", …).
_INFERENTIAL_ADVERBS = frozenset(
    marker.phrase
    for marker in _LEXICON
    if marker.frame == "cause_adverb" and MoveKind.CONCLUSION in marker.kinds
)
#: "Therefore / Thus / This shows …" opening a paragraph claim: those adverbs, and "this"
#: with a proving verb.
_CONCLUSION_MARKERS = opening_pattern(
    _INFERENTIAL_ADVERBS | {f"this {verb}s" for verb in _LEXICON.phrases(role="proving")}
)
#: What closes a paragraph on its own conclusion: those markers, also with an adverb ("This
#: just shows"), and the lexicon's "why" phrases ("That is why …") but the relative "which
#: is why". In mid-paragraph a "This is why …" draws a step of the reasoning, not the
#: paragraph's claim, so it gets no claim prior.
_CLOSING_MARKERS = opening_pattern(
    _INFERENTIAL_ADVERBS
    | {
        f"this {adverb}{verb}s"
        for verb in _LEXICON.phrases(role="proving")
        for adverb in ("", "just ", "clearly ", "really ")
    }
    | {phrase for phrase in _LEXICON.phrases(frame="why") if not phrase.startswith("which")}
)


def uses_document_structure(units: Sequence[Span], layout: Layout) -> bool:
    """The switch rule: whole texts here, short single-paragraph texts to the microtext model."""
    if len(units) < MIN_DOCUMENT_UNITS:
        return False
    sizes = Counter(_paragraph_of(unit, layout) for unit in units)
    return len(sizes) >= MIN_DOCUMENT_PARAGRAPHS and (
        max(sizes.values()) <= MAX_UNITS_PER_TREE or is_transcript(layout)
    )


def _paragraph_of(unit: Span, layout: Layout) -> int:
    place = 0
    for index, paragraph in enumerate(layout.paragraphs):
        if paragraph.start <= unit.start:
            place = index
    return place


def _content_words(parsed: ParsedText, unit: Span) -> frozenset[str]:
    return frozenset(
        token.lemma.lower()
        for sentence in parsed.sentences
        if sentence.start < unit.end and unit.start < sentence.end
        for token in sentence.tokens
        if unit.start <= token.start < unit.end and token.upos in _CONTENT_UPOS
    )


def _opens_with_demonstrative_subject(parsed: ParsedText, unit: Span) -> bool:
    words = [token for _sentence, _index, token in unit_tokens(parsed, unit)]
    opening = next((token for token in words if token.upos != "PUNCT"), None)
    return (
        opening is not None
        and opening.upos == "PRON"
        and opening.lemma.lower() in {"this", "that"}
        and opening.deprel.startswith("nsubj")
    )


def _overlap(first: frozenset[str], second: frozenset[str]) -> float:
    """Dice overlap of two word sets (0 when either is empty)."""
    if not first or not second:
        return 0.0
    return 2 * len(first & second) / (len(first) + len(second))


@attrs.frozen
class DocumentUnits:
    """Units of a document with their paragraphs and the words each carries."""

    spans: tuple[Span, ...]
    texts: tuple[str, ...]
    paragraph: tuple[int, ...]
    places: tuple[ParagraphPlace, ...]
    words: tuple[frozenset[str], ...]
    #: Whether the unit takes a stance in its own main clause (:data:`STANCE_PATTERN` outside a
    #: relative, adverbial or subject clause).
    stance: tuple[bool, ...]
    #: Whether the unit opens with a demonstrative pronoun as its subject ("That would …"):
    #: it builds on what was said before it.
    anaphoric: tuple[bool, ...]
    #: Whether the unit has no verb at all: an address or name line ("Genoa City, Wis.",
    #: "Leader of the Opposition, House of Assembly,") that the layout rules let through.
    verbless: tuple[bool, ...]
    #: The index of the sentence each unit starts in.
    sentence: tuple[int, ...]

    @classmethod
    def of(cls, parsed: ParsedText, units: Sequence[Span], layout: Layout) -> DocumentUnits:
        paragraph = tuple(_paragraph_of(unit, layout) for unit in units)
        places = tuple(
            layout.paragraphs[index].place if layout.paragraphs else ParagraphPlace.BODY
            for index in paragraph
        )
        ends = [s.end for s in parsed.sentences]
        return cls(
            tuple(units),
            tuple(parsed.text[unit.start : unit.end] for unit in units),
            paragraph,
            places,
            tuple(_content_words(parsed, unit) for unit in units),
            tuple(main_clause_stance(parsed, unit) for unit in units),
            tuple(_opens_with_demonstrative_subject(parsed, unit) for unit in units),
            tuple(
                not any(t.upos in ("VERB", "AUX") for _s, _i, t in unit_tokens(parsed, unit))
                for unit in units
            ),
            tuple(bisect.bisect_right(ends, unit.start) for unit in units),
        )

    def conceded(self, unit: int) -> bool:
        """Whether the unit is the granted side of "X, but Y" in one sentence ("The Electoral
        College was a smart idea in its day, but …"): a point conceded, not the standpoint."""
        following = unit + 1
        return (
            following < len(self.texts)
            and self.sentence[following] == self.sentence[unit]
            and bool(_TURN_PATTERN.match(self.texts[following]))
        )

    def members(self, paragraph: int) -> list[int]:
        return [unit for unit, owner in enumerate(self.paragraph) if owner == paragraph]


def _announcing_units(document: DocumentUnits, moves: Sequence[AnyMove]) -> dict[int, int]:
    """Enumeration items (unit → unit that announces the enumeration, or -1 for none)."""
    items: dict[int, int] = {}
    for move in moves:
        if not isinstance(move, Enumeration) or len(move.items) < 2:
            continue
        announcer = -1
        if move.announced is not None:
            announcer = _unit_at(document, move.announced.start)
        for item in move.items:
            unit = _unit_at(document, item.start)
            if unit >= 0 and unit != announcer:
                items[unit] = announcer
    return items


def _item_members(document: DocumentUnits, moves: Sequence[AnyMove]) -> dict[int, int]:
    """The elaboration of enumeration items: every unit inside an item's span that does not
    open it → the unit that opens it (the innermost item, for a list nested in an item)."""
    spans: list[tuple[int, int, int]] = []
    for move in moves:
        if isinstance(move, Enumeration) and len(move.items) >= 2:
            for item in move.items:
                opener = _unit_at(document, item.start)
                if opener >= 0:
                    spans.append((item.end - item.start, item.start, opener))
    members: dict[int, int] = {}
    for unit, span in enumerate(document.spans):
        inside = [
            (size, opener)
            for size, start, opener in spans
            if start <= span.start < start + size and opener != unit
        ]
        if inside:
            members[unit] = min(inside)[1]
    return members


def _unit_at(document: DocumentUnits, offset: int) -> int:
    for unit, span in enumerate(document.spans):
        if span.start <= offset < span.end:
            return unit
    return -1


def thesis_features(
    document: DocumentUnits, moves: Sequence[AnyMove], microtext_cc: Sequence[float]
) -> list[dict[str, float]]:
    """The thesis evidence of every unit, one value per key of :data:`THESIS_WEIGHTS`."""
    announcing = set(_announcing_units(document, moves).values()) - {-1}
    announcements = {
        _unit_at(document, move.announced.start)
        for move in moves
        if isinstance(move, Enumeration) and move.announced is not None
    }
    conclusion = [
        unit for unit, place in enumerate(document.places) if place is ParagraphPlace.CONCLUSION
    ]
    introduction = [
        unit for unit, place in enumerate(document.places) if place is ParagraphPlace.INTRODUCTION
    ]
    voices = [other_voice(text) for text in document.texts]
    opening_stance = next(
        (
            unit
            for unit in introduction
            if document.stance[unit] and not document.conceded(unit) and not any(voices[unit])
        ),
        None,
    )
    features = []
    for unit, text in enumerate(document.texts):
        place = document.places[unit]
        question, quoted, opponent = voices[unit]
        stance = document.stance[unit]
        restated = 0.0
        if place is not ParagraphPlace.CONCLUSION and conclusion:
            restated = max(_overlap(document.words[unit], document.words[c]) for c in conclusion)
        features.append(
            {
                "introduction": float(place is ParagraphPlace.INTRODUCTION),
                "conclusion": float(place is ParagraphPlace.CONCLUSION),
                "stance": float(stance),
                "first_person": float(stance and bool(OPINION_PATTERN.search(text))),
                "plan": float(bool(PLAN_PATTERN.search(text))),
                "courtesy": float(bool(COURTESY_PATTERN.match(text))),
                "conceded": float(document.conceded(unit)),
                "anaphoric": float(document.anaphoric[unit]),
                "announcement": float(unit in announcing | announcements),
                "last_of_introduction": float(bool(introduction) and unit == introduction[-1]),
                "first_stance_of_introduction": float(unit == opening_stance),
                "restated": restated,
                "question": float(question),
                "quoted": float(quoted),
                "opponent": float(opponent),
                "continuation": float(bool(CONTINUATION_PATTERN.match(text))),
                "verbless": float(document.verbless[unit]),
                "microtext_cc": microtext_cc[unit],
            }
        )
    return features


def thesis_scores(
    document: DocumentUnits, moves: Sequence[AnyMove], microtext_cc: Sequence[float]
) -> list[float]:
    """The thesis score of every unit: its :func:`thesis_features` weighted by
    :data:`THESIS_WEIGHTS`."""
    return [
        sum(THESIS_WEIGHTS[name] * value for name, value in features.items())
        for features in thesis_features(document, moves, microtext_cc)
    ]


def _goes_on(document: DocumentUnits, unit: int) -> bool:
    """Whether the unit goes on from the one before it in its sentence ("…, because …")."""
    return (
        unit > 0
        and document.sentence[unit - 1] == document.sentence[unit]
        and bool(CONTINUATION_PATTERN.match(document.texts[unit]))
    )


def restatement_of(document: DocumentUnits, thesis: int) -> int | None:
    """The conclusion unit that says the thesis again, if any: a concluding marker, a stance
    and the thesis's words speak for it; a clause that goes on from the one before in its
    sentence ("…, because it lessens the time for …"; a sentence may open with "So I think
    …") is no restatement on its own, nor is a look back at the essay ("As you can see above
    I talk about some benefits that you should consider")."""
    if document.places[thesis] is ParagraphPlace.CONCLUSION:
        return None
    best, best_score = None, MIN_RESTATEMENT_SCORE - 1e-9
    for unit, place in enumerate(document.places):
        if place is not ParagraphPlace.CONCLUSION:
            continue
        text = document.texts[unit]
        score = (
            float(bool(CONCLUSION_PATTERN.match(text.lstrip())))
            + float(document.stance[unit])
            + 2.0 * _overlap(document.words[unit], document.words[thesis])
            - float(_goes_on(document, unit))
            - float(bool(PLAN_PATTERN.search(text)))
        )
        if score > best_score:
            best, best_score = unit, score
    return best


@attrs.frozen
class ParagraphEdges:
    """Weights and labels of the edges inside one paragraph (local unit indices)."""

    weights: dict[tuple[int, int], tuple[float, EdgeFunction]]


def paragraph_tree(
    size: int,
    edges: ParagraphEdges,
    roots: Sequence[int],
    heads: dict[int, int],
    within: Mapping[int, int] | None = None,
    answers: Mapping[int, int] | None = None,
) -> tuple[list[int | None], float]:
    """The best forest over a paragraph's units whose roots are exactly ``roots``.

    ``heads`` forces the head of some units (an example's, an enumeration item's; local
    indices). ``within`` keeps an enumeration item's elaboration inside the item: a unit
    mapped to the unit that opens its item attaches to that unit or to another unit of the
    same item (unless its head is forced). ``answers`` maps the answer to an objection to
    the objection (``_answer_heads``): a unit after the answer no longer argues for the
    objection, so it attaches neither to the objection nor to what stands between the two.
    An edge into a root, or into an answer from a unit after it, weighs :data:`ROOT_BONUS`
    more (premises support their paragraph's claim, or the answer they go on with, unless
    the scores say otherwise, rather than forming a chain). Returns local parents (None for
    a root) and the forest's weight, bonus included.
    """
    scores = np.full((size + 1, size + 1), -np.inf)
    for root in roots:
        scores[root + 1, 0] = 0.0
    within = within or {}
    answers = answers or {}
    closed: dict[int, set[int]] = {}
    for answer, objection in answers.items():
        for unit in range(answer + 1, size):
            closed.setdefault(unit, set()).update(range(objection, answer))

    def bonus(source: int, target: int) -> float:
        hub = target in roots or (target in answers and source > target)
        return ROOT_BONUS * hub

    for (source, target), (weight, _label) in edges.weights.items():
        forced = heads.get(source)
        if source in roots or (forced is not None and forced != target):
            continue
        item = within.get(source)
        if forced is None and item is not None and item != target and within.get(target) != item:
            continue
        if forced is None and target in closed.get(source, ()):
            continue
        scores[source + 1, target + 1] = weight + bonus(source, target)
    chosen = maximum_arborescence(scores)
    parents: list[int | None] = [
        None if chosen[i + 1] == 0 else chosen[i + 1] - 1 for i in range(size)
    ]
    total = sum(
        edges.weights[(unit, parent)][0] + bonus(unit, parent)
        for unit, parent in enumerate(parents)
        if parent is not None
    )
    return parents, total


@attrs.frozen
class ParagraphPredictions:
    """What the microtext model says about each paragraph of a document: every unit's
    central-claim and opponent probabilities, each paragraph's features (its units' and
    pairs', computed within the paragraph) and edge weights."""

    cc: tuple[float, ...]
    ro: tuple[float, ...]
    features: dict[int, TextFeatures]
    edges: dict[int, ParagraphEdges]

    def unit_features(self, document: DocumentUnits) -> list[Features]:
        """Every unit's feature dict, in document order."""
        position = {
            unit: index
            for paragraph in self.features
            for index, unit in enumerate(document.members(paragraph))
        }
        return [
            self.features[document.paragraph[unit]].units[position[unit]]
            for unit in range(len(document.spans))
        ]


def paragraph_predictions(
    model: StructureModel, parsed: ParsedText, document: DocumentUnits, moves: Sequence[AnyMove]
) -> ParagraphPredictions:
    """Run the microtext model on every paragraph of ``document`` on its own."""
    decoder_weights = DecoderWeights(*model.weights)
    count = len(document.spans)
    cc = [0.0] * count
    ro = [0.0] * count
    features: dict[int, TextFeatures] = {}
    local_edges: dict[int, ParagraphEdges] = {}
    for paragraph in sorted(set(document.paragraph)):
        members = document.members(paragraph)
        spans = [document.spans[i] for i in members]
        found = features[paragraph] = text_features(parsed, spans, moves)
        prediction = model.predict_structure(parsed, spans, moves=moves, features=found)
        for position, unit in enumerate(members):
            cc[unit], ro[unit] = prediction.cc[position], prediction.ro[position]
        _roots, pairs = edge_weights(
            prediction.cc, prediction.ro, prediction.fu, prediction.at, decoder_weights
        )
        local_edges[paragraph] = ParagraphEdges(pairs)
    return ParagraphPredictions(tuple(cc), tuple(ro), features, local_edges)


def predict_document(
    model: StructureModel,
    parsed: ParsedText,
    units: Sequence[Span],
    *,
    moves: Sequence[AnyMove],
    layout: Layout,
    attachment: AttachmentModel | None = None,
    roles: RoleClassifier | None = None,
) -> tuple[tuple[ArgumentUnit, ...], tuple[Relation, ...]]:
    """Units and relations of a whole text (one tree; a transcript's, one tree per turn; see
    the module docstring).

    A transcript has no thesis: each turn is the attachment model's most likely tree
    (:mod:`argmine.structure.attachment`; ``attachment`` replaces the shipped one), and its
    units' roles come from the claim-or-premise model (:mod:`argmine.structure.roles`;
    ``roles`` replaces the shipped one), not from their place in the tree."""
    document = DocumentUnits.of(parsed, units, layout)
    if not is_transcript(layout):
        document = _join_parted_paragraphs(document)
    count = len(units)
    predictions = paragraph_predictions(model, parsed, document, moves)
    cc, ro, local_edges = predictions.cc, predictions.ro, predictions.edges
    learned_claims: set[int] | None = None
    thesis: int | None = None
    if is_transcript(layout):
        attachment = attachment if attachment is not None else shipped_attachment_model()
        roles = roles if roles is not None else shipped_roles_model()
        probability = roles.probabilities(
            role_features(predictions.unit_features(document), document.places)
        )
        learned_claims = {unit for unit in range(count) if probability[unit] >= roles.threshold}
    else:
        attachment = None
        thesis = int(np.argmax(thesis_scores(document, moves, cc)))
    restatement = None if thesis is None else restatement_of(document, thesis)
    items = _announcing_units(document, moves)
    elaborations = _item_members(document, moves)
    examples = _example_heads(document, moves)
    concessions = _concession_heads(document, moves)
    conceding = set(concessions) | {head for head, _kind in concessions.values()}
    inferences = _inference_heads(document, moves)
    answers = _answer_heads(document, inferences)
    closing = _closing_conclusions(document)
    parents: list[int | None] = [None] * count
    kinds: list[RelationKind | None] = [None] * count
    confidences = [0.0] * count
    for paragraph, edges in local_edges.items():
        members = document.members(paragraph)
        local = {unit: position for position, unit in enumerate(members)}
        announcers = {items[unit] for unit in members if items.get(unit, -1) in local}
        forced_heads = _acyclic_heads(
            (local[unit], local[head])
            for unit, head in [
                *items.items(),
                *examples.items(),
                *((unit, head) for unit, (head, _kind) in concessions.items()),
                *((unit, head) for unit, (head, _kind) in inferences.items()),
                *answers.items(),
            ]
            if unit in local and head in local
        )
        within = {
            local[unit]: local[opener]
            for unit, opener in elaborations.items()
            if unit in local and opener in local
        }
        answered = {
            local[answer]: local[objection]
            for answer, objection in answers.items()
            if answer in local and objection in local and objection < answer
        }
        anchor = thesis if thesis in local else restatement if restatement in local else None
        if anchor is not None:
            roots = [local[anchor]]
        elif announcers:
            roots = sorted(local[unit] for unit in announcers)
        else:
            roots = [local[unit] for unit in members if unit in items]
        if roots and anchor is None:
            # an item's paragraph may close with a conclusion of its own, as any other
            roots = sorted(
                {*roots}
                | {
                    local[unit]
                    for unit in members
                    if unit in closing and local[unit] not in forced_heads
                }
            )
        if attachment is not None:
            turn = attachment.scores(
                turn_features(parsed, [units[i] for i in members], predictions.features[paragraph])
            )
            edges = ParagraphEdges(
                {pair: (math.exp(turn[pair]), label) for pair, (_, label) in edges.weights.items()}
            )
            forest = turn_tree(len(members), turn, heads=forced_heads)
        elif roots:
            forest, _weight = paragraph_tree(
                len(members), edges, roots, forced_heads, within, answered
            )
        else:
            forest = _paragraph_claim_tree(
                document, members, edges, forced_heads, within, closing, answered
            )
        # A transcript's turn roots stay roots: a debate has no one thesis to attach them to.
        claims = (
            [members[i] for i, p in enumerate(forest) if p is None and members[i] != anchor]
            if thesis is not None
            else []
        )
        for position, parent in enumerate(forest):
            unit = members[position]
            if parent is not None:
                weight, label = edges.weights[(position, parent)]
                parents[unit], confidences[unit] = members[parent], weight
                forced = concessions.get(unit) or inferences.get(unit)
                kinds[unit] = (
                    forced[1]
                    if forced is not None and forced[0] == members[parent]
                    else RelationKind.EXAMPLE
                    if examples.get(unit) == members[parent]
                    else RelationKind.REBUT
                    if answers.get(unit) == members[parent]
                    or _attacks(document, unit, members[parent], label, conceding)
                    else RelationKind.SUPPORT
                )
        for claim in claims:
            head = items.get(claim, -1)
            parents[claim] = head if head >= 0 else thesis
            opposing = _voices_other_side(document.texts[claim]) or (
                ro[claim] > 0.5 and claim in conceding
            )
            kinds[claim] = RelationKind.REBUT if opposing else RelationKind.SUPPORT
            confidences[claim] = 1.0 - cc[claim]
    for unit, parent in enumerate(parents):
        if parent is not None and _leads_to(parents, parent, unit):
            parents[unit] = thesis  # two enumerations announced inside each other's items
    if restatement is not None and thesis is not None:
        parents[restatement] = thesis
        kinds[restatement] = RelationKind.RESTATEMENT
        confidences[restatement] = _overlap(document.words[restatement], document.words[thesis])
    attached = {parent for parent in parents if parent is not None}
    background = (
        frozenset()
        if thesis is None
        else _background(parsed, document, thesis, attached, conceding)
        | _plans(document, parents, attached)
    )
    return _to_argmine(
        parsed,
        document,
        thesis,
        (parents, kinds, confidences),
        cc,
        _placed_claims(document, thesis, parents, set(items))
        if thesis is not None
        else learned_claims or set(),
        background,
    )


#: A turn inside the other side's words ("Some may say X, however, Y", "People might think X
#: but that saying is just a myth"): the unit answers the objection it voices. Inside a
#: clause "still" is a time adverb ("they still believe"), no turn.
_INNER_TURN = opening_pattern(_LEXICON.phrases(role="turn") - {"still"} | {"whereas"})


def _voices_other_side(text: str) -> bool:
    """Whether the unit voices the other side ("Some people say …") and leaves it
    unanswered: one that turns against it in its own words states the author's answer."""
    match = OPPONENT_PATTERN.search(text)
    if match is None:
        return False
    rest = text[match.end() :]
    return not any(_INNER_TURN.match(rest[gap.end() :]) for gap in re.finditer(r"\s+", rest))


def _objects(document: DocumentUnits, unit: int, conceding: Collection[int]) -> bool:
    """Whether a unit voices the other side or takes part in a conceding concession."""
    return unit in conceding or _voices_other_side(document.texts[unit])


def _attacks(
    document: DocumentUnits, unit: int, target: int, label: EdgeFunction, conceding: Collection[int]
) -> bool:
    """Whether ``unit``'s edge to ``target`` is an attack in a whole text. A unit that turns
    ("But …", "However, …") against an objection or calls it false ("they are mistaken")
    answers it, whatever the microtext model's label; otherwise an attack label stays one only
    when the unit itself voices the other side or takes part in a concession. The microtext
    model learned attacks from short texts that always state an objection; in essays its label
    alone is mostly wrong (on the 20 development-annotated student essays 6 of 75 predicted
    attacks came from a counterclaim or its premises)."""
    if _objects(document, unit, conceding):
        return label is EdgeFunction.ATTACK
    text = document.texts[unit]
    return _objects(document, target, conceding) and bool(
        _TURN_PATTERN.match(text) or REFUTATION_PATTERN.search(text)
    )


def _background(
    parsed: ParsedText,
    document: DocumentUnits,
    thesis: int,
    attached: Collection[int],
    conceding: Collection[int],
) -> frozenset[int]:
    """Introduction units before the thesis's sentence that take no stance, voice no other
    side, take no part in a concession and are not in ``attached`` (nothing attaches to
    them): the topic's background ("Cell phones are everywhere today."), which argues
    nothing, so they get no unit. The persuasive-essays scheme leaves it unannotated; on the
    20 development-annotated student essays 30 of the 40 units before the thesis in its
    introduction matched no annotated component."""
    if document.places[thesis] is not ParagraphPlace.INTRODUCTION:
        return frozenset()
    start = document.spans[thesis].start
    sentence = next((s.start for s in parsed.sentences if s.start <= start < s.end), start)
    return frozenset(
        unit
        for unit in document.members(document.paragraph[thesis])
        if document.spans[unit].end <= sentence
        and unit not in attached
        and not document.stance[unit]
        and not _objects(document, unit, conceding)
    )


def _plans(
    document: DocumentUnits, parents: Sequence[int | None], attached: Collection[int]
) -> frozenset[int]:
    """An essay plan ("In this essay I will discuss …", "we gonna explain …") or thanks
    ("Thank you for taking the time to read my letter") that nothing is ``attached`` to: it
    announces the argument or thanks the reader and argues nothing, so it gets no unit (the
    persuasive-essays scheme leaves it unannotated). The thesis is never one."""
    return frozenset(
        unit
        for unit, parent in enumerate(parents)
        if parent is not None and unit not in attached and _signals(document.texts[unit])
    )


def _signals(text: str) -> bool:
    """Whether a unit plans the text or thanks the reader (see :func:`_plans`)."""
    return bool(PLAN_PATTERN.search(text) or THANKS_PATTERN.match(text))


def _leads_to(parents: Sequence[int | None], start: int, goal: int) -> bool:
    """Whether the parent chain from ``start`` reaches ``goal`` (a link would close a cycle)."""
    seen = set()
    node: int | None = start
    while node is not None and node not in seen:
        if node == goal:
            return True
        seen.add(node)
        node = parents[node]
    return False


def _join_parted_paragraphs(document: DocumentUnits) -> DocumentUnits:
    """A body paragraph of one sentence that opens with a closing marker ("Therefore anything
    you say to someone can change their whole life around.") concludes the body paragraph
    before it, from which a line break parted it: it joins that paragraph, where it is the
    closing conclusion (:func:`_closing_conclusions`) and what precedes it supports it. On
    its own it was a claim without support. A conclusion of two paragraphs ("In conclusion,
    X." then "Thank you for reading, I hope you …"; :func:`argmine.layout.paragraphs`) is one
    conclusion too, a tree under its restatement."""
    paragraph = list(document.paragraph)
    for index in sorted(set(document.paragraph)):
        members = document.members(index)
        first, before = members[0], members[0] - 1
        if before < 0:
            continue
        place, place_before = document.places[first], document.places[before]
        closing_line = (
            place is ParagraphPlace.BODY
            and len({document.sentence[unit] for unit in members}) == 1
            and _CLOSING_MARKERS.match(document.texts[first])
        )
        if place is place_before and (closing_line or place is ParagraphPlace.CONCLUSION):
            for unit in members:
                paragraph[unit] = paragraph[before]
    return attrs.evolve(document, paragraph=tuple(paragraph))


def _closing_conclusions(document: DocumentUnits) -> frozenset[int]:
    """Body-paragraph units that open the paragraph's last sentence with a conclusion marker
    ("That is why you ask others.", "This just shows that …", "Therefore …"), in a paragraph
    of at least :data:`MIN_CLOSING_PARAGRAPH_UNITS` units: the paragraph's own conclusion, a
    claim of its own next to the one the paragraph opens with. (A singular "This shows" in
    mid-text is no conclusion move of the text, see :mod:`argmine.moves.cause`; it still
    closes its paragraph.)"""
    sentence = document.sentence
    closing = set()
    for unit, text in enumerate(document.texts):
        if document.places[unit] is not ParagraphPlace.BODY or not _CLOSING_MARKERS.match(text):
            continue
        members = document.members(document.paragraph[unit])
        opens_sentence = unit == members[0] or sentence[unit - 1] < sentence[unit]
        last = sentence[members[-1]] == sentence[unit]
        if opens_sentence and last and len(members) >= MIN_CLOSING_PARAGRAPH_UNITS:
            closing.add(unit)
    return frozenset(closing)


def _paragraph_claim_tree(
    document: DocumentUnits,
    members: Sequence[int],
    edges: ParagraphEdges,
    heads: dict[int, int],
    within: Mapping[int, int],
    closing: Collection[int],
    answers: Mapping[int, int],
) -> list[int | None]:
    """The paragraph tree under the one paragraph claim that gives the best total weight.

    A plan or thanks ("Now let's look at the cons", "Thank you for reading"; :func:`_plans`
    drops it) or a question ("How would this help the teachers?") is no paragraph claim
    while another unit can be. A unit that voices the other side ("Some people say …") is a
    root of its own: a counterclaim answers the thesis. The paragraph claim is then the best
    other unit, or, when the paragraph opens with the counterclaim, possibly none (the rest
    answers it). The paragraph's closing conclusion (:func:`_closing_conclusions`) is a root
    of its own too: a second claim next to the paragraph claim. ``answers``: see
    :func:`paragraph_tree`."""
    own_roots = [
        position
        for position, unit in enumerate(members)
        if (_voices_other_side(document.texts[unit]) or unit in closing) and position not in heads
    ]
    candidates = [position for position in range(len(members)) if position not in own_roots]
    arguing = [
        position
        for position in candidates
        if not _signals(document.texts[members[position]])
        and not other_voice(document.texts[members[position]])[0]
    ]
    options = [(sorted([*own_roots, position]), position) for position in arguing or candidates]
    if own_roots and own_roots[0] == 0:
        options.append((own_roots, 0))
    best: tuple[float, list[int | None]] | None = None
    for roots, claim in options:
        forest, weight = paragraph_tree(len(members), edges, roots, heads, within, answers)
        text = document.texts[members[claim]]
        claim_weight = (
            CLAIM_WEIGHTS["base"]
            + CLAIM_WEIGHTS["first"] * (claim == 0)
            + CLAIM_WEIGHTS["conclusion_marker"] * bool(_CONCLUSION_MARKERS.match(text))
            + CLAIM_WEIGHTS["continuation"] * bool(CONTINUATION_PATTERN.match(text))
        )
        total = weight + claim_weight
        if best is None or total > best[0] + 1e-12:
            best = (total, forest)
    assert best is not None
    return best[1]


def _acyclic_heads(pairs: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Forced heads in order of priority: a unit keeps its first, and a head that would close
    a cycle is left out."""
    heads: dict[int, int] = {}
    for unit, head in pairs:
        node: int | None = head
        while node is not None and node != unit:
            node = heads.get(node)
        if unit not in heads and node is None:
            heads[unit] = head
    return heads


def _inference_heads(
    document: DocumentUnits, moves: Sequence[AnyMove]
) -> dict[int, tuple[int, RelationKind]]:
    """ "X, so Y" / "Y because X": the cause supports the effect; "Therefore Y": the unit before
    Y supports it (the arrow points to the conclusion)."""
    heads: dict[int, tuple[int, RelationKind]] = {}
    for move in moves:
        if isinstance(move, Cause) and move.cause is not None and move.effect is not None:
            cause = _unit_at(document, move.cause.start)
            # the effect's unit next to the cause: in "Although X, Y because Z" Z supports
            # Y, not the conceded X
            before = move.effect.end <= move.cause.start
            effect = _unit_at(document, move.effect.end - 1 if before else move.effect.start)
        elif isinstance(move, Conclusion):
            effect = _unit_at(document, move.scope.start)
            cause = effect - 1
        else:
            continue
        if min(cause, effect) < 0 or cause == effect:
            continue
        if document.paragraph[cause] == document.paragraph[effect]:
            heads.setdefault(cause, (effect, RelationKind.SUPPORT))
    return heads


def _answer_heads(
    document: DocumentUnits, inferences: Mapping[int, tuple[int, RelationKind]]
) -> dict[int, int]:
    """The answer to an objection attaches to it: the first unit after "Some may say X" in
    its paragraph that turns ("However, …", "But …") or calls it false ("they are
    mistaken"), or what that unit leads to ("Yet many people work from home, so they no
    longer need …": the conclusion answers). Left to the scores it hung under the
    objection's own elaboration ("They believe that …"), where it supported what it
    answers."""
    heads: dict[int, int] = {}
    objection: int | None = None
    for unit, text in enumerate(document.texts):
        if objection is not None and document.paragraph[objection] != document.paragraph[unit]:
            objection = None
        if _voices_other_side(text):
            objection = unit
        elif objection is not None and (
            _TURN_PATTERN.match(text) or REFUTATION_PATTERN.search(text)
        ):
            answer, seen = unit, {unit}
            while answer in inferences and inferences[answer][0] not in seen:
                answer = inferences[answer][0]
                seen.add(answer)
            if document.paragraph[answer] == document.paragraph[objection]:
                heads[answer] = objection
            objection = None
    return heads


def _concession_heads(
    document: DocumentUnits, moves: Sequence[AnyMove]
) -> dict[int, tuple[int, RelationKind]]:
    """Heads and kinds a concession forces ("Although X, Y"; a "but"/"however" concession
    only when its conceded side voices the other side, see :data:`_CONCEDING_MARKERS`).

    When an objection stands before it in the paragraph ("Some critics say …"), the conceded
    unit supports the objection and the main clause rebuts the objection; otherwise, or when
    the conceded unit is an objection of its own ("A possible concern might be that X.
    However, Y"), the main clause rebuts the conceded unit.
    """
    heads: dict[int, tuple[int, RelationKind]] = {}
    for move in moves:
        if not isinstance(move, Concession) or move.conceded is None or move.main is None:
            continue
        conceded = _unit_at(document, move.conceded.start)
        main = _unit_at(document, move.main.start)
        if min(conceded, main) < 0 or conceded == main:
            continue
        if move.marker.lower() not in _CONCEDING_MARKERS and not OPPONENT_PATTERN.search(
            document.texts[conceded]
        ):
            continue
        paragraph = document.paragraph[conceded]
        if document.paragraph[main] != paragraph:
            continue
        objections = [
            unit
            for unit in document.members(paragraph)
            if unit < min(conceded, main) and OPPONENT_PATTERN.search(document.texts[unit])
        ]
        if objections and not OPPONENT_PATTERN.search(document.texts[conceded]):
            heads[conceded] = (objections[-1], RelationKind.SUPPORT)
            heads[main] = (objections[-1], RelationKind.REBUT)
        else:
            heads[main] = (conceded, RelationKind.REBUT)
    return heads


def _example_heads(document: DocumentUnits, moves: Sequence[AnyMove]) -> dict[int, int]:
    """A unit that opens with an example marker ("For example, …") → the unit before it,
    which it illustrates (an example inside a sentence, "such as …", stays where it is)."""
    heads = {}
    for move in moves:
        if isinstance(move, Exemplification):
            unit = _unit_at(document, move.start)
            if unit <= 0 or document.paragraph[unit - 1] != document.paragraph[unit]:
                continue
            opening = document.texts[unit][: move.start - document.spans[unit].start]
            if not opening.strip():
                heads[unit] = unit - 1
    return heads


def _placed_claims(
    document: DocumentUnits,
    thesis: int,
    parents: Sequence[int | None],
    items: Collection[int],
) -> set[int]:
    """The claims of a written text by their place: a unit attached to the thesis from
    another paragraph (a paragraph claim, an objection) and an enumeration item under such a
    claim."""
    own_paragraph = document.paragraph[thesis]
    claims = {
        unit
        for unit, parent in enumerate(parents)
        if parent == thesis and document.paragraph[unit] != own_paragraph
    }
    grandparents = [None if parent is None else parents[parent] for parent in parents]
    return claims | {item for item in items if thesis in (parents[item], grandparents[item])}


def _to_argmine(
    parsed: ParsedText,
    document: DocumentUnits,
    thesis: int | None,
    tree: tuple[Sequence[int | None], Sequence[RelationKind | None], Sequence[float]],
    cc: Sequence[float],
    claims: Collection[int],
    background: Collection[int],
) -> tuple[tuple[ArgumentUnit, ...], tuple[Relation, ...]]:
    """Units and relations; ``tree`` holds each unit's parent, relation kind and relation
    confidence; ``background`` units (leaves) get no unit. Roles: the thesis and its
    restatement are the central claim (the persuasive-essays scheme makes both a MajorClaim;
    the map's :attr:`~argmine.maps.ArgumentMap.central_claim` is the first), ``claims`` are
    claims, every other unit is a premise."""
    parents, kinds, confidences = tree
    kept = [unit for unit in range(len(parents)) if unit not in background]
    ids = {unit: f"u{number}" for number, unit in enumerate(kept, start=1)}
    stances = _stances(parents, kinds)
    units = []
    for unit in kept:
        span = document.spans[unit]
        if unit == thesis or kinds[unit] is RelationKind.RESTATEMENT:
            role = UnitRole.CENTRAL_CLAIM
        elif unit in claims:
            role = UnitRole.CLAIM
        else:
            role = UnitRole.PREMISE
        units.append(
            ArgumentUnit(
                ids[unit],
                span.start,
                span.end,
                parsed.text[span.start : span.end],
                role,
                stances[unit],
                min(1.0, max(0.0, cc[unit] if unit == thesis else 1.0 - cc[unit])),
            )
        )
    linked = [
        (unit, parent, kind)
        for unit, (parent, kind) in enumerate(zip(parents, kinds, strict=True))
        if parent is not None and kind is not None and unit in ids
    ]
    relations = tuple(
        Relation(f"r{number}", ids[unit], ids[parent], kind, min(1.0, max(0.0, confidences[unit])))
        for number, (unit, parent, kind) in enumerate(linked, start=1)
    )
    return tuple(units), relations


def _stances(parents: Sequence[int | None], kinds: Sequence[RelationKind | None]) -> list[Stance]:
    """Pro for the thesis; an attack switches the stance of its source."""
    stances: dict[int, Stance] = {}

    def stance(unit: int) -> Stance:
        if unit not in stances:
            parent = parents[unit]
            if parent is None:
                stances[unit] = Stance.PRO
            else:
                above = stance(parent)
                kind = kinds[unit]
                flip = kind is not None and kind.is_attack
                stances[unit] = (
                    (Stance.OPP if above is Stance.PRO else Stance.PRO) if flip else above
                )
        return stances[unit]

    return [stance(unit) for unit in range(len(parents))]
