"""Quality gate: HTML main-text extraction on the Article Extraction Benchmark.

Data: ``../shared/eval/extraction-aeb`` (scrapinghub/article-extraction-benchmark: gzipped HTML
pages and ``ground-truth.json`` mapping each id to its ``articleBody``). Metric as in that
benchmark's ``evaluate.py``: per document, true/false positives and false negatives over 4-word
shingles (``\\w+`` tokens), normalised by their sum; precision and recall averaged over documents;
F1 of the two averages.

``precision``/``recall``/``f1`` score the article text ``newsprism analyze`` gets from each page:
the folder of gzipped pages read and cleaned as the product reads it
(:func:`quality.gates.product.corpus_of`: sniffed, gunzipped, the HTML reader's main-text
extraction, the cleaner; pages in another language included, as ``newsprism ingest`` stores them;
a page the readers skip scores as empty output). Two trafilatura runs in the same gate, for
comparison: ``trafilatura_default_f1`` scores ``trafilatura.extract(html)`` on the page decoded as
UTF-8 with every option at its default; ``trafilatura_benchmark_f1`` scores it with the settings
trafilatura's own benchmark gives its "standard" run (``tests/eval_common.py`` ``RUNNERS["fallback"]``
in adbar/trafilatura: the raw page bytes, ``fast=False, include_comments=False,
include_tables=True, include_formatting=False``). Each ``f1_lead_over_*`` is ours minus that run.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

import trafilatura

from .gate import require, shared_dir
from .product import corpus_of

INPUTS = ("../shared/eval/extraction-aeb",)
"""The gold/eval data this gate reads (their hashes are pinned in floors.toml)."""

Counts = tuple[float, float, float]  # (tp, fp, fn), normalised to sum to 1
SHINGLE = 4
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Multiset of ``n``-token shingles (a text shorter than ``n`` tokens is one shingle)."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def match_counts(true: str, pred: str) -> Counts:
    """Shingle TP/FP/FN between gold and predicted text, normalised so long texts weigh the same."""
    gold, got = shingles(true), shingles(pred)
    tp = float(sum((gold & got).values()))
    fp = float(sum((got - gold).values()))
    fn = float(sum((gold - got).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def score(counts: Sequence[Counts]) -> dict[str, float]:
    """Averaged precision and recall (documents with no predicted / no gold shingles left out of
    the respective average, as in the benchmark) and the F1 of the averages."""
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.fmean(precisions) if precisions else 0.0
    r = statistics.fmean(recalls) if recalls else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def evaluate(truth: Mapping[str, str], outputs: Mapping[str, str]) -> dict[str, float]:
    """Score the extracted ``outputs`` over every gold document (a missing one counts as empty)."""
    return score([match_counts(body, outputs.get(key, "")) for key, body in truth.items()])


def ours(html_dir: Path) -> dict[str, str]:
    """The product's article text of each page, by page id (``<id>.html.gz``)."""
    corpus = corpus_of(html_dir)
    return {Path(a.source).name.split(".", 1)[0]: a.text for a in (*corpus.articles, *corpus.other_language)}


def trafilatura_default(html: bytes) -> str:
    """``trafilatura.extract`` with all options left at their defaults."""
    return trafilatura.extract(html.decode("utf-8", errors="replace")) or ""


BENCHMARK_OPTIONS: dict[str, bool] = {
    "fast": False,
    "include_comments": False,
    "include_tables": True,
    "include_formatting": False,
}
"""trafilatura's own benchmark settings (adbar/trafilatura ``tests/eval_common.py``)."""


def trafilatura_benchmark(html: bytes) -> str:
    """``trafilatura.extract`` as trafilatura's benchmark runs it: raw bytes (it decodes them
    itself) and :data:`BENCHMARK_OPTIONS`."""
    return trafilatura.extract(html, **BENCHMARK_OPTIONS) or ""


def load(root: Path) -> tuple[dict[str, str], dict[str, bytes]]:
    """Gold bodies by id and the decompressed HTML bytes of each page."""
    truth_file = require(root / "ground-truth.json")
    html_dir = require(root / "html")
    gold = json.loads(truth_file.read_text(encoding="utf-8"))
    truth = {key: str(item.get("articleBody") or "") for key, item in sorted(gold.items())}
    pages = {}
    for path in sorted(html_dir.glob("*.html.gz")):
        key = path.name.split(".", 1)[0]
        if key in truth:
            pages[key] = gzip.decompress(path.read_bytes())
    return truth, pages


def run(shared: Path) -> dict[str, float]:
    """The gate's figures: ours (precision, recall, f1) and trafilatura's F1 in two runs."""
    root = require(shared / "eval" / "extraction-aeb")
    truth, pages = load(root)
    figures = evaluate(truth, ours(root / "html"))
    for name, run_one in (("default", trafilatura_default), ("benchmark", trafilatura_benchmark)):
        baseline = evaluate(truth, {key: run_one(html) for key, html in pages.items()})
        figures[f"trafilatura_{name}_f1"] = baseline["f1"]
        figures[f"f1_lead_over_trafilatura_{name}"] = figures["f1"] - baseline["f1"]
    figures["documents"] = float(len(truth))
    return figures


if __name__ == "__main__":
    for name, value in run(shared_dir()).items():
        print(f"{name:<36} {value:.4f}")
    sys.exit(0)
