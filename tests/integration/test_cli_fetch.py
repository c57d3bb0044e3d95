"""``newsprism fetch`` and ``newsprism watch`` end to end, against a local server (--allow-private)."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from newsprism.cli import app
from tests.local_http import Server, answer, server

__all__ = ["server"]

pytestmark = pytest.mark.model

BODY = (
    "Dockworkers at the port of Alvena walked out on Monday, leaving 14 ships waiting offshore. "
    "The harbour authority said 2,300 containers were stuck on the quay while talks resumed."
)


def page(title: str, slug: str) -> bytes:
    return (
        f'<html lang="en"><head><title>{title} - Port Ledger</title>'
        f'<link rel="canonical" href="https://ledger.example/{slug}">'
        '<meta property="og:site_name" content="Port Ledger">'
        '<meta property="article:published_time" content="2024-03-05T08:00:00Z"></head>'
        f"<body><article><h1>{title}</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>"
    ).encode()


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def test_fetch_stores_pages_with_their_metadata_and_reports_failures(tmp_path: Path, server: Server) -> None:
    server.routes["/strike"] = answer(body=page("Dockworkers strike at Alvena", "strike"))
    server.routes["/doc.pdf"] = answer(body=b"%PDF", content_type="application/pdf")
    db = f"sqlite:///{tmp_path / 'n.db'}"
    urls = [server.url("/strike"), server.url("/doc.pdf"), "ftp://ledger.example/x"]
    result = run("fetch", *urls, "--db", db, "--allow-private", "--delay", "0")
    assert result.exit_code == 0, result.stderr
    assert f"failed {urls[1]}: content type application/pdf is not HTML or XML" in result.stderr
    assert f"failed {urls[2]}: only http and https URLs are fetched (ftp:)" in result.stderr
    assert "fetched 1, 1 new, 0 unchanged (already stored), 2 failed" in result.stderr
    (row,) = [json.loads(line) for line in run("articles", "--db", db, "--json").stdout.splitlines()]
    assert (row["title"], row["outlet"], row["published"]) == (
        "Dockworkers strike at Alvena",
        "Port Ledger",
        "2024-03-05",
    )

    again = run("fetch", server.url("/strike"), "--db", db, "--allow-private", "--delay", "0", "--strict")
    assert again.exit_code == 0, again.stderr
    assert "fetched 1, 0 new, 1 unchanged (already stored), 0 failed" in again.stderr


def test_fetch_without_allow_private_refuses_loopback_and_exits_2(tmp_path: Path, server: Server) -> None:
    result = run("fetch", server.url("/strike"), "--db", f"sqlite:///{tmp_path / 'n.db'}")
    assert result.exit_code == 2
    assert "loopback address 127.0.0.1 (refused; --allow-private permits it)" in result.stderr
    assert server.seen == []


def test_watch_once_stores_new_entries_and_the_next_poll_is_unchanged(tmp_path: Path, server: Server) -> None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger</title>'
        f"<item><title>Strike</title><link>{server.url('/strike')}</link></item></channel></rss>"
    ).encode()

    def handle(request: BaseHTTPRequestHandler) -> None:
        if request.headers.get("If-None-Match") == '"f1"':
            answer(304, b"", content_type="")(request)
        else:
            answer(body=feed, content_type="application/rss+xml", ETag='"f1"')(request)

    server.routes["/feed.xml"] = handle
    server.routes["/strike"] = answer(body=page("Dockworkers strike at Alvena", "strike"))
    db = f"sqlite:///{tmp_path / 'n.db'}"
    args = ["watch", server.url("/feed.xml"), "--db", db, "--once", "--allow-private", "--delay", "0"]
    first = run(*args)
    assert first.exit_code == 0, first.stderr
    assert "polled 1 feed(s): 0 unchanged, 0 failed; 1 new entries; fetched 1, 1 new" in first.stderr
    second = run(*args)
    assert second.exit_code == 0, second.stderr
    assert "polled 1 feed(s): 1 unchanged, 0 failed; 0 new entries; fetched 0, 0 new" in second.stderr
    assert [p for p, _ in server.seen].count("/strike") == 1
