"""Read every conflict and spun flag the product reports on real multi-outlet coverage.

Not a gate: what a conflict is worth (a true disagreement, or a false alarm and why) is judged by
reading both passages, so this prints them for a reader and counts, no floor. Two sources:

* ``python -m quality.gates.conflict_review multinews [--clusters N] [--seed S]``: N clusters of
  ``../shared/eval/multinews/dev.jsonl`` (default 40, ``--clusters 0`` all), drawn in the order of
  a seeded shuffle, leaving out clusters with a document that is a site's notice rather than an
  article (:func:`notice`); each cluster written as a folder of ``.txt`` files, one document a file,
  and analysed as one story (``newsprism.analyze``, as ``newsprism analyze FOLDER -o story.json``
  does for one story);
* ``python -m quality.gates.conflict_review read FOLDER``: the ``story*.json`` files a run wrote
  (``newsprism analyze PAGES/ -o out/``).

Each conflict is printed with its kind, severity, subject and every value with the text around
its citation; each article judged spun with its flags. The last lines count clusters (stories),
conflicts per kind and severity, and spun articles.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from newsprism.config import Settings
from newsprism.pipeline import analyze
from newsprism.report.story_json import story_to_dict

from .gate import require, shared_dir

JSON = dict[str, Any]
#: Words of a site's notice to its reader (an archive's crawl note, a cookie or sign-up prompt).
_NOTICE = re.compile(
    r"alexa internet|internet archive|wayback machine|crawl|enable (?:javascript|cookies)|cookies|"
    r"javascript|page (?:you|not found)|404|subscribe|sign up for|newsletter|privacy policy|"
    r"terms of (?:use|service)|this video|please (?:try again|enable)|your browser|follow us|"
    r"all rights reserved|advertisement|ad blocker|log in|login",
    re.IGNORECASE,
)
#: Fewest words of a document that is an article, not a notice.
MIN_WORDS = 120
CONTEXT = 140


def notice(document: str) -> bool:
    """Whether ``document`` reads as a site's notice: short, or notice words in its opening or
    more than once."""
    return (
        len(document.split()) < MIN_WORDS
        or bool(_NOTICE.search(document[:600]))
        or len(_NOTICE.findall(document)) >= 2
    )


def sampled(lines: Sequence[JSON], clusters: int, seed: int) -> list[JSON]:
    """``clusters`` clusters (0: all) in a seeded shuffle's order, none with a notice."""
    order = list(range(len(lines)))
    random.Random(seed).shuffle(order)
    picked: list[JSON] = []
    for i in order:
        documents = [d for d in lines[i]["documents"] if d.strip()]
        if len(documents) >= 2 and not any(notice(d) for d in documents):
            picked.append(lines[i])
            if len(picked) == clusters:
                break
    return picked


def multinews_stories(clusters: int, seed: int) -> Iterator[tuple[str, JSON]]:
    """Each sampled cluster's story.json dict, analysed from a folder of one ``.txt`` a document."""
    path = require(shared_dir() / "eval" / "multinews" / "dev.jsonl")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    settings = Settings(quiet=True)
    for cluster in sampled(lines, clusters, seed):
        with tempfile.TemporaryDirectory(prefix="newsprism-review-") as folder:
            for k, document in enumerate(cluster["documents"]):
                (Path(folder) / f"doc{k}.txt").write_text(document.strip() + "\n", encoding="utf-8")
            yield f"cluster {cluster['idx']}", story_to_dict(analyze([folder], settings))


def folder_stories(folder: Path) -> Iterator[tuple[str, JSON]]:
    """The story.json dicts a run wrote in ``folder``, in story order."""
    files = sorted(folder.glob("story*.json"), key=lambda p: [int(n) for n in re.findall(r"\d+", p.name)])
    for path in files:
        yield path.name, json.loads(path.read_text(encoding="utf-8"))


def _around(text: str, start: int, end: int) -> str:
    before, after = text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]
    return " ".join(f"...{before}[[{text[start:end]}]]{after}...".split())


def review(stories: Iterable[tuple[str, JSON]], out: Any = sys.stdout) -> Counter[str]:
    """Print every conflict and spun article of ``stories``; return the counts."""
    counts: Counter[str] = Counter()
    for name, story in stories:
        counts["stories"] += 1
        texts = {a["id"]: a["text"] for a in story["articles"]}
        label = {a["id"]: f"a{k}" for k, a in enumerate(story["articles"])}
        spun = [a for a in story["articles"] if a.get("quality", {}).get("spun")]
        counts["spun articles"] += len(spun)
        if not story["conflicts"] and not spun:
            continue
        print(f"=== {name}: {len(story['articles'])} articles", file=out)
        for a in spun:
            flags = [(f["kind"], f["text"][:60]) for f in a["quality"]["flags"]]
            print(f"  SPUN {label[a['id']]} {a.get('outlet')}: {flags}", file=out)
        for c in story["conflicts"]:
            counts["conflicts"] += 1
            counts[f"{c['kind']}/{c['severity']}"] += 1
            print(f"  [{c['kind']}/{c['severity']}] {c['subject'][:150]}", file=out)
            for v in c["values"]:
                cite = v["citation"]
                around = _around(texts[cite["article"]], cite["start"], cite["end"])
                print(f"     {label[cite['article']]} {v['value'][:80]!r}: {around}", file=out)
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m quality.gates.conflict_review", description=__doc__.split("\n")[0]
    )
    sub = parser.add_subparsers(dest="source", required=True)
    mn = sub.add_parser("multinews", help="sampled Multi-News dev clusters, each one story")
    mn.add_argument("--clusters", type=int, default=40, help="how many clusters (0: all)")
    mn.add_argument("--seed", type=int, default=4242, help="the shuffle's seed")
    rd = sub.add_parser("read", help="the story*.json files of a run's output folder")
    rd.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    stories = (
        multinews_stories(args.clusters, args.seed)
        if args.source == "multinews"
        else folder_stories(args.folder)
    )
    counts = review(stories)
    per_story = counts["conflicts"] / max(counts["stories"], 1)
    print(
        f"{counts['stories']} stories, {counts['conflicts']} conflicts ({per_story:.3f} a story), "
        f"{counts['spun articles']} spun articles"
    )
    for key in sorted(k for k in counts if "/" in k):
        print(f"  {key}: {counts[key]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
