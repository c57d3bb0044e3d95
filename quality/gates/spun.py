"""Quality gate: "possibly machine-spun" flags on professional news, the seeds, and language.

Data: every page of ``../shared/eval/extraction-aeb/html`` (professional English news) read and
cleaned as ``newsprism analyze`` reads that folder (:func:`quality.gates.product.corpus_of`), and
the five ``../shared/seeds`` as ``newsprism analyze ../shared/seeds`` reports them
(:func:`quality.gates.product.story_of`), with ``spun_or_garbled`` from ``../shared/gold``. Each
English article is parsed and analysed as the product analyses it
(:func:`quality.gates.product.analysed`); its ``ArticleAnalysis.quality`` is scored. Figures:

* ``aeb_flagged_share`` (a ceiling): English pages flagged spun / English pages; a page is scored
  only when its detected language is English, as in the pipeline. ``aeb_dev_flagged_share`` and
  ``aeb_heldout_flagged_share`` split it by the page's position in name order (even: the half
  the signals were tuned on; odd: held out);
* ``seeds_spun_flagged`` / ``seeds_clean_unflagged``: the gold-spun seeds flagged / the clean
  seeds not flagged;
* ``aeb_english_taken_for_other`` (a ceiling, 0): English pages whose detected language is not
  English (such a page would be left out of the analysis); ``aeb_other_taken_for_english``: the
  benchmark's pages in other languages (:data:`NOT_ENGLISH`) detected as English. The confusion
  (true language -> detected) is printed.

* ``multinews_flagged_share`` (a ceiling): held out, never tuned on: the first document of each
  of :data:`MULTINEWS_CLUSTERS` ``../shared/eval/multinews/dev.jsonl`` clusters (professional
  news, lower-cased and tokenised by the data set's makers: "the buffalo bills '", "$ 11.5"),
  read as the JSONL reader reads an object with that text (:func:`quality.gates.product.article_of`),
  flagged spun / scored.

The evidence of every flagged page is printed, so a false flag can be read, not guessed at.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from newsprism.records import Article, Quality

from .gate import DataMissing, require, shared_dir
from .product import analysed, article_of, by_file, corpus_of, story_of

INPUTS = (
    "../shared/eval/extraction-aeb/html",
    "../shared/gold",
    "../shared/seeds",
    "../shared/eval/multinews/dev.jsonl",
)
"""The gold/eval data this gate reads (their hashes are pinned in floors.toml)."""

#: The benchmark's pages that are not in English (id prefix -> language), read by hand: every page
#: whose ``<html lang>`` or detected language is not ``en`` was read, and these 20 are not English.
NOT_ENGLISH: dict[str, str] = {
    "0ec95c7261": "ko", "11ea381ad9": "pt", "20b2b64916": "it", "21486419bb": "id",
    "23aaecd141": "pt", "3252222e61": "pt", "3c6d3381ef": "ru", "57b4dafd18": "de",
    "7837c9d66c": "id", "85439e26c4": "ja", "9da36ae471": "ko", "b3c19dd5f0": "pt",
    "b6fb53e9fb": "it", "ba07d1e647": "de", "c4a3637c66": "ru", "c82b3d1d54": "ru",
    "cc03ddb5ef": "pt", "f105de6e63": "ja", "f6ac15a4d9": "pt", "ff0f958ade": "ru",
}  # fmt: skip


#: Multi-News clusters whose first document the held-out figure scores.
MULTINEWS_CLUSTERS = 200


def multinews_articles(path: Path, clusters: int = MULTINEWS_CLUSTERS) -> list[Article]:
    """The first document of each of the first ``clusters`` Multi-News clusters, clean."""
    out: list[Article] = []
    with path.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines):
            if n >= clusters:
                break
            docs = json.loads(line).get("documents") or []
            article = article_of(f"multinews:{n}", {"title": "", "text": docs[0]}) if docs else None
            if isinstance(article, Article):
                out.append(article)
    return out


def true_language(article: Article) -> str:
    """The hand-read language of a benchmark page (named by its file)."""
    return NOT_ENGLISH.get(Path(article.source).name[:10], "en")


def aeb_articles(html_dir: Path) -> list[Article]:
    """Every benchmark page as a clean article, in name order (the English ones and those set aside
    in another language; pages the readers skip, without main text, left out)."""
    corpus = corpus_of(html_dir)
    articles = sorted([*corpus.articles, *corpus.other_language], key=lambda a: Path(a.source).name)
    if not articles:
        raise DataMissing(f"no readable *.html.gz pages in {html_dir}")
    return articles


def seed_articles(shared: Path) -> list[tuple[Article, bool]]:
    """The seeds as clean articles, each with its gold ``spun_or_garbled``."""
    read = by_file(story_of(require(shared / "seeds")))
    out: list[tuple[Article, bool]] = []
    for gold_path in sorted(require(shared / "gold").glob("0*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        out.append((read[gold["file"]][0], bool(gold["spun_or_garbled"])))
    return out


def assess(articles: Sequence[Article]) -> list[Quality | None]:
    """Each English article's quality as the product's analysis reports it; ``None`` for an
    article detected in another language (the product does not analyse it)."""
    english = [a for a in articles if a.language == "en"]
    scored = {analysis.article: analysis.quality for _, analysis in analysed(english)}
    return [scored.get(a.id) for a in articles]


def _share(flags: Sequence[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def _show(article: Article, quality: Quality) -> None:
    """The evidence behind a flag, so a false flag can be read."""
    kinds = Counter(f.kind for f in quality.flags)
    print(f"  [spun] FLAGGED {article.source[:16]} score {quality.score:.3f} {dict(sorted(kinds.items()))}")
    for flag in quality.flags[:12]:
        print(f"      {flag.kind:<24} {flag.text[:70]!r}")


def run(shared: Path) -> dict[str, float]:
    """Score spun flags on the benchmark pages and the seeds; check the language detection."""
    pages = aeb_articles(require(shared / "eval" / "extraction-aeb" / "html"))
    seeds = seed_articles(shared)
    news = multinews_articles(require(shared / "eval" / "multinews" / "dev.jsonl"))
    qualities = assess([*pages, *(a for a, _ in seeds), *news])
    page_q, seed_q = qualities[: len(pages)], qualities[len(pages) : len(pages) + len(seeds)]
    news_q = [q for q in qualities[len(pages) + len(seeds) :] if q is not None]
    for article, quality in zip(news, qualities[len(pages) + len(seeds) :], strict=True):
        if quality and quality.spun:
            _show(article, quality)
    english = [n for n, a in enumerate(pages) if true_language(a) == "en"]
    flagged = [bool(q and q.spun) for q in page_q]
    for article, quality in zip(pages, page_q, strict=True):
        if quality and quality.spun:
            _show(article, quality)
    seed_flags = [(gold, bool(q and q.spun)) for (_, gold), q in zip(seeds, seed_q, strict=True)]
    for (article, gold), quality in zip(seeds, seed_q, strict=True):
        score = "not scored" if quality is None else f"{quality.score:.3f} spun={quality.spun}"
        print(f"  [spun] seed {Path(article.source).name}: {score} gold={gold}")
    confusion = Counter((true_language(a), a.language) for a in [*pages, *(a for a, _ in seeds)])
    print(f"  [spun] language confusion (true, detected): {dict(sorted(confusion.items()))}")
    others = [a for a in pages if true_language(a) != "en"]
    return {
        "aeb_flagged_share": _share([flagged[n] for n in english]),
        "aeb_dev_flagged_share": _share([flagged[n] for n in english if n % 2 == 0]),
        "aeb_heldout_flagged_share": _share([flagged[n] for n in english if n % 2 == 1]),
        "aeb_english_pages": float(len(english)),
        "seeds_spun_flagged": _share([spun for gold, spun in seed_flags if gold]),
        "seeds_clean_unflagged": _share([not spun for gold, spun in seed_flags if not gold]),
        "aeb_english_taken_for_other": _share([pages[n].language != "en" for n in english]),
        "aeb_other_taken_for_english": _share([a.language == "en" for a in others]),
        "multinews_flagged_share": _share([q.spun for q in news_q]),
        "multinews_scored": float(len(news_q)),
    }


if __name__ == "__main__":
    for name, value in run(shared_dir()).items():
        print(f"{name:<36} {value:.4f}")
    sys.exit(0)
