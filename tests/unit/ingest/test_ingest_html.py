"""HTML pages: main text via trafilatura, metadata, canonical URL, date, language, encodings."""

from __future__ import annotations

from pathlib import Path

from newsprism.ingest.html import HtmlPage, extract_html, fragment_text, read_html
from newsprism.records import RawDocument, Skip

DATA = Path(__file__).resolve().parents[2] / "data" / "ingest"


def _page(body: str, head: str = "", lang: str = "") -> str:
    return f"<!DOCTYPE html><html{lang}><head>{head}</head><body>{body}</body></html>"


PARAGRAPHS = "".join(
    f"<p>Paragraph {n} of the story says that the ferry service will run every twenty minutes from May.</p>"
    for n in range(1, 5)
)


def test_the_main_text_and_metadata_are_extracted() -> None:
    doc = read_html("page.html", (DATA / "harbour_bridge.html").read_bytes())
    assert isinstance(doc, RawDocument)
    assert doc.title == "Harbour bridge reopens after three-week repair"  # " | Coastal Herald" removed
    assert doc.outlet == "Coastal Herald"
    assert doc.url == "https://coastal-herald.example/news/harbour-bridge-reopens"
    assert doc.published == "2021-03-08"
    assert doc.language == "en"
    assert doc.fmt == "html" and doc.needs_cleaning is False
    assert "cracked expansion joint" in doc.text and "Mara Lindqvist" in doc.text
    for boilerplate in ("Privacy policy", "Cookie settings", "All rights reserved", "Weather"):
        assert boilerplate not in doc.text
    assert not doc.text.startswith(doc.title)  # the headline is the title, not the first body line


def test_og_url_is_used_when_there_is_no_canonical_link() -> None:
    html = _page(PARAGRAPHS, head='<meta property="og:url" content="https://example.org/ferry">')
    page = extract_html(html)
    assert page is not None and page.url == "https://example.org/ferry"


def test_no_lang_attribute_means_no_language_and_no_date_means_none() -> None:
    page = extract_html(_page(PARAGRAPHS))
    assert page is not None and page.language is None and page.published is None


def test_a_date_only_mentioned_in_the_text_is_not_the_publication_date() -> None:
    page = extract_html(
        _page(PARAGRAPHS + "<p>The ferry first sailed on 3 March 1998 from the old quay.</p>")
    )
    assert page is not None and page.published is None


def test_a_page_without_main_text_is_skipped() -> None:
    result = read_html("nav.html", _page("<nav><a href='/'>Home</a></nav>"))
    assert isinstance(result, Skip) and "main text" in result.reason


def test_a_declared_legacy_charset_is_honoured() -> None:
    html = _page(
        PARAGRAPHS + "<p>Le café de la gare rouvre après les travaux, a annoncé la mairie vendredi.</p>",
        head='<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
    ).encode("iso-8859-1")
    page = extract_html(html)
    assert page is not None and "Le café de la gare rouvre après les travaux" in page.text


def test_a_feed_fragment_becomes_one_line_per_paragraph() -> None:
    assert (
        fragment_text("<p>First <b>bold</b> point.</p><p>Second point.</p>")
        == "First bold point.\nSecond point."
    )


def test_a_page_document_prefers_known_fields_then_the_page_then_the_fallback_url() -> None:
    page = HtmlPage("Body.", title="Page title", outlet="Page Outlet", url=None, language="en")
    known = RawDocument("s", "", "jsonl", title="Own title", url="https://own.example/a")
    doc = page.document("s", "jsonl", known=known, fallback_url="https://fetched.example/a")
    assert (doc.title, doc.outlet, doc.url, doc.language) == (
        "Own title",
        "Page Outlet",
        "https://own.example/a",
        "en",
    )
    assert not doc.needs_cleaning
    assert (
        page.document("s", "html", fallback_url="https://fetched.example/a").url
        == "https://fetched.example/a"
    )
    canonical = HtmlPage("Body.", url="https://canonical.example/a")
    assert canonical.document("s", "html", fallback_url="https://fetched.example/a").url == (
        "https://canonical.example/a"
    )
