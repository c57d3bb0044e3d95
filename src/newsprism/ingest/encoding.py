"""Bytes to text: BOMs, UTF-8, declared HTML charsets, else charset-normalizer's best guess;
and size-capped gzip decompression."""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib

from charset_normalizer import from_bytes

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class TooLarge(Exception):
    """Decompressed data is larger than the allowed number of bytes."""


def decode_text(data: bytes) -> str | None:
    """``data`` as text, or ``None`` when no encoding decodes it.

    Strict UTF-8 is tried before detection: valid UTF-8 is almost never anything else, while
    statistical detection on short texts often guesses a legacy code page wrongly.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    return None if best is None else str(best)


def decode_html(data: bytes) -> str | None:
    """HTML bytes as text: BOM, valid UTF-8, the ``<meta charset>`` the page declares, else detection.

    Hand-written because trafilatura, given bytes, ignores the declared charset and guesses.
    """
    if data.startswith(tuple(bom for bom, _ in _BOMS)):
        return decode_text(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:4096])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip ``data``; raise :class:`TooLarge` past ``limit`` bytes (a zip-bomb guard),
    ``OSError``/``EOFError``/``zlib.error`` when the data is corrupt."""
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
        out = fh.read(limit + 1)
    if len(out) > limit:
        raise TooLarge(f"decompressed data larger than max_bytes ({limit})")
    return out


def gunzip_head(data: bytes, size: int = 64) -> bytes:
    """The first ``size`` decompressed bytes of gzip ``data`` (empty when it is corrupt)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            return fh.read(size)
    except (OSError, EOFError, zlib.error):
        return b""
