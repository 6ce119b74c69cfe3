"""Readers for the argumentative microtexts in arggraph XML (Peldszus & Stede 2015).

The same reader serves arg-microtexts (one EDU per ADU) and arg-microtexts-multilayer (finer
EDUs, grouped into ADUs through joints). Every check is made when a :class:`Microtext` is
built, so a text that loads is a well-formed argumentation graph; a file that is not raises
:class:`~argmine.errors.CorpusError` naming the file and the problem.

Everything the arggraph scheme allows loads:

* an implicit ADU, one the author left unstated: either an ADU without EDUs, or one whose EDU
  is marked ``<edu implicit="true">``. Such an EDU is written into the ``.txt`` in UPPER CASE,
  so it is looked up case-insensitively anywhere outside the stated EDUs; one that does not
  occur there is *unstated* (:attr:`Microtext.unstated`) and its ADU has no span;
* an ADU made of several EDUs, adjacent (through a joint, or not) or not: a claim stated
  first and restated at the end is one ADU with two ``seg`` edges from distant EDUs. Its
  first stretch of adjacent EDUs is the unit (:meth:`Microtext.adu_span`), the other
  stretches are restatements of it (:meth:`Microtext.restatements`).

:meth:`Microtext.scored_tree` turns such a graph into the tree that is scored, by the rule
that ``docs/corpora.md`` documents.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import attrs

from argmine.errors import CorpusError, InvalidDocumentError
from argmine.training.corpora.xml import parse_xml
from argmine.types import Span

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

_Enum = TypeVar("_Enum", bound=enum.StrEnum)


class AduType(enum.StrEnum):
    """The dialectical role of an ADU: the proponent's or the opponent's voice."""

    PRO = "pro"
    OPP = "opp"


class EdgeType(enum.StrEnum):
    """Edge types of the arggraph DTD; ``und`` and ``add`` point at an edge, not an ADU."""

    SEG = "seg"
    SUP = "sup"
    EXA = "exa"
    ADD = "add"
    REB = "reb"
    UND = "und"


class TextStance(enum.StrEnum):
    """The author's stance on the text's topic question."""

    PRO = "pro"
    CON = "con"
    UNCLEAR = "unclear"


class AduFunction(enum.StrEnum):
    """An ADU's argumentative function as scored by Peldszus & Stede (2015)."""

    CENTRAL_CLAIM = "cc"
    SUPPORT = "sup"
    REBUT = "reb"
    UNDERCUT = "und"


# ``add`` is missing on purpose: a linked premise takes the function of its relation.
_FUNCTIONS = {
    EdgeType.SUP: AduFunction.SUPPORT,
    EdgeType.EXA: AduFunction.SUPPORT,
    EdgeType.REB: AduFunction.REBUT,
    EdgeType.UND: AduFunction.UNDERCUT,
}


@attrs.frozen
class MicrotextEdu:
    """An elementary discourse unit: ``text == Microtext.text[start:end]``, up to case when
    ``implicit`` (the ``.txt`` writes an implicit EDU in UPPER CASE)."""

    id: str
    text: str
    start: int
    end: int
    implicit: bool = False


@attrs.frozen
class UnstatedEdu:
    """An implicit EDU that does not occur in the text: it has no span."""

    id: str
    text: str


@attrs.frozen
class MicrotextAdu:
    """An argumentative discourse unit; ``edus`` is empty for an implicit (unstated) unit."""

    id: str
    type: AduType
    edus: tuple[str, ...]


@attrs.frozen
class MicrotextEdge:
    """A directed edge; the target of ``und`` and ``add`` edges is another edge's id."""

    id: str
    source: str
    target: str
    type: EdgeType


@attrs.frozen
class Microtext:
    """One text with its argumentation graph; construction checks that the graph is sound."""

    id: str
    text: str
    topic_id: str | None
    stance: TextStance | None
    edus: tuple[MicrotextEdu, ...]
    adus: tuple[MicrotextAdu, ...]
    edges: tuple[MicrotextEdge, ...]
    joints: tuple[str, ...] = ()
    unstated: tuple[UnstatedEdu, ...] = ()

    def __attrs_post_init__(self) -> None:
        _check_graph(self)

    def adu(self, adu_id: str) -> MicrotextAdu:
        """The ADU with this id (KeyError if there is none)."""
        for adu in self.adus:
            if adu.id == adu_id:
                return adu
        raise KeyError(adu_id)

    def edge(self, edge_id: str) -> MicrotextEdge:
        """The edge with this id (KeyError if there is none)."""
        for edge in self.edges:
            if edge.id == edge_id:
                return edge
        raise KeyError(edge_id)

    def relations(self) -> tuple[MicrotextEdge, ...]:
        """The argumentative edges in file order; ``und``/``add`` keep their target edge id."""
        return tuple(edge for edge in self.edges if edge.type is not EdgeType.SEG)

    def central_claim(self) -> MicrotextAdu:
        """The one ADU without an outgoing argumentative edge."""
        (claim,) = (adu for adu in self.adus if self._outgoing(adu.id) is None)
        return claim

    def segments_of(self, adu_id: str) -> tuple[MicrotextEdu, ...]:
        """The EDUs that state the ADU, in text order (several for joints and restatements)."""
        wanted = set(self.adu(adu_id).edus)
        return tuple(edu for edu in self.edus if edu.id in wanted)

    def stretches_of(self, adu_id: str) -> tuple[Span, ...]:
        """The spans of the ADU's stretches of adjacent EDUs (no other EDU between them), in
        text order: one for most ADUs, several when the ADU is stated and restated."""
        order = {edu.id: index for index, edu in enumerate(self.edus)}
        stretches: list[list[MicrotextEdu]] = []
        for edu in self.segments_of(adu_id):
            if stretches and order[stretches[-1][-1].id] + 1 == order[edu.id]:
                stretches[-1].append(edu)
            else:
                stretches.append([edu])
        return tuple(Span(stretch[0].start, stretch[-1].end) for stretch in stretches)

    def adu_span(self, adu_id: str) -> Span | None:
        """The ADU's unit: its first stretch of adjacent EDUs; None for an unstated ADU."""
        stretches = self.stretches_of(adu_id)
        return stretches[0] if stretches else None

    def restatements(self, adu_id: str) -> tuple[Span, ...]:
        """The ADU's later stretches of EDUs: where the text states it again."""
        return self.stretches_of(adu_id)[1:]

    def scored_tree(self) -> ScoredTree:
        """The tree over the stated ADUs that evaluation scores (see :class:`ScoredTree`)."""
        return _scored_tree(self)

    def role(self, adu_id: str) -> AduType:
        """The ADU's dialectical role (proponent or opponent)."""
        return self.adu(adu_id).type

    def function(self, adu_id: str) -> AduFunction:
        """``cc`` for the central claim, else the type of the ADU's outgoing edge.

        ``exa`` and ``add`` (a linked premise) count as ``sup``, as in evidencegraph, whose
        simple relation set also merges ``reb`` and ``und`` into ``att``. Of the sources of
        one relation only the first in the text takes its type; the others are ``sup``.
        """
        return self._dependency(adu_id)[0]

    def attachment(self, adu_id: str) -> str | None:
        """The ADU this one attaches to in evidencegraph's dependency tree; None for the claim.

        An undercut attaches to the source ADU of the edge it attacks. When a relation has
        several sources (``add`` edges), the first one in the text carries the relation and
        the others attach to it, exactly as evidencegraph's ``get_edus_as_dependencies``.
        """
        return self._dependency(adu_id)[1]

    def _is_adu(self, node_id: str) -> bool:
        return any(adu.id == node_id for adu in self.adus)

    def _outgoing(self, adu_id: str) -> MicrotextEdge | None:
        for edge in self.edges:
            if edge.type is not EdgeType.SEG and edge.source == adu_id:
                return edge
        return None

    def _head(self, edge: MicrotextEdge) -> str:
        """The source that carries a relation: the first in the text of all its sources."""
        sources = [edge.source] + [
            add.source for add in self.edges if add.type is EdgeType.ADD and add.target == edge.id
        ]
        return min(sources, key=self._text_order)

    def _text_order(self, adu_id: str) -> tuple[int, int]:
        """Sort key by position in the text; implicit ADUs come last, in file order."""
        span = self.adu_span(adu_id)
        position = [adu.id for adu in self.adus].index(adu_id)
        return (len(self.text) if span is None else span.start, position)

    def _dependency(self, adu_id: str) -> tuple[AduFunction, str | None]:
        edge = self._outgoing(self.adu(adu_id).id)
        if edge is None:
            return AduFunction.CENTRAL_CLAIM, None
        if edge.type is EdgeType.ADD:
            edge = self.edge(edge.target)
        head = self._head(edge)
        if head != adu_id:
            return AduFunction.SUPPORT, head
        if self._is_adu(edge.target):
            return _FUNCTIONS[edge.type], edge.target
        return _FUNCTIONS[edge.type], self._head(self.edge(edge.target))


@attrs.frozen
class ScoredTree:
    """The tree that evaluation scores: the stated ADUs in text order, each with its unit
    (:meth:`Microtext.adu_span`), the index of the ADU it attaches to (None for the central
    claim) and its function, as evidencegraph's dependency tree.

    Unstated ADUs are left out (``left_out``) and the tree closes over them: a unit that
    attached to one attaches to where that one attached, with the function of the two edges
    together (support of an attack is an attack, attack of an attack a support), so every
    unit keeps its proponent or opponent role. When the central claim itself is unstated,
    the first unit in the text that argues for it becomes the central claim and the others
    that attached to it attach to that unit, each with its own function; if none argues for
    it, the first that attached to it does. ``restatements`` lists where stated ADUs are
    stated again: (ADU id, span) pairs, not scored.
    """

    adus: tuple[str, ...]
    spans: tuple[Span, ...]
    parents: tuple[int | None, ...]
    functions: tuple[AduFunction, ...]
    left_out: tuple[str, ...]
    restatements: tuple[tuple[str, Span], ...]


_ATTACKS = (AduFunction.REBUT, AduFunction.UNDERCUT)


def _through(function: AduFunction, via: AduFunction) -> AduFunction:
    """The function of an edge followed by an edge with function ``via``."""
    if (function in _ATTACKS) == (via in _ATTACKS):
        return AduFunction.SUPPORT
    return function if function in _ATTACKS else via


def _scored_tree(text: Microtext) -> ScoredTree:
    spans = {adu.id: span for adu in text.adus if (span := text.adu_span(adu.id)) is not None}
    order = sorted(spans, key=lambda adu_id: spans[adu_id].start)
    if not order:
        raise InvalidDocumentError(f"{text.id}: no ADU is stated in the text, nothing to score")
    heads: dict[str, str | None] = {}
    functions: dict[str, AduFunction] = {}
    for adu_id in order:
        head, function = text.attachment(adu_id), text.function(adu_id)
        while head is not None and head not in spans:  # close over an unstated ADU
            if text.attachment(head) is None:
                break
            function = _through(function, text.function(head))
            head = text.attachment(head)
        heads[adu_id], functions[adu_id] = head, function
    claim = text.central_claim().id
    if claim not in spans:
        orphans = [adu_id for adu_id in order if heads[adu_id] == claim]
        arguing = [adu_id for adu_id in orphans if functions[adu_id] not in _ATTACKS]
        promoted = (arguing or orphans)[0]
        for adu_id in orphans:
            heads[adu_id] = promoted
        heads[promoted], functions[promoted] = None, AduFunction.CENTRAL_CLAIM
    return ScoredTree(
        tuple(order),
        tuple(spans[adu_id] for adu_id in order),
        tuple(None if (head := heads[a]) is None else order.index(head) for a in order),
        tuple(functions[adu_id] for adu_id in order),
        tuple(adu.id for adu in text.adus if adu.id not in spans),
        tuple((adu.id, span) for adu in text.adus for span in text.restatements(adu.id)),
    )


# The node kinds each edge type may connect, (source, target). "rel" is an argumentative edge
# other than ``add``: the only kind of edge that evidencegraph lets ``und`` and ``add`` point at.
_ENDPOINTS = {
    EdgeType.SEG: {("edu", "adu"), ("edu", "joint"), ("joint", "adu")},
    EdgeType.SUP: {("adu", "adu")},
    EdgeType.EXA: {("adu", "adu")},
    EdgeType.REB: {("adu", "adu")},
    EdgeType.UND: {("adu", "rel")},
    EdgeType.ADD: {("adu", "rel")},
}
_EDGE_KINDS = {EdgeType.SEG: "seg", EdgeType.ADD: "add"}


def _check_graph(text: Microtext) -> None:
    """Refuse what the helper methods could not make sense of (they rely on all of this)."""
    kinds: dict[str, str] = {}
    named = [
        *((edu.id, "edu") for edu in text.edus),
        *((edu.id, "edu") for edu in text.unstated),
        *((joint, "joint") for joint in text.joints),
        *((adu.id, "adu") for adu in text.adus),
        *((edge.id, _EDGE_KINDS.get(edge.type, "rel")) for edge in text.edges),
    ]
    for node_id, kind in named:
        if node_id in kinds:
            raise InvalidDocumentError(f"id {node_id!r} is used twice")
        kinds[node_id] = kind
    for edu in text.edus:
        found = text.text[edu.start : edu.end] if 0 <= edu.start <= edu.end else None
        if found is None or not _same_edu_text(found, edu.text, implicit=edu.implicit):
            raise InvalidDocumentError(f"EDU {edu.id} is not [{edu.start}, {edu.end}) of the text")
    for adu in text.adus:
        for edu_id in adu.edus:
            if kinds.get(edu_id) != "edu":
                raise InvalidDocumentError(f"ADU {adu.id} names unknown EDU {edu_id!r}")
    for edge in text.edges:
        _check_edge(edge, kinds)
    for adu in text.adus:
        outgoing = [e.id for e in text.edges if e.type is not EdgeType.SEG and e.source == adu.id]
        if len(outgoing) > 1:
            raise InvalidDocumentError(
                f"ADU {adu.id} has {len(outgoing)} outgoing relations ({', '.join(outgoing)})"
            )
    claims = [adu.id for adu in text.adus if text._outgoing(adu.id) is None]
    if len(claims) != 1:
        raise InvalidDocumentError(
            f"expected one central claim (ADU without outgoing relation), found {len(claims)}"
            + (f": {', '.join(claims)}" if claims else "")
        )
    for adu in text.adus:
        seen = {adu.id}
        node = text.attachment(adu.id)
        while node is not None:
            if node in seen:
                raise InvalidDocumentError(f"the relations from ADU {adu.id} run in a cycle")
            seen.add(node)
            node = text.attachment(node)


def _check_edge(edge: MicrotextEdge, kinds: dict[str, str]) -> None:
    for end, node_id in (("source", edge.source), ("target", edge.target)):
        if node_id not in kinds:
            raise InvalidDocumentError(f"edge {edge.id} ({edge.type}): unknown {end} {node_id!r}")
    found = (kinds[edge.source], kinds[edge.target])
    allowed = _ENDPOINTS[edge.type]
    if found not in allowed:
        expected = " or ".join(f"{a} -> {b}" for a, b in sorted(allowed))
        raise InvalidDocumentError(
            f"edge {edge.id} ({edge.type}) goes {found[0]} -> {found[1]}, expected {expected}"
        )


def read_microtext(xml_path: Path | str, text_path: Path | str | None = None) -> Microtext:
    """Read one arggraph XML file.

    EDU offsets point into ``text_path`` if given, else into the ``.txt`` file next to the
    XML if there is one (arg-microtexts), else into the EDU texts joined by single spaces
    (arg-microtexts-multilayer, which ships no texts; for 111 of its 112 texts that is the
    original text). Each EDU is searched for verbatim after the end of the previous one; an
    implicit EDU (``implicit="true"``) is searched for anywhere outside them, in UPPER CASE
    first, then in any case, and goes into :attr:`Microtext.unstated` when it is not there (it
    never is in the joined EDU texts).
    """
    path = Path(xml_path)
    root = parse_xml(path, root_tag="arggraph")
    graph_id = _attribute(root, "id", path)
    stance = root.get("stance")
    edus: list[tuple[str, str, bool]] = []
    joints: list[str] = []
    adus: list[tuple[str, AduType]] = []
    edges: list[MicrotextEdge] = []
    for element in root:
        if element.tag == "edu":
            edu_id = _attribute(element, "id", path)
            if not element.text:
                raise CorpusError(path, f"EDU {edu_id} has no text")
            edus.append((edu_id, element.text, _implicit(element, edu_id, path)))
        elif element.tag == "joint":
            joints.append(_attribute(element, "id", path))
        elif element.tag == "adu":
            adu_id = _attribute(element, "id", path)
            adus.append((adu_id, _enum(AduType, _attribute(element, "type", path), adu_id, path)))
        elif element.tag == "edge":
            edge_id = _attribute(element, "id", path)
            edges.append(
                MicrotextEdge(
                    edge_id,
                    _attribute(element, "src", path),
                    _attribute(element, "trg", path),
                    _enum(EdgeType, _attribute(element, "type", path), edge_id, path),
                )
            )
        else:
            raise CorpusError(path, f"unexpected element <{element.tag}> in <arggraph>")
    text, located, unstated = _locate(edus, path, text_path)
    units = tuple(MicrotextAdu(unit, role, _edus_of(unit, edges, located)) for unit, role in adus)
    try:
        return Microtext(
            graph_id,
            text,
            root.get("topic_id"),
            None if stance is None else _enum(TextStance, stance, graph_id, path),
            located,
            units,
            tuple(edges),
            tuple(joints),
            unstated,
        )
    except InvalidDocumentError as error:
        raise CorpusError(path, str(error)) from error


def iter_microtexts(
    directory: Path | str, text_directory: Path | str | None = None
) -> Iterator[Microtext]:
    """Read every ``*.xml`` of a directory, one at a time, sorted by file name (= text id).

    With ``text_directory``, the text of ``X.xml`` is ``text_directory/X.txt`` (use it to give
    the multilayer graphs the original texts of arg-microtexts).
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise CorpusError(folder, "not a directory")
    paths = sorted(folder.glob("*.xml"))
    if not paths:
        raise CorpusError(folder, "no .xml files in the directory")
    for path in paths:
        text_path = None if text_directory is None else Path(text_directory) / f"{path.stem}.txt"
        yield read_microtext(path, text_path)


def _attribute(element: Element, name: str, path: Path) -> str:
    value = element.get(name)
    if not value:
        where = element.get("id")
        which = f"<{element.tag} id={where!r}>" if where else f"an <{element.tag}> element"
        raise CorpusError(path, f"{which} has no {name!r} attribute")
    return value


def _enum(kind: type[_Enum], value: str, owner: str, path: Path) -> _Enum:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise CorpusError(path, f"{owner}: {value!r} is not one of {allowed}") from None


def _implicit(element: Element, edu_id: str, path: Path) -> bool:
    value = element.get("implicit", "false")
    if value not in ("true", "false"):
        raise CorpusError(path, f"EDU {edu_id}: implicit={value!r} is not 'true' or 'false'")
    return value == "true"


def _same_edu_text(found: str, edu_text: str, *, implicit: bool) -> bool:
    if not implicit:
        return found == edu_text
    return found == edu_text.upper() or _caseless(edu_text).fullmatch(found) is not None


def _caseless(edu_text: str) -> re.Pattern[str]:
    return re.compile(re.escape(edu_text), flags=re.IGNORECASE)


def _locate(
    edus: list[tuple[str, str, bool]], path: Path, text_path: Path | str | None
) -> tuple[str, tuple[MicrotextEdu, ...], tuple[UnstatedEdu, ...]]:
    """The text, its EDUs in text order, and the implicit EDUs that do not occur in it."""
    source = Path(text_path) if text_path is not None else path.with_suffix(".txt")
    if text_path is not None or source.is_file():
        try:
            text = source.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CorpusError(source, f"cannot read the text: {error}") from error
    else:
        text = " ".join(edu_text for _, edu_text, implicit in edus if not implicit)
    located = []
    position = 0
    for edu_id, edu_text, implicit in edus:
        if implicit:
            continue
        start = text.find(edu_text, position)
        if start < 0:  # only possible with a text file: the joined text holds every EDU
            raise CorpusError(
                path,
                f"EDU {edu_id} {edu_text[:40]!r} does not occur in {source.name} after offset "
                f"{position}",
            )
        position = start + len(edu_text)
        located.append(MicrotextEdu(edu_id, edu_text, start, position))
    unstated = []
    for edu_id, edu_text, implicit in edus:
        if not implicit:
            continue
        span = _implicit_span(text, edu_text, located)
        if span is None:
            unstated.append(UnstatedEdu(edu_id, edu_text))
        else:
            located.append(MicrotextEdu(edu_id, edu_text, span.start, span.end, implicit=True))
    located.sort(key=lambda edu: edu.start)
    return text, tuple(located), tuple(unstated)


def _implicit_span(text: str, edu_text: str, stated: list[MicrotextEdu]) -> Span | None:
    """Where an implicit EDU occurs outside the stated EDUs: in UPPER CASE, else in any case."""
    upper = re.compile(re.escape(edu_text.upper()))
    for pattern in (upper, _caseless(edu_text)):
        for match in pattern.finditer(text):
            if not any(edu.start < match.end() and match.start() < edu.end for edu in stated):
                return Span(match.start(), match.end())
    return None


def _edus_of(
    adu_id: str, edges: Iterable[MicrotextEdge], edus: Iterable[MicrotextEdu]
) -> tuple[str, ...]:
    """The EDUs segmented into the ADU, directly or through a joint, in text order."""
    segments = [edge for edge in edges if edge.type is EdgeType.SEG]
    parts = {edge.source for edge in segments if edge.target == adu_id}
    parts |= {edge.source for edge in segments if edge.target in parts}
    return tuple(edu.id for edu in edus if edu.id in parts)


@attrs.frozen
class FoldSplit:
    """One train/test split of evidencegraph's 10 x 5 cross-validation.

    Only the test texts are listed: the train part is every other text of the corpus.
    """

    split: int
    iteration: int
    fold: int
    test: tuple[str, ...]

    def train(self, text_ids: Iterable[str]) -> tuple[str, ...]:
        """The texts of ``text_ids`` not in this split's test part, in the given order."""
        test = set(self.test)
        return tuple(text_id for text_id in text_ids if text_id not in test)


_FOLDS_HEADER = ["split", "iteration", "fold", "text_id"]


def read_folds(tsv_path: Path | str) -> list[FoldSplit]:
    """Read ``folds_10x5.tsv`` (split, iteration, fold, text_id), ordered by split number."""
    path = Path(tsv_path)
    lines = _read_lines(path)
    if lines[0].split("\t") != _FOLDS_HEADER:
        raise CorpusError(path, f"line 1: expected the header {'<TAB>'.join(_FOLDS_HEADER)}")
    places: dict[int, tuple[int, int]] = {}
    tests: dict[int, list[str]] = {}
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != 4 or not all(fields):
            raise CorpusError(path, f"line {number}: expected 4 tab-separated fields: {line!r}")
        if not all(field.isdigit() for field in fields[:3]):
            raise CorpusError(path, f"line {number}: split, iteration and fold must be numbers")
        split, iteration, fold = (int(field) for field in fields[:3])
        if places.setdefault(split, (iteration, fold)) != (iteration, fold):
            raise CorpusError(path, f"line {number}: split {split} changes its iteration or fold")
        test = tests.setdefault(split, [])
        if fields[3] in test:
            raise CorpusError(path, f"line {number}: {fields[3]} is twice in split {split}")
        test.append(fields[3])
    if not tests:
        raise CorpusError(path, "no splits after the header")
    if sorted(tests) != list(range(len(tests))):
        raise CorpusError(path, f"split numbers are not 0..{len(tests) - 1}")
    return [FoldSplit(split, *places[split], tuple(tests[split])) for split in sorted(tests)]


def _read_lines(path: Path) -> list[str]:
    """The lines of a small text file that must be complete: non-empty, ending in a newline."""
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(path, f"cannot read the file: {error}") from error
    if not content:
        raise CorpusError(path, "the file is empty")
    if not content.endswith("\n"):
        raise CorpusError(path, "the last line has no newline (truncated file?)")
    return content[:-1].split("\n")
