"""Features from the Stanza parse, in one place: one dict per unit and one per pair of units.

Every function here is pure: it reads a :class:`~argmine.types.ParsedText` and the units'
character spans (in text order) and returns ``{name: value}`` dicts ready for scikit-learn's
``DictVectorizer``. Indicator features have the value ``1.0`` and a name ``"kind=value"``;
numeric ones a plain name.

Unit features (:func:`unit_features`, :func:`units_features`):

* ``lemma=``, ``bigram=``, ``upos=``: lemma unigrams and bigrams and UPOS tags in the unit;
  ``first1=`` .. ``first3=``: its first three lemmas (punctuation skipped);
* ``dep=head|deprel|dependent`` (lemmas) and ``deptag=`` (the same over UPOS) for the
  dependency arcs inside the unit; ``depout=`` for the deprel and lemma of the word that
  attaches the unit to the rest of its sentence;
* ``verb=``, ``verb_upos=``, ``mood=``, ``tense=``, ``verbform=``, ``modal=``, ``aux=``: the
  unit's main predicate (the highest word of the unit in the dependency tree) and its
  morphology; tense and mood come from its auxiliaries or copula when the predicate has none;
  ``negated`` when any word is negative (``Polarity=Neg`` or a negative lemma),
  ``main_negated`` when the predicate itself is;
* ``marker=``, ``marker_sense=``: the discourse marker the unit starts with (longest match
  in :data:`DISCOURSE_MARKERS`, after leading punctuation), ``marker_in=`` and
  ``marker_in_sense=`` for markers elsewhere in the unit;
* position: ``position`` (relative, 0 for the first unit, 1 for the last), ``first``,
  ``last``, ``index=`` (capped at 6), ``units=`` (count, capped at 8), and the same within the
  paragraph (``par_position``, ``par_first``, ``par_last``; paragraphs are separated by a
  blank line) plus ``paragraph_first`` / ``paragraph_last``;
* sentence: ``sentence_start``, ``sentence_end``, ``whole_sentence``, ``question``,
  ``exclamation``, ``tokens`` (count, scaled: tokens / 40);
* standpoint (:mod:`argmine.text.cues`): ``stance`` for a stance in the unit's main
  clause ("should", "I think", "is unfair"), ``opinion`` when it is in the first person,
  ``other_voice`` for a question, a quotation or the other side ("Some people say");
* centrality: ``centrality`` (the unit's mean Jaccard overlap of content lemmas with the
  other units) and ``centrality_top`` (the highest of the text);
* neighbours: ``prev_first=``, ``next_first=`` (the neighbours' first lemmas, ``<none>`` at
  the edges) and ``prev_marker_sense=``, ``next_marker_sense=``;
* moves (the extension hook for :mod:`argmine.moves`): for every move that overlaps the
  unit, ``move=<kind>``, and for each of its named parts that overlaps the unit,
  ``move=<kind>:<part>`` (``move=concession:conceded``, ``move=enumeration:items``).

Pair features (:func:`pair_features`, :func:`pairs_features`) for ``source -> target``:
``distance`` (signed, target minus source, divided by the number of units),
``distance=`` (bucketed: -3+, -2, -1, 1, 2, 3+), ``forward`` (the target comes later),
``adjacent``, ``same_sentence``, both units' start markers and their senses
(``src_marker=``, ``trg_marker_sense=``, and ``src_sense|direction=``), lexical overlap of
content lemmas (``overlap`` as Jaccard, ``overlap_any``), ``target_first`` / ``target_last``,
and, unless ``include_units=False``, every unit feature of the source and of the target
prefixed with ``src:`` and ``trg:``.

>>> from argmine.types import ParsedText, Sentence, Span, Token
>>> words = [("Taxes", "tax", "NOUN", 2, "nsubj"), ("fall", "fall", "VERB", 0, "root")]
>>> tokens, start = [], 0
>>> for form, lemma, upos, head, deprel in words:
...     tokens.append(Token(start, start + len(form), form, lemma, upos, None, head, deprel))
...     start += len(form) + 1
>>> parsed = ParsedText("Taxes fall", [Sentence(0, 10, tokens)])
>>> features = units_features(parsed, [Span(0, 10)])[0]
>>> features["verb=fall"], features["dep=fall|nsubj|tax"]
(1.0, 1.0)
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence

import attrs

from argmine.moves.lexicon import default_lexicon
from argmine.text.cues import OPINION_PATTERN, main_clause_stance, other_voice
from argmine.text.tree import PARAGRAPH_BREAK
from argmine.text.words import MODALS, SEMI_MODALS
from argmine.types import Move, ParsedText, Span, Token

__all__ = [
    "DISCOURSE_MARKERS",
    "Features",
    "pair_features",
    "pairs_features",
    "unit_features",
    "units_features",
]

Features = dict[str, float]

#: English discourse markers and the coarse sense each usually signals: the lexicon's
#: ``structure`` field (``moves/markers.toml``). Multi-word markers
#: are matched as word sequences (lower-cased word forms). The senses: ``contrast``
#: (an opposing point), ``concession`` (granting a point before countering it), ``cause``
#: (a reason follows), ``result`` (a conclusion follows), ``addition``, ``example``,
#: ``condition``, ``enumeration``, ``opinion`` (the writer's stance) and ``attribution``
#: (someone else's view).
DISCOURSE_MARKERS: Mapping[str, str] = {
    marker.phrase: marker.structure for marker in default_lexicon() if marker.structure
}

#: What the unit features count as modal: the modal auxiliaries and "ought", "need".
_MODAL_LEMMAS = MODALS | SEMI_MODALS
_NEGATIVE_LEMMAS = frozenset(
    {"not", "n't", "never", "no", "nobody", "nothing", "none", "neither", "nor", "nowhere"}
)
_CONTENT_UPOS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})
_STOP_LEMMAS = frozenset({"be", "have", "do", "not", "so", "also", "very", "just", "more"})
_MARKERS_BY_LENGTH = sorted(
    ((tuple(marker.split()), sense) for marker, sense in DISCOURSE_MARKERS.items()),
    key=lambda item: -len(item[0]),
)
#: The markers that start with each word, longest first (a lookup instead of a scan).
_MARKERS_BY_FIRST_WORD: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _marker, _sense in _MARKERS_BY_LENGTH:
    _MARKERS_BY_FIRST_WORD.setdefault(_marker[0], []).append((_marker, _sense))
_NONE = "<none>"


@attrs.frozen
class _Word:
    """A word of the parse with its place: sentence number and 1-based index in the sentence."""

    sentence: int
    index: int
    token: Token


@attrs.frozen
class _Unit:
    """What the feature functions need to know about one unit."""

    span: Span
    words: tuple[_Word, ...]
    paragraph: int

    @property
    def content(self) -> tuple[_Word, ...]:
        return tuple(word for word in self.words if word.token.upos != "PUNCT")


def _words(parsed: ParsedText, start: int, end: int) -> list[_Word]:
    """The words of the sentences that overlap ``start``–``end`` (only those: a paragraph of a
    long document must not cost a pass over every word of the document)."""
    return [
        _Word(number, index, token)
        for number, sentence in enumerate(parsed.sentences)
        if sentence.end > start and sentence.start < end
        for index, token in enumerate(sentence.tokens, start=1)
    ]


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in PARAGRAPH_BREAK.finditer(text)]


def _prepare(parsed: ParsedText, units: Sequence[Span]) -> list[_Unit]:
    """The words of each unit: every word whose first character lies inside its span."""
    words = _words(parsed, min(s.start for s in units), max(s.end for s in units)) if units else []
    starts = [word.token.start for word in words]
    paragraphs = _paragraph_starts(parsed.text)
    prepared = []
    for span in units:
        low = bisect.bisect_left(starts, span.start)
        high = bisect.bisect_left(starts, span.end)
        inside = tuple(words[low:high])
        paragraph = bisect.bisect_right(paragraphs, span.start) - 1
        prepared.append(_Unit(span, inside, paragraph))
    return prepared


def _lower(word: _Word) -> str:
    return word.token.text.lower()


def _lemma(word: _Word) -> str:
    return (word.token.lemma or word.token.text).lower()


def _start_marker(unit: _Unit) -> tuple[str, str] | None:
    """The longest discourse marker the unit starts with (after leading punctuation)."""
    forms = [_lower(word) for word in unit.content]
    return _marker_at(forms, 0)


def _marker_at(forms: Sequence[str], position: int) -> tuple[str, str] | None:
    """The longest marker starting at ``forms[position]``, with its sense."""
    if position >= len(forms):
        return None
    for marker, sense in _MARKERS_BY_FIRST_WORD.get(forms[position], ()):
        if tuple(forms[position : position + len(marker)]) == marker:
            return " ".join(marker), sense
    return None


def _inner_markers(unit: _Unit) -> set[tuple[str, str]]:
    """Markers after the start marker (or after the first word when there is none)."""
    forms = [_lower(word) for word in unit.content]
    start = _start_marker(unit)
    found = set()
    for position in range(len(start[0].split()) if start else 1, len(forms)):
        for marker, sense in _MARKERS_BY_FIRST_WORD.get(forms[position], ()):
            if tuple(forms[position : position + len(marker)]) == marker:
                found.add((" ".join(marker), sense))
    return found


def _depth(parsed: ParsedText, word: _Word) -> int:
    tokens = parsed.sentences[word.sentence].tokens
    depth, head = 0, word.token.head
    while head and depth <= len(tokens):
        depth += 1
        head = tokens[head - 1].head
    return depth


def _main_word(parsed: ParsedText, unit: _Unit) -> _Word | None:
    """The unit's highest word in the dependency tree (the first of equals)."""
    candidates = [word for word in unit.content] or list(unit.words)
    if not candidates:
        return None
    return min(candidates, key=lambda word: (_depth(parsed, word), word.sentence, word.index))


def _children(parsed: ParsedText, word: _Word) -> list[_Word]:
    sentence = parsed.sentences[word.sentence]
    return [
        _Word(word.sentence, index, sentence.tokens[index - 1])
        for index in sentence.children(word.index)
    ]


def _is_negative(token: Token) -> bool:
    return token.features.get("Polarity") == "Neg" or token.lemma.lower() in _NEGATIVE_LEMMAS


def _verb_features(parsed: ParsedText, unit: _Unit) -> Features:
    main = _main_word(parsed, unit)
    if main is None:
        return {"verb=" + _NONE: 1.0}
    features: Features = {f"verb={_lemma(main)}": 1.0, f"verb_upos={main.token.upos}": 1.0}
    morphology = dict(main.token.features)
    for child in _children(parsed, main):
        relation = child.token.deprel.split(":")[0]
        if relation in ("aux", "cop"):
            lemma = _lemma(child)
            if lemma in _MODAL_LEMMAS:
                features[f"modal={lemma}"] = 1.0
            else:
                features[f"aux={lemma}"] = 1.0
            for key, value in child.token.features.items():
                if key in ("Mood", "Tense", "VerbForm"):
                    morphology.setdefault(key, value)
        if relation == "advmod" and _is_negative(child.token):
            features["main_negated"] = 1.0
    for key in ("Mood", "Tense", "VerbForm"):
        features[f"{key.lower()}={morphology.get(key, _NONE)}"] = 1.0
    return features


def _dependency_features(parsed: ParsedText, unit: _Unit) -> Features:
    features: Features = {}
    inside = {(word.sentence, word.index) for word in unit.words}
    for word in unit.words:
        token = word.token
        deprel = token.deprel
        if token.head and (word.sentence, token.head) in inside:
            head = parsed.sentences[word.sentence].tokens[token.head - 1]
            features[f"dep={head.lemma.lower()}|{deprel}|{token.lemma.lower()}"] = 1.0
            features[f"deptag={head.upos}|{deprel}|{token.upos}"] = 1.0
        elif token.upos != "PUNCT":
            features[f"depout={deprel}|{token.lemma.lower()}"] = 1.0
    return features


def _move_parts(moves: Iterable[Move]) -> list[tuple[str, Span]]:
    """``(feature label, span)`` of every named part of every move, listed once per text."""
    return [
        (kind if name == "move" else f"{kind}:{name.split('[')[0]}", part)
        for move in moves
        for kind in (move.kind.value,)
        for name, part in move.spans()
    ]


def _move_features(span: Span, parts: Iterable[tuple[str, Span]]) -> Features:
    return {
        f"move={label}": 1.0
        for label, part in parts
        if part.start < span.end and span.start < part.end
    }


def _first_lemma(unit: _Unit | None) -> str:
    if unit is None or not unit.content:
        return _NONE
    return _lemma(unit.content[0])


def _local_features(parsed: ParsedText, unit: _Unit) -> Features:
    features: Features = {}
    content = unit.content
    lemmas = [_lemma(word) for word in content]
    for lemma in lemmas:
        features[f"lemma={lemma}"] = 1.0
    for left, right in zip(["<s>", *lemmas], [*lemmas, "</s>"], strict=True):
        features[f"bigram={left}_{right}"] = 1.0
    for word in unit.words:
        features[f"upos={word.token.upos}"] = 1.0
    for position, lemma in enumerate(lemmas[:3], start=1):
        features[f"first{position}={lemma}"] = 1.0
    features.update(_dependency_features(parsed, unit))
    features.update(_verb_features(parsed, unit))
    if any(_is_negative(word.token) for word in content):
        features["negated"] = 1.0
    marker = _start_marker(unit)
    if marker is not None:
        features[f"marker={marker[0]}"] = 1.0
        features[f"marker_sense={marker[1]}"] = 1.0
    else:
        features["marker=" + _NONE] = 1.0
    for inner, sense in _inner_markers(unit):
        features[f"marker_in={inner}"] = 1.0
        features[f"marker_in_sense={sense}"] = 1.0
    features["tokens"] = len(unit.words) / 40.0
    if unit.words:
        first, last = unit.words[0], unit.words[-1]
        sentence_first = parsed.sentences[first.sentence]
        sentence_last = parsed.sentences[last.sentence]
        starts = first.index == 1
        ends = last.index == len(sentence_last.tokens)
        features["sentence_start"] = float(starts)
        features["sentence_end"] = float(ends)
        features["whole_sentence"] = float(starts and ends and sentence_first is sentence_last)
        final = last.token.text
        features["question"] = float("?" in final)
        features["exclamation"] = float("!" in final)
    features.update(_standpoint_features(parsed, unit))
    return features


def _standpoint_features(parsed: ParsedText, unit: _Unit) -> Features:
    """The thesis cues of :mod:`argmine.text.cues`: the central claim is the author's
    standpoint, so a stance in the unit's main clause speaks for it and another voice
    against it."""
    text = parsed.text[unit.span.start : unit.span.end]
    features: Features = {}
    if main_clause_stance(parsed, unit.span):
        features["stance"] = 1.0
        if OPINION_PATTERN.search(text):
            features["opinion"] = 1.0
    if any(other_voice(text)):
        features["other_voice"] = 1.0
    return features


def _position_features(units: Sequence[_Unit], index: int) -> Features:
    count = len(units)
    unit = units[index]
    same = [i for i, other in enumerate(units) if other.paragraph == unit.paragraph]
    place = same.index(index)
    paragraphs = sorted({other.paragraph for other in units})
    return {
        "position": index / (count - 1) if count > 1 else 0.0,
        "first": float(index == 0),
        "last": float(index == count - 1),
        f"index={min(index, 6)}": 1.0,
        f"units={min(count, 8)}": 1.0,
        "par_position": place / (len(same) - 1) if len(same) > 1 else 0.0,
        "par_first": float(place == 0),
        "par_last": float(place == len(same) - 1),
        "paragraph_first": float(unit.paragraph == paragraphs[0]),
        "paragraph_last": float(unit.paragraph == paragraphs[-1]),
    }


def _context_features(units: Sequence[_Unit], index: int) -> Features:
    before = units[index - 1] if index > 0 else None
    after = units[index + 1] if index + 1 < len(units) else None
    features: Features = {
        f"prev_first={_first_lemma(before)}": 1.0,
        f"next_first={_first_lemma(after)}": 1.0,
    }
    for name, neighbour in (("prev", before), ("next", after)):
        marker = _start_marker(neighbour) if neighbour is not None else None
        features[f"{name}_marker_sense={marker[1] if marker else _NONE}"] = 1.0
    return features


def _centrality_features(overlaps: Sequence[float], index: int) -> Features:
    """How much of the text's vocabulary the unit shares: a central claim tends to name the
    topic that the other units keep returning to."""
    return {
        "centrality": overlaps[index],
        "centrality_top": float(overlaps[index] == max(overlaps) and overlaps[index] > 0),
    }


def _mean_overlaps(units: Sequence[_Unit]) -> list[float]:
    lemmas = [_content_lemmas(unit) for unit in units]
    means = []
    for index, own in enumerate(lemmas):
        scores = [
            len(own & other) / len(own | other) if own | other else 0.0
            for position, other in enumerate(lemmas)
            if position != index
        ]
        means.append(sum(scores) / len(scores) if scores else 0.0)
    return means


def _check_units(parsed: ParsedText, units: Sequence[Span]) -> None:
    from argmine.errors import InputError

    previous = 0
    for number, span in enumerate(units):
        if span.end > len(parsed.text):
            raise InputError(f"unit {number} [{span.start}, {span.end}) ends past the text")
        if span.start < previous:
            raise InputError(f"unit {number} starts before the end of the unit before it")
        previous = span.end


def units_features(
    parsed: ParsedText, units: Sequence[Span], *, moves: Sequence[Move] = ()
) -> list[Features]:
    """The feature dict of every unit (spans in text order, not overlapping).

    ``moves`` adds ``move=`` features for the rhetorical moves that overlap each unit.
    Raises :class:`~argmine.errors.InputError` for spans out of order or past the text.
    """
    _check_units(parsed, units)
    prepared = _prepare(parsed, units)
    overlaps = _mean_overlaps(prepared)
    parts = _move_parts(moves)
    result = []
    for index, unit in enumerate(prepared):
        features = _local_features(parsed, unit)
        features.update(_position_features(prepared, index))
        features.update(_context_features(prepared, index))
        features.update(_centrality_features(overlaps, index))
        features.update(_move_features(unit.span, parts))
        result.append(features)
    return result


def unit_features(
    parsed: ParsedText, units: Sequence[Span], index: int, *, moves: Sequence[Move] = ()
) -> Features:
    """The features of ``units[index]`` (see the module docstring)."""
    return units_features(parsed, units, moves=moves)[index]


def _distance_bucket(distance: int) -> str:
    if distance <= -3:
        return "-3+"
    if distance >= 3:
        return "3+"
    return str(distance)


def _content_lemmas(unit: _Unit) -> set[str]:
    return {
        _lemma(word)
        for word in unit.words
        if word.token.upos in _CONTENT_UPOS and _lemma(word) not in _STOP_LEMMAS
    }


@attrs.frozen
class _PairContext:
    """Per-unit facts every pair needs, computed once per text instead of once per pair."""

    count: int
    markers: tuple[tuple[str, str] | None, ...]
    lemmas: tuple[frozenset[str], ...]
    sentences: tuple[frozenset[int], ...]
    as_source: tuple[Features, ...] | None
    as_target: tuple[Features, ...] | None

    @classmethod
    def of(cls, prepared: Sequence[_Unit], unit_dicts: Sequence[Features] | None) -> _PairContext:
        return cls(
            count=len(prepared),
            markers=tuple(_start_marker(unit) for unit in prepared),
            lemmas=tuple(frozenset(_content_lemmas(unit)) for unit in prepared),
            sentences=tuple(frozenset(word.sentence for word in unit.words) for unit in prepared),
            as_source=None
            if unit_dicts is None
            else tuple({f"src:{key}": value for key, value in d.items()} for d in unit_dicts),
            as_target=None
            if unit_dicts is None
            else tuple({f"trg:{key}": value for key, value in d.items()} for d in unit_dicts),
        )


def _pair(context: _PairContext, source: int, target: int) -> Features:
    count = context.count
    distance = target - source
    direction = "forward" if distance > 0 else "backward"
    features: Features = {
        "distance": distance / count,
        f"distance={_distance_bucket(distance)}": 1.0,
        "forward": float(distance > 0),
        "adjacent": float(abs(distance) == 1),
        "target_first": float(target == 0),
        "target_last": float(target == count - 1),
    }
    src_sentences, trg_sentences = context.sentences[source], context.sentences[target]
    features["same_sentence"] = float(bool(src_sentences) and src_sentences == trg_sentences)
    for prefix, unit in (("src", source), ("trg", target)):
        marker = context.markers[unit]
        features[f"{prefix}_marker={marker[0] if marker else _NONE}"] = 1.0
        features[f"{prefix}_marker_sense={marker[1] if marker else _NONE}"] = 1.0
        features[f"{prefix}_sense|{direction}={marker[1] if marker else _NONE}"] = 1.0
    first, second = context.lemmas[source], context.lemmas[target]
    union = first | second
    shared = first & second
    features["overlap"] = len(shared) / len(union) if union else 0.0
    features["overlap_any"] = float(bool(shared))
    if context.as_source is not None and context.as_target is not None:
        features.update(context.as_source[source])
        features.update(context.as_target[target])
    return features


def pairs_features(
    parsed: ParsedText,
    units: Sequence[Span],
    *,
    moves: Sequence[Move] = (),
    include_units: bool = True,
    unit_dicts: Sequence[Features] | None = None,
) -> dict[tuple[int, int], Features]:
    """The features of every ordered pair ``(source, target)`` of different units.

    ``unit_dicts`` passes the result of :func:`units_features` for the same units when the
    caller has it already (it is computed otherwise).
    """
    _check_units(parsed, units)
    prepared = _prepare(parsed, units)
    if not include_units:
        unit_dicts = None
    elif unit_dicts is None:
        unit_dicts = units_features(parsed, units, moves=moves)
    context = _PairContext.of(prepared, unit_dicts)
    return {
        (source, target): _pair(context, source, target)
        for source in range(len(units))
        for target in range(len(units))
        if source != target
    }


def pair_features(
    parsed: ParsedText,
    units: Sequence[Span],
    source: int,
    target: int,
    *,
    moves: Sequence[Move] = (),
    include_units: bool = True,
) -> Features:
    """The features of the candidate relation ``units[source] -> units[target]``."""
    _check_units(parsed, units)
    prepared = _prepare(parsed, units)
    unit_dicts = units_features(parsed, units, moves=moves) if include_units else None
    return _pair(_PairContext.of(prepared, unit_dicts), source, target)
