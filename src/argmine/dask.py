"""argmine on a Dask cluster: analyse a ``dask.bag`` of texts, one partition per task.

Local or multi-machine, only the client's address changes:

    import json, pathlib
    import dask.bag as db
    from distributed import Client
    import argmine.dask

    client = Client("tcp://scheduler:8786")   # or Client(LocalCluster(...))
    paths = sorted(pathlib.Path("essays").glob("*.txt"))
    texts = db.from_sequence(paths, partition_size=50).map(pathlib.Path.read_bytes)
    results = argmine.dask.analyze_bag(texts, output="dict")
    results.map(json.dumps).to_textfiles("out/*.jsonl")

Each partition is parsed in batches (:func:`argmine.batch.analyze_batch`). The Stanza
pipeline and argmine's models are cached per process (:func:`argmine.parsing.load_pipeline`),
so a worker process loads them once, on its first partition, and keeps them for the rest.
Workers need argmine installed, with the same models (the bundled one ships in the package;
official Stanza models must be installed on every worker).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any, Literal

from argmine.batch import ErrorHandling, analyze_batch
from argmine.errors import InputError
from argmine.parsing import ParserSource
from argmine.serialize import to_dict
from argmine.types import Analysis

Output = Literal["analysis", "dict"]


def analyze_bag(
    bag: Any,
    *,
    parser: ParserSource | None = None,
    batch_size: int = 16,
    output: Output = "analysis",
    errors: ErrorHandling = "raise",
) -> Any:
    """A ``dask.bag.Bag`` of texts → a bag of results, lazily (call ``.compute()``).

    Results are :class:`~argmine.types.Analysis` objects, or with ``output="dict"`` their
    ``argmine/1`` data (ready for ``json.dumps``). ``errors`` works as in
    :func:`argmine.analyze_many`: ``"raise"`` fails the computation on the first text that
    cannot be analysed, ``"return"`` puts its :class:`~argmine.errors.InputError` in its place.
    """
    if output not in ("analysis", "dict"):
        raise InputError(f"output must be 'analysis' or 'dict', not {output!r}")
    if errors not in ("raise", "return"):
        raise InputError(f"errors must be 'raise' or 'return', not {errors!r}")
    if batch_size < 1:
        raise InputError(f"batch_size must be at least 1, got {batch_size}")
    # Bound with partial: dask's map_partitions keeps some keywords (output) for itself.
    task = functools.partial(
        analyze_partition, parser=parser, batch_size=batch_size, output=output, errors=errors
    )
    return bag.map_partitions(task)


def analyze_partition(
    texts: Iterable[str | bytes],
    *,
    parser: ParserSource | None = None,
    batch_size: int = 16,
    output: Output = "analysis",
    errors: ErrorHandling = "raise",
) -> list[Analysis | dict[str, Any] | InputError]:
    """One partition's results, in order (the task :func:`analyze_bag` runs on a worker)."""
    texts = list(texts)
    results: list[Analysis | dict[str, Any] | InputError] = []
    for first in range(0, len(texts), batch_size):
        for result in analyze_batch(texts[first : first + batch_size], parser):
            if isinstance(result, InputError):
                if errors == "raise":
                    raise result
                results.append(result)
            else:
                results.append(to_dict(result) if output == "dict" else result)
    return results


__all__ = ["Output", "analyze_bag", "analyze_partition"]
