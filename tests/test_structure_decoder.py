"""The evidence-graph decoder: always one tree with one central claim, optimal, typed errors."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmine.errors import InputError
from argmine.structure.decoder import (
    DecodedTree,
    DecoderWeights,
    EdgeFunction,
    decode,
    derive_roles,
    edge_weights,
)
from argmine.types import Stance

# Scores in [0, 1], with the edges (0, 1, 0.5) drawn often so that ties are common.
probabilities = st.one_of(
    st.sampled_from([0.0, 0.5, 1.0]),
    st.floats(min_value=0.0, max_value=1.0, allow_nan=False),
)


@st.composite
def score_sets(draw: st.DrawFn, max_units: int = 12) -> dict[str, Any]:
    count = draw(st.integers(min_value=1, max_value=max_units))
    vector = st.lists(probabilities, min_size=count, max_size=count)
    return {
        "cc": draw(vector),
        "ro": draw(vector),
        "fu": draw(vector),
        "at": draw(st.lists(vector, min_size=count, max_size=count)),
    }


weightings = st.builds(
    DecoderWeights,
    cc=st.floats(0.0, 4.0),
    ro=st.floats(0.0, 4.0),
    fu=st.floats(0.0, 4.0),
    at=st.floats(0.1, 4.0),
)


def check_tree(tree: DecodedTree, count: int) -> None:
    assert len(tree.parents) == len(tree.functions) == len(tree.roles) == count
    roots = [unit for unit, parent in enumerate(tree.parents) if parent is None]
    assert roots == [tree.central_claim]
    for unit, parent in enumerate(tree.parents):
        assert parent != unit
        assert parent is None or 0 <= parent < count
        # following the parents from any unit reaches the central claim without a cycle
        seen = {unit}
        node = parent
        while node is not None:
            assert node not in seen
            seen.add(node)
            node = tree.parents[node]
        expected = EdgeFunction.CENTRAL_CLAIM if parent is None else tree.functions[unit]
        assert tree.functions[unit] is expected
        assert (tree.functions[unit] is EdgeFunction.CENTRAL_CLAIM) == (parent is None)
    assert len(tree.edges) == count - 1
    assert tree.roles[tree.central_claim] is Stance.PRO
    for source, target, function in tree.edges:
        switched = tree.roles[source] is not tree.roles[target]
        assert switched == (function is EdgeFunction.ATTACK)


@given(score_sets())
def test_any_scores_decode_to_one_tree_with_one_central_claim(scores: dict[str, Any]) -> None:
    check_tree(decode(**scores), len(scores["cc"]))


@given(score_sets(), weightings)
def test_any_weighting_decodes_to_a_tree(scores: dict[str, Any], weights: DecoderWeights) -> None:
    check_tree(decode(**scores, weights=weights), len(scores["cc"]))


@given(st.integers(1, 12), st.sampled_from([0.0, 0.5, 1.0]))
def test_constant_scores_still_give_a_tree(count: int, value: float) -> None:
    vector = [value] * count
    check_tree(decode(vector, vector, vector, [vector] * count), count)


def brute_force_best(scores: dict[str, Any]) -> float:
    """The best total weight over every tree with one central claim, by enumeration."""
    roots, pairs = edge_weights(**scores)
    count = len(roots)
    best = -math.inf
    for claim in range(count):
        others = [unit for unit in range(count) if unit != claim]
        for heads in itertools.product(range(count), repeat=len(others)):
            parents: dict[int, int | None] = {claim: None}
            parents.update(zip(others, heads, strict=True))
            if any(parents[unit] == unit for unit in others):
                continue
            if not all(_reaches(unit, claim, parents) for unit in others):
                continue
            total = roots[claim] + sum(pairs[(u, h)][0] for u, h in zip(others, heads, strict=True))
            best = max(best, total)
    return best


def _reaches(unit: int, claim: int, parents: dict[int, int | None]) -> bool:
    seen = set()
    node: int | None = unit
    while node is not None and node != claim:
        if node in seen:
            return False
        seen.add(node)
        node = parents[node]
    return node == claim


@given(score_sets(max_units=5))
def test_the_decoded_tree_is_the_best_tree(scores: dict[str, Any]) -> None:
    tree = decode(**scores)
    assert tree.score == pytest.approx(brute_force_best(scores), abs=1e-9)


def test_clear_scores_give_the_expected_tree() -> None:
    # unit 1 is the claim; 0 supports it, 2 attacks it, 3 attacks 2 (a counter-attack)
    cc = [0.1, 0.9, 0.1, 0.1]
    ro = [0.1, 0.1, 0.9, 0.1]
    fu = [0.1, 0.1, 0.9, 0.9]
    at = [[0.0] * 4 for _ in range(4)]
    at[0][1] = at[2][1] = at[3][2] = 0.9
    tree = decode(cc, ro, fu, at)
    assert tree.central_claim == 1
    assert tree.parents == (1, None, 1, 2)
    assert tree.functions == (
        EdgeFunction.SUPPORT,
        EdgeFunction.CENTRAL_CLAIM,
        EdgeFunction.ATTACK,
        EdgeFunction.ATTACK,
    )
    assert tree.roles == (Stance.PRO, Stance.PRO, Stance.OPP, Stance.PRO)


def test_a_single_unit_is_the_central_claim() -> None:
    tree = decode([0.0], [1.0], [1.0], [[0.0]])
    assert tree.parents == (None,)
    assert tree.functions == (EdgeFunction.CENTRAL_CLAIM,)
    assert tree.roles == (Stance.PRO,)


@pytest.mark.parametrize(
    "bad",
    [math.nan, -0.1, 1.5, math.inf, -math.inf],
)
@pytest.mark.parametrize("where", ["cc", "ro", "fu", "at"])
def test_scores_outside_the_unit_interval_are_refused(bad: float, where: str) -> None:
    scores: dict[str, Any] = {
        "cc": [0.5, 0.5],
        "ro": [0.5, 0.5],
        "fu": [0.5, 0.5],
        "at": [[0.0, 0.5], [0.5, 0.0]],
    }
    if where == "at":
        scores["at"][1][0] = bad
    else:
        scores[where][1] = bad
    with pytest.raises(InputError, match=r"not in \[0, 1\]"):
        decode(**scores)


@given(score_sets(max_units=6), st.data())
def test_nan_anywhere_is_refused(scores: dict[str, Any], data: st.DataObject) -> None:
    where = data.draw(st.sampled_from(["cc", "ro", "fu", "at"]))
    count = len(scores["cc"])
    row = data.draw(st.integers(0, count - 1))
    if where == "at":
        scores["at"][row][data.draw(st.integers(0, count - 1))] = math.nan
    else:
        scores[where][row] = math.nan
    with pytest.raises(InputError):
        decode(**scores)


@pytest.mark.parametrize(
    "scores",
    [
        {"cc": [], "ro": [], "fu": [], "at": []},
        {"cc": [0.5, 0.5], "ro": [0.5], "fu": [0.5, 0.5], "at": [[0, 0], [0, 0]]},
        {"cc": [0.5, 0.5], "ro": [0.5, 0.5], "fu": [0.5, 0.5], "at": [[0, 0]]},
        {"cc": [0.5, 0.5], "ro": [0.5, 0.5], "fu": [0.5, 0.5], "at": [[0, 0], [0]]},
    ],
)
def test_inconsistent_shapes_are_refused(scores: dict[str, Any]) -> None:
    with pytest.raises(InputError):
        decode(**scores)


@pytest.mark.parametrize(
    "values", [(-1.0, 1.0, 1.0, 1.0), (0.0, 0.0, 0.0, 0.0), (math.nan, 1.0, 1.0, 1.0)]
)
def test_bad_weights_are_refused(values: tuple[float, float, float, float]) -> None:
    with pytest.raises(InputError):
        DecoderWeights(*values)


def test_roles_follow_attacks_down_the_tree() -> None:
    parents = [None, 0, 1, 2]
    functions = [
        EdgeFunction.CENTRAL_CLAIM,
        EdgeFunction.ATTACK,
        EdgeFunction.SUPPORT,
        EdgeFunction.ATTACK,
    ]
    assert derive_roles(parents, functions) == (Stance.PRO, Stance.OPP, Stance.OPP, Stance.PRO)
    with pytest.raises(InputError, match="cycle"):
        derive_roles([1, 0], [EdgeFunction.SUPPORT, EdgeFunction.SUPPORT])
