"""``make bench``: ``ingest`` end to end against the bare spaCy pass over the same texts.

Input: the first ``--articles`` distinct non-empty documents of ``../shared/eval/multinews/dev.jsonl``
(real news articles; each document one article, no title, no date), written as one JSON Lines file
in a temporary folder. In the same run, interleaved ``--rounds`` times (best of each, so both see
the same machine load):

* **bare**: the loaded pipeline alone, ``nlp.pipe`` over the texts ``read_corpus`` produced, with
  the product's batch size and components (newsprism disables none); no extraction, no store;
* **ingest**: ``read_corpus`` on the JSONL file, then ``pipeline.ingest_corpus`` into a fresh
  SQLite file, one worker (the library calls behind ``newsprism ingest``).

Target (issue 11): ingest throughput >= 0.6x the bare pass. Also printed: the pipeline load (paid
once, by both), a per-stage breakdown of the best ingest round (stages timed by wrapping the
product's functions for the run, so the product carries no timing code), the process-level time
of the ``newsprism ingest`` command on the same file (imports and model load included; skip with
``--no-cli``) and the peak resident memory. Exits 1 below target, 2 without the shared data.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from newsprism import pipeline
from newsprism.config import Settings
from newsprism.nlp import load_pipeline
from quality.gates.gate import shared_dir

TARGET = 0.6

#: (label, module or class, attribute): the product functions each stage is the time spent in.
#: Nested stages (indented labels) are part of the stage above them.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("read + clean", "newsprism.pipeline", "read_corpus"),
    ("  language detection", "newsprism.clean", "detect_language"),
    ("  boilerplate removal", "newsprism.clean", "find_boilerplate"),
    ("open store + migrate", "newsprism.store", "open_store"),
    ("already-analysed lookup", "newsprism.store.sql:SqlStore", "analyzed"),
    ("parse (spaCy)", "newsprism.run.local", "parse_texts"),
    ("extraction", "newsprism.run.local", "analyze_doc"),
    ("store writes", "newsprism.store.sql:SqlStore", "add"),
    ("date refinement", "newsprism.pipeline", "refine_publication_dates"),
    ("store refined dates", "newsprism.store.sql:SqlStore", "set_published"),
    ("  of the writes: to_dict", "newsprism.store.sql", "to_dict"),
)
#: Store writes once the dates are refined (the refined analyses) are shown apart.
AFTER_REFINEMENT = "store refined analyses"


def eval_documents(path: Path, count: int) -> list[str]:
    """The first ``count`` distinct non-empty documents of the Multi-News file, in file order."""
    seen: dict[str, None] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            for document in json.loads(line)["documents"]:
                if document.strip():
                    seen.setdefault(document, None)
                    if len(seen) == count:
                        return list(seen)
    return list(seen)


def _owner(spec: str) -> Any:
    module_name, _, cls = spec.partition(":")
    module = sys.modules.get(module_name) or __import__(module_name, fromlist=["_"])
    return getattr(module, cls) if cls else module


@contextmanager
def timed_stages(seconds: dict[str, float]) -> Iterator[None]:
    """Wrap each of :data:`STAGES` for the block, adding the time spent in it to ``seconds``.

    A generator (``parse_texts``) is timed per item, so the parse is not charged with the
    extraction its consumer does between items."""

    def wrap(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def generator(*args: Any, **kwargs: Any) -> Iterator[Any]:
            it = fn(*args, **kwargs)
            while True:
                t0 = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    seconds[label] += time.perf_counter() - t0
                    return
                seconds[label] += time.perf_counter() - t0
                yield item

        def call(*args: Any, **kwargs: Any) -> Any:
            key = AFTER_REFINEMENT if label == "store writes" and "date refinement" in seconds else label
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                seconds[key] += time.perf_counter() - t0

        return generator if label.startswith("parse") else call

    with ExitStack() as stack:
        for label, spec, name in STAGES:
            owner = _owner(spec)
            original = getattr(owner, name)
            setattr(owner, name, wrap(label, original))
            stack.callback(setattr, owner, name, original)
        yield


def bare_pass(texts: list[str], batch_size: int) -> tuple[float, float]:
    """Wall and CPU seconds of the loaded pipeline alone over ``texts``."""
    nlp = load_pipeline()
    t0, c0 = time.perf_counter(), time.process_time()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - t0, time.process_time() - c0


def ingest_run(source: Path, db: Path, stages: dict[str, float]) -> tuple[float, float, int]:
    """Wall and CPU seconds of ``read_corpus`` + ``ingest_corpus`` into a fresh SQLite ``db``,
    and the articles it added."""
    db.unlink(missing_ok=True)
    settings = Settings(db=f"sqlite:///{db}", quiet=True)
    with timed_stages(stages):
        t0, c0 = time.perf_counter(), time.process_time()
        corpus = pipeline.read_corpus(str(source), settings)
        result = pipeline.ingest_corpus(corpus, settings)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return seconds, cpu, result.added


def cli_run(source: Path, db: Path) -> float:
    """Wall seconds of the ``newsprism ingest`` process (imports and model load included)."""
    db.unlink(missing_ok=True)
    command = [sys.executable, "-m", "newsprism", "ingest", str(source), "--db", f"sqlite:///{db}", "-q"]
    t0 = time.perf_counter()
    subprocess.run(command, check=True, env=os.environ.copy())
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=shared_dir() / "eval" / "multinews" / "dev.jsonl")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--no-cli", dest="cli", action="store_false", help="skip the CLI process timing")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"bench_ingest: {args.data} not found (the shared data folder is absent); skipped")
        return 2
    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        source = Path(tmp) / "articles.jsonl"
        documents = eval_documents(args.data, args.articles)
        source.write_text("".join(json.dumps({"text": d}) + "\n" for d in documents), encoding="utf-8")
        t0 = time.perf_counter()
        nlp = load_pipeline(settings.model)
        list(nlp.pipe(documents[:8]))  # warm up
        load = time.perf_counter() - t0
        corpus = pipeline.read_corpus(str(source), settings)
        texts = [a.text for a in corpus.articles]
        bare = full = bare_cpu = full_cpu = float("inf")
        best: dict[str, float] = {}
        added = 0
        for _ in range(args.rounds):
            seconds, cpu = bare_pass(texts, settings.batch_size)
            bare, bare_cpu = min(bare, seconds), min(bare_cpu, cpu)
            stages: dict[str, float] = defaultdict(float)
            seconds, cpu, added = ingest_run(source, Path(tmp) / "store.db", stages)
            full_cpu = min(full_cpu, cpu)
            if seconds < full:
                full, best = seconds, dict(stages)
        cli = cli_run(source, Path(tmp) / "cli.db") if args.cli else None
    n = len(texts)
    ratio = bare / full
    chars = sum(len(t) for t in texts)
    print(
        f"ingest end to end: {len(documents):,} Multi-News documents -> {n:,} articles "
        f"({len(corpus.skipped)} skipped), {chars / 1e6:.2f}M chars, {added:,} stored; "
        f"best of {args.rounds}"
    )
    print(f"  pipeline load + warm-up  {load:6.1f} s (once, outside both timings)")
    print(f"  bare spaCy pass          {n / bare:8.1f} articles/s  ({bare:.1f} s)")
    print(f"  ingest (library calls)   {n / full:8.1f} articles/s  ({full:.1f} s)")
    if cli is not None:
        print(
            f"  newsprism ingest (CLI)   {n / cli:8.1f} articles/s  ({cli:.1f} s, process incl. imports + load)"
        )
    print(f"  throughput ratio ingest/bare = {ratio:.3f}  (target >= {TARGET})")
    print(f"  same ratio in CPU time       = {bare_cpu / full_cpu:.3f}  (less sensitive to machine load)")
    print("  ingest stages (best round):")
    top = 0.0
    labels = [label for label, _, _ in STAGES]
    labels.insert(labels.index("store refined dates"), AFTER_REFINEMENT)
    for label in labels:
        value = best.get(label, 0.0)
        top += 0.0 if label.startswith(" ") else value
        print(f"    {label:<26}{value:7.2f} s {100 * value / full:5.1f}%")
    other = full - top
    print(f"    {'other':<26}{other:7.2f} s {100 * other / full:5.1f}%")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak resident memory {peak_mib:.0f} MiB")
    ok = ratio >= TARGET
    print("bench_ingest: " + ("target met" if ok else "BELOW TARGET"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
