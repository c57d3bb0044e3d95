"""``newsprism serve`` in a real browser: Debian's headless Chromium driven by Playwright against
the app under uvicorn on a loopback port, over a store ingested from :mod:`web_fixtures`.

The walk an analyst takes: the story list, a story, a summary citation opening its source
passage, a search for a quoted phrase landing on its story, a person's page. No page logs a
console error or a CSP violation. A stored article carrying ``<script>``, ``<img onerror>``,
``javascript:`` links and a ``</script>`` inside a quote runs nothing (``window.__pwned`` stays
unset, no dialog opens) and shows its markup as text.

Screenshots go to the test's tmp folder and, when ``NEWSPRISM_SCREENSHOT_DIR`` is set (``make
docs-screenshots``-style refresh: ``NEWSPRISM_SCREENSHOT_DIR=docs/img``), there as well: the
pictures in docs/web.md. Skipped (with the reason) when ``/usr/bin/chromium`` or ``playwright``
is absent; never downloads a browser.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from test_html_report import _save_screenshot, browser  # noqa: F401  (the shared headless Chromium)

from newsprism.web import WebSettings, create_app
from web_fixtures import build_store

pytestmark = pytest.mark.model


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app under uvicorn on a loopback port, in a thread, as ``newsprism serve`` runs it."""
    db = build_store(tmp_path_factory.mktemp("served"))
    port = _free_port()
    config = uvicorn.Config(create_app(WebSettings(db=db)), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


class Visit:
    """A browser tab on the app that records console errors, page errors, CSP violations,
    dialogs and requests leaving the app."""

    def __init__(self, browser: Any, base: str) -> None:  # noqa: F811
        self.base = base
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.outside: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on(
            "request", lambda r: None if r.url.startswith((base, "data:")) else self.outside.append(r.url)
        )

    def open(self, path: str) -> Any:
        self.page.goto(self.base + path, wait_until="load")
        self.watch_csp()
        return self.page

    def watch_csp(self) -> None:
        """Collect CSP violations (also logged as console errors) into ``window.__csp``."""
        self.page.evaluate(
            "() => { window.__csp = window.__csp || []; document.addEventListener("
            "'securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI)); }"
        )

    def problems(self) -> list[str]:
        csp = self.page.evaluate("() => window.__csp || []")
        return [*self.errors, *csp, *self.dialogs, *self.outside]


@pytest.fixture()
def visit(browser: Any, server: str) -> Iterator[Visit]:  # noqa: F811
    tab = Visit(browser, server)
    yield tab
    tab.context.close()


def test_an_analyst_reads_a_story_follows_a_citation_searches_and_opens_a_person(
    visit: Visit, tmp_path: Path
) -> None:
    page = visit.open("/")
    assert page.locator("li.story-row").count() == 3
    _save_screenshot(page, tmp_path, "web-stories.png")

    page.locator("a.story-title", has_text="Dockworkers strike shuts the port of Alvena").click()
    page.wait_for_selector("body[data-ready=true]", timeout=15_000)
    assert page.locator("section#summary ol.summary > li").count() >= 1
    assert (
        page.locator("#timeline-chart svg").count() == 1 and page.locator("#network-chart svg").count() == 1
    )
    page.locator("ol.summary > li").first.locator("button.cite").click()
    pop = page.locator("#np-popover")
    assert pop.is_visible()
    passage = pop.locator(".passage.main mark").inner_text()
    assert passage and passage in page.locator("ol.summary > li").first.inner_text()
    _save_screenshot(page, tmp_path, "web-story.png")
    page.keyboard.press("Escape")

    page.locator("form.search input[name=q]").fill('"stay out until the contract is signed"')
    page.locator("form.search button").click()
    page.wait_for_url(re.compile(r"/search\?q="))
    assert page.locator("p.snippet mark").count() >= 2
    _save_screenshot(page, tmp_path, "web-search.png")
    page.locator("ol.results a.story-title").first.click()
    page.wait_for_selector("body[data-ready=true]", timeout=15_000)
    assert page.locator("header.masthead h1").inner_text() == "Dockworkers strike shuts the port of Alvena"

    page.locator("ul.entity-links a", has_text="Mira Kovac").click()
    page.wait_for_url(re.compile(r"/entities/[0-9a-f]{16}$"))
    assert page.locator("h1").inner_text() == "Mira Kovac"
    assert "We will stay out until the contract is signed" in page.locator("section#stories").inner_text()
    _save_screenshot(page, tmp_path, "web-person.png")

    page.locator("ul.said li", has_text="stay out").first.locator("a").click()
    page.wait_for_url(re.compile(r"/articles/"))
    assert page.locator(".article-text .k-quote").count() >= 1
    _save_screenshot(page, tmp_path, "web-article.png")
    assert visit.problems() == []


def test_hostile_markup_in_a_stored_article_runs_nothing_and_shows_as_text(
    visit: Visit, tmp_path: Path
) -> None:
    page = visit.open("/")
    row = page.locator("a.story-title", has_text="Korvo book fair opens for a second day")
    assert "<script>window.__pwned = 1</script>" in row.inner_text()  # the title's markup, as text
    row.click()
    page.wait_for_selector("body[data-ready=true]", timeout=15_000)
    visit.watch_csp()
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("a[href^='javascript' i]").count() == 0
    assert "Harbour Gazette <img src=x onerror=" in page.locator("table.sources").inner_text()

    page.locator("ol.article-links a").first.click()
    page.wait_for_url(re.compile(r"/articles/"))
    visit.watch_csp()
    text = page.locator(".article-text").inner_text()
    assert '<img src=x onerror="window.__pwned = 2">' in text
    assert "</script><script>window.__pwned = 5</script>" in text
    assert '<a href="javascript:window.__pwned=3">read more</a>' in text
    assert page.locator("img, iframe, a[href^='javascript' i]").count() == 0
    assert page.locator("script:not([src]):not([type='application/json'])").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    _save_screenshot(page, tmp_path, "web-hostile.png")

    page = visit.open("/search?q=" + "second+day")
    page.locator("ol.results a.story-title").first.click()
    page.wait_for_selector("body[data-ready=true]", timeout=15_000)
    assert page.evaluate("() => window.__pwned") is None
    assert visit.dialogs == [] and visit.problems() == []
