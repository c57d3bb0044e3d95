"""The JSON API under ``/api/v1``: stories, articles, entities, search, and the one write.

Every read is a library call on the app's store (:mod:`.access`): a story is
:func:`~newsprism.pipeline.stored_story` rendered by
:func:`~newsprism.report.story_json.story_to_dict` (the ``story.json`` contract, ids and
prefixes resolved as ``newsprism show`` resolves them); entities come from the stored story
analyses (:mod:`.entities`), never from linking again. Listings are paged (``page`` from 1,
``limit`` 1..100); a parameter out of bounds is a 422 in the one error shape, an unknown id a
404. ETags are set by :mod:`.etag`.

``POST /articles`` is off unless the app has a token: 403 without one, 401 without the right
bearer token (compared in constant time), 413 once the body passes ``max_post_bytes`` (counted
while it is read, not trusted from ``Content-Length``), 415 for another content type, and in
every such case nothing is read into the store. A JSON article or an HTML page goes through the
readers and the cleaning ``newsprism ingest`` uses, then :func:`~newsprism.pipeline.ingest_corpus`.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError

from ..errors import NotFoundError
from ..ingest.html import read_html
from ..ingest.jsonl import article_from_object
from ..pipeline import corpus_of, ingest_corpus, stored_story
from ..records import RawDocument, Skip
from ..report.story_json import article_to_dict, story_to_dict
from ..store import Store, StorySummary
from .access import holder_of, store_of
from .app import WebSettings
from .entities import EntityCache, EntityEntry, EntityIndex
from .etag import Body
from .models import (
    ArticleDocument,
    ArticleIn,
    ArticleItem,
    ArticleList,
    EntityDocument,
    EntityItem,
    EntityList,
    EntityStoryItem,
    ErrorBody,
    Health,
    Hit,
    HitGroup,
    Member,
    Page,
    Posted,
    QuoteItem,
    QuoteList,
    SearchResult,
    StoryItem,
    StoryList,
)
from .snapshot import Snapshot, SnapshotCache, kept_answer

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in ((400, "Bad request"), (404, "Not found"), (422, "Invalid parameter"))
}
router = APIRouter(responses=_ERRORS)

StoreDep = Annotated[Store, Depends(store_of)]
PageQ = Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1")]
LimitQ = Annotated[int, Query(ge=1, le=100, description="Items per page (1..100)")]
IdPath = Annotated[str, Path(min_length=1, max_length=200)]

T = TypeVar("T")


def settings_of(request: Request) -> WebSettings:
    settings: WebSettings = request.app.state.settings
    return settings


def paged(items: Sequence[T], page: int, limit: int) -> tuple[list[T], Page]:
    """Page ``page`` (from 1) of ``items``, ``limit`` each, and where it stands."""
    pages = max(1, -(-len(items) // limit))
    start = (page - 1) * limit
    where = Page(
        page=page,
        limit=limit,
        total=len(items),
        pages=pages,
        next_page=page + 1 if page < pages else None,
    )
    return list(items[start : start + limit]), where


@router.get("/health", response_model=Health)
def health() -> Health:
    """For process supervisors: the app answers (without touching the store)."""
    return Health(status="ok")


def _story_item(s: StorySummary) -> StoryItem:
    members = [
        Member(id=m.article_id, title=m.title, outlet=m.outlet, url=m.url, published=m.published)
        for m in s.members
    ]
    return StoryItem(
        id=s.id,
        title=s.title,
        articles=s.articles,
        outlets=list(s.outlets),
        origins=s.origins,
        first_published=s.first_published,
        last_published=s.last_published,
        members=members,
    )


@router.get("/stories", response_model=StoryList)
async def list_stories(
    request: Request,
    page: PageQ = 1,
    limit: LimitQ = 20,
    since: Annotated[
        date | None, Query(description="Stories with an article on or after (YYYY-MM-DD)")
    ] = None,
    until: Annotated[
        date | None, Query(description="Stories with an article on or before (YYYY-MM-DD)")
    ] = None,
    outlet: Annotated[str | None, Query(max_length=500, description="Stories with this outlet")] = None,
) -> Response:
    """Stories newest first (by last publication date; undated last)."""
    cache: SnapshotCache = request.app.state.snapshots

    def make(store: Store) -> Body:
        listed = cache.get(store).stories
        return Body.json(stories_page(listed, page, limit, since, until, outlet).model_dump(mode="json"))

    return await kept_answer(request, ("stories", page, limit, since, until, outlet), make)


def stories_page(
    listed: Sequence[StorySummary],
    page: int,
    limit: int,
    since: date | None,
    until: date | None,
    outlet: str | None,
) -> StoryList:
    """Page ``page`` of the stories ``listed`` (newest first) that pass the filters."""
    if since is not None:
        start = since.isoformat()
        listed = [s for s in listed if s.last_published is not None and s.last_published >= start]
    if until is not None:
        end = until.isoformat()
        listed = [s for s in listed if s.first_published is not None and s.first_published <= end]
    if outlet:
        wanted = outlet.strip().casefold()
        listed = [s for s in listed if any(o.casefold() == wanted for o in s.outlets)]
    shown, where = paged(listed, page, limit)
    return StoryList(page=where, stories=[_story_item(s) for s in shown])


@router.get(
    "/stories/{story_id}",
    response_model=dict[str, Any],
    responses={200: {"description": "The story in the story.json contract (newsprism.story/4)"}},
)
async def get_story(request: Request, story_id: IdPath) -> Response:
    """One story in the ``story.json`` contract; ``story_id`` may be a unique prefix or the id
    of a story merged into it, as ``newsprism show`` takes it."""
    words = settings_of(request).summary_words
    return await kept_answer(
        request, ("story", story_id), lambda store: Body.json(stored_story_dict(store, story_id, words))
    )


def stored_story_dict(store: Store, ref: str, summary_words: int) -> dict[str, Any]:
    """Story ``ref`` in the story.json contract (``ref`` resolved as ``newsprism show`` does)."""
    return story_to_dict(stored_story(store, ref, summary_words))


def snapshot_of(request: Request, store: Store) -> Snapshot:
    cache: SnapshotCache = request.app.state.snapshots
    return cache.get(store)


@router.get("/articles", response_model=ArticleList)
def list_articles(store: StoreDep, request: Request, page: PageQ = 1, limit: LimitQ = 20) -> ArticleList:
    """Stored articles, newest first (undated last), each with its story's id."""
    snapshot = snapshot_of(request, store)
    shown, where = paged(snapshot.articles, page, limit)
    items = [ArticleItem(**asdict(a), story=snapshot.story_of.get(a.id)) for a in shown]
    return ArticleList(page=where, articles=items)


@router.get("/articles/{article_id}", response_model=ArticleDocument)
def get_article(store: StoreDep, request: Request, article_id: IdPath) -> ArticleDocument:
    """One article with its records (speakers linked as in its story) and its story's id."""
    article = store.get(article_id)
    if article is None:
        raise NotFoundError(f"no article {article_id!r}")
    story_id = snapshot_of(request, store).story_of.get(article_id)
    analysis = store.analysis(article_id)
    if story_id is not None:
        story = stored_story(store, story_id, settings_of(request).summary_words)
        analysis = next((an for an in story.analyses if an.article == article_id), analysis)
    return ArticleDocument(**article_to_dict(article, analysis), story=story_id)


def entity_index(request: Request, store: Store) -> EntityIndex:
    cache: EntityCache = request.app.state.entity_cache
    return cache.get(store, snapshot_of(request, store), settings_of(request).summary_words)


def _entity(request: Request, store: Store, entity_id: str) -> EntityEntry:
    index = entity_index(request, store)
    entry = index.by_id.get(entity_id)
    if entry is None:
        raise NotFoundError(f"no person or organisation {entity_id!r}")
    return entry


@router.get("/entities", response_model=EntityList)
def list_entities(
    store: StoreDep,
    request: Request,
    page: PageQ = 1,
    limit: LimitQ = 20,
    type: Annotated[str | None, Query(pattern="^(person|organization)$")] = None,
) -> EntityList:
    """People and organisations across stories: most stories first, then most mentions."""
    index = entity_index(request, store)
    entries = [index.by_id[i] for i in index.order if type is None or index.by_id[i].type == type]
    shown, where = paged(entries, page, limit)
    items = [
        EntityItem.model_validate(
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "aliases": e.aliases,
                "stories": len(e.stories),
                "mentions": e.mentions,
                "quotes": len(e.quotes),
            }
        )
        for e in shown
    ]
    return EntityList(page=where, entities=items)


@router.get("/entities/{entity_id}", response_model=EntityDocument)
def get_entity(store: StoreDep, request: Request, entity_id: IdPath) -> EntityDocument:
    """A person or organisation: every story they appear in, with the roles stated there."""
    e = _entity(request, store, entity_id)
    stories = [
        EntityStoryItem(
            id=s.story,
            title=s.title,
            last_published=s.last_published,
            mentions=s.mentions,
            roles=list(s.roles),
        )
        for s in e.stories
    ]
    return EntityDocument.model_validate(
        {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "aliases": e.aliases,
            "mentions": e.mentions,
            "quotes": len(e.quotes),
            "stories": stories,
        }
    )


@router.get("/entities/{entity_id}/quotes", response_model=QuoteList)
def entity_quotes(
    store: StoreDep, request: Request, entity_id: IdPath, page: PageQ = 1, limit: LimitQ = 20
) -> QuoteList:
    """Every quote attributed to the entity across stories, with the role stated with it."""
    e = _entity(request, store, entity_id)
    shown, where = paged(e.quotes, page, limit)
    quotes = [QuoteItem.model_validate(q, from_attributes=True) for q in shown]
    return QuoteList(page=where, entity=e.id, quotes=quotes)


@router.get("/search", response_model=SearchResult)
async def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description="Words; every one must occur")],
    limit: Annotated[int, Query(ge=1, le=100, description="At most this many stories")] = 20,
) -> Response:
    """Full-text search over titles and text, grouped by story, best first, with snippets."""
    return await kept_answer(request, ("search", q, limit), lambda store: _search(store, q, limit))


def _search(store: Store, q: str, limit: int) -> Body:
    """The search answer, read once per store state (:func:`.snapshot.kept_answer`)."""
    found = store.search_stories(q, limit=limit)
    groups = [
        HitGroup(
            story=g.story_id,
            title=g.title,
            hits=[Hit(article=h.article_id, title=h.title, snippet=h.snippet, rank=h.rank) for h in g.hits],
        )
        for g in found
    ]
    return Body.json(SearchResult(query=q, stories=groups).model_dump(mode="json"))


_POST_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": ArticleIn.model_json_schema()},
        "text/html": {"schema": {"type": "string", "description": "A whole news page"}},
    },
}
_POST_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in (
        (401, "Missing or wrong bearer token"),
        (403, "Writes are disabled (the server has no token)"),
        (413, "Body larger than the server's limit"),
        (415, "Neither application/json nor text/html"),
    )
}


@router.post(
    "/articles",
    status_code=201,
    response_model=Posted,
    responses={200: {"model": Posted, "description": "Already stored"}, **_POST_ERRORS},
    openapi_extra={"requestBody": _POST_BODY},
)
async def post_article(
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(HTTPBearer(auto_error=False))],
    url: Annotated[str | None, Query(max_length=2_000, description="The page's address (HTML)")] = None,
) -> JSONResponse:
    """Store, cluster and analyse one article (JSON) or news page (HTML); answer with its story."""
    settings = settings_of(request)
    _authorise(bearer, settings)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in ("application/json", "text/html"):
        raise HTTPException(415, f"content type {kind or '(none)'!r}: send application/json or text/html")
    body = await _capped_body(request, settings.max_post_bytes)
    document = _document(kind, body, url)
    from starlette.concurrency import run_in_threadpool

    created, article_id, story_id, story = await run_in_threadpool(_ingest, request, document)
    posted = Posted(article=article_id, created=created, story_id=story_id, story=story)
    return JSONResponse(posted.model_dump(), status_code=201 if created else 200)


def _authorise(bearer: HTTPAuthorizationCredentials | None, settings: WebSettings) -> None:
    """403 when writes are off, 401 unless the bearer token is the app's (constant-time)."""
    if settings.token is None:
        raise HTTPException(403, "writes are disabled: start newsprism serve with --token to enable them")
    given = bearer.credentials if bearer is not None else ""
    if not hmac.compare_digest(given.encode(), settings.token.encode()):
        raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})


async def _capped_body(request: Request, limit: int) -> bytes:
    """The body, refused (413) as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"body of {int(declared)} bytes is over the limit of {limit}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"body is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _document(kind: str, body: bytes, url: str | None) -> RawDocument | Skip:
    """The posted body read as ``newsprism ingest`` reads a JSON article or an HTML page."""
    source = url or "POST /api/v1/articles"
    if kind == "text/html":
        return read_html(source, body, url=url)
    try:
        posted = ArticleIn.model_validate(json.loads(body))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise HTTPException(400, "the body is not valid JSON") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "body"
        raise HTTPException(422, f"{where}: {first.get('msg', 'invalid')}") from None
    obj = posted.model_dump()
    if url and not obj.get("url"):
        obj["url"] = url
    return article_from_object(obj.get("url") or source, obj)


def _ingest(
    request: Request, document: RawDocument | Skip
) -> tuple[bool, str, str | None, dict[str, Any] | None]:
    holder = holder_of(request)
    settings = settings_of(request).pipeline()
    corpus = corpus_of([document], settings)
    kept = corpus.articles or corpus.other_language
    if not kept:
        reasons = "; ".join(s.reason for s in corpus.skipped) or "no article"
        raise HTTPException(422, f"nothing to store: {reasons}")
    article = kept[0]
    with holder.write_lock:
        result = ingest_corpus(corpus, settings)
        request.app.state.snapshots.clear()
    store = holder.get()
    story_id = snapshot_of(request, store).story_of.get(article.id)
    story = story_to_dict(stored_story(store, story_id, settings.summary_words)) if story_id else None
    return result.added > 0, article.id, story_id, story
