"""The typed records every stage of newsprism passes around.

All records are frozen dataclasses. Ids are content hashes (see :func:`content_id`), so the same
input always yields the same ids and the same output. Every stretch of an article's text is a
:class:`Span`: character offsets (``start``/``end``) into the clean ``Article.text`` of the
article named by ``article``. A record taken from the text holds its ``span``; a part of it that
may be missing (a quote's speaker, a quantity's period) is an optional ``<part>_span``, the names
story.json gives them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal, Protocol, TypeVar

# Closed sets: each alias allows exactly the values of the story.json schema's enum for its field
# (tests/unit/test_closed_sets.py holds them together), in the schema's order.
PublishedHow = Literal["metadata", "inferred", "unknown"]
QuoteKind = Literal["direct", "partial", "indirect"]
EntityType = Literal["person", "organization", "place", "nationality", "event", "other"]
ACTOR_TYPES: frozenset[EntityType] = frozenset({"person", "organization"})
"""The entity types that act, the ones a reader follows across stories: people and organisations
(the web's person pages and entity index, the exported actor network)."""
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
QuoteMatch = Literal["exact", "variant", "fragment"]  # "variant": other wording or translation
ClaimKind = Literal["sentence", "quantity"]
ConflictKind = Literal["quantity", "role", "date", "outcome", "speaker", "spelling", "wording"]
Severity = Literal["contradiction", "inconsistent_detail", "wording_only", "spelling"]
TimelinePrecision = Literal["day", "week", "month", "quarter", "half", "year", "interval"]
CopyKind = Literal["verbatim", "edited", "paraphrase"]

_WS = re.compile(r"\s+")


def content_id(*parts: str | None, length: int = 16) -> str:
    """A short, stable hash of ``parts`` (whitespace-normalised), used as an id."""
    h = hashlib.sha256()
    for part in parts:
        h.update(_WS.sub(" ", part or "").strip().encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


def cross_story_key(name: str) -> str:
    """``name`` as the key that identifies an entity across stories: NFKC-normalised,
    case-folded, accents and punctuation dropped, whitespace collapsed ("Mara Quint",
    "MARA  QUINT" and "Mára Quint" give ``mara quint``)."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name).casefold())
    kept = (
        c if unicodedata.category(c)[0] in "LN" else " " for c in decomposed if not unicodedata.combining(c)
    )
    return " ".join("".join(kept).split())


def cross_story_id(name: str) -> str:
    """The id of the entity called ``name`` in every story (16 hex digits: the SHA-256 of its
    :func:`cross_story_key`): the one id the web's person and organisation pages, the JSON API
    and every export that names an entity (the entities and quotes tables, the actor network)
    give it.

    The trap: ``Entity.id`` is made per story by the linker and hashes the type with the name,
    so it cannot join stories, and the linker types one name differently in different stories
    (a company named after its founder); an id that moved with the type would split one name
    over two pages or nodes. The type is left out on purpose; ``Entity.id`` stays the id inside
    one story (story.json's references)."""
    return hashlib.sha256(cross_story_key(name).encode("utf-8")).hexdigest()[:16]


def published_day(value: str | None) -> str | None:
    """The calendar day (``YYYY-MM-DD``) of a publication date, an ISO-8601 date or datetime,
    or ``None`` when there is none. A datetime's day is the one it was written in (its own
    offset, not UTC: the day the outlet dated it). The one form every listing of publication
    dates shows (``newsprism stories``, the briefs' sources, the web's story list, the
    ``stories`` export), so a story dated by one article's day and another's datetime is not
    listed as ``2025-03-13 … 2025-03-17T17:30:00+00:00``."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Published:
    """When an article was published, and how we know.

    ``value`` is an ISO-8601 date or datetime, or ``None`` when unknown. ``how`` says whether it
    came from the source's metadata or was inferred from the text; inferred dates carry a
    ``confidence`` in [0, 1] and the ``evidence`` (short human-readable strings) behind them.
    """

    value: str | None = None
    how: PublishedHow = "unknown"
    confidence: float | None = None
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line the cleaner removed from the text, kept for audit."""

    line: str
    reason: str
    lineno: int = 0  # 1-based line number in the body as received (0 when not line-based)


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as a reader found it, before cleaning.

    ``text`` is the body as received (for plain text: everything after the headline line; for
    HTML: the main text already extracted). ``fmt`` names the reader that produced it.
    """

    source: str
    text: str
    fmt: str
    title: str = ""
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    needs_cleaning: bool = True  # plain-text bodies carry site boilerplate lines
    notes: tuple[str, ...] = ()  # what the reader noticed and the user must hear about


@dataclass(frozen=True, slots=True)
class Article:
    """A clean article: the unit every analysis works on."""

    id: str
    source: str
    title: str
    text: str
    outlet: str | None = None
    url: str | None = None
    language: str = "en"
    published: Published = field(default_factory=Published)
    removed: tuple[RemovedLine, ...] = ()
    cut_from: int | None = None  # the text's length before it was cut to max_chars, if it was
    notes: tuple[str, ...] = ()  # one line each: how the article was read (a cut, a bad date)

    @staticmethod
    def make_id(title: str, text: str, outlet: str | None) -> str:
        """Content hash of what the article says and who published it.

        The same article ingested twice (from the same or another file) gets the same id; a
        verbatim copy published by another outlet is a different article (it is evidence of
        copying, which the story must show).
        """
        return content_id(outlet, title, text)


@dataclass(frozen=True, slots=True)
class Skip:
    """An input that could not be used, with a one-line reason."""

    source: str
    reason: str


def noted(result: RawDocument | Skip, notes: tuple[str, ...]) -> RawDocument | Skip:
    """``result`` with ``notes`` (how a reader decoded its bytes) before its own, if it is a
    document; a Skip already says why."""
    if isinstance(result, RawDocument) and notes:
        return replace(result, notes=notes + result.notes)
    return result


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one article's clean text: ``text[start:end]`` of the article ``article``."""

    article: str
    start: int
    end: int

    def text_of(self, text: str) -> str:
        """The stretch of ``text`` (the article's clean text) this span covers."""
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention in one article."""

    span: Span
    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP, EVENT, FAC, ...


@dataclass(frozen=True, slots=True)
class Role:
    """A role or affiliation of an entity as an article states it ("Russian President")."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical actor across all articles of a run."""

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    mentions: tuple[Mention, ...] = ()


#: Quote kinds whose span is the words inside quotation marks: a whole utterance ("direct") or a
#: phrase woven into the narrator's sentence ("partial": called the audit “a witch hunt”). A
#: partial quote is never a direct quote; the reported speech around it is an ``indirect`` quote
#: of its own.
QUOTED_KINDS: frozenset[QuoteKind] = frozenset({"direct", "partial"})


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote or a reported-speech attribution in one article.

    ``span`` covers the quoted content (inside the quotation marks for direct quotes).
    ``speaker_text`` at ``speaker_span`` is the speaker as written in the article (a name,
    pronoun or description); ``speaker`` is the canonical entity id once linked, or ``None`` with
    ``unresolved`` giving the reason. ``continues``: the id of the part this one continues when one
    utterance is cut by its attribution (“First half,” he said, “second half.”, or a quote going on
    after “...,” said X.), so each part keeps its exact span and the utterance stays one.
    """

    id: str
    span: Span
    text: str
    kind: QuoteKind
    speaker_text: str | None = None
    speaker_span: Span | None = None
    speaker_name: str | None = None  # the resolved name as found in the article
    speaker: str | None = None  # canonical entity id (filled by link stage)
    role: str | None = None
    cue: str | None = None
    cue_span: Span | None = None
    unresolved: str | None = None
    continues: str | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with what it measures."""

    id: str
    span: Span
    text: str
    value: float
    unit: str  # percent, currency:USD, area:sq_mi, length:km, count, duration:year, ...
    category: str  # percent, money, area, length, count, duration, fraction, ordinal, other
    modifier: str | None = None  # "about", "nearly", "more than", ...
    measure: str | None = None  # what is measured ("Russia's exports to China")
    measure_span: Span | None = None
    direction: str | None = None  # rose, fell, ...
    period: str | None = None  # "in the first five months of the year"
    period_span: Span | None = None


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression normalised TIMEX3-style against an anchor date."""

    id: str
    span: Span
    text: str
    type: TimexType
    value: str | None  # ISO-8601 / TIMEX3 value; None when it cannot be normalised
    mod: str | None = None
    anchor: str | None = None  # the date the value was resolved against
    tense: str | None = None  # tense of the clause it sits in (past/present/future), None if unknown


@dataclass(frozen=True, slots=True)
class QualityFlag:
    """One piece of evidence that a text is machine-spun or garbled, and where it stands."""

    kind: str
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Quality:
    """How garbled an article's text is: 0 (clean) .. 1 (word salad), with the evidence."""

    score: float = 0.0
    spun: bool = False
    flags: tuple[QualityFlag, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """Everything extracted from one article, each item with its span."""

    article: str
    sentences: tuple[tuple[int, int], ...] = ()
    mentions: tuple[Mention, ...] = ()
    roles: tuple[tuple[int, Role], ...] = ()  # (index into mentions, role)
    quotes: tuple[Quote, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    time_expressions: tuple[TimeExpression, ...] = ()
    quality: Quality = field(default_factory=Quality)
    published: Published | None = None  # inferred from the text when the article had none


# ---- the cross-article story (issue 4) ---------------------------------------------------------


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``-``end`` moved inwards past whitespace at either end (an all-blank span keeps
    its start, empty). The one place spans are trimmed: trimming the cited *text* after the
    offsets were taken is what made spans break ``text == article_text[start:end]``."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass(frozen=True, slots=True)
class Citation:
    """A cited stretch of one article, with its text: where a statement comes from or is
    corroborated."""

    span: Span
    text: str

    @classmethod
    def of(cls, article: str, text: str, start: int, end: int) -> Citation:
        """The citation of ``text[start:end]`` (``text`` the article's text), trimmed of
        surrounding whitespace by :func:`trim_span`: its ``text`` is always the span's."""
        return cls.at(Span(article, *trim_span(text, start, end)), text)

    @classmethod
    def at(cls, span: Span, text: str) -> Citation:
        """The citation of ``span`` as it stands in ``text`` (the article's text)."""
        return cls(span, span.text_of(text))


@dataclass(frozen=True, slots=True)
class CopyRelation:
    """``copy`` reuses ``original``: verbatim, lightly edited, or machine-paraphrased (spun).

    ``similarity`` in [0, 1] is the share of the copy's sentences aligned to the original;
    ``evidence`` gives a few aligned sentence pairs (copy span, original span)."""

    copy: str
    original: str
    kind: CopyKind
    similarity: float
    evidence: tuple[tuple[Citation, Citation], ...] = ()


@dataclass(frozen=True, slots=True)
class Origin:
    """One independent origin: an original article and every copy of it (original first)."""

    id: str
    original: str
    articles: tuple[str, ...]
    relations: tuple[CopyRelation, ...] = ()


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """One wording of a grouped utterance, as one article has it."""

    quote: str  # Quote.id
    span: Span
    text: str
    outlet: str | None
    speaker: str | None  # entity id
    speaker_name: str | None
    match: QuoteMatch


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """The same utterance across articles, with every variant wording."""

    id: str
    speaker: str | None
    speaker_name: str | None
    variants: tuple[QuoteVariant, ...]
    independent_origins: int

    @property
    def wording(self) -> QuoteVariant:
        """The variant the group is told by (:func:`reference_variant`)."""
        return reference_variant(self.variants)


class _Matched(Protocol):
    @property
    def match(self) -> QuoteMatch: ...


_M = TypeVar("_M", bound=_Matched)


def reference_variant(variants: Sequence[_M]) -> _M:
    """The wording a quote group is told by: the fullest quoted one, which every other variant
    is matched against (``match == "exact"``). Variants are in article order, so the first may be
    a one-word fragment of it ("understands") where another outlet printed the whole sentence."""
    return next((v for v in variants if v.match == "exact"), variants[0])


@dataclass(frozen=True, slots=True)
class ConflictValue:
    """What one article says where sources disagree."""

    value: str
    citation: Citation


@dataclass(frozen=True, slots=True)
class Conflict:
    """Sources that disagree: a number, a role or title, a date, or a quote's speaker."""

    id: str
    kind: ConflictKind
    subject: str  # what the disagreement is about ("area flooded", "Yun Sun's title")
    severity: Severity
    values: tuple[ConflictValue, ...]


@dataclass(frozen=True, slots=True)
class Claim:
    """A fact stated by one or more articles, aligned at sentence or quantity level."""

    id: str
    kind: ClaimKind
    text: str  # a representative wording (the span of the first supporting article)
    support: tuple[Citation, ...]
    articles: tuple[str, ...]
    independent_origins: int
    conflicts: tuple[str, ...] = ()  # Conflict ids


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A dated event merged across sources."""

    id: str
    date: str  # TIMEX3 value (2022-09-15, 2022-09, 2022)
    precision: TimelinePrecision
    sort_key: str  # ISO date used for ordering
    text: str  # a description: the clause or sentence that dates the event
    support: tuple[Citation, ...]
    independent_origins: int


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One sentence of the summary: taken verbatim from ``citation``, corroborated by others.

    ``speaker`` is who speaks in it when the sentence does not name them itself ("..., he
    said." with the speaker resolved): shown beside the sentence, never written into it, so the
    text stays the exact cited span."""

    text: str
    citation: Citation
    corroborations: tuple[Citation, ...] = ()
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class SourceNote:
    """What one article contributes and lacks, its quality flags and its copy relations."""

    article: str
    unique: tuple[Citation, ...]  # sentences no other origin carries
    omits: tuple[str, ...]  # Claim ids most other origins carry that this article lacks
    flags: tuple[str, ...]  # quality flag kinds ("possibly machine-spun", ...)
    copies: tuple[CopyRelation, ...]  # relations where this article is the copy or the original


@dataclass(frozen=True, slots=True)
class Story:
    """The result of a run: articles, what was skipped, the per-article analyses and the story
    linked across them."""

    articles: tuple[Article, ...]
    skipped: tuple[Skip, ...] = ()
    analyses: tuple[ArticleAnalysis, ...] = ()
    entities: tuple[Entity, ...] = ()
    model: str | None = None
    origins: tuple[Origin, ...] = ()
    quote_groups: tuple[QuoteGroup, ...] = ()
    claims: tuple[Claim, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    summary: tuple[SummarySentence, ...] = ()
    notes: tuple[SourceNote, ...] = ()


#: Words of an untitled article's text that stand in for its title.
HEADLINE_WORDS = 12


def headline(title: str, text: str) -> str:
    """What names an article: its title, else the first :data:`HEADLINE_WORDS` words of its text
    (with "…" when cut). Headline-free inputs (a JSONL of bodies, a feed of descriptions) are
    normal: a story listed by an empty title is one nobody can tell from the next."""
    words = " ".join(title.split())
    if words:
        return words
    body = text.split()
    return " ".join(body[:HEADLINE_WORDS]) + (" …" if len(body) > HEADLINE_WORDS else "")


def story_title(articles: Sequence[tuple[str | None, str, str]]) -> str | None:
    """A story's name: the :func:`headline` of its earliest-published article, of ``(published
    value, title, text)`` in input order (the first in input order among equally dated ones, and
    when none is dated). The one rule of every place a story is named (``newsprism stories``, the
    web's list, the briefs' heading, ``index.html``): two names for one story read as two stories."""
    if not articles:
        return None
    k = min(range(len(articles)), key=lambda i: (articles[i][0] is None, articles[i][0] or "", i))
    return headline(articles[k][1], articles[k][2])


def effective_published(article: Article, analysis: ArticleAnalysis | None) -> Published:
    """When ``article`` was published as newsprism reports it: its metadata date, else the one
    its ``analysis`` inferred from the text. The one rule behind story.json and the store, so
    ``newsprism articles`` lists the dates ``newsprism analyze`` reports."""
    if article.published.value or analysis is None or analysis.published is None:
        return article.published
    return analysis.published


@dataclass(frozen=True, slots=True)
class Paired:
    """One article with its analysis: what every cross-article step reads. ``order`` is the
    article's position in the input, which steps use to keep their output in input order."""

    order: int
    article: Article
    analysis: ArticleAnalysis

    @property
    def published(self) -> Published:
        """The article's date as newsprism reports it (:func:`effective_published`)."""
        return effective_published(self.article, self.analysis)


def paired(
    articles: Sequence[Article], analyses: Sequence[ArticleAnalysis], *, unanalysed: bool = False
) -> list[Paired]:
    """Each article with its analysis (matched by article id), in article order.

    The one join of articles with analyses: the analyses need not be in the articles' order or
    cover them all. An article without an analysis is left out, or, with ``unanalysed``, paired
    with an empty analysis (for steps that compare texts alone, such as copy detection); an
    analysis of no listed article is never paired. Linear in the number of articles."""
    by_article = {an.article: an for an in analyses}
    out: list[Paired] = []
    for order, article in enumerate(articles):
        analysis = by_article.get(article.id)
        if analysis is None and unanalysed:
            analysis = ArticleAnalysis(article.id)
        if analysis is not None:
            out.append(Paired(order, article, analysis))
    return out
