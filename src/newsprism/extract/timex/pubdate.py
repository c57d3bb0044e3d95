"""Infer a publication date from the time expressions of an article (and of its run).

The article's time expressions become :class:`Clue` s: a weekday in a past-tense clause ("told
... on Thursday") says the article was written that day or soon after; one in a future clause
("will meet Thursday") says shortly before; an explicit day ("Sept. 15-16") in the same sentence
as "next week" pins the week; months in past/future clauses bound the month; explicit years give
the year. A dateline ("DOLNA MESTA, Carvania, March 13 (CPA) –" opening a paragraph) names the
day the story was filed: the strongest clue. A weekday that falls, for a candidate day, on an
explicit day of the same article ("on Thursday" … "March 13") supports that day: the article is
coherent with itself. Every day of the candidate year is scored against the clues
(:func:`score_day`) and the best one wins; ties and a guessed year lower the confidence. Run-level refinement
(:mod:`newsprism.link.dates`) adds the dates other articles give to the same events.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .normalise import MONTHS, WEEKDAYS, Tense, resolve_weekday

_DAY = re.compile(
    r"^(?:on |in |by )?(?:[A-Za-z]+day,? )?([A-Za-z]+)\.? (\d{1,2})(?:\s?[-–]\s?\d{1,2})?(?:,? (\d{4}))?$",
    re.I,
)
_MONTH = re.compile(r"^(?:in |by |since |until )?([A-Za-z]+)\.?(?: (\d{4}))?$", re.I)
#: A year: four digits not followed by a time zone or "hours" ("2031 GMT", "0600 hours" are clock
#: times; read as years, one wire story's "(2031 GMT on Friday)" dated a whole run in 2031).
_YEAR = re.compile(
    r"\b(1[89]\d\d|20\d\d)\b(?!\s*(?:gmt|utc|z|[ecmp][sd]t|bst|cet|cest|hrs?|hours?|h)\b)", re.IGNORECASE
)
_LIGHT_VERBS = {"be", "have", "do", "say", "tell", "make", "take", "get", "report", "announce"}
_REL_WEEK = {"last week": -1, "this week": 0, "next week": 1, "earlier this week": 0}
_PART_OF_DAY = re.compile(r" (?:morning|afternoon|evening|night)$")
# A dateline: a paragraph opening with a capitalised place ("DOLNA MESTA, Carvania, "), the date,
# an optional agency in brackets and a dash.
_DATELINE_PLACE = re.compile(
    r"[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+)*(?:, ?[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*)*)*, ?"
)
_DATELINE_TAIL = re.compile(r" ?(?:\([^()\n]{1,40}\) ?)?(?:[–—]|--?)\s")
_DATELINE_REACH = 600  # characters from the start of the text within which a dateline may open


def is_dateline(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is the date of a dateline ("CITY, March 13 (AGENCY) –").

    The place must open its line, in capitals (at least its first name), the date must be followed
    by an optional bracketed agency and a dash, and the line must start near the top of the text.
    """
    line_start = text.rfind("\n", 0, start) + 1
    if line_start > _DATELINE_REACH or start - line_start > 80:
        return False
    return (
        _DATELINE_PLACE.fullmatch(text[line_start:start]) is not None
        and _DATELINE_TAIL.match(text, end) is not None
    )


@dataclass(frozen=True, slots=True)
class ClueSource:
    """One time expression as the inference sees it: text, tense, sentence index."""

    text: str
    tense: Tense | None
    sentence: int
    event: str | None = None  # lemma of the governing verb ("meet"), pairs "next week" with a day
    dateline: bool = False  # the date of the article's dateline (see :func:`is_dateline`)


@dataclass(frozen=True, slots=True)
class Clue:
    """One piece of evidence about the publication date."""

    kind: str  # weekday, day, dateline, month, year
    text: str
    tense: Tense | None
    weekday: int | None = None
    month: int | None = None
    day: int | None = None
    year: int | None = None
    rel_week: int | None = None  # "next week" (1) / "this week" (0) / "last week" (-1) in the sentence


def clues_from(sources: Sequence[ClueSource]) -> list[Clue]:
    """Turn time expressions into clues (weekdays, explicit days, months, years)."""
    rel_by_sentence: dict[int, int] = {}
    rel_by_event: dict[str, int] = {}
    rel_by_tense: dict[Tense | None, set[int]] = {}
    for s in sources:
        key = s.text.lower().strip()
        if key in _REL_WEEK:
            rel_by_sentence.setdefault(s.sentence, _REL_WEEK[key])
            if s.event and s.event not in _LIGHT_VERBS:
                rel_by_event.setdefault(s.event, _REL_WEEK[key])
            rel_by_tense.setdefault(s.tense, set()).add(_REL_WEEK[key])
    day_tenses = [s.tense for s in sources if _DAY.match(s.text.strip())]

    def rel_week_of(s: ClueSource) -> int | None:
        """Same sentence, else same event verb; without verbs (no parse), the one relative week
        of a future clause when the article has a single future explicit day: previews repeat
        their one event ("will meet next week" … "will open on Sept. 15"), while past reports
        name several ("complained last week" is not "burst on Thursday, March 13")."""
        if s.sentence in rel_by_sentence:
            return rel_by_sentence[s.sentence]
        if s.event:
            return rel_by_event.get(s.event)
        same = rel_by_tense.get(s.tense, set()) if s.tense == "future" else set()
        if len(same) == 1 and day_tenses.count(s.tense) == 1:
            return next(iter(same))
        return None

    clues: list[Clue] = []
    for s in sources:
        text = s.text.strip()
        low = _PART_OF_DAY.sub("", text.lower().removeprefix("on ").strip())
        if low in WEEKDAYS:
            clues.append(Clue("weekday", text, s.tense, weekday=WEEKDAYS[low]))
            continue
        m = _DAY.match(text)
        head = low.split(" ", 1)[0].rstrip(",")
        if m and head in WEEKDAYS:
            # "Thursday, Oct. 21, 2010" is one expression: its weekday is a clue of its own
            # (and names the day beside it: :func:`coherent_day`), as when the two stood apart
            clues.append(Clue("weekday", text.split(" ", 1)[0].rstrip(","), s.tense, weekday=WEEKDAYS[head]))
        if m and m.group(1).lower() in MONTHS:
            year = int(m.group(3)) if m.group(3) else None
            clues.append(
                Clue(
                    "dateline" if s.dateline else "day",
                    text,
                    s.tense,
                    month=MONTHS[m.group(1).lower()],
                    day=int(m.group(2)),
                    year=year,
                    rel_week=rel_week_of(s),
                )
            )
            continue
        m = _MONTH.match(text)
        if m and m.group(1).lower() in MONTHS and m.group(1).lower() != "may":
            year = int(m.group(2)) if m.group(2) else None
            clues.append(Clue("month", text, s.tense, month=MONTHS[m.group(1).lower()], year=year))
            if year is None:
                continue
        for y in _YEAR.findall(text):
            clues.append(Clue("year", text, s.tense, year=int(y)))
    return clues


def estimate_year(clues: Sequence[Clue]) -> int | None:
    """The latest explicit year mentioned (news reports the past; the present is at least that),
    leaving out a bare year the text looks ahead to ("notes due 2031", "will open in 2027"): it
    says nothing of when the text was written. A future day keeps its year ("will meet on Sept.
    15, 2021": a preview is written days before)."""
    years = [c.year for c in clues if c.year is not None and not (c.kind == "year" and c.tense == "future")]
    return max(years) if years else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


ExplicitDay = tuple[date, str, Tense | None]  # day, text, tense of its clause (None: a dateline)


def explicit_days(clues: Sequence[Clue], year: int) -> list[ExplicitDay]:
    """The explicit days of ``clues`` (days and datelines; ``year`` when they name none)."""
    out: list[ExplicitDay] = []
    for c in clues:
        if c.kind in ("day", "dateline") and c.month is not None and c.day is not None:
            d = _safe_date(c.year or year, c.month, c.day)
            if d is not None:
                out.append((d, c.text, None if c.kind == "dateline" else c.tense))
    return out


def coherent_day(clue: Clue, pub: date, days: Sequence[ExplicitDay]) -> str | None:
    """The text of the explicit day of the same article that weekday ``clue`` names when the
    article is published on ``pub`` ("gave way on Thursday" = "March 13"), else ``None``.

    Only a weekday of a past or future clause names one day for sure, and it must agree with
    the day's own clause: "said Wednesday" is not the "will meet on Sept. 15" of a preview.
    """
    if clue.tense not in ("past", "future"):
        return None
    named = weekday_date(clue, pub)
    return next(
        (text for d, text, tense in days if d == named and tense in (None, "present", clue.tense)), None
    )


def score_day(
    c: date, clues: Sequence[Clue], days: Sequence[ExplicitDay] | None = None
) -> tuple[float, list[str]]:
    """How well candidate publication day ``c`` fits ``clues``, with the clues that supported it.

    ``days`` are ``explicit_days(clues, c.year)`` when the caller has them (:func:`choose_day`
    scores every day of one year: rebuilding them for each day was a fifth of its time)."""
    score = 0.0
    why: list[str] = []
    days = explicit_days(clues, c.year) if days is None else days
    for cl in clues:
        s = 0.0
        if cl.kind == "dateline" and cl.month is not None and cl.day is not None:
            d = _safe_date(cl.year or c.year, cl.month, cl.day)
            # Filed that day; published the same day or (print) the next.
            s = {0: _DATELINE, 1: _DATELINE / 3}.get((c - d).days, 0.0) if d is not None else 0.0
            if s > 0:
                score += s
                why.append(f"dateline '{cl.text}'")
            continue
        if cl.kind == "weekday" and cl.weekday is not None:
            same = coherent_day(cl, c, days)
            if same is not None:
                score += _COHERENT
                why.append(f"'{cl.text}' = '{same}' in the same article")
            if cl.tense == "future":
                k = (cl.weekday - c.weekday()) % 7
                s = {1: 1.0, 2: 0.7, 0: 0.5, 3: 0.4}.get(k, 0.0)
            elif cl.tense == "present":
                back, fwd = (c.weekday() - cl.weekday) % 7, (cl.weekday - c.weekday()) % 7
                s = max({0: 1.0, 1: 0.6}.get(back, 0.0), {1: 0.7, 2: 0.4}.get(fwd, 0.0))
            else:
                k = (c.weekday() - cl.weekday) % 7
                s = {0: 1.0, 1: 0.6, 2: 0.2}.get(k, 0.0)
        elif cl.kind == "day" and cl.month is not None and cl.day is not None:
            d = _safe_date(cl.year or c.year, cl.month, cl.day)
            if d is not None:
                if cl.rel_week is not None:
                    weeks = ((d - timedelta(days=d.weekday())) - (c - timedelta(days=c.weekday()))).days // 7
                    s += 2.0 if weeks == cl.rel_week else 0.0
                # Without a relative week the day may be history ("since February 24"): weak.
                gap = (c - d).days
                if cl.tense == "past":
                    s += 0.3 * max(0.0, 1.0 - gap / 14) if gap >= 0 else 0.0
                elif cl.tense == "future":
                    s += 0.3 * max(0.0, 1.0 + gap / 30) if gap <= 0 else 0.0
                else:
                    s += 0.3 * max(0.0, 1.0 - abs(gap) / 14)
        elif cl.kind == "month" and cl.month is not None and (cl.year is None or cl.year == c.year):
            if cl.tense == "past":
                s = 0.2 if 0 <= c.month - cl.month <= 6 else 0.0
            elif cl.tense == "future":
                diff = cl.month - c.month
                s = {1: 0.3, 0: 0.2, 2: 0.2}.get(diff, 0.0)
        if s > 0:
            score += s
            why.append(f"{cl.tense or 'untensed'} '{cl.text}'")
    return score, why


_DATELINE = 4.0  # a dateline outweighs any other single clue
_COHERENT = 2.0  # a weekday on an explicit day of the same article; above a cross-article link (1.5)


@dataclass(frozen=True, slots=True)
class DayChoice:
    """The best publication day for some clues, how sure we are and why."""

    day: date
    confidence: float
    evidence: tuple[str, ...]


DayScores = dict[date, tuple[float, list[str]]]
"""The days of one year that ``clues`` support, with :func:`score_day`'s score and reasons."""


def day_scores(clues: Sequence[Clue], year: int) -> DayScores:
    """:func:`score_day` of every day of ``year`` that scores (any other scores ``0.0, []``).

    Year clues score no day (:func:`score_day` reads the others), so clues that are all years,
    or none, score no day without the year's 365 days being tried. Run-level refinement scores
    an article three times against the same clues (alone, then two rounds with the run's
    term): it computes these once per article and passes them to :func:`choose_day`."""
    if all(c.kind == "year" for c in clues):
        return {}
    out: DayScores = {}
    days = explicit_days(clues, year)
    for day in _days_of(year):
        score, why = score_day(day, clues, days)
        if score or why:
            out[day] = (score, why)
    return out


def _days_of(year: int) -> Iterator[date]:
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


def choose_day(
    clues: Sequence[Clue],
    year: int,
    year_evidence: str,
    extra: Callable[[date], tuple[float, list[str]]] | None = None,
    year_certain: bool = False,
    scores: DayScores | None = None,
    extra_days: Collection[date] | None = None,
) -> DayChoice | None:
    """The best-scoring day of ``year`` (plus the ``extra`` run-level term); ``None`` without support.

    ``scores`` are ``day_scores(clues, year)`` when the caller has them; ``extra_days``, when
    given, hold every day on which ``extra`` may score above zero. Only a day that scores can
    win, so only the scored days and those are tried, in order, instead of all 365."""
    scores = day_scores(clues, year) if scores is None else scores
    best: list[tuple[date, list[str]]] = []
    best_score = 0.0
    none: tuple[float, list[str]] = (0.0, [])
    if extra is None:
        tried: Iterable[date] = sorted(scores)
    elif extra_days is None:
        tried = _days_of(year)
    else:
        tried = sorted({*scores, *(d for d in extra_days if d.year == year)})
    for day in tried:
        score, why = scores.get(day, none)
        if extra is not None:
            es, ew = extra(day)
            score, why = score + es, why + ew
        if score > best_score + 1e-9:
            best_score, best = score, [(day, why)]
        elif score > 0 and abs(score - best_score) <= 1e-9:
            best.append((day, why))
    if not best:
        return None
    chosen, why = best[0]
    spread = (best[-1][0] - best[0][0]).days
    confidence = best_score / (best_score + 1.0)
    if len(best) > 1:
        confidence /= len(best) if spread > 2 else 1.5
    if not year_certain:
        confidence *= 0.7
    evidence = (year_evidence, *dict.fromkeys(why))
    if len(best) > 1:
        evidence += (f"{len(best)} equally likely days; earliest chosen",)
    return DayChoice(chosen, round(min(confidence, 1.0), 3), evidence)


def weekday_date(clue: Clue, pub: date) -> date | None:
    """The date a weekday clue names when the article is published on ``pub``."""
    if clue.weekday is None:
        return None
    return resolve_weekday(clue.weekday, pub, clue.tense)
