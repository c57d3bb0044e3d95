"""Run the per-article analysis over many articles: in this process or in a local process pool.

With one worker, texts go through ``nlp.pipe`` in batches bounded in characters, long texts in
paragraph pieces (:mod:`newsprism.nlp.parse`). With N workers, articles are cut into
contiguous chunks handed to a :class:`~concurrent.futures.ProcessPoolExecutor` whose workers load
the pipeline once each; results come back in input order, so output is deterministic whatever the
worker count.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from spacy.language import Language

from ..errors import check_interrupted
from ..extract.document import analyze_doc
from ..nlp import load_pipeline
from ..nlp.parse import parse_texts
from ..records import Article, ArticleAnalysis

Progress = Callable[[int], None]


def _chunks(items: Sequence[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def analyze_with(nlp: Language, articles: Sequence[Article], batch_size: int) -> Iterator[ArticleAnalysis]:
    """Parse ``articles`` with ``nlp.pipe`` and analyse each Doc, in order."""
    docs = parse_texts(nlp, (a.text for a in articles), batch_size)
    for article, doc in zip(articles, docs, strict=True):
        yield analyze_doc(doc, article)


def _worker_init() -> None:
    """Workers leave interruption to the parent, which stops them: a Ctrl-C reaches the whole
    process group, and each worker dying of it would print its own traceback; a forked worker
    also inherits the parent's handlers (the CLI's raise :class:`~newsprism.errors.Interrupted`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


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


def _worker_chunk(model: str | None, batch_size: int, chunk: list[Article]) -> list[ArticleAnalysis]:
    return list(analyze_with(load_pipeline(model), chunk, batch_size))


def analyze_articles(
    articles: Sequence[Article],
    *,
    model: str | None = None,
    workers: int = 1,
    batch_size: int = 32,
    progress: Progress | None = None,
) -> list[ArticleAnalysis]:
    """One :class:`ArticleAnalysis` per article, in the order given."""
    results: list[ArticleAnalysis] = []
    if workers <= 1 or len(articles) <= batch_size:
        nlp = load_pipeline(model)
        for analysis in analyze_with(nlp, articles, batch_size):
            check_interrupted()
            results.append(analysis)
            if progress:
                progress(1)
        return results
    load_pipeline(model)  # fail fast, in this process, with a clear error if the model is missing
    chunk_size = max(batch_size, -(-len(articles) // (workers * 4)))
    with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init) as pool:
        try:
            futures = [
                pool.submit(_worker_chunk, model, batch_size, chunk)
                for chunk in _chunks(articles, chunk_size)
            ]
            for future in futures:
                chunk_result = future.result()
                check_interrupted()
                results.extend(chunk_result)
                if progress:
                    progress(len(chunk_result))
        except BaseException:
            _stop(pool)
            raise
    return results
