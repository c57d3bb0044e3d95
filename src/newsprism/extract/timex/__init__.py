"""Time expressions normalised TIMEX3-style, and publication-date inference.

The orchestrator calls, per article::

    published = article.published if article.published.value else infer_publication_date(doc, id)
    timexes = extract_time_expressions(doc, id, anchor_date_of(published))

and then :func:`newsprism.link.dates.refine_publication_dates` across the run, which re-anchors
expressions with :func:`reanchor` (from their text; no re-parsing). Each expression keeps the
tense of its clause (``TimeExpression.tense``) so that re-anchoring and date inference without
the parse still read "gave way on Thursday" as past.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from ...nlp.text import doc_text
from ...records import Published, Span, TimeExpression, content_id
from .narrative import Narrative, Place, is_antecedent, narrate, places
from .normalise import NarrativeTime, Normalised, Tense, normalise
from .pubdate import ClueSource, choose_day, clues_from, estimate_year, is_dateline
from .schedule import schedule_runs
from .spans import Candidate, clause_tense, find_candidates, governing_verb
from .values import date_range

#: Words of a schedule's heading or announcement that say its dates lie ahead ("Tour dates:",
#: "the upcoming fixtures", "the schedule").
SCHEDULE_CUES = frozenset(
    {"tour", "schedule", "upcoming", "fixture", "itinerary", "programme", "program", "lineup", "calendar"}
)
#: Sentences before a schedule read for its announcement.
ANNOUNCEMENT_SENTENCES = 3

__all__ = [
    "Narrative",
    "Place",
    "anchor_date_of",
    "clause_tense",
    "clue_sources",
    "extract_time_expressions",
    "infer_publication_date",
    "is_antecedent",
    "narrate",
    "narrative_places",
    "reanchor",
    "stored_tense",
    "tense_from_value",
]


def anchor_date_of(published: Published) -> date | None:
    """The calendar date of ``published.value`` (an ISO date or datetime), or ``None``."""
    if not published.value:
        return None
    try:
        return date.fromisoformat(published.value[:10])
    except ValueError:
        return None


def extract_time_expressions(
    doc: Doc, article_id: str, anchor: date | None, sentences: Sequence[tuple[int, int]] | None = None
) -> list[TimeExpression]:
    """Every time expression in ``doc``, normalised against ``anchor`` (the publication date),
    in the narrative the article tells (:mod:`.narrative`). ``sentences``: the sentence spans
    the analysis records (``ArticleAnalysis.sentences``, so that re-anchoring reads the same
    stretches); the parser's when not given."""
    out: list[TimeExpression] = []
    narrative = Narrative()
    anchor_iso = anchor.isoformat() if anchor else None
    candidates = schedule_tenses(doc, find_candidates(doc))
    spans = [doc[c.start : c.end] for c in candidates]
    if sentences is None:
        sentences = _parser_sentences(doc)
    where = places(doc_text(doc), [(s.start_char, s.end_char) for s in spans], sentences)
    for cand, span, place in zip(candidates, spans, where, strict=True):
        read = _reader(span.text, cand, narrative)
        norm, narrative = narrate(narrative, place, span.text, anchor, cand.tense, read)
        start, end = span.start_char, span.end_char
        out.append(
            TimeExpression(
                id=content_id(article_id, str(start), str(end)),
                span=Span(article_id, start, end),
                text=span.text,
                type=norm.type,
                value=norm.value,
                mod=norm.mod,
                anchor=anchor_iso,
                tense=cand.tense,
            )
        )
    return out


def _reader(
    text: str, cand: Candidate, narrative: Narrative
) -> Callable[[date | None, NarrativeTime | None], Normalised]:
    """How :func:`narrate` reads the candidate ``text``: against an anchor and a narrative time."""

    def read(anchor: date | None, time: NarrativeTime | None) -> Normalised:
        return normalise(
            text,
            anchor,
            cand.tense,
            narrative.previous,
            rate=cand.rate,
            ended=cand.ended,
            latest=narrative.latest,
            narrative=time,
        )

    return read


def _parser_sentences(doc: Doc) -> list[tuple[int, int]]:
    """The character spans of ``doc``'s sentences (none when it has no sentence boundaries)."""
    if not doc.has_annotation("SENT_START"):
        return []
    return [(s.start_char, s.end_char) for s in doc.sents]


def narrative_places(
    text: str, exprs: Sequence[TimeExpression], sentences: Sequence[tuple[int, int]]
) -> list[Place]:
    """The :class:`~.narrative.Place` of each stored expression in its article ``text``."""
    return places(text, [(e.span.start, e.span.end) for e in exprs], sentences)


def schedule_tenses(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """``candidates`` with the items of a schedule (:mod:`.timex_schedule`) read as future
    when the schedule is announced as one: a future-tense clause or a schedule word
    (:data:`SCHEDULE_CUES`) in its first item's sentence or the :data:`ANNOUNCEMENT_SENTENCES`
    before it ("The band will play eight dates ... Tour dates: June 9 – Seattle ..."). A bare
    "June 9" in such a list then resolves to the next June 9 after the publication date, not
    the last one. A list has no verb of its own, so the parse gives its items no tense, or the
    present of whatever it attached them to; only an item in a past-tense clause keeps it."""
    spans = [(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])) for c in candidates]
    out = list(candidates)
    for run in schedule_runs(doc_text(doc), spans):
        if _announced_ahead(doc, candidates[run[0]].start):
            for k in run:
                if out[k].tense != "past":
                    out[k] = replace(out[k], tense="future")
    return out


def _announced_ahead(doc: Doc, token: int) -> bool:
    """Whether the sentence of ``doc[token]`` or the few before it announce what lies ahead."""
    sent = doc[token].sent
    for _ in range(ANNOUNCEMENT_SENTENCES + 1):
        for t in sent:
            if t.lemma_.lower() in SCHEDULE_CUES:
                return True
            if t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"aux", "auxpass"} and clause_tense(t) == "future":
                return True
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return False


def tense_from_value(expr: TimeExpression) -> Tense | None:
    """The tense an expression was resolved with, read back from its value and anchor.

    A value before the anchor means it was read as past, after as future; the same day (or no
    value) tells nothing. This lets :func:`reanchor` work without the parse.
    """
    if expr.anchor is None or expr.value is None:
        return None
    head = date_range(expr.value.partition("/")[0])  # an interval: its start
    try:
        anchor = date.fromisoformat(expr.anchor[:10])
    except ValueError:
        return None
    if head is None or head.precision not in ("day", "week", "month"):
        return None  # a year or quarter holding the anchor is neither: its first day says nothing
    day = head.first
    if head.precision == "month" and "/" not in expr.value:  # a month: compare months
        anchor = anchor.replace(day=1)
    if day < anchor:
        return "past"
    if day > anchor:
        return "future"
    return None


def stored_tense(expr: TimeExpression) -> Tense | None:
    """The clause tense recorded with ``expr``; else (records made without it) read back from
    its value (:func:`tense_from_value`)."""
    if expr.tense == "past":
        return "past"
    if expr.tense == "present":
        return "present"
    if expr.tense == "future":
        return "future"
    return tense_from_value(expr)


def reanchor(
    expr: TimeExpression,
    anchor: date | None,
    tense: Tense | None = None,
    previous: str | None = None,
    latest: str | None = None,
    narrative: NarrativeTime | None = None,
) -> TimeExpression:
    """``expr`` normalised again from its text against a new ``anchor``.

    ``tense`` is the clause tense when the caller still has the parse; otherwise the recorded
    one (:func:`stored_tense`). ``previous``, ``latest`` and ``narrative`` (the narrative time
    :meth:`Narrative.reading` gives) are the :class:`Narrative`'s. Ids, offsets and the
    recorded tense do not change.
    """
    if expr.type == "SET" or (expr.type == "DURATION" and (expr.value or "").startswith("P")):
        # how often, or how long: no anchor enters it, and a rate or a period ended on a day
        # ("the year ended March 31") needs its context
        return replace(expr, anchor=anchor.isoformat() if anchor else None)
    if tense is None:
        tense = stored_tense(expr)
    norm = normalise(expr.text, anchor, tense, previous, latest=latest, narrative=narrative)
    return replace(
        expr, type=norm.type, value=norm.value, mod=norm.mod, anchor=anchor.isoformat() if anchor else None
    )


def clue_sources(doc: Doc) -> list[ClueSource]:
    """The time expressions of ``doc`` as inputs to date inference (text, tense, sentence)."""
    sent_index = {s.start: i for i, s in enumerate(doc.sents)} if doc.has_annotation("SENT_START") else {}
    out = []
    for cand in find_candidates(doc):
        span = doc[cand.start : cand.end]
        sent = sent_index.get(span.sent.start, 0) if sent_index else 0
        verb = governing_verb(span.root)
        event = verb.lemma_.lower() if verb is not None else None
        dateline = is_dateline(doc_text(doc), span.start_char, span.end_char)
        out.append(ClueSource(span.text, cand.tense, sent, event, dateline))
    return out


def infer_publication_date(doc: Doc, article_id: str) -> Published:
    """A publication date inferred from the text alone (``how="inferred"``), or unknown.

    Explicit years fix the year (the latest one mentioned: news reports the past), weekday names
    read with the tense of their clause, a dateline, explicit days near "next week"/"last week", and
    months in past or future clauses fix the day; see :mod:`newsprism.extract.timex.pubdate`.
    """
    del article_id  # the id is not evidence; kept for a uniform extractor signature
    clues = clues_from(clue_sources(doc))
    year = estimate_year(clues)
    if year is None:
        return Published()
    choice = choose_day(clues, year, f"year {year}: latest year mentioned")
    if choice is None:
        return Published()
    return Published(
        value=choice.day.isoformat(), how="inferred", confidence=choice.confidence, evidence=choice.evidence
    )
