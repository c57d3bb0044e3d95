"""``make bench``: the per-article stage on each runner, on the same real articles, in one run.

One worker (in this process), two workers (the local process pool) and Ray with two CPUs (a
local instance, an actor per CPU) analyse the same Multi-News dev documents
(``../shared/eval/multinews/dev.jsonl``; 2,000 by default, ``--limit`` for less). Each run is timed
from a fresh runner, start-up included (a pool's fork, Ray's start and its actors' pipeline
loads), as a user's run pays it. Printed: articles/s, the speed-up over one worker, the peak
resident memory of every process (this one; each pool worker; each Ray actor and Ray's own
processes, read from /proc before the instance stops), the articles per CPU-second (this process,
its waited-for children and, on Ray, the actors, their pipeline load included: the per-core figure
docs/scaling.md projects from), and the load average beside the ratio: the target (2 workers >= 1.7x one) is judged only when the machine was not busier than its cores.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from newsprism.clean import to_article
from newsprism.config import RunnerName
from newsprism.nlp import load_pipeline
from newsprism.records import Article, RawDocument
from newsprism.run import open_runner
from newsprism.run.local import peak_rss
from quality.gates.gate import shared_dir

TARGET = 1.7
MIB = 1024 * 1024


def multinews_articles(path: Path, limit: int) -> list[Article]:
    """The first ``limit`` distinct documents of the clusters, in file order."""
    articles: dict[str, Article] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            for k, text in enumerate(row["documents"]):
                raw = RawDocument(source=f"multinews:{row['idx']}:{k}", text=text, fmt="jsonl")
                article = to_article(raw)
                if article.text.strip():
                    articles.setdefault(article.id, article)
                if len(articles) >= limit:
                    return list(articles.values())
    return list(articles.values())


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def descendants(root: int) -> Iterator[int]:
    tree = _children()
    stack = list(tree.get(root, []))
    while stack:
        pid = stack.pop()
        yield pid
        stack.extend(tree.get(pid, []))


def process_peak(pid: int) -> tuple[str, int] | None:
    """(name, peak resident bytes: VmHWM) of a live process, from /proc; None when gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    if "VmHWM" not in fields:
        return None
    return fields["Name"].strip(), int(fields["VmHWM"].split()[0]) * 1024


def cpu_seconds() -> float:
    """CPU time of this process and of its waited-for children (a pool's workers, once it is shut
    down): a per-core figure the machine's load barely moves, unlike wall-clock throughput."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a live process has used so far, from /proc; 0 when gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(
    label: str, runner: RunnerName, workers: int, articles: list[Article]
) -> tuple[float, list[tuple[str, int]]]:
    """(seconds, [(process, peak bytes)]) of one fresh runner analysing every article."""
    cpu = cpu_seconds()
    start = time.perf_counter()
    with open_runner(runner, workers=workers) as running:
        analyses = running.analyze(articles)
        took = time.perf_counter() - start
        workers_seen = {m.pid: m.peak_rss for m in running.memory()}
        actors_cpu = sum(process_cpu(pid) for pid in workers_seen) if runner == "ray" else 0.0
        others = {}
        if runner == "ray":  # Ray's own processes (gcs_server, raylet, idle workers, ...)
            for pid in descendants(os.getpid()):
                found = process_peak(pid)
                if found and pid not in workers_seen:
                    others[pid] = found
    assert len(analyses) == len(articles)
    cpu = cpu_seconds() - cpu + actors_cpu
    memory = [(f"this process (pid {os.getpid()})", peak_rss())]
    kind = "actor" if runner == "ray" else "worker"
    memory += [(f"{kind} pid {pid}", rss) for pid, rss in sorted(workers_seen.items()) if pid != os.getpid()]
    memory += [(f"ray {name} pid {pid}", rss) for pid, (name, rss) in sorted(others.items())]
    per_core = f", {len(articles) / cpu:.1f} articles per CPU-second"
    print(f"  {label:<22} {len(articles) / took:8.1f} articles/s  ({took:.1f} s{per_core})")
    return took, memory


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=2000, help="articles (default 2000)")
    parser.add_argument("--no-ray", action="store_true", help="leave out the Ray run")
    args = parser.parse_args()
    data = shared_dir() / "eval" / "multinews" / "dev.jsonl"
    if not data.is_file():
        print(f"bench_runners: skipped: {data} not found (the Multi-News dev documents)")
        return 0
    articles = multinews_articles(data, args.limit)
    chars = sum(len(a.text) for a in articles)
    print(f"per-article stage by runner: {len(articles)} Multi-News articles, {chars / 1e6:.2f}M chars")
    load_pipeline()  # loaded once here: every run below starts from the same warm parent
    runs: list[tuple[str, RunnerName, int]] = [("1 worker", "local", 1), ("2 workers (pool)", "local", 2)]
    try:
        import ray  # noqa: F401
    except ImportError:
        print("  ray: skipped: not installed (pip install 'newsprism[ray]')")
    else:
        if not args.no_ray:
            runs.append(("ray, 2 CPUs", "ray", 2))
    timings: dict[str, float] = {}
    memories: dict[str, list[tuple[str, int]]] = {}
    for label, runner, workers in runs:
        timings[label], memories[label] = measure(label, runner, workers, articles)
    one = timings["1 worker"]
    for label in timings:
        print(f"  speed-up of {label:<18} over 1 worker: {one / timings[label]:.2f}x")
    for label, memory in memories.items():
        print(f"  peak memory, {label}:")
        for name, rss in memory:
            print(f"    {name:<40} {rss / MIB:7.0f} MiB")
    load = os.getloadavg()
    cores = os.cpu_count() or 1
    ratio = one / timings["2 workers (pool)"]
    print(f"  load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {cores} cores")
    if load[0] > cores:
        print(f"bench_runners: machine busier than its cores: the {ratio:.2f}x is not a measure of scaling")
        return 0
    ok = ratio >= TARGET
    print(
        f"bench_runners: 2 workers {ratio:.2f}x one (target >= {TARGET}): "
        + ("met" if ok else "BELOW TARGET")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
