"""Gate ``multinews``: multi-document summaries on Multi-News (../shared/eval/multinews/dev.jsonl).

Each line is one cluster ``{idx, summary, documents[]}``. The gate scores the story
``newsprism analyze --summary-words 300`` builds from each cluster given as a JSONL file of
``{"text": document}`` objects (:func:`quality.gates.product.story_of_objects`: the JSONL reader,
the cleaner, duplicates and other languages set aside by ``read_corpus``, the trained parse and
``analyze_doc``, then ``link_story``, whose origins, copies included, feed the summary).

The gate scores every cluster (:data:`STRIDE` = 1; about 3 minutes of the trained parse on 2
cores): a sample would be a choice, and on this data the lead over the baselines moves with the
sample (every 3rd cluster read 0.0026 ROUGE-2, every 2nd 0.0042, all 0.0052). (Until issue 10 the
gate scored all clusters on sentences from spaCy's rule-based sentencizer, with origins of its
own: a path the product never runs.)

Systems, same sentences (the product's ``ArticleAnalysis.sentences``, less those the product reads
as page furniture, :func:`newsprism.summarize.news_spans`: captions, credits, the site's notices to
its reader, and a sentence that opens with a credit or a notice glued to its lede given from where
its news starts; a baseline fed text the product does not read as news would lose to it for that
alone), same run (see :mod:`quality.gates.baselines`):

* **ours**: the story's cited summary, sentences joined in its reading order;
* **lead**: round-robin first sentences of each document (all documents, input order);
* **lexrank**: LexRank with threshold 0.1 (Erkan & Radev 2004), damping 0.15;
* **centroid**: tf-idf cosine similarity to the cluster centroid (Radev et al. 2004).

Every system's output is truncated to its first 300 whitespace words before scoring (ours never
exceeds it; baselines fill the budget and are cut mid-sentence). ROUGE-1/2/L F-measure of the
rouge-score package with Porter stemming against the reference ``summary``, averaged over
clusters, reported as fractions.

Figures: ``{ours,lead,lexrank,centroid}_rouge{1,2,L}``; ``rouge{1,2}_lead_over_best_baseline`` =
ours minus the best baseline on that measure; ``citation_coverage`` = share of our summary
sentences whose cited span (``Article.text[start:end]`` of the cited article) contains the
sentence text; ``unresolved_share`` = share of our summary sentences that open (outside a
quotation) with a pronoun or demonstrative no reader can resolve: no speaker shown beside it and
not right after its article's previous sentence in the summary (the gate's own strict word list,
:data:`LEADING`: a time phrase such as "This year" counts too). ``run`` scores every :data:`STRIDE`-th cluster; ``--stride K`` every K-th.

``python -m quality.gates.multinews FILE --out summaries.jsonl`` writes one line per cluster
``{idx, summary, sentences: [{text, citations}]}`` (the first citation is the span the sentence was
taken from, the rest corroborate it) and prints the table.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsprism.config import Settings
from newsprism.errors import NothingUsableError
from newsprism.records import Article, Citation, Span, Story, SummarySentence

from .baselines import centroid, lead, lexrank
from .gate import require
from .product import news_of, story_of_objects

INPUTS = ("../shared/eval/multinews/dev.jsonl",)
"""The gold/eval data this gate reads (their hashes are pinned in floors.toml)."""

LEADING = re.compile(
    r"(?:he|she|they|it|him|her|his|their|them|its|i|my|we|our|us|you|your|"
    r"this|that|these|those|such)\b",
    re.IGNORECASE,
)
"""The opening words that point back to an earlier sentence (checked outside quotations)."""

BUDGET = 300
STRIDE = 1
"""The gate scores clusters 0, 2, 4, ...: 563 of 1,125 (about 75 s on 2 cores; all of them take 170 s)."""
SUMMARY_SETTINGS = Settings(quiet=True, summary_words=BUDGET)
SYSTEMS = ("ours", "lead", "lexrank", "centroid")
BASELINES = ("lead", "lexrank", "centroid")
MEASURES = ("rouge1", "rouge2", "rougeL")


@dataclass(frozen=True, slots=True)
class Cluster:
    """One cluster: its reference summary and the story the product builds from its documents
    (``None`` when the product finds nothing usable in them)."""

    idx: int
    reference: str
    story: Story | None


@dataclass(frozen=True, slots=True)
class Result:
    idx: int
    outputs: dict[str, str]  # system -> text (already truncated)
    summary: tuple[SummarySentence, ...]
    covered: int  # our sentences whose cited span contains their text
    unresolved: int  # our sentences opening with a pronoun or demonstrative nothing resolves


def read_clusters(path: Path, stride: int = 1) -> list[dict[str, Any]]:
    """Every ``stride``-th line of ``path`` (a deterministic subset), parsed."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for k, line in enumerate(fh) if line.strip() and k % stride == 0]


def build_clusters(rows: Sequence[dict[str, Any]]) -> Iterator[Cluster]:
    """The product's story of each cluster's documents."""
    for row in rows:
        objects = [{"text": d} for d in row["documents"]]
        try:
            story: Story | None = story_of_objects(objects, SUMMARY_SETTINGS)
        except NothingUsableError as exc:
            print(f"  cluster {row['idx']}: {exc}")
            story = None
        yield Cluster(idx=int(row["idx"]), reference=row["summary"], story=story)


def truncate(text: str, budget: int = BUDGET) -> str:
    """The first ``budget`` whitespace words of ``text``."""
    return " ".join(text.split()[:budget])


def covers(cluster: Cluster, sentence: SummarySentence) -> bool:
    """Whether the sentence's cited span, read from the cited article, contains its text."""
    cite: Citation = sentence.citation
    articles = cluster.story.articles if cluster.story else ()
    text = {a.id: a.text for a in articles}.get(cite.span.article)
    return text is not None and sentence.text in cite.span.text_of(text)


def unresolved(cluster: Cluster) -> int:
    """Our summary sentences opening (outside a quotation) with a :data:`LEADING` word, with no
    speaker shown and not right after the previous sentence of their article (a summary sentence
    over two of its sentences, a torn quotation taken whole, ends at the second)."""
    if cluster.story is None:
        return 0
    starts = {an.article: [s for s, _ in an.sentences] for an in cluster.story.analyses}
    count = 0
    previous: tuple[str, int] | None = None
    for s in cluster.story.summary:
        span = s.citation.span
        first, last = (
            bisect.bisect_right(starts.get(span.article, []), at) - 1 for at in (span.start, span.end - 1)
        )
        follows = previous == (span.article, first - 1)
        previous = (span.article, last)  # a summary sentence may run over two of the article's
        opens = s.text[:1] not in "\"'“‘«" and LEADING.match(s.text)
        count += bool(opens and not s.speaker and not follows)
    return count


def summarise_cluster(cluster: Cluster) -> Result:
    """Our summary and the three baselines for one cluster."""
    story = cluster.story
    summary = story.summary if story else ()
    pairs = zip(story.articles, story.analyses, strict=True) if story else iter(())
    news = news_of(story) if story else {}
    documents = [
        [text for k, span in enumerate(an.sentences) if (text := _news(a, k, span, news))] for a, an in pairs
    ]
    outputs = {
        "ours": " ".join(s.text for s in summary),
        "lead": " ".join(lead(documents)),
        "lexrank": " ".join(lexrank(documents)),
        "centroid": " ".join(centroid(documents)),
    }
    return Result(
        idx=cluster.idx,
        outputs={k: truncate(v) for k, v in outputs.items()},
        summary=summary,
        covered=sum(covers(cluster, s) for s in summary),
        unresolved=unresolved(cluster),
    )


def _news(
    article: Article, k: int, span: tuple[int, int], news: Mapping[tuple[str, int], Span | None]
) -> str:
    """Sentence ``k`` of ``article`` as the product reads its news (empty: page furniture)."""
    start, end = span
    if (article.id, k) in news:
        part = news[(article.id, k)]
        if part is None:
            return ""
        start, end = part.start, part.end
    return article.text[start:end].strip()


class Rouge:
    """rouge-score's ROUGE-1/2/L F-measures with Porter stemming, made fast enough for the gate.

    Tokens come from rouge-score's own tokenizer with its Porter stemmer (each word stemmed once
    and cached); ROUGE-1/2 are rouge-score's :class:`RougeScorer`; ROUGE-L is rouge-score's
    ``_score_lcs`` formula with the LCS length from ``rapidfuzz`` (rouge-score's pure-Python LCS
    table takes ~0.15 s per pair; the lengths are identical, see the unit tests)."""

    def __init__(self) -> None:
        from functools import lru_cache

        from nltk.stem import porter
        from rouge_score import rouge_scorer, tokenize

        stemmer = porter.PorterStemmer()

        class _Cached:
            stem = staticmethod(lru_cache(maxsize=None)(stemmer.stem))

        cached = _Cached()

        class _Tokenizer:
            def tokenize(self, text: str) -> list[str]:
                return list(_tokens(text))

        @lru_cache(maxsize=4096)
        def _tokens(text: str) -> tuple[str, ...]:
            return tuple(tokenize.tokenize(text, cached))

        self._tokens = _tokens
        self._ngrams = rouge_scorer.RougeScorer(["rouge1", "rouge2"], tokenizer=_Tokenizer())

    def score(self, reference: str, prediction: str) -> dict[str, float]:
        """``{rouge1, rouge2, rougeL}`` F-measures of ``prediction`` against ``reference``."""
        from rapidfuzz.distance import LCSseq
        from rouge_score import scoring

        got = self._ngrams.score(reference, prediction)
        ref, pred = self._tokens(reference), self._tokens(prediction)
        lcs_f = 0.0
        if ref and pred:
            lcs = LCSseq.similarity(list(ref), list(pred))
            lcs_f = scoring.fmeasure(lcs / len(pred), lcs / len(ref))
        return {"rouge1": got["rouge1"].fmeasure, "rouge2": got["rouge2"].fmeasure, "rougeL": lcs_f}


def score(results: Sequence[Result], references: Sequence[str]) -> dict[str, float]:
    """Mean ROUGE F-measures per system, the leads over the best baseline and coverage."""
    rouge = Rouge()
    sums = {f"{s}_{m}": 0.0 for s in SYSTEMS for m in MEASURES}
    for result, ref in zip(results, references, strict=True):
        for system in SYSTEMS:
            got = rouge.score(ref, result.outputs[system])
            for m in MEASURES:
                sums[f"{system}_{m}"] += got[m]
    n = max(1, len(results))
    figures = {k: v / n for k, v in sums.items()}
    for m in ("rouge1", "rouge2"):
        best = max(figures[f"{b}_{m}"] for b in BASELINES)
        figures[f"{m}_lead_over_best_baseline"] = figures[f"ours_{m}"] - best
    sentences = sum(len(r.summary) for r in results)
    figures["citation_coverage"] = sum(r.covered for r in results) / sentences if sentences else 0.0
    figures["unresolved_share"] = sum(r.unresolved for r in results) / sentences if sentences else 0.0
    return figures


def evaluate(path: Path, stride: int = STRIDE, out: Path | None = None) -> dict[str, float]:
    """Summarise every ``stride``-th cluster of ``path`` with all systems and score them."""
    rows = read_clusters(path, stride)
    clusters = list(build_clusters(rows))
    results = [summarise_cluster(c) for c in clusters]
    if out is not None:
        with out.open("w", encoding="utf-8") as fh:
            for cluster, result in zip(clusters, results, strict=True):
                fh.write(json.dumps(_line(cluster, result), ensure_ascii=False) + "\n")
    return score(results, [c.reference for c in clusters])


def _line(cluster: Cluster, result: Result) -> dict[str, Any]:
    doc_no = {a.id: k for k, a in enumerate(cluster.story.articles if cluster.story else ())}

    def cite(c: Citation) -> dict[str, Any]:
        return {
            "document": doc_no.get(c.span.article),
            "article": c.span.article,
            "start": c.span.start,
            "end": c.span.end,
            "text": c.text,
        }

    return {
        "idx": cluster.idx,
        "summary": result.outputs["ours"],
        "sentences": [
            {"text": s.text, "citations": [cite(s.citation), *(cite(c) for c in s.corroborations)]}
            for s in result.summary
        ],
    }


def run(shared: Path) -> dict[str, float]:
    """The gate: every :data:`STRIDE`-th cluster of ``multinews/dev.jsonl``."""
    return evaluate(require(shared / "eval" / "multinews" / "dev.jsonl"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m quality.gates.multinews", description=__doc__.split("\n")[0]
    )
    parser.add_argument("file", type=Path, help="Multi-News jsonl: {idx, summary, documents[]} per line")
    parser.add_argument("--out", type=Path, default=None, help="write our summaries here (jsonl)")
    parser.add_argument(
        "--stride", type=int, default=STRIDE, help=f"score every K-th cluster (default: {STRIDE}; 1: all)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    figures = evaluate(args.file, args.stride, args.out)
    took = time.perf_counter() - started
    subset = "all clusters" if args.stride == 1 else f"every {args.stride}th cluster"
    print(f"multinews: {subset} of {args.file}, outputs truncated to {BUDGET} words, {took:.1f}s")
    print(f"{'system':<10} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-L':>8}")
    for system in SYSTEMS:
        row = " ".join(f"{100 * figures[f'{system}_{m}']:8.2f}" for m in MEASURES)
        print(f"{system:<10} {row}")
    for name in (
        "rouge1_lead_over_best_baseline",
        "rouge2_lead_over_best_baseline",
        "citation_coverage",
        "unresolved_share",
    ):
        print(f"{name}: {figures[name]:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
