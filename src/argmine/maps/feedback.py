"""Feedback for a writer or a debate coach: what the argument leaves open.

Each check is a plain reading of the map, so it can be tested without rendering anything:
claims with no support, announced enumerations whose items were not all found, objections
(opponent units that do not merely back another one, and attacks on the proponent) and
whether a proponent unit answers them, and
whether the central claim survives its attacks under grounded semantics. A debate
transcript has no one central claim; its claims are reported per speaker instead.
"""

from __future__ import annotations

import attrs

from argmine.maps.acceptability import Label
from argmine.maps.argument_map import ArgumentMap
from argmine.types import ArgumentUnit, Enumeration, Stance


@attrs.frozen
class EnumerationCheck:
    """An enumeration and whether its items match what the text announced."""

    enumeration: Enumeration

    @property
    def announced(self) -> int | None:
        announcement = self.enumeration.announced
        return None if announcement is None else announcement.count

    @property
    def found(self) -> int:
        return len(self.enumeration.items)

    @property
    def matches(self) -> bool:
        """No announced count, or one equal to the items found, and no item missing."""
        count_ok = self.announced is None or self.announced == self.found
        return count_ok and self.enumeration.complete


@attrs.frozen
class ObjectionCheck:
    """An objection the text raises and the proponent units that attack it."""

    objection: ArgumentUnit
    answers: tuple[ArgumentUnit, ...]

    @property
    def answered(self) -> bool:
        return bool(self.answers)


@attrs.frozen
class SpeakerCheck:
    """One speaker of a transcript: the claims of their turns and which of them they back."""

    speaker: str
    claims: tuple[ArgumentUnit, ...]
    unsupported_claims: tuple[ArgumentUnit, ...]


@attrs.frozen
class Feedback:
    """Everything the report's feedback panel shows."""

    central_claim: ArgumentUnit | None
    central_label: Label | None
    unsupported_claims: tuple[ArgumentUnit, ...]
    enumerations: tuple[EnumerationCheck, ...]
    objections: tuple[ObjectionCheck, ...]
    #: One check per speaker, in order of their first claim (empty unless two or more speak).
    speakers: tuple[SpeakerCheck, ...] = ()

    @property
    def is_debate(self) -> bool:
        """Several speakers and no one central claim: each turn argues its own."""
        return self.central_claim is None and len(self.speakers) > 1

    @property
    def mismatched_enumerations(self) -> tuple[EnumerationCheck, ...]:
        return tuple(check for check in self.enumerations if not check.matches)

    @property
    def unanswered_objections(self) -> tuple[ObjectionCheck, ...]:
        return tuple(check for check in self.objections if not check.answered)


def _is_objection(argument_map: ArgumentMap, unit: ArgumentUnit) -> bool:
    """An opponent unit, or a unit attacking a proponent unit or the central claim. An
    opponent unit that only gives a reason for another opponent unit ("Critics argue X.
    Although Y, …" with Y backing X) is part of that objection, not one of its own: it is
    answered when the objection it backs is."""
    if unit.stance is Stance.OPP:
        return not any(
            relation.kind.is_support and argument_map.unit(relation.target).stance is Stance.OPP
            for relation in argument_map.outgoing(unit.id)
        )
    central = argument_map.central_claim
    return any(
        relation.kind.is_attack
        and (
            argument_map.unit(relation.target).stance is Stance.PRO
            or (central is not None and relation.target == central.id)
        )
        for relation in argument_map.outgoing(unit.id)
    )


def _answers(argument_map: ArgumentMap, unit: ArgumentUnit) -> tuple[ArgumentUnit, ...]:
    """The proponent units that attack the unit, and the main clause of the concession that
    grants it ("Although X, Y": Y answers X)."""
    answers = [a for a in argument_map.attackers(unit.id) if a.stance is Stance.PRO]
    main = argument_map.concessions.get(unit.id)
    if main is not None and argument_map.unit(main).stance is Stance.PRO:
        answers.append(argument_map.unit(main))
    return tuple(dict.fromkeys(answers))


def objections(argument_map: ArgumentMap) -> tuple[ObjectionCheck, ...]:
    """Every objection, with the proponent (``pro``) units that answer it."""
    return tuple(
        ObjectionCheck(unit, _answers(argument_map, unit))
        for unit in argument_map.units
        if _is_objection(argument_map, unit)
    )


def speaker_checks(argument_map: ArgumentMap) -> tuple[SpeakerCheck, ...]:
    """Each speaker's claims and unsupported claims, when two or more speakers argue."""
    unsupported = {unit.id for unit in argument_map.unsupported_claims()}
    claims: dict[str, list[ArgumentUnit]] = {}
    for unit in argument_map.claims():
        speaker = argument_map.speakers.get(unit.id)
        if speaker is not None:
            claims.setdefault(speaker, []).append(unit)
    if len(claims) < 2:
        return ()
    return tuple(
        SpeakerCheck(
            speaker,
            tuple(units),
            tuple(unit for unit in units if unit.id in unsupported),
        )
        for speaker, units in claims.items()
    )


def feedback(argument_map: ArgumentMap) -> Feedback:
    """Read the feedback panel's findings off an argument map."""
    central = argument_map.central_claim
    return Feedback(
        central_claim=central,
        central_label=None if central is None else argument_map.label(central.id),
        unsupported_claims=argument_map.unsupported_claims(),
        enumerations=tuple(
            EnumerationCheck(move)
            for move in argument_map.analysis.moves
            if isinstance(move, Enumeration)
        ),
        objections=objections(argument_map),
        speakers=speaker_checks(argument_map),
    )


__all__ = [
    "EnumerationCheck",
    "Feedback",
    "ObjectionCheck",
    "SpeakerCheck",
    "feedback",
    "objections",
    "speaker_checks",
]
