"""From paths to a :class:`~newsprism.records.Story`: ingest, clean, analyse, link.

This is the library core behind ``newsprism analyze``; the CLI only parses flags and formats.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from .clean import to_article
from .config import Settings
from .errors import NothingUsableError
from .ingest import iter_documents
from .link.claims import build_claims
from .link.dates import refine_publication_dates
from .link.entities import canonicalise, link_quotes
from .link.notes import source_notes
from .link.origins import find_origins, origin_index
from .link.quotes import group_quotes
from .link.timeline import build_timeline
from .nlp import load_pipeline
from .nlp.pipeline import pipeline_name
from .records import Article, ArticleAnalysis, RawDocument, Skip, Story
from .run.local import Progress, analyse_articles
from .summarize import summarize

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Corpus:
    """Clean articles (unique by content id, in input order) and the inputs that were skipped."""

    articles: tuple[Article, ...]
    skipped: tuple[Skip, ...]


def read_corpus(paths: Sequence[str], settings: Settings) -> Corpus:
    """Ingest and clean every input; duplicates (same content id) are reported, not kept twice."""
    articles: list[Article] = []
    skipped: list[Skip] = []
    seen: dict[str, Article] = {}
    for item in iter_documents(paths, settings):
        if isinstance(item, Skip):
            skipped.append(item)
            continue
        article = _clean(item, skipped, settings.max_chars)
        if article is None:
            continue
        first = seen.get(article.id)
        if first is not None:
            skipped.append(Skip(article.source, f"duplicate of article {article.id} from {first.source}"))
            continue
        seen[article.id] = article
        articles.append(article)
    return Corpus(tuple(articles), tuple(skipped))


def _clean(raw: RawDocument, skipped: list[Skip], max_chars: int) -> Article | None:
    article = to_article(raw, max_chars)
    if not article.text.strip():
        skipped.append(Skip(raw.source, "no article text left after removing boilerplate"))
        return None
    return article


def analyze_corpus(
    corpus: Corpus,
    settings: Settings,
    progress: Progress | None = None,
) -> Story:
    """Per-article analysis (parallel when ``settings.workers`` > 1), then the cross-article links."""
    if not corpus.articles:
        reasons = "; ".join(f"{s.source}: {s.reason}" for s in corpus.skipped[:3])
        raise NothingUsableError("nothing to analyse" + (f" ({reasons})" if reasons else ": no inputs"))
    nlp = load_pipeline(settings.model)
    analyses = analyse_articles(
        corpus.articles,
        model=settings.model,
        workers=settings.workers,
        batch_size=settings.batch_size,
        progress=progress,
    )
    story = link_story(corpus.articles, analyses, summary_words=settings.summary_words)
    return replace(story, skipped=corpus.skipped, model=pipeline_name(nlp))


StepTimer = Callable[[str, float], None]
"""Called with a step's name and its seconds after each step of :func:`link_story`."""


def link_story(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    summary_words: int = 200,
    on_step: StepTimer | None = None,
) -> Story:
    """The cross-article stage: every step blocked or sketched so it stays near-linear in the
    number of articles (``make bench`` measures it, and each step through ``on_step``, on 1k-8k
    articles)."""
    clock = _Clock(on_step)
    analyses = clock("refine_publication_dates", refine_publication_dates, articles, analyses)
    entities = clock("canonicalise", canonicalise, analyses)
    analyses = clock("link_quotes", link_quotes, analyses, entities)
    origins = clock("find_origins", find_origins, articles, analyses)
    origin_of = origin_index(origins)
    quote_groups = clock("group_quotes", group_quotes, articles, analyses, entities, origin_of)
    claims, conflicts = clock(
        "build_claims", build_claims, articles, analyses, entities, quote_groups, origin_of
    )
    timeline = clock("build_timeline", build_timeline, articles, analyses, origin_of)
    summary = clock("summarize", summarize, articles, analyses, origin_of, max_words=summary_words)
    notes = clock("source_notes", source_notes, articles, analyses, origins, claims)
    return Story(
        articles=tuple(articles),
        analyses=tuple(analyses),
        entities=tuple(entities),
        origins=tuple(origins),
        quote_groups=tuple(quote_groups),
        claims=tuple(claims),
        conflicts=tuple(conflicts),
        timeline=tuple(timeline),
        summary=tuple(summary),
        notes=tuple(notes),
    )


@dataclass(frozen=True, slots=True)
class _Clock:
    """Runs one step of :func:`link_story` and reports its time (when anyone listens)."""

    on_step: StepTimer | None

    def __call__(self, name: str, step: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
        if self.on_step is None:
            return step(*args, **kwargs)
        t0 = time.perf_counter()
        result = step(*args, **kwargs)
        self.on_step(name, time.perf_counter() - t0)
        return result


def analyze(
    paths: Sequence[str],
    settings: Settings | None = None,
    progress: Callable[[int], None] | None = None,
) -> Story:
    """``newsprism.analyze(["articles/"])``: the whole one-shot job, as a library call."""
    settings = settings or Settings()
    return analyze_corpus(read_corpus(paths, settings), settings, progress)


@dataclass(frozen=True, slots=True)
class IngestResult:
    added: int
    present: int


def ingest_corpus(
    corpus: Corpus,
    settings: Settings,
    progress: Progress | None = None,
    batch_size: int = 64,
) -> IngestResult:
    """Analyse ``corpus`` and store it in ``settings.db``, one transaction per batch of articles.

    Articles already stored are not analysed again; a crash mid-way leaves every finished batch
    stored and nothing of the unfinished one."""
    from .store import open_store

    if not corpus.articles:
        raise NothingUsableError("nothing to ingest")
    added = present = 0
    with open_store(settings.db) as store:
        store.add_skips(corpus.skipped)
        stored = store.known([a.id for a in corpus.articles])
        todo = [a for a in corpus.articles if a.id not in stored]
        present = len(corpus.articles) - len(todo)
        if progress and present:
            progress(present)
        model = pipeline_name(load_pipeline(settings.model)) if todo else None
        for start in range(0, len(todo), batch_size):
            batch = todo[start : start + batch_size]
            analyses = analyse_articles(
                batch, model=settings.model, workers=settings.workers, batch_size=settings.batch_size
            )
            result = store.add(list(zip(batch, analyses, strict=True)), model)
            added += result.added
            present += result.present
            if progress:
                progress(len(batch))
    return IngestResult(added, present)
