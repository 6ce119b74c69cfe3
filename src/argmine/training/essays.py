"""Reader for brat essays in the persuasive-essays format (Stab & Gurevych 2017).

A folder holds ``essayNNN.txt`` with ``essayNNN.ann`` next to it and, optionally,
``train-test-split.csv`` (``"ID";"SET"`` rows such as ``"essay001";"TRAIN"``). The ``.ann``
lines argmine reads::

    T1<TAB>MajorClaim 503 575<TAB>we should attach more importance to cooperation
    A1<TAB>Stance T2 For
    R1<TAB>supports Arg1:T4 Arg2:T3

Components are ``MajorClaim``, ``Claim`` or ``Premise``; a claim's stance (``For`` /
``Against``) says whether it supports or attacks the major claim(s); ``R`` lines are
``supports`` or ``attacks`` from ``Arg1`` to ``Arg2``. Lines starting with ``#`` (annotator
notes) are skipped. Anything else, a span outside the text, a span whose text differs from
the ``.txt`` or a reference to an unknown component raises
:class:`~argmine.errors.CorpusError` naming the file and the line.
"""

from __future__ import annotations

import csv
import enum
import re
from collections.abc import Iterable
from pathlib import Path

import attrs

from argmine.errors import CorpusError

SPLIT_FILE = "train-test-split.csv"


class ComponentKind(enum.StrEnum):
    MAJOR_CLAIM = "MajorClaim"
    CLAIM = "Claim"
    PREMISE = "Premise"


class EssayStance(enum.StrEnum):
    FOR = "For"
    AGAINST = "Against"


class EssayRelationKind(enum.StrEnum):
    SUPPORTS = "supports"
    ATTACKS = "attacks"


class EssaySplit(enum.StrEnum):
    TRAIN = "TRAIN"
    TEST = "TEST"


@attrs.frozen
class EssayComponent:
    """One annotated component: ``text == essay text[start:end]``."""

    id: str
    kind: ComponentKind
    start: int
    end: int
    text: str


@attrs.frozen
class EssayRelation:
    """``source`` supports or attacks ``target`` (both component ids)."""

    id: str
    kind: EssayRelationKind
    source: str
    target: str


def _components(values: Iterable[EssayComponent]) -> tuple[EssayComponent, ...]:
    return tuple(sorted(values, key=lambda component: (component.start, component.end)))


def _relations(values: Iterable[EssayRelation]) -> tuple[EssayRelation, ...]:
    return tuple(values)


@attrs.frozen
class Essay:
    """One essay: its text, components in text order, claim stances and relations."""

    name: str
    text: str
    components: tuple[EssayComponent, ...] = attrs.field(converter=_components)
    stances: dict[str, EssayStance]
    relations: tuple[EssayRelation, ...] = attrs.field(converter=_relations)
    split: EssaySplit | None = None

    def component(self, component_id: str) -> EssayComponent:
        for component in self.components:
            if component.id == component_id:
                return component
        raise KeyError(component_id)


_COMPONENT = re.compile(r"(MajorClaim|Claim|Premise) (\d+) (\d+)")
_STANCE = re.compile(r"Stance (T\d+) (For|Against)")
_RELATION = re.compile(r"(supports|attacks) Arg1:(T\d+) Arg2:(T\d+)")


def _parse_ann(
    path: Path, text: str
) -> tuple[list[EssayComponent], dict[str, EssayStance], list[EssayRelation]]:
    components: dict[str, EssayComponent] = {}
    stances: dict[str, EssayStance] = {}
    relations: list[EssayRelation] = []
    references: list[tuple[int, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        identifier, body = fields[0], fields[1] if len(fields) > 1 else ""
        where = f"line {number}"
        if identifier.startswith("T") and (match := _COMPONENT.fullmatch(body)):
            start, end = int(match[2]), int(match[3])
            quoted = fields[2] if len(fields) > 2 else None
            if not start < end <= len(text):
                raise CorpusError(path, f"{where}: span {start}-{end} is outside the text")
            if quoted is not None and quoted != text[start:end]:
                raise CorpusError(path, f"{where}: {quoted!r} is not the text at {start}-{end}")
            if identifier in components:
                raise CorpusError(path, f"{where}: {identifier} is defined twice")
            kind = ComponentKind(match[1])
            components[identifier] = EssayComponent(identifier, kind, start, end, text[start:end])
        elif identifier.startswith("A") and (match := _STANCE.fullmatch(body)):
            stances[match[1]] = EssayStance(match[2])
            references.append((number, match[1]))
        elif identifier.startswith("R") and (match := _RELATION.fullmatch(body)):
            kind_of = EssayRelationKind(match[1])
            relations.append(EssayRelation(identifier, kind_of, match[2], match[3]))
            references.extend([(number, match[2]), (number, match[3])])
        else:
            raise CorpusError(path, f"{where}: not a component, stance or relation: {line!r}")
    for number, reference in references:
        if reference not in components:
            raise CorpusError(path, f"line {number}: unknown component {reference}")
    return list(components.values()), stances, relations


def read_essay(text_path: Path | str, split: EssaySplit | None = None) -> Essay:
    """Read ``essayNNN.txt`` and the ``essayNNN.ann`` next to it."""
    text_path = Path(text_path)
    ann_path = text_path.with_suffix(".ann")
    if not text_path.is_file():
        raise CorpusError(text_path, "essay text not found")
    if not ann_path.is_file():
        raise CorpusError(ann_path, "annotation file not found")
    text = text_path.read_text(encoding="utf-8")
    components, stances, relations = _parse_ann(ann_path, text)
    return Essay(text_path.stem, text, components, stances, relations, split)


def read_split(path: Path | str) -> dict[str, EssaySplit]:
    """``train-test-split.csv``: essay name → TRAIN or TEST (``;`` or ``,`` separated)."""
    path = Path(path)
    result: dict[str, EssaySplit] = {}
    content = path.read_text(encoding="utf-8")
    rows = list(csv.reader(content.splitlines(), delimiter=";" if ";" in content else ","))
    for number, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        if not cells or cells == [""] or (number == 1 and cells[0].upper() == "ID"):
            continue
        if len(cells) != 2 or cells[1].upper() not in EssaySplit.__members__:
            raise CorpusError(path, f"line {number}: expected ID;TRAIN or ID;TEST, got {row!r}")
        result[cells[0]] = EssaySplit(cells[1].upper())
    return result


def read_essays(directory: Path | str, split: EssaySplit | None = None) -> tuple[Essay, ...]:
    """Every essay of a folder in name order; only one ``split`` of it when one is given.

    Selecting a split needs ``train-test-split.csv`` in the folder.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise CorpusError(directory, "essay folder not found")
    split_path = directory / SPLIT_FILE
    splits = read_split(split_path) if split_path.is_file() else {}
    if split is not None and not splits:
        raise CorpusError(split_path, "a split was asked for but the folder has no split file")
    texts = sorted(directory.glob("*.txt"))
    if not texts:
        raise CorpusError(directory, "no essay .txt files")
    essays = [read_essay(path, splits.get(path.stem)) for path in texts]
    return tuple(essay for essay in essays if split is None or essay.split is split)
