"""A fast drop-in for Stanza's single-root Chu-Liu-Edmonds decoder.

Stanza decodes every sentence with ``chuliu_edmonds_one_root`` (in
``stanza.models.common.chuliu_edmonds``). It lowers the root arcs so far that the greedy heads
never choose the root, so it contracts about one cycle per word, and every contraction runs a
pure-Python Tarjan pass and builds a new padded matrix. With argmine's compact model that was
more than half of the dependency parser's time.

:func:`chuliu_edmonds_one_root` here runs the same algorithm step for step: the same reweighting
of the root arcs, the same cycle contracted first, the same contracted scores computed with the
same floating-point operations, and ``numpy.argmax``'s first-index tie-breaking everywhere. It
therefore returns Stanza's tree for every score matrix, ties included (NaN scores are not
supported, by either). What changes is the bookkeeping: nodes keep their ids (a contracted cycle
becomes a new node with the next id, so id order is the row order of Stanza's contracted
matrices), scores live in Python lists updated in place, the cycle is found by one walk over the
greedy heads, and each row's new head comes from a C-level ``list.index``. Sentences are short
(EWT dev: 13.6 nodes on average), where per-call numpy overhead would dominate: a vectorised
numpy version of the same steps measured about half as fast.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from argmine.errors import InputError

DECODER_VARIABLE = "ARGMINE_STANZA_MST"
_FORBIDDEN = float("-inf")


def install_decoder() -> None:
    """Make Stanza's graph dependency parser decode with :func:`chuliu_edmonds_one_root`.

    Same trees, decoded 7-13 times faster (EWT dev, ``benchmarks/mst.py``); decoding does not
    depend on the model, so this serves the bundled and the official models alike. Stanza's
    parser looks the decoder up in its own modules at call time, so this replaces it there (for
    the head-constraint repair too). Idempotent, and it applies to every Stanza pipeline in the
    process. Set ``ARGMINE_STANZA_MST=stanza`` to keep Stanza's own decoder.
    """
    from stanza.models.common import chuliu_edmonds
    from stanza.models.depparse import head_constraints, model

    choice = os.environ.get(DECODER_VARIABLE, "argmine")
    if choice not in ("argmine", "stanza"):
        raise InputError(f"{DECODER_VARIABLE} must be argmine or stanza, not {choice!r}")
    decoder = (
        chuliu_edmonds_one_root if choice == "argmine" else chuliu_edmonds.chuliu_edmonds_one_root
    )
    model.chuliu_edmonds_one_root = decoder
    head_constraints.chuliu_edmonds_one_root = decoder


@dataclass(slots=True)
class _Contraction:
    """A cycle merged into the node ``metanode``, with what it takes to expand it again."""

    cycle: list[int]
    metanode: int
    cycle_heads: list[int]
    cycle_arc_scores: list[float]
    cycle_score: float
    #: for every other node, the cycle member it attaches to when its head is the metanode
    exit_member: dict[int, int]


def chuliu_edmonds_one_root(scores: npt.ArrayLike) -> npt.NDArray[np.int64]:
    """The maximum spanning tree with exactly one arc from the root, identical to Stanza's.

    ``scores[d][h]`` scores ``h`` as the head of ``d``; row and column 0 are the root. Returns
    the head of every position (``tree[0]`` is 0). As in Stanza, the root arcs are lowered by
    ``n`` times the lowest finite score, so a second root arc never pays off (for scores <= 0,
    such as log-probabilities). The input is not modified.
    """
    weights = np.array(scores, dtype=np.float64)
    lowest = weights[np.isfinite(weights)].min()
    weights[:, 0] = weights[:, 0] + lowest * weights.shape[0]
    heads = maximum_arborescence(weights)
    if heads[1:].count(0) != 1:
        raise ValueError("the root reweighting did not leave exactly one root arc")
    return np.array(heads, dtype=np.int64)


def maximum_arborescence(scores: npt.NDArray[np.float64]) -> list[int]:
    """Chu-Liu-Edmonds rooted at node 0, contracting one cycle at a time exactly as Stanza does.

    Overwrites the diagonal and row 0 of ``scores``, as Stanza's ``chuliu_edmonds`` does.
    Invariant of the loop: every live row scores the dead (contracted) nodes -inf, so the
    first column holding a row's best score is ``numpy.argmax`` over Stanza's matrix.
    """
    np.fill_diagonal(scores, _FORBIDDEN)
    scores[0] = _FORBIDDEN
    scores[0, 0] = 0.0
    rows: list[list[float]] = scores.tolist()
    heads: list[int] = scores.argmax(axis=1).tolist()
    live = list(range(len(rows)))
    contractions: list[_Contraction] = []
    cycle = _last_cycle(heads, live)
    while cycle is not None:
        contractions.append(_contract(rows, heads, live, cycle))
        cycle = _last_cycle(heads, live)
    for contraction in reversed(contractions):
        _expand(rows, heads, contraction)
    return heads[: len(scores)]


def _last_cycle(heads: list[int], live: list[int]) -> list[int] | None:
    """The cycle Stanza contracts next: the one whose smallest node is largest, sorted.

    Stanza's Tarjan pass completes each cycle in the search started from its smallest node,
    in increasing order, and Stanza contracts the last cycle found.
    """
    walk_of = {0: -1}
    chosen: list[int] | None = None
    for start in live:
        if start in walk_of:
            continue
        node = start
        while node not in walk_of:
            walk_of[node] = start
            node = heads[node]
        if walk_of[node] != start:
            continue
        members = [node]
        member = heads[node]
        while member != node:
            members.append(member)
            member = heads[member]
        if chosen is None or min(members) > chosen[0]:
            chosen = sorted(members)
    return chosen


def _contract(
    rows: list[list[float]], heads: list[int], live: list[int], cycle: list[int]
) -> _Contraction:
    """Stanza's ``process_cycle``, in place: the cycle becomes the node ``len(heads)``.

    Entering the cycle at a member scores the cycle's arcs with that member's arc replaced;
    leaving it scores the best member's arc. Rows whose head was in the cycle get a new head:
    the first column holding their unchanged best score (the metanode at the latest).
    """
    metanode = len(heads)
    members = set(cycle)
    cycle_heads = [heads[node] for node in cycle]
    arc_scores = [rows[node][head] for node, head in zip(cycle, cycle_heads, strict=True)]
    # numpy's sum, as in Stanza; for two terms any order gives the same float.
    cycle_score = (
        arc_scores[0] + arc_scores[1] if len(arc_scores) == 2 else float(np.sum(arc_scores))
    )
    live[:] = [node for node in live if node not in members]

    metanode_row = [_FORBIDDEN] * (metanode + 1)
    cycle_rows = [(rows[node], arc) for node, arc in zip(cycle, arc_scores, strict=True)]
    for head in live:
        best = _FORBIDDEN
        for row, arc in cycle_rows:
            entry = row[head] - arc + cycle_score
            if entry > best:
                best = entry
        metanode_row[head] = best

    exit_member: dict[int, int] = {}
    for node in live:
        row = rows[node]
        member = cycle[0]
        best = row[member]
        for candidate in cycle:
            if row[candidate] > best:
                member, best = candidate, row[candidate]
            row[candidate] = _FORBIDDEN
        row.append(best)
        exit_member[node] = member
        if heads[node] in members:
            heads[node] = row.index(best)

    rows.append(metanode_row)
    heads.append(metanode_row.index(max(metanode_row)))
    live.append(metanode)
    return _Contraction(cycle, metanode, cycle_heads, arc_scores, cycle_score, exit_member)


def _expand(rows: list[list[float]], heads: list[int], contraction: _Contraction) -> None:
    """Stanza's ``expand_contracted_tree``, in place: open the cycle where its head enters."""
    metanode = contraction.metanode
    head = heads[metanode]
    for node, member in contraction.exit_member.items():
        if heads[node] == metanode:
            heads[node] = member
    for node, cycle_head in zip(contraction.cycle, contraction.cycle_heads, strict=True):
        heads[node] = cycle_head
    entries = [
        rows[node][head] - arc + contraction.cycle_score
        for node, arc in zip(contraction.cycle, contraction.cycle_arc_scores, strict=True)
    ]
    heads[contraction.cycle[entries.index(max(entries))]] = head
