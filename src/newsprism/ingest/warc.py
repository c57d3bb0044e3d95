"""WARC archives (plain or gzipped) via warcio: every HTML ``response`` record is one article.

warcio writes its warnings ("Record not followed by newline, perhaps Content-Length is invalid")
straight to ``sys.stderr``, which floods the terminal even under ``--quiet``; they are captured
around each call into warcio and become notes on the next article read (the CLI prints notes
unless ``--quiet``), so nothing is lost and nothing is printed behind the user's back.

warcio also ends quietly on a truncated archive (warcio issues 127 and 138): a record whose body
stops short of its ``Content-Length`` reads as a shorter page, and a gzip member cut inside a
record's header ends the iteration as if the archive were complete, so an interrupted download
lost its last records without a word. Both are checked here: a record's block must be read to
its declared length, and the last gzip member must reach its end.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr
from dataclasses import replace
from email.message import Message
from typing import Any, BinaryIO, TypeVar

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..records import RawDocument, Skip
from .html import read_html
from .sniff import looks_like_html

_T = TypeVar("_T")


class _Archive(ArchiveIterator):  # type: ignore[misc]  # warcio is untyped
    """warcio's iterator, noting when it closes whether the archive's last gzip member ended
    (``zlib``'s ``eof``) or the data stopped inside it."""

    cut_short = False

    def close(self) -> None:
        decompressor = self.reader.decompressor if self.reader else None
        self.cut_short = decompressor is not None and not getattr(decompressor, "eof", True)
        super().close()


def _unread(record: Any) -> int:
    """Bytes of ``record``'s block that its ``Content-Length`` promised and the archive lacks,
    once the block has been read to its end (warcio's ``LimitReader`` counts them down)."""
    return int(getattr(record.raw_stream, "limit", 0) or 0)


class _Warnings:
    """What warcio wrote to standard error, collected per call."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def call(self, fn: Callable[..., _T], *args: Any) -> _T:
        buffer = io.StringIO()
        try:
            with redirect_stderr(buffer):
                return fn(*args)
        finally:
            text = " ".join(buffer.getvalue().split())
            if text:
                self.lines.append("warcio: " + text.removeprefix("WARNING: "))

    def take(self) -> tuple[str, ...]:
        lines, self.lines = tuple(self.lines), []
        return lines


def read_warc(source: str, data: bytes | BinaryIO, max_bytes: int) -> Iterator[RawDocument | Skip]:
    """One article per HTML response record (source ``path#record-N``, 1-based over all records);
    ``data`` is the archive's bytes or an open binary file (read record by record)."""
    found = 0
    number = 0
    warnings = _Warnings()
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    last = None  # the record read before the iteration ended, whose block may be cut short
    try:
        archive = warnings.call(_Archive, stream)
        records = iter(archive)
        while (record := warnings.call(next, records, None)) is not None:
            number += 1
            last = record
            if record.rec_type != "response":
                continue
            where = f"{source}#record-{number}"
            payload = warnings.call(record.content_stream().read, max_bytes + 1)
            if len(payload) <= max_bytes and (missing := _unread(record)):
                yield Skip(where, f"malformed WARC: the record is truncated ({missing:,} bytes missing)")
                return
            if not _is_html(record, payload):
                continue
            found += 1
            status = record.http_headers.get_statuscode() if record.http_headers else None
            if status and not status.startswith("2"):
                yield Skip(where, f"HTTP status {status}")
            elif len(payload) > max_bytes:
                yield Skip(where, f"record larger than max_bytes ({max_bytes})")
            else:
                uri = record.rec_headers.get_header("WARC-Target-URI")
                yield _read_record(where, payload, uri, _charset(record), warnings.take())
    # warcio raises ArchiveLoadFailed for most damage, but arbitrary errors (AttributeError on a
    # truncated header, zlib errors, ...) for the rest: all of them mean a malformed archive.
    except Exception as exc:
        after = f" after record {number}" if number else ""
        yield Skip(source, f"malformed WARC{after}: {_why(exc)}")
        return
    if archive.cut_short or (last is not None and _unread(last)):
        yield Skip(source, f"malformed WARC after record {number}: the archive is truncated")
        return
    if found == 0:
        yield Skip(source, "WARC contains no HTML response records")


def _why(exc: Exception) -> str:
    """A reason a user can act on; warcio's internal errors say nothing about the archive."""
    if isinstance(exc, ArchiveLoadFailed):
        return " ".join(str(exc).split()) or "unreadable archive"
    return f"a record's header or body is truncated or damaged ({type(exc).__name__} in warcio)"


def _read_record(
    where: str, payload: bytes, uri: str | None, charset: str | None, notes: tuple[str, ...]
) -> RawDocument | Skip:
    """One record's page; a failure here is this record's, not the archive's."""
    try:
        page = read_html(where, payload, fmt="warc", url=uri, charset=charset)
    except Exception as exc:  # a library failure on one page must not lose the rest of the archive
        return Skip(where, f"unreadable record ({type(exc).__name__}: {exc})")
    if isinstance(page, RawDocument) and notes:
        return replace(page, notes=page.notes + notes)
    return page


def _charset(record: Any) -> str | None:
    """The charset the record's HTTP ``Content-Type`` declares (``None`` when it declares none):
    a page without a ``<meta charset>`` was left to detection although its server named its
    encoding. :func:`~newsprism.ingest.encoding.decode_html` weighs it as it weighs a ``<meta>``."""
    ctype = record.http_headers.get_header("Content-Type") if record.http_headers else None
    if not ctype:
        return None
    header = Message()
    header["Content-Type"] = ctype
    return header.get_content_charset()


def _is_html(record: Any, payload: bytes) -> bool:
    headers = record.http_headers
    ctype = (headers.get_header("Content-Type") if headers else None) or ""
    if ctype:
        return "html" in ctype.lower()
    return looks_like_html(payload)
