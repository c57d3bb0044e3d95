"""The entry URLs a polled source lists: an RSS or Atom feed (feedparser), a sitemap, a news
sitemap (``<urlset>`` with ``news:`` extensions: still ``<url><loc>``) or a sitemap index (its
child sitemaps, polled in turn)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser


@dataclass(frozen=True, slots=True)
class Listing:
    """What one feed or sitemap lists: article URLs and (for a sitemap index) child sitemaps,
    each in document order, made absolute against the URL the listing was fetched from."""

    entries: tuple[str, ...]
    sitemaps: tuple[str, ...] = ()


def read_listing(body: bytes, base: str) -> Listing | str:
    """The listing in ``body``, or the reason it is neither a feed nor a sitemap. Sitemaps are
    parsed with the standard library's expat (2.4+ refuses entity-expansion bombs and resolves no
    external entities); feeds with feedparser, from a stream (given a string it fetches URLs)."""
    sitemap = _sitemap(body, base)
    if sitemap is not None:
        return sitemap
    parsed = feedparser.parse(io.BytesIO(body))
    if not parsed.get("version"):
        return "neither an RSS/Atom feed nor a sitemap"
    links = [(entry.get("link") or "").strip() for entry in parsed.get("entries") or []]
    return Listing(tuple(dict.fromkeys(urljoin(base, link) for link in links if link)))


def _sitemap(body: bytes, base: str) -> Listing | None:
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return None
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        return None
    locs = [
        urljoin(base, (loc.text or "").strip())
        for child in root
        for loc in child
        if _local(loc.tag) == "loc" and (loc.text or "").strip()
    ]
    unique = tuple(dict.fromkeys(locs))
    return Listing(unique) if kind == "urlset" else Listing((), unique)


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""
