"""ETags on the API's GET answers: a hash of the body, and 304 when the client already has it.

Computed from the bytes sent, so every endpoint gets it without computing a version of the data
it read; the answer is still built (the store is read) before a 304, which saves the transfer,
not the work. ``Cache-Control: no-cache`` makes clients revalidate instead of reusing stale data.
"""

from __future__ import annotations

import hashlib

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(if_none_match: str, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (weak or strong, or ``*``)."""
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags


class ETags(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        if not request.url.path.startswith("/api/"):
            return response
        body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
        etag = etag_of(body)
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        headers["etag"] = etag
        headers["cache-control"] = "no-cache"
        if matches(request.headers.get("if-none-match", ""), etag):
            headers.pop("content-type", None)
            return Response(status_code=304, headers=headers)
        return Response(body, status_code=200, headers=headers, media_type=response.media_type)
