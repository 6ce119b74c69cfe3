"""GUM eRST discourse-marker signals as training data for argmine's move detection.

Ambiguous markers ("since", "as", "while", "so", "if", ...) need a sense decision. GUM
annotates every discourse marker (signal type ``dm``, and ``orphan`` for the DM of a
secondary relation) with the eRST relation it signals, which gives gold senses. This module
joins the rstWeb ``.rs4`` trees with the CoNLL-U parses of the same tokens, maps eRST labels
onto :class:`~argmine.types.MoveKind` (:data:`ERST_TO_MOVE`, refined by
:func:`move_kind_for`), and streams :class:`MarkerOccurrence` records: signalled markers, and
with :func:`iter_candidate_occurrences` also the unsignalled uses of the same strings, which a
classifier needs as negatives. A file that does not fit raises
:class:`~argmine.errors.CorpusError` naming it. See ``docs/moves-data.md``.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs

from argmine.errors import CorpusError
from argmine.moves.lexicon import default_lexicon
from argmine.training.corpora.xml import parse_xml
from argmine.types import Condition, MoveKind

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

__all__ = [
    "CONCLUSION_MARKERS",
    "ENUMERATION_MARKERS",
    "ERST_TO_MOVE",
    "EXCEPTION_MARKERS",
    "EXEMPLIFICATION_MARKERS",
    "EXEMPLIFICATION_RELATIONS",
    "INFERENTIAL_MARKERS",
    "NECESSARY_MARKERS",
    "GumDocument",
    "GumNode",
    "GumSecondaryEdge",
    "GumSentence",
    "GumSignal",
    "GumWord",
    "MarkerOccurrence",
    "Split",
    "clear_cache",
    "condition_for",
    "document_ids",
    "iter_candidate_occurrences",
    "iter_documents",
    "iter_marker_occurrences",
    "load_document",
    "move_kind_for",
    "read_document",
    "read_splits",
]


class Split(enum.StrEnum):
    """The upstream partitions of ``splits.md``; ``test2`` is the out-of-domain GENTLE set."""

    TRAIN = "train"
    DEV = "dev"
    TEST = "test"
    TEST2 = "test2"


# eRST relation label -> argmine move kind (None: not one of argmine's moves). This is the base
# reading; move_kind_for() refines it by marker and position (exemplification, enumeration and
# conclusion have no label of their own in eRST). All 32 labels of GUM V11 are listed.
ERST_TO_MOVE: dict[str, MoveKind | None] = {
    # "rather than", "instead of", "not X but Y": a rejected alternative vs. the preferred one.
    "adversative-antithesis": MoveKind.CONTRAST,
    # "although", "even though", "despite", most "but": granting a point, then the main claim.
    "adversative-concession": MoveKind.CONCESSION,
    # "whereas", "on the other hand", "however", "but" between two contrasted nuclei.
    "adversative-contrast": MoveKind.CONTRAST,
    # reported speech ("said", "according to") is attribution, not a move.
    "attribution-negative": None,
    "attribution-positive": None,
    # "because", "since", "as", "because of": a real-world cause in the satellite.
    "causal-cause": MoveKind.CAUSE,
    # "so", "thus", "as a result", "and": a real-world result in the satellite.
    "causal-result": MoveKind.CAUSE,
    # background knowledge for the reader; no marker sense argmine detects.
    "context-background": None,
    # temporal/circumstantial "when", "as", "while", "since", "after": the key negatives.
    "context-circumstance": None,
    # "if", "unless", "as long as", condition-"when"; the Condition comes from condition_for().
    "contingency-condition": MoveKind.CONDITIONAL,
    # additive elaboration; only exemplification markers make it a move (see move_kind_for).
    "elaboration-additional": None,
    # relative-clause-like attribute elaboration; as above.
    "elaboration-attribute": None,
    # the writer's evaluation of the nucleus ("which is great"); not a conclusion from premises.
    "evaluation-comment": None,
    # epistemic support: the satellite is evidence for the nucleus. A reason marker
    # ("because", "as", "since") makes a CAUSE move; an inferential one ("so", "therefore")
    # a CONCLUSION (move_kind_for).
    "explanation-evidence": MoveKind.CAUSE,
    # the satellite justifies the writer's right to say the nucleus; as for evidence.
    "explanation-justify": MoveKind.CAUSE,
    # the satellite motivates an action in the nucleus ("so do X", "because ..."); as above.
    "explanation-motivation": MoveKind.CAUSE,
    # "or", "either ... or": alternatives, not a move.
    "joint-disjunction": None,
    # coordination ("and", "also"); ENUMERATION only with an ordinal marker (move_kind_for).
    "joint-list": None,
    # loose coordination of unrelated-in-kind units.
    "joint-other": None,
    # narrative/temporal order ("then", "later"); ENUMERATION only with an ordinal marker.
    "joint-sequence": None,
    # "as", "like", "without", "as if": the manner of an action.
    "mode-manner": None,
    # "by" + gerund: the means of an action.
    "mode-means": None,
    # headings, greetings, announcements: document organisation, no argumentative sense.
    "organization-heading": None,
    "organization-phatic": None,
    "organization-preparation": None,
    # "so that", "in order to", "for": purposes are not among argmine's moves.
    "purpose-attribute": None,
    "purpose-goal": None,
    # "in other words", "that is", "in short", reformulating "or": saying it again.
    "restatement-partial": MoveKind.REFORMULATION,
    "restatement-repetition": MoveKind.REFORMULATION,
    # joins the parts of a discontinuous EDU; never a discourse relation.
    "same-unit": None,
    # question/answer and problem/solution organisation.
    "topic-question": None,
    "topic-solutionhood": None,
}

# The marker groups below come from the one lexicon (``moves/markers.toml``).
_MARKERS = default_lexicon()
#: Markers that introduce an example; under :data:`EXEMPLIFICATION_RELATIONS` they make an
#: EXEMPLIFICATION move (eRST V11 has no elaboration-example label).
EXEMPLIFICATION_MARKERS = _MARKERS.phrases(gum="exemplification")
#: The relations under which an exemplification marker introduces an example: an added
#: detail, or evidence by example ("like" elsewhere is mostly mode-manner, "as if").
EXEMPLIFICATION_RELATIONS = frozenset(
    {"elaboration-additional", "elaboration-attribute", "explanation-evidence"}
)
#: Ordinal markers that turn ``joint-list``/``joint-sequence`` into an ENUMERATION move: the
#: detector's enumeration items. Not "then", "later", "also", "in addition": narrative order
#: and addition are not ordinal.
ENUMERATION_MARKERS = _MARKERS.phrases(frame="ordinal")
#: Inferential markers: under an ``explanation-*`` relation they introduce a claim drawn from
#: evidence or a justification, i.e. a CONCLUSION rather than a reason.
INFERENTIAL_MARKERS = _MARKERS.phrases(gum="inferential")
#: Explicit summarising markers: a CONCLUSION under any relation (none is a DM in GUM V11); the
#: detector's conclusion markers.
CONCLUSION_MARKERS = _MARKERS.phrases(frame="conclusion")
#: Condition markers that state an exception to the consequent.
EXCEPTION_MARKERS = _MARKERS.phrases(gum="exception")
#: Condition markers that state a necessary condition.
NECESSARY_MARKERS = _MARKERS.phrases(gum="necessary")

_EXPLANATION = frozenset({"explanation-evidence", "explanation-justify", "explanation-motivation"})
_JOINT_ORDERED = frozenset({"joint-list", "joint-sequence"})


def move_kind_for(relation: str, marker: str) -> MoveKind | None:
    """The move a marker signals: :data:`ERST_TO_MOVE`, refined where the label is too coarse.

    Unknown labels give None. The rules, first match wins:

    1. a :data:`CONCLUSION_MARKERS` marker is a CONCLUSION;
    2. a :data:`EXEMPLIFICATION_MARKERS` marker under :data:`EXEMPLIFICATION_RELATIONS` is an
       EXEMPLIFICATION;
    3. ``joint-list``/``joint-sequence`` is an ENUMERATION with an
       :data:`ENUMERATION_MARKERS` marker, else None;
    4. an :data:`INFERENTIAL_MARKERS` marker under ``explanation-*`` is a CONCLUSION: it
       presents its clause as inferred from the evidence or justification (in GUM it sits in
       the nucleus 4 times out of 5, and the satellite cases read as inferences too);
    5. otherwise :data:`ERST_TO_MOVE`.
    """
    if marker in CONCLUSION_MARKERS:
        return MoveKind.CONCLUSION
    if marker in EXEMPLIFICATION_MARKERS and relation in EXEMPLIFICATION_RELATIONS:
        return MoveKind.EXEMPLIFICATION
    if relation in _JOINT_ORDERED:
        return MoveKind.ENUMERATION if marker in ENUMERATION_MARKERS else None
    if relation in _EXPLANATION and marker in INFERENTIAL_MARKERS:
        return MoveKind.CONCLUSION
    return ERST_TO_MOVE.get(relation)


def condition_for(marker: str) -> Condition:
    """The kind of condition a conditional marker states; plain "if", "when", ... suffice."""
    if marker in EXCEPTION_MARKERS:
        return Condition.EXCEPTION
    if marker in NECESSARY_MARKERS:
        return Condition.NECESSARY
    return Condition.SUFFICIENT


# --------------------------------------------------------------------------- data model


@attrs.frozen
class GumWord:
    """One CoNLL-U word; ``token`` is its 1-based document-wide index (the signals' index)."""

    id: int
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str | None
    head: int
    deprel: str
    token: int


@attrs.frozen
class GumSentence:
    """One CoNLL-U sentence; ``index`` is 0-based in its document."""

    doc: str
    index: int
    sent_id: str
    text: str
    words: tuple[GumWord, ...] = attrs.field(repr=False)


@attrs.frozen
class GumNode:
    """An rs4 ``<segment>`` (an EDU) or ``<group>``; ``relname`` None at the root.

    ``tokens`` is the 1-based ``[first, last]`` range the node covers (its EDUs and every
    node below it), so ``first > last`` for an empty node.
    """

    id: str
    kind: Literal["segment", "span", "multinuc"]
    parent: str | None
    relname: str | None
    tokens: tuple[int, int]

    def covers(self, token: int) -> bool:
        return self.tokens[0] <= token <= self.tokens[1]


@attrs.frozen
class GumSecondaryEdge:
    """A tree-breaking relation ``source -> target``; ``id`` is ``"<source>-<target>"``."""

    id: str
    source: str
    target: str
    relname: str


@attrs.frozen
class GumSignal:
    """An rs4 ``<signal>``: ``source`` is a node id or a secondary-edge id."""

    source: str
    type: str
    subtype: str
    tokens: tuple[int, ...]
    status: str | None


@attrs.frozen(eq=False)
class GumDocument:
    """One GUM document: eRST graph, signals and the CoNLL-U words of the same tokens."""

    doc: str
    split: Split
    rs4_path: Path
    nodes: dict[str, GumNode] = attrs.field(repr=False)
    secondary_edges: dict[str, GumSecondaryEdge] = attrs.field(repr=False)
    signals: tuple[GumSignal, ...] = attrs.field(repr=False)
    sentences: tuple[GumSentence, ...] = attrs.field(repr=False)

    @property
    def token_count(self) -> int:
        return sum(len(sentence.words) for sentence in self.sentences)

    def word(self, token: int) -> tuple[GumSentence, GumWord]:
        """The sentence and word of a 1-based document-wide token index."""
        if not 1 <= token <= len(self._by_token):
            raise IndexError(f"{self.doc} has no token {token}")
        return self._by_token[token - 1]

    @functools.cached_property
    def _by_token(self) -> tuple[tuple[GumSentence, GumWord], ...]:
        return tuple((sentence, word) for sentence in self.sentences for word in sentence.words)


@attrs.frozen
class MarkerOccurrence:
    """One use of a marker string in GUM, with its gold sense when it is a signalled DM.

    ``positions`` holds ``(sentence_index, word_id)`` per marker word: sentence 0-based in
    the document, word the 1-based CoNLL-U ID. Five GUM markers span two sentences ("On one
    hand ... on the other hand"), hence a position per word. ``marker`` is the words' forms,
    lowercased, joined by single spaces (discontinuous "if ... then" gives ``"if then"``).
    A negative candidate (``signal`` None) has no relation and ``move_kind`` None.
    ``in_source`` says whether every marker word lies inside the node that carries the
    relation (an ``rst`` satellite, the signalled child of a multinuc, a secondary edge's
    source node): "because" usually does, the "so" of a ``causal-cause`` does not.
    """

    doc: str
    split: Split
    positions: tuple[tuple[int, int], ...]
    tokens: tuple[int, ...]
    marker: str
    signal: Literal["dm", "orphan"] | None
    relation: str | None
    secondary: bool
    in_source: bool | None
    move_kind: MoveKind | None
    condition: Condition | None
    sentence: GumSentence = attrs.field(eq=False, repr=False)

    @property
    def sentence_index(self) -> int:
        """The sentence of the first marker word (0-based in the document)."""
        return self.positions[0][0]

    @property
    def word_ids(self) -> tuple[int, ...]:
        """1-based CoNLL-U IDs of the marker words in :attr:`sentence` (the first one's)."""
        first = self.positions[0][0]
        return tuple(word for sentence, word in self.positions if sentence == first)

    @property
    def spans_sentences(self) -> bool:
        return self.positions[-1][0] != self.positions[0][0]

    @property
    def is_dm(self) -> bool:
        """True for a signalled discourse marker (a positive), False for a negative candidate."""
        return self.signal is not None


# --------------------------------------------------------------------------- reading


_SPLIT_HEADING = re.compile(r"^##\s+(\S+)\s*$")
_SPLIT_ITEM = re.compile(r"^\s*\*\s+(\S+)\s*$")
_MISSING_UPSTREAM = "GUM_reddit_"  # reddit documents are listed upstream but not distributed


def read_splits(gum_dir: Path | str) -> dict[str, Split]:
    """Document id -> split, from ``splits.md`` (the reddit ids it lists included)."""
    path = Path(gum_dir) / "splits.md"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise CorpusError(path, f"cannot read the split list: {error.strerror or error}") from None
    splits: dict[str, Split] = {}
    current: Split | None = None
    for number, line in enumerate(lines, start=1):
        heading = _SPLIT_HEADING.match(line)
        if heading:
            try:
                current = Split(heading.group(1))
            except ValueError:
                raise CorpusError(
                    path, f"line {number}: unknown split {heading.group(1)!r}"
                ) from None
            continue
        item = _SPLIT_ITEM.match(line)
        if item and current is not None:
            doc = item.group(1)
            if doc in splits:
                raise CorpusError(path, f"line {number}: {doc} is listed twice")
            splits[doc] = current
    if not splits:
        raise CorpusError(path, "lists no documents")
    return splits


def document_ids(gum_dir: Path | str, split: Split | str | None = None) -> list[str]:
    """The documents present in ``rstweb/``, in split order (train, dev, test, test2), sorted.

    A document missing from ``splits.md``, or listed there but absent (other than the
    undistributed reddit ones), raises :class:`CorpusError`.
    """
    root = Path(gum_dir)
    wanted = Split(split) if split is not None else None
    splits = read_splits(root)
    rstweb = root / "rstweb"
    if not rstweb.is_dir():
        raise CorpusError(rstweb, "the rstweb folder is missing")
    present = {path.stem for path in rstweb.glob("*.rs4")}
    unlisted = sorted(present - splits.keys())
    if unlisted:
        raise CorpusError(rstweb / f"{unlisted[0]}.rs4", "the document is not in splits.md")
    missing = sorted(
        doc for doc in splits.keys() - present if not doc.startswith(_MISSING_UPSTREAM)
    )
    if missing:
        raise CorpusError(rstweb / f"{missing[0]}.rs4", "listed in splits.md but missing")
    order = list(Split)
    return sorted(
        (doc for doc in present if wanted is None or splits[doc] is wanted),
        key=lambda doc: (order.index(splits[doc]), doc),
    )


def _required(element: Element, name: str, path: Path) -> str:
    value = element.get(name)
    if value is None or not value.strip():
        raise CorpusError(path, f"<{element.tag}> without {name}= ({element.attrib})")
    return value.strip()


def _token_list(raw: str, owner: str, path: Path) -> tuple[int, ...]:
    try:
        values = tuple(int(part) for part in raw.split(",") if part.strip())
    except ValueError:
        raise CorpusError(path, f"{owner}: tokens={raw!r} is not a list of integers") from None
    return values


def _read_rs4(
    path: Path,
) -> tuple[
    list[tuple[str, str | None, str | None, int]],
    list[tuple[str, str, str | None, str | None]],
    dict[str, GumSecondaryEdge],
    list[GumSignal],
    list[str],
]:
    """Raw segments (id, parent, relname, token count), groups, secondary edges, signals,
    and the whitespace tokens of all segments in document order."""
    root = parse_xml(path)
    if root.tag != "rst" or root.find("body") is None:
        raise CorpusError(path, "not an rstWeb document (no <rst><body>)")
    relation_names = {rel.get("name") for rel in root.iter("rel")}
    segments: list[tuple[str, str | None, str | None, int]] = []
    groups: list[tuple[str, str, str | None, str | None]] = []
    tokens: list[str] = []
    for segment in root.iter("segment"):
        words = (segment.text or "").split()
        tokens.extend(words)
        segments.append(
            (
                _required(segment, "id", path),
                segment.get("parent"),
                segment.get("relname"),
                len(words),
            )
        )
    for group in root.iter("group"):
        kind = _required(group, "type", path)
        if kind not in ("span", "multinuc"):
            raise CorpusError(path, f"group {group.get('id')}: unknown type {kind!r}")
        groups.append(
            (_required(group, "id", path), kind, group.get("parent"), group.get("relname"))
        )
    edges: dict[str, GumSecondaryEdge] = {}
    for secedge in root.iter("secedge"):
        edge = GumSecondaryEdge(
            id=_required(secedge, "id", path),
            source=_required(secedge, "source", path),
            target=_required(secedge, "target", path),
            relname=_required(secedge, "relname", path),
        )
        edges[edge.id] = edge
    signals = [
        GumSignal(
            source=_required(signal, "source", path),
            type=_required(signal, "type", path),
            subtype=signal.get("subtype") or "",
            tokens=_token_list(signal.get("tokens") or "", f"signal {signal.attrib}", path),
            status=signal.get("status"),
        )
        for signal in root.iter("signal")
    ]
    for name in (
        [relname for _, _, relname, _ in segments]
        + [g[3] for g in groups]
        + [edge.relname for edge in edges.values()]
    ):
        if name is not None and name != "span" and name not in relation_names:
            raise CorpusError(path, f"relation {name!r} is not declared in <relations>")
    return segments, groups, edges, signals, tokens


def _read_conllu(path: Path, doc: str) -> list[GumSentence]:
    """Sentences of integer-ID words; multi-word ranges and empty nodes are skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise CorpusError(path, f"cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise CorpusError(path, f"not UTF-8: {error}") from None
    sentences: list[GumSentence] = []
    words: list[GumWord] = []
    sent_id = ""
    sent_text = ""
    token = 0

    def close() -> None:
        nonlocal words, sent_id, sent_text
        if words:
            sentences.append(GumSentence(doc, len(sentences), sent_id, sent_text, tuple(words)))
        words, sent_id, sent_text = [], "", ""

    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            close()
            continue
        if line.startswith("#"):
            if line.startswith("# sent_id = "):
                sent_id = line[len("# sent_id = ") :].strip()
            elif line.startswith("# text = "):
                sent_text = line[len("# text = ") :].strip()
            continue
        columns = line.split("\t")
        if len(columns) != 10:
            raise CorpusError(path, f"line {number}: {len(columns)} columns, expected 10")
        if not columns[0].isdigit():
            continue  # "3-4" multi-word token line or "3.1" empty node
        try:
            word_id, head = int(columns[0]), int(columns[6])
        except ValueError:
            raise CorpusError(
                path, f"line {number}: head {columns[6]!r} is not an integer"
            ) from None
        if word_id != len(words) + 1:
            raise CorpusError(path, f"line {number}: word {word_id} out of sequence")
        token += 1
        words.append(
            GumWord(
                id=word_id,
                form=columns[1],
                lemma=columns[2],
                upos=columns[3],
                xpos=columns[4],
                feats=None if columns[5] == "_" else columns[5],
                head=head,
                deprel=columns[7],
                token=token,
            )
        )
    close()
    for sentence in sentences:
        for word in sentence.words:
            if not 0 <= word.head <= len(sentence.words):
                raise CorpusError(
                    path,
                    f"{sentence.sent_id}: word {word.id} has head {word.head} outside the sentence",
                )
    return sentences


def _node_extents(
    segments: list[tuple[str, str | None, str | None, int]],
    groups: list[tuple[str, str, str | None, str | None]],
    path: Path,
) -> dict[str, GumNode]:
    """Every node with the token range of its subtree (all nodes whose parent chain hits it)."""
    parents: dict[str, str | None] = {}
    for node_id, parent, _, _ in segments:
        parents[node_id] = parent
    for node_id, _, parent, _ in groups:
        if node_id in parents:
            raise CorpusError(path, f"node id {node_id} is used twice")
        parents[node_id] = parent
    for node_id, parent in parents.items():
        if parent is not None and parent not in parents:
            raise CorpusError(path, f"node {node_id} has unknown parent {parent}")
    low: dict[str, int] = {}
    high: dict[str, int] = {}
    position = 0
    for node_id, _, _, count in segments:
        first, last = position + 1, position + count
        position = last
        if count == 0:
            continue
        node: str | None = node_id
        seen: set[str] = set()
        while node is not None:
            if node in seen:
                raise CorpusError(path, f"the parents of node {node_id} form a cycle")
            seen.add(node)
            low[node] = min(low.get(node, first), first)
            high[node] = max(high.get(node, last), last)
            node = parents[node]
    nodes: dict[str, GumNode] = {}
    for node_id, parent, relname, _ in segments:
        nodes[node_id] = GumNode(
            node_id, "segment", parent, relname, (low.get(node_id, 1), high.get(node_id, 0))
        )
    for node_id, kind, parent, relname in groups:
        nodes[node_id] = GumNode(
            node_id,
            "span" if kind == "span" else "multinuc",
            parent,
            relname,
            (low.get(node_id, 1), high.get(node_id, 0)),
        )
    return nodes


def read_document(
    rs4_path: Path | str, conllu_path: Path | str, split: Split | str = Split.TRAIN
) -> GumDocument:
    """Read one document from its ``.rs4`` and ``.conllu``, checking that they agree.

    The CoNLL-U must have exactly as many (integer-ID) words as the rs4 segments have
    whitespace tokens, and every signal must point at known nodes and in-range tokens;
    otherwise :class:`CorpusError` names the offending file. Spelling may differ (GUM has
    three such tokens), so words are taken from the CoNLL-U.
    """
    rs4 = Path(rs4_path)
    conllu = Path(conllu_path)
    segments, groups, edges, signals, rs4_tokens = _read_rs4(rs4)
    sentences = _read_conllu(conllu, rs4.stem)
    count = sum(len(sentence.words) for sentence in sentences)
    if count != len(rs4_tokens):
        raise CorpusError(
            rs4, f"its segments hold {len(rs4_tokens)} tokens but {conllu.name} has {count} words"
        )
    nodes = _node_extents(segments, groups, rs4)
    for edge in edges.values():
        for end in (edge.source, edge.target):
            if end not in nodes:
                raise CorpusError(rs4, f"secondary edge {edge.id} names unknown node {end}")
    for signal in signals:
        if signal.source not in nodes and signal.source not in edges:
            raise CorpusError(rs4, f"signal on unknown node or edge {signal.source!r}")
        for index in signal.tokens:
            if not 1 <= index <= count:
                raise CorpusError(
                    rs4,
                    f"{signal.type} signal on {signal.source} points at token {index}, "
                    f"outside 1..{count}",
                )
        if signal.type in ("dm", "orphan") and not signal.tokens:
            raise CorpusError(rs4, f"{signal.type} signal on {signal.source} has no tokens")
    return GumDocument(
        doc=rs4.stem,
        split=Split(split),
        rs4_path=rs4,
        nodes=nodes,
        secondary_edges=edges,
        signals=tuple(signals),
        sentences=tuple(sentences),
    )


@functools.lru_cache(maxsize=512)
def _load_cached(root: Path, doc: str, split: Split) -> GumDocument:
    return read_document(root / "rstweb" / f"{doc}.rs4", root / "dep" / f"{doc}.conllu", split)


def load_document(gum_dir: Path | str, doc: str) -> GumDocument:
    """One document of the GUM folder, parsed once per process (see :func:`clear_cache`)."""
    root = Path(gum_dir).resolve()
    splits = read_splits(root)
    if doc not in splits:
        raise CorpusError(root / "rstweb" / f"{doc}.rs4", "the document is not in splits.md")
    return _load_cached(root, doc, splits[doc])


def clear_cache() -> None:
    """Forget parsed documents (after the files on disk changed)."""
    _load_cached.cache_clear()


def iter_documents(gum_dir: Path | str, split: Split | str | None = None) -> Iterator[GumDocument]:
    """Every document of ``gum_dir`` (the ``gum-discourse`` folder), optionally one split."""
    root = Path(gum_dir).resolve()
    splits = read_splits(root)
    for doc in document_ids(root, split):
        yield _load_cached(root, doc, splits[doc])


# --------------------------------------------------------------------------- occurrences


def _occurrence(
    document: GumDocument,
    tokens: tuple[int, ...],
    *,
    signal: Literal["dm", "orphan"] | None = None,
    relation: str | None = None,
    secondary: bool = False,
    in_source: bool | None = None,
) -> MarkerOccurrence:
    located = [document.word(index) for index in tokens]
    marker = " ".join(word.form.lower() for _, word in located)
    move = move_kind_for(relation, marker) if relation is not None else None
    return MarkerOccurrence(
        doc=document.doc,
        split=document.split,
        positions=tuple((sentence.index, word.id) for sentence, word in located),
        tokens=tokens,
        marker=marker,
        signal=signal,
        relation=relation,
        secondary=secondary,
        in_source=in_source,
        move_kind=move,
        condition=condition_for(marker) if move is MoveKind.CONDITIONAL else None,
        sentence=located[0][0],
    )


def _document_markers(document: GumDocument) -> list[MarkerOccurrence]:
    found: list[MarkerOccurrence] = []
    for signal in document.signals:
        if signal.type not in ("dm", "orphan"):
            continue
        tokens = tuple(sorted(signal.tokens))
        edge = document.secondary_edges.get(signal.source)
        relation: str | None
        if edge is not None:
            relation, secondary, source = edge.relname, True, document.nodes[edge.source]
        else:
            source = document.nodes[signal.source]
            relation, secondary = source.relname, False
        if relation is None or relation == "span":
            raise CorpusError(
                document.rs4_path,
                f"{signal.type} signal on node {source.id}, which carries no relation",
            )
        found.append(
            _occurrence(
                document,
                tokens,
                signal="dm" if signal.type == "dm" else "orphan",
                relation=relation,
                secondary=secondary,
                in_source=all(source.covers(index) for index in tokens),
            )
        )
    found.sort(key=lambda occurrence: (occurrence.tokens, occurrence.secondary))
    return found


def iter_marker_occurrences(
    gum_dir: Path | str, split: Split | str | None = None
) -> Iterator[MarkerOccurrence]:
    """Every ``dm`` and ``orphan`` signal of GUM as a gold-labelled occurrence, in text order."""
    for document in iter_documents(gum_dir, split):
        yield from _document_markers(document)


def _lexicon_index(lexicon: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for entry in lexicon:
        words = tuple(entry.lower().split())
        if words:
            by_first.setdefault(words[0], []).append(words)
    return by_first


def iter_candidate_occurrences(
    gum_dir: Path | str, lexicon: Iterable[str], split: Split | str | None = None
) -> Iterator[MarkerOccurrence]:
    """The signalled DMs plus every unsignalled use of a lexicon string (the negatives).

    A negative is each contiguous run of word forms in one sentence that equals a lexicon
    entry (lowercased) and shares no token with any ``dm``/``orphan`` signal; it has
    ``signal``, ``relation`` and ``move_kind`` None. Overlapping entries all match ("as",
    "as well", "as well as"), so apply longest-match yourself if you need it. Discontinuous
    entries ("if then") never match contiguously. Per document: the DMs, then the negatives.
    """
    by_first = _lexicon_index(lexicon)
    for document in iter_documents(gum_dir, split):
        markers = _document_markers(document)
        yield from markers
        signalled = {index for occurrence in markers for index in occurrence.tokens}
        for sentence in document.sentences:
            forms = [word.form.lower() for word in sentence.words]
            for start, form in enumerate(forms):
                for entry in by_first.get(form, ()):
                    end = start + len(entry)
                    if tuple(forms[start:end]) != entry:
                        continue
                    tokens = tuple(word.token for word in sentence.words[start:end])
                    if signalled.isdisjoint(tokens):
                        yield _occurrence(document, tokens)
