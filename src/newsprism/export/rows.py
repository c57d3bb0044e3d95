"""The rows of each table export, built once from the stories and read by every writer.

A row is a frozen dataclass; its annotations *are* the declared schema (:mod:`.writers` maps
``str``, ``int``, ``float``, ``bool``, ``tuple[str, ...]`` and their ``| None`` forms to Parquet
types, CSV cells and JSON values through one table), so the three table formats cannot drift
apart. Every row that comes from the text carries its span as ``article_id``, ``start`` and
``end`` (offsets into that article's clean text) plus the text itself, so each cell can be
checked against its source: ``article.text[start:end] == text``.

Items with several spans (an entity's mentions, a claim's supporting sentences) give one row per
span, the item's own columns repeated: a row never stands for more text than it cites.

An entity is named by :func:`~newsprism.records.cross_story_id` (``entity_id``, a quote's
``speaker_id``), the id the actor network's nodes and the web's entity pages and API give it, so
the tables join each other, the network and ``/entities/<id>`` across stories. A story's own
``Entity.id`` (story.json's) hashes the type too and never leaves the story.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..records import Article, ArticleAnalysis, Story, cross_story_id, effective_published
from ..store import StorySummary


@dataclass(frozen=True, slots=True)
class ExportStory:
    """One story to export: its listing (id, title, dates, origins: what ``newsprism stories``
    shows) and its linked analysis (what ``analyze`` reports)."""

    summary: StorySummary
    story: Story


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One article: its metadata, the date newsprism reports for it, its quality and its text."""

    story_id: str | None  # None: stored but in no story (another language, not yet analysed)
    article_id: str
    title: str
    outlet: str | None
    url: str | None
    source: str
    language: str
    published: str | None
    published_how: str
    quality_score: float | None
    spun: bool | None
    chars: int
    text: str


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One quote as found in one article, with its speaker (cross-story id and canonical name
    when linked, else why not: ``unresolved``) and the quote group it belongs to across outlets.

    ``speaker_name`` is story.json's: the name the article's attribution resolved to, set also
    when no entity was linked ("California Governor", "X and Y": a description or a pair is no
    canonical entity). Without it such a quote's speaker was lost in the export, though the
    briefs name it; ``speaker`` stays the canonical name only, so grouping by it never mixes
    an entity with a bare phrase."""

    story_id: str
    quote_id: str
    group_id: str | None
    article_id: str
    outlet: str | None
    start: int
    end: int
    text: str
    kind: str
    speaker_id: str | None  # the entity's cross_story_id, as entity_id in the entities table
    speaker: str | None  # the canonical entity's name
    speaker_name: str | None  # the name resolved in the article, linked to an entity or not
    speaker_text: str | None  # the speaker as written in the article
    speaker_start: int | None
    speaker_end: int | None
    role: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    unresolved: str | None


@dataclass(frozen=True, slots=True)
class EntityRow:
    """One mention of a canonical entity (person, organisation, place, ...)."""

    story_id: str
    entity_id: str  # cross_story_id(name): one id for the entity in every story
    name: str
    type: str
    aliases: tuple[str, ...]
    article_id: str
    start: int
    end: int
    text: str
    label: str  # the NER label of the mention (PERSON, ORG, GPE, ...)


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One sentence (or figure) supporting a claim, with the claim's corroboration."""

    story_id: str
    claim_id: str
    kind: str
    claim: str  # the claim's representative wording
    independent_origins: int
    articles: int
    conflicts: tuple[str, ...]  # ids of the conflicts the claim takes part in
    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One story: its listing and how much its analysis found."""

    story_id: str
    title: str | None
    articles: int
    outlets: tuple[str, ...]
    independent_origins: int | None
    first_published: str | None  # the day (YYYY-MM-DD) of its earliest dated article
    last_published: str | None  # the day of its latest
    quotes: int
    entities: int
    claims: int
    conflicts: int
    summary: str  # the cited summary's sentences (their citations are in story.json)


Row = ArticleRow | QuoteRow | EntityRow | ClaimRow | StoryRow


def article_rows(stories: Sequence[ExportStory], loose: Sequence[Article] = ()) -> Iterator[ArticleRow]:
    """Each story's articles (with the date and quality its analysis gives them), then the
    ``loose`` articles that are in no story."""
    for item in stories:
        analyses: Sequence[ArticleAnalysis | None] = item.story.analyses or [None] * len(item.story.articles)
        for article, analysis in zip(item.story.articles, analyses, strict=True):
            yield _article_row(item.summary.id, article, analysis)
    for article in loose:
        yield _article_row(None, article, None)


def _article_row(story_id: str | None, article: Article, an: ArticleAnalysis | None) -> ArticleRow:
    published = effective_published(article, an)
    return ArticleRow(
        story_id=story_id,
        article_id=article.id,
        title=article.title,
        outlet=article.outlet,
        url=article.url,
        source=article.source,
        language=article.language,
        published=published.value,
        published_how=published.how,
        quality_score=an.quality.score if an else None,
        spun=an.quality.spun if an else None,
        chars=len(article.text),
        text=article.text,
    )


def quote_rows(stories: Sequence[ExportStory]) -> Iterator[QuoteRow]:
    """Every quote of every article, in article order then text order."""
    for item in stories:
        story = item.story
        names = {e.id: e.name for e in story.entities}
        across = {e.id: cross_story_id(e.name) for e in story.entities}
        groups = {v.quote: g.id for g in story.quote_groups for v in g.variants}
        outlets = {a.id: a.outlet for a in story.articles}
        for analysis in story.analyses:
            for q in sorted(analysis.quotes, key=lambda q: (q.span.start, q.span.end)):
                yield QuoteRow(
                    story_id=item.summary.id,
                    quote_id=q.id,
                    group_id=groups.get(q.id),
                    article_id=q.span.article,
                    outlet=outlets.get(q.span.article),
                    start=q.span.start,
                    end=q.span.end,
                    text=q.text,
                    kind=q.kind,
                    speaker_id=across.get(q.speaker) if q.speaker else None,
                    speaker=names.get(q.speaker) if q.speaker else None,
                    speaker_name=q.speaker_name,
                    speaker_text=q.speaker_text,
                    speaker_start=q.speaker_span.start if q.speaker_span else None,
                    speaker_end=q.speaker_span.end if q.speaker_span else None,
                    role=q.role,
                    cue=q.cue,
                    cue_start=q.cue_span.start if q.cue_span else None,
                    cue_end=q.cue_span.end if q.cue_span else None,
                    unresolved=q.unresolved,
                )


def entity_rows(stories: Sequence[ExportStory]) -> Iterator[EntityRow]:
    """Every mention of every canonical entity, entities in the story's order."""
    for item in stories:
        for entity in item.story.entities:
            across = cross_story_id(entity.name)
            for m in entity.mentions:
                yield EntityRow(
                    story_id=item.summary.id,
                    entity_id=across,
                    name=entity.name,
                    type=entity.type,
                    aliases=entity.aliases,
                    article_id=m.span.article,
                    start=m.span.start,
                    end=m.span.end,
                    text=m.text,
                    label=m.label,
                )


def claim_rows(stories: Sequence[ExportStory]) -> Iterator[ClaimRow]:
    """Every supporting citation of every claim, claims in the story's order."""
    for item in stories:
        for claim in item.story.claims:
            for cite in claim.support:
                yield ClaimRow(
                    story_id=item.summary.id,
                    claim_id=claim.id,
                    kind=claim.kind,
                    claim=claim.text,
                    independent_origins=claim.independent_origins,
                    articles=len(claim.articles),
                    conflicts=claim.conflicts,
                    article_id=cite.span.article,
                    start=cite.span.start,
                    end=cite.span.end,
                    text=cite.text,
                )


def story_rows(stories: Sequence[ExportStory]) -> Iterator[StoryRow]:
    """One row per story, in the order given."""
    for item in stories:
        s, story = item.summary, item.story
        yield StoryRow(
            story_id=s.id,
            title=s.title,
            articles=len(story.articles),
            outlets=s.outlets,
            independent_origins=s.origins,
            first_published=s.first_published,
            last_published=s.last_published,
            quotes=sum(len(an.quotes) for an in story.analyses),
            entities=len(story.entities),
            claims=len(story.claims),
            conflicts=len(story.conflicts),
            summary=" ".join(sentence.text for sentence in story.summary),
        )
