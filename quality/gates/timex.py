"""Gate ``timex``: publication-date inference and time-expression values on ../shared/gold.

For each seed article (first non-empty line = headline, the rest = body, parsed once as it is:
no cleaning, so offsets map straight back to the gold's line numbers) we infer the publication
date from the text alone, then refine it across the run of five (none of the seeds has a date in
its metadata), and compare with the gold ``inferred_publication_date``:

* ``pubdate_within_2_days``: articles whose refined date is within 2 days of the gold's;
* ``pubdate_within_2_days_single``: the same for the per-article inference alone (no floor);
* ``pubdate_within_2_days_without_docs``: refinement from the stored expressions only (no floor).

Time expressions are normalised against OUR refined date (not the gold's), then:

* ``value_accuracy`` = gold expressions with an overlapping expression of ours (same line) whose
  value equals the gold value / all gold expressions;
* ``span_recall`` / ``span_precision``: overlap matching, printed for information.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from newsprism.extract.document import sentence_spans
from newsprism.extract.timex import anchor_date_of, extract_time_expressions, infer_publication_date
from newsprism.link.dates import refine_publication_dates
from newsprism.nlp import load_pipeline
from newsprism.records import Article, ArticleAnalysis

from .gate import require


def _gold_spans(text: str, gold: list[dict[str, object]]) -> list[tuple[int, int, str]]:
    """Character spans (in the whole file) of the gold items, located by line and occurrence."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    out = []
    for item in gold:
        line_no = int(str(item["line"]))
        needle = str(item["text"])
        line = lines[line_no - 1]
        pos = -1
        for _ in range(int(str(item.get("occurrence", 1)))):
            pos = line.find(needle, pos + 1)
        if pos < 0:
            raise ValueError(f"gold text {needle!r} not on line {line_no}")
        start = offsets[line_no - 1] + pos
        out.append((start, start + len(needle), str(item["value"])))
    return out


def run(shared: Path) -> dict[str, float]:
    gold_dir = require(shared / "gold")
    seeds = require(shared / "seeds")
    nlp = load_pipeline()
    files = sorted(gold_dir.glob("0*.gold.json"))
    articles, docs, golds, texts, heads = [], [], [], [], []
    for gf in files:
        gold = json.loads(gf.read_text(encoding="utf-8"))
        text = (seeds / gold["file"]).read_text(encoding="utf-8")
        lead = len(text) - len(text.lstrip("\n"))
        head_end = text.find("\n", lead)
        title, body = text[lead:head_end], text[head_end + 1 :]
        articles.append(Article(Article.make_id(title, body, None), gold["file"], title, body))
        docs.append(nlp(body))
        golds.append(gold)
        texts.append(text)
        heads.append(head_end + 1)

    single = [infer_publication_date(doc, a.id) for doc, a in zip(docs, articles, strict=True)]
    analyses = [
        ArticleAnalysis(
            article=a.id,
            sentences=sentence_spans(doc),
            time_expressions=tuple(extract_time_expressions(doc, a.id, anchor_date_of(p))),
            published=p,
        )
        for a, doc, p in zip(articles, docs, single, strict=True)
    ]
    refined = refine_publication_dates(articles, analyses, docs)
    no_docs = refine_publication_dates(articles, analyses)  # the fallback without the parses

    def within(value: str | None, gold_value: str) -> bool:
        return (
            value is not None
            and abs((date.fromisoformat(value[:10]) - date.fromisoformat(gold_value)).days) <= 2
        )

    n_no_docs = sum(
        within(an.published.value if an.published else None, g["inferred_publication_date"])
        for an, g in zip(no_docs, golds, strict=True)
    )
    n_single = n_refined = 0
    correct = total = found = 0
    ours_total = ours_matched = 0
    for gold, text, head, p1, an in zip(golds, texts, heads, single, refined, strict=True):
        truth = gold["inferred_publication_date"]
        p2 = an.published
        n_single += within(p1.value, truth)
        n_refined += within(p2.value if p2 else None, truth)
        print(
            f"  {gold['file'][:3]} gold {truth}  single {p1.value} ({p1.confidence})  "
            f"refined {p2.value if p2 else None} ({p2.confidence if p2 else None})"
        )
        spans = _gold_spans(text, gold["time_expressions"])
        ours = [(t.start + head, t.end + head, t.value) for t in an.time_expressions]
        for gs, ge, gv in spans:
            total += 1
            hits = [v for s, e, v in ours if s < ge and gs < e]
            found += bool(hits)
            correct += gv in hits
        ours_total += len(ours)
        ours_matched += sum(any(s < ge and gs < e for gs, ge, _ in spans) for s, e, _ in ours)
    n = len(golds)
    return {
        "pubdate_within_2_days": n_refined / n,
        "pubdate_within_2_days_single": n_single / n,
        "pubdate_within_2_days_without_docs": n_no_docs / n,
        "value_accuracy": correct / total,
        "span_recall": found / total,
        "span_precision": ours_matched / ours_total if ours_total else 0.0,
        "gold_expressions": float(total),
    }
