"""Bytes to text: BOMs, UTF-8 (also when a few bytes are damaged), declared HTML charsets, else
charset-normalizer's best guess; and size-capped gzip decompression."""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from dataclasses import dataclass

from charset_normalizer import from_bytes

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


# Least share of a text's non-ASCII characters that must decode as UTF-8 for the few invalid bytes
# to be taken as damage rather than as a legacy code page: a Windows-1252 or Latin-1 text almost
# never forms a valid multi-byte sequence ("é" followed by a letter is invalid UTF-8), so
# its share is near zero.
UTF8_SHARE = 0.9
_REPLACEMENT = "\ufffd"


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and what the user must hear about how it was decoded."""

    text: str
    notes: tuple[str, ...] = ()


class TooLarge(Exception):
    """Decompressed data is larger than the allowed number of bytes."""


def decode_text(data: bytes) -> Decoded | None:
    """``data`` as text, or ``None`` when no encoding decodes it.

    UTF-8 is tried before detection: valid UTF-8 is almost never anything else, while
    statistical detection on short texts often guesses a legacy code page wrongly. Text that is
    UTF-8 but for a few damaged bytes (a truncated character, one pasted Windows-1252 quote) is
    decoded as UTF-8 with those bytes replaced (:func:`mostly_utf8`): a legacy code page garbles
    every other non-ASCII character of it.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(name))
            except UnicodeDecodeError:
                return None
    decoded = mostly_utf8(data)
    if decoded is not None:
        return decoded
    best = from_bytes(data).best()
    return None if best is None else Decoded(str(best))


def mostly_utf8(data: bytes) -> Decoded | None:
    """``data`` decoded as UTF-8 when it is valid UTF-8, or when at least :data:`UTF8_SHARE` of
    its non-ASCII characters are valid UTF-8 (the rest replaced by U+FFFD, with a note saying how
    many bytes); else ``None``. An ASCII text with a stray high byte has no valid multi-byte
    character to go by and is left to the declared charset or detection."""
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode("utf-8"))
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    good = non_ascii - bad
    if good <= 0 or good < UTF8_SHARE * non_ascii:
        return None
    plural = "byte" if bad == 1 else "bytes"
    return Decoded(text, (f"decoded as UTF-8 with {bad} invalid {plural} replaced by U+FFFD",))


def decode_html(data: bytes) -> Decoded | None:
    """HTML bytes as text: BOM, (mostly) UTF-8, the ``<meta charset>`` the page declares, else
    detection.

    Hand-written because trafilatura, given bytes, ignores the declared charset and guesses.
    UTF-8 goes before the declared charset: templates declare ``windows-1252`` over UTF-8 text,
    and a few bad bytes in a UTF-8 page must not make the whole page Windows-1252.
    """
    if data.startswith(tuple(bom for bom, _ in _BOMS)):
        return decode_text(data)
    decoded = mostly_utf8(data)
    if decoded is not None:
        return decoded
    match = _META_CHARSET.search(data[:4096])
    if match:
        try:
            return Decoded(data.decode(match.group(1).decode("ascii")))
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
