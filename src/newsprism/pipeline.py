"""From paths to a :class:`~newsprism.records.Story`: ingest, clean, analyse, link.

This is the library core behind ``newsprism analyze``; the CLI only parses flags and formats.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.language import Language

from .clean import to_article
from .clean.language import language_name
from .config import Settings
from .errors import ConfigError, NothingUsableError, check_interrupted
from .ingest import iter_documents
from .link import link_story
from .link.dates import refine_publication_dates
from .nlp import load_pipeline
from .nlp.pipeline import pipeline_name
from .records import Article, ArticleAnalysis, RawDocument, Skip, Story, effective_published
from .run.local import Progress, analyze_articles
from .stories import cluster, item_of
from .stories.grouping import Grouping, groupings


@dataclass(frozen=True, slots=True)
class Corpus:
    """Clean articles (unique by content id, in input order) and the inputs that were skipped.

    ``other_language`` holds the articles detected in another language than ``settings.language``:
    the English-only analysis would misread them, so they are left out of it (each with a note in
    ``skipped`` saying why) but ``ingest`` still stores them."""

    articles: tuple[Article, ...]
    skipped: tuple[Skip, ...]
    other_language: tuple[Article, ...] = ()


PathsLike = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
"""One input or many: files, folders, ``-`` for standard input; as ``str`` or a path object."""


def input_paths(paths: PathsLike) -> tuple[str, ...]:
    """``paths`` as a tuple of strings. A lone ``str`` is one path, not an iterable of characters
    (``"examples"`` read as ``e``, ``x``, ... once walked the whole filesystem from ``/``)."""
    if isinstance(paths, str | os.PathLike):
        return (os.fspath(paths),)
    return tuple(os.fspath(p) for p in paths)


def read_corpus(paths: PathsLike, settings: Settings) -> Corpus:
    """Ingest and clean every input; duplicates (same content id) are reported, not kept twice."""
    return corpus_of(iter_documents(input_paths(paths), settings), settings)


def corpus_of(documents: Iterable[RawDocument | Skip], settings: Settings) -> Corpus:
    """:func:`read_corpus` for documents read elsewhere (fetched pages): cleaned, unique by
    content id, other languages set aside."""
    articles: list[Article] = []
    skipped: list[Skip] = []
    other: list[Article] = []
    seen: dict[str, Article] = {}
    for item in documents:
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
        if article.language != settings.language:
            other.append(article)
            skipped.append(Skip(article.source, language_note(article.language, settings.language)))
            continue
        articles.append(article)
    return Corpus(tuple(articles), tuple(skipped), tuple(other))


def language_note(language: str, analyzed: str) -> str:
    """Why an article is not analysed: ``in French (fr), not analysed: --language en``."""
    return f"in {language_name(language)} ({language}), not analysed: --language {analyzed}"


def _check_language(nlp: Language, settings: Settings) -> None:
    """The chosen language must be the loaded pipeline's: its rules (and the quality signals,
    which are English-only) would misread any other."""
    if nlp.lang != settings.language:
        raise ConfigError(
            f"--language {settings.language}: the pipeline {pipeline_name(nlp)} covers {nlp.lang} only"
        )


#: Skips a "nothing usable" error names (the CLI lists them all when there are more).
NAMED_SKIPS = 3


def nothing_usable(corpus: Corpus, what: str) -> NothingUsableError:
    """The one-line error for a corpus without articles, naming the first skips and why."""
    reasons = "; ".join(f"{s.source}: {s.reason}" for s in corpus.skipped[:NAMED_SKIPS])
    more = len(corpus.skipped) - NAMED_SKIPS
    reasons += f"; {more} more" if more > 0 else ""
    return NothingUsableError(f"nothing to {what}" + (f" ({reasons})" if reasons else ": no inputs"))


def _clean(raw: RawDocument, skipped: list[Skip], max_chars: int) -> Article | None:
    article = to_article(raw, max_chars)
    if not article.text.strip():
        skipped.append(Skip(raw.source, "no article text left after removing boilerplate"))
        return None
    return article


def _analyses(
    corpus: Corpus, settings: Settings, progress: Progress | None
) -> tuple[list[ArticleAnalysis], str]:
    """Every article's own analysis (parallel when ``settings.workers`` > 1), once per run, and
    the name of the pipeline that made them."""
    if not corpus.articles:
        raise nothing_usable(corpus, "analyse")
    nlp = load_pipeline(settings.model)
    _check_language(nlp, settings)
    analyses = analyze_articles(
        corpus.articles,
        model=settings.model,
        workers=settings.workers,
        batch_size=settings.batch_size,
        progress=progress,
    )
    return analyses, pipeline_name(nlp)


def _linked(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    corpus: Corpus,
    settings: Settings,
    model: str,
) -> Story:
    """One story's cross-article analysis: the one ``link_story`` call (which refines the
    inferred publication dates across the story's own articles), with the run's skips."""
    story = link_story(articles, analyses, summary_words=settings.summary_words)
    return replace(story, skipped=corpus.skipped, model=model)


def analyze_corpus(
    corpus: Corpus,
    settings: Settings,
    progress: Progress | None = None,
) -> Story:
    """Per-article analysis, then the cross-article links over *all* articles as one story (the
    caller knows they cover one event; :func:`analyze_corpus_stories` first groups them into stories)."""
    analyses, model = _analyses(corpus, settings, progress)
    return _linked(corpus.articles, analyses, corpus, settings, model)


@dataclass(frozen=True, slots=True)
class ClusteredStory:
    """One story of a run and why its articles are together (story id, each article's
    assignment, in input order, as :class:`~newsprism.stories.grouping.Grouping` holds it)."""

    story: Story
    grouping: Grouping


def analyze_corpus_stories(
    corpus: Corpus,
    settings: Settings,
    progress: Progress | None = None,
) -> tuple[ClusteredStory, ...]:
    """Per-article analysis once for the whole corpus, then :func:`~newsprism.stories.cluster`
    (default config) over :func:`~newsprism.stories.item_of` each article, then the cross-article
    links per story over that story's articles in input order: no story's claims, conflicts,
    timeline, summary or notes can cite another story's article. Stories come in the input order
    of their first article. One story is exactly :func:`analyze_corpus`'s story: the same
    ``link_story`` call over the same articles in the same order."""
    analyses, model = _analyses(corpus, settings, progress)
    clustering = cluster(item_of(a, an) for a, an in zip(corpus.articles, analyses, strict=True))
    position = {a.id: i for i, a in enumerate(corpus.articles)}
    stories = []
    for grouping in groupings(clustering, [a.id for a in corpus.articles]):
        members = [position[article_id] for article_id in grouping.article_ids]
        articles = [corpus.articles[i] for i in members]
        story = _linked(articles, [analyses[i] for i in members], corpus, settings, model)
        stories.append(ClusteredStory(story, grouping))
    return tuple(stories)


def analyze(
    paths: PathsLike,
    settings: Settings | None = None,
    progress: Callable[[int], None] | None = None,
) -> Story:
    """``newsprism.analyze("articles/")``: the whole one-shot job, as a library call, every input
    taken as one story (:func:`analyze_stories` groups mixed inputs into stories first);
    ``paths`` is one file or folder or many, as ``str`` or path objects."""
    settings = settings or Settings()
    return analyze_corpus(read_corpus(paths, settings), settings, progress)


def analyze_stories(
    paths: PathsLike,
    settings: Settings | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[ClusteredStory, ...]:
    """``newsprism.analyze_stories("feed/")``: like :func:`analyze`, but the inputs are
    grouped into stories first (:func:`analyze_corpus_stories`), one :class:`ClusteredStory` each."""
    settings = settings or Settings()
    return analyze_corpus_stories(read_corpus(paths, settings), settings, progress)


#: Articles per ingest transaction: an interrupted ingest keeps every finished batch.
INGEST_BATCH = 64


@dataclass(frozen=True, slots=True)
class IngestResult:
    added: int
    present: int


def ingest_corpus(
    corpus: Corpus,
    settings: Settings,
    progress: Progress | None = None,
    batch_size: int = INGEST_BATCH,
) -> IngestResult:
    """Analyse ``corpus`` and store it in ``settings.db``, one transaction per batch of articles.

    Articles already stored are not analysed again; a crash mid-way leaves every finished batch
    stored (each article with the date inferred from its own text) and nothing of the unfinished
    one. Once all are analysed, inferred dates are refined across the run's new articles as
    ``analyze`` refines them, so the store keeps the dates ``analyze`` reports for the same inputs."""
    from .store import open_store

    if not corpus.articles and not corpus.other_language:
        raise nothing_usable(corpus, "ingest")
    added = present = 0
    with open_store(settings.db) as store:
        analyzed_before = store.analyzed([a.id for a in corpus.articles])
        todo = [a for a in corpus.articles if a.id not in analyzed_before]
        # Checked before anything is stored: a wrong --language must not store the run's
        # articles as "other language", unanalysed.
        nlp = load_pipeline(settings.model) if todo or corpus.other_language else None
        if nlp is not None:
            _check_language(nlp, settings)
        model = pipeline_name(nlp) if todo and nlp is not None else None
        store.add_skips(corpus.skipped)
        if corpus.other_language:  # stored and listed, without an analysis
            kept = store.add([(a, None) for a in corpus.other_language])
            added, present = kept.added, kept.present
        present += len(corpus.articles) - len(todo)
        if progress and len(corpus.articles) > len(todo):
            progress(len(corpus.articles) - len(todo))
        analyzed: list[ArticleAnalysis] = []
        for start in range(0, len(todo), batch_size):
            check_interrupted()  # between batches: every finished one is committed
            batch = todo[start : start + batch_size]
            analyses = analyze_articles(
                batch, model=settings.model, workers=settings.workers, batch_size=settings.batch_size
            )
            result = store.add(_dated(batch, analyses), model)
            analyzed.extend(analyses)
            added += result.added
            present += result.present
            if progress:
                progress(len(batch))
        if todo:  # the dates analyze would report: refined across the run's new articles
            refined = refine_publication_dates(todo, analyzed)
            store.add(_dated(todo, refined), model)  # replaces the analyses whose date moved
            store.set_published([(a.id, a.published) for a, _ in _dated(todo, refined)])
    return IngestResult(added, present)


def _dated(
    articles: Sequence[Article], analyses: Sequence[ArticleAnalysis]
) -> list[tuple[Article, ArticleAnalysis]]:
    """Each article paired with its analysis, carrying the date story.json reports for it."""
    return [
        (replace(a, published=effective_published(a, an)), an)
        for a, an in zip(articles, analyses, strict=True)
    ]
