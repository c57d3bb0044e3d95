"""Large multi-record files are read record by record; odd folder entries are skipped with a reason."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsprism.config import Settings
from newsprism.ingest import iter_documents
from newsprism.records import RawDocument, Skip


def ingest(paths: list[Path], max_bytes: int = 20_000_000) -> list[RawDocument | Skip]:
    return list(iter_documents([str(p) for p in paths], Settings(max_bytes=max_bytes)))


def _jsonl(count: int) -> bytes:
    lines = [
        json.dumps(
            {"title": f"Story {i}", "text": f"Paragraph one of story {i}.\n\nThe council voted {i} times."}
        )
        for i in range(count)
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.mark.parametrize("name", ["many.jsonl", "many.jsonl.gz", "many-without-extension"])
def test_a_jsonl_larger_than_max_bytes_is_read_line_by_line(tmp_path: Path, name: str) -> None:
    data = _jsonl(500)
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    results = ingest([path], max_bytes=path.stat().st_size // 2)  # every line is far smaller
    assert all(isinstance(r, RawDocument) for r in results)
    assert [r.title for r in results if isinstance(r, RawDocument)] == [f"Story {i}" for i in range(500)]


def test_in_a_streamed_jsonl_only_the_line_over_max_bytes_is_skipped(tmp_path: Path) -> None:
    big = json.dumps({"title": "Huge", "text": "word " * 5_000})
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(_jsonl(3) + big.encode() + b"\n" + _jsonl(2))
    results = ingest([path], max_bytes=10_000)
    assert [r.title if isinstance(r, RawDocument) else r.reason for r in results] == [
        "Story 0",
        "Story 1",
        "Story 2",
        "line larger than max_bytes (10000)",
        "Story 0",
        "Story 1",
    ]
    assert isinstance(results[3], Skip) and results[3].source == f"{path}:4"


def _page(i: int) -> bytes:
    body = " ".join(
        f"The night train number {i} returned to the coast line again this week." for _ in range(8)
    )
    return f"<html><head><title>Train {i}</title></head><body><article><h1>Train {i}</h1><p>{body}</p><p>{body}</p></article></body></html>".encode()


def _warc(records: int) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for i in range(records):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://rail.example/{i}", "response", payload=io.BytesIO(_page(i)), http_headers=headers
            )
        )
    return out.getvalue()


def test_a_warc_larger_than_max_bytes_is_read_record_by_record(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc(12))
    assert path.stat().st_size > 2_000
    results = ingest([path], max_bytes=2_000)
    assert [r.url for r in results if isinstance(r, RawDocument)] == [
        f"https://rail.example/{i}" for i in range(12)
    ]


def test_a_truncated_warc_header_gets_a_reason_a_user_can_read(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Le")
    (skip,) = ingest([path])
    assert isinstance(skip, Skip)
    assert "NoneType" not in skip.reason and "truncated or damaged" in skip.reason


def test_warcio_warnings_become_notes_not_standard_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _page(1)
    headers = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    block = headers + page
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        b"WARC-Target-URI: https://rail.example/1\r\nContent-Type: application/http; msgtype=response\r\n"
        + f"Content-Length: {len(block) - 5}\r\n\r\n".encode()  # five bytes short: warcio warns
        + block
        + b"\r\n\r\n"
    )
    path = tmp_path / "bad-length.warc"
    path.write_bytes(record + record.replace(b"uuid:1", b"uuid:2"))
    results = ingest([path])
    assert capsys.readouterr().err == ""
    notes = [n for r in results if isinstance(r, RawDocument) for n in r.notes]
    assert any(n.startswith("warcio: Record not followed by newline") for n in notes)


def test_broken_links_and_named_pipes_in_a_folder_are_skipped_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Headline\n\nThe council voted on the budget.\n", encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    results = ingest([tmp_path])
    reasons = {Path(r.source).name: r.reason for r in results if isinstance(r, Skip)}
    assert reasons["dangling.txt"] == "broken symbolic link (its target does not exist)"
    assert reasons["pipe.txt"] == "not a regular file (a named pipe (FIFO))"
    assert reasons["loop.txt"].startswith("broken symbolic link") or reasons["loop.txt"].startswith(
        "cannot read"
    )
    assert [r.title for r in results if isinstance(r, RawDocument)] == ["Headline"]


def test_an_invalid_published_value_in_jsonl_is_noted(tmp_path: Path) -> None:
    path = tmp_path / "dated.jsonl"
    path.write_text(json.dumps({"title": "T", "text": "Body text.", "published": "the other day"}) + "\n")
    (doc,) = ingest([path])
    assert isinstance(doc, RawDocument) and doc.published is None
    assert doc.notes == (
        "'published' value \"the other day\" is not a date; the date is inferred from the text",
    )


# Lines of my own: one ASCII, one accented, one Cyrillic (U+0430-U+044F are ASCII bytes in UTF-16 LE).
_WIDE_LINES = [
    {"title": "Ferry route closed", "text": "The lighthouse keepers walked out on Thursday morning."},
    {"title": "Keepers' union", "text": "Inés Børresen, the union's secretary, spoke at the quay."},
    {"title": "Паромы стоят", "text": "Смотрители маяка на северном мысе начали забастовку в четверг."},
]


def _wide_jsonl(codec: str, bom: bytes = b"", repeat: int = 20) -> bytes:
    lines = "\n".join(json.dumps(obj, ensure_ascii=False) for obj in _WIDE_LINES * repeat) + "\n"
    return bom + lines.encode(codec)


@pytest.mark.parametrize(
    ("name", "codec", "bom", "note"),
    [
        ("news.jsonl", "utf-16-le", b"", ("decoded as UTF-16 LE (a file without a byte-order mark)",)),
        ("news.jsonl.gz", "utf-16-be", b"", ("decoded as UTF-16 BE (a file without a byte-order mark)",)),
        (
            "news-without-extension",
            "utf-16-be",
            b"",
            ("decoded as UTF-16 BE (a file without a byte-order mark)",),
        ),
        ("news.jsonl", "utf-32-le", b"", ("decoded as UTF-32 LE (a file without a byte-order mark)",)),
        ("news.jsonl", "utf-16-le", codecs.BOM_UTF16_LE, ()),
        ("news.ndjson", "utf-32-be", codecs.BOM_UTF32_BE, ()),
    ],
)
def test_a_streamed_utf16_or_utf32_jsonl_is_read_like_a_small_one(
    tmp_path: Path, name: str, codec: str, bom: bytes, note: tuple[str, ...]
) -> None:
    """Read as bytes line by line, a UTF-16 LE line ended inside its newline (``\\n\\x00``) and
    each was guessed alone: the accented lines came out right, the ASCII ones were 'malformed
    JSON' and the Cyrillic ones garbage."""
    data = _wide_jsonl(codec, bom)
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    # far smaller than the file (383 bytes gzipped), larger than a line (198 bytes in UTF-16)
    results = ingest([path], max_bytes=1_000 if "32" in codec else 300)
    assert all(isinstance(r, RawDocument) for r in results), [r for r in results if isinstance(r, Skip)][:3]
    assert [(r.title, r.text) for r in results if isinstance(r, RawDocument)] == [
        (obj["title"], obj["text"]) for obj in _WIDE_LINES * 20
    ]
    assert {r.notes for r in results if isinstance(r, RawDocument)} == {note}
    assert results[0].source == f"{path}:1"


def test_a_streamed_utf16_jsonl_damaged_midway_says_from_which_line_it_was_not_read(tmp_path: Path) -> None:
    data = _wide_jsonl("utf-16-le", repeat=60)
    cut = len(data) * 3 // 4 // 2 * 2  # past the head the encoding is judged on
    path = tmp_path / "news.jsonl"
    path.write_bytes(data[:cut] + "\ud83d".encode("utf-16-le", "surrogatepass") + b"A\x00" + data[cut:])
    results = ingest([path], max_bytes=1_000)
    *read, last = results
    assert read and all(isinstance(r, RawDocument) for r in read)
    assert isinstance(last, Skip) and last.source == f"{path}:{len(read) + 1}"
    assert last.reason == (
        "looks like UTF-16 LE text but does not decode as UTF-16 LE (truncated or damaged); "
        "this line and the rest of the file are not read"
    )


def test_in_a_streamed_utf16_jsonl_the_line_cap_counts_the_files_bytes(tmp_path: Path) -> None:
    big = json.dumps({"title": "Huge", "text": "word " * 300})  # 1,500 characters: 3,000 bytes
    lines = "\n".join(json.dumps(obj) for obj in _WIDE_LINES[:1] * 4) + "\n" + big + "\n"
    path = tmp_path / "news.jsonl"
    path.write_bytes((lines + lines).encode("utf-16-le"))
    results = ingest([path], max_bytes=2_000)
    assert [r.reason for r in results if isinstance(r, Skip)] == ["line larger than max_bytes (2000)"] * 2
    assert sum(isinstance(r, RawDocument) for r in results) == 8
