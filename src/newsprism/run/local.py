"""Run the per-article analysis over many articles: in this process or in a local process pool.

With one worker, texts go through ``nlp.pipe`` in batches bounded in characters, long texts in
paragraph pieces (:mod:`newsprism.nlp.parse`). With N workers, a :class:`ProcessPool` keeps one
:class:`~concurrent.futures.ProcessPoolExecutor` for its whole life (an ``ingest`` run analyses
batch after batch: starting a pool per batch cost a process start and a pipeline load each time);
each worker loads the pipeline once, in its initializer. Articles cross the process boundary as
:class:`Article` records and come back as :class:`ArticleAnalysis` records, never as spaCy Docs.
They are streamed in small chunks, at most two in flight per worker (a new one sent as each
finishes, whichever it is), so the workers finish together (one big chunk per worker left one
idle while the other ended its last chunk) and the pool's queue never holds every pickled input.
Results come back in input order, so output is deterministic whatever the worker count.
"""

from __future__ import annotations

import os
import resource
import signal
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from itertools import islice
from types import TracebackType
from typing import Self

from spacy.language import Language

from ..config import RunnerName
from ..errors import check_interrupted
from ..extract.document import analyze_doc
from ..nlp import load_pipeline
from ..nlp.parse import parse_texts
from ..records import Article, ArticleAnalysis

Progress = Callable[[int], None]

CHUNKS_PER_WORKER = 4
"""A run is cut into at least this many chunks per worker (fewer articles per chunk than
``batch_size`` when the run is small), so the last chunks are short and both workers end together."""


@dataclass(frozen=True, slots=True)
class WorkerMemory:
    """The peak resident memory (bytes) of one process that analysed articles."""

    pid: int
    peak_rss: int


def peak_rss() -> int:
    """This process's peak resident set size in bytes (``ru_maxrss`` is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class Runner(ABC):
    """Analyses articles, in input order. A context manager: workers start at the first
    :meth:`analyze` and are released on exit (:meth:`close`, told whether the run failed); it
    keeps the peak memory of every worker process that analysed articles."""

    def __init__(self) -> None:
        self._peaks: dict[int, int] = {}

    @abstractmethod
    def stream(
        self, articles: Sequence[Article], progress: Progress | None = None
    ) -> Iterator[ArticleAnalysis]:
        """One :class:`ArticleAnalysis` per article, in the order given, each as soon as it and
        those before it are done: a caller storing them batch by batch (``ingest``) keeps the
        workers busy meanwhile, and a run's workers start once, not once per batch."""

    def analyze(self, articles: Sequence[Article], progress: Progress | None = None) -> list[ArticleAnalysis]:
        """One :class:`ArticleAnalysis` per article, in the order given."""
        return list(self.stream(articles, progress))

    def record(self, pid: int, rss: int) -> None:
        self._peaks[pid] = max(rss, self._peaks.get(pid, 0))

    def memory(self) -> tuple[WorkerMemory, ...]:
        """The peak memory of every worker process so far, by pid."""
        return tuple(WorkerMemory(pid, rss) for pid, rss in sorted(self._peaks.items()))

    @abstractmethod
    def close(self, failed: bool) -> None:
        """Release the workers: at once, abandoning their work, when the run ``failed``."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close(failed=kind is not None)


def chunk_size(count: int, workers: int, batch_size: int) -> int:
    """Articles per chunk handed to a worker: at most ``batch_size`` (one ``nlp.pipe`` batch),
    and small enough that a run makes :data:`CHUNKS_PER_WORKER` chunks per worker."""
    return max(1, min(batch_size, -(-count // (workers * CHUNKS_PER_WORKER))))


def chunks(items: Sequence[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def analyze_with(nlp: Language, articles: Sequence[Article], batch_size: int) -> Iterator[ArticleAnalysis]:
    """Parse ``articles`` with ``nlp.pipe`` and analyse each Doc, in order."""
    docs = parse_texts(nlp, (a.text for a in articles), batch_size)
    for article, doc in zip(articles, docs, strict=True):
        yield analyze_doc(doc, article)


class InProcess(Runner):
    """Every article analysed in this process, with the pipeline loaded once."""

    def __init__(self, model: str | None = None, batch_size: int = 32) -> None:
        super().__init__()
        self.model = model
        self.batch_size = batch_size

    def stream(
        self, articles: Sequence[Article], progress: Progress | None = None
    ) -> Iterator[ArticleAnalysis]:
        nlp = load_pipeline(self.model)
        for analysis in analyze_with(nlp, articles, self.batch_size):
            check_interrupted()
            self.record(os.getpid(), peak_rss())
            if progress:
                progress(1)
            yield analysis

    def close(self, failed: bool) -> None:
        return None  # no workers: this process analysed


_WORKER_NLP: Language | None = None
_WORKER_BATCH = 32


def _worker_init(model: str | None, batch_size: int) -> None:
    """Load the pipeline once per worker (a forked worker finds it already loaded: the parent
    loaded it to check the model). Workers leave interruption to the parent, which stops them: a
    Ctrl-C reaches the whole process group, and each worker dying of it would print its own
    traceback; a forked worker also inherits the parent's handlers (the CLI's raise
    :class:`~newsprism.errors.Interrupted`)."""
    global _WORKER_NLP, _WORKER_BATCH
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER_NLP = load_pipeline(model)
    _WORKER_BATCH = batch_size


Done = tuple[list[ArticleAnalysis], WorkerMemory]
"""What a worker sends back for one chunk: its analyses, in order, and the worker's peak memory."""


def _worker_chunk(chunk: list[Article]) -> Done:
    assert _WORKER_NLP is not None, "the pool initializer loads the pipeline"
    analyses = list(analyze_with(_WORKER_NLP, chunk, _WORKER_BATCH))
    return analyses, WorkerMemory(os.getpid(), peak_rss())


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel the pending chunks and end the running ones now, instead of waiting for them (what
    leaving the ``with`` block would do) when the parent is interrupted or fails."""
    pool.shutdown(wait=False, cancel_futures=True)
    terminate = getattr(pool, "terminate_workers", None)  # Python >= 3.14
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


class ProcessPool(Runner):
    """A local process pool of ``workers`` processes, started at the first :meth:`analyze` and
    kept until the runner is closed; a run of one article is analysed in this process."""

    def __init__(self, model: str | None = None, workers: int = 2, batch_size: int = 32) -> None:
        super().__init__()
        self.model = model
        self.workers = workers
        self.batch_size = batch_size
        self._pool: ProcessPoolExecutor | None = None
        self._local = InProcess(model, batch_size)

    def stream(
        self, articles: Sequence[Article], progress: Progress | None = None
    ) -> Iterator[ArticleAnalysis]:
        if len(articles) <= 1:
            yield from self._local.stream(articles, progress)
            self.record(os.getpid(), peak_rss())
            return
        if self._pool is None:
            load_pipeline(self.model)  # fail fast, here, with a clear error if the model is missing
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                initializer=_worker_init,
                initargs=(self.model, self.batch_size),
            )
        pool = self._pool
        size = chunk_size(len(articles), self.workers, self.batch_size)
        window = 2 * self.workers  # chunks in flight: every worker busy, one queued behind each
        todo = enumerate(chunks(articles, size))
        running: dict[Future[Done], int] = {}
        done: dict[int, list[ArticleAnalysis]] = {}
        ready = 0  # the next chunk to hand out, in input order
        try:
            for number, chunk in islice(todo, window):
                running[pool.submit(_worker_chunk, chunk)] = number
            while running:
                # the first chunk to finish, whichever it is: waiting on the oldest left a
                # worker idle behind one slow chunk
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                check_interrupted()
                for future in finished:
                    analyses, memory = future.result()
                    done[running.pop(future)] = analyses
                    self.record(memory.pid, memory.peak_rss)
                    if progress:
                        progress(len(analyses))
                for number, chunk in islice(todo, len(finished)):
                    running[pool.submit(_worker_chunk, chunk)] = number
                while ready in done:
                    yield from done.pop(ready)
                    ready += 1
        except GeneratorExit:  # the caller stopped reading: drop the queued chunks, keep the pool
            for future in running:
                future.cancel()
            raise
        except BaseException:
            self._pool = None
            _stop(pool)
            raise

    def close(self, failed: bool) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if not failed:
            pool.shutdown(wait=True)
        else:
            _stop(pool)


def open_runner(
    runner: RunnerName = "local",
    *,
    model: str | None = None,
    workers: int = 1,
    batch_size: int = 32,
    ray_address: str | None = None,
) -> Runner:
    """The runner named: ``local`` (in this process, or a process pool when ``workers`` > 1) or
    ``ray`` (Ray Data on a local Ray instance of ``workers`` CPUs, or on the cluster at
    ``ray_address``). Use it as a context manager: workers start at the first analysis and stop
    on exit."""
    if runner == "ray":
        from .ray import RayRunner

        return RayRunner(model=model, workers=workers, batch_size=batch_size, address=ray_address)
    if workers <= 1:
        return InProcess(model, batch_size)
    return ProcessPool(model, workers, batch_size)


def analyze_articles(
    articles: Sequence[Article],
    *,
    model: str | None = None,
    workers: int = 1,
    batch_size: int = 32,
    progress: Progress | None = None,
    runner: RunnerName = "local",
    ray_address: str | None = None,
) -> list[ArticleAnalysis]:
    """One :class:`ArticleAnalysis` per article, in the order given (a runner opened for this
    call only; keep one open with :func:`open_runner` to analyse several batches)."""
    with open_runner(
        runner, model=model, workers=workers, batch_size=batch_size, ray_address=ray_address
    ) as running:
        return running.analyze(articles, progress)
