"""A small store for the web pages' tests: three stories written here (a harbour strike told by
two outlets, a late frost told by one, and a book fair told by one hostile article whose title
and text carry markup, ``javascript:`` links and a ``</script>`` inside a quote). Built once per session by the
real ingest (clean, analyse, cluster, link), so the pages read what ``newsprism ingest`` stores."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

#: The hostile payloads: each would set ``window.__pwned`` if it ever ran.
SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned = 2">'
JS_LINK = '<a href="javascript:window.__pwned=3">read more</a>'

STRIKE = [
    {
        "title": "Dockworkers strike shuts the port of Alvena",
        "outlet": "The Port Ledger",
        "url": "https://ledger.example/strike",
        "published": "2025-06-02T09:00:00+00:00",
        "text": "Dockworkers at the port of Alvena walked out on Monday, leaving 14 ships waiting offshore.\n\n"
        '"We will stay out until the contract is signed," said Mira Kovac, the leader of the dockworkers\' union.\n\n'
        "The Alvena Harbour Authority said 2,300 containers were stuck on the quay as the port strike began.",
    },
    {
        "title": "Alvena port strike strands ships as dockworkers walk out",
        "outlet": "Coastal Wire",
        "url": "https://coastal.example/alvena",
        "published": "2025-06-02T15:00:00+00:00",
        "text": "A strike by dockworkers shut the port of Alvena on Monday and left 14 ships waiting offshore.\n\n"
        '"We will stay out until the contract is signed," union leader Mira Kovac told reporters.\n\n'
        "The Alvena Harbour Authority put the number of containers stuck on the quay at 2,500.",
    },
    {
        "title": f"Korvo book fair opens for a second day {SCRIPT}",
        "outlet": f"Harbour Gazette {IMG}",
        "url": "javascript:window.__pwned=4",
        "published": "2025-06-03T08:00:00+00:00",
        "text": f"The Korvo book fair opened for a second day on Tuesday {IMG} "
        "with 140 publishers from nine countries.\n\n"
        f'"Readers have never been this hungry for paper </script><script>window.__pwned = 5</script>," '
        "said Lena Varga, who runs the fair.\n\n"
        f"The organisers said the fair would close on Sunday. {JS_LINK}",
    },
]

FROST = {
    "title": "Late frost ruins the cherry harvest in Brenna",
    "outlet": "Farm Journal",
    "url": "https://farm.example/frost",
    "published": "2025-06-09T08:00:00+00:00",
    "text": "A late frost destroyed most of the cherry blossom in the orchards of Brenna overnight.\n\n"
    '"This is the worst spring I have seen in thirty years," said Tomas Reyne, who chairs the Brenna '
    "Growers Association.\n\nGrowers said the harvest would be the smallest in twenty years.",
}


def build_store(folder: Path, db: str | None = None) -> str:
    """Ingest the fixtures into the store ``db`` (default: a new SQLite file in ``folder``);
    return its URL."""
    from typer.testing import CliRunner

    from newsprism.cli import app

    corpus = folder / "articles.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in [*STRIKE, FROST]), encoding="utf-8")
    db = db or f"sqlite:///{folder / 'news.db'}"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    return db


def steady_app(db: str) -> FastAPI:
    """The app on ``db`` with its store key trusted for ten minutes: a test's second request
    is answered under the same store state as its first, however slow the machine."""
    from newsprism.web import WebSettings, create_app
    from newsprism.web.snapshot import SnapshotCache

    app = create_app(WebSettings(db=db))
    app.state.snapshots = SnapshotCache(ttl=600)
    return app


@contextmanager
def queries() -> Iterator[list[str]]:
    """The SQL statements any engine runs inside the block."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    run: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        run.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield run
    finally:
        event.remove(Engine, "before_cursor_execute", count)
