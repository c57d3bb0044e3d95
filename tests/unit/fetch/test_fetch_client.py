"""The careful client against a local server: redirects, timeouts, size caps, retries, robots.txt,
content types and conditional requests, each failure a one-line reason and never an exception."""

from __future__ import annotations

import gzip
import time
from http.server import BaseHTTPRequestHandler

import pytest

from newsprism.fetch import Failed, Fetcher, FetchOptions
from newsprism.fetch.client import Fetched
from tests.local_http import Server, answer

PAGE = (
    b"<html><head><title>Harbour bridge reopens</title></head><body><p>The bridge reopened.</p></body></html>"
)


def fetcher(sleeps: list[float] | None = None, **options: object) -> Fetcher:
    """A fetcher for loopback tests: private addresses allowed, no pacing, waits recorded (not slept)."""
    settings = {"allow_private": True, "host_interval": 0.0, "total_timeout": 5.0, **options}
    return Fetcher(FetchOptions(**settings), sleep=(sleeps if sleeps is not None else []).append)  # type: ignore[arg-type]


def test_a_page_is_fetched_with_the_configured_user_agent(server: Server) -> None:
    server.routes["/a"] = answer(body=PAGE)
    with fetcher(user_agent="prism-test/1.0") as client:
        got = client.get(server.url("/a"))
    assert isinstance(got, Fetched)
    assert (got.body, got.content_type) == (PAGE, "text/html")
    assert dict(server.seen)["/a"]["user-agent"] == "prism-test/1.0"


def test_a_redirect_chain_is_followed_hop_by_hop(server: Server) -> None:
    for n in range(1, 4):
        server.routes[f"/r{n}"] = answer(302, Location=f"/r{n + 1}")
    server.routes["/r4"] = answer(body=PAGE)
    with fetcher() as client:
        got = client.get(server.url("/r1"))
    assert isinstance(got, Fetched)
    assert got.final_url == server.url("/r4")
    assert server.paths() == ["/robots.txt", "/r1", "/r2", "/r3", "/r4"]


def test_a_sixth_redirect_is_refused(server: Server) -> None:
    for n in range(1, 8):
        server.routes[f"/r{n}"] = answer(301, Location=f"/r{n + 1}")
    with fetcher() as client:
        got = client.get(server.url("/r1"))
    assert got == Failed(server.url("/r1"), "more than 5 redirects")
    assert "/r7" not in server.paths()  # the sixth redirect's target is never asked


def test_a_slow_server_times_out(server: Server) -> None:
    server.routes["/robots.txt"] = answer(404)

    def slow(request: BaseHTTPRequestHandler) -> None:
        time.sleep(2)
        answer(body=PAGE)(request)

    server.routes["/slow"] = slow
    started = time.monotonic()
    with fetcher(total_timeout=0.3, retries=0) as client:
        got = client.get(server.url("/slow"))
    assert isinstance(got, Failed) and got.reason.startswith("timed out") and got.transient
    assert time.monotonic() - started < 1.5


def test_an_endless_body_stops_at_the_cap_while_streaming(server: Server) -> None:
    def endless(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()
        while True:
            request.wfile.write(b"<p>more</p>" * 1000)

    server.routes["/endless"] = endless
    with fetcher(max_bytes=100_000) as client:
        got = client.get(server.url("/endless"))
    assert got == Failed(server.url("/endless"), "larger than max_bytes (100000 bytes) while downloading")


def test_a_declared_length_over_the_cap_is_refused_before_reading(server: Server) -> None:
    server.routes["/big"] = answer(body=b"x" * 5000)
    with fetcher(max_bytes=1000) as client:
        got = client.get(server.url("/big"))
    assert isinstance(got, Failed) and "by Content-Length" in got.reason


def test_a_gzip_bomb_stops_at_the_cap_on_the_decompressed_size(server: Server) -> None:
    bomb = gzip.compress(b"\0" * 50_000_000)  # about 50 kB on the wire
    server.routes["/bomb"] = answer(body=bomb, Content_Encoding="gzip")
    with fetcher(max_bytes=1_000_000) as client:
        got = client.get(server.url("/bomb"))
    assert got == Failed(server.url("/bomb"), "larger than max_bytes (1000000 bytes) after decompression")


def test_a_gzipped_page_is_decompressed(server: Server) -> None:
    server.routes["/gz"] = answer(body=gzip.compress(PAGE), Content_Encoding="gzip")
    with fetcher() as client:
        got = client.get(server.url("/gz"))
    assert isinstance(got, Fetched) and got.body == PAGE


def test_429_waits_for_retry_after_then_retries(server: Server) -> None:
    calls: list[int] = []

    def busy_once(request: BaseHTTPRequestHandler) -> None:
        calls.append(1)
        (answer(429, b"", Retry_After="7") if len(calls) == 1 else answer(body=PAGE))(request)

    server.routes["/busy"] = busy_once
    sleeps: list[float] = []
    with fetcher(sleeps) as client:
        got = client.get(server.url("/busy"))
    assert isinstance(got, Fetched)
    assert sleeps == [7.0] and len(calls) == 2


def test_5xx_backs_off_doubling_and_fails_after_the_retries(server: Server) -> None:
    server.routes["/down"] = answer(503, b"")
    sleeps: list[float] = []
    with fetcher(sleeps, retries=2, backoff=0.5) as client:
        got = client.get(server.url("/down"))
    assert got == Failed(server.url("/down"), "HTTP 503 (the retries)", transient=True, status=503)
    assert sleeps == [0.5, 1.0]
    assert server.paths().count("/down") == 3


def test_a_retry_after_beyond_max_wait_fails_without_waiting(server: Server) -> None:
    server.routes["/later"] = answer(429, b"", Retry_After="3600")
    sleeps: list[float] = []
    with fetcher(sleeps, max_wait=60.0) as client:
        got = client.get(server.url("/later"))
    assert isinstance(got, Failed) and got.reason == "HTTP 429 (Retry-After beyond 60 s)" and got.transient
    assert sleeps == []


def test_robots_txt_disallow_is_respected(server: Server) -> None:
    server.routes["/robots.txt"] = answer(
        body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    server.routes["/private/a"] = answer(body=PAGE)
    server.routes["/public/a"] = answer(body=PAGE)
    with fetcher() as client:
        refused = client.get(server.url("/private/a"))
        allowed = client.get(server.url("/public/a"))
    assert refused == Failed(server.url("/private/a"), "disallowed by robots.txt")
    assert isinstance(allowed, Fetched)
    assert server.paths() == ["/robots.txt", "/public/a"]  # robots.txt asked once per host


def test_robots_crawl_delay_paces_the_host(server: Server) -> None:
    server.routes["/robots.txt"] = answer(body=b"User-agent: *\nCrawl-delay: 4\n", content_type="text/plain")
    server.routes["/a"] = answer(body=PAGE)
    sleeps: list[float] = []
    with fetcher(sleeps) as client:
        client.get(server.url("/a"))
        client.get(server.url("/a"))
    # robots.txt itself was the host's first request: each page waits out the delay after the last
    assert len(sleeps) == 2 and all(3.0 < s <= 4.0 for s in sleeps)


def test_a_robots_txt_server_error_disallows_for_now(server: Server) -> None:
    server.routes["/robots.txt"] = answer(500, b"")
    server.routes["/a"] = answer(body=PAGE)
    with fetcher(retries=0) as client:
        got = client.get(server.url("/a"))
    assert isinstance(got, Failed) and got.reason.startswith("robots.txt unavailable") and got.transient
    assert "/a" not in server.paths()


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "application/json", ""])
def test_content_types_other_than_html_or_xml_are_refused(server: Server, content_type: str) -> None:
    server.routes["/file"] = answer(body=b"%PDF-1.7", content_type=content_type)
    with fetcher() as client:
        got = client.get(server.url("/file"))
    shown = content_type or "(none given)"
    assert got == Failed(server.url("/file"), f"content type {shown} is not HTML or XML")


def test_conditional_request_sends_the_validators_and_reads_304(server: Server) -> None:
    def feed(request: BaseHTTPRequestHandler) -> None:
        if request.headers.get("If-None-Match") == '"v1"':
            answer(304, b"", content_type="")(request)
        else:
            answer(body=b"<rss/>", content_type="application/rss+xml", ETag='"v1"')(request)

    server.routes["/feed"] = feed
    with fetcher() as client:
        first = client.get(server.url("/feed"), "feed")
        assert isinstance(first, Fetched) and first.etag == '"v1"'
        second = client.get(server.url("/feed"), "feed", etag=first.etag)
    assert isinstance(second, Fetched) and second.not_modified and second.body == b""


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/a", "only http and https URLs are fetched (ftp:)"),
        ("file:///etc/passwd", "only http and https URLs are fetched (file:)"),
        ("example.org/a", "only http and https URLs are fetched (no scheme)"),
        ("http://", "URL has no host"),
        ("http://example.org:99999/", "not a valid URL: Port out of range 0-65535"),
    ],
)
def test_bad_urls_fail_with_a_reason(url: str, reason: str) -> None:
    with fetcher() as client:
        assert client.get(url) == Failed(url, reason)
