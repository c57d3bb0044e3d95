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
from ..errors import ModelError, NewsprismError, NotFoundError, StoreError
from .models import ErrorCode
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


#: NewsprismError subclasses -> (HTTP status, code); the first that the error is an instance of
#: decides, the root last: anything else raised on purpose (a bad setting or parameter, an
#: ambiguous story prefix, a search without words, an unreadable input) is a 400 ``bad_request``.
#: The code names what went wrong for an API client, never the Python class (it used to be
#: ``type(exc).__name__``, so renaming an exception changed the API).
ERRORS: tuple[tuple[type[NewsprismError], int, ErrorCode], ...] = (
    (NotFoundError, 404, "not_found"),
    (StoreError, 503, "store_unavailable"),
    (ModelError, 400, "model_unavailable"),
    (NewsprismError, 400, "bad_request"),
)

#: The code of a refusal the web layer raises as an HTTP status (Starlette's own 404 and 405,
#: the POST's 401/403/413/415 and its body checks). A status not listed is ``bad_request`` below
#: 500 and ``internal_error`` from 500 on, so the set of codes stays closed.
HTTP_CODES: dict[int, ErrorCode] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
}


def error_of(exc: NewsprismError) -> tuple[int, ErrorCode]:
    """The HTTP status and code of ``exc`` (:data:`ERRORS`)."""
    return next((status, code) for kind, status, code in ERRORS if isinstance(exc, kind))


def http_code(status: int) -> ErrorCode:
    """The code of an HTTP refusal with ``status`` (:data:`HTTP_CODES`)."""
    return HTTP_CODES.get(status, "internal_error" if status >= 500 else "bad_request")


def error_body(status: int, code: ErrorCode, message: str) -> dict[str, dict[str, object]]:
    """The one error shape of every 4xx/5xx JSON answer."""
    return {"error": {"status": status, "code": code, "message": message}}


def _answer(request: Request, status: int, code: ErrorCode, message: str) -> Response:
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
        status, code = error_of(exc)
        return _answer(request, status, code, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        answer = _answer(request, exc.status_code, http_code(exc.status_code), str(exc.detail))
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
