"""The story clustering step alone (``newsprism.stories.StoryIndex.add``) on a long stream.

The stream is drawn from ``../shared/eval/multinews/dev.jsonl``: every cluster is an event, placed
``--repeats`` times at made-up times spread uniformly over ``--days`` days (``random.Random(seed)``),
each repeat's words swapped by its own permutation of the vocabulary (another event with the same
statistics, not a copy),
its documents published within two days of the event; each document gives one article, its first
sentence the headline and the rest the body. Repeats of one event are months apart, so they
open new stories as a real stream's recurring topics do. Articles go through in publication
order.

``--undated`` drops the times (the stream then runs in that order with no dates, as a JSONL
of bodies does): the undated path weighs each candidate story's closest recent members too, and
its open window is counted in arrivals (``max_idle_articles``, 50,000), so on this stream nothing
closes and the comparisons per article climb to the ``max_candidates`` cap: the cost per article
is bounded, but the start/end ratio measures the index filling, not flatness (not in ``make bench``).

The verbatim repeats the stream once used were a trap: the clusterer read the third copy of
every body as recurring text (a notice) and skipped it unscored, so three articles in four cost
nothing and the ratio looked flat.

Prints the time per 1,000 articles over the first and the last ``--block`` articles, their ratio
(target <= 1.3: the cost per article stays flat as the stream grows), articles/s over the whole
stream, open stories and comparisons per article at the end, and the peak resident memory. Exits 1
when the ratio is over target or the stream is shorter than 20,000 articles.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsprism.stories import StoryIndex, StoryItem
from newsprism.words import stop_words

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "multinews" / "dev.jsonl"
TARGET = 1.3
MIN_ARTICLES = 20_000
_FIRST_SENTENCE = re.compile(r"^(.{20,200}?[.!?])\s+(.*)$", re.S)


_WORD = re.compile(r"[^\W\d_]+")


def _cipher(vocabulary: list[str], rng: random.Random) -> Callable[[str], str]:
    """A text with every content word swapped for another by one random permutation of the
    content vocabulary (stop words stay: swapped in, they would make one repeat's texts alike),
    keeping its capital. Repeats of the set must be other events, not copies: the same bodies
    eight times over would be furniture (recurring text) to the clusterer, a stream no real feed
    is. Swapped words keep the word frequencies, lengths and the clusters' shapes."""
    shuffled = list(vocabulary)
    rng.shuffle(shuffled)
    table = dict(zip(vocabulary, shuffled, strict=True))

    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        new = table.get(word.lower(), word)
        return new.capitalize() if word[:1].isupper() else new

    return lambda text: _WORD.sub(swap, text)


def stream(path: Path, repeats: int, days: int, seed: int, undated: bool = False) -> list[StoryItem]:
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    clusters = [json.loads(line)["documents"] for line in path.read_text(encoding="utf-8").splitlines()]
    stop = stop_words("en")
    vocabulary = sorted({w.lower() for docs in clusters for doc in docs for w in _WORD.findall(doc)} - stop)
    items: list[StoryItem] = []
    for r in range(repeats):
        swap = _cipher(vocabulary, rng) if r else (lambda text: text)
        for c, documents in enumerate(clusters):
            event = start + timedelta(days=rng.uniform(0, days))
            for d, raw in enumerate(documents):
                document = swap(raw)
                match = _FIRST_SENTENCE.match(document.strip())
                title, body = (match.group(1), match.group(2)) if match else (document[:80], document)
                published = event + timedelta(hours=rng.uniform(0, 48))
                items.append(StoryItem(f"r{r}-c{c}-d{d}", published, title, body))
    items.sort(key=lambda item: (item.published, item.article_id))
    return [replace(item, published=None) for item in items] if undated else items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--repeats", type=int, default=8)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--block", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--undated", action="store_true", help="drop the times: the undated path")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"bench_stories: {args.data} not found (the shared data folder is absent)")
        return 2
    items = stream(args.data, args.repeats, args.days, args.seed, args.undated)
    index = StoryIndex()
    times: list[float] = []
    began = time.perf_counter()
    for item in items:
        t0 = time.perf_counter()
        index.add(item)
        times.append(time.perf_counter() - t0)
    total = time.perf_counter() - began
    n, block = len(items), args.block
    first = sum(times[:block]) / block * 1000
    last = sum(times[-block:]) / block * 1000
    ratio = last / first
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    dates = "undated, in the same order" if args.undated else f"over {args.days} days"
    print(f"articles: {n:,} {dates} ({args.repeats} placements of each Multi-News cluster)")
    print(f"time per 1,000 articles: first {block:,} {first:.3f} s, last {block:,} {last:.3f} s")
    print(f"ratio last/first: {ratio:.2f} (target <= {TARGET})")
    print(f"throughput: {n / total:,.0f} articles/s ({total:.1f} s)")
    print(
        f"open stories at the end: {index.open_stories:,}; comparisons per article: {index.comparisons / n:.1f}"
    )
    print(f"peak memory: {peak_mib:,.0f} MiB")
    failed = False
    if n < MIN_ARTICLES:
        print(f"OVER TARGET: stream of {n:,} articles, fewer than {MIN_ARTICLES:,}")
        failed = True
    if ratio > TARGET:
        print(f"OVER TARGET: time per 1,000 at the end is {ratio:.2f}x the start (target {TARGET})")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
