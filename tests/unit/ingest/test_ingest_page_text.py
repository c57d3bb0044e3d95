"""Page text that holds on anyone's pages: damaged UTF-8, unnormalised Unicode, scripts written
without spaces, and layouts the precision-favouring extraction cuts short."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from newsprism.clean import to_article
from newsprism.config import Settings
from newsprism.ingest import encoding, iter_documents
from newsprism.ingest.encoding import decode_html, decode_text
from newsprism.ingest.html import extract_html, read_html, text_length
from newsprism.records import RawDocument

SENTENCE = "The café on the quay reopened on Tuesday after the harbour board approved the new lease."


def _page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body><article>{body}</article></body></html>"


def _damaged_utf8_page() -> bytes:
    """A UTF-8 page declaring a legacy charset, with one stray Windows-1252 byte in it."""
    paras = "".join(f"<p>{SENTENCE} Naïve visitors paid €{n} for a crêpe.</p>" for n in range(1, 6))
    page = _page(paras + "<p>A stray byte: \x00 ends the page.</p>", '<meta charset="windows-1252">')
    return page.encode("utf-8").replace(b"\x00", b"\x92")


def test_a_page_that_is_utf8_but_for_a_stray_byte_is_decoded_as_utf8_with_a_note() -> None:
    decoded = decode_html(_damaged_utf8_page())
    assert decoded is not None
    assert "café" in decoded.text and "crêpe" in decoded.text and "â€" not in decoded.text
    assert decoded.text.count("\ufffd") == 1
    assert decoded.notes == ("decoded as UTF-8 with 1 invalid byte replaced by U+FFFD",)
    doc = read_html("page.html", _damaged_utf8_page())
    assert isinstance(doc, RawDocument) and "café" in doc.text
    assert doc.notes == decoded.notes  # nothing silent: the article says its text was repaired


def test_a_legacy_page_is_still_decoded_in_its_declared_charset() -> None:
    data = _page(f"<p>{SENTENCE}</p>" * 3, '<meta charset="windows-1252">').encode("cp1252")
    decoded = decode_html(data)
    assert decoded is not None and "café" in decoded.text and decoded.notes == ()


def test_a_text_file_that_is_utf8_but_for_a_stray_byte_keeps_its_text_and_says_so(tmp_path: Path) -> None:
    body = f"Ferry café reopens\n\n{SENTENCE} Crêpes cost €3.\n" * 4
    data = body.encode("utf-8") + b"One last line with a stray \x92 byte.\n"
    decoded = decode_text(data)
    assert decoded is not None and "Crêpes cost €3" in decoded.text and decoded.text.count("\ufffd") == 1
    (tmp_path / "a.txt").write_bytes(data)
    [doc] = list(iter_documents([str(tmp_path / "a.txt")], Settings(quiet=True)))
    assert isinstance(doc, RawDocument) and "Crêpes" in doc.text
    assert doc.notes == ("decoded as UTF-8 with 1 invalid byte replaced by U+FFFD",)


def test_a_latin1_text_file_keeps_its_names_when_code_pages_tie() -> None:
    """charset-normalizer scores Windows-1250 and -1252 alike on a short Western text and took
    the first by name: "Nuñez" became "Nuńez" in every quote of his."""
    body = "Harbour café reopens\n\nMayor Tomás Nuñez said the café would reopen on Friday.\n" * 3
    decoded = decode_text(body.encode("latin-1"))
    assert decoded is not None and decoded.text == body and decoded.notes == ()


def test_a_utf8_file_with_pasted_latin1_bytes_is_read_not_skipped(tmp_path: Path) -> None:
    """Too many foreign bytes to be damage (under 90% of the non-ASCII valid) and no code page
    fitting the whole: the file was skipped as 'binary or undecodable'."""
    utf8 = f"Ferry café reopens\n\n{SENTENCE} Crêpes cost €3.\n".encode()
    data = utf8 + "The menu adds crème brûlée and a Straße of stalls.\n".encode("latin-1")
    decoded = decode_text(data)
    assert decoded is not None and "Crêpes cost €3" in decoded.text
    assert "crème brûlée and a Straße" in decoded.text and "\ufffd" not in decoded.text
    note = "decoded as UTF-8 with 4 bytes of another encoding read as Windows-1252"
    assert decoded.notes == (note,)
    (tmp_path / "mixed.txt").write_bytes(data)
    [doc] = list(iter_documents([str(tmp_path / "mixed.txt")], Settings(quiet=True)))
    assert isinstance(doc, RawDocument) and "crème brûlée" in doc.text and doc.notes == (note,)


def test_a_binary_file_is_still_undecodable() -> None:
    assert decode_text(bytes(range(256)) * 4) is None


def test_every_reader_gives_nfc_text(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", SENTENCE)
    assert decomposed != SENTENCE
    (tmp_path / "a.txt").write_text(f"Cafe\u0301 reopens\n\n{decomposed}\n", encoding="utf-8")
    html = _page("<h1>Cafe\u0301 reopens</h1>" + f"<p>{decomposed}</p>" * 3)
    lines = [{"title": "Cafe\u0301", "text": decomposed}, {"title": "Cafe\u0301", "html": html}]
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(o) for o in lines), encoding="utf-8")
    (tmp_path / "c.html").write_text(html, encoding="utf-8")
    docs = [d for d in iter_documents([str(tmp_path)], Settings(quiet=True)) if isinstance(d, RawDocument)]
    assert len(docs) == 4
    for doc in docs:
        article = to_article(doc)
        assert SENTENCE in article.text, doc.source
        assert unicodedata.is_normalized("NFC", article.text + article.title), doc.source


def test_a_nul_character_is_no_part_of_an_article(tmp_path: Path) -> None:
    """JSON may spell a NUL (``\\u0000``); it carries no text and PostgreSQL cannot store it."""
    line = {"title": "Port\u0000 strike", "outlet": "Ledger\u0000", "text": f"{SENTENCE}\u0000 More."}
    (tmp_path / "a.jsonl").write_text(json.dumps(line), encoding="utf-8")
    (doc,) = [d for d in iter_documents([str(tmp_path)], Settings(quiet=True)) if isinstance(d, RawDocument)]
    article = to_article(doc)
    assert "\x00" not in article.title + article.text + (article.outlet or "")
    assert article.title == "Port strike" and SENTENCE in article.text


def test_a_chinese_or_japanese_article_is_long_enough_though_it_has_no_spaces() -> None:
    chinese = "港务局周二投票决定将渡轮服务延长至北部岛屿。经过数月的讨论，议员们终于达成一致。"
    japanese = "港湾局は火曜日、北部の島々へのフェリー運航を延長することを決めた。"
    for text in (chinese, japanese):
        page = extract_html(_page(f"<p>{text}</p>" * 2))
        assert page is not None and text in page.text
    assert text_length(chinese) >= 20 and text_length("Home News Sport") == 3
    assert text_length("首页 新闻") < 8  # a menu is still too short


def test_a_page_whose_text_only_the_recall_extraction_finds_is_not_dropped() -> None:
    """The page renders its text with script; the markup holds it only as JSON-LD. The
    precision-favouring extraction returns nothing (or the "Loading" placeholder)."""
    body = " ".join([SENTENCE] * 4)
    ld = json.dumps({"@type": "NewsArticle", "headline": "Café reopens", "articleBody": body})
    page = extract_html(
        f"<html><head><script type='application/ld+json'>{ld}</script></head>"
        "<body><div id='app'><span>Loading</span></div></body></html>"
    )
    assert page is not None and SENTENCE in page.text


def test_the_precise_extraction_is_kept_when_it_keeps_most_of_the_text() -> None:
    story = "".join(f"<p>{SENTENCE} Point {n}.</p>" for n in range(6))
    related = "".join(
        f"<li><a href='/r{n}'>Another story about ferries number {n}</a></li>" for n in range(6)
    )
    page = extract_html(_page(story + f"<ul class='related'>{related}</ul>"))
    assert page is not None and "Point 5." in page.text and "Another story" not in page.text


def test_a_page_whose_only_heading_is_its_headline_keeps_it_as_the_title() -> None:
    """The headline is the article's title field, not the body's first line (the body is what
    schema.org calls articleBody). So the one heading is never lost: it is the title even when the
    page's ``<title>`` is only the site's name, and the body does not say it twice."""
    body = "".join(f"<p>{SENTENCE} Point {n}.</p>" for n in range(4))
    page = extract_html(
        _page(f"<h1>Quay café reopens after lease vote</h1>{body}", "<title>News | Quay Daily</title>")
    )
    assert page is not None and page.title == "Quay café reopens after lease vote"
    assert not page.text.startswith("Quay café reopens") and "Point 3." in page.text


def test_a_sub_heading_stays_in_the_body_while_the_repeated_headline_leaves_it() -> None:
    body = "".join(f"<p>{SENTENCE} Point {n}.</p>" for n in range(4))
    head = "<title>Harbour board approves café lease</title>"
    page = extract_html(
        _page(f"<h1>Harbour board approves café lease</h1><h2>What the lease says</h2>{body}", head)
    )
    assert page is not None and page.title == "Harbour board approves café lease"
    assert "What the lease says" in page.text and "Harbour board approves" not in page.text


def test_a_legacy_page_is_decoded_as_utf8_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its UTF-8 reading (too few valid characters to be damage) was made before the declared
    charset was tried and again after it failed; one reading serves both questions."""
    readings: list[bytes] = []
    real = encoding.Utf8.of

    def counted(data: bytes) -> encoding.Utf8:
        readings.append(data)
        return real(data)

    monkeypatch.setattr(encoding.Utf8, "of", staticmethod(counted))
    legacy = _page(f"<p>{SENTENCE} Mayor Tomás Nuñez agreed.</p>" * 3, '<meta charset="no-such-charset">')
    decoded = decode_html(legacy.encode("latin-1"))
    assert decoded is not None and "Tomás Nuñez" in decoded.text
    assert len(readings) == 1


def test_utf8_with_pasted_bytes_reads_the_same_whichever_way_it_is_asked() -> None:
    """One decode keeps the invalid bytes; replacing them or reading them as Windows-1252 gives
    what a ``replace`` or a Windows-1252 decode of those bytes gives."""
    utf8 = f"{SENTENCE} Crêpes cost €3.\n".encode()
    damaged = utf8 * 20 + b"a cut \xe2\x82 euro and a stray \x92 quote\n"
    assert decode_text(damaged) == encoding.Decoded(
        damaged.decode("utf-8", errors="replace"),
        ("decoded as UTF-8 with 2 invalid bytes replaced by U+FFFD",),
    )
    pasted = utf8 * 2 + "Straße, crème brûlée\n".encode("cp1252")  # 6 valid, 4 pasted
    decoded = decode_text(pasted)
    assert decoded is not None and decoded.text == (utf8 * 2).decode() + "Straße, crème brûlée\n"
