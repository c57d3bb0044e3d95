"""Quality gate: boilerplate lines removed by the cleaner against the gold annotation.

The seeds are read and cleaned as ``newsprism analyze ../shared/seeds`` reads them
(:func:`quality.gates.product.corpus_of`: the plain-text reader takes the first non-empty line as
the headline, its outlet suffix as the outlet, and the cleaner removes boilerplate lines with the
reasons it records in ``Article.removed``). Each ``../shared/gold/0*.gold.json`` is scored on the
article read from the seed it names. Line-level figures, micro-averaged over the articles:

* ``line_precision``: removed lines that gold lists as boilerplate / all removed lines;
* ``line_recall``: gold boilerplate lines removed / all gold boilerplate lines;
* ``subheadings_kept``: gold sub-headings still in the clean text / all gold sub-headings;
* ``body_lines_kept``: non-blank body lines that are neither boilerplate nor removed / all of them.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .gate import DataMissing, require
from .product import corpus_of

INPUTS = ("../shared/gold", "../shared/seeds")
"""The gold/eval data this gate reads (their hashes are pinned in floors.toml)."""


def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


def run(shared: Path) -> dict[str, float]:
    """Score the cleaner on every gold article; return the figures named in the module doc."""
    gold_dir = require(shared / "gold")
    seeds = require(shared / "seeds")
    golds = sorted(gold_dir.glob("0*.gold.json"))
    if not golds:
        raise DataMissing(f"no 0*.gold.json files in {gold_dir}")
    articles = {Path(a.source).name: a for a in corpus_of(seeds).articles}
    true_pos = removed_total = gold_total = 0
    subs_kept = subs_total = body_kept = body_total = 0
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        article = articles[require(seeds / gold["file"]).name]
        gold_lines = Counter(line.strip() for line in gold["boilerplate_lines"])
        removed = Counter(r.line.strip() for r in article.removed)
        true_pos += sum((removed & gold_lines).values())
        removed_total += sum(removed.values())
        gold_total += sum(gold_lines.values())
        kept = {line.strip() for line in article.text.split("\n")}
        subheadings = [s.strip() for s in gold.get("subheadings", [])]
        subs_total += len(subheadings)
        subs_kept += sum(s in kept for s in subheadings)
        source = (seeds / gold["file"]).read_text(encoding="utf-8").splitlines()
        headline = next(k for k, line in enumerate(source) if line.strip())
        body = Counter(line.strip() for line in source[headline + 1 :] if line.strip()) - gold_lines
        body_total += sum(body.values())
        body_kept += sum((body & Counter(kept_line for kept_line in article.text.split("\n"))).values())
    return {
        "line_precision": _ratio(true_pos, removed_total),
        "line_recall": _ratio(true_pos, gold_total),
        "subheadings_kept": _ratio(subs_kept, subs_total),
        "body_lines_kept": _ratio(body_kept, body_total),
    }
