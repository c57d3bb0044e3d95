"""Server-rendered pages (Jinja2): stories, a story, an article, a person or organisation, search.

Every page works without JavaScript. The story page is the brief itself: the body
:func:`newsprism.report.html.render_brief` renders for ``brief.html`` (one story renderer), with the
brief's script and styles linked as files from ``/static/`` instead of inlined, because the app's
Content-Security-Policy forbids inline scripts and styles. Templates autoescape; the few HTML
pieces passed in as :class:`~markupsafe.Markup` are built by code that escapes every text from an
article (:mod:`newsprism.report.html`, :mod:`.markup`). Outside links are http(s) only.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..errors import ConfigError, NotFoundError
from ..records import ACTOR_TYPES, Article, ArticleAnalysis, Entity, Story, cross_story_id, published_day
from ..report.views import date_label, safe_link
from ..store import MARK_CLOSE, MARK_OPEN, Store, StorySummary
from .access import store_of
from .etag import Body
from .markup import Mark, highlight, snippet_html
from .snapshot import Snapshot, SnapshotCache, kept_answer

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 20
"""Stories per page of the story list."""
SPARK_BARS = 30
"""The spark of a story's articles over time has at most this many bars (days grouped evenly)."""

#: The files served under /static/: the brief's bundle (report-ui/) and the pages' own styles.
STATIC: dict[str, tuple[str, str, str]] = {
    "report.js": ("newsprism.report", "assets/report.js", "text/javascript; charset=utf-8"),
    "report.css": ("newsprism.report", "assets/report.css", "text/css; charset=utf-8"),
    "web.css": ("newsprism.web", "static/web.css", "text/css; charset=utf-8"),
}


@cache
def _templates() -> Jinja2Templates:
    env = Environment(
        loader=PackageLoader("newsprism.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    env.filters["day"] = lambda value: date_label(day) if (day := published_day(value)) else ""
    return Jinja2Templates(env=env)


def _render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return _templates().TemplateResponse(request, template, context, status_code=status)


@cache
def _static(name: str) -> bytes:
    package, path, _ = STATIC[name]
    return resources.files(package).joinpath(path).read_bytes()


@router.get("/static/{name}")
def static(name: str) -> Response:
    """The bundled script and stylesheets (nothing else: no directory is exposed)."""
    if name not in STATIC:
        raise HTTPException(404, f"no static file {name!r}")
    return Response(
        _static(name), media_type=STATIC[name][2], headers={"Cache-Control": "public, max-age=3600"}
    )


def _snapshot(request: Request) -> Snapshot:
    """The listings as the app keeps them per store state (:mod:`.snapshot`): a full read of the
    stories is far too slow to repeat per page view."""
    cache: SnapshotCache = request.app.state.snapshots
    return cache.get(store_of(request))


def _summary_words(request: Request) -> int:
    return int(request.app.state.settings.summary_words)


# --- stories ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Spark:
    """Articles over time as bars in a 100×24 box: ``(x, y, width, height)`` each, and what it
    shows in words (the SVG's label)."""

    bars: tuple[tuple[float, float, float, float], ...]
    label: str


def spark(published: Sequence[str | None]) -> Spark | None:
    """The spark of a story whose articles were published on ``published`` (ISO values; undated
    ones left out): one bar per group of days from the first to the last, height by articles."""
    days = sorted(date.fromisoformat(day) for p in published if (day := published_day(p)))
    if not days:
        return None
    span = (days[-1] - days[0]).days + 1
    width = -(-span // SPARK_BARS)  # days per bar
    counts = Counter((d - days[0]).days // width for d in days)
    bars = -(-span // width)
    most = max(counts.values())
    w = 100 / bars
    shapes = tuple(
        (round(i * w, 2), round(24 - 22 * n / most, 2), round(max(w - 0.5, 0.5), 2), round(22 * n / most, 2))
        for i, n in sorted(counts.items())
    )
    last = days[0] + timedelta(days=span - 1)
    label = f"{len(days)} dated articles from {days[0].isoformat()} to {last.isoformat()}"
    return Spark(shapes, label)


def _day(name: str, value: str) -> str | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ConfigError(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def ranked(stories: Sequence[StorySummary]) -> list[StorySummary]:
    """Newest first by the day of their last article (undated last; listings hold days,
    :class:`~newsprism.store.StorySummary`), the largest first within a day, then by id: a
    day's big story is not buried under a one-article story minutes newer."""
    by_id = sorted(stories, key=lambda s: s.id)
    by_size = sorted(by_id, key=lambda s: (s.last_published or "", s.articles), reverse=True)
    return sorted(by_size, key=lambda s: s.last_published is None)


@router.get("/", response_class=HTMLResponse)
def stories_page(
    request: Request,
    since: str = "",
    until: str = "",
    outlet: str = "",
    page: int = Query(1, ge=1, le=100_000),
) -> HTMLResponse:
    """The stories, newest and largest first; filtered by publication day and outlet; paged."""
    first, last = _day("since", since), _day("until", until)
    every = _snapshot(request).stories
    outlets = sorted({o for s in every for o in s.outlets}, key=str.casefold)
    chosen = [
        s
        for s in ranked(every)
        if (first is None or (s.last_published or "") >= first)
        and (last is None or (s.first_published or "~") <= last)
        and (not outlet or outlet in s.outlets)
    ]
    pages = max(1, -(-len(chosen) // PAGE_SIZE))
    shown = chosen[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    filters = {k: v for k, v in (("since", since), ("until", until), ("outlet", outlet)) if v}

    def link(n: int) -> str:
        return "/?" + urlencode({**filters, "page": n})

    rows = [(s, spark([m.published for m in s.members])) for s in shown]
    return _render(
        request,
        "stories.html",
        rows=rows,
        total=len(chosen),
        outlets=outlets,
        since=since,
        until=until,
        outlet=outlet,
        page=page,
        pages=pages,
        prev=link(page - 1) if page > 1 else None,
        next=link(page + 1) if page < pages else None,
    )


# --- a story ---------------------------------------------------------------------------------------


@router.get("/stories/{ref}", response_class=HTMLResponse)
async def story_page(request: Request, ref: str) -> Response:
    """Everything brief.html shows (the same renderer), with links to its articles and actors.

    Rendered once per store state and tagged then (:func:`.snapshot.kept_answer`): while the
    store key holds, a request is a lookup on the event loop, with no query and no thread.
    """
    words = _summary_words(request)
    return await kept_answer(request, ("page", ref), lambda store: _story_page(store, ref, words))


def _story_page(store: Store, ref: str, summary_words: int) -> Body:
    from ..pipeline import stored_story
    from ..report.html import render_brief
    from ..report.story_json import story_to_dict

    story = stored_story(store, ref, summary_words)
    brief = render_brief(story_to_dict(story))
    actors = sorted(
        {(cross_story_id(e.name), e.name, e.type) for e in story.entities if e.type in ACTOR_TYPES},
        key=lambda a: (a[2], a[1].casefold()),
    )
    html = (
        _templates()
        .get_template("story.html")
        .render(
            story_id=store.find_story(ref),
            title=Markup(brief.title),
            body=Markup(brief.body),
            data=Markup(brief.data),
            articles=story.articles,
            actors=actors,
        )
    )
    return Body.of(html.encode("utf-8"), "text/html; charset=utf-8")


# --- an article ------------------------------------------------------------------------------------


def article_marks(analysis: ArticleAnalysis, entities: Sequence[Entity]) -> list[Mark]:
    """What the article page highlights: quotes (linked to their speaker), speakers, entity
    mentions (linked to the person's or organisation's page when the story's linker resolved
    them to one: places and the other types have no page), figures and time expressions, each
    with a tooltip saying what was read there."""
    by_id = {e.id: e for e in entities}
    at = {
        (m.span.start, m.span.end): e
        for e in entities
        for m in e.mentions
        if m.span.article == analysis.article
    }

    def page(e: Entity | None) -> str | None:
        return f"/entities/{cross_story_id(e.name)}" if e is not None and e.type in ACTOR_TYPES else None

    marks: list[Mark] = []
    for q in analysis.quotes:
        who = by_id.get(q.speaker or "")
        name = who.name if who else q.speaker_name or q.speaker_text
        said = f"{q.kind} quote" + (f" by {name}" if name else ", speaker unresolved")
        marks.append(Mark(q.span.start, q.span.end, "quote", said, page(who)))
        if q.speaker_span is not None:
            marks.append(
                Mark(q.speaker_span.start, q.speaker_span.end, "speaker", f"speaker: {name}", page(who))
            )
    for m in analysis.mentions:
        e = at.get((m.span.start, m.span.end))
        marks.append(
            Mark(m.span.start, m.span.end, "entity", f"{m.label}: {e.name if e else m.text}", page(e))
        )
    for n in analysis.quantities:
        marks.append(Mark(n.span.start, n.span.end, "figure", f"figure: {n.value:g} {n.unit}"))
    for t in analysis.time_expressions:
        marks.append(Mark(t.span.start, t.span.end, "time", f"{t.type}: {t.value or 'no value'}"))
    return marks


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    """The article's clean text with what was read in it highlighted, its removed lines, its story."""
    from ..pipeline import stored_story

    store = store_of(request)
    article = store.get(article_id)
    if article is None:
        raise NotFoundError(f"no article {article_id!r}")
    story_id = _snapshot(request).story_of.get(article_id)
    story: Story | None = stored_story(store, story_id, _summary_words(request)) if story_id else None
    analysis = store.analysis(article_id)
    entities: Sequence[Entity] = ()
    if story is not None:
        for a, an in zip(story.articles, story.analyses, strict=True):
            if a.id == article_id:
                article, analysis, entities = a, an, story.entities
    marks = article_marks(analysis, entities) if analysis is not None else []
    text = highlight(article.text, marks)
    return _render(
        request,
        "article.html",
        article=article,
        link=safe_link(article.url),
        text=Markup(text.html),
        out_of_range=text.out_of_range,
        analysed=analysis is not None,
        story_id=story_id,
        counts=Counter(m.kind for m in marks),
    )


# --- a person or organisation -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Said:
    """A quote attributed to the entity: its words, kind, role as stated, and where."""

    text: str
    kind: str
    role: str | None
    article: Article


@dataclass(frozen=True, slots=True)
class Appearance:
    """The entity in one story: the names and roles it has there, its mentions, its quotes."""

    story_id: str
    title: str
    names: tuple[str, ...]
    types: tuple[str, ...]
    roles: tuple[str, ...]
    mentions: int
    quotes: tuple[Said, ...]


def appearances(story_id: str, story: Story, wanted: str) -> Appearance | None:
    """The person or organisation ``wanted`` (a :func:`~newsprism.records.cross_story_id`) in
    ``story``, or ``None``: the entities of an actor type with that id (the API's index takes the
    same ones)."""
    found = [e for e in story.entities if e.type in ACTOR_TYPES and cross_story_id(e.name) == wanted]
    if not found:
        return None
    ids = {e.id for e in found}
    articles = {a.id: a for a in story.articles}
    quotes = tuple(
        Said(q.text, q.kind, q.role, articles[an.article])
        for an in story.analyses
        for q in an.quotes
        if q.speaker in ids and an.article in articles
    )
    roles = dict.fromkeys(r.text for e in found for r in e.roles)
    roles.update(dict.fromkeys(q.role for q in quotes if q.role))
    return Appearance(
        story_id=story_id,
        title=story.articles[0].title if story.articles else story_id,
        names=tuple(dict.fromkeys(n for e in found for n in (e.name, *e.aliases))),
        types=tuple(dict.fromkeys(e.type for e in found)),
        roles=tuple(roles),
        mentions=sum(len(e.mentions) for e in found),
        quotes=quotes,
    )


@router.get("/entities/{wanted}", response_class=HTMLResponse)
def entity_page(request: Request, wanted: str) -> HTMLResponse:
    """A person or organisation across stories: where they appear, their quotes, their roles.

    Reads every story's stored analysis (linked afresh when stale): linear in the stored stories.
    """
    from ..pipeline import stored_story

    seen: list[Appearance] = []
    store = store_of(request)
    for summary in _snapshot(request).stories:
        _, story = store.story_analysis(summary.id)
        if story is None:
            story = stored_story(store, summary.id, _summary_words(request))
        found = appearances(summary.id, story, wanted)
        if found is not None:
            seen.append(found)
    if not seen:
        raise NotFoundError(f"no person or organisation {wanted!r} in any story")
    names = Counter(n for a in seen for n in a.names[:1])
    return _render(
        request,
        "entity.html",
        name=names.most_common(1)[0][0],
        names=tuple(dict.fromkeys(n for a in seen for n in a.names)),
        types=tuple(dict.fromkeys(t for a in seen for t in a.types)),
        roles=tuple(dict.fromkeys(r for a in seen for r in a.roles)),
        seen=seen,
        quotes=sum(len(a.quotes) for a in seen),
    )


# --- search ----------------------------------------------------------------------------------------


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = Query("", max_length=500)) -> HTMLResponse:
    """Full-text search over titles and text, grouped by story, the matched words marked."""
    if not q.strip():
        return _render(request, "search.html", q=q, groups=None, error=None)
    try:
        store = store_of(request)
        found = store.search_stories(q, limit=50)
    except ConfigError as exc:
        return _render(request, "search.html", status=400, q=q, groups=None, error=str(exc))
    groups = [
        (g, [(h, Markup(snippet_html(h.snippet, MARK_OPEN, MARK_CLOSE))) for h in g.hits]) for g in found
    ]
    return _render(request, "search.html", q=q, groups=groups, error=None)
