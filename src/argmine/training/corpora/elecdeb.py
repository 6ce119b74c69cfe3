"""Reader for ElecDeb60to20 (US presidential debates 1960–2020, Claim/Premise with
Support/Attack/Equivalent relations).

The corpus folder holds::

    components/<n>_<year>.txt    a whole transcript, one speaker-prefixed turn a line
    components/<n>_<year>.ann    brat: T<i>\\tClaim|Premise START END[;START END…]\\ttext
    relations/<date>_<section>.ann   brat T lines plus R<i>\\tSupport|Attack|Equivalent
                                     Arg1:T<a> Arg2:T<b> (Arg1 supports or attacks Arg2)

The components files are the gold components. The relation files are named by debate date
(``2012_03Oct_1.ann``), not by debate number, and their T offsets are relative to per-section
texts that upstream does not publish, so each relation file is anchored to a transcript by
the text of its T lines:

1. the file's debate is the transcript of the same year in which most of its T texts occur
   verbatim; when fewer than half of them occur in any transcript (a debate whose transcript
   is missing or truncated), the file is left out and counted;
2. the section's offset is the most common ``occurrence − local start`` over its T texts;
3. each T is placed at the occurrence of its text nearest to ``local start + offset`` and
   mapped to the component with the same span, failing that to the one it overlaps by at least
   half of each (the largest overlap);
4. a relation whose two ends both map to components is kept (once per debate, self-loops
   dropped); the others are counted as not anchored.

A malformed line, an unknown label or a reference to an undefined T raises
:class:`~argmine.errors.CorpusError` naming the file and the line.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

import attrs

from argmine.errors import CorpusError

COMPONENTS = "components"
RELATIONS = "relations"


class ElecdebLabel(enum.StrEnum):
    CLAIM = "Claim"
    PREMISE = "Premise"


class ElecdebRelationKind(enum.StrEnum):
    SUPPORT = "Support"
    ATTACK = "Attack"
    EQUIVALENT = "Equivalent"


class ElecdebSplit(enum.StrEnum):
    """The fixed split by debate year (see :func:`split_of`)."""

    TRAIN = "train"
    DEV = "dev"
    TEST = "test"
    LATER = "later"


def split_of(year: int) -> ElecdebSplit:
    """Train 1960–2004, dev 2008, test 2012; 2016–2020 are set aside as ``later``.

    The split runs forward in time so that no later campaign informs an earlier one. 2016 and
    2020 are not in train or test: one 2016 transcript is missing and the other two are
    truncated against their annotation, and most 2020 relation ends only overlap a component.
    """
    if year <= 2004:
        return ElecdebSplit.TRAIN
    if year == 2008:
        return ElecdebSplit.DEV
    if year == 2012:
        return ElecdebSplit.TEST
    return ElecdebSplit.LATER


@attrs.frozen
class ElecdebComponent:
    """A gold component; ``start``/``end`` bound all its fragments (a few are discontinuous)."""

    id: str
    label: ElecdebLabel
    start: int
    end: int
    fragments: tuple[tuple[int, int], ...]


@attrs.frozen
class ElecdebRelation:
    """``source`` supports, attacks or is equivalent to ``target`` (component ids)."""

    kind: ElecdebRelationKind
    source: str
    target: str


@attrs.frozen
class AnchoringCounts:
    """What anchoring the relation files to the transcripts left out."""

    files: int = 0
    files_not_anchored: int = 0
    relations: int = 0
    relations_not_anchored: int = 0


@attrs.frozen
class ElecdebDebate:
    """One debate: its transcript, gold components in text order and anchored relations."""

    name: str
    year: int
    text: str
    components: tuple[ElecdebComponent, ...]
    relations: tuple[ElecdebRelation, ...]
    anchoring: AnchoringCounts

    @property
    def split(self) -> ElecdebSplit:
        return split_of(self.year)


@attrs.frozen
class ElecdebMention:
    """A T line of a relation file, as far as anchoring needs it.

    ``search`` is the text looked up in the transcript: the whole mention, or the first
    fragment of a discontinuous one (brat joins fragments with spaces, which the transcript
    does not have); ``length`` is the span it covers from there. ``local_start`` is its start in
    the unpublished section text (upstream writes -1 where it did not know it).
    """

    id: str
    local_start: int
    search: str
    length: int


@attrs.frozen
class ElecdebRelationFile:
    path: Path
    mentions: tuple[ElecdebMention, ...]
    relations: tuple[ElecdebRelation, ...]


_DEBATE = re.compile(r"(\d+)_(\d{4})")
_SPAN = r"(-?\d+) (-?\d+)((?:; ?-?\d+ -?\d+)*)"
_COMPONENT = re.compile(rf"(Claim|Premise) {_SPAN}")
_MENTION = re.compile(rf"(Claim|Premise|Question) {_SPAN}")
_RELATION = re.compile(r"(Support|Attack|Equivalent) Arg1:(T\d+) Arg2:(T\d+)")


def _fragments(match: re.Match[str]) -> tuple[tuple[int, int], ...]:
    pairs = [(int(match[2]), int(match[3]))]
    pairs += [(int(a), int(b)) for a, b in re.findall(r"; ?(-?\d+) (-?\d+)", match[4])]
    return tuple(pairs)


def _lines(path: Path) -> Iterator[tuple[str, list[str]]]:
    """``(where, tab-separated fields)`` of each non-empty line."""
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(path, f"cannot read: {error}") from None
    for number, line in enumerate(content.splitlines(), start=1):
        if line.strip():
            yield f"line {number}", line.split("\t")


def read_components(path: Path | str, text: str) -> tuple[ElecdebComponent, ...]:
    """Read ``components/<debate>.ann`` and check every fragment against the transcript."""
    path = Path(path)
    components: dict[str, ElecdebComponent] = {}
    for where, fields in _lines(path):
        match = _COMPONENT.fullmatch(fields[1]) if len(fields) == 3 else None
        if match is None or not fields[0].startswith("T"):
            raise CorpusError(path, f"{where}: not a Claim or Premise T line: {fields!r}")
        fragments = _fragments(match)
        if any(not 0 <= start < end <= len(text) for start, end in fragments):
            raise CorpusError(path, f"{where}: span {fields[1]!r} is outside the transcript")
        if " ".join(text[start:end] for start, end in fragments) != fields[2]:
            raise CorpusError(path, f"{where}: {fields[2]!r} is not the transcript's text there")
        if fields[0] in components:
            raise CorpusError(path, f"{where}: {fields[0]} is defined twice")
        components[fields[0]] = ElecdebComponent(
            fields[0], ElecdebLabel(match[1]), fragments[0][0], fragments[-1][1], fragments
        )
    return tuple(sorted(components.values(), key=lambda c: (c.start, c.end, c.id)))


def _mention(identifier: str, fragments: tuple[tuple[int, int], ...], text: str) -> ElecdebMention:
    first_start, first_end = fragments[0]
    if len(fragments) > 1 and first_start >= 0 and fragments[-1][1] > first_start:
        length = fragments[-1][1] - first_start
        return ElecdebMention(identifier, first_start, text[: first_end - first_start], length)
    return ElecdebMention(identifier, first_start, text, len(text))


def read_relation_file(path: Path | str) -> ElecdebRelationFile:
    """Read one ``relations/*.ann``: its T mentions and its relations between them."""
    path = Path(path)
    mentions: dict[str, ElecdebMention] = {}
    relations: list[tuple[str, ElecdebRelation]] = []
    for where, fields in _lines(path):
        if fields[0].startswith("T") and len(fields) == 3:
            match = _MENTION.fullmatch(fields[1])
            if match is None:
                raise CorpusError(path, f"{where}: not a T line: {fields[1]!r}")
            if fields[0] in mentions:
                raise CorpusError(path, f"{where}: {fields[0]} is defined twice")
            mentions[fields[0]] = _mention(fields[0], _fragments(match), fields[2])
        elif fields[0].startswith("R") and len(fields) == 2:
            match = _RELATION.fullmatch(fields[1])
            if match is None:
                raise CorpusError(path, f"{where}: not a relation: {fields[1]!r}")
            kind = ElecdebRelationKind(match[1])
            relations.append((where, ElecdebRelation(kind, match[2], match[3])))
        else:
            raise CorpusError(path, f"{where}: not a T or R line: {fields!r}")
    for where, relation in relations:
        for end in (relation.source, relation.target):
            if end not in mentions:
                raise CorpusError(path, f"{where}: unknown T {end}")
    return ElecdebRelationFile(path, tuple(mentions.values()), tuple(r for _w, r in relations))


def _occurrences(text: str, part: str) -> list[int]:
    found, at = [], text.find(part)
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def _overlap(first: tuple[int, int], second: tuple[int, int]) -> int:
    return min(first[1], second[1]) - max(first[0], second[0])


def _component_at(
    components: tuple[ElecdebComponent, ...], span: tuple[int, int]
) -> ElecdebComponent | None:
    """The component with this span, or the one overlapping it by at least half of each."""
    best: tuple[int, ElecdebComponent] | None = None
    for component in components:
        bounds = (component.start, component.end)
        if bounds == span:
            return component
        overlap = _overlap(bounds, span)
        half = 2 * overlap >= max(bounds[1] - bounds[0], span[1] - span[0])
        if overlap > 0 and half and (best is None or overlap > best[0]):
            best = (overlap, component)
    return best[1] if best is not None else None


def anchor_relations(
    relation_file: ElecdebRelationFile, text: str, components: tuple[ElecdebComponent, ...]
) -> tuple[ElecdebRelation, ...]:
    """The file's relations between the debate's component ids (steps 2–4 of the module
    docstring); relations with an end that cannot be anchored are left out."""
    placed = {m.id: _occurrences(text, m.search) for m in relation_file.mentions}
    shifts = Counter(
        at - m.local_start
        for m in relation_file.mentions
        if m.local_start >= 0
        for at in placed[m.id]
    )
    shift = shifts.most_common(1)[0][0] if shifts else 0
    mapped: dict[str, str] = {}
    for mention in relation_file.mentions:
        if not placed[mention.id]:
            continue
        start = min(placed[mention.id], key=lambda at: abs(at - mention.local_start - shift))
        component = _component_at(components, (start, start + mention.length))
        if component is not None:
            mapped[mention.id] = component.id
    anchored = (
        ElecdebRelation(r.kind, mapped[r.source], mapped[r.target])
        for r in relation_file.relations
        if r.source in mapped and r.target in mapped
    )
    return tuple(r for r in anchored if r.source != r.target)


def _found(relation_file: ElecdebRelationFile, text: str) -> int:
    return sum(1 for mention in relation_file.mentions if mention.search in text)


def _debates(folder: Path) -> dict[str, int]:
    """``debate name → year`` of every transcript in ``components/``."""
    names: dict[str, int] = {}
    for path in sorted((folder / COMPONENTS).glob("*.txt")):
        match = _DEBATE.fullmatch(path.stem)
        if match is None:
            raise CorpusError(path, "a transcript is named <number>_<year>.txt")
        names[path.stem] = int(match[2])
    if not names:
        raise CorpusError(folder / COMPONENTS, "no transcripts")
    return names


def debate_names(folder: Path | str, split: ElecdebSplit | None = None) -> list[str]:
    """The debates of the corpus (or of one split), by number."""
    names = _debates(Path(folder))
    chosen = [n for n, year in names.items() if split is None or split_of(year) is split]
    return sorted(chosen, key=lambda name: int(name.split("_")[0]))


Item = TypeVar("Item")


def each_debate(
    folder: Path | str,
    split: ElecdebSplit,
    make: Callable[[ElecdebDebate], Item],
    *,
    limit: int | None = None,
    progress: Callable[[str], None] | None = None,
    describe: Callable[[Item], str] = str,
) -> Iterator[Item]:
    """``make`` of each of the first ``limit`` debates of a split (by number), one at a time,
    each reported to ``progress`` as ``"<debate>: <describe(item)>"``: how the transcript
    models' training reads its debates."""
    for debate in read_debates(folder, debate_names(folder, split)[:limit]):
        item = make(debate)
        if progress is not None:
            progress(f"{debate.name}: {describe(item)}")
        yield item


def read_debates(folder: Path | str, names: Iterable[str] | None = None) -> list[ElecdebDebate]:
    """Read the chosen debates (default: all) with their anchored relations."""
    folder = Path(folder)
    years = _debates(folder)
    chosen = list(names) if names is not None else debate_names(folder)
    for name in chosen:
        if name not in years:
            raise CorpusError(folder / COMPONENTS / f"{name}.txt", "no such debate")
    texts, components = {}, {}
    for name in years:
        if name in chosen or any(years[c] == years[name] for c in chosen):
            path = folder / COMPONENTS / f"{name}.txt"
            texts[name] = path.read_text(encoding="utf-8")
    for name in chosen:
        components[name] = read_components(folder / COMPONENTS / f"{name}.ann", texts[name])
    relations: dict[str, set[ElecdebRelation]] = {name: set() for name in chosen}
    counts = {name: Counter[str]() for name in chosen}
    wanted_years = {years[name] for name in chosen}
    for path in sorted((folder / RELATIONS).glob("*.ann")):
        year = int(path.name[:4]) if path.name[:4].isdigit() else None
        if year not in wanted_years:
            continue
        relation_file = read_relation_file(path)
        if not relation_file.relations:
            continue
        same_year = [name for name in texts if years[name] == year]
        best = max(same_year, key=lambda name: _found(relation_file, texts[name]))
        if best not in chosen:
            continue
        count = counts[best]
        count["files"] += 1
        count["relations"] += len(relation_file.relations)
        if 2 * _found(relation_file, texts[best]) < len(relation_file.mentions):
            count["files_not_anchored"] += 1
            count["relations_not_anchored"] += len(relation_file.relations)
            continue
        anchored = anchor_relations(relation_file, texts[best], components[best])
        count["relations_not_anchored"] += len(relation_file.relations) - len(anchored)
        relations[best].update(anchored)
    return [
        ElecdebDebate(
            name,
            years[name],
            texts[name],
            components[name],
            tuple(sorted(relations[name], key=lambda r: (r.source, r.target, r.kind))),
            AnchoringCounts(**counts[name]),
        )
        for name in chosen
    ]


__all__ = [
    "AnchoringCounts",
    "ElecdebComponent",
    "ElecdebDebate",
    "ElecdebLabel",
    "ElecdebMention",
    "ElecdebRelation",
    "ElecdebRelationFile",
    "ElecdebRelationKind",
    "ElecdebSplit",
    "anchor_relations",
    "debate_names",
    "read_components",
    "read_debates",
    "read_relation_file",
    "split_of",
]
