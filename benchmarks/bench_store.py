"""The store alone: 10,000 articles' analyses ingested into SQLite and into PostgreSQL, then story
listing and search latency at that size.

The analyses are synthesised, not computed (spaCy 10,000 times would time the parser, not the
store): the examples' articles are analysed once and reused under distinct ids and texts (a
numbered sentence appended; the analysis' article ids rewritten). They are stored as ingest
stores them: batches of 64 in one transaction each, with story assignments (ten articles a
story) and the clusterer's state. Prints rows/s on each backend and the PostgreSQL/SQLite ratio,
then p50/p95 over 200 queries of ``stories(limit=20)`` and of ``search_stories`` (a word of the
texts each). PostgreSQL is the server ``NEWSPRISM_TEST_PG`` names (``.ci/run`` starts one; a
database is created for the run and dropped); without it that part is skipped with a reason.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from sqlalchemy import create_engine

from newsprism.config import Settings
from newsprism.pipeline import INGEST_BATCH, read_corpus
from newsprism.records import Article, ArticleAnalysis
from newsprism.run.local import analyze_articles
from newsprism.store import StoryBatch, open_store
from newsprism.store.codec import from_dict, to_dict
from newsprism.store.engine import parse_url
from newsprism.stories import Assignment, story_id_of

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
ARTICLES = 10_000
QUERIES = 200
PER_STORY = 10


def synthesise(count: int) -> list[tuple[Article, ArticleAnalysis]]:
    corpus = read_corpus(EXAMPLES, Settings())
    analyses = analyze_articles(corpus.articles)
    bases = [(a, json.dumps(to_dict(an))) for a, an in zip(corpus.articles, analyses, strict=True)]
    out = []
    for i in range(count):
        article, data = bases[i % len(bases)]
        new_id = f"bench-{i:05d}"
        copy = replace(article, id=new_id, text=f"{article.text}\n\nDispatch number {i}.")
        out.append((copy, from_dict(ArticleAnalysis, json.loads(data.replace(article.id, new_id)))))
    return out


def ingest(url: str, pairs: list[tuple[Article, ArticleAnalysis]]) -> float:
    """Seconds to store ``pairs`` as ingest does; returns the elapsed time."""
    with open_store(url) as store:
        started = time.perf_counter()
        for start in range(0, len(pairs), INGEST_BATCH):
            batch = pairs[start : start + INGEST_BATCH]
            assignments = tuple(
                Assignment(
                    a.id,
                    story_id_of(pairs[(start + k) // PER_STORY * PER_STORY][0].id),
                    0.5,
                    (start + k) % PER_STORY == 0,
                )
                for k, (a, _) in enumerate(batch)
            )
            state = {"version": 1, "articles": start + len(batch)}
            store.add(batch, "bench", stories=StoryBatch(assignments, tuple(a.id for a, _ in batch), state))
        return time.perf_counter() - started


def latency(url: str, words: list[str]) -> tuple[tuple[float, float], tuple[float, float]]:
    """(p50, p95) in ms of story listing and of story search, :data:`QUERIES` each."""
    with open_store(url) as store:
        listing, search = [], []
        for word in words:
            started = time.perf_counter()
            store.stories(limit=20)
            listing.append(time.perf_counter() - started)
            started = time.perf_counter()
            store.search_stories(word)
            search.append(time.perf_counter() - started)
    return percentiles(listing), percentiles(search)


def percentiles(seconds: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles([s * 1000 for s in seconds], n=100)
    return cuts[49], cuts[94]


@contextmanager
def pg_database() -> Iterator[str | None]:
    server = os.environ.get("NEWSPRISM_TEST_PG", "").strip()
    if not server:
        yield None
        return
    url = parse_url(server)
    name = f"newsprism_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE template0')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def main() -> int:
    pairs = synthesise(ARTICLES)
    rng = random.Random(14)
    vocabulary = sorted(
        {w.lower() for a, _ in pairs[:20] for w in a.text.split() if w.isalpha() and len(w) > 4}
    )
    words = [rng.choice(vocabulary) for _ in range(QUERIES)]
    rates: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder, pg_database() as pg:
        backends = {"sqlite": f"sqlite:///{Path(folder) / 'bench.db'}", "postgresql": pg}
        for name, url in backends.items():
            if url is None:
                print(f"{name}: skipped: NEWSPRISM_TEST_PG is not set (no PostgreSQL server configured)")
                continue
            elapsed = ingest(url, pairs)
            rates[name] = len(pairs) / elapsed
            (l50, l95), (s50, s95) = latency(url, words)
            print(
                f"{name}: {len(pairs):,} articles with analyses and stories in {elapsed:.1f} s, "
                f"{rates[name]:,.0f} rows/s; stories(limit=20) p50 {l50:.1f} ms p95 {l95:.1f} ms; "
                f"search_stories p50 {s50:.1f} ms p95 {s95:.1f} ms ({QUERIES} queries)"
            )
    if len(rates) == 2:
        print(f"PostgreSQL/SQLite ingest rate: {rates['postgresql'] / rates['sqlite']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
