"""ETags on GET answers: a hash of the body, and 304 when the client already has it.

Every 200 GET/HEAD answer under ``/api/`` gets one computed from the bytes sent, so an endpoint
gets it without computing a version of the data it read; such an answer is still built (the
store is read) before a 304, which saves the transfer, not the work. An endpoint that already
knows its tag (a body it keeps per store state, such as the story page, hashed once when it was
made) sets ``ETag`` itself, on any path: the body is then passed through, not buffered and
hashed again, and a matching ``If-None-Match`` still gets 304. ``Cache-Control: no-cache`` makes
clients revalidate instead of reusing stale data.

A plain ASGI middleware: Starlette's ``BaseHTTPMiddleware`` runs every request through an
extra task and memory stream, which showed on every answer under load.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


@dataclass(frozen=True, slots=True)
class Body:
    """An answer's bytes, kept per store state, and their ETag, hashed once when it was made."""

    content: bytes
    media_type: str
    etag: str

    @classmethod
    def of(cls, content: bytes, media_type: str) -> Body:
        return cls(content, media_type, etag_of(content))

    @classmethod
    def json(cls, data: Any) -> Body:
        """``data`` encoded byte for byte as FastAPI's ``JSONResponse`` encodes it."""
        text = json.dumps(data, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":"))
        return cls.of(text.encode("utf-8"), "application/json")

    def response(self) -> Response:
        headers = {"ETag": self.etag, "Cache-Control": "no-cache"}
        return Response(self.content, media_type=self.media_type, headers=headers)


def matches(if_none_match: str, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (weak or strong, or ``*``)."""
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags


def not_modified(start: Message, etag: str) -> Message:
    """The 304 start message for a 200 whose ``start`` carried ``etag``: its headers, no body's."""
    headers = MutableHeaders(raw=list(start.get("headers", ())))
    for name in ("content-length", "content-type"):
        del headers[name]
    headers["etag"] = etag
    return {"type": "http.response.start", "status": 304, "headers": headers.raw}


class ETags:
    """Tags 200 GET/HEAD answers (see the module's docstring) and answers 304 when they match."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        wanted = Headers(scope=scope).get("if-none-match", "")
        hashed = scope["path"].startswith("/api/")
        start: Message | None = None
        chunks: list[bytes] = []
        passing = True  # until a 200 start is seen: errors and other statuses go through as they are

        async def tagging(message: Message) -> None:
            nonlocal start, passing
            if message["type"] == "http.response.start":
                if message["status"] != 200:
                    await send(message)
                    return
                own = Headers(raw=message.get("headers", [])).get("etag")
                if own is not None:
                    if wanted and matches(wanted, own):
                        start, passing = not_modified(message, own), False
                        await send(start)
                        await send({"type": "http.response.body", "body": b""})
                        return
                    await send(message)
                    return
                if not hashed:
                    await send(message)
                    return
                start, passing = message, False
                return
            if passing:
                await send(message)
                return
            if start is None or start["status"] == 304:
                return  # the 304 was sent: the body is dropped
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await send_tagged(start, b"".join(chunks))

        async def send_tagged(first: Message, body: bytes) -> None:
            etag = etag_of(body)
            headers = MutableHeaders(raw=list(first.get("headers", ())))
            headers["etag"] = etag
            headers["cache-control"] = "no-cache"
            if wanted and matches(wanted, etag):
                await send(not_modified({**first, "headers": headers.raw}, etag))
                await send({"type": "http.response.body", "body": b""})
                return
            if scope["method"] == "GET":
                headers["content-length"] = str(len(body))
            await send({**first, "headers": headers.raw})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, tagging)
