"""Read sources of any common kind into :class:`~newsprism.records.RawDocument` records.

One module per source kind (text, html, jsonl, warc, feed); :func:`iter_documents` walks files,
folders (recursively) and ``-`` (standard input), sniffs each input's kind, and yields a
``RawDocument`` for every article found or a :class:`~newsprism.records.Skip` with a one-line
reason, never raising for a bad input.
"""

from __future__ import annotations

import codecs
import zlib
from collections.abc import Iterator, Sequence

from ..config import Settings
from ..records import RawDocument, Skip, noted
from .encoding import TooLarge, decode_text, gunzip, gunzip_head, wide_encoding
from .feed import read_feed
from .html import extract_html, read_html
from .jsonl import read_json, read_jsonl
from .sniff import GZIP_MAGIC, Kind, binary_format, binary_reason, kind_from_name, looks_like_html, sniff_kind
from .sources import Input, iter_inputs
from .stream import read_streamed
from .text import read_text, split_outlet
from .warc import read_warc

__all__ = ["extract_html", "iter_documents", "split_outlet"]

MAX_REASON_CHARS = 240


def iter_documents(paths: Sequence[str], settings: Settings) -> Iterator[RawDocument | Skip]:
    """Every article in ``paths`` (files, folders, ``-``), or a Skip for each unusable input."""
    for item in iter_inputs(paths, settings.max_bytes):
        if isinstance(item, Skip):
            yield _one_line(item)
            continue
        try:
            for result in read_input(item, settings.max_bytes):
                yield _one_line(result) if isinstance(result, Skip) else result
        # Deliberately broad: a bug or library failure on one input must not stop the others,
        # and the user sees a one-line reason instead of a traceback.
        except Exception as exc:
            yield _one_line(Skip(item.source, f"unreadable input ({type(exc).__name__}: {exc})"))


def read_input(item: Input, max_bytes: int) -> Iterator[RawDocument | Skip]:
    """The articles in one input's bytes, its kind taken from its name and its content."""
    source, data = item.source, item.data
    if item.streamed is not None:
        yield from read_streamed(source, item.streamed, item.gzipped, max_bytes)
        return
    if not data:
        yield Skip(source, "empty file (0 bytes)")
        return
    named, _ = kind_from_name(item.name) if item.name else (None, False)
    if data.startswith(GZIP_MAGIC):
        if named == "warc" or (named is None and gunzip_head(data).lstrip().startswith(b"WARC/")):
            yield from read_warc(source, data, max_bytes)  # warcio reads gzipped WARCs itself
            return
        try:
            data = gunzip(data, max_bytes)
        except TooLarge as exc:
            yield Skip(source, str(exc))
            return
        except (OSError, EOFError, zlib.error) as exc:
            yield Skip(source, f"corrupt gzip data: {exc}")
            return
        if not data:
            yield Skip(source, "empty file (0 bytes after decompression)")
            return
    kind = _kind(named, data)
    if kind == "warc":
        yield from read_warc(source, data, max_bytes)
        return
    wide = None if binary_format(data) else wide_encoding(data)  # an image is asked nothing
    if wide is None:
        yield from _read_bytes(source, kind, data)
        return
    decoded = wide.decode(data)
    if decoded is None:
        yield Skip(source, wide.undecodable)
        return
    # Transcoded to UTF-8 (with its BOM, so an XML declaration of UTF-16 does not mislead the feed
    # reader), the kind judged again from the text: the sniffer and the readers read bytes as
    # 8-bit text, and a NUL after every letter hid the kind and read as binary.
    data = codecs.BOM_UTF8 + decoded.text.encode("utf-8")
    for result in _read_bytes(source, _kind(named, data), data):
        yield noted(result, decoded.notes)


def _read_bytes(source: str, kind: Kind, data: bytes) -> Iterator[RawDocument | Skip]:
    """The articles in ``data`` (not a WARC, any UTF-16 or UTF-32 already transcoded) read as
    ``kind``, or why it is skipped."""
    reason = binary_reason(data)
    if reason:
        yield Skip(source, reason)
        return
    if kind in ("html", "feed"):
        if not data.strip():
            yield Skip(source, "file contains only whitespace")
        elif kind == "html":
            yield read_html(source, data)
        else:
            yield from read_feed(source, data)
        return
    decoded = decode_text(data)
    if decoded is None:
        yield Skip(source, "binary or undecodable file (no text encoding fits)")
    elif not decoded.text.strip():
        yield Skip(source, "file contains only whitespace")
    else:
        for result in _read_decoded(source, kind, decoded.text):
            yield noted(result, decoded.notes)


def _read_decoded(source: str, kind: Kind, content: str) -> Iterator[RawDocument | Skip]:
    if kind == "jsonl":
        yield from read_jsonl(source, content)
    elif kind == "json":
        yield from read_json(source, content)
    else:
        yield read_text(source, content)


def _kind(named: Kind | None, data: bytes) -> Kind:
    """The name's kind, except that a ``.txt`` holding a whole HTML page is read as HTML."""
    if named is None:
        return sniff_kind(data)
    if named == "text" and looks_like_html(data) and data.lstrip()[:1] == b"<":
        return "html"
    return named


def _one_line(skip: Skip) -> Skip:
    """``skip`` with its reason collapsed onto one line and shortened to a readable length."""
    reason = " ".join(skip.reason.split()) or "unusable input"
    if len(reason) > MAX_REASON_CHARS:
        reason = reason[: MAX_REASON_CHARS - 1] + "…"
    return Skip(skip.source, reason)
