"""From paths to a :class:`~newsprism.records.Story`: ingest, clean, analyse, link.

This is the library core behind ``newsprism analyze``; the CLI only parses flags and formats.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import islice
from typing import TYPE_CHECKING

from spacy.language import Language

from .clean import to_article
from .clean.language import language_name
from .config import Settings
from .errors import ConfigError, NothingUsableError, StoreError, check_interrupted
from .ingest import iter_documents
from .link import link_story
from .link.dates import refine_publication_dates
from .nlp import load_pipeline
from .nlp.pipeline import pipeline_name
from .records import (
    Article,
    ArticleAnalysis,
    RawDocument,
    Skip,
    Story,
    effective_published,
    published_day,
    story_title,
)
from .run.local import Progress, Runner, open_runner
from .stories import StoryIndex, arrival_order, cluster, item_of
from .stories.grouping import Grouping, groupings

if TYPE_CHECKING:
    from .store import Clusterer, SavedIndex, Store, StoryBatch, StorySummary


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
    """Clean documents already read (by :func:`read_corpus`, or one posted to the web API) into a
    corpus: the one cleaning, de-duplication and language split every ingest path takes."""
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
    with runner_of(settings) as runner:
        analyses = runner.analyze(corpus.articles, progress)
    return analyses, pipeline_name(nlp)


def runner_of(settings: Settings) -> Runner:
    """The runner ``settings`` choose (``runner``, ``workers``, ``ray_address``), to be used as a
    context manager: one per run, so a pool or a Ray instance starts once, not per batch."""
    return open_runner(
        settings.runner,
        model=settings.model,
        workers=settings.workers,
        batch_size=settings.batch_size,
        ray_address=settings.ray_address,
    )


def _linked(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    skipped: Sequence[Skip],
    settings: Settings,
    model: str,
) -> Story:
    """One story's cross-article analysis: the one ``link_story`` call (which refines the
    inferred publication dates across the story's own articles), with the skips it reports."""
    story = link_story(articles, analyses, summary_words=settings.summary_words)
    return replace(story, skipped=tuple(skipped), model=model)


def analyze_corpus(
    corpus: Corpus,
    settings: Settings,
    progress: Progress | None = None,
) -> Story:
    """Per-article analysis, then the cross-article links over *all* articles as one story (the
    caller knows they cover one event; :func:`analyze_corpus_stories` first groups them into stories)."""
    analyses, model = _analyses(corpus, settings, progress)
    return _linked(corpus.articles, analyses, corpus.skipped, settings, model)


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
    grouped = groupings(clustering, [a.id for a in corpus.articles])
    # A skipped input belongs to no story: with several stories the run's index lists the skips,
    # not every story (a one-article story saying "7 inputs skipped" reads as its own loss).
    skipped = corpus.skipped if len(grouped) == 1 else ()
    stories = []
    for grouping in grouped:
        members = [position[article_id] for article_id in grouping.article_ids]
        articles = [corpus.articles[i] for i in members]
        story = _linked(articles, [analyses[i] for i in members], skipped, settings, model)
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
    """Articles stored anew and already present; stories whose analysis was (re)computed."""

    added: int
    present: int
    stories_analysed: int = 0


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
    ``analyze`` refines them, so the store keeps the dates ``analyze`` reports for the same inputs.

    Each batch's new articles are clustered into stories as they are stored (in arrival order:
    :func:`~newsprism.stories.arrival_order`) by the store's :class:`StoryIndex`, restored from
    its saved snapshot and the few batches stored since (:class:`_Clusterer`), never rebuilt by
    replaying the store; assignments are committed with the batch, a snapshot every
    :data:`SNAPSHOT_ARRIVALS` articles and with the last batch. Last, the stories whose articles changed are analysed again
    (:func:`refresh_stories`)."""
    from .store import open_store

    if not corpus.articles and not corpus.other_language:
        raise nothing_usable(corpus, "ingest")
    added = present = 0
    with open_store(settings.db) as store, runner_of(settings) as runner:
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
        clusterer = _Clusterer()
        if todo:
            _bootstrap_stories(store)
        stream = runner.stream(todo)  # one pass: the workers go on while a batch is stored
        for start in range(0, len(todo), batch_size):
            check_interrupted()  # between batches: every finished one is committed
            batch = todo[start : start + batch_size]
            analyses = list(islice(stream, len(batch)))
            dated = _dated(batch, analyses)
            last = start + batch_size >= len(todo)
            result = store.add(dated, model, cluster=clusterer.batch(dated, last=last))
            analyzed.extend(analyses)
            added += result.added
            present += result.present
            if progress:
                progress(len(batch))
        if clusterer.joined:  # the dates analyze reports: refined within each story
            mine = [i for i, a in enumerate(todo) if a.id in clusterer.joined]
            refined = _refined_per_story(
                [todo[i] for i in mine],
                [analyzed[i] for i in mine],
                {a: clusterer.resolve(s) for a, s in clusterer.joined.items()},
            )
            store.add(refined, model)  # replaces the analyses whose date moved
            store.set_published([(a.id, a.published) for a, _ in refined])
        analysed = refresh_stories(store, settings.summary_words)
    return IngestResult(added, present, analysed)


def _refined_per_story(
    articles: Sequence[Article], analyses: Sequence[ArticleAnalysis], story_of: dict[str, str]
) -> list[tuple[Article, ArticleAnalysis]]:
    """Inferred dates refined across the run's new articles of each story, as ``analyze``
    refines them within each story (``link_story``): refining across the whole run let one
    story's years date another's undated articles."""
    groups: dict[str, list[int]] = {}
    for i, article in enumerate(articles):
        groups.setdefault(story_of.get(article.id, article.id), []).append(i)
    out: list[tuple[Article, ArticleAnalysis] | None] = [None] * len(articles)
    for members in groups.values():
        chosen = [articles[i] for i in members]
        refined = refine_publication_dates(chosen, [analyses[i] for i in members])
        for i, pair in zip(members, _dated(chosen, refined), strict=True):
            out[i] = pair
    return [pair for pair in out if pair is not None]


#: Arrivals between full snapshots of the clusterer's state (8 ingest batches). Between them a
#: batch stores its assignments and moves the state's generation on, nothing more; a run's last
#: batch writes one too. Restoring replays the articles assigned since the snapshot (its tail),
#: so a crash costs replaying fewer than this many articles plus one batch.
SNAPSHOT_ARRIVALS = 8 * INGEST_BATCH


def _assign(
    index: StoryIndex, pairs: Sequence[tuple[Article, ArticleAnalysis]], snapshot: bool
) -> StoryBatch:
    """Cluster ``pairs`` (in arrival order) into ``index``: the batch's assignments and, when
    ``snapshot``, the index's state after them, for the store to commit with the batch."""
    from .store import StoryBatch

    items = arrival_order(item_of(article, analysis) for article, analysis in pairs)
    assignments = tuple(index.add(item) for item in items)
    return StoryBatch(assignments, tuple(a.id for a, _ in pairs), index.snapshot() if snapshot else None)


def _loaded(saved: SavedIndex) -> tuple[StoryIndex, int]:
    """The index as the last stored batch left it, and the arrival count of the saved snapshot:
    the snapshot restored, then its tail (the articles assigned since) re-added in arrival
    order. Their assignments are stored already and are not stored again; adding the same items
    in the same order to the restored state repeats the same steps, so the index equals the one
    that kept running."""
    if saved.generation is None:
        return StoryIndex(), 0
    found = saved.load()
    try:
        index = StoryIndex.restore(found.state)
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"the saved story index cannot be read: {exc}") from None
    snapshot_at = index.arrivals
    for article, analysis in found.tail:
        index.add(item_of(article, analysis))
    return index, snapshot_at


class _Clusterer:
    """One ingest run's clustering, done by the store under its story lock (:data:`Clusterer`).

    The trap: restoring the index once per run and saving it per batch loses another writer's
    assignments (each saves a state that never saw the other's). So each batch clusters from the
    state stored when the lock is held, skipping articles another writer clustered meanwhile.
    The second trap: reading that state to compare it with the one saved last, and writing it
    whole, on every batch cost each batch the whole open window (a multi-MB state), so an ingest
    grew quadratic with the stream. So the check compares the state's generation, an integer
    every stored batch moves on: the index kept from the previous batch is reused while the
    stored generation is the one that batch left (no other writer in between), and the state is
    read (snapshot plus tail: :func:`_loaded`) only when another writer moved it, on a run's
    first batch, or when the store retries a batch (the index kept in memory holds the failed
    attempt's articles). A full snapshot is written every ``snapshot_arrivals`` arrivals and by
    the run's last batch; the batches between are its tail.

    ``joined`` maps this run's clustered articles to their story, ``resolve`` follows the merges
    this run made."""

    def __init__(self, snapshot_arrivals: int = SNAPSHOT_ARRIVALS) -> None:
        self.joined: dict[str, str] = {}
        self._merged_into: dict[str, str] = {}
        self._every = snapshot_arrivals
        self._index: StoryIndex | None = None
        self._generation: int | None = None  # the generation self._index is the state of
        self._snapshot_at = 0  # the arrival count of the stored snapshot

    def batch(self, pairs: Sequence[tuple[Article, ArticleAnalysis]], *, last: bool = False) -> Clusterer:
        """The :data:`Clusterer` of one batch; ``last``: the run's last, which saves a snapshot."""
        attempts = 0

        def cluster(saved: SavedIndex, clustered: Callable[[Sequence[str]], set[str]]) -> StoryBatch:
            nonlocal attempts
            attempts += 1
            index = self._index
            if (
                index is None
                or saved.generation is None
                or saved.generation != self._generation
                or attempts > 1
            ):
                index, self._snapshot_at = _loaded(saved)
                self._index = index
            done = clustered([a.id for a, _ in pairs])
            todo = [(a, an) for a, an in pairs if a.id not in done]
            snapshot = (
                saved.generation is None
                or last
                or index.arrivals + len(todo) - self._snapshot_at >= self._every
            )
            stories = _assign(index, todo, snapshot)
            if snapshot:
                self._snapshot_at = index.arrivals
            self._generation = (saved.generation or 0) + 1
            for a in stories.assignments:
                self.joined[a.article_id] = a.story_id
                self._merged_into.update((gone, a.story_id) for gone in a.merged)
            return stories

        return cluster

    def resolve(self, story_id: str) -> str:
        """The story ``story_id`` belongs to after this run's merges."""
        while story_id in self._merged_into:
            story_id = self._merged_into[story_id]
        return story_id


def _bootstrap_stories(store: Store) -> None:
    """A store without a saved clusterer state (new, or written before stories were kept) has
    its analysed articles clustered once, in stored (publication) order, and that state saved:
    later runs restore it, never replaying more than its tail. Under the story lock, so of two writers only the
    first clusters them."""
    if store.story_index_generation() is not None:
        return
    stored = [(a, store.analysis(a.id)) for a in store.articles()]
    analysed = [(a, an) for a, an in stored if an is not None]

    def cluster(saved: SavedIndex, clustered: Callable[[Sequence[str]], set[str]]) -> StoryBatch | None:
        if saved.generation is not None:
            return None  # another writer did it meanwhile
        done = clustered([a.id for a, _ in analysed])
        return _assign(StoryIndex(), [(a, an) for a, an in analysed if a.id not in done], snapshot=True)

    store.add([], cluster=cluster)


def story_key(article_ids: Sequence[str], model: str | None, summary_words: int) -> str:
    """The key a story's stored analysis is valid under: its articles in order, the model that
    analysed them, the summary length and the newsprism version (any change means relinking)."""
    from . import __version__

    payload = json.dumps([list(article_ids), model, summary_words, __version__])
    return hashlib.sha256(payload.encode()).hexdigest()


def _stored_members(store: Store, story_id: str, summary_words: int) -> tuple[str, Callable[[], Story]]:
    """The key of story ``story_id`` as stored now, and how to link it: ``link_story`` over its
    articles in input order with their stored analyses, exactly the call ``analyze`` makes."""
    members = store.story_articles(story_id)
    articles = [a for a, _, _ in members]
    analyses = [an for _, an, _ in members]
    model = ", ".join(sorted({m for _, _, m in members if m})) or None

    def link() -> Story:
        return replace(link_story(articles, analyses, summary_words=summary_words), model=model)

    return story_key([a.id for a in articles], model, summary_words), link


def refresh_stories(store: Store, summary_words: int) -> int:
    """Analyse again every story whose articles changed (the store marks them stale), each in its
    own transaction; return how many were stored. A story whose articles did not change is not
    touched; one that another writer changed while it was linked stays stale for that writer
    (see :meth:`~newsprism.store.Store.set_story_analysis`)."""
    count = 0
    for story_id in store.stale_stories():
        check_interrupted()
        key, link = _stored_members(store, story_id, summary_words)
        story = link()
        count += store.set_story_analysis(story_summary(story_id, story), key, story)
    return count


def stored_story(store: Store, ref: str, summary_words: int) -> Story:
    """The story ``ref`` (an id, a unique prefix or a merged story's id) as ``analyze`` would
    report its articles: the stored analysis when its key still holds, else linked afresh."""
    story_id = store.find_story(ref)
    key, link = _stored_members(store, story_id, summary_words)
    stored_key, stored = store.story_analysis(story_id)
    return stored if stored is not None and stored_key == key else link()


def story_summary(story_id: str, story: Story) -> StorySummary:
    """How ``newsprism stories`` lists ``story``: the title of its earliest article (the first
    in input order when undated), its outlets in input order, its independent origins (as the
    briefs count them) and the days (:func:`~newsprism.records.published_day`) of its first and
    last publication dates."""
    from .store import StorySummary

    dated = [
        (effective_published(a, an).value, a.title, a.text)
        for a, an in zip(story.articles, story.analyses, strict=True)
    ]
    values = sorted(day for value, _, _ in dated if (day := published_day(value)))
    return StorySummary(
        id=story_id,
        title=story_title(dated),
        articles=len(story.articles),
        outlets=tuple(dict.fromkeys(a.outlet for a in story.articles if a.outlet)),
        origins=len(story.origins) or len(story.articles),
        first_published=values[0] if values else None,
        last_published=values[-1] if values else None,
    )


def _dated(
    articles: Sequence[Article], analyses: Sequence[ArticleAnalysis]
) -> list[tuple[Article, ArticleAnalysis]]:
    """Each article paired with its analysis, carrying the date story.json reports for it."""
    return [
        (replace(a, published=effective_published(a, an)), an)
        for a, an in zip(articles, analyses, strict=True)
    ]
