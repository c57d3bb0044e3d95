"""Bytes to text: BOMs, UTF-16 without one, UTF-8 (also when a few bytes are damaged), declared
HTML charsets, else charset-normalizer's best guess; and size-capped gzip decompression."""

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
# Least such share for a text to be UTF-8 with a legacy code page's bytes pasted in (below
# UTF8_SHARE those bytes are too many to be damage, and are read as Windows-1252).
MIXED_SHARE = 0.5
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
    decoded = _utf8(data, MIXED_SHARE)
    return decoded if decoded is not None else _detected(data)


#: charset-normalizer's names of UTF-16 without a byte-order mark -> how a note names them.
_UTF16 = {"utf_16_le": "UTF-16 LE", "utf_16_be": "UTF-16 BE"}


def utf16_without_bom(data: bytes) -> Decoded | None:
    """``data`` as UTF-16 text that has no byte-order mark (LE or BE), with a note; else ``None``.

    The trap: such a file is full of NUL bytes (every other byte, for Latin text), so the binary
    check skipped it, and were it let through, its ASCII-range text is valid UTF-8 with a NUL
    after each letter, which UTF-8 would be tried on first. So it is recognised here, before
    anything reads the bytes as an 8-bit text. charset-normalizer tells UTF-16 from binary and
    from a text with a stray NUL (which it reads as UTF-8, not UTF-16); only data with a NUL byte
    near its start and no byte-order mark is asked, so other files cost nothing."""
    if b"\x00" not in data[:8192] or data.startswith(tuple(bom for bom, _ in _BOMS)):
        return None
    best = from_bytes(data).best()
    if best is None or best.encoding not in _UTF16:
        return None
    text = str(best)
    if "\x00" in text:  # a NUL character is no text either
        return None
    return Decoded(text, (f"decoded as {_UTF16[best.encoding]} (a file without a byte-order mark)",))


#: The code page a tie among charset-normalizer's guesses goes to: WHATWG's encoding standard
#: reads every Latin-1 label as Windows-1252, the most used legacy encoding of Western text.
_TIE_WINNER = "cp1252"


def _detected(data: bytes) -> Decoded | None:
    """charset-normalizer's best guess, or ``None``. On a short Western text its best is often one
    of several code pages it scores exactly alike, chosen by name: a Latin-1 file with "Nuñez"
    read as Windows-1250 gave "Nuńez", a name garbled in every quote attributed to it. Among
    guesses tied with the best (chaos and coherence equal) Windows-1252 wins."""
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.encoding == _TIE_WINNER and match.chaos == best.chaos and match.coherence == best.coherence:
            return Decoded(str(match))
    return Decoded(str(best))


def _as_cp1252(exc: UnicodeError) -> tuple[str, int]:
    """A codec error handler: the bytes UTF-8 cannot decode, read as Windows-1252 (its five
    unassigned bytes as U+FFFD)."""
    assert isinstance(exc, UnicodeDecodeError)
    return exc.object[exc.start : exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error("newsprism-cp1252", _as_cp1252)


def mostly_utf8(data: bytes) -> Decoded | None:
    """``data`` decoded as UTF-8 when it is valid UTF-8, or when at least :data:`UTF8_SHARE` of
    its non-ASCII characters are valid UTF-8 (the rest replaced by U+FFFD, with a note saying how
    many bytes); else ``None``. An ASCII text with a stray high byte has no valid multi-byte
    character to go by and is left to the declared charset or detection."""
    return _utf8(data, UTF8_SHARE)


def _utf8(data: bytes, least: float) -> Decoded | None:
    """``data`` as UTF-8, decoded once, by the share of its non-ASCII characters that are valid:
    all of them, the text; at least :data:`UTF8_SHARE`, the rest replaced by U+FFFD (a few
    damaged bytes); at least ``least`` (:data:`MIXED_SHARE` from :func:`decode_text`), the rest
    read as Windows-1252; else ``None`` (and ``None`` when no non-ASCII character is valid).

    The Windows-1252 reading is for a UTF-8 file with Latin-1 text pasted in: too damaged to be
    damage, such a file went to detection, which either found no code page for it (skipped as
    'binary or undecodable') or read it in one that turned its UTF-8 half into mojibake
    ("cafÃĐ"). A legacy text's valid share is near zero."""
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode("utf-8"))
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    good = non_ascii - bad
    if good <= 0 or good < least * non_ascii:
        return None
    plural = "byte" if bad == 1 else "bytes"
    if good >= UTF8_SHARE * non_ascii:
        return Decoded(text, (f"decoded as UTF-8 with {bad} invalid {plural} replaced by U+FFFD",))
    return Decoded(
        data.decode("utf-8", errors="newsprism-cp1252"),
        (f"decoded as UTF-8 with {bad} {plural} of another encoding read as Windows-1252",),
    )


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
