"""A process pool for the CPU-heavy work on pages, awaited from the reactor without blocking it.

Scrapy runs one thread; parsing and extracting a page there stalls every download and uses one
core. `PagePool.run` sends a call to a worker process and awaits its result, so the reactor keeps
downloading while the workers parse. It is also where worker failures end:

- a page that kills its worker (a segfault, the OOM killer) breaks the pool; the pool is replaced,
  and every page that was in it is tried again alone in a one-worker pool of its own, so only the
  page that kills that one fails (`WorkerFailed`), and the pages that died beside it do not;
- a page that takes longer than the time-out has its pool's workers killed (a running call cannot
  be cancelled otherwise) and fails; the other pages in that pool are tried again alone;
- a `PageRejected` or `PageSkipped` raised in a worker is re-raised in the crawl as it was.

This module does not import Scrapy, and neither does the function the workers run, so a worker
holds only the extraction libraries (Scrapy and Twisted would add some 40 MB to each).

A worker that holds more memory than a limit after a page is replaced, with the pool it is in:
Python keeps the memory a huge page once took, so this keeps a long crawl's memory flat. Workers
are not replaced after a number of pages: a new one costs 1.3 s of CPU to start (imports) and
about 1.1 s more before its caches are warm, some 90 pages' work.

At most two calls a worker are in the pool at once, so the time-out counts (nearly) only a page's
own work, and pages waiting for a worker stay in Scrapy's scraper slot, whose size limit
(`SCRAPER_SLOT_MAX_ACTIVE_SIZE`) stops new downloads: slow extraction slows the crawl instead of
filling memory.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import attrs
import psutil

from newscrawl.outcomes import PageNotUsed

logger = logging.getLogger(__name__)

CALLS_PER_WORKER = 2
"""Calls in the pool at once per worker: one running, one queued so the worker never waits."""

STARTUP_TIMEOUT = 120.0
"""Seconds new worker processes may take to start and import what they need."""


class WorkerFailed(Exception):
    """A page killed its worker process, ran past the time-out, or found no worker that could
    start; the message says which."""


@attrs.frozen
class _Dropped:
    """A `PageNotUsed` on its way back from a worker: `PageRejected` and `PageSkipped` take keyword
    arguments only, so pickle cannot rebuild them; this carries their class and attributes."""

    kind: type[PageNotUsed]
    args: tuple[Any, ...]
    attributes: dict[str, Any]

    @classmethod
    def of(cls, error: PageNotUsed) -> _Dropped:
        return cls(type(error), error.args, dict(vars(error)))

    def exception(self) -> PageNotUsed:
        error = self.kind.__new__(self.kind)
        error.args = self.args
        vars(error).update(self.attributes)
        return error


def _call(function: Callable[..., Any], args: tuple[Any, ...]) -> tuple[Any, int]:
    """Run in a worker: `function(*args)` (a `PageNotUsed` it raises returned as a `_Dropped`), and
    the worker's resident memory after it."""
    try:
        result = function(*args)
    except PageNotUsed as error:
        result = _Dropped.of(error)
    return result, resident_memory()


def resident_memory() -> int:
    """The resident memory of this process now, in bytes. (Not the peak, `ru_maxrss`: a spawned
    process inherits the peak of the process that forked it, the crawl's.)"""
    return psutil.Process().memory_info().rss


def _warm_up() -> int:
    """Run in a worker: nothing but report its resident memory; submitting it makes the executor
    spawn a worker."""
    return resident_memory()


def cpu_count() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class PagePool:
    """`workers` worker processes that run `function` on pages, each call allowed `timeout` seconds;
    the pool is replaced when a worker holds more than `max_memory` bytes after a call (0: never).

    Workers are spawned (fresh interpreters): forking the crawl's process, with its reactor and
    threads, is unsafe, and a fork server would be one more process holding the same libraries.
    Each worker imports `function`'s module before its first call, and a new pool is awaited until
    its workers are up, so start-up time never counts against a page's time-out."""

    def __init__(self, function: Callable[..., Any], workers: int, timeout: float, max_memory: int = 0) -> None:
        self.function = function
        self.workers = workers
        self.timeout = timeout
        self.max_memory = max_memory
        self._context = multiprocessing.get_context("spawn")
        self._executor: ProcessPoolExecutor | None = None
        self._starting = asyncio.Lock()
        self._slots = asyncio.Semaphore(workers * CALLS_PER_WORKER)

    async def start(self) -> None:
        """Start the workers; raises `WorkerFailed` if they cannot start."""
        await self._shared_executor()

    async def run(self, *args: Any) -> Any:
        """`function(*args)` in a worker; the arguments and the result must pickle.

        Raises `WorkerFailed` when the call kills its worker, runs past the time-out, or no worker
        can start.
        """
        async with self._slots:
            executor = await self._shared_executor()
            try:
                return await self._await(executor, args)
            except BrokenProcessPool:
                self._discard(executor, "a worker process died")
        return await self._run_alone(args)

    def close(self) -> None:
        """Stop the workers (calls still queued are cancelled)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    async def _shared_executor(self) -> ProcessPoolExecutor:
        async with self._starting:
            if self._executor is None:
                self._executor = await self._started(self.workers)
        return self._executor

    async def _started(self, workers: int) -> ProcessPoolExecutor:
        """A new executor whose `workers` processes are up (each spawned by one warm-up call)."""
        executor = ProcessPoolExecutor(
            workers,
            self._context,
            initializer=importlib.import_module,
            initargs=(self.function.__module__,),
        )
        calls = [asyncio.wrap_future(executor.submit(_warm_up)) for _ in range(workers)]
        try:
            memories = await asyncio.wait_for(asyncio.gather(*calls), STARTUP_TIMEOUT)
        except (BrokenProcessPool, TimeoutError, OSError) as error:
            _kill_workers(executor)
            executor.shutdown(wait=False)
            raise WorkerFailed(f"worker processes could not start ({error!r})") from error
        if max(memories) >= self.max_memory > 0:
            logger.warning(
                "a new extract worker already holds %d MB, more than the limit of %d MB: workers will not be "
                "replaced for their memory (raise NEWSCRAWL_WORKER_MAX_MEMORY)",
                max(memories) >> 20,
                self.max_memory >> 20,
            )
            self.max_memory = 0
        return executor

    async def _run_alone(self, args: tuple[Any, ...]) -> Any:
        """Retry a call that was in a broken pool in a pool of its own: if it breaks that one, it
        is the call that kills workers."""
        executor = await self._started(1)
        try:
            return await self._await(executor, args)
        except BrokenProcessPool as error:
            raise WorkerFailed("the page killed its worker process") from error
        finally:
            executor.shutdown(wait=False)

    async def _await(self, executor: ProcessPoolExecutor, args: tuple[Any, ...]) -> Any:
        """Submit a call and await its result; past the time-out, the executor's workers are killed."""
        future = asyncio.wrap_future(executor.submit(_call, self.function, args))
        try:
            result, memory = await asyncio.wait_for(future, self.timeout)
        except TimeoutError as error:
            self._discard(executor, f"a call ran past {self.timeout:g} s")
            raise WorkerFailed(f"extraction took longer than {self.timeout:g} s") from error
        if memory > self.max_memory > 0:
            self._retire(executor, memory)
        if isinstance(result, _Dropped):
            raise result.exception()
        return result

    def _retire(self, executor: ProcessPoolExecutor, memory: int) -> None:
        """Replace the shared executor, whose calls still queued finish before its workers stop."""
        if executor is self._executor:
            logger.info(
                "replacing the extract workers: one holds %d MB (limit %d MB)", memory >> 20, self.max_memory >> 20
            )
            self._executor = None
        executor.shutdown(wait=False)

    def _discard(self, executor: ProcessPoolExecutor, why: str) -> None:
        """Kill a broken or hung executor's workers; the next call starts a new shared pool."""
        if executor is self._executor:
            logger.warning("restarting the extract worker pool: %s", why)
            self._executor = None
        _kill_workers(executor)
        executor.shutdown(wait=False)  # its other calls fail with BrokenProcessPool and are retried alone


def _kill_workers(executor: ProcessPoolExecutor) -> None:
    """Kill the worker processes of an executor (Python < 3.14 has no public way to)."""
    for process in list((executor._processes or {}).values()):
        if process.is_alive():
            process.kill()
