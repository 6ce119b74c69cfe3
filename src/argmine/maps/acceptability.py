"""Dung's grounded semantics: which arguments survive the attacks made on them.

An abstract argumentation framework is a set of arguments and an attack relation, nothing
else: support has no place in it. The grounded labelling is its most sceptical reading. An
argument is ``in`` when every attacker is ``out``, ``out`` when some attacker is ``in``, and
``undecided`` when neither can be settled (an odd cycle of attacks, or an argument attacking
itself).

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
    arguments: Iterable[str], attacks: Iterable[tuple[str, str]]
) -> dict[str, Label]:
    """Label every argument ``in``, ``out`` or ``undecided`` under grounded semantics.

    ``attacks`` holds ``(attacker, attacked)`` pairs. The result is the least fixed point:
    labels are only ever added when forced, so what stays unlabelled is ``undecided``.
    """
    names = list(dict.fromkeys(arguments))
    attackers: dict[str, set[str]] = {name: set() for name in names}
    for attacker, attacked in attacks:
        for end in (attacker, attacked):
            if end not in attackers:
                raise InvalidDocumentError(f"attack names unknown argument {end!r}")
        attackers[attacked].add(attacker)
    labels: dict[str, Label] = {}
    changed = True
    while changed:
        changed = False
        for name in names:
            if name in labels:
                continue
            statuses = [labels.get(attacker) for attacker in attackers[name]]
            if all(status is Label.OUT for status in statuses):
                labels[name] = Label.IN
                changed = True
            elif Label.IN in statuses:
                labels[name] = Label.OUT
                changed = True
    return {name: labels.get(name, Label.UNDECIDED) for name in names}


__all__ = ["Label", "grounded_labelling"]
