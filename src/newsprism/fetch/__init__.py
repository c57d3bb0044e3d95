"""Fetch pages and poll feeds and sitemaps over HTTP, safely: :func:`fetch_documents` turns URLs
into :class:`~newsprism.records.RawDocument` records (or Skips) as the local HTML reader does;
:func:`poll_feeds` lists a round of feeds' new entries and fetches them.

A URL is untrusted input: :mod:`.safety` decides what may be reached (public http(s) addresses,
checked where each socket is opened), :mod:`.client` how (redirects, robots.txt, rate limit,
retries, size cap), :mod:`.sources` reads feeds and sitemaps, :mod:`.state` remembers what a
watcher has seen. Nothing here raises for a bad URL: each failure is a :class:`Failed` with its
one-line reason, and the others carry on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ..config import DEFAULT_USER_AGENT
from ..errors import check_interrupted
from ..ingest import read_input
from ..ingest.html import read_html
from ..ingest.sources import Input
from ..records import RawDocument, Skip
from .client import HTML_TYPES, Failed, Fetched, Fetcher, FetchOptions
from .safety import Refused, check_url
from .sources import read_listing
from .state import WatchState

__all__ = [
    "DEFAULT_USER_AGENT",
    "Failed",
    "FeedPoll",
    "FetchOptions",
    "Fetcher",
    "Pages",
    "Poll",
    "Refused",
    "WatchState",
    "check_url",
    "fetch_documents",
    "poll_feeds",
    "remember",
]

#: Where progress lines go (one line each: "fetched URL", "failed URL: reason").
Report = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Pages:
    """Fetched pages read into documents (a page without main text is a Skip, as for a local
    file), how many were downloaded, and the URLs that failed, each with its reason."""

    documents: tuple[RawDocument | Skip, ...]
    fetched: int
    failed: tuple[Failed, ...]


def fetch_documents(urls: Iterable[str], fetcher: Fetcher, report: Report | None = None) -> Pages:
    """Each URL fetched as a page and read like a local file: an HTML page by the HTML reader
    (its canonical URL, else the address it was finally fetched from; its publication date and
    outlet), an XML one (a feed) by the feed reader."""
    documents: list[RawDocument | Skip] = []
    failed: list[Failed] = []
    fetched = 0
    for url in urls:
        check_interrupted()
        result = fetcher.get(url, "page")
        if isinstance(result, Failed):
            failed.append(result)
            _say(report, f"failed {url}: {result.reason}")
            continue
        fetched += 1
        documents.extend(_read(result, fetcher.options.max_bytes))
        _say(report, f"fetched {url} ({len(result.body)} bytes)")
    return Pages(tuple(documents), fetched, tuple(failed))


def _read(page: Fetched, max_bytes: int) -> list[RawDocument | Skip]:
    # Deliberately broad, as ingest.iter_documents: a reader's bug on one page must not stop the others.
    try:
        if page.content_type in HTML_TYPES:
            return [read_html(page.url, page.body, url=page.final_url)]
        return list(read_input(Input(page.url, None, page.body), max_bytes))
    except Exception as exc:
        return [Skip(page.url, f"unreadable page ({type(exc).__name__}: {exc})")]


def _say(report: Report | None, line: str) -> None:
    if report is not None:
        report(line)


FeedStatus = Literal["listed", "unchanged", "failed"]


@dataclass(frozen=True, slots=True)
class FeedPoll:
    """One feed's round: ``listed`` (fetched and read: ``entries`` listed, ``new`` of them not
    seen before, ``left`` of those not fetched this round for the ``max_new`` cap), ``unchanged``
    (304 to the conditional request) or ``failed`` (``reason``). ``seen`` and ``validators`` are
    what :func:`remember` records once the round is stored."""

    feed: str
    status: FeedStatus
    reason: str = ""
    entries: int = 0
    new: int = 0
    left: int = 0
    seen: tuple[str, ...] = ()
    validators: tuple[str | None, str | None] | None = None


@dataclass(frozen=True, slots=True)
class Poll:
    """A round over the feeds: each feed's outcome and the new entries' pages."""

    feeds: tuple[FeedPoll, ...]
    pages: Pages

    @property
    def left(self) -> int:
        """New entries left unseen for the next round (the ``max_new`` cap); each counted once."""
        return sum(f.left for f in self.feeds)


def poll_feeds(
    feeds: Sequence[str],
    fetcher: Fetcher,
    state: WatchState,
    report: Report | None = None,
    *,
    max_new: int | None = None,
) -> Poll:
    """One round: every feed fetched with a conditional request (its last ETag/Last-Modified),
    read as RSS/Atom or a sitemap, a sitemap index's child sitemaps polled in the same round; the
    entries not seen before (in any earlier round, or earlier in this one) fetched as pages, at
    most ``max_new`` of them in the whole round (in the feeds' order, then each feed's): the rest
    stay unseen and are counted as ``left``, for the next round to take.

    Two traps decide what is remembered. A feed's validators are kept only when every one of its
    new entries was handled (none failed transiently, none left for the cap): otherwise the next
    round's 304 would hide those entries for good. A sitemap index's validators are never kept:
    an unchanged index says nothing about its child sitemaps, which must be asked every round."""
    queue = [(feed, True) for feed in dict.fromkeys(feeds)]
    polled: set[str] = set()
    claimed: set[str] = set()  # entry URLs taken by an earlier feed of this round
    outcomes: list[FeedPoll] = []
    documents: list[RawDocument | Skip] = []
    failures: list[Failed] = []
    fetched = 0
    budget = max_new
    while queue:
        feed, top = queue.pop(0)
        if feed in polled:
            continue
        polled.add(feed)
        check_interrupted()
        etag, modified = state.validators(feed)
        got = fetcher.get(feed, "feed", etag=etag, last_modified=modified)
        if isinstance(got, Failed):
            outcomes.append(FeedPoll(feed, "failed", got.reason))
            _say(report, f"failed feed {feed}: {got.reason}")
            continue
        if got.not_modified:
            outcomes.append(FeedPoll(feed, "unchanged"))
            _say(report, f"unchanged feed {feed}")
            continue
        listing = read_listing(got.body, got.final_url)
        if isinstance(listing, str):
            outcomes.append(FeedPoll(feed, "failed", listing))
            _say(report, f"failed feed {feed}: {listing}")
            continue
        if top:
            queue.extend((child, False) for child in listing.sitemaps)
        new = [u for u in state.unseen(listing.entries) if u not in claimed]
        claimed.update(new)
        taken = new if budget is None else new[:budget]
        left = len(new) - len(taken)
        if budget is not None:
            budget -= len(taken)
        pages = fetch_documents(taken, fetcher, report)
        documents.extend(pages.documents)
        failures.extend(pages.failed)
        fetched += pages.fetched
        failed_now = {f.url for f in pages.failed if f.transient}
        keep = None if failed_now or left or listing.sitemaps else (got.etag, got.last_modified)
        seen = tuple(u for u in taken if u not in failed_now)
        entries = len(listing.entries)
        outcomes.append(FeedPoll(feed, "listed", "", entries, len(new), left, seen, keep))
        later = f", {left} left for the next poll (--max-new)" if left else ""
        _say(report, f"listed feed {feed}: {entries} entries, {len(new)} new{later}")
    return Poll(tuple(outcomes), Pages(tuple(documents), fetched, tuple(failures)))


def remember(poll: Poll, state: WatchState) -> None:
    """Record a stored round: its handled entries as seen, its feeds' validators (see
    :func:`poll_feeds` for which are kept)."""
    for outcome in poll.feeds:
        if outcome.status == "listed":
            state.remember(outcome.feed, outcome.seen, outcome.validators)
