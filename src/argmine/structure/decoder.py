"""Global decoding of an argumentation tree from local scores (the "evidence graph").

Peldszus & Stede (2015, EMNLP), "Joint prediction in MST-style discourse parsing for
argumentation mining", score every unit for being the central claim (``cc``), for its role
(``ro``: proponent or opponent), for its function (``fu``: support or attack) and every
ordered pair of units for attachment (``at``), and combine the four into one weight per
possible edge. The best tree is the maximum spanning arborescence of that graph.

For a candidate edge ``i -> j`` labelled ``f`` (``sup`` or ``att``) the four components are

* ``cc``: ``1 - cc[i]``, the probability that ``i`` is *not* the central claim (it has an
  outgoing edge);
* ``ro``: the probability that the roles of ``i`` and ``j`` agree with the label: an attack
  switches the role, a support keeps it, so for ``att`` it is
  ``ro[i] * (1 - ro[j]) + (1 - ro[i]) * ro[j]`` and for ``sup`` the complement;
* ``fu``: ``fu[i]`` for ``att`` and ``1 - fu[i]`` for ``sup``;
* ``at``: ``at[i][j]``.

The edge weight is their weighted mean (:class:`DecoderWeights`; equal weights by default,
as in evidencegraph's ``EvidenceGraph.get_weighted_evidence_graph``), and of the two labels
of a pair the better one is kept. Unlike evidencegraph, whose root edges all weigh 0, the
graph here has a virtual root whose edge to unit ``i`` scores ``i`` as the central claim with
the same four components: ``cc[i]``, ``1 - ro[i]`` (the central claim is the proponent's),
``1 - fu[i]`` (it attacks nothing) and ``cc[i]`` again for attachment to the root. Every root
edge is lowered by a constant larger than any tree's total weight, so the maximum spanning
arborescence (Chu-Liu-Edmonds, :func:`argmine.parsing.mst.maximum_arborescence`, the
same exact decoder the parser uses) has exactly one root edge: one central claim,
and among all such trees the best one.

Roles follow from the tree: the central claim is ``pro``, and each attack switches the role of
its source relative to its target, so decoded roles and functions are always consistent.

>>> tree = decode(cc=[0.9, 0.1], ro=[0.1, 0.2], fu=[0.2, 0.1], at=[[0, 0.1], [0.9, 0]])
>>> tree.central_claim, tree.parents, [f.value for f in tree.functions]
(0, (None, 0), ['cc', 'sup'])
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence

import attrs
import numpy as np

from argmine.errors import InputError
from argmine.parsing.mst import maximum_arborescence
from argmine.types import Stance

__all__ = [
    "DecodedTree",
    "DecoderWeights",
    "EdgeFunction",
    "decode",
    "derive_roles",
    "edge_weights",
]


class EdgeFunction(enum.StrEnum):
    """A unit's function in the decoded tree: central claim, support or attack."""

    CENTRAL_CLAIM = "cc"
    SUPPORT = "sup"
    ATTACK = "att"


@attrs.frozen
class DecoderWeights:
    """Relative weights of the four score components in an edge weight (all >= 0, sum > 0)."""

    cc: float = 1.0
    ro: float = 1.0
    fu: float = 1.0
    at: float = 1.0

    def __attrs_post_init__(self) -> None:
        values = (self.cc, self.ro, self.fu, self.at)
        if any(not math.isfinite(v) or v < 0 for v in values) or sum(values) <= 0:
            raise InputError(f"decoder weights must be finite, >= 0 and not all 0: {values}")

    def mean(self, cc: float, ro: float, fu: float, at: float) -> float:
        total = self.cc + self.ro + self.fu + self.at
        return (self.cc * cc + self.ro * ro + self.fu * fu + self.at * at) / total


@attrs.frozen
class DecodedTree:
    """The decoded argumentation tree over units ``0 .. n-1``.

    ``parents[i]`` is the unit ``i`` attaches to (None for the central claim); ``functions[i]``
    the label of that edge (``cc`` for the central claim); ``roles[i]`` pro or opp, derived from
    the tree; ``score`` the total edge weight of the tree, the root edge counted without its
    offset.
    """

    central_claim: int
    parents: tuple[int | None, ...]
    functions: tuple[EdgeFunction, ...]
    roles: tuple[Stance, ...]
    score: float

    @property
    def edges(self) -> tuple[tuple[int, int, EdgeFunction], ...]:
        """``(source, target, function)`` for every unit but the central claim."""
        return tuple(
            (source, target, self.functions[source])
            for source, target in enumerate(self.parents)
            if target is not None
        )


def _check_scores(
    cc: Sequence[float], ro: Sequence[float], fu: Sequence[float], at: Sequence[Sequence[float]]
) -> int:
    count = len(cc)
    if count == 0:
        raise InputError("cannot decode a tree over no units")
    for name, vector in (("ro", ro), ("fu", fu), ("at", at)):
        if len(vector) != count:
            raise InputError(f"{name} has {len(vector)} rows, expected {count} (as cc)")
    for index, row in enumerate(at):
        if len(row) != count:
            raise InputError(f"at row {index} has {len(row)} columns, expected {count}")
    vectors: list[tuple[str, Sequence[float]]] = [("cc", cc), ("ro", ro), ("fu", fu)]
    vectors += [(f"at[{index}]", row) for index, row in enumerate(at)]
    for name, vector in vectors:
        for position, value in enumerate(vector):
            number = float(value)
            if not 0.0 <= number <= 1.0:  # False for NaN too
                raise InputError(f"score {name}[{position}] = {value!r} is not in [0, 1]")
    return count


def edge_weights(
    cc: Sequence[float],
    ro: Sequence[float],
    fu: Sequence[float],
    at: Sequence[Sequence[float]],
    weights: DecoderWeights | None = None,
) -> tuple[list[float], dict[tuple[int, int], tuple[float, EdgeFunction]]]:
    """Root scores per unit and the best ``(weight, label)`` per ordered pair ``(i, j)``.

    Scores are probabilities: ``cc[i]`` that unit ``i`` is the central claim, ``ro[i]`` that
    it is the opponent's, ``fu[i]`` that it attacks, ``at[i][j]`` that ``i`` attaches to
    ``j``. Raises :class:`~argmine.errors.InputError` for a score outside [0, 1] (or NaN) or
    for inconsistent shapes.
    """
    count = _check_scores(cc, ro, fu, at)
    weighting = weights or DecoderWeights()
    roots = [
        weighting.mean(float(cc[i]), 1.0 - float(ro[i]), 1.0 - float(fu[i]), float(cc[i]))
        for i in range(count)
    ]
    pairs: dict[tuple[int, int], tuple[float, EdgeFunction]] = {}
    for i in range(count):
        not_cc = 1.0 - float(cc[i])
        attack = float(fu[i])
        for j in range(count):
            if i == j:
                continue
            switch = float(ro[i]) * (1.0 - float(ro[j])) + (1.0 - float(ro[i])) * float(ro[j])
            attach = float(at[i][j])
            support_weight = weighting.mean(not_cc, 1.0 - switch, 1.0 - attack, attach)
            attack_weight = weighting.mean(not_cc, switch, attack, attach)
            if attack_weight > support_weight:
                pairs[(i, j)] = (attack_weight, EdgeFunction.ATTACK)
            else:
                pairs[(i, j)] = (support_weight, EdgeFunction.SUPPORT)
    return roots, pairs


def decode(
    cc: Sequence[float],
    ro: Sequence[float],
    fu: Sequence[float],
    at: Sequence[Sequence[float]],
    weights: DecoderWeights | None = None,
) -> DecodedTree:
    """The maximum spanning tree with exactly one central claim (see the module docstring).

    ``cc``, ``ro`` and ``fu`` hold one probability per unit (central claim, opponent role,
    attack), ``at`` an ``n x n`` matrix of attachment probabilities (the diagonal is ignored).
    Raises :class:`~argmine.errors.InputError` for NaN, values outside [0, 1], an empty input
    or mismatched shapes.
    """
    roots, pairs = edge_weights(cc, ro, fu, at, weights)
    count = len(roots)
    # Any tree holds one root edge and count - 1 other edges, each weighing at most 1, so an
    # offset above count makes a second root edge always worse than any edge between units.
    offset = float(count + 1)
    # Node 0 is the virtual root, unit i is node i + 1; scores[dependent][head].
    scores = np.full((count + 1, count + 1), -np.inf)
    for unit, score in enumerate(roots):
        scores[unit + 1, 0] = score - offset
    for (source, target), (weight, _label) in pairs.items():
        scores[source + 1, target + 1] = weight
    heads = maximum_arborescence(scores)
    parents: list[int | None] = [
        None if heads[unit + 1] == 0 else heads[unit + 1] - 1 for unit in range(count)
    ]
    claims = [unit for unit in range(count) if parents[unit] is None]
    if len(claims) != 1:  # pragma: no cover - guaranteed by the offset
        raise AssertionError(f"decoder produced {len(claims)} central claims")
    claim = claims[0]
    functions = [
        EdgeFunction.CENTRAL_CLAIM if parent is None else pairs[(unit, parent)][1]
        for unit, parent in enumerate(parents)
    ]
    score = roots[claim] + sum(
        pairs[(unit, parent)][0] for unit, parent in enumerate(parents) if parent is not None
    )
    return DecodedTree(
        central_claim=claim,
        parents=tuple(parents),
        functions=tuple(functions),
        roles=derive_roles(parents, functions),
        score=score,
    )


def derive_roles(
    parents: Sequence[int | None], functions: Sequence[EdgeFunction]
) -> tuple[Stance, ...]:
    """Roles from a tree: the central claim is pro, an attack switches its source's role."""
    roles: dict[int, Stance] = {}

    def role(unit: int, trail: frozenset[int]) -> Stance:
        if unit in roles:
            return roles[unit]
        if unit in trail:
            raise InputError(f"the parents of unit {unit} run in a cycle")
        parent = parents[unit]
        if parent is None:
            result = Stance.PRO
        else:
            above = role(parent, trail | {unit})
            flip = functions[unit] is EdgeFunction.ATTACK
            result = (Stance.OPP if above is Stance.PRO else Stance.PRO) if flip else above
        roles[unit] = result
        return result

    return tuple(role(unit, frozenset()) for unit in range(len(parents)))
