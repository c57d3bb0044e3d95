"""``newsprism serve`` on each store backend: the pages and the API read SQLite and PostgreSQL
alike (the PostgreSQL case runs when ``NEWSPRISM_TEST_PG`` names a server)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsprism.web import WebSettings, create_app
from web_fixtures import build_store

pytestmark = pytest.mark.model


def test_every_page_and_the_api_answer_from_either_backend(db_url: str, tmp_path: Path) -> None:
    client = TestClient(create_app(WebSettings(db=build_store(tmp_path, db_url))))
    listed = client.get("/api/v1/stories").json()["stories"]
    assert {s["title"] for s in listed} >= {"Late frost ruins the cherry harvest in Brenna"}
    strike = next(s["id"] for s in listed if s["title"].startswith("Dockworkers strike"))
    story = client.get(f"/api/v1/stories/{strike}").json()
    assert len(story["articles"]) == 2 and story["schema"].startswith("newsprism.story/")
    hits = client.get("/api/v1/search", params={"q": "contract signed"}).json()["stories"]
    assert [h["story"] for h in hits] == [strike]
    for path in ("/", f"/stories/{strike}", "/search?q=frost", "/api/v1/entities", "/api/v1/articles"):
        answer = client.get(path)
        assert answer.status_code == 200, (path, answer.text[:200])
    assert client.get("/api/v1/stories/s-nope").status_code == 404
