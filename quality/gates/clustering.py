"""Gate ``clustering``: online story clustering (:func:`newsprism.stories.cluster`) against gold.

Sets (one configuration of ours, the default :class:`~newsprism.stories.ClusterConfig`, for all):

* ``uci``: ../shared/eval/clustering-uci/uci_sample.jsonl, 6,366 headlines (title only, no body)
  with millisecond timestamps; gold = ``story``. Headline-only input, in publication order.
* ``multinews``: ../shared/eval/multinews/dev.jsonl, every document of every cluster as an item
  (title empty, text = the document, ``published`` None: the set has no dates), shuffled with
  ``random.Random(SEED)`` so each cluster's documents arrive spread over the stream; gold = the
  cluster.

Entities: none are passed, so the clusterer falls back on capitalised multi-word runs
(:func:`newsprism.stories.fallback_entities`); the product passes the entity keys of its own
mentions (:func:`newsprism.stories.item_of`). Measured once with the product's keys (the trained
pipeline and ``extract_mentions`` on every item, ~6.5 minutes on the shared 2-core machine, too
slow for a gate): uci F1 0.8798, multinews 0.7986, against 0.8829 and 0.7996 here. On the
lowercased Multi-News text the NER finds few people and many common places ("us",
"washington"), which is why the entity weight stays small (see ``ClusterConfig``).

Scores: B-cubed precision / recall / F1 (Bagga & Baldwin 1998: per item, the share of its
predicted cluster that is in its gold cluster and vice versa, averaged over items) and the
adjusted Rand index (Hubert & Arabie 1985), both from the contingency table (linear in items).

Baseline, same items, same order, same run: single-pass TF-IDF clustering. Each item's terms
(:func:`newsprism.words.content_stems` of title and text, idf updated online) as a unit vector;
cosine to every story centroid (the mean of its items' vectors; exact, through an inverted index
over centroid terms), the item joins the best story at or above the threshold, else opens one.
Printed at each of ``BASELINE_THRESHOLDS``; ``*_lead_over_best_baseline`` = ours minus the best.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from newsprism.stories import StoryItem, cluster
from newsprism.words import content_stems

from .gate import require

INPUTS = ("../shared/eval/clustering-uci/uci_sample.jsonl", "../shared/eval/multinews/dev.jsonl")
"""The eval data this gate reads (their hashes are pinned in floors.toml)."""

SEED = 11
BASELINE_THRESHOLDS = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5)

Gold = dict[str, str]


def uci_items(path: Path) -> tuple[list[StoryItem], Gold]:
    items: list[StoryItem] = []
    gold: Gold = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        published = datetime.fromtimestamp(row["timestamp_ms"] / 1000, tz=UTC)
        items.append(StoryItem(f"uci-{row['id']}", published, row["title"], ""))
        gold[f"uci-{row['id']}"] = str(row["story"])
    return items, gold


def multinews_items(path: Path) -> tuple[list[StoryItem], Gold]:
    items: list[StoryItem] = []
    gold: Gold = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for n, document in enumerate(row["documents"]):
            if document.strip():
                article_id = f"mn-{row['idx']}-{n}"
                items.append(StoryItem(article_id, None, "", document))
                gold[article_id] = str(row["idx"])
    random.Random(SEED).shuffle(items)
    return items, gold


def bcubed(predicted: dict[str, str], gold: Gold) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of ``predicted`` (item -> cluster) against ``gold``."""
    pair = Counter((predicted[i], gold[i]) for i in gold)
    pred_size = Counter(predicted[i] for i in gold)
    gold_size = Counter(gold.values())
    n = len(gold)
    precision = sum(c * c / pred_size[p] for (p, _), c in pair.items()) / n
    recall = sum(c * c / gold_size[g] for (_, g), c in pair.items()) / n
    return precision, recall, 2 * precision * recall / (precision + recall)


def adjusted_rand(predicted: dict[str, str], gold: Gold) -> float:
    pair = Counter((predicted[i], gold[i]) for i in gold)
    pred_size = Counter(predicted[i] for i in gold)
    gold_size = Counter(gold.values())
    index = sum(math.comb(c, 2) for c in pair.values())
    a = sum(math.comb(c, 2) for c in pred_size.values())
    b = sum(math.comb(c, 2) for c in gold_size.values())
    expected = a * b / math.comb(len(gold), 2)
    top = (a + b) / 2
    return 1.0 if top == expected else (index - expected) / (top - expected)


def baseline(items: Sequence[StoryItem], threshold: float) -> dict[str, str]:
    """Single-pass TF-IDF clustering (see the module docstring): item id -> story number."""
    df: Counter[str] = Counter()
    postings: dict[str, dict[int, float]] = {}  # term -> story -> centroid weight (sum)
    sizes: list[int] = []
    norms2: list[float] = []
    out: dict[str, str] = {}
    for documents, item in enumerate(items, 1):
        counts = Counter(content_stems(f"{item.title}\n{item.text}"))
        df.update(counts.keys())
        raw = {
            t: (1 + math.log(c)) * (math.log((documents + 1) / (df[t] + 1)) + 1) for t, c in counts.items()
        }
        norm = math.sqrt(sum(w * w for w in raw.values())) or 1.0
        vector = {t: w / norm for t, w in raw.items()}
        dots: dict[int, float] = {}
        for term, w in vector.items():
            for story, cw in postings.get(term, {}).items():
                dots[story] = dots.get(story, 0.0) + w * cw
        best, best_cos = -1, threshold
        for story, dot in dots.items():
            cosine = dot / math.sqrt(norms2[story])
            if cosine >= best_cos and (cosine > best_cos or best < 0 or story < best):
                best, best_cos = story, cosine
        if best < 0:
            best = len(sizes)
            sizes.append(0)
            norms2.append(0.0)
            dot = 0.0
        else:
            dot = dots[best]
        sizes[best] += 1
        norms2[best] += 2 * dot + sum(w * w for w in vector.values())
        for term, w in vector.items():
            posting = postings.setdefault(term, {})
            posting[best] = posting.get(best, 0.0) + w
        out[item.article_id] = str(best)
    return out


def score_set(name: str, items: list[StoryItem], gold: Gold) -> dict[str, float]:
    figures: dict[str, float] = {}
    ours = cluster(items).story_of()
    p, r, f = bcubed(ours, gold)
    figures |= {
        f"{name}_bcubed_precision": p,
        f"{name}_bcubed_recall": r,
        f"{name}_bcubed_f1": f,
        f"{name}_ari": adjusted_rand(ours, gold),
        f"{name}_stories": float(len(set(ours.values()))),
    }
    best = 0.0
    for threshold in BASELINE_THRESHOLDS:
        predicted = baseline(items, threshold)
        _, _, bf = bcubed(predicted, gold)
        figures[f"{name}_baseline_{threshold}_bcubed_f1"] = bf
        figures[f"{name}_baseline_{threshold}_ari"] = adjusted_rand(predicted, gold)
        best = max(best, bf)
    figures[f"{name}_bcubed_f1_lead_over_best_baseline"] = f - best
    return figures


def run(shared: Path) -> dict[str, float]:
    uci = require(shared / "eval" / "clustering-uci" / "uci_sample.jsonl")
    multinews = require(shared / "eval" / "multinews" / "dev.jsonl")
    return score_set("uci", *uci_items(uci)) | score_set("multinews", *multinews_items(multinews))
