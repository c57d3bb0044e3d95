"""Refine inferred publication dates across the articles of one run.

Articles about one story are published within days of each other and date the same events.
For every article whose date was inferred (or is unknown) we score each day of the run's year
against its own clues (:mod:`newsprism.extract.timex.pubdate`) plus two run-level terms:

* **shared events**: a weekday the article names ("met on Thursday") that falls, for a candidate
  publication day, on an explicit day another article gives ("Sept. 15-16") scores high, unless
  it already falls on an explicit day of its own article (in-article coherence comes first);
* **proximity**: days near the median date of the already-dated articles (metadata dates first,
  then refined ones) score a little higher.

The run's year comes from metadata dates when there are any, else from the latest year any
article mentions. Without the parses, clues come from the stored expressions: the clause tense
recorded with each one and datelines read from the article text. Time expressions of articles
whose anchor changed are re-normalised from their text (:func:`newsprism.extract.timex.reanchor`);
nothing is re-parsed.
"""

from __future__ import annotations

import statistics
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc

from ..extract.timex import (
    Narrative,
    Place,
    anchor_date_of,
    clue_sources,
    narrate,
    narrative_places,
    reanchor,
    stored_tense,
)
from ..extract.timex.normalise import NarrativeTime, Tense
from ..extract.timex.pubdate import (
    Clue,
    ClueSource,
    ExplicitDay,
    choose_day,
    clues_from,
    coherent_day,
    day_scores,
    estimate_year,
    explicit_days,
    is_dateline,
    weekday_date,
)
from ..records import Article, ArticleAnalysis, Published, TimeExpression

__all__ = ["refine_publication_dates"]

_EVENT_WINDOW = 14  # days between an article's date and an event day it gives
_NEAR_DAYS = 14  # days from the run's median date within which a day scores for proximity
_WEEK_REACH = 6  # the most days between a weekday and the day it names (normalise.resolve_weekday)


def _sources_without_doc(analysis: ArticleAnalysis, text: str) -> list[ClueSource]:
    """Clue inputs from stored time expressions (their recorded tense) and the article ``text``."""
    sents = analysis.sentences
    starts = [s for s, _ in sents]

    def sentence_of(start: int) -> int:
        """The sentence holding offset ``start``, -1 between sentences. A binary search over
        the ordered, disjoint sentence spans: a scan per expression was quadratic in the
        length of a text (thousands of sentences times thousands of expressions)."""
        i = bisect_right(starts, start) - 1
        return i if i >= 0 and start < sents[i][1] else -1

    def dateline(t: TimeExpression) -> bool:
        return t.span.text_of(text) == t.text and is_dateline(text, t.span.start, t.span.end)

    return [
        ClueSource(t.text, stored_tense(t), sentence_of(t.span.start), dateline=dateline(t))
        for t in analysis.time_expressions
    ]


def _event_days(clues: Sequence[Clue], year: int) -> list[tuple[date, str]]:
    """Explicit days an article gives ("Sept. 15-16" → Sept. 15 of ``year`` unless it has one)."""
    out = []
    for c in clues:
        if c.kind == "day" and c.month is not None and c.day is not None:
            try:
                out.append((date(c.year or year, c.month, c.day), c.text))
            except ValueError:
                continue
    return out


def _is_dated(published: Published | None) -> bool:
    return published is not None and published.how == "metadata" and bool(published.value)


def refine_publication_dates(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    docs: Sequence[Doc] | None = None,
) -> list[ArticleAnalysis]:
    """``analyses`` (same order as ``articles``) with inferred dates refined across the run.

    Metadata-dated articles are returned unchanged. ``docs`` (the parsed articles, same order)
    give clause tenses and event verbs; without them the stored time expressions are used.
    """
    if len(articles) != len(analyses):
        raise ValueError("articles and analyses must be parallel sequences")
    sources = [
        clue_sources(docs[i]) if docs is not None else _sources_without_doc(a, articles[i].text)
        for i, a in enumerate(analyses)
    ]
    clues = [clues_from(s) for s in sources]
    metadata = [anchor_date_of(a.published) if _is_dated(a.published) else None for a in articles]
    meta_years = [d.year for d in metadata if d is not None]
    if meta_years:
        run_year: int | None = statistics.mode(meta_years)
        year_note, year_certain = f"year {run_year}: metadata dates of the run", True
    else:
        years = [y for y in (estimate_year(c) for c in clues) if y is not None]
        run_year = max(years) if years else None
        year_note, year_certain = f"year {run_year}: latest year mentioned in the run", False
    if run_year is None:
        return list(analyses)

    dated: dict[int, date] = {i: d for i, d in enumerate(metadata) if d is not None}
    todo = [i for i in range(len(articles)) if metadata[i] is None]
    # First pass: each article on its own clues, in the run's year.
    scores = {i: day_scores(clues[i], run_year) for i in todo}  # the same in every pass
    provisional = {i: choose_day(clues[i], run_year, year_note, None, year_certain, scores[i]) for i in todo}
    own = {**{i: p.day for i, p in provisional.items() if p is not None}, **dated}
    # An explicit day dates a shared event only when it is close to its own article's date
    # ("Sept. 15-16" next week), not history ("February 24").
    events = [
        [(d, text) for d, text in _event_days(c, own[i].year) if abs((d - own[i]).days) <= _EVENT_WINDOW]
        if i in own
        else []
        for i, c in enumerate(clues)
    ]
    # Most confident first: the others then lean on them.
    todo.sort(key=lambda i: (-(provisional[i].confidence if provisional[i] is not None else 0.0), i))  # type: ignore[union-attr]
    refined: dict[int, Published] = {}
    # Every other article's event days by day, in article order: the first one of another
    # article is the link (an index, so each article does not scan the whole run).
    events_on: dict[date, list[tuple[int, str, str]]] = {}
    for j, ev in enumerate(events):
        for d, text in ev:
            events_on.setdefault(d, []).append((j, text, articles[j].id))
    # The days a weekday can link to an event day: a weekday names a day at most 6 days away.
    linkable = {d + timedelta(days=k) for d in events_on for k in range(-_WEEK_REACH, _WEEK_REACH + 1)}
    # Dated articles' days, sorted, for the median of the others (kept up to date below).
    pool = sorted(d.toordinal() for d in dated.values())
    # Two rounds: the second sees every other article's first-round date.
    for i in todo + todo:
        centre = _median_without(pool, dated[i].toordinal() if i in dated else None)
        weekdays = [c for c in clues[i] if c.kind == "weekday"]
        # Every day on which `extra` can score: near the centre, or where a weekday can link.
        near_days = (
            {centre + timedelta(days=k) for k in range(1 - _NEAR_DAYS, _NEAR_DAYS)} if centre else set()
        )
        extra_days = near_days | linkable if weekdays else near_days
        own_days_of: dict[int, list[ExplicitDay]] = {}

        def extra(
            day: date,
            i: int = i,
            weekdays: list[Clue] = weekdays,
            own_clues: list[Clue] = clues[i],
            own_days_of: dict[int, list[ExplicitDay]] = own_days_of,
            centre: date | None = centre,
        ) -> tuple[float, list[str]]:
            score, why = 0.0, []
            own_days = own_days_of.get(day.year)
            if own_days is None:
                own_days = own_days_of[day.year] = explicit_days(own_clues, day.year)
            for clue in weekdays:
                if coherent_day(clue, day, own_days) is not None:
                    continue  # scored by its own article (score_day); no second, outside link
                named = weekday_date(clue, day)
                if named is None:
                    continue
                link = next(((text, art) for j, text, art in events_on.get(named, ()) if j != i), None)
                if link is not None:
                    score += 1.5
                    why.append(f"'{clue.text}' = '{link[0]}' in article {link[1]}")
            if centre is not None:
                near = max(0.0, 1.0 - abs((day - centre).days) / _NEAR_DAYS)
                if near > 0:
                    score += 0.5 * near
                    why.append(f"near the run's dated articles ({centre.isoformat()})")
            return score, why

        choice = choose_day(clues[i], run_year, year_note, extra, year_certain, scores[i], extra_days)
        if choice is None:
            continue
        refined[i] = Published(
            value=choice.day.isoformat(),
            how="inferred",
            confidence=choice.confidence,
            evidence=(*choice.evidence, "refined across the run"),
        )
        if i in dated:
            pool.pop(bisect_left(pool, dated[i].toordinal()))
        insort(pool, choice.day.toordinal())
        dated[i] = choice.day

    out: list[ArticleAnalysis] = []
    for i, analysis in enumerate(analyses):
        if i not in refined:
            out.append(analysis)
            continue
        new = refined[i]
        old_anchor = anchor_date_of(analysis.published) if analysis.published else None
        new_anchor = anchor_date_of(new)
        exprs = analysis.time_expressions
        if new_anchor != old_anchor:
            tenses = [s.tense for s in sources[i]] if docs is not None else None
            where = narrative_places(articles[i].text, exprs, analysis.sentences)
            exprs = _reanchor_all(exprs, new_anchor, tenses, where)
        out.append(replace(analysis, published=new, time_expressions=exprs))
    return out


def _median_without(pool: list[int], leave_out: int | None) -> date | None:
    """The median day of the sorted ordinals ``pool`` with one ``leave_out`` value left out
    (``statistics.median``, truncated to a day); None when nothing is left."""
    if leave_out is not None:
        k = bisect_left(pool, leave_out)
        pool.pop(k)
    n = len(pool)
    if n == 0:
        mid = None
    elif n % 2:
        mid = date.fromordinal(pool[n // 2])
    else:
        mid = date.fromordinal(int((pool[n // 2 - 1] + pool[n // 2]) / 2))
    if leave_out is not None:
        pool.insert(k, leave_out)
    return mid


def _reanchor_all(
    exprs: Sequence[TimeExpression],
    anchor: date | None,
    tenses: Sequence[Tense | None] | None,
    where: Sequence[Place] | None = None,
) -> tuple[TimeExpression, ...]:
    """Re-normalise ``exprs`` in order, threading the :class:`Narrative` (the antecedent of
    "since then"/"at the time", the narrative time of a month without a year) as extraction
    does; ``where`` holds each expression's place in its text (:func:`narrative_places`)."""
    out: list[TimeExpression] = []
    narrative = Narrative()
    use_tenses = tenses is not None and len(tenses) == len(exprs)
    use_places = where is not None and len(where) == len(exprs)
    for k, expr in enumerate(exprs):
        tense = tenses[k] if use_tenses and tenses is not None else None
        if tense is None:
            tense = stored_tense(expr)
        place = where[k] if use_places and where is not None else None
        new, narrative = narrate(narrative, place, expr.text, anchor, tense, _reader(expr, tense, narrative))
        out.append(new)
    return tuple(out)


def _reader(
    expr: TimeExpression, tense: Tense | None, narrative: Narrative
) -> Callable[[date | None, NarrativeTime | None], TimeExpression]:
    """How :func:`narrate` reads ``expr`` again: against an anchor and a narrative time."""

    def read(anchor: date | None, time: NarrativeTime | None) -> TimeExpression:
        return reanchor(expr, anchor, tense, narrative.previous, narrative.latest, time)

    return read
