"""argmine's Chu-Liu-Edmonds decoder returns Stanza's trees, and they are optimal trees."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root as stanza_decoder

from argmine.errors import InputError
from argmine.parsing.mst import chuliu_edmonds_one_root, install_decoder

Scores = np.ndarray


def _log_probabilities(rng: np.random.Generator, size: int) -> Scores:
    """Like a parser's output: each row a float32 log-softmax, nearby heads preferred."""
    logits = rng.normal(scale=3.0, size=(size, size))
    positions = np.arange(size)
    logits -= 0.3 * np.abs(positions[:, None] - positions[None, :])
    logits -= np.log(np.exp(logits).sum(axis=1, keepdims=True))
    return logits.astype(np.float32)


def _integer_ties(rng: np.random.Generator, size: int) -> Scores:
    """Few distinct negative scores, so ties are everywhere."""
    return -rng.integers(1, 4, size=(size, size)).astype(np.float64)


def _with_forbidden_arcs(rng: np.random.Generator, size: int) -> Scores:
    """Ties and -inf arcs, keeping the arcs of one random single-root tree finite."""
    scores = _integer_ties(rng, size)
    scores[rng.random((size, size)) < 0.5] = -np.inf
    order = rng.permutation(np.arange(1, size))
    scores[order[0], 0] = -1.0
    for position in range(1, len(order)):
        scores[order[position], order[rng.integers(0, position)]] = -2.0
    return scores


KINDS = {
    "log-probabilities": _log_probabilities,
    "integer ties": _integer_ties,
    "forbidden arcs": _with_forbidden_arcs,
}


@st.composite
def score_matrices(draw: st.DrawFn, max_size: int = 40) -> Scores:
    kind = draw(st.sampled_from(sorted(KINDS)))
    size = draw(st.integers(2, max_size))
    seed = draw(st.integers(0, 2**32 - 1))
    return KINDS[kind](np.random.default_rng(seed), size)


def tree_score(scores: Scores, tree: np.ndarray) -> float:
    return float(sum(float(scores[node, tree[node]]) for node in range(1, len(tree))))


def is_single_root_tree(tree: np.ndarray) -> bool:
    if tree[0] != 0 or np.count_nonzero(tree[1:] == 0) != 1:
        return False
    for start in range(1, len(tree)):
        node, steps = start, 0
        while node != 0:
            node, steps = int(tree[node]), steps + 1
            if steps > len(tree):
                return False
    return True


@given(score_matrices())
def test_returns_stanzas_tree_ties_included(scores: Scores) -> None:
    tree = chuliu_edmonds_one_root(scores)
    expected = stanza_decoder(scores)
    assert is_single_root_tree(tree)
    assert tree.dtype == np.int64
    assert tree.tolist() == expected.tolist()
    assert tree_score(scores, tree) == tree_score(scores, expected)


@given(st.data())
def test_finds_the_best_single_root_tree(data: st.DataObject) -> None:
    size = data.draw(st.integers(2, 5))
    values = st.one_of(st.integers(-3, -1).map(float), st.floats(-10.0, -0.01))
    scores = np.array(data.draw(st.lists(values, min_size=size * size, max_size=size * size)))
    scores = scores.reshape(size, size)
    tree = chuliu_edmonds_one_root(scores)
    assert is_single_root_tree(tree)
    other_nodes = [[head for head in range(size) if head != node] for node in range(1, size)]
    best = max(
        tree_score(scores, candidate)
        for heads in itertools.product(*other_nodes)
        if is_single_root_tree(candidate := np.array((0, *heads)))
    )
    assert math.isclose(tree_score(scores, tree), best, rel_tol=1e-9)


def test_leaves_the_input_alone() -> None:
    scores = _log_probabilities(np.random.default_rng(7), 12)
    original = scores.copy()
    chuliu_edmonds_one_root(scores)
    assert np.array_equal(scores, original)


def test_single_root_guarded() -> None:
    with pytest.raises(ValueError, match="exactly one root"):
        chuliu_edmonds_one_root(np.zeros((4, 4)))


def test_install_replaces_stanzas_decoder(monkeypatch: pytest.MonkeyPatch) -> None:
    from stanza.models.depparse import head_constraints, model

    monkeypatch.setattr(model, "chuliu_edmonds_one_root", stanza_decoder)
    monkeypatch.setattr(head_constraints, "chuliu_edmonds_one_root", stanza_decoder)
    monkeypatch.delenv("ARGMINE_STANZA_MST", raising=False)
    install_decoder()
    install_decoder()
    assert model.chuliu_edmonds_one_root is chuliu_edmonds_one_root
    assert head_constraints.chuliu_edmonds_one_root is chuliu_edmonds_one_root

    monkeypatch.setenv("ARGMINE_STANZA_MST", "stanza")
    install_decoder()
    assert model.chuliu_edmonds_one_root is stanza_decoder
    assert head_constraints.chuliu_edmonds_one_root is stanza_decoder

    monkeypatch.setenv("ARGMINE_STANZA_MST", "fastest")
    with pytest.raises(InputError, match="ARGMINE_STANZA_MST"):
        install_decoder()
