"""The JSON API of ``newsprism serve``, in process: every endpoint over a store built by ingesting
hand-written articles once per module; bad ids and bad pagination in the one error shape; ETags;
writes off by default, refused without the right token, capped in size, and storing nothing when
refused."""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from newsprism.config import Settings
from newsprism.pipeline import ingest_corpus, read_corpus
from newsprism.store import open_store
from newsprism.web import WebSettings, create_app
from newsprism.web.etag import etag_of
from web_fixtures import queries, steady_app

pytestmark = pytest.mark.model

TOKEN = "s3cret-token"

#: Two outlets on one port strike (one story), a third article on another event a week later.
ARTICLES = [
    {
        "title": "Alvena dockworkers strike and close the port",
        "outlet": "The Port Ledger",
        "url": "https://ledger.example/strike",
        "published": "2025-06-02T09:00:00+00:00",
        "text": "Crane operators and dockworkers at Alvena stopped work at dawn on Monday; 14 ships now wait offshore.\n\n"
        '"We will stay out until the contract is signed," said Mira Kovac, who leads the dockworkers\' union.\n\n'
        "According to the harbour authority, 2,300 containers sat on the quay when the port strike began.",
    },
    {
        "title": "Alvena port strike strands ships as dockworkers walk out",
        "outlet": "Coastal Wire",
        "url": "https://coastal.example/alvena",
        "published": "2025-06-02T15:00:00+00:00",
        "text": "The port of Alvena was shut by a dockworkers' strike on Monday, with ships left waiting offshore.\n\n"
        '"We will stay out until the contract is signed," union leader Mira Kovac told reporters.\n\n'
        "The harbour authority put the number of containers stuck on the quay at 2,300.",
    },
    {
        "title": "Frost wipes out Brenna cherry blossom",
        "outlet": "Farm Journal",
        "url": "https://farm.example/frost",
        "published": "2025-06-09T08:00:00+00:00",
        "text": "Overnight frost killed most of the cherry blossom across the Brenna orchards.\n\n"
        '"It is the worst night I have seen in forty years," said Tomas Varga, a grower in Brenna.\n\n'
        "Growers said the harvest would be the smallest in twenty years.",
    },
]

XSS_TITLE = '<script>alert("t")</script> Harbour <img src=x onerror=alert(1)> fees rise'
XSS_TEXT = (
    'The Alvena harbour board raised its fees on Tuesday, according to <a href="javascript:alert(2)">'
    "the board</a>.\n\n"
    '"We had no choice </script><script>alert(3)</script>," said board chair Ilse Marr.\n\n'
    "Shipping firms said the higher fees would be passed on to importers within weeks."
)


def _build(folder: Path) -> str:
    db = f"sqlite:///{folder / 'web.db'}"
    source = folder / "articles.jsonl"
    source.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    settings = Settings(db=db, quiet=True)
    ingest_corpus(read_corpus(source, settings), settings)
    return db


@pytest.fixture(scope="module")
def db() -> str:
    return _build(FOLDER)


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(WebSettings(db=db))) as c:
        yield c


def error_of(answer: Any) -> dict[str, Any]:
    body = answer.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == answer.status_code
    error: dict[str, Any] = body["error"]
    return error


def story_ids(client: TestClient) -> list[str]:
    return [s["id"] for s in client.get("/api/v1/stories").json()["stories"]]


def strike_story(client: TestClient) -> dict[str, Any]:
    listed = client.get("/api/v1/stories").json()["stories"]
    story: dict[str, Any] = next(s for s in listed if s["articles"] == 2)
    return story


# -- stories -------------------------------------------------------------------------------------


def test_stories_are_listed_newest_first_with_their_members(client: TestClient) -> None:
    body = client.get("/api/v1/stories").json()
    stories = body["stories"]
    assert [s["title"] for s in stories] == [
        "Frost wipes out Brenna cherry blossom",
        "Alvena dockworkers strike and close the port",
    ]
    assert stories[1]["outlets"] == ["The Port Ledger", "Coastal Wire"]
    assert [m["outlet"] for m in stories[1]["members"]] == ["The Port Ledger", "Coastal Wire"]
    assert body["page"] == {"page": 1, "limit": 20, "total": 2, "pages": 1, "next_page": None}


def test_stories_filter_by_date_and_outlet(client: TestClient) -> None:
    def titles(query: str) -> list[str]:
        return [s["title"] for s in client.get(f"/api/v1/stories?{query}").json()["stories"]]

    assert titles("since=2025-06-05") == ["Frost wipes out Brenna cherry blossom"]
    assert titles("until=2025-06-05") == ["Alvena dockworkers strike and close the port"]
    assert titles("outlet=coastal%20wire") == ["Alvena dockworkers strike and close the port"]
    assert titles("outlet=Nobody") == []


def test_stories_are_paged(client: TestClient) -> None:
    first = client.get("/api/v1/stories?limit=1").json()
    second = client.get("/api/v1/stories?limit=1&page=2").json()
    assert first["page"]["next_page"] == 2 and second["page"]["next_page"] is None
    assert first["stories"][0]["id"] != second["stories"][0]["id"]
    assert client.get("/api/v1/stories?limit=1&page=3").json()["stories"] == []


@pytest.mark.parametrize(
    "query",
    ["limit=0", "limit=101", "limit=ten", "page=0", "page=-1", "since=yesterday", "until=2025-13-01"],
)
def test_bad_pagination_and_filters_are_422_in_the_error_shape(client: TestClient, query: str) -> None:
    answer = client.get(f"/api/v1/stories?{query}")
    assert answer.status_code == 422
    assert error_of(answer)["code"] == "invalid_request"


def test_a_story_is_the_story_json_contract_and_resolves_prefixes(client: TestClient, db: str) -> None:
    from newsprism.pipeline import stored_story
    from newsprism.report.story_json import story_to_dict, validate_story

    sid = strike_story(client)["id"]
    answer = client.get(f"/api/v1/stories/{sid}")
    assert answer.status_code == 200
    validate_story(answer.json())
    with open_store(db, create=False) as store:
        assert answer.json() == json.loads(json.dumps(story_to_dict(stored_story(store, sid, 200))))
    assert client.get(f"/api/v1/stories/{sid[:8]}").json() == answer.json()


@pytest.mark.parametrize("ref", ["s-nope", "zzzz", "%20"])
def test_an_unknown_story_is_404_in_the_error_shape(client: TestClient, ref: str) -> None:
    answer = client.get(f"/api/v1/stories/{ref}")
    assert answer.status_code == 404
    assert error_of(answer)["code"] == "not_found"


# -- articles ------------------------------------------------------------------------------------


def test_articles_are_listed_newest_first_with_their_story(client: TestClient) -> None:
    body = client.get("/api/v1/articles?limit=2").json()
    assert [a["published"] for a in body["articles"]] == [
        "2025-06-09T08:00:00+00:00",
        "2025-06-02T15:00:00+00:00",
    ]
    assert body["page"]["total"] >= 3 and body["page"]["next_page"] == 2
    strike = strike_story(client)
    assert body["articles"][1]["story"] == strike["id"]


def test_an_article_comes_with_its_linked_records_and_its_story(client: TestClient) -> None:
    strike = strike_story(client)
    aid = strike["members"][0]["id"]
    body = client.get(f"/api/v1/articles/{aid}").json()
    assert body["article"]["id"] == aid and body["story"] == strike["id"]
    assert body["article"]["title"] == "Alvena dockworkers strike and close the port"
    quote = next(q for q in body["quotes"] if q["text"].startswith("We will stay out"))
    assert quote["speaker_name"] == "Mira Kovac" and quote["speaker"] is not None
    text = body["article"]["text"]
    assert all(text[m["start"] : m["end"]] == m["text"] for m in body["mentions"])


def test_an_unknown_article_is_404(client: TestClient) -> None:
    answer = client.get("/api/v1/articles/0000000000000000")
    assert answer.status_code == 404 and "no article" in error_of(answer)["message"]


# -- entities ------------------------------------------------------------------------------------


def _kovac(client: TestClient) -> dict[str, Any]:
    listed = client.get("/api/v1/entities?type=person&limit=100").json()["entities"]
    found: dict[str, Any] = next(e for e in listed if e["name"] == "Mira Kovac")
    return found


def test_entities_list_people_across_stories(client: TestClient) -> None:
    body = client.get("/api/v1/entities?limit=100").json()
    names = {e["name"]: e for e in body["entities"]}
    assert {"Mira Kovac", "Tomas Varga"} <= set(names)
    assert all(e["type"] in ("person", "organization") for e in body["entities"])
    assert names["Mira Kovac"]["stories"] == 1 and names["Mira Kovac"]["quotes"] == 2


def test_an_entity_lists_its_stories_and_every_quote_attributed_to_it(client: TestClient) -> None:
    kovac = _kovac(client)
    body = client.get(f"/api/v1/entities/{kovac['id']}").json()
    assert [s["id"] for s in body["stories"]] == [strike_story(client)["id"]]
    quotes = client.get(f"/api/v1/entities/{kovac['id']}/quotes").json()["quotes"]
    assert {q["outlet"] for q in quotes} == {"The Port Ledger", "Coastal Wire"}
    assert all(q["text"].startswith("We will stay out") for q in quotes)
    assert any(q["role"] for q in quotes) or any(body["stories"][0]["roles"])


def test_an_unknown_entity_is_404_and_a_bad_type_422(client: TestClient) -> None:
    assert client.get("/api/v1/entities/nobody").status_code == 404
    assert client.get("/api/v1/entities/nobody/quotes").status_code == 404
    assert client.get("/api/v1/entities?type=place").status_code == 422


# -- search --------------------------------------------------------------------------------------


def test_search_groups_hits_by_story_with_snippets(client: TestClient) -> None:
    body = client.get("/api/v1/search", params={"q": "contract signed"}).json()
    assert [g["story"] for g in body["stories"]] == [strike_story(client)["id"]]
    assert len(body["stories"][0]["hits"]) == 2
    assert all("**contract**" in h["snippet"] for h in body["stories"][0]["hits"])
    assert client.get("/api/v1/search", params={"q": "volcano"}).json()["stories"] == []


@pytest.mark.parametrize(
    "query", ["", "q=", "q=%20", "q=%22%22", "q=***", "q=%E2%80%9C", "limit=0&q=port", "limit=101&q=port"]
)
def test_a_search_without_words_or_with_a_bad_limit_is_4xx(client: TestClient, query: str) -> None:
    answer = client.get(f"/api/v1/search?{query}")
    assert answer.status_code in (400, 422)
    error_of(answer)


# -- ETags ---------------------------------------------------------------------------------------


def test_gets_carry_an_etag_and_answer_304_when_it_matches(client: TestClient) -> None:
    first = client.get("/api/v1/stories")
    etag = first.headers["etag"]
    again = client.get("/api/v1/stories", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert client.get("/api/v1/stories", headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get("/api/v1/stories?limit=1").headers["etag"] != etag


@pytest.mark.parametrize(
    "path", ["/api/v1/search?q=contract+signed", "/api/v1/stories/{id}", "/api/v1/stories"]
)
def test_a_story_a_search_or_a_listing_is_read_once_per_store_state_and_tagged(db: str, path: str) -> None:
    with TestClient(steady_app(db)) as client:
        url = path.format(id=strike_story(client)["id"])
        first = client.get(url)
        with queries() as run:
            again = client.get(url)
    assert again.json() == first.json() and run == []
    assert first.headers["etag"] == again.headers["etag"] == etag_of(first.content)
    assert first.headers["content-type"] == "application/json"


# -- writes --------------------------------------------------------------------------------------


@pytest.fixture
def write_db(tmp_path: Path) -> str:
    return _build(tmp_path)


def _count(db: str) -> int:
    with open_store(db, create=False) as store:
        return store.count()


POST = {
    "title": "Harbour fees rise in Alvena",
    "text": "The Alvena harbour board raised its fees on Tuesday.",
}


def test_writes_are_off_without_a_token_and_store_nothing(db: str) -> None:
    with TestClient(create_app(WebSettings(db=db))) as c:
        before = _count(db)
        answer = c.post("/api/v1/articles", json=POST, headers={"Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 403 and "disabled" in error_of(answer)["message"]
        assert _count(db) == before


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer", f"Bearer {TOKEN}x"])
def test_a_missing_or_wrong_token_is_401_and_stores_nothing(write_db: str, header: str | None) -> None:
    with TestClient(create_app(WebSettings(db=write_db, token=TOKEN))) as c:
        before = _count(write_db)
        answer = c.post("/api/v1/articles", json=POST, headers={"Authorization": header} if header else {})
        assert answer.status_code == 401 and answer.headers["www-authenticate"] == "Bearer"
        error_of(answer)
        assert _count(write_db) == before


@pytest.mark.parametrize(
    ("body", "kind", "status"),
    [
        (b"{not json", "application/json", 400),
        (b'{"title": "No text"}', "application/json", 422),
        (b'{"title": "", "text": "x"}', "application/json", 422),
        (b'["a list"]', "application/json", 422),
        (b"\xff\xfe\x00", "application/json", 400),
        (b"title: text", "text/plain", 415),
        (b"<html><body><nav>Home</nav></body></html>", "text/html", 422),
    ],
)
def test_malformed_posts_are_refused_and_store_nothing(
    write_db: str, body: bytes, kind: str, status: int
) -> None:
    with TestClient(create_app(WebSettings(db=write_db, token=TOKEN))) as c:
        before = _count(write_db)
        headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": kind}
        answer = c.post("/api/v1/articles", content=body, headers=headers)
        assert answer.status_code == status, answer.text
        error_of(answer)
        assert _count(write_db) == before


def test_an_oversized_post_is_413_while_it_is_read(write_db: str) -> None:
    app = create_app(WebSettings(db=write_db, token=TOKEN, max_post_bytes=1_000))
    with TestClient(app) as c:
        headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
        big = json.dumps({"title": "Big", "text": "word " * 1_000}).encode()
        assert c.post("/api/v1/articles", content=big, headers=headers).status_code == 413

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted while read
            for _ in range(100):
                yield b" " * 100

        answer = c.post("/api/v1/articles", content=chunks(), headers=headers)
        assert answer.status_code == 413 and "limit" in error_of(answer)["message"]
        assert _count(write_db) == len(ARTICLES)


def test_a_posted_article_is_stored_clustered_and_answered_with_its_story(write_db: str) -> None:
    with TestClient(create_app(WebSettings(db=write_db, token=TOKEN))) as c:
        article = {
            "title": "Alvena dockworkers stay out as strike enters second day",
            "outlet": "Harbour Times",
            "published": "2025-06-03",
            "text": "Dockworkers at the port of Alvena stayed out on Tuesday, leaving 14 ships waiting offshore.\n\n"
            '"We will stay out until the contract is signed," said Mira Kovac, the dockworkers\' union leader.\n\n'
            "The Alvena harbour authority said 2,300 containers were still stuck on the quay as the port strike went on.",
        }
        answer = c.post("/api/v1/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 201, answer.text
        body = answer.json()
        assert body["created"] is True and body["story_id"] is not None
        assert body["article"] in [a["id"] for a in body["story"]["articles"]]
        assert c.get(f"/api/v1/stories/{body['story_id']}").json() == body["story"]
        listed = c.get("/api/v1/articles", params={"limit": 100}).json()["articles"]
        assert {a["id"]: a["story"] for a in listed}[body["article"]] == body["story_id"]
        assert _count(write_db) == len(ARTICLES) + 1
        again = c.post("/api/v1/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
        assert again.status_code == 200 and again.json()["created"] is False
        assert _count(write_db) == len(ARTICLES) + 1


def test_a_posted_html_page_is_read_as_ingest_reads_pages(write_db: str) -> None:
    page = (
        "<html><head><title>Brenna growers count frost losses</title></head><body>"
        "<nav>Home | Farming | Weather</nav><article><h1>Brenna growers count frost losses</h1>"
        "<p>Growers in Brenna counted their losses on Wednesday after a late frost hit the cherry orchards.</p>"
        "<p>Tomas Varga said most of his blossom was lost and the harvest would be the smallest in years.</p>"
        "<p>The regional farm office said it would assess the damage orchard by orchard this week.</p>"
        "</article><footer>Subscribe to our newsletter</footer></body></html>"
    )
    with TestClient(create_app(WebSettings(db=write_db, token=TOKEN))) as c:
        headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/html"}
        answer = c.post("/api/v1/articles?url=https://farm.example/losses", content=page, headers=headers)
        assert answer.status_code == 201, answer.text
        body = answer.json()
        stored = next(a for a in body["story"]["articles"] if a["id"] == body["article"])
        assert stored["url"] == "https://farm.example/losses"
        assert "Subscribe" not in stored["text"] and "Home | Farming" not in stored["text"]


def test_hostile_markup_posted_comes_back_as_unchanged_data(write_db: str) -> None:
    with TestClient(create_app(WebSettings(db=write_db, token=TOKEN))) as c:
        posted = {
            "title": XSS_TITLE,
            "text": XSS_TEXT,
            "url": "javascript:alert(4)",
            "outlet": "<b>Outlet</b>",
        }
        answer = c.post("/api/v1/articles", json=posted, headers={"Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 201, answer.text
        assert answer.headers["content-type"] == "application/json"
        aid = answer.json()["article"]
        got = c.get(f"/api/v1/articles/{aid}")
        assert got.headers["content-type"] == "application/json"
        article = got.json()["article"]
        assert (article["title"], article["outlet"], article["url"]) == (
            XSS_TITLE,
            "<b>Outlet</b>",
            "javascript:alert(4)",
        )
        assert article["text"] == XSS_TEXT


# -- the API against its own OpenAPI document ------------------------------------------------------


#: Where the module's store is built: known at import, so the schema below can name its app.
FOLDER = Path(tempfile.mkdtemp(prefix="newsprism-web-api-"))
atexit.register(shutil.rmtree, FOLDER, True)

#: The app's own OpenAPI document, its operations called in process (writes off: a POST is a
#: 403, so generated bodies are never ingested).
schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(WebSettings(db=f"sqlite:///{FOLDER / 'web.db'}"))
)


@schema.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_input_the_openapi_document_allows_or_breaks_yields_a_5xx(case: Any, db: str) -> None:
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:200]}"
    if response.status_code >= 400:
        error_of(response)
