"""The JSON API's request and response models: what ``/openapi.json`` documents.

A story is the ``story.json`` contract (``newsprism.story/4``, ``docs/story-format.md``), served
as the report writes it; its JSON Schema is the package's ``schema/story.schema.json``, so the
API document names it rather than copying it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


#: Every ``code`` an error answer may carry: one closed snake_case set, so a client can branch on
#: it (``newsprism.web.app`` maps the exception hierarchy and HTTP refusals onto it; docs/web.md
#: lists it, a test holds the three together). It used to be the exception's class name
#: ("NotFoundError") beside "http_error" for every refusal, so a client had to know Python's
#: class names and could not tell a 401 from a 415 without the status.
ErrorCode = Literal[
    "bad_request",
    "unauthorized",
    "forbidden",
    "not_found",
    "method_not_allowed",
    "payload_too_large",
    "unsupported_media_type",
    "invalid_request",
    "internal_error",
    "model_unavailable",
    "store_unavailable",
]


class Error(Model):
    status: int
    code: ErrorCode
    message: str


class ErrorBody(Model):
    """The one shape of every 4xx/5xx answer under ``/api``."""

    error: Error


class Page(Model):
    """Where a listing stands: ``page`` of ``pages`` (``limit`` items each), ``total`` items."""

    page: int
    limit: int
    total: int
    pages: int
    next_page: int | None


class Member(Model):
    id: str
    title: str
    outlet: str | None
    url: str | None
    published: str | None


class StoryItem(Model):
    """A story as listed: its title (earliest article's), articles, outlets, independent
    origins (``null`` until analysed), first and last publication dates and its articles."""

    id: str
    title: str | None
    articles: int
    outlets: list[str]
    origins: int | None
    first_published: str | None
    last_published: str | None
    members: list[Member]


class StoryList(Model):
    page: Page
    stories: list[StoryItem]


class ArticleItem(Model):
    id: str
    title: str
    outlet: str | None
    url: str | None
    language: str
    published: str | None
    story: str | None = Field(description="The story the article belongs to (null: in none)")


class ArticleList(Model):
    page: Page
    articles: list[ArticleItem]


class ArticleDocument(Model):
    """An article as story.json writes it (``article``), its records in story.json's shapes
    (speakers linked as in its story's analysis when it has one) and its story's id."""

    article: dict[str, Any]
    quotes: list[dict[str, Any]]
    quantities: list[dict[str, Any]]
    time_expressions: list[dict[str, Any]]
    mentions: list[dict[str, Any]]
    story: str | None


class EntityItem(Model):
    id: str
    name: str
    type: Literal["person", "organization"]
    aliases: list[str]
    stories: int
    mentions: int
    quotes: int


class EntityList(Model):
    page: Page
    entities: list[EntityItem]


class EntityStoryItem(Model):
    id: str
    title: str | None
    last_published: str | None
    mentions: int
    roles: list[str] = Field(description="Roles stated for the entity in that story, as written")


class EntityDocument(Model):
    id: str
    name: str
    type: Literal["person", "organization"]
    aliases: list[str]
    mentions: int
    quotes: int
    stories: list[EntityStoryItem]


class QuoteItem(Model):
    """A quote attributed to the entity: where it stands (``article``, ``start``, ``end`` into
    that article's text) and the role the article states with it."""

    story: str
    article: str
    outlet: str | None
    quote: str
    text: str
    kind: Literal["direct", "indirect"]
    role: str | None
    speaker_text: str | None
    cue: str | None
    start: int
    end: int


class QuoteList(Model):
    page: Page
    entity: str
    quotes: list[QuoteItem]


class Hit(Model):
    article: str
    title: str
    snippet: str = Field(description="Matched words between ** and **")
    rank: float = Field(description="bm25 rank, lower is better")


class HitGroup(Model):
    story: str | None = Field(description="null: articles in no story (not analysed)")
    title: str | None
    hits: list[Hit]


class SearchResult(Model):
    query: str
    stories: list[HitGroup]


class ArticleIn(Model):
    """A posted article (``Content-Type: application/json``)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    title: str = Field(min_length=1, max_length=2_000)
    text: str = Field(min_length=1)
    url: str | None = None
    outlet: str | None = Field(default=None, max_length=500)
    published: str | None = Field(default=None, description="A date (YYYY-MM-DD or ISO 8601)")


class Posted(Model):
    """What a POST stored: the article's id, whether it is new, its story's id and the story
    (the story.json contract; ``null`` when the article is in no story: another language)."""

    article: str
    created: bool
    story_id: str | None
    story: dict[str, Any] | None


class Health(Model):
    status: Literal["ok"]
