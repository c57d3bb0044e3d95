"""Decide what kind of source an input is, from its name and from its first bytes."""

from __future__ import annotations

import codecs
import re
from typing import Literal

Kind = Literal["text", "html", "jsonl", "json", "warc", "feed"]

GZIP_MAGIC = b"\x1f\x8b"

_BY_SUFFIX: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}

# Magic numbers of common binary formats that end up in news folders by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x7fELF", "executable"),
)

# The first start tag, after any <?xml ...?>, <!DOCTYPE ...> and <!-- comments -->.
_FIRST_ELEMENT = re.compile(rb"<([a-z][\w:.-]*)")
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)

_UNICODE_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def kind_from_name(name: str) -> tuple[Kind | None, bool]:
    """The kind a file name announces (``None`` when unknown) and whether it ends in ``.gz``."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[: -len(".gz")]
    dot = lower.rfind(".")
    suffix = lower[dot:] if dot > lower.rfind("/") else ""
    return _BY_SUFFIX.get(suffix), gz


def binary_format(data: bytes) -> str | None:
    """The binary format ``data`` starts like (an image, a PDF, an archive), else ``None``."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if data[4:12] in (b"ftypavif", b"ftypheic") or (data.startswith(b"RIFF") and data[8:12] == b"WEBP"):
        return "image"
    return None


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is binary rather than text (``None`` when it looks like text).

    NUL bytes mean binary only once UTF-16 and UTF-32 have been read as such
    (:func:`~newsprism.ingest.encoding.wide_encoding`, which :func:`~newsprism.ingest.read_input`
    runs first): a UTF-16 text has a NUL in every other byte, and was skipped here as binary."""
    known = binary_format(data)
    if known:
        return f"binary file ({known})"
    # UTF-16/32 text with a BOM legitimately contains NUL bytes (without one it was read first).
    if b"\x00" in data[:8192] and not data.startswith((*_UNICODE_BOMS, codecs.BOM_UTF32_BE)):
        return "binary file (contains NUL bytes and is not UTF-16 or UTF-32 text)"
    return None


def sniff_kind(data: bytes) -> Kind:
    """The kind of ``data`` (already decompressed) judged from its first bytes."""
    head = data[:4096]
    for bom in _UNICODE_BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    head = head.lstrip().lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"<"):
        root = _FIRST_ELEMENT.search(_COMMENT.sub(b"", head))
        name = root.group(1) if root else b""
        if name in (b"rss", b"feed", b"rdf:rdf"):
            return "feed"
        if name != b"html" and head.startswith(b"<?xml"):
            return "feed"  # other XML: the feed reader says it is not a feed
        return "html"
    return "text"


def looks_like_html(data: bytes) -> bool:
    """Whether ``data`` starts like an HTML page (a doctype or an ``<html>``/``<head>``/``<body>``)."""
    head = data[:4096].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    return head.startswith((b"<!doctype html", b"<html")) or b"<head" in head or b"<body" in head
