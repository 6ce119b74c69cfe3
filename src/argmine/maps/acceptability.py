"""Dung's grounded semantics: which arguments survive the attacks made on them.

An abstract argumentation framework is a set of arguments and an attack relation, nothing
else: support has no place in it. The grounded labelling is its most sceptical reading. An
argument is ``in`` when every attacker is ``out``, ``out`` when some attacker is ``in``, and
``undecided`` when neither can be settled (an odd cycle of attacks, or an argument attacking
itself).

A restatement is neither: it says the same thing again, so a unit and its restatements are
one argument, attacked by whatever attacks any of them, and share its label.

>>> labels = grounded_labelling(["a", "b", "c"], [("a", "b"), ("b", "c")])
>>> [labels[name].value for name in "abc"]
['in', 'out', 'in']
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from argmine.errors import InvalidDocumentError


class Label(enum.StrEnum):
    """The status of an argument under a labelling."""

    IN = "in"
    OUT = "out"
    UNDECIDED = "undecided"


def grounded_labelling(
    arguments: Iterable[str],
    attacks: Iterable[tuple[str, str]],
    restatements: Iterable[tuple[str, str]] = (),
) -> dict[str, Label]:
    """Label every argument ``in``, ``out`` or ``undecided`` under grounded semantics.

    ``attacks`` holds ``(attacker, attacked)`` pairs, ``restatements`` ``(restating,
    restated)`` pairs: arguments joined by restatements count as one, which attacks and is
    attacked by what any of them attacks or is attacked by, and all get its label. The result
    is the least fixed point: labels are only ever added when forced, so what stays unlabelled
    is ``undecided``.

    >>> labels = grounded_labelling(["a", "b", "c"], [("a", "b")], [("c", "b")])
    >>> print(*(labels[name].value for name in "abc"))
    in out out
    """
    names = list(dict.fromkeys(arguments))
    same = _classes(names, restatements)
    attackers: dict[str, set[str]] = {name: set() for name in names}
    for attacker, attacked in attacks:
        for end in (attacker, attacked):
            if end not in attackers:
                raise InvalidDocumentError(f"attack names unknown argument {end!r}")
        attackers[same[attacked]].add(same[attacker])
    labels: dict[str, Label] = {}
    changed = True
    while changed:
        changed = False
        for name in dict.fromkeys(same.values()):
            if name in labels:
                continue
            statuses = [labels.get(attacker) for attacker in attackers[name]]
            if all(status is Label.OUT for status in statuses):
                labels[name] = Label.IN
                changed = True
            elif Label.IN in statuses:
                labels[name] = Label.OUT
                changed = True
    return {name: labels.get(same[name], Label.UNDECIDED) for name in names}


def _classes(names: list[str], restatements: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each argument's representative: the first of the arguments restatements join it to."""
    parent = {name: name for name in names}

    def root(name: str) -> str:
        while parent[name] != name:
            name = parent[name]
        return name

    for restating, restated in restatements:
        for end in (restating, restated):
            if end not in parent:
                raise InvalidDocumentError(f"restatement names unknown argument {end!r}")
        first, second = sorted((root(restating), root(restated)), key=names.index)
        parent[second] = first
    return {name: root(name) for name in names}


__all__ = ["Label", "grounded_labelling"]
