"""Load test of ``newsprism serve`` on loopback: the story list, a story page and search.

The store holds at least ``--articles`` real Multi-News documents (``../shared/eval/multinews/
dev.jsonl``; each document one article, its first sentence the headline, each cluster an event on
a made-up date), ingested through ``newsprism.pipeline`` exactly as ``newsprism ingest`` stores
them. Ingest is slow (minutes for 2,000 articles on a shared 2-core machine), so the built store
is cached in the temp folder under a hash of its input and of the newsprism version: a second run
reuses it.

``newsprism serve`` (``--processes``, default 1) serves the app on a free loopback port in a child
process; ``--clients`` concurrent httpx clients send ``--requests`` requests in total, cycling
over the story list (a random page), a story (the HTML page ``/stories/{id}`` when the app has
one, else ``/api/v1/stories/{id}``) and a search for a word of a stored title. Prints
requests/s, p50/p95/p99 latency, errors, the p95 of the story requests and the load average
(the machine may be shared). Exits 1 when a request failed or that p95 is over ``--target-ms``.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from newsprism import __version__
from newsprism.config import Settings
from newsprism.pipeline import ingest_corpus, read_corpus

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "multinews" / "dev.jsonl"
_FIRST_SENTENCE = re.compile(r"^(.{20,200}?[.!?])\s+(.*)$", re.S)
_WORD = re.compile(r"[A-Za-z]{6,}")


def corpus_lines(path: Path, articles: int, seed: int) -> list[str]:
    """JSON Lines of at least ``articles`` Multi-News documents (whole clusters), each cluster
    on its own made-up day of 2025, each document from its own made-up outlet."""
    rng = random.Random(seed)
    lines: list[str] = []
    for c, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if len(lines) >= articles:
            break
        day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        for d, document in enumerate(json.loads(line)["documents"]):
            text = document.strip()
            if len(text) < 200:
                continue
            match = _FIRST_SENTENCE.match(text)
            title, body = (match.group(1), match.group(2)) if match else (text[:80], text)
            row = {"title": title, "text": body, "outlet": f"Outlet {(c + d) % 40}", "published": day}
            row["url"] = f"https://outlet{(c + d) % 40}.example/{c}/{d}"
            lines.append(json.dumps(row, ensure_ascii=False))
    return lines


def built_store(path: Path, articles: int, seed: int, workers: int) -> Path:
    """The SQLite file holding the corpus, built once per input hash (cached in the temp folder)."""
    lines = corpus_lines(path, articles, seed)
    key = hashlib.sha256("\n".join([__version__, *lines]).encode()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / "newsprism-bench-web" / key
    db = folder / "store.db"
    if (folder / "done").exists():
        print(f"store: {db} (cached, {len(lines):,} documents)", flush=True)
        return db
    folder.mkdir(parents=True, exist_ok=True)
    db.unlink(missing_ok=True)
    source = folder / "corpus.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = Settings(db=f"sqlite:///{db}", workers=workers, quiet=True)
    began = time.perf_counter()
    corpus = read_corpus(source, settings)
    result = ingest_corpus(corpus, settings)
    took = time.perf_counter() - began
    print(f"store: built {db}: {result.added:,} articles in {took:.0f} s", flush=True)
    (folder / "done").write_text("ok\n")
    return db


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(db: Path, port: int, processes: int) -> subprocess.Popen[bytes]:
    """``newsprism serve`` in a child process, once it answers its health check."""
    command = [sys.executable, "-m", "newsprism", "serve", "--db", f"sqlite:///{db}", "--port", str(port)]
    command += ["--processes", str(processes)] if processes > 1 else []
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL, env=os.environ.copy())
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.kill()
    raise SystemExit("bench_web: the server did not answer within 60 s")


def load_average() -> str:
    """The machine's 1-minute load average (the machine may be shared: read figures beside it)."""
    return f"{os.getloadavg()[0]:.2f}"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def load(db: Path, args: argparse.Namespace) -> int:
    port = free_port()
    server = serve(db, port, args.processes)
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            listing = (await client.get("/api/v1/stories", params={"limit": 100})).json()
            stories = [s["id"] for s in listing["stories"]]
            pages = listing["page"]["pages"]
            words = sorted({w.lower() for s in listing["stories"] for w in _WORD.findall(s["title"] or "")})
            page_route = (
                "/stories/{id}" if (await client.get(f"/stories/{stories[0]}")).status_code == 200 else None
            )
            story_path = page_route or "/api/v1/stories/{id}"
            rng = random.Random(args.seed)
            plan: list[tuple[str, str, dict[str, str]]] = []
            for i in range(args.requests):
                kind = ("list", "story", "search")[i % 3]
                if kind == "list":
                    params = {"page": str(rng.randint(1, max(1, pages * 5))), "limit": "20"}
                    plan.append((kind, "/api/v1/stories", params))
                elif kind == "story":
                    plan.append((kind, story_path.format(id=rng.choice(stories)), {}))
                else:
                    plan.append((kind, "/api/v1/search", {"q": rng.choice(words)}))
            await client.get("/api/v1/stories")  # the listing read once, as any first visitor does
            latencies: dict[str, list[float]] = {"list": [], "story": [], "search": []}
            errors: list[str] = []
            queue = iter(plan)

            async def worker() -> None:
                for kind, path, params in queue:
                    t0 = time.perf_counter()
                    try:
                        answer = await client.get(path, params=params)
                        if answer.status_code != 200:
                            errors.append(f"{answer.status_code} {path}")
                    except httpx.HTTPError as exc:
                        errors.append(f"{type(exc).__name__} {path}")
                    latencies[kind].append(time.perf_counter() - t0)

            began = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(args.clients)))
            took = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(timeout=30)
    every = [x for xs in latencies.values() for x in xs]
    ms = {q: percentile(every, q) * 1000 for q in (0.5, 0.95, 0.99)}
    story_p95 = percentile(latencies["story"], 0.95) * 1000
    print(f"requests: {len(every):,} with {args.clients} clients against {len(stories)}+ stories")
    print(f"story route: {story_path}; server processes: {args.processes}; load average {load_average()}")
    print(f"requests/s: {len(every) / took:.1f}")
    print(f"latency ms: p50 {ms[0.5]:.1f}, p95 {ms[0.95]:.1f}, p99 {ms[0.99]:.1f}")
    for kind, xs in latencies.items():
        print(f"  {kind}: p50 {percentile(xs, 0.5) * 1000:.1f}, p95 {percentile(xs, 0.95) * 1000:.1f}")
    print(f"errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    print(f"story p95: {story_p95:.1f} ms (target <= {args.target_ms:.0f} ms)")
    return 1 if errors or story_p95 > args.target_ms else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--articles", type=int, default=2050, help="documents read (some are duplicates)")
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1, help="ingest workers when building the store")
    parser.add_argument("--processes", type=int, default=1, help="newsprism serve --processes")
    parser.add_argument("--target-ms", type=float, default=200.0)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"bench_web: {args.data} not found (the shared data folder is absent)")
        return 2
    db = built_store(args.data, args.articles, args.seed, args.workers)
    if args.build_only:
        return 0
    return asyncio.run(load(db, args))


if __name__ == "__main__":
    sys.exit(main())
