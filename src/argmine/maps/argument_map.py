"""The argument map of one analysis: units as nodes, relations as edges, moves on the units.

The map is built once from an :class:`~argmine.types.Analysis` and never changes; its graph is
a frozen :class:`networkx.MultiDiGraph` (two units may be joined by more than one relation),
keyed by unit id, whose edges run from the ``source`` of a relation to its ``target`` and
carry the :class:`~argmine.types.Relation` under ``"relation"``.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs
import networkx as nx

from argmine.maps.acceptability import Label, grounded_labelling
from argmine.types import (
    Analysis,
    AnyMove,
    ArgumentUnit,
    Concession,
    LayoutKind,
    Relation,
    RelationKind,
    UnitRole,
)

CLAIM_ROLES = (UnitRole.CENTRAL_CLAIM, UnitRole.CLAIM)


def _overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    return start < other_end and other_start < end


def _graph_of(argument_map: ArgumentMap) -> Any:
    analysis = argument_map.analysis
    graph = nx.MultiDiGraph()
    for unit in analysis.units:
        moves = tuple(
            move for move in analysis.moves if _overlaps(unit.start, unit.end, move.start, move.end)
        )
        graph.add_node(unit.id, unit=unit, moves=moves)
    for relation in analysis.relations:
        graph.add_edge(relation.source, relation.target, key=relation.id, relation=relation)
    return nx.freeze(graph)


def _unit_at(analysis: Analysis, offset: int) -> str | None:
    return next((u.id for u in analysis.units if u.start <= offset < u.end), None)


def _concessions_of(argument_map: ArgumentMap) -> Mapping[str, str]:
    """``conceded unit → main unit`` of every concession move whose conceded side attacks its
    main side in the analysis ("Although X, Y" with X attacking Y)."""
    analysis = argument_map.analysis
    attacks = {(r.source, r.target) for r in analysis.relations if r.kind.is_attack}
    pairs: dict[str, str] = {}
    for move in analysis.moves:
        if isinstance(move, Concession) and move.conceded is not None and move.main is not None:
            conceded = _unit_at(analysis, move.conceded.start)
            main = _unit_at(analysis, move.main.start)
            if conceded is not None and main is not None and (conceded, main) in attacks:
                pairs.setdefault(conceded, main)
    return MappingProxyType(pairs)


def _speakers_of(argument_map: ArgumentMap) -> Mapping[str, str]:
    """``unit id → speaker`` for the units inside a speaker's turn ("OBAMA: …"): the name of
    the last speaker label before the unit, without its colon."""
    analysis = argument_map.analysis
    labels = sorted(
        (span.start, analysis.text[span.start : span.end].rstrip(":").strip())
        for span in (analysis.layout.spans if analysis.layout is not None else ())
        if span.kind is LayoutKind.SPEAKER
    )
    starts = [start for start, _name in labels]
    speakers: dict[str, str] = {}
    for unit in analysis.units:
        turn = bisect.bisect_right(starts, unit.start)
        if turn:
            speakers[unit.id] = labels[turn - 1][1]
    return MappingProxyType(speakers)


def _labels_of(argument_map: ArgumentMap) -> Mapping[str, Label]:
    relations = argument_map.analysis.relations
    conceded = argument_map.concessions
    attacks = [
        (r.target, r.source) if conceded.get(r.source) == r.target else (r.source, r.target)
        for r in relations
        if r.kind.is_attack
    ]
    restatements = [(r.source, r.target) for r in relations if r.kind is RelationKind.RESTATEMENT]
    units = (unit.id for unit in argument_map.analysis.units)
    return MappingProxyType(grounded_labelling(units, attacks, restatements))


@attrs.frozen
class ArgumentMap:
    """Queries over the units and relations of an analysis, and their acceptability.

    ``labels`` gives every unit its status under Dung's grounded semantics over the attack
    relations (``attack``, ``rebut`` and ``undercut``; an undercut names the unit whose
    inference it denies, as in arg-microtexts, and attacks that unit). Support, example and
    addition relations play no part: Dung's frameworks know only attack. They feed the
    report's feedback (unsupported claims) instead. A ``restatement`` says its target again:
    the two are one argument, so a restated unit and its restatement share one label. A
    concession ("Although X, Y") grants X and holds Y all the same: the author prefers Y, so
    where the analysis has X attack Y, the labelling reverses that attack (Y defeats X), as
    preference-based argumentation does; :attr:`concessions` maps each such X to its Y.

    >>> from argmine.types import Analysis, ArgumentUnit, Relation, RelationKind, Stance
    >>> claim = ArgumentUnit("c", 0, 4, "Yes.", UnitRole.CENTRAL_CLAIM, Stance.PRO, 1.0)
    >>> doubt = ArgumentUnit("d", 5, 8, "No.", UnitRole.PREMISE, Stance.OPP, 1.0)
    >>> rebuttal = Relation("r", "d", "c", RelationKind.REBUT, 1.0)
    >>> analysis = Analysis("Yes. No.", [], [claim, doubt], [rebuttal])
    >>> argument_map = ArgumentMap.from_analysis(analysis)
    >>> argument_map.central_claim.id, argument_map.labels["c"].value
    ('c', 'out')
    """

    analysis: Analysis
    graph: Any = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_graph_of, takes_self=True)
    )
    concessions: Mapping[str, str] = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_concessions_of, takes_self=True)
    )
    labels: Mapping[str, Label] = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_labels_of, takes_self=True)
    )
    #: ``unit id → speaker`` of the units in a transcript's turns (empty for other texts).
    speakers: Mapping[str, str] = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_speakers_of, takes_self=True)
    )

    @classmethod
    def from_analysis(cls, analysis: Analysis) -> ArgumentMap:
        return cls(analysis)

    @property
    def units(self) -> tuple[ArgumentUnit, ...]:
        return self.analysis.units

    @property
    def relations(self) -> tuple[Relation, ...]:
        return self.analysis.relations

    def unit(self, unit_id: str) -> ArgumentUnit:
        """The unit with this id (``KeyError`` if there is none)."""
        unit: ArgumentUnit = self.graph.nodes[unit_id]["unit"]
        return unit

    def moves_of(self, unit_id: str) -> tuple[AnyMove, ...]:
        """The rhetorical moves whose span overlaps the unit's span."""
        moves: tuple[AnyMove, ...] = self.graph.nodes[unit_id]["moves"]
        return moves

    def incoming(self, unit_id: str) -> tuple[Relation, ...]:
        """The relations that point at the unit, in the analysis's order."""
        return tuple(r for r in self.analysis.relations if r.target == self.unit(unit_id).id)

    def outgoing(self, unit_id: str) -> tuple[Relation, ...]:
        """The relations that start at the unit, in the analysis's order."""
        return tuple(r for r in self.analysis.relations if r.source == self.unit(unit_id).id)

    def supporters(self, unit_id: str) -> tuple[ArgumentUnit, ...]:
        """Units that support the unit (``support``, ``example`` or ``addition``)."""
        return self._sources(r for r in self.incoming(unit_id) if r.kind.is_support)

    def attackers(self, unit_id: str) -> tuple[ArgumentUnit, ...]:
        """Units that attack the unit (``attack``, ``rebut`` or ``undercut``)."""
        return self._sources(r for r in self.incoming(unit_id) if r.kind.is_attack)

    def restatements(self, unit_id: str) -> tuple[ArgumentUnit, ...]:
        """Units that say the same as the unit: joined to it by ``restatement`` relations,
        either way and through other restatements, in text order."""
        same = nx.Graph()
        same.add_node(self.unit(unit_id).id)
        same.add_edges_from(
            (r.source, r.target) for r in self.relations if r.kind is RelationKind.RESTATEMENT
        )
        component = nx.node_connected_component(same, unit_id) - {unit_id}
        return tuple(unit for unit in self.units if unit.id in component)

    def _sources(self, relations: Any) -> tuple[ArgumentUnit, ...]:
        ids = dict.fromkeys(relation.source for relation in relations)
        return tuple(self.unit(unit_id) for unit_id in ids)

    @property
    def central_claim(self) -> ArgumentUnit | None:
        """The unit the text argues for.

        The first unit labelled ``central_claim``; failing that, the root of the one tree the
        units form. A forest (a debate transcript, one tree per turn) has none.
        """
        for unit in self.units:
            if unit.role is UnitRole.CENTRAL_CLAIM:
                return unit
        roots = [unit for unit in self.units if not self.outgoing(unit.id)]
        return roots[0] if len(roots) == 1 else None

    def claims(self) -> tuple[ArgumentUnit, ...]:
        """Units in the role of a claim or the central claim."""
        return tuple(unit for unit in self.units if unit.role in CLAIM_ROLES)

    def unsupported_claims(self) -> tuple[ArgumentUnit, ...]:
        """Claims that nothing supports: assertions the text leaves bare (a claim whose
        restatement is supported is supported too)."""
        return tuple(
            unit
            for unit in self.claims()
            if not any(self.supporters(same.id) for same in (unit, *self.restatements(unit.id)))
        )

    def undefended_claims(self) -> tuple[ArgumentUnit, ...]:
        """Claims with at least one attacker that no unit attacks back."""
        return tuple(
            unit
            for unit in self.claims()
            if any(not self.attackers(attacker.id) for attacker in self.attackers(unit.id))
        )

    def depth_of(self, unit_id: str) -> int | None:
        """How many relations separate the unit from the central claim (None: not linked)."""
        central = self.central_claim
        if central is None:
            return None
        distances: dict[str, int] = nx.single_target_shortest_path_length(self.graph, central.id)
        return distances.get(self.unit(unit_id).id)

    @property
    def depth(self) -> int:
        """The longest distance, in relations, from any unit to the central claim (0: flat)."""
        central = self.central_claim
        if central is None:
            return 0
        distances: dict[str, int] = nx.single_target_shortest_path_length(self.graph, central.id)
        return max(distances.values())

    def label(self, unit_id: str) -> Label:
        """The unit's acceptability under grounded semantics."""
        return self.labels[self.unit(unit_id).id]


__all__ = ["CLAIM_ROLES", "ArgumentMap"]
