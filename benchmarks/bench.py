"""``make bench``: throughput ratios measured in one run, on the same texts.

per-article analysis: the full per-article analysis (spaCy pass + every extractor) against the bare
spaCy pass over the same texts. Target (issue 3): ratio of throughputs >= 0.75, i.e. extraction
adds at most a third to the parse. Texts: the bundled examples plus ../shared/seeds when present,
repeated to a fixed count so timings are stable.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from newsprism.config import Settings
from newsprism.extract.document import analyze_doc
from newsprism.nlp import load_pipeline
from newsprism.pipeline import read_corpus
from newsprism.records import Article
from quality.gates.gate import shared_dir

ROOT = Path(__file__).resolve().parents[1]


def corpus_texts(copies: int) -> list[Article]:
    paths = [str(ROOT / "examples" / "corpus")]
    seeds = shared_dir() / "seeds"
    if seeds.is_dir():
        paths.append(str(seeds))
    articles = list(read_corpus(paths, Settings()).articles)
    return articles * copies


def bench_per_article(copies: int, rounds: int) -> float:
    nlp = load_pipeline()
    articles = corpus_texts(copies)
    texts = [a.text for a in articles]
    chars = sum(len(t) for t in texts)
    list(nlp.pipe(texts[:8]))  # warm up
    bare = full = float("inf")
    for _ in range(rounds):  # interleaved, best of N: both see the same machine load
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=32):
            pass
        bare = min(bare, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for article, doc in zip(articles, nlp.pipe(texts, batch_size=32), strict=True):
            analyze_doc(doc, article)
        full = min(full, time.perf_counter() - t0)
    ratio = bare / full
    print(f"per-article analysis: {len(texts)} articles, {chars / 1e6:.2f}M chars")
    print(f"  bare spaCy pass      {len(texts) / bare:8.1f} articles/s")
    print(f"  full analysis        {len(texts) / full:8.1f} articles/s")
    print(f"  throughput ratio full/bare = {ratio:.3f}  (target >= 0.75)")
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ratio = bench_per_article(args.copies, args.rounds)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"  peak resident memory {peak_kib / 1024:.0f} MiB")
    ok = ratio >= 0.75
    print("bench: " + ("targets met" if ok else "BELOW TARGET"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
