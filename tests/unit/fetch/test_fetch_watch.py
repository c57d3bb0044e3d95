"""A watcher's rounds: conditional requests (ETag / 304), no entry fetched twice, sitemaps and
sitemap indexes, and the two traps of what to remember (see poll_feeds)."""

from __future__ import annotations

import gzip
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from newsprism.fetch import Fetcher, FetchOptions, WatchState, fetch_documents, poll_feeds, remember
from newsprism.fetch.sources import Listing, read_listing
from newsprism.records import RawDocument
from tests.local_http import Server, answer


def article(title: str) -> bytes:
    paragraph = " ".join(["The harbour authority said the crossing would reopen on Monday morning."] * 4)
    return (
        f'<html lang="en"><head><title>{title} - Harbour Times</title>'
        '<link rel="canonical" href="https://harbour.example/news/bridge">'
        '<meta property="og:site_name" content="Harbour Times">'
        '<meta property="article:published_time" content="2024-03-05T08:00:00Z"></head>'
        f"<body><article><h1>{title}</h1><p>{paragraph}</p><p>{paragraph}</p></article></body></html>"
    ).encode()


def rss(*paths: str, port: int) -> bytes:
    items = "".join(f"<item><title>{p}</title><link>http://127.0.0.1:{port}{p}</link></item>" for p in paths)
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()
    )


def feed_with_etag(body: bytes, etag: str) -> object:
    def handle(request: BaseHTTPRequestHandler) -> None:
        if request.headers.get("If-None-Match") == etag:
            answer(304, b"", content_type="")(request)
        else:
            answer(body=body, content_type="application/rss+xml", ETag=etag)(request)

    return handle


@pytest.fixture
def state(tmp_path: Path) -> WatchState:
    return WatchState(f"sqlite:///{tmp_path / 'watch.db'}")


def fetcher() -> Fetcher:
    return Fetcher(FetchOptions(allow_private=True, host_interval=0.0, retries=0), sleep=lambda _: None)


def test_a_page_is_read_like_local_html(server: Server) -> None:
    server.routes["/bridge"] = answer(body=article("Bridge reopens"))
    with fetcher() as client:
        pages = fetch_documents([server.url("/bridge")], client)
    (doc,) = pages.documents
    assert isinstance(doc, RawDocument)
    assert (doc.title, doc.outlet, doc.url, doc.published) == (
        "Bridge reopens",
        "Harbour Times",
        "https://harbour.example/news/bridge",
        "2024-03-05",
    )
    assert doc.source == server.url("/bridge")


def test_rounds_use_the_etag_and_never_refetch_an_entry(server: Server, state: WatchState) -> None:
    server.routes["/a"] = answer(body=article("First"))
    server.routes["/b"] = answer(body=article("Second"))
    server.routes["/c"] = answer(body=article("Third"))
    server.routes["/feed"] = feed_with_etag(rss("/a", "/b", port=server.port), '"v1"')
    feed = server.url("/feed")

    with fetcher() as client:
        first = poll_feeds([feed], client, state)
    remember(first, state)
    assert [(f.status, f.entries, f.new) for f in first.feeds] == [("listed", 2, 2)]
    assert first.pages.fetched == 2

    with fetcher() as client:
        second = poll_feeds([feed], client, state)
    remember(second, state)
    assert [f.status for f in second.feeds] == ["unchanged"]
    assert second.pages.fetched == 0
    assert [h.get("if-none-match") for p, h in server.seen if p == "/feed"] == [None, '"v1"']

    server.routes["/feed"] = feed_with_etag(rss("/c", "/a", "/b", port=server.port), '"v2"')
    with fetcher() as client:
        third = poll_feeds([feed], client, state)
    assert [(f.status, f.entries, f.new) for f in third.feeds] == [("listed", 3, 1)]
    assert [p for p, _ in server.seen if p in ("/a", "/b", "/c")] == ["/a", "/b", "/c"]


def test_a_transient_entry_failure_keeps_no_validators(server: Server, state: WatchState) -> None:
    """Otherwise the next round's 304 would hide the failed entry for good."""
    server.routes["/a"] = answer(503, b"")
    server.routes["/feed"] = feed_with_etag(rss("/a", port=server.port), '"v1"')
    with fetcher() as client:
        poll = poll_feeds([server.url("/feed")], client, state)
    remember(poll, state)
    (outcome,) = poll.feeds
    assert outcome.validators is None and outcome.seen == ()
    assert state.validators(server.url("/feed")) == (None, None)
    assert state.unseen([server.url("/a")]) == [server.url("/a")]


def test_a_permanent_entry_failure_is_seen_and_not_asked_again(server: Server, state: WatchState) -> None:
    server.routes["/feed"] = answer(body=rss("/gone", port=server.port), content_type="application/rss+xml")
    with fetcher() as client:
        poll = poll_feeds([server.url("/feed")], client, state)
    remember(poll, state)
    assert [f.reason for f in poll.pages.failed] == ["HTTP 404"]
    assert state.unseen([server.url("/gone")]) == []


def test_a_sitemap_index_is_asked_every_round_and_its_children_polled(
    server: Server, state: WatchState
) -> None:
    index = (
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>http://127.0.0.1:{server.port}/news.xml</loc></sitemap></sitemapindex>"
    ).encode()
    news = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"<url><loc>http://127.0.0.1:{server.port}/a</loc><news:news><news:title>First</news:title>"
        "</news:news></url></urlset>"
    ).encode()
    server.routes["/index.xml"] = answer(body=index, content_type="application/xml", ETag='"i1"')
    server.routes["/news.xml"] = answer(body=news, content_type="text/xml")
    server.routes["/a"] = answer(body=article("First"))
    with fetcher() as client:
        poll = poll_feeds([server.url("/index.xml")], client, state)
    remember(poll, state)
    assert [(f.feed.rsplit("/", 1)[1], f.entries, f.new) for f in poll.feeds] == [
        ("index.xml", 0, 0),
        ("news.xml", 1, 1),
    ]
    assert poll.feeds[0].validators is None
    assert poll.pages.fetched == 1


def test_a_listing_that_is_neither_feed_nor_sitemap_is_a_reason() -> None:
    assert (
        read_listing(b"<html><body>hi</body></html>", "http://x/") == "neither an RSS/Atom feed nor a sitemap"
    )
    assert read_listing(b"<urlset><url><loc>/a</loc></url></urlset>", "http://x/s.xml") == Listing(
        ("http://x/a",)
    )


def urlset(*paths: str, port: int) -> bytes:
    locs = "".join(f"<url><loc>http://127.0.0.1:{port}{p}</loc></url>" for p in paths)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'.encode()


@pytest.mark.parametrize(
    ("content_type", "encoding"),
    [
        ("application/gzip", ""),
        ("application/x-gzip", ""),
        ("application/octet-stream", ""),
        ("application/xml", ""),  # a gzipped file served under its inner type
        ("application/gzip", "gzip"),  # compressed twice: the transfer and the file
    ],
)
def test_a_gzipped_sitemap_is_decompressed_and_read(
    server: Server, state: WatchState, content_type: str, encoding: str
) -> None:
    body = gzip.compress(urlset("/a", port=server.port))
    if encoding:
        body = gzip.compress(body)
    headers = {"Content_Encoding": encoding} if encoding else {}
    server.routes["/sitemap.xml.gz"] = answer(body=body, content_type=content_type, **headers)
    server.routes["/a"] = answer(body=article("First"))
    with fetcher() as client:
        poll = poll_feeds([server.url("/sitemap.xml.gz")], client, state)
    assert [(f.status, f.reason, f.entries, f.new) for f in poll.feeds] == [("listed", "", 1, 1)]
    assert poll.pages.fetched == 1


def test_octet_stream_is_a_sitemap_only_under_a_gz_path(server: Server, state: WatchState) -> None:
    body = gzip.compress(urlset("/a", port=server.port))
    server.routes["/sitemap"] = answer(body=body, content_type="application/octet-stream")
    with fetcher() as client:
        poll = poll_feeds([server.url("/sitemap")], client, state)
    assert [f.reason for f in poll.feeds] == ["content type application/octet-stream is not HTML or XML"]


def test_a_gzip_bomb_sitemap_stops_at_the_cap_on_the_decompressed_size(
    server: Server, state: WatchState
) -> None:
    bomb = gzip.compress(b"\0" * 50_000_000)  # about 50 kB on the wire
    server.routes["/sitemap.xml.gz"] = answer(body=bomb, content_type="application/gzip")
    server.routes["/twice.xml.gz"] = answer(
        body=gzip.compress(bomb), content_type="application/gzip", Content_Encoding="gzip"
    )
    options = FetchOptions(allow_private=True, host_interval=0.0, retries=0, max_bytes=1_000_000)
    with Fetcher(options, sleep=lambda _: None) as client:
        poll = poll_feeds([server.url("/sitemap.xml.gz"), server.url("/twice.xml.gz")], client, state)
    assert [(f.status, f.reason) for f in poll.feeds] == [
        ("failed", "larger than max_bytes (1000000 bytes) after decompression")
    ] * 2


def test_a_gzipped_file_is_no_article_page(server: Server) -> None:
    server.routes["/a.html.gz"] = answer(
        body=gzip.compress(article("First")), content_type="application/gzip"
    )
    with fetcher() as client:
        pages = fetch_documents([server.url("/a.html.gz")], client)
    assert [f.reason for f in pages.failed] == ["content type application/gzip is not HTML or XML"]


def test_max_new_fetches_that_many_and_leaves_the_rest_unseen_for_the_next_round(
    server: Server, state: WatchState
) -> None:
    for p in ("/a", "/b", "/c"):
        server.routes[p] = answer(body=article(p))
    server.routes["/feed"] = feed_with_etag(rss("/a", "/b", port=server.port), '"v1"')
    server.routes["/more"] = answer(
        body=rss("/c", "/a", port=server.port), content_type="application/rss+xml"
    )
    feeds = [server.url("/feed"), server.url("/more")]

    with fetcher() as client:
        first = poll_feeds(feeds, client, state, max_new=1)
    remember(first, state)
    # /a, fetched for the first feed, is no new entry of the second
    assert [(f.entries, f.new, f.left) for f in first.feeds] == [(2, 2, 1), (2, 1, 1)]
    assert first.left == 2
    assert first.pages.fetched == 1
    assert all(f.validators is None for f in first.feeds), "a 304 next round would hide what was left"
    assert state.unseen([server.url(p) for p in ("/a", "/b", "/c")]) == [server.url("/b"), server.url("/c")]

    with fetcher() as client:
        second = poll_feeds(feeds, client, state, max_new=5)
    remember(second, state)
    assert [(f.new, f.left) for f in second.feeds] == [(1, 0), (1, 0)]
    assert second.left == 0 and second.pages.fetched == 2
    assert [p for p in server.paths() if p in ("/a", "/b", "/c")] == ["/a", "/b", "/c"]
    assert state.validators(server.url("/feed")) == ('"v1"', None)
