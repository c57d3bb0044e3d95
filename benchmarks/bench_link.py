"""The cross-article stage alone (``link_story`` and each of its steps) on 1k-8k articles.

Articles are synthetic and deterministic (``random.Random(seed)``): sentences of Zipf-sampled
words (the vocabulary of ``../shared/eval/multinews`` when present, else made-up words), with
capitalised names, numbers, weekdays and quotations, grouped into events of a few articles that
share names and topic words. A fixed share of every corpus is copies of other articles: verbatim
(re-spaced), edited (a sentence cut, one added, a word changed) and spun (a third of the content
words swapped), so copy detection has real work. Analyses are built without spaCy: sentences by
a regex splitter; mentions, quotes, quantities and time expressions by simple patterns.

Every corpus is built first and held for the whole run, so every size is timed over the same
heap. ``--rounds`` rounds then run ``link_story`` on every size in turn, recording the stage and
each of its steps (``step_timer``) from the same run; the best round per size counts. It prints the
times, the ratio time(2n)/time(n) per doubling, each step's growth exponent (the least-squares
slope of log time over log n across all sizes) and the peak resident memory.

It exits 1 when the whole stage passes 2.3x at any doubling (the issue's target) or grows faster
than n^1.20 (2.3x per doubling) across the sizes; when a step taking at least ``--floor`` seconds
grows faster than n^1.20 by more than the standard error of its own fit; or when a size was not
run because the stage would pass ``--budget`` seconds there. A single step is judged by its
growth across all sizes rather than by one doubling: on this machine one step's time varies by
up to 30% between identical repeats, which moves a single ratio by more than the gap between
linear (2.0) and the target (2.3), while a quadratic step shows ~4x at every doubling (exponent
near 2), and a step whose quadratic part is half its time at 8k still reads 1.28 +- 0.04.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate, pairwise

from newsprism.link import link_story
from newsprism.link.timing import step_timer
from newsprism.records import (
    Article,
    ArticleAnalysis,
    Mention,
    Published,
    Quantity,
    Quote,
    Span,
    Story,
    TimeExpression,
    content_id,
)
from quality.gates.gate import shared_dir

TARGET = 2.3
SIZES = (1000, 2000, 4000, 8000)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
SHARE_VERBATIM, SHARE_EDITED, SHARE_SPUN = 0.06, 0.05, 0.04
_WORD = re.compile(r"[a-z]{3,12}")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]+[\"”]?")
_NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")
_NUMBER = re.compile(r"\b\d[\d,]*\b")
_QUOTE = re.compile(r"“([^”]+)”")


# ---- synthetic corpus ------------------------------------------------------------------------


def vocabulary(rng: random.Random) -> list[str]:
    """Words in frequency order: multinews words when the shared data is here, else made up."""
    path = shared_dir() / "eval" / "multinews" / "dev.jsonl"
    counts: dict[str, int] = {}
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n >= 400:
                    break
                for doc in json.loads(line)["documents"]:
                    for w in _WORD.findall(doc.lower()):
                        counts[w] = counts.get(w, 0) + 1
    if len(counts) < 5000:
        letters = "abcdefghiklmnoprstuvw"
        for _ in range(20000):
            w = "".join(rng.choice(letters) for _ in range(rng.randint(3, 10)))
            counts.setdefault(w, 1)
    return sorted(counts, key=lambda w: (-counts[w], w))[:20000]


@dataclass
class Maker:
    """Deterministic synthetic sentences and articles."""

    rng: random.Random
    words: list[str]
    cum_weights: list[float] = field(init=False)

    def __post_init__(self) -> None:
        self.cum_weights = list(accumulate(1.0 / (rank + 1) for rank in range(len(self.words))))

    def name(self) -> str:
        first, last = self.rng.sample(self.words[200:4000], 2)
        return f"{first.capitalize()} {last.capitalize()}"

    def sentence(self, topic: list[str], names: list[str]) -> str:
        rng = self.rng
        body = rng.choices(self.words, cum_weights=self.cum_weights, k=rng.randint(8, 22))
        body += rng.sample(topic, 2)
        rng.shuffle(body)
        body.insert(rng.randint(0, len(body)), rng.choice(names))
        if rng.random() < 0.3:
            body.insert(rng.randint(0, len(body)), f"{rng.randint(2, 90000):,}")
        if rng.random() < 0.15:
            body.insert(rng.randint(0, len(body)), f"on {rng.choice(WEEKDAYS)}")
        text = " ".join(body)
        text = text[0].upper() + text[1:] + "."
        if rng.random() < 0.15:
            text = f"“{text[:-1]},” {rng.choice(names)} said."
        return text

    def article_text(self, topic: list[str], names: list[str]) -> str:
        return "\n".join(self.sentence(topic, names) for _ in range(self.rng.randint(12, 28)))

    def edited(self, text: str, topic: list[str], names: list[str]) -> str:
        lines = text.split("\n")
        del lines[self.rng.randrange(len(lines))]
        lines.insert(self.rng.randrange(len(lines) + 1), self.sentence(topic, names))
        k = self.rng.randrange(len(lines))
        words = lines[k].split(" ")
        words[self.rng.randrange(len(words))] = self.rng.choice(self.words[:3000])
        lines[k] = " ".join(words)
        return "\n".join(lines)

    def spun(self, text: str) -> str:
        def swap(m: re.Match[str]) -> str:
            return self.rng.choice(self.words[100:6000]) if self.rng.random() < 0.33 else m.group(0)

        return re.sub(r"\b[a-z]{4,}\b", swap, text)


def _analysis(article: Article) -> ArticleAnalysis:
    """Sentences, mentions, quotes, quantities and time expressions by patterns (no spaCy)."""
    text, aid = article.text, article.id
    sentences = tuple((m.start(), m.end()) for m in _SENTENCE.finditer(text))
    mentions = tuple(
        Mention(Span(aid, m.start(), m.end()), m.group(), "PERSON") for m in _NAME.finditer(text)
    )
    quotes = tuple(
        Quote(content_id(aid, str(m.start(1))), Span(aid, m.start(1), m.end(1)), m.group(1), "direct")
        for m in _QUOTE.finditer(text)
    )
    quantities = tuple(
        Quantity(
            content_id(aid, "q", str(m.start())),
            Span(aid, m.start(), m.end()),
            m.group(),
            float(m.group().replace(",", "")),
            "count",
            "count",
        )
        for m in _NUMBER.finditer(text)
    )
    anchor = article.published.value
    timexes = tuple(
        TimeExpression(
            content_id(aid, "t", str(m.start())), Span(aid, m.start(), m.end()), m.group(), "DATE", None
        )
        for m in re.finditer("|".join(WEEKDAYS), text)
    )
    published = None if anchor else Published(None, "unknown")
    return ArticleAnalysis(aid, sentences, mentions, (), quotes, quantities, timexes, published=published)


def corpus(n: int, seed: int = 7) -> tuple[list[Article], list[ArticleAnalysis]]:
    """``n`` synthetic articles (events of 2-6 articles plus copies) and their analyses."""
    rng = random.Random(seed)
    maker = Maker(rng, vocabulary(random.Random(seed)))
    articles: list[Article] = []
    events: list[tuple[list[str], list[str]]] = []

    def add(text: str, event: int, day: int, dated: bool) -> None:
        outlet = f"Outlet {rng.randint(1, 300)}"
        published = Published(f"2024-05-{day:02d}", "metadata") if dated else Published()
        title = f"Story {len(articles)} of event {event}"
        articles.append(
            Article(
                Article.make_id(title, text, outlet),
                f"synthetic/{len(articles)}",
                title,
                text,
                outlet,
                published=published,
            )
        )

    copies = int(n * (SHARE_VERBATIM + SHARE_EDITED + SHARE_SPUN))
    while len(articles) < n - copies:
        topic = rng.sample(maker.words[300:12000], 30)
        names = [maker.name() for _ in range(4)]
        events.append((topic, names))
        for _ in range(rng.randint(2, 6)):
            if len(articles) < n - copies:
                add(maker.article_text(topic, names), len(events) - 1, rng.randint(1, 20), rng.random() < 0.8)
    originals = list(articles)
    for k in range(copies):
        source = rng.choice(originals)
        event = int(source.title.rsplit(" ", 1)[1])
        topic, names = events[event]
        day = min(28, int((source.published.value or "2024-05-20")[-2:]) + rng.randint(0, 3))
        share = k / max(1, copies)
        if share < SHARE_VERBATIM / (SHARE_VERBATIM + SHARE_EDITED + SHARE_SPUN):
            text = source.text.replace("\n", "\n\n")
        elif share < (SHARE_VERBATIM + SHARE_EDITED) / (SHARE_VERBATIM + SHARE_EDITED + SHARE_SPUN):
            text = maker.edited(source.text, topic, names)
        else:
            text = maker.spun(source.text)
        add(text, event, day, True)
    return articles, [_analysis(a) for a in articles]


# ---- timing ---------------------------------------------------------------------------------


def time_stage(
    articles: Sequence[Article], analyses: Sequence[ArticleAnalysis]
) -> tuple[dict[str, float], Story]:
    """Seconds of ``link_story`` as a whole and of each of its steps, from one run."""
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    with step_timer(times.__setitem__):
        story = link_story(articles, analyses)
    times["link_story"] = time.perf_counter() - t0
    return times, story


def growth_exponent(points: Sequence[tuple[int, float]]) -> tuple[float, float]:
    """Least-squares slope of log(time) over log(n), and its standard error (0 with fewer than
    three sizes). 1 is linear, 2 quadratic; a doubling multiplies the time by 2**exponent, so
    the 2.3 target is an exponent of log2(2.3) = 1.20."""
    xs = [math.log2(n) for n, _ in points]
    ys = [math.log2(t) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    if len(points) < 3:
        return slope, 0.0
    residuals = [y - (my + slope * (x - mx)) for x, y in zip(xs, ys, strict=True)]
    return slope, math.sqrt(sum(r * r for r in residuals) / (len(points) - 2) / sxx)


def resident_mib() -> float:
    """Current resident memory (Linux ``/proc``; the peak from ``getrusage`` elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--rounds", type=int, default=3, help="rounds over every size; the best time counts")
    parser.add_argument(
        "--floor",
        type=float,
        default=0.05,
        help="steps faster than this (at the largest size) are not judged",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=600.0,
        help="sizes where the stage would pass this many seconds are not run (and the bench fails)",
    )
    args = parser.parse_args()
    sizes = sorted(args.sizes)

    # Every corpus is built first and kept for the whole run, so every size is timed over the
    # same heap (timed alone, a 1k run went 40% faster per operation than over a large heap, and
    # the 1k -> 2k ratios read ~3 while every call count doubled exactly). Rounds go over all
    # sizes in turn, so a slow spell of the machine (we measured +-30% on one step between
    # repeats) lands on every size rather than on one, and the best round counts.
    corpora: dict[int, tuple[list[Article], list[ArticleAnalysis]]] = {}
    for n in sorted(sizes, reverse=True):
        t0 = time.perf_counter()
        corpora[n] = corpus(n)
        print(f"n={n}: corpus built in {time.perf_counter() - t0:.1f}s", flush=True)
    print(f"resident memory with every corpus built: {resident_mib():.0f} MiB")

    best: dict[int, dict[str, float]] = {n: {} for n in sizes}
    stories: dict[int, Story] = {}
    cut = len(sizes)  # sizes[cut:] are over the budget and not run
    for r in range(args.rounds):
        for k, n in enumerate(sizes[:cut]):
            times, stories[n] = time_stage(*corpora[n])
            for name, seconds in times.items():
                best[n][name] = min(best[n].get(name, math.inf), seconds)
            print(f"round {r + 1}: n={n} link_story {times['link_story']:.2f} s", flush=True)
            if times["link_story"] * TARGET > args.budget and k + 1 < cut:
                print(f"  the next size would pass the {args.budget:.0f} s budget: larger sizes not run")
                cut = k + 1
    measured = sizes[:cut]

    for n in measured:
        kinds: dict[str, int] = {}
        for o in stories[n].origins:
            for rel in o.relations:
                kinds[rel.kind] = kinds.get(rel.kind, 0) + 1
        print(
            f"n={n}: {sum(kinds.values())} copy relations {dict(sorted(kinds.items()))}; best of {args.rounds}:"
        )
        for name, seconds in best[n].items():
            print(f"  {name:26s} {seconds:8.3f} s")

    ok = cut == len(sizes)
    names = list(best[measured[0]])
    print(f"doubling ratios time(2n)/time(n); the stage must stay <= {TARGET} at every doubling:")
    for small, large in pairwise(measured):
        if large != 2 * small:
            continue
        for name in names:
            ratio = best[large][name] / best[small][name]
            over = ratio > TARGET
            judged = name == "link_story"
            ok = ok and not (over and judged)
            flag = (
                (" OVER TARGET" if judged else " (one doubling; steps are judged by growth below)")
                if over
                else ""
            )
            print(f"  {small:>5d} -> {large:>5d}  {name:26s} {ratio:5.2f}{flag}")
    limit = math.log2(TARGET)
    print(
        f"growth exponent ± standard error over {measured[0]}-{measured[-1]} (time ~ n^e; target"
        f" e <= {limit:.2f}, i.e. {TARGET} per doubling; a step is over when e - error > {limit:.2f}):"
    )
    for name in names if len(measured) > 1 else ():
        exponent, error = growth_exponent([(n, best[n][name]) for n in measured])
        if name == "link_story":
            over, judged = exponent > limit, True  # the stage: no allowance
        else:  # a step: over only when over by more than its fit's standard error
            over, judged = exponent - error > limit, best[measured[-1]][name] >= args.floor
        ok = ok and not (over and judged)
        flag = (" OVER TARGET" if judged else " (below floor: not judged)") if over else ""
        print(f"  {name:26s} {exponent:5.2f} ± {error:4.2f}{flag}")
    if not ok and cut < len(sizes):
        print(f"not measured at {', '.join(map(str, sizes[cut:]))} (over budget, likely non-linear)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory {peak:.0f} MiB")
    print("bench_link: " + ("near-linear (all within target)" if ok else "OVER TARGET"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
