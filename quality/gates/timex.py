"""Gate ``timex``: publication dates and time-expression values on ../shared/gold, as the product
reports them.

The seeds go through the product once (:func:`quality.gates.product.story_of`: read, cleaned,
parsed, analysed, dates refined across the run by ``link_story`` exactly as ``newsprism analyze``
refines them, from the stored time expressions; none of the seeds has a metadata date). Scored on
that story:

* ``pubdate_within_2_days``: articles whose reported publication date
  (:func:`newsprism.records.effective_published`) is within 2 days of the gold
  ``inferred_publication_date``;
* ``value_accuracy`` = gold expressions with an overlapping expression of ours whose value equals
  the gold value / all gold expressions. Each gold expression is located in our clean article text
  (its ``text`` on its source ``line``, the ``occurrence``-th there): one the cleaner removed, or
  on the headline (not article text), cannot be matched and counts as a miss;
* ``span_recall`` / ``span_precision``: overlap matching, printed for information.

The values are normalised against OUR refined date (not the gold's), as the product reports them.
An earlier version of this gate refined the dates with the parses (``refine_publication_dates(...,
docs)``), an argument the product never passes: that figure measured a path nobody runs.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from newsprism.records import effective_published

from .gate import require
from .product import story_of
from .story import Doc, Span, locate

INPUTS = ("../shared/gold", "../shared/seeds")
"""The gold/eval data this gate reads (their hashes are pinned in floors.toml)."""


def gold_spans(doc: Doc, gold: list[dict[str, Any]]) -> list[tuple[Span | None, str]]:
    """Each gold expression's span in ``doc`` (``None`` when it is not in the clean text) and value."""
    out: list[tuple[Span | None, str]] = []
    for item in gold:
        hits = locate(doc, str(item["text"]), int(item["line"]))
        k = int(item.get("occurrence", 1)) - 1
        out.append((hits[k] if k < len(hits) else None, str(item["value"])))
    return out


def within_2_days(value: str | None, gold_value: str) -> bool:
    """Whether a reported date (``YYYY-MM-DD...``) is at most 2 days from the gold day."""
    return (
        value is not None and abs((date.fromisoformat(value[:10]) - date.fromisoformat(gold_value)).days) <= 2
    )


def run(shared: Path) -> dict[str, float]:
    gold_dir = require(shared / "gold")
    seeds = require(shared / "seeds")
    story = story_of(seeds)
    by_file = {Path(a.source).name: (a, an) for a, an in zip(story.articles, story.analyses, strict=True)}
    n_dated = correct = total = found = 0
    ours_total = ours_matched = 0
    files = sorted(gold_dir.glob("0*.gold.json"))
    for gf in files:
        gold = json.loads(gf.read_text(encoding="utf-8"))
        truth = gold["inferred_publication_date"]
        article, analysis = by_file[gold["file"]]
        published = effective_published(article, analysis)
        n_dated += within_2_days(published.value, truth)
        print(f"  {gold['file'][:3]} gold {truth}  reported {published.value} ({published.confidence})")
        lines = tuple((seeds / gold["file"]).read_text(encoding="utf-8").split("\n"))
        spans = gold_spans(Doc(article.id, article.text, lines), gold["time_expressions"])
        ours = [(t.span.start, t.span.end, t.value) for t in analysis.time_expressions]
        for span, gv in spans:
            total += 1
            if span is None:
                print(f"  {gold['file'][:3]} gold expression not in the clean text: {gv}")
                continue
            hits = [v for s, e, v in ours if s < span[2] and span[1] < e]
            found += bool(hits)
            correct += gv in hits
        located = [s for s, _ in spans if s is not None]
        ours_total += len(ours)
        ours_matched += sum(any(s < ge and gs < e for _, gs, ge in located) for s, e, _ in ours)
    return {
        "pubdate_within_2_days": n_dated / len(files),
        "value_accuracy": correct / total,
        "span_recall": found / total,
        "span_precision": ours_matched / ours_total if ours_total else 0.0,
        "gold_expressions": float(total),
    }
