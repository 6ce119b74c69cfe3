"""argmine.dask on a real local cluster: two worker processes, models loaded once in each."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import argmine
from argmine.errors import EmptyInputError
from argmine.serialize import to_dict
from argmine.types import Analysis
from conftest import require

TEXTS = (
    "Cities should ban cars, because streets would be safer.",
    "But some people don't agree: they need them.",
    "If fares were free, more people would take the bus.",
)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    distributed = require("distributed", "dask")
    require("dask.bag", "dask")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


@pytest.fixture(scope="module")
def expected() -> list[Analysis]:
    return [argmine.analyze(text, parser="bundled") for text in TEXTS]


def bag(texts: Any) -> Any:
    import dask.bag

    return dask.bag.from_sequence(texts, npartitions=2)


def pipelines_built() -> int:
    from argmine.parsing.pipeline import _build

    return _build.cache_info().misses


def torch_threads() -> int:
    import torch

    return torch.get_num_threads()


def test_bag_results_equal_analyze_in_order(client: Any, expected: list[Analysis]) -> None:
    import argmine.dask

    results = argmine.dask.analyze_bag(bag(TEXTS), parser="bundled").compute()
    assert results == expected
    # Each worker built its pipeline at most once, and one thread each runs torch.
    assert set(client.run(pipelines_built).values()) <= {0, 1}
    assert set(client.run(torch_threads).values()) == {1}


def test_bag_of_dicts_and_reused_models(client: Any, expected: list[Analysis]) -> None:
    import argmine.dask

    results = argmine.dask.analyze_bag(bag(TEXTS), parser="bundled", output="dict").compute()
    assert results == [to_dict(analysis) for analysis in expected]
    assert set(client.run(pipelines_built).values()) <= {0, 1}
    assert sum(client.run(pipelines_built).values()) >= 1


def test_bad_texts_raise_or_take_their_place(client: Any, expected: list[Analysis]) -> None:
    import argmine.dask

    texts = [TEXTS[0], "   ", TEXTS[1]]
    returned = argmine.dask.analyze_bag(bag(texts), parser="bundled", errors="return").compute()
    assert returned[0] == expected[0]
    assert isinstance(returned[1], EmptyInputError)
    assert returned[2] == expected[1]
    with pytest.raises(EmptyInputError):
        argmine.dask.analyze_bag(bag(texts), parser="bundled").compute()
