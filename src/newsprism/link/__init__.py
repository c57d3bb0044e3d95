"""The cross-article stage: from every article's own analysis to one :class:`~newsprism.records.Story`.

:func:`link_story` is the package's entry; it reads as the stage's data flow. Every step is
blocked or sketched so it stays near-linear in the number of articles (``make bench`` measures
the stage and each step on 1k-8k articles). The steps are wrapped here, once, with
:func:`~newsprism.link.timing.timed`, so each reports its seconds under its own name while a
:func:`~newsprism.link.timing.step_timer` listens; their modules stay free of timing.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Article, ArticleAnalysis, Story
from ..summarize import summarize as _summarize
from .claims import build_claims as _build_claims
from .dates import refine_publication_dates as _refine_publication_dates
from .entities import canonicalise as _canonicalise
from .entities import link_quotes as _link_quotes
from .notes import source_notes as _source_notes
from .origins import find_origins as _find_origins
from .origins import origin_index
from .quotes import group_quotes as _group_quotes
from .quotes import group_speakers as _group_speakers
from .timeline import build_timeline as _build_timeline
from .timing import timed

refine_publication_dates = timed(_refine_publication_dates)
canonicalise = timed(_canonicalise)
link_quotes = timed(_link_quotes)
find_origins = timed(_find_origins)
group_quotes = timed(_group_quotes)
group_speakers = timed(_group_speakers)
build_claims = timed(_build_claims)
build_timeline = timed(_build_timeline)
summarize = timed(_summarize)
source_notes = timed(_source_notes)


def link_story(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    summary_words: int = 200,
) -> Story:
    """Dates refined across the run, entities canonicalised, quote speakers linked, copies found,
    quotes grouped, claims and conflicts, timeline, cited summary and per-source notes."""
    analyses = refine_publication_dates(articles, analyses)
    entities = canonicalise(analyses)
    analyses = link_quotes(analyses, entities)
    origins = find_origins(articles, analyses)
    origin_of = origin_index(origins)
    quote_groups = group_quotes(articles, analyses, entities, origin_of)
    analyses = group_speakers(analyses, quote_groups)
    claims, conflicts = build_claims(articles, analyses, entities, quote_groups, origin_of)
    timeline = build_timeline(articles, analyses, origin_of)
    summary = summarize(articles, analyses, origin_of, summary_words, {e.id: e.name for e in entities})
    notes = source_notes(articles, analyses, origins, claims)
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
