"""Files larger than ``max_bytes`` that hold many records (JSON Lines, WARC) are read record by
record instead of being skipped whole; the byte cap then applies to each record.

A 30 MB JSONL of 5,000 articles is 5,000 small articles, not one oversized input: reading it
whole would need the bytes in memory at once, and refusing it loses every article in it.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from typing import IO, Protocol, TypeVar

from ..records import RawDocument, Skip, noted
from .encoding import WIDE_HEAD, Wide, decode_text, wide_encoding
from .jsonl import read_jsonl_lines
from .sniff import Kind, binary_reason
from .warc import read_warc

_S = TypeVar("_S", str, bytes)
_S_co = TypeVar("_S_co", str, bytes, covariant=True)


def read_streamed(source: str, kind: Kind, gzipped: bool, max_bytes: int) -> Iterator[RawDocument | Skip]:
    """The records of the large file ``source`` (``kind`` one of ``sources.STREAMED``)."""
    if kind == "warc":
        with open(source, "rb") as fh:  # warcio reads gzipped WARCs itself
            yield from read_warc(source, fh, max_bytes)
        return
    with gzip.open(source, "rb") if gzipped else open(source, "rb") as fh:
        head = fh.read(WIDE_HEAD + 4)
        fh.seek(0)
        wide = wide_encoding(head)
        reason = binary_reason(head) if wide is None else None
        if reason:  # as a small file's: one reason, not a "malformed JSON" for each line
            yield Skip(source, reason)
            return
        if wide is None:
            yield from read_jsonl_lines(source, _lines(source, fh, max_bytes))
            return
        with io.TextIOWrapper(fh, encoding=wide.codec, newline="\n") as text:
            for result in read_jsonl_lines(source, _wide_lines(source, text, wide, max_bytes)):
                yield noted(result, wide.notes)


class _Readable(Protocol[_S_co]):
    def readline(self, size: int = -1, /) -> _S_co: ...


def _capped(fh: _Readable[_S], limit: int, newline: _S) -> Iterator[_S | None]:
    """Each line of ``fh``, or ``None`` for a line longer than ``limit``, passed over without
    being held in memory."""
    while line := fh.readline(limit + 1):
        if len(line) > limit and not line.endswith(newline):
            while line and not line.endswith(newline):
                line = fh.readline(1 << 20)
            yield None
        else:
            yield line


def _lines(source: str, fh: _Readable[bytes], max_bytes: int) -> Iterator[tuple[int, str | Skip]]:
    """Numbered decoded lines of an 8-bit file; a line over ``max_bytes`` comes as a Skip."""
    for lineno, line in enumerate(_capped(fh, max_bytes, b"\n"), start=1):
        if line is None:
            yield lineno, Skip(f"{source}:{lineno}", f"line larger than max_bytes ({max_bytes})")
            continue
        decoded = decode_text(line.removeprefix(b"\xef\xbb\xbf") if lineno == 1 else line)
        yield (
            lineno,
            Skip(f"{source}:{lineno}", "undecodable line (no text encoding fits)")
            if decoded is None
            else decoded.text,
        )


def _wide_lines(source: str, text: IO[str], wide: Wide, max_bytes: int) -> Iterator[tuple[int, str | Skip]]:
    """Numbered lines of a UTF-16 or UTF-32 file, decoded as the file is read.

    The trap: read as bytes line by line, a UTF-16 LE line ends inside its newline (``\\n\\x00``),
    so the next begins with a NUL, and each line was guessed on its own: lines with an accented
    letter came out right, ASCII ones became 'malformed JSON' and Cyrillic ones garbage. The cap
    is ``max_bytes`` over the width of a character (2 or 4 bytes). A file that stops decoding
    (damaged, or cut inside a character) is read up to the lines before it, and the rest is one
    Skip saying from which line on it was not read."""
    lineno = 0
    limit = max(1, max_bytes // wide.width)
    try:
        for lineno, line in enumerate(_capped(text, limit, "\n"), start=1):
            if line is None:
                yield lineno, Skip(f"{source}:{lineno}", f"line larger than max_bytes ({max_bytes})")
            else:
                yield lineno, line.removeprefix("\ufeff") if lineno == 1 else line
    except UnicodeDecodeError:
        where = f"{source}:{lineno + 1}"
        yield lineno + 1, Skip(where, f"{wide.undecodable}; this line and the rest of the file are not read")
