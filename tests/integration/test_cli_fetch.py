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


TALKS = (
    "Talks between the dockworkers' union and the Alvena port operator resumed on Tuesday. "
    "Mira Kovac, who leads the union, said the 14 ships offshore would wait until pay was settled."
)


def page(title: str, slug: str, body: str = BODY) -> bytes:
    return (
        f'<html lang="en"><head><title>{title} - Port Ledger</title>'
        f'<link rel="canonical" href="https://ledger.example/{slug}">'
        '<meta property="og:site_name" content="Port Ledger">'
        '<meta property="article:published_time" content="2024-03-05T08:00:00Z"></head>'
        f"<body><article><h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>"
    ).encode()


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), env=env)


def stories(db: str) -> list[dict[str, object]]:
    result = run("stories", "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


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
    (story,) = stories(db)  # the new entry was clustered into a story, as ingest does
    assert (story["title"], story["articles"], story["outlets"]) == (
        "Dockworkers strike at Alvena",
        1,
        ["Port Ledger"],
    )
    second = run(*args)
    assert second.exit_code == 0, second.stderr
    assert "polled 1 feed(s): 1 unchanged, 0 failed; 0 new entries; fetched 0, 0 new" in second.stderr
    assert [p for p, _ in server.seen].count("/strike") == 1


def rss(*links: str) -> bytes:
    items = "".join(f"<item><title>{link}</title><link>{link}</link></item>" for link in links)
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>L</title>{items}</channel></rss>'.encode()
    )


def test_watch_max_new_leaves_the_rest_for_the_next_poll(tmp_path: Path, server: Server) -> None:
    server.routes["/feed.xml"] = answer(
        body=rss(server.url("/strike"), server.url("/talks")), content_type="application/rss+xml"
    )
    server.routes["/strike"] = answer(body=page("Dockworkers strike at Alvena", "strike"))
    server.routes["/talks"] = answer(body=page("Alvena port talks resume", "talks", TALKS))
    db = f"sqlite:///{tmp_path / 'n.db'}"
    args = ["watch", server.url("/feed.xml"), "--db", db, "--once", "--allow-private", "--delay", "0"]
    first = run(*args, "--max-new", "1")
    assert first.exit_code == 0, first.stderr
    assert "2 new entries (1 left for the next poll, --max-new); fetched 1, 1 new" in first.stderr
    assert f"{server.url('/feed.xml')}: 2 entries, 2 new, 1 left for the next poll" in first.stderr
    second = run(*args, env={"NEWSPRISM_MAX_NEW": "1"})
    assert second.exit_code == 0, second.stderr
    assert "polled 1 feed(s): 0 unchanged, 0 failed; 1 new entries; fetched 1, 1 new" in second.stderr
    assert [p for p in server.paths() if p in ("/strike", "/talks")] == ["/strike", "/talks"]
    assert sum(int(str(s["articles"])) for s in stories(db)) == 2


def test_fetch_settings_flag_over_environment_over_config_file(tmp_path: Path, server: Server) -> None:
    server.routes["/robots.txt"] = answer(404)
    config = tmp_path / "newsprism.toml"
    config.write_text('[newsprism]\nuser_agent = "file-bot/1"\nallow_private = true\ndelay = 0\n')
    db = f"sqlite:///{tmp_path / 'n.db'}"

    def agent(*flags: str, env: dict[str, str] | None = None) -> str:
        server.seen.clear()
        result = run("fetch", server.url("/gone"), "--db", db, "--config", str(config), *flags, env=env)
        assert result.exit_code == 2, result.stderr  # the page is a 404: nothing fetched
        assert "failed " + server.url("/gone") + ": HTTP 404" in result.stderr
        return dict(server.seen)["/gone"]["user-agent"]

    assert agent() == "file-bot/1"
    assert agent(env={"NEWSPRISM_USER_AGENT": "env-bot/1"}) == "env-bot/1"
    assert agent("--user-agent", "flag-bot/1", env={"NEWSPRISM_USER_AGENT": "env-bot/1"}) == "flag-bot/1"

    server.seen.clear()
    refused = run("fetch", server.url("/gone"), "--db", db, "--config", str(config), "--no-allow-private")
    assert refused.exit_code == 2
    assert "(refused; --allow-private permits it)" in refused.stderr
    assert server.seen == []


def test_a_bad_fetch_setting_is_one_line_and_status_1(tmp_path: Path) -> None:
    result = run("fetch", "http://127.0.0.1/", "--db", f"sqlite:///{tmp_path / 'n.db'}", "--timeout", "0")
    assert result.exit_code == 1
    assert result.stderr.strip() == "newsprism: timeout must be more than 0 seconds, got 0"
