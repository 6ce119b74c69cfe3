"""Many texts at once: batched parsing, worker processes, results streamed in input order.

>>> import argmine
>>> for analysis in argmine.analyze_many(texts, n_process=2):   # doctest: +SKIP
...     print(len(analysis.moves))

Each worker process loads the models once (in its initializer) and parses ``batch_size``
texts per Stanza call, which batches their sentences together. Workers start with the
``spawn`` method, safe with torch's threads on every platform, and run torch on one thread
each, so ``n_process`` should not exceed the number of cores. Scripts that call
:func:`analyze_many` with ``n_process > 1`` need the usual
``if __name__ == "__main__":`` guard.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sized
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Literal, overload

from argmine.errors import ArgmineError, InputError
from argmine.inputs import check_text
from argmine.parsing import ParserSource, from_stanza, load_pipeline
from argmine.pipeline import analyze_parsed
from argmine.types import Analysis

ErrorHandling = Literal["raise", "return"]
#: Batches kept in flight per worker: enough to keep it busy, few enough to bound memory.
_BATCHES_PER_WORKER = 2
#: Has markers only the sense classifier decides ("since", "while"), so that it loads too.
_WARM_UP_TEXT = "Since fares are high, people drive, while the buses stay empty."


@overload
def analyze_many(
    texts: Iterable[str | bytes],
    *,
    n_process: int = ...,
    batch_size: int = ...,
    parser: ParserSource | None = ...,
    progress: bool = ...,
    errors: Literal["raise"] = ...,
) -> Iterator[Analysis]: ...


@overload
def analyze_many(
    texts: Iterable[str | bytes],
    *,
    n_process: int = ...,
    batch_size: int = ...,
    parser: ParserSource | None = ...,
    progress: bool = ...,
    errors: Literal["return"],
) -> Iterator[Analysis | InputError]: ...


def analyze_many(
    texts: Iterable[str | bytes],
    *,
    n_process: int = 1,
    batch_size: int = 16,
    parser: ParserSource | None = None,
    progress: bool = False,
    errors: ErrorHandling = "raise",
) -> Iterator[Analysis | InputError]:
    """Analyse ``texts`` lazily, yielding one result per text in input order.

    Each result equals ``argmine.analyze(text, parser=parser)``. ``n_process`` worker
    processes (1: this process) parse ``batch_size`` texts per call. ``progress`` draws a
    progress bar on stderr. A text argmine cannot analyse (empty, binary, oversized: an
    :class:`~argmine.errors.InputError`) raises when its turn comes with
    ``errors="raise"``; with ``errors="return"`` the error is yielded in its place, so
    results still line up with inputs. Missing models raise either way.
    """
    if isinstance(texts, str | bytes | bytearray):
        raise InputError("analyze_many takes an iterable of texts; for one text use analyze")
    if n_process < 1:
        raise InputError(f"n_process must be at least 1, got {n_process}")
    if batch_size < 1:
        raise InputError(f"batch_size must be at least 1, got {batch_size}")
    if errors not in ("raise", "return"):
        raise InputError(f"errors must be 'raise' or 'return', not {errors!r}")
    total = len(texts) if isinstance(texts, Sized) else None
    batches = _batched(texts, batch_size)
    results: Iterator[Analysis | InputError]
    if n_process == 1:
        results = itertools.chain.from_iterable(analyze_batch(batch, parser) for batch in batches)
    else:
        results = _in_workers(batches, n_process, parser)
    return _checked(_with_progress(results, total) if progress else results, errors)


def _checked(
    results: Iterator[Analysis | InputError], errors: ErrorHandling
) -> Iterator[Analysis | InputError]:
    for result in results:
        if isinstance(result, InputError) and errors == "raise":
            raise result
        yield result


def _batched(texts: Iterable[str | bytes], size: int) -> Iterator[list[str | bytes]]:
    iterator = iter(texts)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def analyze_batch(
    texts: Iterable[str | bytes], parser: ParserSource | None = None
) -> list[Analysis | InputError]:
    """Analyse a batch with one Stanza call; a text that fails the input checks gets its error.

    The building block of :func:`analyze_many` and :mod:`argmine.dask`.
    """
    from stanza import Document

    checked: list[str | InputError] = []
    for text in texts:
        try:
            checked.append(check_text(text))
        except InputError as error:
            checked.append(error)
    documents = [Document([], text=text) for text in checked if isinstance(text, str)]
    parsed = iter(load_pipeline(parser)(documents) if documents else [])
    return [
        text if isinstance(text, InputError) else analyze_parsed(from_stanza(next(parsed)))
        for text in checked
    ]


def warm_up(parser: ParserSource | None = None) -> None:
    """Load every model argmine uses into this process, so later calls do not pay for it."""
    analyze_batch([_WARM_UP_TEXT], parser)


def _in_workers(
    batches: Iterator[list[str | bytes]], n_process: int, parser: ParserSource | None
) -> Iterator[Analysis | InputError]:
    pool = ProcessPoolExecutor(
        max_workers=n_process,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=init_worker,
        initargs=(parser,),
    )
    pending: deque[Future[list[Analysis | InputError]]] = deque()
    try:
        for batch in batches:
            pending.append(pool.submit(analyze_batch, batch, parser))
            if len(pending) >= n_process * _BATCHES_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        # Stopped early (an error, or the caller left the loop): drop the queued batches.
        pool.shutdown(wait=True, cancel_futures=True)


def init_worker(parser: ParserSource | None) -> None:
    """One torch thread per worker, and the models loaded before the first batch.

    A model that fails to load is left for the first batch to raise: an initializer that
    raises only says the pool broke, not why.
    """
    import torch

    torch.set_num_threads(1)
    with contextlib.suppress(ArgmineError):
        warm_up(parser)


def _with_progress(results: Iterator[Any], total: int | None) -> Iterator[Any]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        TextColumn("[bold]analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("analysing", total=total)
        for result in results:
            yield result
            bar.advance(task)


__all__ = ["ErrorHandling", "analyze_batch", "analyze_many", "init_worker", "warm_up"]
