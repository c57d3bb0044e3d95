"""HTML pages: main text and metadata with trafilatura, publication date with htmldate.

:func:`extract_html` is the one extraction function of the product; the HTML, JSONL and WARC
readers and the extraction quality gate (``quality.gates.extraction``) all call it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import trafilatura
from trafilatura.settings import Document
from trafilatura.utils import load_html

from ..clean import phrases
from ..records import RawDocument, Skip
from .dates import iso_date
from .encoding import Decoded, decode_html
from .text import split_outlet

# Chosen on ../shared/eval/extraction-aeb (run `python -m quality.gates extraction`):
# favor_precision lifts F1 from .960 (default, no comments) to .964; favor_recall (.959),
# include_tables=False (.957), fast=True (.946) and deduplicate=True (.961) score lower.
EXTRACT_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "with_metadata": True,
    # trafilatura hands these to htmldate.find_date. extensive_search=False keeps to the page's
    # markup (meta tags, JSON-LD, <time>, URL): a date merely mentioned in the text is not the
    # publication date, and the timex stage infers one, flagged as inferred, when none is found.
    "date_extraction_params": {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%d"},
}

# Shorter than this (in :func:`text_length` words) is a menu or an error page, not an article.
MIN_WORDS = 8
# The precision-favouring extraction drops whole blocks it takes for boilerplate, and on some
# layouts that is the article (a long story returned as its print-header notice, a page whose
# text is only in its JSON-LD returned as "Loading"). When it keeps less than this share of what
# the recall-oriented extraction finds, the recall-oriented one is taken instead. Precision
# normally costs a page at most about two fifths of its text (comments, related links).
FALLBACK_SHARE = 1 / 3
RECALL_OPTIONS: dict[str, Any] = {**EXTRACT_OPTIONS, "favor_precision": False, "favor_recall": True}
# Scripts written without spaces between words (Han, kana, Thai, Lao, Myanmar, Khmer): their
# characters are counted instead, CHARS_PER_WORD to a word (a Chinese word averages under two).
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff66-\uff9f\U00020000-\U0002fa1f]"
)
CHARS_PER_WORD = 2

_CANONICAL = "//link[@rel='canonical']/@href|//meta[@property='og:url']/@content"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_LANG = re.compile(r"[A-Za-z]{2,3}")
# Class or id words of the elements that hold a photo's caption or credit, or a hover card's
# text: "caption", "wp-caption-text", "image-credit", "author-hovercard", "tooltip-content".
_ASIDE_CLASS = re.compile(r"caption|credit|hovercard|hover-card|tooltip|popover", re.IGNORECASE)
# A caption is short; a longer element with such a class is a container ("has-caption" on the
# article itself) and keeps its text.
ASIDE_MAX_WORDS = 60
# A body line that is a photo credit: "Photo: ...", "(Image by ...)", "... /Getty Images".
_CREDIT_END = re.compile(
    r"((/|\b(photo|image|picture)s?:? .{0,80})(getty images|afp|reuters|epa)|\((ap|afp|reuters) photo/.{1,40})\)?\.?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What :func:`extract_html` found in one page."""

    text: str
    title: str = ""
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    notes: tuple[str, ...] = ()  # how the page was decoded, when the user must hear it

    def document(
        self,
        source: str,
        fmt: str,
        *,
        known: RawDocument | None = None,
        fallback_url: str | None = None,
        notes: tuple[str, ...] = (),
    ) -> RawDocument:
        """The article this page holds. Precedence, field by field: a non-empty field of ``known``
        (metadata the caller already has, e.g. a JSON object's own fields) wins over the page's;
        ``fallback_url`` is used only when neither names a URL (the page's canonical URL beats the
        address it was fetched from)."""
        given = known or RawDocument(source, "", fmt)
        return RawDocument(
            source=source,
            text=self.text,
            fmt=fmt,
            title=given.title or self.title,
            outlet=given.outlet or self.outlet,
            url=given.url or self.url or fallback_url,
            published=given.published or self.published,
            language=given.language or self.language,
            needs_cleaning=False,  # trafilatura has already removed the page's boilerplate
            notes=self.notes + notes,
        )


def extract_html(html: bytes | str, charset: str | None = None) -> HtmlPage | None:
    """Main text and metadata of an HTML page, or ``None`` when it has no extractable main text;
    ``charset`` is the one its HTTP headers declare, if any."""
    decoded = decode_html(html, charset) if isinstance(html, bytes) else Decoded(html)
    if decoded is None or not decoded.text.strip():
        return None
    tree = load_html(decoded.text)
    if tree is None:
        return None
    _drop_asides(tree)
    doc = _extract(tree)
    if doc is None:
        return None
    body = _drop_credit_lines(doc.text or "").strip()
    if text_length(body) < MIN_WORDS:
        return None
    outlet = _clean(doc.sitename)
    title = _clean(doc.title) or ""
    head, suffix = split_outlet(title)
    if suffix and (outlet is None or suffix.lower() == outlet.lower()):
        title, outlet = head, outlet or suffix
    return HtmlPage(
        text=_drop_repeated_title(body, title),
        title=title,
        outlet=outlet,
        url=_canonical_url(tree, _clean(doc.url)),
        published=iso_date(doc.date),
        language=_language(tree.get("lang") or tree.get(_XML_LANG)),
        notes=decoded.notes,
    )


def text_length(text: str) -> int:
    """The length of ``text`` in words: whitespace-separated words, and for scripts written
    without spaces, their characters (:data:`CHARS_PER_WORD` to a word). Counting only
    whitespace-separated words made a Chinese or Japanese article one or two "words" long, and
    the page was dropped as a menu."""
    unspaced = len(_UNSPACED.findall(text))
    return len(_UNSPACED.sub(" ", text).split()) + unspaced // CHARS_PER_WORD


def _extract(tree: Any) -> Document | None:
    """trafilatura's precision-favouring extraction, or the recall-oriented one when the precise
    one lost most of the text (kept less than :data:`FALLBACK_SHARE` of it, or too little to be
    an article). The second extraction runs only when the precise text is that short against the
    page's paragraph text or too short outright (4 of 181 pages on the extraction benchmark), so
    most pages are extracted once. Both copy the tree before pruning it."""
    precise = trafilatura.bare_extraction(tree, **EXTRACT_OPTIONS)
    kept = len(precise.text or "") if isinstance(precise, Document) else 0
    short = kept < FALLBACK_SHARE * _paragraph_chars(tree)
    if not short and isinstance(precise, Document) and text_length(precise.text or "") >= MIN_WORDS:
        return precise
    fuller = trafilatura.bare_extraction(tree, **RECALL_OPTIONS)
    if isinstance(fuller, Document) and kept < FALLBACK_SHARE * len(fuller.text or ""):
        return fuller
    return precise if isinstance(precise, Document) else None


def _paragraph_chars(tree: Any) -> int:
    """Characters of text in the page's ``<p>`` elements (whitespace runs counted as one)."""
    return sum(len(" ".join(p.text_content().split())) for p in tree.iter("p"))


def read_html(
    source: str, data: bytes | str, fmt: str = "html", url: str | None = None, charset: str | None = None
) -> RawDocument | Skip:
    """One article from an HTML page; ``url`` is used when the page names no canonical URL,
    ``charset`` is the one its HTTP headers declare."""
    page = extract_html(data, charset)
    if page is None:
        return Skip(source, "no main text found in the HTML page")
    return page.document(source, fmt, fallback_url=url)


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one line per paragraph."""
    wrapped = f"<html><body>{html}</body></html>"
    extracted = trafilatura.extract(wrapped, favor_recall=True, include_comments=False)
    if extracted:
        return str(extracted)
    root = load_html(wrapped)
    return "" if root is None else " ".join(str(root.text_content()).split())


def _drop_asides(tree: Any) -> None:
    """Remove ``<figcaption>`` and short elements classed as captions, credits, hover cards or
    tooltips, keeping the text that follows them (their tail). trafilatura keeps some of them
    (a caption ``<span>`` inside a ``<p>``, a hover card's biography), and from the text they
    reached the summary as if the article said them."""
    for element in list(tree.iter()):
        if not isinstance(element.tag, str):
            continue
        named = f"{element.get('class') or ''} {element.get('id') or ''}"
        if element.tag != "figcaption" and not _ASIDE_CLASS.search(named):
            continue
        if element.tag != "figcaption" and len(element.text_content().split()) > ASIDE_MAX_WORDS:
            continue
        if element.getparent() is not None:
            element.drop_tree()


def _drop_credit_lines(body: str) -> str:
    """``body`` without lines that are photo credits ("Photo: Lena Marsh/Getty Images") or
    labelled captions ("Image caption ..."), the same rules the plain-text cleaner applies, and
    caption lines ending in an agency credit."""
    lines = body.split("\n")
    kept = [line for line in lines if not _is_credit(line)]
    return "\n".join(kept) if len(kept) < len(lines) else body


def _is_credit(line: str) -> bool:
    rule = phrases.match(line)
    if rule is not None and rule.reason in ("image credit", "image caption"):
        return True
    return len(line) <= 300 and _CREDIT_END.search(line.strip()) is not None


def _drop_repeated_title(body: str, title: str) -> str:
    """``body`` without a first line that repeats the headline (the title is its own field; on the
    extraction benchmark this lifts F1 from .964 to .966)."""
    first, newline, rest = body.partition("\n")
    if newline and rest.strip() and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest.lstrip("\n")
    return body


def _clean(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _canonical_url(tree: Any, found: str | None) -> str | None:
    """``<link rel=canonical>`` or ``og:url`` (made absolute against trafilatura's URL), else that URL."""
    for href in tree.xpath(_CANONICAL):
        href = str(href).strip()
        if href.startswith(("http://", "https://")):
            return href
        if href and found:
            return urljoin(found, href)
    return found


def _language(value: str | None) -> str | None:
    """The primary subtag of an ``<html lang>`` value, lower-cased (``en-GB`` -> ``en``)."""
    if not value:
        return None
    primary = value.strip().split("-")[0].split("_")[0]
    return primary.lower() if _LANG.fullmatch(primary) else None
