"""The pages of ``newsprism serve``, in process (TestClient) over a store ingested from
:mod:`web_fixtures`: each page answers with what it must show, bad ids get the 404 page, and
markup in titles, outlet names, URLs and text is shown as text, never as markup."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsprism.records import cross_story_id
from newsprism.web import WebSettings, create_app
from web_fixtures import IMG, SCRIPT, build_store, queries, steady_app

pytestmark = pytest.mark.model

RAW = re.compile(r"<(img|iframe|svg onload)\b|<script>window|href=\"javascript", re.IGNORECASE)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = build_store(tmp_path_factory.mktemp("web"))
    with TestClient(create_app(WebSettings(db=db))) as client:
        yield client


def story_ids(client: TestClient) -> dict[str, str]:
    page = client.get("/").text
    return dict(re.findall(r'href="/stories/([^"]+)">([^<]+)</a>', page))


def strike(client: TestClient) -> str:
    return next(i for i, title in story_ids(client).items() if title.startswith("Dockworkers strike"))


def test_the_story_list_shows_newest_first_with_counts_dates_and_a_spark(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    titles = list(story_ids(client).values())
    assert titles[0] == "Late frost ruins the cherry harvest in Brenna"  # 9 June, newest
    assert "Dockworkers strike shuts the port of Alvena" in titles
    assert "2 articles · 2 outlets · 2 independent origins · 2 Jun 2025" in " ".join(r.text.split())
    assert r.text.count('<svg class="spark"') == 3
    assert "script-src 'self'" in r.headers["content-security-policy"]


def test_the_story_list_filters_by_day_and_outlet_and_rejects_a_bad_date(client: TestClient) -> None:
    assert list(story_ids_of(client.get("/?since=2025-06-05").text).values()) == [
        "Late frost ruins the cherry harvest in Brenna"
    ]
    assert "Late frost" not in client.get("/?until=2025-06-04").text
    only = story_ids_of(client.get("/?outlet=Coastal+Wire").text)
    assert list(only.values()) == ["Dockworkers strike shuts the port of Alvena"]
    bad = client.get("/?since=June")
    assert bad.status_code == 400 and "since" in bad.text


def story_ids_of(page: str) -> dict[str, str]:
    return dict(re.findall(r'href="/stories/([^"]+)">([^<]+)</a>', page))


def test_pages_of_the_story_list_link_to_each_other(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsprism.web import pages

    monkeypatch.setattr(pages, "PAGE_SIZE", 2)
    first, second = client.get("/").text, client.get("/?page=2").text
    assert "page 1 of 2" in first and 'href="/?page=2"' in first
    assert "page 2 of 2" in second and 'href="/?page=1"' in second
    assert len(story_ids_of(first)) == 2 and len(story_ids_of(second)) == 1
    assert client.get("/?page=0").status_code == 422


def test_a_story_page_is_the_brief_with_the_bundle_linked_not_inlined(client: TestClient) -> None:
    r = client.get(f"/stories/{strike(client)}")
    assert r.status_code == 200
    for section in ("summary", "quotes", "numbers", "timeline", "actors", "sources"):
        assert f'<section id="{section}"' in r.text
    assert 'id="np-story"' in r.text and '<script src="/static/report.js"></script>' in r.text
    assert re.search(r"<script>(?!</)", r.text) is None  # no inline script: the CSP would block it
    assert "<style" not in r.text
    assert 'href="/articles/' in r.text and f'href="/entities/{cross_story_id("Mira Kovac")}"' in r.text
    assert "Mira Kovac" in r.text and "2,300" in r.text


def test_a_story_page_is_rendered_once_per_store_state_and_tagged(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    with TestClient(steady_app(build_store(tmp_path_factory.mktemp("once")))) as client:
        path = f"/stories/{strike(client)}"
        first = client.get(path)
        with queries() as run:
            again = client.get(path)
        assert again.text == first.text and run == []  # no query, no render
        assert again.headers["etag"] == first.headers["etag"] and again.headers["cache-control"] == "no-cache"
        unchanged = client.get(path, headers={"If-None-Match": first.headers["etag"]})
        assert unchanged.status_code == 304 and unchanged.content == b""
        assert unchanged.headers["content-security-policy"] == first.headers["content-security-policy"]


def test_the_story_list_reads_the_stories_once_per_store_state(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    with TestClient(steady_app(build_store(tmp_path_factory.mktemp("list")))) as client:
        first = client.get("/")
        with queries() as run:
            again = client.get("/?page=1")
        assert again.text == first.text and run == []


def test_the_bundle_is_served_and_nothing_else_is(client: TestClient) -> None:
    js, css = client.get("/static/report.js"), client.get("/static/report.css")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert css.status_code == 200 and "font-face" in css.text
    assert client.get("/static/web.css").status_code == 200
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/static/THIRD_PARTY_LICENSES.txt").status_code == 404


def test_an_article_page_highlights_what_was_read_and_links_its_story_and_speaker(client: TestClient) -> None:
    story = client.get(f"/stories/{strike(client)}").text
    article = re.search(r'href="(/articles/[^"]+)">Dockworkers strike shuts', story)
    assert article is not None
    r = client.get(article.group(1))
    assert r.status_code == 200
    assert f'href="/stories/{strike(client)}"' in r.text
    assert 'class="hl k-quote"' in r.text and 'class="hl k-time"' in r.text and "k-figure" in r.text
    kovac = f"/entities/{cross_story_id('Mira Kovac')}"
    assert re.search(
        rf'<a href="{kovac}"><span class="hl [^"]*k-speaker[^"]*"[^>]*>Mira Kovac</span></a>', r.text
    )
    assert 'href="https://ledger.example/strike"' in r.text


def test_a_person_page_gathers_their_quotes_and_roles_across_stories(client: TestClient) -> None:
    r = client.get(f"/entities/{cross_story_id('Mira Kovac')}")
    assert r.status_code == 200
    assert "<h1>Mira Kovac</h1>" in r.text
    assert "We will stay out until the contract is signed" in r.text
    assert r.text.count('<blockquote class="quote') >= 2  # one per outlet quoting her
    assert "the leader of the dockworkers" in r.text  # her role as an article states it


def test_search_groups_hits_by_story_and_marks_the_words_found(client: TestClient) -> None:
    r = client.get("/search", params={"q": '"contract is signed"'})
    assert r.status_code == 200
    assert f'href="/stories/{strike(client)}"' in r.text
    assert "<mark>contract</mark>" in r.text
    assert client.get("/search").status_code == 200  # the form alone
    none = client.get("/search", params={"q": "zeppelin"})
    assert none.status_code == 200 and "Nothing matches" in none.text


@pytest.mark.parametrize(
    "path", ["/stories/s-nope", "/articles/nope", f"/entities/{cross_story_id('Nobody Here')}"]
)
def test_a_bad_id_gets_the_404_page(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html") and "<h1>404</h1>" in r.text


def test_markup_in_titles_outlets_urls_and_text_is_shown_as_text_on_every_page(client: TestClient) -> None:
    hostile = next(i for i, t in story_ids(client).items() if t.startswith("Korvo book fair"))
    story = client.get(f"/stories/{hostile}").text
    article = re.search(r'href="(/articles/[^"]+)">Korvo book fair', story)
    assert article is not None
    pages = {
        "list": client.get("/").text,
        "story": story,
        "article": client.get(article.group(1)).text,
        "search": client.get("/search", params={"q": "second day"}).text,
    }
    for name, page in pages.items():
        assert not RAW.search(page), name
        assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page or name == "search", name
    assert "&lt;img src=x onerror=" in pages["article"]
    assert "javascript:window.__pwned=4" not in re.findall(r'href="([^"]*)"', pages["article"])
    assert SCRIPT not in pages["story"] and IMG not in pages["story"]
