"""JSONL, JSON, WARC and RSS/Atom readers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.config import Settings
from newsprism.ingest import iter_documents
from newsprism.records import RawDocument, Skip

DATA = Path(__file__).resolve().parents[2] / "data" / "ingest"


def ingest(path: Path, settings: Settings | None = None) -> list[RawDocument | Skip]:
    return list(iter_documents([str(path)], settings or Settings()))


# --- JSONL -----------------------------------------------------------------------------------


def test_jsonl_reads_every_good_line_and_skips_bad_ones_by_line_number() -> None:
    path = DATA / "articles.jsonl"
    results = ingest(path)
    by_source = {r.source: r for r in results}
    assert [r.source for r in results] == [f"{path}:{n}" for n in (1, 2, 4, 5)]  # line 3 is blank
    bad = by_source[f"{path}:2"]
    assert isinstance(bad, Skip) and "malformed JSON" in bad.reason
    not_object = by_source[f"{path}:5"]
    assert isinstance(not_object, Skip) and "object" in not_object.reason


def test_jsonl_text_articles_keep_their_fields_and_need_cleaning() -> None:
    doc = ingest(DATA / "articles.jsonl")[0]
    assert isinstance(doc, RawDocument)
    assert doc.title == "Library extends opening hours for exam season"
    assert (doc.outlet, doc.url, doc.published) == (
        "Valley Gazette",
        "https://valley-gazette.example/library-hours",
        "2021-05-03",
    )
    assert doc.text.startswith("The central library") and doc.needs_cleaning


def test_jsonl_html_goes_through_html_extraction() -> None:
    doc = ingest(DATA / "articles.jsonl")[2]
    assert isinstance(doc, RawDocument)
    assert "monthly pass will cost 42 euros" in doc.text and "<p>" not in doc.text
    assert doc.needs_cleaning is False
    assert doc.published == "2021-05-07T16:20:00+02:00"


def test_a_json_file_may_hold_a_list_of_articles(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text('[{"title": "A", "text": "Body A."}, {"title": "B"}]', encoding="utf-8")
    first, second = ingest(path)
    assert isinstance(first, RawDocument) and first.source == f"{path}[0]" and first.text == "Body A."
    assert isinstance(second, Skip) and "text" in second.reason


# --- WARC ------------------------------------------------------------------------------------

ARTICLE = (
    "<html lang='en'><head><title>Night trains return to the coast line</title></head><body><article>"
    + "".join(
        f"<p>Night trains will run on the coast line again from June, paragraph {n} of the report says.</p>"
        for n in range(4)
    )
    + "</article></body></html>"
).encode()


def _write_warc(path: Path, gzip: bool) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)

        def response(uri: str, status: str, ctype: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )

        writer.write_record(
            writer.create_warc_record(
                "https://rail.example/night-trains", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
            )
        )
        response("https://rail.example/night-trains", "200 OK", "text/html; charset=utf-8", ARTICLE)
        response("https://rail.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")
        response(
            "https://rail.example/gone", "404 Not Found", "text/html", b"<html><body>Not found</body></html>"
        )


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_every_html_response_record_is_one_document(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _write_warc(path, gzip=name.endswith(".gz"))
    doc, gone = ingest(path)
    assert isinstance(doc, RawDocument)
    assert doc.source == f"{path}#record-2" and doc.fmt == "warc"
    assert doc.url == "https://rail.example/night-trains"  # the target URI (no canonical link)
    assert doc.title == "Night trains return to the coast line" and "coast line again" in doc.text
    assert isinstance(gone, Skip) and gone.source == f"{path}#record-4" and "404" in gone.reason


def test_a_truncated_warc_keeps_earlier_records_and_skips_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    _write_warc(path, gzip=False)
    data = path.read_bytes()
    cut = data.index(b"WARC/1", data.index(b"Night trains")) + 40  # inside the third record's header
    path.write_bytes(data[:cut])
    results = ingest(path)
    assert isinstance(results[0], RawDocument)
    assert isinstance(results[-1], Skip) and "WARC" in results[-1].reason


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_a_warc_cut_inside_a_pages_body_skips_that_page_as_truncated(tmp_path: Path, name: str) -> None:
    """warcio reads a body cut short as a shorter page (it was skipped as 'no main text found', or
    stored cut off), and a gzip member cut short as the archive's end."""
    path = tmp_path / name
    _write_warc(path, gzip=name.endswith(".gz"))
    data = path.read_bytes()
    if name.endswith(".gz"):  # one gzip member per record: cut the article's member near its end
        start, end = [n for n in range(len(data)) if data.startswith(b"\x1f\x8b\x08", n)][1:3]
        path.write_bytes(data[: end - (end - start) // 5])
    else:
        path.write_bytes(data[: data.index(b"paragraph 2")])
    (skip,) = ingest(path)
    assert isinstance(skip, Skip) and skip.source == f"{path}#record-2"
    assert skip.reason.startswith("malformed WARC: the record is truncated (")


def test_a_gzipped_warc_cut_inside_a_records_header_says_it_is_truncated(tmp_path: Path) -> None:
    """warcio ends such an archive without an error, as if its last records never existed."""
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path, gzip=True)
    whole = path.read_bytes()
    members = [n for n in range(len(whole)) if whole.startswith(b"\x1f\x8b\x08", n)]
    path.write_bytes(whole[: members[-1] + 30])  # the last (404) record's member, cut early
    *read, last = ingest(path)
    assert [r.source for r in read] == [f"{path}#record-2"] and isinstance(read[0], RawDocument)
    assert last == Skip(str(path), "malformed WARC after record 3: the archive is truncated")


def test_a_whole_warc_is_not_taken_for_a_truncated_one(tmp_path: Path) -> None:
    for name in ("crawl.warc.gz", "crawl.warc"):
        path = tmp_path / name
        _write_warc(path, gzip=name.endswith(".gz"))
        assert not any("malformed" in r.reason for r in ingest(path) if isinstance(r, Skip))


def test_a_warc_without_html_responses_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "images.warc"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://x.example/a.png", "response", payload=io.BytesIO(b"png"), http_headers=headers
            )
        )
    result = ingest(path)
    assert len(result) == 1 and isinstance(result[0], Skip) and "no HTML" in result[0].reason


def test_garbage_with_a_warc_extension_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc"
    path.write_bytes(b"this is not a web archive at all\n" * 3)
    result = ingest(path)
    assert len(result) == 1 and isinstance(result[0], Skip) and "WARC" in result[0].reason


# --- feeds -----------------------------------------------------------------------------------


def test_rss_entries_use_full_content_else_the_summary() -> None:
    path = DATA / "city_news.rss"
    festival, roof = ingest(path)
    assert isinstance(festival, RawDocument) and isinstance(roof, RawDocument)
    assert festival.source == f"{path}#entry-1" and festival.fmt == "feed"
    assert festival.text == (
        "The river festival returns this weekend after a two-year pause, with boat races and a night "
        "market along the quay.\nOrganisers expect about 30,000 visitors over the two days."
    )
    assert festival.title == "River festival returns after two-year pause"
    assert festival.url == "https://valley-gazette.example/river-festival"
    assert festival.outlet == "Valley Gazette" and festival.language == "en"
    assert festival.published == "2021-06-12T09:30:00+00:00"
    assert roof.text.startswith("The council has approved a new roof")  # no content: the summary


def test_atom_entries_are_read() -> None:
    (doc,) = ingest(DATA / "city_news.atom")
    assert isinstance(doc, RawDocument)
    assert doc.outlet == "Coastal Herald" and doc.url == "https://coastal-herald.example/lighthouse-keeper"
    assert doc.published == "2021-03-09T08:15:00+00:00"
    assert "112 steps" in doc.text and "<p>" not in doc.text and "A short summary" not in doc.text


def test_a_feed_entry_without_text_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "thin.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        "<item><title>Only a title</title></item>"
        "<item><title>Has text</title><description>Some words here.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    empty, full = ingest(path)
    assert isinstance(empty, Skip) and empty.source == f"{path}#entry-1"
    assert isinstance(full, RawDocument) and full.text == "Some words here."


KEEPERS_RU = (
    "<html lang='ru'><head><title>Забастовка смотрителей маяка</title></head><body><article>"
    + "<p>Смотрители маяка на северном мысе начали забастовку в четверг утром, и паромная компания "
    "отменила все рейсы до тех пор, пока огни снова не зажгут.</p>" * 3 + "</article></body></html>"
)


def _warc_of(path: Path, pages: list[tuple[str, bytes]]) -> None:
    """A WARC with one HTML response record per ``(Content-Type, body)``."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for n, (ctype, body) in enumerate(pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            uri = f"https://cape.example/{n}"
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )


def test_a_utf16_warc_record_is_read_as_utf16_with_or_without_a_charset_header(tmp_path: Path) -> None:
    """Cyrillic in UTF-16 LE is valid UTF-8 (U+0430-U+044F are the bytes "0"-"O" and 0x04), and a
    WARC record's page, unlike a file, was not checked for UTF-16: "010AB>2:0" for "Забастовка"."""
    body = KEEPERS_RU.encode("utf-16-le")
    path = tmp_path / "cape.warc"
    _warc_of(
        path,
        [
            ("text/html; charset=utf-16le", body),
            ("text/html", body),
            ("text/html", KEEPERS_RU.encode("utf-32-be")),
        ],
    )
    docs = list(iter_documents([str(path)], Settings()))
    assert [d.title if isinstance(d, RawDocument) else d for d in docs] == [
        "Забастовка смотрителей маяка"
    ] * 3
    assert all(isinstance(d, RawDocument) and "паромная компания" in d.text for d in docs)
    assert [d.notes for d in docs if isinstance(d, RawDocument)] == [
        ("decoded as UTF-16 LE (a file without a byte-order mark)",),
        ("decoded as UTF-16 LE (a file without a byte-order mark)",),
        ("decoded as UTF-32 BE (a file without a byte-order mark)",),
    ]


def test_a_warc_records_charset_header_decodes_a_page_without_a_meta_charset(tmp_path: Path) -> None:
    """A Windows-1250 page declaring its charset only in the HTTP header was left to detection,
    which read "stoją" as "stoj¹" and "żeglarze" as "æeglarze"."""
    polish = (
        "<html lang='pl'><head><title>Strajk latarników</title></head><body><article>"
        + "<p>Strajk latarników: promy stoją w porcie, żeglarze czekają od czwartku na wieści.</p>" * 3
        + "</article></body></html>"
    )
    path = tmp_path / "cape.warc"
    _warc_of(
        path,
        [
            ("text/html; charset=windows-1250", polish.encode("cp1250")),
            ("text/html; charset=utf-16", ARTICLE),
        ],
    )
    pl, en = iter_documents([str(path)], Settings())
    assert isinstance(pl, RawDocument) and pl.title == "Strajk latarników" and pl.notes == ()
    assert "promy stoją w porcie, żeglarze czekają" in pl.text
    # a header of UTF-16 over bytes with no NUL in them is not believed (WHATWG reads it as UTF-8)
    assert isinstance(en, RawDocument) and en.title == "Night trains return to the coast line"
