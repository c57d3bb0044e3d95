"""iter_documents: walking inputs, sniffing kinds, skipping bad inputs with one-line reasons."""

from __future__ import annotations

import codecs
import gzip
import io
import shutil
import sys
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.ingest import iter_documents, sources
from newsprism.records import RawDocument, Skip

DATA = Path(__file__).resolve().parents[2] / "data" / "ingest"
SETTINGS = Settings()


def ingest(*paths: str | Path, settings: Settings = SETTINGS) -> list[RawDocument | Skip]:
    return list(iter_documents([str(p) for p in paths], settings))


def only(results: list[RawDocument | Skip]) -> RawDocument | Skip:
    assert len(results) == 1, results
    return results[0]


def test_the_same_input_ingested_twice_gives_identical_records() -> None:
    first = ingest(DATA)
    assert first == ingest(DATA)
    assert any(isinstance(r, RawDocument) for r in first) and any(isinstance(r, Skip) for r in first)


def test_every_skip_reason_is_one_nonempty_line() -> None:
    skips = [r for r in ingest(DATA, "no/such/file.txt") if isinstance(r, Skip)]
    assert len(skips) >= 6
    for skip in skips:
        assert skip.reason.strip() and "\n" not in skip.reason and "\r" not in skip.reason


def test_a_missing_path_is_skipped_and_the_other_inputs_are_still_read() -> None:
    results = ingest("no/such/file.txt", DATA / "harbour_bridge.txt")
    assert results[0] == Skip("no/such/file.txt", "no such file or directory")
    assert isinstance(results[1], RawDocument)


def test_folders_are_walked_recursively_in_sorted_order_without_hidden_entries(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ("b/2.txt", "b/1.txt", "a.txt", ".hidden.txt", ".git/config.txt"):
        (tmp_path / rel).write_text(f"Headline for {rel}\n\nBody of {rel}.\n", encoding="utf-8")
    sources_seen = [r.source for r in ingest(tmp_path)]
    assert sources_seen == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b" / "1.txt"),
        str(tmp_path / "b" / "2.txt"),
    ]


def test_an_empty_folder_is_skipped(tmp_path: Path) -> None:
    result = only(ingest(tmp_path))
    assert isinstance(result, Skip) and "no" in result.reason and "files" in result.reason


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("empty.txt", ("empty",)),
        ("empty.html", ("empty",)),
        ("whitespace.txt", ("whitespace",)),
        ("pixel.png", ("binary", "PNG")),
        ("broken.rss", ("malformed",)),
    ],
)
def test_unusable_files_are_skipped_with_the_reason(name: str, words: tuple[str, ...]) -> None:
    result = only(ingest(DATA / name))
    assert isinstance(result, Skip) and result.source == str(DATA / name)
    for word in words:
        assert word in result.reason


def test_nul_bytes_mean_binary_even_with_a_text_extension(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(b"Title line\n\x00\x01\x02\x00 body")
    result = only(ingest(path))
    assert isinstance(result, Skip) and "binary" in result.reason


PIER = (
    "Harbour board delays the pier – Coast Weekly\n\n"
    "The harbour board voted on Tuesday to delay the new pier by a year. "
    "Its chair said the café owners on the quay had asked for more time.\n"
)


@pytest.mark.parametrize(
    ("codec", "named"),
    [
        ("utf-16-le", "UTF-16 LE"),
        ("utf-16-be", "UTF-16 BE"),
        ("utf-32-le", "UTF-32 LE"),
        ("utf-32-be", "UTF-32 BE"),
    ],
)
def test_utf16_or_utf32_without_a_byte_order_mark_is_read_not_skipped_as_binary(
    tmp_path: Path, codec: str, named: str
) -> None:
    path = tmp_path / "pier.txt"
    path.write_bytes(PIER.encode(codec))  # a NUL in every other byte (three in four), no BOM
    doc = only(ingest(path))
    assert isinstance(doc, RawDocument), doc
    assert (doc.title, doc.outlet) == ("Harbour board delays the pier", "Coast Weekly")
    assert "café owners" in doc.text and "\x00" not in doc.text
    assert f"decoded as {named} (a file without a byte-order mark)" in doc.notes


def test_utf16_without_a_byte_order_mark_keeps_its_kind(tmp_path: Path) -> None:
    """The kind is judged from the text, not from bytes with a NUL after every letter."""
    page = (
        '<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel><title>Coast Weekly</title>'
        "<item><title>Pier delayed</title><link>https://coast.example/pier</link>"
        "<description>The harbour board voted on Tuesday to delay the new pier by a year.</description>"
        "</item></channel></rss>"
    )
    feed = tmp_path / "feed"  # no extension: the kind comes from the content
    feed.write_bytes(page.encode("utf-16-be"))
    lines = tmp_path / "news.jsonl"
    lines.write_bytes(
        ('{"title": "Pier delayed", "text": "' + PIER.splitlines()[2] + '"}\n').encode("utf-16-le")
    )
    got = ingest(feed, lines)
    assert [(d.fmt, d.title) for d in got if isinstance(d, RawDocument)] == [
        ("feed", "Pier delayed"),
        ("jsonl", "Pier delayed"),
    ], got


@pytest.mark.parametrize(
    "data",
    [
        b"Title line\n\x00\x01\x02\x00 body",  # NULs at random
        b"A plain headline\n\nA body with one stray\x00 NUL byte in it, otherwise text.",
        b"".join(i.to_bytes(2, "little") for i in range(0, 3000, 7)),  # 16-bit numbers
        b"\x00\x00\x00\x00" * 64,
    ],
)
def test_nul_bytes_that_are_not_utf16_text_are_still_skipped_and_the_reason_says_so(
    tmp_path: Path, data: bytes
) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(data)
    result = only(ingest(path))
    assert isinstance(result, Skip)
    assert result.reason == "binary file (contains NUL bytes and is not UTF-16 or UTF-32 text)"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_utf32_and_utf16_with_a_byte_order_mark_are_read_whatever_the_byte_order(
    tmp_path: Path, bom: bytes, codec: str
) -> None:
    """A UTF-32 BE file starts with two NUL bytes (its mark is 00 00 FE FF), and was skipped as
    binary; a marked file needs no note."""
    path = tmp_path / "pier"  # no extension: the kind comes from the decoded text
    path.write_bytes(bom + PIER.encode(codec))
    doc = only(ingest(path))
    assert isinstance(doc, RawDocument), doc
    assert doc.title == "Harbour board delays the pier" and "café owners" in doc.text and doc.notes == ()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (PIER.encode("utf-32-le")[:-1], "looks like UTF-32 LE text but does not decode as UTF-32 LE"),
        (PIER.encode("utf-16-be")[:-1], "looks like UTF-16 BE text but does not decode as UTF-16 BE"),
        (
            codecs.BOM_UTF16_LE + "pier 😀".encode("utf-16-le")[:-2],
            "starts with a UTF-16 LE byte-order mark but",
        ),
    ],
)
def test_utf16_or_utf32_cut_short_is_skipped_as_such_not_read_as_garbage(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    path = tmp_path / "pier.txt"
    path.write_bytes(data)
    result = only(ingest(path))
    assert isinstance(result, Skip) and result.reason.startswith(reason), result
    assert result.reason.endswith("(truncated or damaged)")


def test_a_non_feed_xml_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><settings><colour>blue</colour></settings>', encoding="utf-8")
    result = only(ingest(path))
    assert isinstance(result, Skip) and "feed" in result.reason


def test_inputs_larger_than_max_bytes_are_skipped_without_being_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened although it is too large")

    monkeypatch.setattr(sources, "open", refuse, raising=False)
    path = DATA / "harbour_bridge.html"
    result = only(ingest(path, settings=Settings(max_bytes=path.stat().st_size - 1)))
    assert isinstance(result, Skip) and "max_bytes" in result.reason


def test_a_file_of_exactly_max_bytes_is_read() -> None:
    path = DATA / "harbour_bridge.txt"
    assert isinstance(only(ingest(path, settings=Settings(max_bytes=path.stat().st_size))), RawDocument)


def test_gzip_that_inflates_past_max_bytes_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<html><body><p>" + b"a " * 50_000 + b"</p></body></html>"))
    result = only(ingest(path, settings=Settings(max_bytes=10_000)))
    assert isinstance(result, Skip) and "max_bytes" in result.reason


def test_corrupt_gzip_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(b"<html><body><p>text</p></body></html>")[:15])
    result = only(ingest(path))
    assert isinstance(result, Skip) and "gzip" in result.reason


def test_content_is_sniffed_when_the_extension_says_nothing(tmp_path: Path) -> None:
    html = tmp_path / "page_without_extension"
    shutil.copy(DATA / "harbour_bridge.html", html)
    jsonl = tmp_path / "export.data"
    shutil.copy(DATA / "articles.jsonl", jsonl)
    results = ingest(html, jsonl)
    assert results[0].source == str(html) and isinstance(results[0], RawDocument)
    assert results[0].fmt == "html"
    assert {r.fmt for r in results[1:] if isinstance(r, RawDocument)} == {"jsonl"}


def test_a_gzipped_html_page_without_gz_suffix_is_decompressed(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    shutil.copy(DATA / "harbour_bridge_compressed.html.gz", path)
    result = only(ingest(path))
    assert isinstance(result, RawDocument) and result.fmt == "html" and "Eastgate" in result.text


def test_a_failing_reader_becomes_a_skip_and_the_next_input_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsprism.ingest as ingest_module

    def explode(source: str, content: str, fmt: str = "text") -> RawDocument:
        raise RuntimeError("reader bug\nwith a second line")

    monkeypatch.setattr(ingest_module, "read_text", explode)
    results = ingest(DATA / "harbour_bridge.txt", DATA / "harbour_bridge.html")
    assert isinstance(results[0], Skip) and "reader bug with a second line" in results[0].reason
    assert isinstance(results[1], RawDocument)


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_dash_reads_plain_text_from_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, (DATA / "harbour_bridge.txt").read_bytes())
    result = only(ingest("-"))
    assert isinstance(result, RawDocument)
    assert result.source == "<stdin>" and result.fmt == "text" and result.outlet == "Coastal Herald"


def test_standard_input_kind_is_sniffed_from_its_content(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, (DATA / "harbour_bridge_compressed.html.gz").read_bytes())
    result = only(ingest("-"))
    assert isinstance(result, RawDocument) and result.fmt == "html"


def test_standard_input_without_a_byte_buffer_is_read_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Headline on stdin\n\nA body line.\n"))
    result = only(ingest("-"))
    assert isinstance(result, RawDocument) and result.title == "Headline on stdin"


def test_a_standard_input_read_error_is_a_skip(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = io.TextIOWrapper(io.BytesIO(b"text"), encoding="utf-8")
    stream.close()
    monkeypatch.setattr(sys, "stdin", stream)
    result = only(ingest("-"))
    assert isinstance(result, Skip) and result.source == "<stdin>" and "standard input" in result.reason


def test_standard_input_larger_than_max_bytes_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"Headline\n\n" + b"word " * 100)
    result = only(ingest("-", settings=Settings(max_bytes=50)))
    assert isinstance(result, Skip) and "max_bytes" in result.reason


def test_utf16_with_bom_and_legacy_encodings_are_decoded(tmp_path: Path) -> None:
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(
        "Café owners protest new rent rules\n\nThe café association met on Monday.\n".encode("utf-16")
    )
    cp1252 = tmp_path / "cp1252.txt"
    cp1252.write_bytes(
        (
            "Café owners protest new rent rules – Valley Gazette\n\n"
            "Owners of cafés and brasseries in the old town said on Monday that the new rent rules "
            "would force them to close. “We cannot pay twice as much,” said the association’s head.\n"
        ).encode("cp1252")
    )
    first, second = ingest(utf16, cp1252)
    assert isinstance(first, RawDocument) and first.title == "Café owners protest new rent rules"
    assert isinstance(second, RawDocument) and second.outlet == "Valley Gazette"
    assert "“We cannot pay twice as much,”" in second.text


def test_a_feed_on_standard_input_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, (DATA / "city_news.rss").read_bytes())
    results = ingest("-")
    assert [r.source for r in results] == ["<stdin>#entry-1", "<stdin>#entry-2"]
    assert all(isinstance(r, RawDocument) and r.fmt == "feed" for r in results)


def test_an_empty_path_is_skipped_rather_than_read_as_the_current_folder() -> None:
    assert ingest("") == [Skip("", "empty path")]
