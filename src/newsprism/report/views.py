"""Typed views of the ``story.json`` dict that both briefs render from.

Both briefs render ``story.json`` (not the records), so a reader sees what the file says, and a
story read back from disk or the store renders the same. :func:`story_view` is the one reader of
that dict: it builds every view once per render, and the renderers' section functions read views
only. What both briefs show and must judge alike is decided here, once:

* **Disputed figures** (:func:`story_view`): a figure is disputed when a ``quantity`` conflict
  (another source gives a different value) cites it. Not when it merely shares a sentence with a
  disputed figure or sits in a sentence a date, role or wording conflict cites: the HTML report's
  old rule (any conflict citation overlapping the figure, or the support of any claim with a
  conflict) flagged "11 people confirmed dead" beside a disputed count of the missing, and "number
  three official" for a role conflict, while the Markdown brief read only a claim's own conflict
  list: one figure was red in brief.html and plain in brief.md. Conflicts are numbered in report
  order: figures first, contradictions first.
* **Most quoted** (:attr:`StoryView.speakers`): a quote belongs to the speaker story.json gives
  *that quote* (its entity's name, else the name the article gives), and speakers rank by how many
  quotes they have. A phrase woven into reported speech is one quote: the ``indirect`` quote
  around a ``partial`` one (its quoted words) is not counted or listed again. The HTML report once counted a grouped quote under its *group's* speaker, so a
  group the linker left unattributed took the quotes of "Xi Jinping and Xi" out of that speaker's
  count in brief.html but not in brief.md.
* **Most corroborated** (:attr:`StoryView.corroborated`): sentence claims several independent
  origins report, each sentence once, most origins first.
* **Date labels** (:func:`date_label`): a TIMEX value as a reader reads it ("week 10, 2025",
  "13 Mar 2025"), in both briefs; brief.md once printed the raw value ("2025-W10").
* **Copies** (:attr:`StoryView.copies`): the copy relations of the origins, each once. The HTML
  sources table once read them from the per-source notes, which hold each relation under both its
  copy and its original: the original was called a copy of itself and "copied by" twice.
* **Links**: an article's URL is a link only when it is http(s), in any letter case.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..extract.timex.values import DateRange, date_range
from ..records import (
    Citation,
    Claim,
    Conflict,
    ConflictValue,
    CopyRelation,
    EntityType,
    Published,
    QuoteKind,
    QuoteMatch,
    Skip,
    SourceNote,
    Span,
    SummarySentence,
    TimelineEvent,
    headline,
    published_day,
    reference_variant,
    story_title,
)

JSON = dict[str, Any]


def plural(n: int, word: str, many: str | None = None) -> str:
    """``"1 article"``, ``"3 articles"`` (``many`` for an irregular plural)."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def articles_from_outlets(view: StoryView) -> str:
    """``"5 articles from 3 outlets"``; articles that name no outlet (plain files) are not "from 0
    outlets", which reads as if they came from nowhere."""
    articles = plural(len(view.sources), "article")
    return (
        f"{articles} from {plural(view.outlets, 'outlet')}"
        if view.outlets
        else f"{articles} (outlets not named)"
    )


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def citation(data: Mapping[str, Any]) -> Citation:
    """The citation record of a story.json citation (or any dict with article, start, end)."""
    return Citation(Span(data["article"], data["start"], data["end"]), data.get("text") or "")


#: Season names of the TIMEX3 season codes (the year is the value's own: winter 2025 runs from
#: December 2025).
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}


def date_label(value: str) -> str:
    """A reader's label for a TIMEX3 value: ``15 Sep 2022``, ``Sep 2022``, ``week 36, 2022``,
    ``weekend of 17-18 Sep 2022``, ``Q3 2022``, ``H1 2022``, ``summer 2022``, ``2022``, an
    interval as its two ends; a value that names no calendar days (``PAST_REF``, ``P3Y``,
    ``2024-02-30``) as written."""
    if "/" in value:
        first, _, last = value.partition("/")
        return f"{date_label(first)} – {date_label(last)}"
    span = date_range(value)
    if span is None:
        return value
    d = span.first
    if span.precision in ("day", "time"):
        return f"{d.day} {_MONTHS[d.month - 1]} {d.year:04d}"
    if span.precision == "month":
        return f"{_MONTHS[d.month - 1]} {d.year:04d}"
    if span.precision == "week":
        year, week, _ = d.isocalendar()
        return f"week {week}, {year:04d}"
    if span.precision == "weekend":
        sunday = span.last
        if d.month == sunday.month:
            days = f"{d.day}-{sunday.day} {_MONTHS[d.month - 1]}"
        else:
            days = f"{d.day} {_MONTHS[d.month - 1]}-{sunday.day} {_MONTHS[sunday.month - 1]}"
        return f"weekend of {days} {sunday.year:04d}"
    if span.precision == "season" and value[-2:] in _SEASONS:
        return f"{_SEASONS[value[-2:]]} {value[:4]}"
    if span.precision == "quarter":
        return f"Q{(d.month - 1) // 3 + 1} {d.year:04d}"
    if span.precision == "half":
        return f"H{(d.month - 1) // 6 + 1} {d.year:04d}"
    return value


def inferred_label(published: Published) -> str | None:
    """``"inferred, 87%"`` (or ``"inferred"`` without a confidence) for a date inferred from the
    text, ``None`` for any other."""
    if published.how != "inferred":
        return None
    return "inferred" if published.confidence is None else f"inferred, {published.confidence:.0%}"


def published_text(published: Published) -> str:
    """An article's publication day as every listing shows it (``2019-11-18``, never a raw
    timestamp), with ``(inferred, 87%)`` when the text gave it: plain text, for the citation
    pop-over of the HTML brief, which shows it beside the cited passage."""
    day = published_day(published.value) or "undated"
    inferred = inferred_label(published)
    return f"{day} ({inferred})" if inferred else day


_DOUBLE_QUOTES = re.compile(r'(?<!\d)"|[“”]')
"""A double quotation mark (a straight one after a figure is an inch mark: ``a 16" pipe``)."""


def paragraphs(
    summary: Sequence[SummarySentence], texts: Mapping[str, str]
) -> tuple[tuple[SummarySentence, ...], ...]:
    """The summary as a reader takes it: a sentence that goes on with a quotation the sentence
    before it left open, right after it in the same article (nothing but white space between
    their spans), joins that sentence's paragraph. Each keeps its own citation; the briefs show
    the speaker once, after the last. Alone, the pieces of one quotation would read as two
    quotations each missing a mark (``“I like where we are.`` / ``They want a deal.”``)."""
    out: list[list[SummarySentence]] = []
    for s in summary:
        if out and _goes_on(out[-1], s, texts):
            out[-1].append(s)
        else:
            out.append([s])
    return tuple(tuple(p) for p in out)


def _goes_on(paragraph: Sequence[SummarySentence], s: SummarySentence, texts: Mapping[str, str]) -> bool:
    last = paragraph[-1].citation.span
    span = s.citation.span
    if span.article != last.article or span.start < last.end:
        return False
    if texts.get(span.article, "")[last.end : span.start].strip():
        return False
    return _open(paragraph)


def _open(paragraph: Sequence[SummarySentence]) -> bool:
    """Whether the paragraph's sentences leave a quotation open (an odd number of marks)."""
    return sum(len(_DOUBLE_QUOTES.findall(p.text)) for p in paragraph) % 2 == 1


def leaves_open(paragraph: Sequence[SummarySentence], k: int) -> bool:
    """Whether the summary paragraph's ``k``-th sentence is its last and leaves a quotation open:
    the quotation goes on in its source past the part the summary took (``“We lost the lower
    town.`` of a quotation of several sentences). The briefs show an elision mark after it,
    outside the verbatim text, so the reader is not left looking for the closing mark."""
    return k + 1 == len(paragraph) and _open(paragraph)


def last_of_speaker(paragraph: Sequence[SummarySentence], k: int) -> bool:
    """Whether the ``k``-th sentence of a summary paragraph shows its speaker: the last of a run
    of one speaker's sentences (the name once, after what they said). None before the last when
    the last shows none: a paragraph is the pieces of one quotation, and a closing piece with no
    speaker to show names the speaker itself (``We understand your concerns," Putin said.``), so
    a name shown mid-quotation would say it twice."""
    if k + 1 == len(paragraph):
        return True
    return paragraph[-1].speaker is not None and paragraph[k + 1].speaker != paragraph[k].speaker


def safe_link(url: str | None) -> str | None:
    """``url`` when it is http(s) (any letter case), else ``None``: the only outside links the
    briefs and the web pages make (``javascript:``, ``data:`` and the like stay plain text)."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


# --- the views -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceView:
    """An article as the briefs list it: ``number`` (1-based, input order) is its source key,
    ``copy_of`` the relations in which it is the copy, ``copied_by`` those in which it is the
    original; ``note`` what it alone reports and lacks (empty when the story has no note)."""

    number: int
    id: str
    source: str
    title: str
    outlet: str | None
    url: str | None
    text: str
    published: Published
    quality_score: float
    spun: bool
    flag_kinds: tuple[str, ...]
    note: SourceNote
    copy_of: tuple[CopyRelation, ...]
    copied_by: tuple[CopyRelation, ...]

    @property
    def link(self) -> str | None:
        """The URL when it is http(s) (any letter case): the only URLs either brief links to."""
        return safe_link(self.url)


@dataclass(frozen=True, slots=True)
class ConflictView:
    """A disagreement with its ``number`` (1-based) in report order."""

    number: int
    conflict: Conflict


@dataclass(frozen=True, slots=True)
class FigureView:
    """A number as one article states it, with the judgements both briefs show.

    ``disputed_by`` holds the numbers of the conflicts that dispute it (ascending); ``origins``
    is the most independent origins of a claim whose support holds it (0 when none does)."""

    citation: Citation
    value: float
    unit: str
    modifier: str | None
    measure: str | None
    direction: str | None
    period: str | None
    disputed_by: tuple[int, ...]
    origins: int

    @property
    def disputed(self) -> bool:
        return bool(self.disputed_by)

    @property
    def wording(self) -> str:
        """The figure as written, with its modifier ("about 40 homes")."""
        return " ".join(p for p in (self.modifier, self.citation.text) if p)


@dataclass(frozen=True, slots=True)
class QuoteView:
    """A quote or reported speech as one article has it."""

    id: str
    citation: Citation
    kind: QuoteKind
    role: str | None
    unresolved: str | None
    cue: str | None = None

    @property
    def text(self) -> str:
        return self.citation.text

    @property
    def label(self) -> str:
        """What reported speech is shown under: its cue ("denied", "according to", "warned"),
        not a bare "reported". The content of "X denied that the plant leaked" is not X's claim;
        shown as X's reported words without the verb, it would read as the opposite."""
        return " ".join((self.cue or "").split()) or "reported"


@dataclass(frozen=True, slots=True)
class VariantView:
    """One wording of a grouped utterance, with the outlet that printed it."""

    citation: Citation
    outlet: str | None
    match: QuoteMatch


@dataclass(frozen=True, slots=True)
class QuoteGroupView:
    """One utterance across articles, every wording of it."""

    id: str
    variants: tuple[VariantView, ...]
    independent_origins: int

    @property
    def wording(self) -> VariantView:
        """The wording the group is shown by (:func:`~newsprism.records.reference_variant`)."""
        return reference_variant(self.variants)


@dataclass(frozen=True, slots=True)
class SpeakerView:
    """A speaker (``name`` None: unattributed) with the quotes story.json gives them (story
    order), their roles in order of first appearance, the quote groups whose speaker they are
    (most wordings first) and those of their quotes in no group."""

    name: str | None
    quotes: tuple[QuoteView, ...]
    roles: tuple[str, ...]
    groups: tuple[QuoteGroupView, ...]
    ungrouped: tuple[QuoteView, ...]


@dataclass(frozen=True, slots=True)
class EventView:
    """A timeline event with its reader's ``label`` and the ``days`` it covers (None when its
    date is on no calendar, e.g. ``PAST_REF``)."""

    event: TimelineEvent
    label: str
    days: DateRange | None


@dataclass(frozen=True, slots=True)
class ActorView:
    """An entity with the texts of its roles and its mentions (as citations)."""

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    mentions: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class StoryView:
    """Everything both briefs render, typed, with the rules of the module docstring applied.

    ``speakers`` are ranked most quoted first (ties by name), the unattributed last;
    ``corroborated`` are the sentence claims of :func:`_corroborated`."""

    title: str | None  # the story's name (:func:`~newsprism.records.story_title`)
    sources: tuple[SourceView, ...]
    origins: int
    skipped: tuple[Skip, ...]
    summary: tuple[SummarySentence, ...]
    paragraphs: tuple[tuple[SummarySentence, ...], ...]  # the summary as read (:func:`paragraphs`)
    conflicts: tuple[ConflictView, ...]
    claims: tuple[Claim, ...]
    corroborated: tuple[Claim, ...]
    figures: tuple[FigureView, ...]
    speakers: tuple[SpeakerView, ...]
    quotes: int
    timeline: tuple[EventView, ...]
    actors: tuple[ActorView, ...]
    copies: tuple[CopyRelation, ...]
    schema: str
    version: str
    model: str | None

    @property
    def outlets(self) -> int:
        """How many distinct outlets the articles come from (articles without one not counted)."""
        return len({s.outlet for s in self.sources if s.outlet})


# --- building them from story.json ---------------------------------------------------------------


def _conflicts(data: Iterable[JSON]) -> tuple[ConflictView, ...]:
    ranked = sorted(data, key=lambda c: (c["kind"] != "quantity", c["severity"] != "contradiction"))
    return tuple(
        ConflictView(
            n,
            Conflict(
                id=c["id"],
                kind=c["kind"],
                subject=c["subject"],
                severity=c["severity"],
                values=tuple(ConflictValue(v["value"], citation(v["citation"])) for v in c["values"]),
            ),
        )
        for n, c in enumerate(ranked, 1)
    )


def _claim(c: JSON) -> Claim:
    return Claim(
        id=c["id"],
        kind=c["kind"],
        text=c["text"],
        support=tuple(citation(s) for s in c["support"]),
        articles=tuple(c.get("articles", ())),
        independent_origins=c["independent_origins"],
        conflicts=tuple(c["conflicts"]),
    )


def _corroborated(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    """The sentence claims two or more independent origins report, most origins first (ties in
    story order). Alignment can give one sentence two claims (different sets of sources): the
    sentence is kept once, with the claim of most origins."""
    ranked: dict[str, Claim] = {}
    several = (c for c in claims if c.kind != "quantity" and c.independent_origins > 1)
    for c in sorted(several, key=lambda c: -c.independent_origins):
        ranked.setdefault(" ".join(c.text.casefold().split()), c)
    return tuple(ranked.values())


class _Overlapping:
    """The figures of each article overlapping a span, found by bisection on their starts (a
    figure is short, so only figures starting within ``longest`` before the span can reach it):
    linear in the figures found, not in all figures times all citations."""

    def __init__(self, spans: Iterable[Citation]) -> None:
        by_article: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        self.longest = 0
        for i, q in enumerate(spans):
            by_article[q.span.article].append((q.span.start, q.span.end, i))
            self.longest = max(self.longest, q.span.end - q.span.start)
        self.by_article = {a: sorted(spans) for a, spans in by_article.items()}

    def __call__(self, span: Citation) -> list[int]:
        spans = self.by_article.get(span.span.article, [])
        found = []
        for start, end, i in spans[bisect_left(spans, (span.span.start - self.longest, -1, -1)) :]:
            if start >= span.span.end:
                break
            if end > span.span.start:
                found.append(i)
        return found


def _figures(
    quantities: Sequence[JSON], conflicts: Iterable[ConflictView], claims: Iterable[Claim]
) -> tuple[FigureView, ...]:
    """Each figure with the one disputed-figure rule (module doc) and its claims' origins."""
    cites = [citation(q) for q in quantities]
    overlapping = _Overlapping(cites)
    disputed_by: dict[int, set[int]] = defaultdict(set)
    for c in conflicts:
        if c.conflict.kind == "quantity":
            for v in c.conflict.values:
                for i in overlapping(v.citation):
                    disputed_by[i].add(c.number)
    origins: dict[int, int] = {}
    for claim in claims:
        for s in claim.support:
            for i in overlapping(s):
                origins[i] = max(origins.get(i, 0), claim.independent_origins)
    return tuple(
        FigureView(
            citation=cite,
            value=float(q["value"]),
            unit=q["unit"],
            modifier=q.get("modifier"),
            measure=q.get("measure"),
            direction=q.get("direction"),
            period=q.get("period"),
            disputed_by=tuple(sorted(disputed_by.get(i, ()))),
            origins=origins.get(i, 0),
        )
        for i, (q, cite) in enumerate(zip(quantities, cites, strict=True))
    )


def _relation(r: JSON) -> CopyRelation:
    evidence = tuple((citation(e["copy"]), citation(e["original"])) for e in r.get("evidence", ()))
    return CopyRelation(r["copy"], r["original"], r["kind"], r["similarity"], evidence)


def _published(p: JSON) -> Published:
    return Published(p["value"], p["how"], p.get("confidence"), tuple(p.get("evidence") or ()))


def _note(n: JSON) -> SourceNote:
    return SourceNote(
        article=n["article"],
        unique=tuple(citation(c) for c in n["unique"]),
        omits=tuple(n["omits"]),
        flags=tuple(n["flags"]),
        copies=tuple(_relation(r) for r in n["copies"]),
    )


def _sources(story: JSON, copies: Sequence[CopyRelation]) -> tuple[SourceView, ...]:
    notes = {n["article"]: _note(n) for n in story["notes"]}
    copy_of: dict[str, list[CopyRelation]] = defaultdict(list)
    copied_by: dict[str, list[CopyRelation]] = defaultdict(list)
    for r in copies:
        copy_of[r.copy].append(r)
        copied_by[r.original].append(r)
    sources = []
    for number, a in enumerate(story["articles"], 1):
        quality = a.get("quality") or {}
        sources.append(
            SourceView(
                number=number,
                id=a["id"],
                source=a["source"],
                title=headline(a["title"], a["text"]),  # an untitled article by its first words
                outlet=a["outlet"],
                url=a.get("url"),
                text=a["text"],
                published=_published(a["published"]),
                quality_score=float(quality.get("score", 0.0)),
                spun=bool(quality.get("spun")),
                flag_kinds=tuple(f["kind"] for f in quality.get("flags", ())),
                note=notes.get(a["id"]) or SourceNote(a["id"], (), (), (), ()),
                copy_of=tuple(copy_of[a["id"]]),
                copied_by=tuple(copied_by[a["id"]]),
            )
        )
    return tuple(sources)


def _quote(q: JSON) -> QuoteView:
    return QuoteView(q["id"], citation(q), q["kind"], q.get("role"), q.get("unresolved"), q.get("cue"))


def _group(g: JSON) -> QuoteGroupView:
    variants = tuple(VariantView(citation(v), v["outlet"], v["match"]) for v in g["variants"])
    return QuoteGroupView(g["id"], variants, g["independent_origins"])


def _once(quotes: Sequence[JSON]) -> list[JSON]:
    """``quotes`` without the indirect ones wrapping a partial quote of their article (the phrase
    “a witch hunt” and the reported speech around it are one attribution, counted once)."""
    starts: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for q in quotes:
        if q["kind"] == "partial":
            starts[q["article"]].append((q["start"], q["end"]))
    for spans in starts.values():
        spans.sort()

    def wraps(q: JSON) -> bool:
        spans = starts.get(q["article"], [])
        i = bisect_left(spans, (q["start"], -1))
        return i < len(spans) and spans[i][1] <= q["end"]  # the first partial starting inside

    return [q for q in quotes if not (q["kind"] == "indirect" and wraps(q))]


def _speakers(story: JSON) -> tuple[SpeakerView, ...]:
    """Every speaker of a quote or a quote group, most quoted first (the module doc's rule)."""
    names = {e["id"]: e["name"] for e in story["entities"]}

    def name(speaker: str | None, speaker_name: str | None) -> str | None:
        return names.get(speaker or "") or speaker_name or None

    grouped = {v["quote"] for g in story["quote_groups"] for v in g["variants"]}
    quotes: dict[str | None, list[QuoteView]] = defaultdict(list)
    ungrouped: dict[str | None, list[QuoteView]] = defaultdict(list)
    roles: dict[str | None, dict[str, None]] = defaultdict(dict)
    for q in _once(story["quotes"]):
        who, quote = name(q["speaker"], q["speaker_name"]), _quote(q)
        quotes[who].append(quote)
        if quote.role:
            roles[who].setdefault(quote.role)
        if quote.id not in grouped:
            ungrouped[who].append(quote)
    groups: dict[str | None, list[QuoteGroupView]] = defaultdict(list)
    for g in story["quote_groups"]:
        groups[name(g["speaker"], g["speaker_name"])].append(_group(g))
    everyone = set(quotes) | set(groups)
    ranked = sorted(everyone, key=lambda who: (who is None, -len(quotes[who]), who or ""))
    return tuple(
        SpeakerView(
            name=who,
            quotes=tuple(quotes[who]),
            roles=tuple(roles[who]),
            groups=tuple(sorted(groups[who], key=lambda g: (-len(g.variants), g.id))),
            ungrouped=tuple(ungrouped[who]),
        )
        for who in ranked
    )


def _event(e: JSON) -> EventView:
    event = TimelineEvent(
        id=e["id"],
        date=e["date"],
        precision=e["precision"],
        sort_key=e["sort_key"],
        text=e["text"],
        support=tuple(citation(s) for s in e["support"]),
        independent_origins=e["independent_origins"],
    )
    return EventView(event, date_label(event.date), date_range(event.date) or date_range(event.sort_key))


def _actor(e: JSON) -> ActorView:
    return ActorView(
        id=e["id"],
        name=e["name"],
        type=e["type"],
        aliases=tuple(e["aliases"]),
        roles=tuple(r["text"] for r in e["roles"]),
        mentions=tuple(citation(m) for m in e["mentions"]),
    )


def story_view(story: JSON) -> StoryView:
    """The typed view of a ``story.json`` dict, with the rules of the module docstring."""
    conflicts = _conflicts(story["conflicts"])
    claims = tuple(_claim(c) for c in story["claims"])
    copies = tuple(_relation(r) for o in story["origins"] for r in o["relations"])
    summary = tuple(
        SummarySentence(
            s["text"],
            citation(s["citation"]),
            tuple(citation(c) for c in s["corroborations"]),
            s.get("speaker"),
        )
        for s in story["summary"]
    )
    generator = story.get("generator") or {}
    sources = _sources(story, copies)
    return StoryView(
        title=story_title([(src.published.value, src.title, src.text) for src in sources]),
        sources=sources,
        origins=len(story["origins"]),
        skipped=tuple(Skip(s["source"], s["reason"]) for s in story["skipped"]),
        summary=summary,
        paragraphs=paragraphs(summary, {src.id: src.text for src in sources}),
        conflicts=conflicts,
        claims=claims,
        corroborated=_corroborated(claims),
        figures=_figures(story["quantities"], conflicts, claims),
        speakers=_speakers(story),
        quotes=len(story["quotes"]),
        timeline=tuple(_event(e) for e in story["timeline"]),
        actors=tuple(_actor(e) for e in story["entities"]),
        copies=copies,
        schema=str(story.get("schema", "")),
        version=str(generator.get("newsprism", "")),
        model=generator.get("model"),
    )
