"""brief.md built by the real pipeline from articles carrying markup, rendered with CommonMark and
opened in headless Chromium: no script runs and the markup shows as text. Also the brief's
length on 40 real pages (``../shared``), which must stay readable."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from test_cli import run
from test_html_report import browser  # noqa: F401  (the shared headless Chromium fixture)

import newsprism
from newsprism.report.markdown import render_markdown
from newsprism.report.story_json import story_to_dict

pytestmark = pytest.mark.model

SCRIPT = "<script>window.__pwned = 1; document.title = 'pwned'</script>"
IMG = '<img src=x onerror="window.__pwned = 2">'
LINK = "[click me](javascript:window.__pwned=3)"

HOSTILE = f"""Harbour *strike* {SCRIPT} shuts Port_Alder | {LINK}

Dockworkers at Port Alder walked out on Monday {IMG} and about 1,200 members joined the strike, the union said.

"We will not wait any longer {SCRIPT} for a `fair` offer," said Mara Quint, the union's general secretary.

Port Authority chief Tomas Reyne said the authority had offered a 4% raise {LINK}.
"""

OTHER = f"""Port Alder strike enters second day {IMG}

Dockworkers at Port Alder walked out on Monday and about 1,500 members joined the strike, the union said.

"We will not wait any longer for a fair offer," Mara Quint said. {SCRIPT}
"""

RAW_TAG = re.compile(r"<(script|img|iframe|svg)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "harbour.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "second.txt").write_text(OTHER, encoding="utf-8")
    return render_markdown(story_to_dict(newsprism.analyze([str(folder)])))


def test_no_tag_or_link_from_an_article_survives_commonmark(brief: str) -> None:
    rendered = MarkdownIt("commonmark").render(brief)
    assert not RAW_TAG.search(rendered)
    assert 'href="javascript' not in rendered
    assert "&lt;script&gt;" in rendered and "Mara Quint" in rendered


def test_the_rendered_brief_runs_nothing_in_chromium(brief: str, browser: Any, tmp_path: Path) -> None:  # noqa: F811
    page_file = tmp_path / "brief.html"
    body = MarkdownIt("commonmark").render(brief)
    page_file.write_text(f"<!doctype html><title>brief</title><body>{body}</body>", encoding="utf-8")
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(page_file.as_uri(), wait_until="load")
        assert page.evaluate("window.__pwned") is None
        assert page.title() == "brief"
        assert page.locator("script, img, a[href^=javascript]").count() == 0
        shown = page.locator("body").inner_text()
        assert SCRIPT in shown  # the markup is shown to the reader as the article wrote it
    finally:
        context.close()


def test_the_brief_on_standard_output_is_escaped_the_same_way() -> None:
    result = run("analyze", "-", "--quiet", stdin=HOSTILE)
    assert result.exit_code == 0, result.stderr
    rendered = MarkdownIt("commonmark").render(result.stdout)
    assert not RAW_TAG.search(rendered) and 'href="javascript' not in rendered
    assert "&lt;script&gt;" in result.stdout


@pytest.mark.shared
def test_the_brief_of_40_real_pages_is_shorter_than_them_and_under_3000_words(shared: Path) -> None:
    pages = sorted((shared / "eval" / "extraction-aeb" / "html").glob("*.html.gz"))[:40]
    if len(pages) < 40:
        pytest.skip("../shared/eval/extraction-aeb/html holds fewer than 40 pages")
    story = story_to_dict(newsprism.analyze([str(p) for p in pages]))
    brief_words = len(render_markdown(story).split())
    input_words = sum(len(a["text"].split()) for a in story["articles"])
    print(f"brief.md of {len(story['articles'])} pages: {brief_words} words; their text: {input_words} words")
    assert brief_words < 3000
    assert brief_words < input_words
