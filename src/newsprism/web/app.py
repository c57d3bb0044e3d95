"""The FastAPI application: settings, routers, the one error translation, security headers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Settings
from ..errors import ConfigError, NewsprismError, NotFoundError, StoreError
from .security import SecurityHeaders


@dataclass(frozen=True, slots=True)
class WebSettings:
    """What the app needs: the store URL, the bearer token that enables writes (None: writes
    are off), the largest accepted POST body, the summary length stories are linked with, and
    what a posted article is ingested with (``ingest``: the CLI's settings)."""

    db: str = "sqlite:///newsprism.db"
    token: str | None = None
    max_post_bytes: int = 5_000_000
    summary_words: int = 200
    ingest: Settings | None = None

    def pipeline(self) -> Settings:
        """The settings a posted article is ingested with: ``ingest``'s, on this app's store."""
        return replace(self.ingest or Settings(), db=self.db, summary_words=self.summary_words, quiet=True)


def web_settings(settings: Settings) -> WebSettings:
    """What ``newsprism serve`` runs the app with, from its resolved settings."""
    return WebSettings(
        db=settings.db,
        token=settings.token,
        max_post_bytes=settings.max_post_bytes,
        summary_words=settings.summary_words,
        ingest=settings,
    )


def environment_of(settings: Settings) -> dict[str, str]:
    """``settings`` as the ``NEWSPRISM_*`` variables :func:`~newsprism.config.load_settings`
    reads back: how ``serve --processes N`` hands its settings (config file and flags already
    resolved) to uvicorn's worker processes, which start afresh and import the app by name."""
    from dataclasses import fields

    from ..config import ENV_PREFIX

    values = {f.name: getattr(settings, f.name) for f in fields(settings)}
    return {
        ENV_PREFIX + name.upper(): (str(value).lower() if isinstance(value, bool) else str(value))
        for name, value in values.items()
        if value is not None
    }


def app_from_environment() -> FastAPI:
    """The app of one worker process of ``serve --processes N`` (a uvicorn app factory): the
    settings from the environment :func:`environment_of` wrote."""
    from ..config import load_settings

    return create_app(web_settings(load_settings()))


#: NewsprismError subclasses -> HTTP status; anything else on purpose is a 400.
STATUS: tuple[tuple[type[NewsprismError], int], ...] = (
    (NotFoundError, 404),
    (ConfigError, 400),
    (StoreError, 503),
)


def error_body(status: int, code: str, message: str) -> dict[str, dict[str, object]]:
    """The one error shape of every 4xx/5xx JSON answer."""
    return {"error": {"status": status, "code": code, "message": message}}


def _answer(request: Request, status: int, code: str, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse(error_body(status, code, message), status_code=status)
    from html import escape

    page = f"<!doctype html><title>{status}</title><h1>{status}</h1><p>{escape(message)}</p>"
    return HTMLResponse(page, status_code=status)


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """The app for ``settings`` (routers from :mod:`.api` and :mod:`.pages`)."""
    from . import api, pages
    from .access import StoreHolder
    from .entities import EntityCache
    from .etag import ETags
    from .snapshot import SnapshotCache

    settings = settings or WebSettings()
    holder = StoreHolder(settings.db)  # opened on first use

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        holder.close()

    app = FastAPI(
        title="newsprism",
        version=_version(),
        openapi_url="/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = holder
    app.state.snapshots = SnapshotCache()
    app.state.entity_cache = EntityCache()
    app.add_middleware(ETags)
    app.add_middleware(SecurityHeaders)
    app.include_router(api.router, prefix="/api/v1")
    app.include_router(pages.router)

    @app.exception_handler(NewsprismError)
    async def _newsprism_error(request: Request, exc: NewsprismError) -> Response:
        status = next((s for kind, s in STATUS if isinstance(exc, kind)), 400)
        return _answer(request, status, type(exc).__name__, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        answer = _answer(request, exc.status_code, "http_error", str(exc.detail))
        answer.headers.update(exc.headers or {})  # WWW-Authenticate on a 401
        return answer

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _answer(request, 422, "invalid_request", f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(Exception)
    async def _internal_error(request: Request, exc: Exception) -> Response:
        return _answer(request, 500, "internal_error", f"internal error: {type(exc).__name__}")

    return app


def _version() -> str:
    from .. import __version__

    return __version__
