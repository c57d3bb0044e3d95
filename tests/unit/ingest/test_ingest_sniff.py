"""Kind detection from file names and content, and binary detection."""

from __future__ import annotations

import pytest

from newsprism.ingest.sniff import binary_reason, kind_from_name, sniff_kind


@pytest.mark.parametrize(
    ("name", "kind", "gz"),
    [
        ("a/story.txt", "text", False),
        ("notes.MD", "text", False),
        ("page.htm", "html", False),
        ("page.html.gz", "html", True),
        ("dump.ndjson", "jsonl", False),
        ("crawl.warc.gz", "warc", True),
        ("news.atom", "feed", False),
        ("news.xml", "feed", False),
        ("v1.2/README", None, False),
        ("archive.tar.gz", None, True),
    ],
)
def test_the_extension_announces_the_kind(name: str, kind: str | None, gz: bool) -> None:
    assert kind_from_name(name) == (kind, gz)


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'\n  {"title": "x", "text": "y"}\n', "jsonl"),
        (b'[{"title": "x"}]', "json"),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        (b"\xef\xbb\xbf<html lang='en'>", "html"),
        (b"<div><p>fragment</p></div>", "html"),
        (b'<?xml version="1.0"?>\n<!-- <body> in a comment -->\n<rss version="2.0">', "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', "html"),
        (b"Headline of a story\n\nBody text.", "text"),
    ],
)
def test_content_reveals_the_kind(head: bytes, kind: str) -> None:
    assert sniff_kind(head) == kind


@pytest.mark.parametrize(
    ("data", "word"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a\x01\x00", "GIF"),
        (b"%PDF-1.7\n", "PDF"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image"),
        (b"text\x00with a NUL", "NUL"),
    ],
)
def test_binary_data_is_recognised(data: bytes, word: str) -> None:
    reason = binary_reason(data)
    assert reason is not None and word in reason


@pytest.mark.parametrize(
    "data",
    [b"Plain headline\n\nbody", "UTF-16 text".encode("utf-16"), "Café".encode("cp1252")],
)
def test_text_is_not_binary(data: bytes) -> None:
    assert binary_reason(data) is None
