"""WARC archives (plain or gzipped) via warcio: every HTML ``response`` record is one article."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from ..records import RawDocument, Skip
from .html import read_html
from .sniff import looks_like_html


def read_warc(source: str, data: bytes, max_bytes: int) -> Iterator[RawDocument | Skip]:
    """One article per HTML response record (source ``path#record-N``, 1-based over all records)."""
    found = 0
    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(io.BytesIO(data)), start=1):
            if record.rec_type != "response":
                continue
            where = f"{source}#record-{number}"
            payload = record.content_stream().read(max_bytes + 1)
            if not _is_html(record, payload):
                continue
            found += 1
            status = record.http_headers.get_statuscode() if record.http_headers else None
            if status and not status.startswith("2"):
                yield Skip(where, f"HTTP status {status}")
            elif len(payload) > max_bytes:
                yield Skip(where, f"record larger than max_bytes ({max_bytes})")
            else:
                yield _read_record(where, payload, record.rec_headers.get_header("WARC-Target-URI"))
    # warcio raises ArchiveLoadFailed for most damage, but arbitrary errors (AttributeError on a
    # truncated header, zlib errors, ...) for the rest: all of them mean a malformed archive.
    except Exception as exc:
        after = f" after record {number}" if number else ""
        yield Skip(source, f"malformed WARC{after}: {exc or type(exc).__name__}")
        return
    if found == 0:
        yield Skip(source, "WARC contains no HTML response records")


def _read_record(where: str, payload: bytes, uri: str | None) -> RawDocument | Skip:
    """One record's page; a failure here is this record's, not the archive's."""
    try:
        return read_html(where, payload, fmt="warc", url=uri)
    except Exception as exc:  # a library failure on one page must not lose the rest of the archive
        return Skip(where, f"unreadable record ({type(exc).__name__}: {exc})")


def _is_html(record: Any, payload: bytes) -> bool:
    headers = record.http_headers
    ctype = (headers.get_header("Content-Type") if headers else None) or ""
    if ctype:
        return "html" in ctype.lower()
    return looks_like_html(payload)
