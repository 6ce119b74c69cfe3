"""Which sense an ambiguous discourse marker has: a classifier trained on GUM.

The move detector finds marker strings with the lexicon (``moves/markers.toml``); many are ambiguous
("since 2005" vs "since it rained", "so big" vs "so we left", concessive vs temporal
"while"). For each occurrence it builds a :class:`MarkerContext` (the parse, the sentence and
the marker's word indices) and asks a :class:`SenseModel` for a label: a
:class:`~argmine.types.MoveKind` value, or ``"none"`` when the use signals no move.

* :func:`marker_features` turns a context into sparse features computed from the parse only
  (marker, its dependency relation and host clause, clause position, punctuation, morphology,
  neighbouring words, paragraph position), each also conjoined with the marker string so one
  linear model learns a sense distribution per marker; :func:`concession_features` compares
  the two arguments of but/however/although/... for the contrast-or-concession model.
* :class:`SenseModel` is the trained multinomial logistic regression as arrays. Markers in
  :data:`FIXED_SENSES` are decided by rule, not learned (GUM never or almost never annotates
  them); markers it never saw in training get ``"none"``.
* :func:`save_model`/:func:`load_model` read and write it as a numpy archive
  (:mod:`argmine.linear`; never pickle), so the detector imports neither scikit-learn nor skops.

The scikit-learn estimators that train it are in :mod:`argmine.training.sense_classifiers`,
training data and training in :mod:`argmine.training.senses`, scores in
:mod:`argmine.evaluation.senses` (``argmine train moves``, ``argmine evaluate moves``; see
``docs/moves-senses.md``).
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from argmine.errors import CorruptModelError, InvalidDocumentError
from argmine.linear import LinearClassifier, load_arrays, one_hot, save_arrays
from argmine.moves.lexicon import default_lexicon
from argmine.text.tree import base
from argmine.types import MoveKind, ParsedText, Sentence, Token

__all__ = [
    "CONCESSION_FEATURES_VERSION",
    "CONCESSION_MARKERS",
    "DEFAULT_PARAMS",
    "FEATURES_VERSION",
    "FEATURE_FUNCTIONS",
    "FIXED_SENSES",
    "LABELS",
    "MARKER_LEXICON",
    "NONE",
    "MarkerContext",
    "SenseModel",
    "concession_features",
    "default_concession_model_path",
    "default_model_path",
    "load_concession_model",
    "load_default_model",
    "load_model",
    "marker_features",
    "normalise_marker",
    "save_model",
]

#: The label of a use that signals no move (temporal "since", degree "so", "the first time").
NONE = "none"
#: Every label a sense classifier can return: the move kinds, then :data:`NONE`.
LABELS: tuple[str, ...] = (*(kind.value for kind in MoveKind), NONE)

#: Bump when :func:`marker_features` changes; a model trained with other features is refused.
FEATURES_VERSION = 1
#: The same for :func:`concession_features` (2: the PDTB-3 argument-pair features).
CONCESSION_FEATURES_VERSION = 2

#: The marker strings the sense classifier learns from GUM (lowercased words joined by one
#: space; match longest first): the lexicon's ``classified`` role (``moves/markers.toml``).
#: Most are ambiguous, see ``docs/moves-senses.md`` for the GUM figures. Deliberately absent:
#: "and" (2,021 GUM signals, 84 % of them plain coordination), "in", "for", "with", "by",
#: "or", "like", "after", "before", "until" (overwhelmingly non-move uses in GUM), and
#: "including". Longer strings that hold a marker but signal no move ("so that", "as if") are
#: in it so that longest match does not read their "so"/"as" alone.
MARKER_LEXICON: frozenset[str] = default_lexicon().phrases(role="classified")

#: Markers treated as always unambiguous (the lexicon's ``sense`` field): the classifier does
#: not learn them (GUM annotates none or almost none of them as DMs, so it would learn
#: "none"); it returns this sense when the parse shows a connective use
#: (:func:`_connective_use`: not an adjective, determiner, number, argument or noun modifier;
#: ordinals and summarisers only clause-initially, "that is" only before punctuation) and
#: ``"none"`` otherwise.
FIXED_SENSES: Mapping[str, MoveKind] = {
    marker.phrase: marker.sense for marker in default_lexicon() if marker.sense is not None
}

# Fixed markers that are connectives only at the start of a clause ("Overall, ..." but not
# "the overall score"; "Second, ..." but not "I came second").
_INITIAL_ONLY = frozenset(
    marker
    for marker, kind in FIXED_SENSES.items()
    if kind in (MoveKind.ENUMERATION, MoveKind.CONCLUSION) or marker in ("admittedly", "granted")
)
# Relations of a word that is a phrase's content, not a connective attached to a clause.
_NON_CONNECTIVE = frozenset(
    {
        "amod",
        "nummod",
        "det",
        "nsubj",
        "obj",
        "iobj",
        "compound",
        "appos",
        "nmod",
        "acl",
        "csubj",
        "xcomp",
        "ccomp",
        "conj",
    }
)
_DASHES = frozenset({",", ":", ";", "-", "–", "—", "("})

#: The hyperparameters of the shipped model: best micro-F1 on GUM dev (:func:`tune`, macro-F1
#: within noise of the best) and best macro- and micro-F1 in 5-fold cross-validation by
#: document on train + dev.
DEFAULT_PARAMS: dict[str, Any] = {"C": 0.1, "class_weight": None, "min_count": 1}


# --------------------------------------------------------------------------- contexts


def _word_tuple(words: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted({int(word) for word in words}))


def normalise_marker(marker: str) -> str:
    return " ".join(marker.lower().split())


@attrs.frozen
class MarkerContext:
    """One occurrence of a marker: the parsed text, its sentence and the marker's words.

    ``sentence`` is 0-based in ``parsed.sentences``; ``words`` are the 1-based indices of
    the marker words in that sentence (sorted on construction); ``marker`` is the lexicon
    string (lowercased, single spaces). Out-of-range indices raise
    :class:`~argmine.errors.InvalidDocumentError`.
    """

    parsed: ParsedText = attrs.field(repr=False)
    sentence: int
    words: tuple[int, ...] = attrs.field(converter=_word_tuple)
    marker: str = attrs.field(converter=normalise_marker)

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.sentence < len(self.parsed.sentences):
            raise InvalidDocumentError(
                f"marker {self.marker!r}: sentence {self.sentence} is not in the text "
                f"({len(self.parsed.sentences)} sentences)"
            )
        size = len(self.parsed.sentences[self.sentence].tokens)
        if not self.words or not all(1 <= word <= size for word in self.words):
            raise InvalidDocumentError(
                f"marker {self.marker!r}: words {self.words} are not in sentence "
                f"{self.sentence} (words 1..{size})"
            )
        if not self.marker:
            raise InvalidDocumentError("a marker context needs a non-empty marker string")

    @classmethod
    def from_words(cls, parsed: ParsedText, sentence: int, words: Iterable[int]) -> MarkerContext:
        """A context whose marker string is the words' own forms."""
        indices = _word_tuple(words)
        tokens = parsed.sentences[sentence].tokens if 0 <= sentence < len(parsed.sentences) else ()
        forms = [tokens[i - 1].text for i in indices if 1 <= i <= len(tokens)]
        return cls(parsed, sentence, indices, " ".join(forms) or "?")

    @property
    def tokens(self) -> tuple[Token, ...]:
        """The marker words."""
        sentence = self.parsed.sentences[self.sentence]
        return tuple(sentence.tokens[i - 1] for i in self.words)


# --------------------------------------------------------------------------- features


def _marker_head(sentence: Sentence, words: tuple[int, ...]) -> int:
    """The marker word whose head lies outside the marker (the first, if several)."""
    inside = set(words)
    for word in words:
        if sentence.tokens[word - 1].head not in inside:
            return word
    return words[0]


def _subtree(children: list[list[int]], root: int) -> list[int]:
    found = [root]
    stack = [root]
    while stack:
        for child in children[stack.pop()]:
            found.append(child)
            stack.append(child)
    return found


def _bucket(value: float, edges: Sequence[float], names: Sequence[str]) -> str:
    for edge, name in zip(edges, names, strict=False):
        if value <= edge:
            return name
    return names[-1]


def _starts_paragraph(parsed: ParsedText, index: int) -> bool:
    """Whether sentence ``index`` follows a blank line (or starts the text)."""
    start = parsed.sentences[index].start
    previous_end = parsed.sentences[index - 1].end if index else 0
    return index == 0 or parsed.text[previous_end:start].count("\n") >= 2


def _negated(sentence: Sentence, children: list[list[int]], word: int) -> bool:
    for child in children[word]:
        token = sentence.tokens[child - 1]
        if token.lemma.lower() in ("not", "never", "n't", "no") or (
            token.features.get("Polarity") == "Neg" and base(token.deprel) == "advmod"
        ):
            return True
    return False


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _clause_features(
    prefix: str, sentence: Sentence, children: list[list[int]], word: int
) -> dict[str, str | float]:
    """Relation, POS, morphology and dependents of a clause head (``word`` 0: none)."""
    if word == 0:
        return {f"{prefix}dep": "-"}
    token = sentence.tokens[word - 1]
    feats = token.features
    out: dict[str, str | float] = {
        f"{prefix}dep": token.deprel,
        f"{prefix}depb": base(token.deprel),
        f"{prefix}pos": token.upos,
        f"{prefix}tense": feats.get("Tense", "-"),
        f"{prefix}vform": feats.get("VerbForm", "-"),
        f"{prefix}mood": feats.get("Mood", "-"),
        f"{prefix}neg": _yes(_negated(sentence, children, word)),
        f"{prefix}subj": _yes(
            any(base(sentence.tokens[c - 1].deprel) in ("nsubj", "csubj") for c in children[word])
        ),
    }
    for child in children[word]:
        dependent = sentence.tokens[child - 1]
        relation = base(dependent.deprel)
        if relation in ("aux", "cop"):
            out[f"{prefix}{relation}={dependent.lemma.lower()}"] = 1.0
    return out


def marker_features(context: MarkerContext) -> dict[str, str | float]:
    """Sparse features of one marker occurrence, from the parse only.

    String values become one-hot features ``key=value`` in a DictVectorizer, floats are
    used as they are. Every feature is also conjoined with the marker (``m:<marker>|key``)
    so that a linear model can learn each marker's senses separately. "Host" is the word
    the marker attaches to (the head of its head word), "gov" the host's own head.
    """
    parsed = context.parsed
    sentence = parsed.sentences[context.sentence]
    tokens = sentence.tokens
    size = len(tokens)
    words = context.words
    first, last = words[0], words[-1]
    children: list[list[int]] = [[] for _ in range(size + 1)]
    for index, token in enumerate(tokens, start=1):
        children[token.head].append(index)
    marker_head = _marker_head(sentence, words)
    head_token = tokens[marker_head - 1]
    host = head_token.head
    gov = tokens[host - 1].head if host else 0

    def word(index: int) -> Token | None:
        return tokens[index - 1] if 1 <= index <= size else None

    previous, following, after_next = word(first - 1), word(last + 1), word(last + 2)
    before = tokens[: first - 1]
    initial = all(token.upos in ("PUNCT", "CCONJ") for token in before)
    if host:
        span = [i for i in _subtree(children, host) if tokens[i - 1].upos != "PUNCT"]
        clause_initial = first <= min(span)
        order = "root" if gov == 0 else "before" if host < gov else "after"
        distance = abs(host - marker_head)
        direction = "right" if host > marker_head else "left"
    else:
        clause_initial, order, distance, direction = initial, "none", 0, "none"
    paragraph_position = 0
    index = context.sentence
    while index > 0 and not _starts_paragraph(parsed, index):
        paragraph_position += 1
        index -= 1
    content = [token for token in tokens if token.upos != "PUNCT"]
    final = bool(content) and all(token.upos == "PUNCT" for token in tokens[last:])

    features: dict[str, str | float] = {
        "lemma": " ".join(token.lemma.lower() for token in context.tokens),
        "mpos": " ".join(token.upos for token in context.tokens),
        "dep": head_token.deprel,
        "depb": base(head_token.deprel),
        "dep>host": f"{base(head_token.deprel)}>"
        + (base(tokens[host - 1].deprel) if host else "-"),
        "dep>hpos": f"{base(head_token.deprel)}>" + (tokens[host - 1].upos if host else "-"),
        "hlemma": tokens[host - 1].lemma.lower() if host else "-",
        "order": order,
        "hdist": _bucket(distance, (1, 3, 7), ("1", "2-3", "4-7", "8+")),
        "hdir": direction,
        "initial": _yes(initial),
        "clause_initial": _yes(clause_initial),
        "final": _yes(final),
        "prev": previous.lemma.lower() if previous else "<s>",
        "prevpos": previous.upos if previous else "<s>",
        "next": following.lemma.lower() if following else "</s>",
        "nextpos": following.upos if following else "</s>",
        "next2pos": after_next.upos if after_next else "</s>",
        "comma_before": _yes(previous is not None and previous.text in _DASHES),
        "comma_after": _yes(following is not None and following.text in _DASHES),
        "question": _yes(bool(tokens) and tokens[-1].text == "?"),
        "position": _bucket(
            (first - 1) / max(size - 1, 1), (0.0, 0.25, 0.5, 0.75), ("0", "q1", "q2", "q3", "q4")
        ),
        "length": _bucket(size, (5, 10, 20, 40), ("1-5", "6-10", "11-20", "21-40", "41+")),
        "paragraph_start": _yes(_starts_paragraph(parsed, context.sentence)),
        "text_start": _yes(context.sentence == 0),
        "paragraph_position": _bucket(paragraph_position, (0, 1, 2), ("0", "1", "2", "3+")),
    }
    features.update(_clause_features("h", sentence, children, host))
    features.update(_clause_features("g", sentence, children, gov))
    # Subordinators before the marker ("if ... then") and other markers of the host clause.
    for token in before:
        if token.upos == "SCONJ" or base(token.deprel) == "mark":
            features[f"mark_before={token.lemma.lower()}"] = 1.0
    if host:
        for child in children[host]:
            dependent = tokens[child - 1]
            if child not in words and base(dependent.deprel) in ("mark", "advmod", "cc"):
                features[f"hsib={dependent.lemma.lower()}"] = 1.0
    features["rel_position"] = (first - 1) / max(size - 1, 1)
    marker = context.marker
    conjoined: dict[str, str | float] = {f"m:{marker}|{key}": v for key, v in features.items()}
    features["m"] = marker
    features.update(conjoined)
    return features


def _connective_use(context: MarkerContext) -> bool:
    """Whether a :data:`FIXED_SENSES` marker is used as a connective (see there)."""
    sentence = context.parsed.sentences[context.sentence]
    tokens = sentence.tokens
    head = tokens[_marker_head(sentence, context.words) - 1]
    if base(head.deprel) in _NON_CONNECTIVE:
        return False
    first = context.words[0]
    following = tokens[context.words[-1]] if context.words[-1] < len(tokens) else None
    if context.marker == "that is":
        return following is not None and following.text in _DASHES
    if context.marker in _INITIAL_ONLY:
        opener = tokens[first - 1]
        if opener.upos in ("NOUN", "PROPN", "VERB"):
            return False
        if any(base(tokens[c - 1].deprel) == "det" for c in sentence.children(first)):
            return False
        previous = tokens[first - 2] if first > 1 else None
        at_start = all(token.upos in ("PUNCT", "CCONJ") for token in tokens[: first - 1])
        return at_start or (previous is not None and previous.text in _DASHES)
    return True


#: Words that weigh the two sides of a concession ("still", "even"), or hedge the conceded one.
_CONCESSIVE_WORDS = frozenset(
    {
        "still", "even", "nevertheless", "anyway", "only", "just", "really", "actually",
        "certainly", "perhaps", "maybe", "probably", "true", "sure", "course", "admittedly",
        "although", "though", "may", "might", "could", "can", "would", "should", "must",
    }
)  # fmt: skip
#: Markers whose contrast or concession reading the concession model decides.
CONCESSION_MARKERS = default_lexicon().phrases(role="weighed")
_NEGATIVE_WORDS = frozenset({"not", "n't", "never", "no", "nothing", "nobody", "none"})
#: The weighed subordinators, whose first argument is the rest of their sentence where the
#: parse leaves their clause unattached.
_SUBORDINATING = CONCESSION_MARKERS & default_lexicon().phrases(role="subordinator")
#: Parts of speech whose lemmas say what an argument is about (for overlap and parallels).
_CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})
#: Closed-class parts of speech whose lemmas become features of a side ("do", "it", "so").
_FUNCTION = frozenset({"ADV", "AUX", "PRON", "PART", "DET", "INTJ"})
#: Features of the pair of arguments that are also conjoined with the marker.
_PAIR_BY_MARKER = (
    "a1_where", "a1_len", "a2_len", "polarity", "polarity_differs", "subjects",
    "same_subject", "same_predicate", "tenses", "overlap_bucket", "adjectives_differ",
)  # fmt: skip


@attrs.frozen
class _Argument:
    """One side of a contrastive marker: its words (the marker left out) and its head."""

    tokens: tuple[Token, ...]
    head: Token | None

    @property
    def lemmas(self) -> frozenset[str]:
        return frozenset(token.lemma.lower() for token in self.tokens)

    @property
    def negated(self) -> bool:
        return bool(self.lemmas & _NEGATIVE_WORDS) or any(
            token.features.get("Polarity") == "Neg" for token in self.tokens
        )

    @property
    def subject(self) -> Token | None:
        return next((t for t in self.tokens if base(t.deprel) in ("nsubj", "csubj", "expl")), None)

    @property
    def tense(self) -> str:
        """The head's tense, else its auxiliary's, "Modal" for a modal auxiliary, else its
        verb form ("-" without a head)."""
        if self.head is None:
            return "-"
        if "Tense" in self.head.features:
            return self.head.features["Tense"]
        for token in self.tokens:
            if base(token.deprel) in ("aux", "cop"):
                if "Tense" in token.features:
                    return token.features["Tense"]
                if token.upos == "AUX" and token.features.get("VerbForm") != "Inf":
                    return "Modal"
        return self.head.features.get("VerbForm", "-")

    def content(self, upos: frozenset[str] = _CONTENT) -> frozenset[str]:
        return frozenset(token.lemma.lower() for token in self.tokens if token.upos in upos)


def _arguments(context: MarkerContext) -> tuple[_Argument, _Argument, str]:
    """The two arguments a contrastive marker joins, as the parse shows them, and where the
    first lies.

    The second is the clause the marker introduces (or, for *however*, modifies). The first
    is the clause that one attaches to (``"clause"``: "X, but Y", "Although Y, X"), the rest
    of the sentence for a subordinator the parse leaves unattached (``"sentence"``), else the
    previous sentence (``"previous"``; ``"none"`` at the start of the text).
    """
    parsed = context.parsed
    sentence = parsed.sentences[context.sentence]
    tokens = sentence.tokens
    children: list[list[int]] = [[] for _ in range(len(tokens) + 1)]
    for index, token in enumerate(tokens, start=1):
        children[token.head].append(index)
    words = set(context.words)
    marker_head = _marker_head(sentence, context.words)
    right = tokens[marker_head - 1].head or marker_head
    inside = set(_subtree(children, right))
    second = _Argument(
        tuple(tokens[i - 1] for i in sorted(inside) if i not in words),
        tokens[right - 1] if right not in words else None,
    )
    left = tokens[right - 1].head
    subordinator = context.marker in _SUBORDINATING
    if left and (left < context.words[0] or subordinator):
        indices = sorted(set(_subtree(children, left)) - inside)
        first = _Argument(tuple(tokens[i - 1] for i in indices), tokens[left - 1])
        return first, second, "clause"
    if subordinator and len(inside) < len(tokens):
        rest = [i for i in range(1, len(tokens) + 1) if i not in inside]
        top = next(i for i in rest if tokens[i - 1].head not in rest)
        return _Argument(tuple(tokens[i - 1] for i in rest), tokens[top - 1]), second, "sentence"
    if context.sentence == 0:
        return _Argument((), None), second, "none"
    previous = parsed.sentences[context.sentence - 1].tokens
    root = next((token for token in previous if token.head == 0), None)
    return _Argument(tuple(previous), root), second, "previous"


def _person(token: Token | None) -> str:
    """A subject's person: 1/2/3 for a pronoun, "n" for a noun, "-" for none."""
    if token is None:
        return "-"
    return token.features.get("Person", "3") if token.upos == "PRON" else "n"


def concession_features(context: MarkerContext) -> dict[str, str | float]:
    """:func:`marker_features` plus the PDTB-3 cues of concession against contrast in what
    each argument holds and how the two compare.

    A contrast sets two things side by side in parallel (different subjects, the same
    predicate or tense, two different adjectives, figures); a concession keeps one topic
    and denies what the first side led one to expect (polarity flips, hedges and modals,
    "still", emphatic "do", lexical overlap). Per side: negation, hedges, comparatives,
    length, subject person, head POS, lemma and tense, numbers, adjectives, questions,
    imperatives, emphatic "do" and its closed-class lemmas; for the pair: where the first
    argument lies, polarity, same subject/predicate/tense, lexical overlap, length ratio.
    """
    features = marker_features(context)
    first, second, where = _arguments(context)
    features["a1_where"] = where
    for name, side in (("a1", first), ("a2", second)):
        head = side.head
        negated = side.negated
        features[f"{name}_neg"] = _yes(negated)
        for word in sorted(side.lemmas & _CONCESSIVE_WORDS):
            features[f"{name}_w={word}"] = 1.0
        features[f"{name}_cmp"] = _yes(
            any(token.features.get("Degree") in ("Cmp", "Sup") for token in side.tokens)
        )
        features[f"{name}_len"] = _bucket(
            len(side.tokens), (3, 8, 15, 25), ("1-3", "4-8", "9-15", "16-25", "26+")
        )
        features[f"{name}_subject"] = _person(side.subject)
        features[f"{name}_head"] = head.upos if head is not None else "-"
        features[f"{name}_hlemma"] = head.lemma.lower() if head is not None else "-"
        features[f"{name}_tense"] = side.tense
        features[f"{name}_num"] = _yes(any(token.upos == "NUM" for token in side.tokens))
        features[f"{name}_adj"] = _yes(any(token.upos == "ADJ" for token in side.tokens))
        features[f"{name}_question"] = _yes(any(token.text == "?" for token in side.tokens))
        features[f"{name}_imperative"] = _yes(
            head is not None and head.features.get("Mood") == "Imp"
        )
        features[f"{name}_emphatic_do"] = _yes(
            not negated
            and any(t.lemma.lower() == "do" and base(t.deprel) == "aux" for t in side.tokens)
        )
        for word in side.content(_FUNCTION):
            features[f"{name}_fw={word}"] = 1.0
    one, two = first.subject, second.subject
    same_subject = one is not None and two is not None and one.lemma.lower() == two.lemma.lower()
    features["polarity"] = f"{features['a1_neg']}/{features['a2_neg']}"
    features["polarity_differs"] = _yes(first.negated != second.negated)
    features["same_subject"] = _yes(same_subject)
    features["subjects"] = "same" if same_subject else f"{_person(one)}>{_person(two)}"
    features["same_predicate"] = _yes(
        first.head is not None
        and second.head is not None
        and first.head.lemma.lower() == second.head.lemma.lower()
    )
    features["tenses"] = f"{first.tense}>{second.tense}"
    features["same_tense"] = _yes(first.tense == second.tense)
    shared, union = first.content() & second.content(), first.content() | second.content()
    overlap = len(shared) / len(union) if union else 0.0
    features["overlap"] = overlap
    features["overlap_bucket"] = _bucket(overlap, (0.0, 0.1, 0.25), ("0", "low", "mid", "high"))
    features["shared"] = _bucket(len(shared), (0, 1, 2), ("0", "1", "2", "3+"))
    adjectives = (first.content(frozenset({"ADJ"})), second.content(frozenset({"ADJ"})))
    features["adjectives_differ"] = _yes(all(adjectives) and not adjectives[0] & adjectives[1])
    features["length_ratio"] = _bucket(
        len(second.content()) / max(len(first.content()), 1),
        (0.5, 1.0, 2.0),
        ("<.5", "<1", "<2", "2+"),
    )
    for key in _PAIR_BY_MARKER:
        features[f"m:{context.marker}|{key}"] = features[key]
    return features


# --------------------------------------------------------------------------- the model

#: The feature function each kind of sense model reads, and the version it computes.
FEATURE_FUNCTIONS: Mapping[str, tuple[Callable[[MarkerContext], dict[str, str | float]], int]] = {
    "markers": (marker_features, FEATURES_VERSION),
    "concession": (concession_features, CONCESSION_FEATURES_VERSION),
}


@attrs.frozen(eq=False)
class SenseModel:
    """A trained sense classifier as the detector runs it: arrays, no scikit-learn.

    ``features`` names its feature function in :data:`FEATURE_FUNCTIONS` and
    ``features_version`` the version it was trained with. With ``fixed_senses`` the markers of
    :data:`FIXED_SENSES` are decided by rule; markers outside ``known_markers`` get ``"none"``;
    a ``constant`` label stands for a model trained on one label only, else ``linear`` scores
    the others. The estimators that train it are in :mod:`argmine.training.sense_classifiers`.
    """

    features: str = attrs.field(validator=attrs.validators.in_(FEATURE_FUNCTIONS))
    features_version: int
    classes: npt.NDArray[np.str_]
    known_markers: frozenset[str]
    fixed_senses: bool
    constant: str | None = None
    linear: LinearClassifier | None = None

    def __attrs_post_init__(self) -> None:
        if (self.constant is None) == (self.linear is None):
            raise ValueError("a sense model has either a constant label or a linear classifier")

    def predict_proba(self, X: Sequence[MarkerContext]) -> npt.NDArray[np.float64]:
        """Probabilities of :attr:`classes` for each context."""
        columns = {str(label): i for i, label in enumerate(self.classes)}
        out = np.zeros((len(X), len(self.classes)), dtype=np.float64)
        learned: list[int] = []
        for row, context in enumerate(X):
            if self.fixed_senses and context.marker in FIXED_SENSES:
                sense = FIXED_SENSES[context.marker].value if _connective_use(context) else NONE
                out[row, columns[sense]] = 1.0
            elif context.marker not in self.known_markers:
                out[row, columns[NONE]] = 1.0
            elif self.constant is not None:
                out[row, columns[self.constant]] = 1.0
            else:
                learned.append(row)
        if learned:
            assert self.linear is not None
            features, _version = FEATURE_FUNCTIONS[self.features]
            matrix = self.linear.transform([one_hot(features(X[row])) for row in learned])
            targets = [columns[str(label)] for label in self.linear.classes]
            out[np.ix_(learned, targets)] = self.linear.predict_proba(matrix)
        return out

    def predict(self, X: Sequence[MarkerContext]) -> npt.NDArray[np.str_]:
        """The likeliest label of each context."""
        result: npt.NDArray[np.str_] = self.classes[np.argmax(self.predict_proba(X), axis=1)]
        return result

    def predict_kinds(self, X: Sequence[MarkerContext]) -> list[MoveKind | None]:
        """:meth:`predict` as move kinds, ``None`` for ``"none"``: what the detector needs."""
        return [None if label == NONE else MoveKind(str(label)) for label in self.predict(X)]


# --------------------------------------------------------------------------- persistence

_KIND = "sense-model"


def default_model_path() -> Path:
    """Where the shipped model lives: ``argmine/resources/moves/marker-senses.npz``."""
    resource = importlib.resources.files("argmine.resources") / "moves" / "marker-senses.npz"
    return Path(str(resource))


def save_model(model: SenseModel, path: Path | str) -> Path:
    """Write a model as arrays (:func:`argmine.linear.save_arrays`), atomically."""
    arrays = {"classes": model.classes}
    if model.linear is not None:
        arrays.update(model.linear.arrays("linear"))
    meta = {
        "kind": _KIND,
        "features": model.features,
        "features_version": model.features_version,
        "known_markers": sorted(model.known_markers),
        "fixed_senses": model.fixed_senses,
        "constant": model.constant,
    }
    return save_arrays(path, arrays, meta)


def load_model(path: Path | str, *, hint: str = "argmine train moves") -> SenseModel:
    """A model written by :func:`save_model`.

    A missing file raises :class:`ModelNotFoundError`; a file that is not such a model
    (garbage, truncated, another kind of model, another feature version) raises
    :class:`CorruptModelError`.
    """
    source = Path(path)
    what = "marker-sense model"
    arrays, meta = load_arrays(source, kind=_KIND, what=what, hint=f"train one with: {hint}")
    try:
        linear = LinearClassifier.from_arrays(arrays, "linear") if "linear.coef" in arrays else None
        model = SenseModel(
            features=meta["features"],
            features_version=int(meta["features_version"]),
            classes=np.asarray(arrays["classes"], dtype=np.str_),
            known_markers=frozenset(str(marker) for marker in meta["known_markers"]),
            fixed_senses=bool(meta["fixed_senses"]),
            constant=meta["constant"],
            linear=linear,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise CorruptModelError(f"{source}: not a readable {what} ({error!r})") from None
    _function, version = FEATURE_FUNCTIONS[model.features]
    if model.features_version != version:
        raise CorruptModelError(
            f"{source}: trained with feature version {model.features_version}, this argmine "
            f"computes version {version}; retrain it ({hint})"
        )
    return model


@functools.cache
def load_default_model() -> SenseModel:
    """The shipped model (:func:`default_model_path`), loaded once per process."""
    return load_model(default_model_path())


def default_concession_model_path() -> Path:
    """Where the contrast-or-concession model lives:
    ``argmine/resources/moves/contrast-concession.npz``."""
    resource = importlib.resources.files("argmine.resources") / "moves" / "contrast-concession.npz"
    return Path(str(resource))


@functools.cache
def load_concession_model() -> SenseModel:
    """The shipped contrast-or-concession model (``argmine train concession``), loaded once."""
    return load_model(default_concession_model_path(), hint="argmine train concession")
