"""The two middlewares as plain ASGI apps: security headers on every answer (an endpoint's own
header wins), ETags on the API's 200 GETs (hashed from the body, or the endpoint's own ETag when
it set one, which is then not hashed again) and 304 for a matching ``If-None-Match``."""

from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse, StreamingResponse
from fastapi.testclient import TestClient

from newsprism.web.etag import ETags, etag_of
from newsprism.web.security import CSP, SecurityHeaders


def app() -> FastAPI:
    made = FastAPI()
    made.add_middleware(ETags)
    made.add_middleware(SecurityHeaders)

    @made.get("/api/streamed")
    async def streamed() -> StreamingResponse:
        async def parts() -> AsyncIterator[bytes]:
            yield b"first,"
            yield b"second"

        return StreamingResponse(parts(), media_type="text/plain")

    @made.get("/api/tagged")
    async def tagged() -> PlainTextResponse:
        return PlainTextResponse("body", headers={"ETag": '"precomputed"', "Cache-Control": "no-cache"})

    @made.get("/page")
    async def page() -> PlainTextResponse:
        return PlainTextResponse("page", headers={"Content-Security-Policy": "default-src 'self'"})

    @made.get("/tagged-page")
    async def tagged_page() -> PlainTextResponse:
        return PlainTextResponse("page", headers={"ETag": '"page"'})

    return made


def test_a_streamed_api_answer_is_hashed_whole_and_a_matching_tag_gets_304() -> None:
    client = TestClient(app())
    first = client.get("/api/streamed")
    assert first.text == "first,second" and first.headers["etag"] == etag_of(b"first,second")
    assert first.headers["cache-control"] == "no-cache" and first.headers["content-length"] == "12"
    again = client.get("/api/streamed", headers={"If-None-Match": f"W/{first.headers['etag']}"})
    assert (
        again.status_code == 304 and again.content == b"" and again.headers["etag"] == first.headers["etag"]
    )
    assert "content-type" not in again.headers and again.headers["content-security-policy"] == CSP
    assert again.headers["cache-control"] == "no-cache"


def test_an_endpoints_own_etag_is_kept_and_honoured_on_any_path() -> None:
    client = TestClient(app())
    assert client.get("/api/tagged").headers["etag"] == '"precomputed"'
    assert client.get("/api/tagged", headers={"If-None-Match": '"precomputed"'}).status_code == 304
    assert client.get("/tagged-page", headers={"If-None-Match": '"other", "page"'}).status_code == 304
    assert client.get("/tagged-page", headers={"If-None-Match": '"other"'}).text == "page"


def test_pages_get_no_computed_etag_and_keep_their_own_security_header() -> None:
    answer = TestClient(app()).get("/page")
    assert "etag" not in answer.headers
    assert answer.headers["content-security-policy"] == "default-src 'self'"
    assert (
        answer.headers["x-frame-options"] == "DENY" and answer.headers["x-content-type-options"] == "nosniff"
    )


def test_errors_are_not_tagged() -> None:
    client = TestClient(app())
    missing = client.get("/api/nothing")
    assert missing.status_code == 404 and "etag" not in missing.headers
    assert missing.headers["x-content-type-options"] == "nosniff"
