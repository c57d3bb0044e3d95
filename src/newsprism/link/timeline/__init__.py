"""Dated events from all articles merged across sources into one ordered timeline.

Each article's time expressions of type DATE with a calendar value (a day, week, month, quarter,
half, year or an interval of them; see :mod:`.dates`) date the sentence around them: that
sentence is cited and, cut to its clause when long, describes the event. Relative references
(``PRESENT_REF`` ...), durations and sets are not events. A dated sentence that says nothing beyond
its date (a dateline, "Thursday, March 13") is left out. A schedule (dates listed one a line,
:mod:`newsprism.extract.timex.schedule`) is one event dated by the interval from its first to
its last date, citing the whole list: two outlets printing one tour list agree on one event.

Sentences of any articles are one event when their dates agree and their descriptions match
(:mod:`.merge`). An event carries every supporting sentence and the number of independent
origins behind them; the timeline is ordered by the start date, then by support (most first).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ...extract.timex.schedule import schedule_members
from ...records import Article, ArticleAnalysis, Citation, TimelineEvent, content_id, paired
from .dates import PRECISION_RANK, calendar_value
from .merge import DatedSentence, cluster
from .text import citation, describe, names_in, sentence_around, within_paragraph, words_outside

MIN_WORDS = 3  # a dated sentence with fewer content words besides its date describes nothing


def dated_sentences(article: Article, analysis: ArticleAnalysis, order: int = 0) -> list[DatedSentence]:
    """One entry per (sentence, date value) of ``article``: what its dated sentences say, and when."""
    out: list[DatedSentence] = []
    seen: set[tuple[int, str]] = set()
    sentences = sorted(analysis.sentences)
    dates = [
        (tx, when)
        for tx in sorted(analysis.time_expressions, key=lambda t: (t.span.start, t.span.end))
        if tx.type == "DATE" and (when := calendar_value(tx.value)) is not None
    ]
    schedules = schedule_members(article.text, [(tx.span.start, tx.span.end) for tx, _ in dates])
    for k, (tx, when) in enumerate(dates):
        run = schedules.get(k)
        if run is not None:
            if k != run[0]:
                continue  # one event per schedule, made at its first item
            first, last = dates[run[0]], dates[run[-1]]
            when = calendar_value(f"{first[1].value}/{last[1].value}") or when
            line_start = article.text.rfind("\n", 0, tx.span.start) + 1
            line_end = article.text.find("\n", last[0].span.end)
            cite = citation(
                article.id, article.text, (line_start, len(article.text) if line_end < 0 else line_end)
            )
        else:
            span = sentence_around(sentences, tx.span.start, tx.span.end, len(article.text))
            cite = citation(
                article.id, article.text, within_paragraph(article.text, span, tx.span.start, tx.span.end)
            )
        if (cite.span.start, when.value) in seen or not cite.text:
            continue
        words = words_outside(cite, tx.span.start, tx.span.end)
        if len(words) < MIN_WORDS:
            continue
        seen.add((cite.span.start, when.value))
        names = names_in(analysis.mentions, (cite.span.start, cite.span.end))
        out.append(
            DatedSentence(
                article.id, order, when, cite, describe(cite, tx.span.start, tx.span.end), words, names
            )
        )
    return _finest(out)


def _finest(dated: list[DatedSentence]) -> list[DatedSentence]:
    """Drop a sentence's date that holds another date of the same sentence ("Sept. 15-16 last
    year": the interval, not the year, dates the event)."""
    return [d for d in dated if not any(o.citation == d.citation and d.when.contains(o.when) for o in dated)]


def _event(group: Sequence[DatedSentence], origin_of: Mapping[str, str]) -> TimelineEvent:
    """One event from a group: the finest date in it, the description of the first sentence
    carrying that date, every distinct supporting sentence (input order)."""
    when = min((s.when for s in group), key=lambda w: (PRECISION_RANK[w.precision], w.first, w.value))
    lead = min((s for s in group if s.when == when), key=lambda s: (s.order, s.citation.span.start))
    support: list[Citation] = []
    for s in sorted(group, key=lambda s: (s.order, s.citation.span.start)):
        if s.citation not in support:
            support.append(s.citation)
    origins = {origin_of.get(c.span.article, c.span.article) for c in support}
    return TimelineEvent(
        id=content_id(
            "timeline", when.value, lead.description, *(f"{c.span.article}:{c.span.start}" for c in support)
        ),
        date=when.value,
        precision=when.precision,
        sort_key=when.sort_key,
        text=lead.description,
        support=tuple(support),
        independent_origins=len(origins),
    )


def build_timeline(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    origin_of: Mapping[str, str],
) -> list[TimelineEvent]:
    """Events with normalised dates, merged across sources, ordered by date."""
    sentences: list[DatedSentence] = []
    for pair in paired(articles, analyses):
        sentences.extend(dated_sentences(pair.article, pair.analysis, pair.order))
    events = [_event(group, origin_of) for group in cluster(sentences)]
    return sorted(events, key=lambda e: (e.sort_key, -len(e.support), -e.independent_origins, e.date, e.id))
