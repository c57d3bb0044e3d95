"""Files larger than ``max_bytes`` that hold many records (JSON Lines, WARC) are read record by
record instead of being skipped whole; the byte cap then applies to each record.

A 30 MB JSONL of 5,000 articles is 5,000 small articles, not one oversized input: reading it
whole would need the bytes in memory at once, and refusing it loses every article in it.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from typing import Protocol

from ..records import RawDocument, Skip
from .encoding import decode_text
from .jsonl import read_jsonl_lines
from .sniff import Kind
from .warc import read_warc


def read_streamed(source: str, kind: Kind, gzipped: bool, max_bytes: int) -> Iterator[RawDocument | Skip]:
    """The records of the large file ``source`` (``kind`` one of ``sources.STREAMED``)."""
    if kind == "warc":
        with open(source, "rb") as fh:  # warcio reads gzipped WARCs itself
            yield from read_warc(source, fh, max_bytes)
        return
    with gzip.open(source, "rb") if gzipped else open(source, "rb") as fh:
        yield from read_jsonl_lines(source, _lines(source, fh, max_bytes))


class _Readable(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def _lines(source: str, fh: _Readable, max_bytes: int) -> Iterator[tuple[int, str | Skip]]:
    """Numbered decoded lines; a line over ``max_bytes`` is passed over without being held in
    memory and comes as a Skip."""
    lineno = 0
    while line := fh.readline(max_bytes + 1):
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            yield lineno, Skip(f"{source}:{lineno}", f"line larger than max_bytes ({max_bytes})")
            continue
        decoded = decode_text(line.removeprefix(b"\xef\xbb\xbf") if lineno == 1 else line)
        yield (
            lineno,
            Skip(f"{source}:{lineno}", "undecodable line (no text encoding fits)")
            if decoded is None
            else decoded.text,
        )
