"""``make bench``: one long article's cost grows linearly with its length.

Analyses one synthetic realistic article (``long_article.py``: paragraphs, names, quotes, numbers,
dates) of 100 KB and of 1 MB through the per-article path of a run (clean, parse, analyse), each
in a fresh process so each has its own peak resident memory. Targets (issue 9): the 1 MB article
costs at most 12x the time of the 100 KB one, and its process peaks under 1 GB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

SIZES = (100_000, 1_000_000)
MAX_RATIO = 12.0
MAX_PEAK_MIB = 1024.0


def measure(chars: int) -> dict[str, float]:
    """Seconds and peak resident MiB of cleaning, parsing and analysing one article."""
    from long_article import long_article

    from newsprism.clean import to_article
    from newsprism.config import Settings
    from newsprism.nlp import load_pipeline
    from newsprism.records import RawDocument
    from newsprism.run.local import analyze_with

    nlp = load_pipeline()
    list(nlp.pipe(["Warm up the pipeline."]))
    raw = RawDocument("bench", long_article(chars), "jsonl", title="A long day in the council")
    t0 = time.perf_counter()
    article = to_article(raw, Settings().max_chars)
    (analysis,) = analyze_with(nlp, [article], batch_size=Settings().batch_size)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"chars": len(article.text), "seconds": seconds, "peak_mib": peak, "quotes": len(analysis.quotes)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return 0
    here = Path(__file__).resolve()
    results = []
    for chars in SIZES:
        out = subprocess.run(
            [sys.executable, str(here), "--one", str(chars)], check=True, capture_output=True, text=True
        )
        results.append(json.loads(out.stdout.splitlines()[-1]))
    print("one long article (clean + parse + analyse), each size in its own process:")
    for r in results:
        print(
            f"  {r['chars'] / 1000:7.0f} KB  {r['seconds']:7.1f} s  peak {r['peak_mib']:6.0f} MiB"
            f"  {r['quotes']:5.0f} quotes"
        )
    ratio = results[1]["seconds"] / results[0]["seconds"]
    peak = results[1]["peak_mib"]
    print(f"  time ratio 1 MB / 100 KB = {ratio:.1f}  (target <= {MAX_RATIO:.0f})")
    print(f"  peak memory at 1 MB = {peak:.0f} MiB  (target < {MAX_PEAK_MIB:.0f})")
    ok = ratio <= MAX_RATIO and peak < MAX_PEAK_MIB
    print("bench_long: " + ("targets met" if ok else "ABOVE TARGET"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
