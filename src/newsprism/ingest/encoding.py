"""Bytes to text: BOMs, UTF-16 and UTF-32 without one, UTF-8 (also when a few bytes are damaged),
declared charsets, else charset-normalizer's best guess; and size-capped gzip decompression."""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from dataclasses import dataclass

from charset_normalizer import from_bytes

#: The byte-order marks of UTF-16 and UTF-32 and the codec each introduces (UTF-32 LE's first,
#: as it starts with the same two bytes as UTF-16 LE's).
_WIDE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
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
#: Bytes of a file's start that decide whether it is UTF-16 or UTF-32 (a whole number of units).
WIDE_HEAD = 8192


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and what the user must hear about how it was decoded."""

    text: str
    notes: tuple[str, ...] = ()


class TooLarge(Exception):
    """Decompressed data is larger than the allowed number of bytes."""


@dataclass(frozen=True, slots=True)
class Wide:
    """UTF-16 or UTF-32 in one byte order: ``codec`` is Python's name (``utf-16-le``), ``bom``
    whether the data starts with the byte-order mark."""

    codec: str
    bom: bool

    @property
    def name(self) -> str:
        """How a message names the encoding: ``UTF-16 LE``."""
        return self.codec.upper().replace("-LE", " LE").replace("-BE", " BE")

    @property
    def width(self) -> int:
        """Bytes a unit (an ASCII character) takes: 2 or 4."""
        return 4 if self.codec.startswith("utf-32") else 2

    @property
    def notes(self) -> tuple[str, ...]:
        """What the user must hear: a guessed byte order, never a marked one."""
        return () if self.bom else (f"decoded as {self.name} (a file without a byte-order mark)",)

    @property
    def undecodable(self) -> str:
        """Why data this encoding was recognised in is skipped when it does not decode."""
        how = f"starts with a {self.name} byte-order mark" if self.bom else f"looks like {self.name} text"
        return f"{how} but does not decode as {self.name} (truncated or damaged)"

    def decode(self, data: bytes) -> Decoded | None:
        """``data`` (the whole input, its byte-order mark included) as text; ``None`` when it
        does not decode, or holds a NUL character (no text either)."""
        try:
            text = data.decode(self.codec).removeprefix("\ufeff" if self.bom else "")
        except UnicodeDecodeError:
            return None
        return None if "\x00" in text else Decoded(text, self.notes)


#: charset-normalizer's names of byte-order-less UTF-16 and UTF-32 -> Python's codec.
_WIDE_GUESSES = {
    "utf_16_le": "utf-16-le",
    "utf_16_be": "utf-16-be",
    "utf_32_le": "utf-32-le",
    "utf_32_be": "utf-32-be",
}


def wide_encoding(head: bytes) -> Wide | None:
    """The UTF-16 or UTF-32 encoding that data starting with ``head`` is written in, else ``None``.

    The trap: such data is full of NUL bytes (three in four, for Latin text in UTF-32), so the
    binary check skipped it, and were it let through, its ASCII-range text is valid UTF-8 with a
    NUL after each letter, which UTF-8 would be tried on first. Russian in UTF-16 LE has no NUL
    at all in its letters (U+0430-U+044F are the bytes ``0``-``O`` followed by ``\x04``) and read
    as valid UTF-8 garbage ("010AB>2:0"). So it is recognised here, before anything reads the
    bytes as 8-bit text: by a byte-order mark, else charset-normalizer, asked only about data with
    a NUL byte in its first :data:`WIDE_HEAD` bytes (it tells UTF-16 and UTF-32 from binary and
    from a text with a stray NUL) and only about those bytes, so a large file costs no more than
    a small one. The head is cut to whole units, a character split across its end dropped."""
    marked = _marked(head)
    if marked is not None or b"\x00" not in head[:WIDE_HEAD]:
        return marked
    best = from_bytes(_whole_units(head)).best()
    guessed = _WIDE_GUESSES.get(best.encoding) if best is not None else None
    return Wide(guessed, bom=False) if guessed else None


def _whole_units(head: bytes) -> bytes:
    """``head`` cut to :data:`WIDE_HEAD` bytes and to a multiple of four (whole UTF-16 and UTF-32
    units), and, when the data went on past it, without a UTF-16 high surrogate at its end (in
    either byte order): charset-normalizer turns down UTF-16 or UTF-32 whose last character is
    cut, and a file cut short is then reported as such (:attr:`Wide.undecodable`), not as binary."""
    cut = head[: min(len(head), WIDE_HEAD) // 4 * 4]
    if len(head) > WIDE_HEAD and (0xD8 <= cut[-1] <= 0xDB or 0xD8 <= cut[-2] <= 0xDB):
        cut = cut[:-4]
    return cut


def decode_text(data: bytes) -> Decoded | None:
    """``data`` (not UTF-16 or UTF-32 without a byte-order mark: :func:`wide_encoding` decides
    those first) as text, or ``None`` when no encoding decodes it.

    UTF-8 is tried before detection: valid UTF-8 is almost never anything else, while
    statistical detection on short texts often guesses a legacy code page wrongly. Text that is
    UTF-8 but for a few damaged bytes (a truncated character, one pasted Windows-1252 quote) is
    decoded as UTF-8 with those bytes replaced (:class:`Utf8`): a legacy code page garbles every
    other non-ASCII character of it.
    """
    wide = _marked(data)
    if wide is not None:
        return wide.decode(data)
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            return None
    utf8 = Utf8.of(data)
    return utf8.reading(MIXED_SHARE) or _detected(data)


def _marked(data: bytes) -> Wide | None:
    """The UTF-16 or UTF-32 encoding ``data``'s byte-order mark names, else ``None``."""
    return next((Wide(codec, bom=True) for bom, codec in _WIDE_BOMS if data.startswith(bom)), None)


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


# A run of bytes UTF-8 could not decode, as ``surrogateescape`` keeps them (U+DC80-U+DCFF): no
# decoded UTF-8 holds such a character, since the codec rejects encoded surrogates too.
_ESCAPED = re.compile("[\udc80-\udcff]+")


@dataclass(frozen=True, slots=True)
class Utf8:
    """``data`` decoded as UTF-8 once, with its invalid bytes kept (``surrogateescape``), and the
    counts that decide how to read it: ``good`` non-ASCII characters that are valid, ``bad``
    invalid sequences (each one U+FFFD under ``errors='replace'``).

    The trap: a strict decode to test, a ``replace`` decode to keep and a third to read the rest
    as Windows-1252 were three passes over every byte, and :func:`decode_html` ran them twice on
    a legacy page (before and after its declared charset). Here one decode serves every reading:
    the invalid runs, usually a few bytes, are what is read again."""

    escaped: str
    good: int
    bad: int

    @classmethod
    def of(cls, data: bytes) -> Utf8:
        escaped = data.decode("utf-8", errors="surrogateescape")
        runs = _ESCAPED.findall(escaped)
        invalid = sum(map(len, runs))
        non_ascii = len(escaped) - len(escaped.encode("ascii", "ignore"))  # the escaped bytes too
        bad = sum(_raw(run).decode("utf-8", errors="replace").count("\ufffd") for run in runs)
        return cls(escaped, non_ascii - invalid, bad)

    def reading(self, least: float) -> Decoded | None:
        """The text, by the share of its non-ASCII characters that are valid: all of them, as it
        is; at least :data:`UTF8_SHARE`, the rest replaced by U+FFFD (a few damaged bytes); at
        least ``least`` (:data:`MIXED_SHARE` from :func:`decode_text`), the rest read as
        Windows-1252; else ``None`` (and ``None`` when no non-ASCII character is valid).

        The Windows-1252 reading is for a UTF-8 file with Latin-1 text pasted in: too damaged to
        be damage, such a file went to detection, which either found no code page for it (skipped
        as 'binary or undecodable') or read it in one that turned its UTF-8 half into mojibake
        ("cafÃĐ"). A legacy text's valid share is near zero."""
        if not self.bad:
            return Decoded(self.escaped)
        total = self.good + self.bad
        if self.good <= 0 or self.good < least * total:
            return None
        plural = "byte" if self.bad == 1 else "bytes"
        if self.good >= UTF8_SHARE * total:
            text = _ESCAPED.sub(lambda run: _raw(run[0]).decode("utf-8", errors="replace"), self.escaped)
            return Decoded(text, (f"decoded as UTF-8 with {self.bad} invalid {plural} replaced by U+FFFD",))
        text = _ESCAPED.sub(lambda run: _raw(run[0]).decode("cp1252", errors="replace"), self.escaped)
        return Decoded(
            text, (f"decoded as UTF-8 with {self.bad} {plural} of another encoding read as Windows-1252",)
        )


def _raw(run: str) -> bytes:
    """The bytes a run of ``surrogateescape`` characters stands for."""
    return run.encode("utf-8", errors="surrogateescape")


def mostly_utf8(data: bytes) -> Decoded | None:
    """``data`` decoded as UTF-8 when it is valid UTF-8, or when at least :data:`UTF8_SHARE` of
    its non-ASCII characters are valid UTF-8 (the rest replaced by U+FFFD, with a note saying how
    many bytes); else ``None``. An ASCII text with a stray high byte has no valid multi-byte
    character to go by and is left to the declared charset or detection."""
    return Utf8.of(data).reading(UTF8_SHARE)


#: The codecs a declared charset is not believed for: a page whose bytes :func:`wide_encoding`
#: did not find to be UTF-16 or UTF-32 is not, whatever it says (WHATWG reads a ``<meta>`` of
#: UTF-16 as UTF-8), and decoding its 8-bit bytes in pairs gives CJK-looking garbage.
_WIDE_CODECS = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})


def decode_html(data: bytes, charset: str | None = None) -> Decoded | None:
    """HTML bytes as text: BOM or UTF-16/UTF-32 (:func:`wide_encoding`), (mostly) UTF-8,
    ``charset`` (an HTTP header's) or the ``<meta charset>`` the page declares, else UTF-8 with
    another encoding's bytes pasted in, else detection.

    Hand-written because trafilatura, given bytes, ignores the declared charset and guesses.
    UTF-8 goes before the declared charset: templates declare ``windows-1252`` over UTF-8 text,
    and a few bad bytes in a UTF-8 page must not make the whole page Windows-1252. UTF-16 goes
    before UTF-8: a page from a WARC record is not sniffed as a file is, and a UTF-16 page in
    Cyrillic is valid UTF-8.
    """
    wide = wide_encoding(data)
    if wide is not None:
        return wide.decode(data)
    if data.startswith(codecs.BOM_UTF8):
        return decode_text(data)
    utf8 = Utf8.of(data)
    decoded = utf8.reading(UTF8_SHARE)
    if decoded is not None:
        return decoded
    match = _META_CHARSET.search(data[:4096])
    for declared in (charset, match.group(1).decode("ascii") if match else None):
        decoded = _declared(data, declared)
        if decoded is not None:
            return decoded
    return utf8.reading(MIXED_SHARE) or _detected(data)


def _declared(data: bytes, charset: str | None) -> Decoded | None:
    """``data`` in the declared ``charset``; ``None`` when none is declared, Python knows no such
    codec, it is UTF-16 or UTF-32 (:data:`_WIDE_CODECS`), or the bytes do not decode in it."""
    if not charset:
        return None
    try:
        if codecs.lookup(charset).name in _WIDE_CODECS:
            return None
        return Decoded(data.decode(charset))
    except (LookupError, UnicodeDecodeError):
        return None


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
