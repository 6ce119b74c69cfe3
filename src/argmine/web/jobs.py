"""Classes of essays analysed off the event loop, in worker processes that keep their models.

The pool follows :func:`argmine.analyze_many`'s design: ``spawn``-ed worker processes that
load every model once (:func:`argmine.batch.init_worker`) and run torch on one thread each.
A semaphore lets only as many essays into the pool as there are workers, so an essay's time
limit counts its own analysis, not its wait behind the rest of the class. Classes live in
memory, a bounded number of them, until the server stops.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import secrets
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import attrs

from argmine.batch import analyze_batch, init_worker, warm_up
from argmine.errors import InputError
from argmine.maps import ArgumentMap
from argmine.parsing import ParserSource
from argmine.types import Analysis
from argmine.web.overview import Row, summarize
from argmine.web.uploads import Essay, Item, RowError

_log = logging.getLogger(__name__)


class AnalysisPool:
    """Worker processes with the models loaded; :meth:`analyze` awaits one essay."""

    def __init__(self, workers: int, parser: ParserSource) -> None:
        self.workers = workers
        self.parser = parser
        self._executor = self._new_executor()
        self._slots: asyncio.Semaphore | None = None

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(self.parser,),
        )

    async def start(self) -> None:
        """Start every worker and wait until each has loaded the models."""
        self._slots = asyncio.Semaphore(self.workers)
        loop = asyncio.get_running_loop()
        await asyncio.gather(
            *(
                loop.run_in_executor(self._executor, warm_up, self.parser)
                for _ in range(self.workers)
            )
        )

    async def analyze(self, text: str, timeout_s: float) -> Analysis | InputError:
        """The analysis of one essay, or the input error that stopped it.

        Raises :class:`TimeoutError` after ``timeout_s`` seconds of analysis (the worker
        finishes the essay regardless), and :class:`BrokenProcessPool` when a worker died
        (the pool is then replaced for the essays after it).
        """
        if self._slots is None:
            raise RuntimeError("the analysis pool was not started")
        async with self._slots:
            future = self._executor.submit(analyze_batch, [text], self.parser)
            try:
                [result] = await asyncio.wait_for(asyncio.wrap_future(future), timeout_s)
            except BrokenProcessPool:
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = self._new_executor()
                raise
            return result

    def close(self) -> None:
        """Stop the workers; essays still queued are dropped."""
        self._executor.shutdown(wait=True, cancel_futures=True)


@attrs.define
class ClassJob:
    """A class being analysed: its rows (in upload order) and the analyses done so far."""

    id: str
    rows: list[Row]
    analyses: dict[int, Analysis] = attrs.Factory(dict)
    task: asyncio.Task[None] | None = None

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def done(self) -> int:
        return sum(row.status != "pending" for row in self.rows)

    @property
    def finished(self) -> bool:
        return self.done == self.total

    def progress(self) -> dict[str, object]:
        """What the progress endpoint reports."""
        failed = sum(row.status == "error" for row in self.rows)
        return {"total": self.total, "done": self.done, "failed": failed, "finished": self.finished}

    def record(self, index: int, result: Analysis | str) -> None:
        """Store an essay's analysis, or its error message."""
        row = self.rows[index]
        if isinstance(result, str):
            self.rows[index] = attrs.evolve(row, error=result)
            return
        self.analyses[index] = result
        self.rows[index] = attrs.evolve(row, summary=summarize(ArgumentMap.from_analysis(result)))


async def analyze_essay(pool: AnalysisPool, essay: Essay, timeout_s: float) -> Analysis | str:
    """One essay's analysis, or the message its row shows."""
    try:
        result = await pool.analyze(essay.text, timeout_s)
    except TimeoutError:
        return f"{essay.name}: the analysis took longer than {timeout_s:g} s and was given up"
    except BrokenProcessPool:
        return f"{essay.name}: the analysis worker stopped unexpectedly (out of memory?)"
    return f"{essay.name}: {result}" if isinstance(result, InputError) else result


async def run_class(
    job: ClassJob, essays: Sequence[tuple[int, Essay]], pool: AnalysisPool, timeout_s: float
) -> None:
    """Analyse a class's essays, recording each result as it arrives."""

    async def one(index: int, essay: Essay) -> None:
        try:
            job.record(index, await analyze_essay(pool, essay, timeout_s))
        except Exception as error:  # a bug must not leave the row pending forever
            _log.exception("essay %s failed", essay.name)
            job.record(index, f"{essay.name}: internal error ({type(error).__name__})")

    await asyncio.gather(*(one(index, essay) for index, essay in essays))


class ServerBusyError(Exception):
    """Every class slot holds a class still being analysed."""


class ClassStore:
    """The classes in memory, at most ``capacity``; a new one replaces the oldest finished."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._jobs: OrderedDict[str, ClassJob] = OrderedDict()

    def get(self, job_id: str) -> ClassJob | None:
        return self._jobs.get(job_id)

    def create(self, items: Sequence[Item]) -> ClassJob:
        """A new class whose rows are the items (input errors are final at once)."""
        if len(self._jobs) >= self.capacity:
            finished = next((key for key, job in self._jobs.items() if job.finished), None)
            if finished is None:
                raise ServerBusyError(f"{self.capacity} classes are being analysed; try later")
            del self._jobs[finished]
        rows = [
            Row(index, item.name, error=item.message if isinstance(item, RowError) else None)
            for index, item in enumerate(items)
        ]
        job = ClassJob(secrets.token_urlsafe(12), rows)
        self._jobs[job.id] = job
        return job

    def cancel_all(self) -> None:
        for job in self._jobs.values():
            if job.task is not None:
                job.task.cancel()


__all__ = [
    "AnalysisPool",
    "ClassJob",
    "ClassStore",
    "ServerBusyError",
    "analyze_essay",
    "run_class",
]
