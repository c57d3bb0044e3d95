"""Fit the summary's selection weights on one half of Multi-News dev and check them on the other.

``python -m quality.fit_summary ../shared/eval/multinews/dev.jsonl [--train even|odd] [--cache F]``

The product's own features (:func:`newsprism.summarize.select.concept_features` and
:func:`~newsprism.summarize.select.sentence_features`, on the stories ``newsprism analyze``
builds from each cluster, as the ``multinews`` gate does) are fitted on the clusters of one
``idx`` parity:

* the concept weights by logistic regression (Newton steps, L2 0.1) on whether the reference
  summary uses the concept (its words and pairs of adjacent words, read as the product reads
  text);
* the sentence bonus by ridge regression (lambda 1) on the share of the sentence's words plus the
  share of its word pairs that the reference uses, over the sentences that may be extracted, each
  cluster's mean removed (the bonus only ranks sentences of one story).

It prints both coefficient tables beside the ones in ``select.py``, then ROUGE-1/2 of the summary
with the fitted and with the current weights and of the gate's baselines on each half, so a
refit shows whether it holds on the half it did not see. ``--cache`` keeps the parsed stories (a
pickle; the parse of all 1,125 clusters takes minutes) for the next run. Dev aid, not a gate.
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import numpy as np

from newsprism.link import origin_index
from newsprism.summarize import summarize_with
from newsprism.summarize.candidates import candidates
from newsprism.summarize.select import (
    CONCEPT_WEIGHTS,
    SENTENCE_WEIGHTS,
    Params,
    concept_features,
    concepts,
    sentence_features,
    similar,
    vectorise,
)
from newsprism.summarize.text import tokens

from .gates import multinews as mn

Rows = tuple[np.ndarray, np.ndarray]


def _clusters(path: Path, cache: Path | None) -> list[mn.Cluster]:
    if cache is not None and cache.exists():
        with cache.open("rb") as fh:
            loaded: list[mn.Cluster] = pickle.load(fh)
            return loaded
    clusters = list(mn.build_clusters(mn.read_clusters(path)))
    if cache is not None:
        with cache.open("wb") as fh:
            pickle.dump(clusters, fh)
    return clusters


def _rows(cluster: mn.Cluster) -> tuple[Rows, Rows] | None:
    """Concept features with labels, and eligible sentences' features with targets."""
    story = cluster.story
    if story is None:
        return None
    cands = candidates(story.articles, story.analyses, origin_index(story.origins))
    if not cands:
        return None
    held = [concepts(c.text) for c in cands]
    feats = concept_features(cands, held)
    gold = concepts(cluster.reference)
    cx = np.array(list(feats.values()), dtype=float).reshape(-1, len(CONCEPT_WEIGHTS))
    cy = np.array([k in gold for k in feats], dtype=float)
    neighbours = similar(cands, vectorise(cands), Params())
    rows = sentence_features(cands, neighbours)
    words = [t for t, _ in tokens(cluster.reference)]
    gold_words, gold_pairs = set(words), set(pairwise(words))
    sx: list[tuple[float, ...]] = []
    sy: list[float] = []
    for c, row in zip(cands, rows, strict=True):
        w = [t for t, _ in tokens(c.text)]
        if not c.eligible or len(w) < 2:
            continue
        pairs = list(pairwise(w))
        sx.append(row)
        sy.append(sum(t in gold_words for t in w) / len(w) + sum(p in gold_pairs for p in pairs) / len(pairs))
    s_x = np.array(sx, dtype=float).reshape(-1, len(SENTENCE_WEIGHTS))
    s_y = np.array(sy, dtype=float)
    if len(sy) > 1:
        s_x, s_y = s_x - s_x.mean(axis=0), s_y - s_y.mean()
    return (cx, cy), (s_x, s_y)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 0.1) -> np.ndarray:
    """Coefficients of an L2-regularised logistic regression (Newton steps)."""
    w = np.zeros(x.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (y - p) - l2 * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(w))
        w += np.linalg.solve(hess, grad)
        if np.abs(grad).max() < 1e-6:
            break
    return w


def fit_ridge(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> np.ndarray:
    """Coefficients of a ridge regression."""
    result: np.ndarray = np.linalg.solve(x.T @ x + l2 * np.eye(x.shape[1]), x.T @ y)
    return result


def _score(clusters: Sequence[mn.Cluster], params: Params) -> dict[str, float]:
    results = []
    for cluster in clusters:
        story = cluster.story
        if story is not None:
            summary = summarize_with(
                story.articles, story.analyses, origin_index(story.origins), mn.BUDGET, params
            )
            cluster = dataclasses.replace(cluster, story=dataclasses.replace(story, summary=tuple(summary)))
        results.append(mn.summarise_cluster(cluster))
    return mn.score(results, [c.reference for c in clusters])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quality.fit_summary", description=__doc__.split("\n")[0])
    parser.add_argument("file", type=Path, help="Multi-News jsonl: {idx, summary, documents[]} per line")
    parser.add_argument("--train", choices=("even", "odd"), default="even", help="idx parity to fit on")
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the parsed stories (kept)")
    args = parser.parse_args(argv)
    clusters = _clusters(args.file, args.cache)
    parity = 0 if args.train == "even" else 1
    train = [c for c in clusters if c.idx % 2 == parity]
    held_out = [c for c in clusters if c.idx % 2 != parity]
    parts = [r for r in map(_rows, train) if r is not None]
    concept = fit_logistic(np.vstack([c[0] for c, _ in parts]), np.concatenate([c[1] for c, _ in parts]))
    sentence = fit_ridge(np.vstack([s[0] for _, s in parts]), np.concatenate([s[1] for _, s in parts]))
    for title, table, fitted in (
        ("concept weights", CONCEPT_WEIGHTS, concept),
        ("sentence bonus", SENTENCE_WEIGHTS, sentence),
    ):
        print(f"{title} (fitted on {args.train} idx / in select.py)")
        for (name, current), value in zip(table, fitted, strict=True):
            print(f"  {value:+8.3f} {current:+8.3f}  {name}")
    fitted_params = Params(concept_weights=tuple(concept), sentence_weights=tuple(sentence))
    for label, part in ((f"fitted on ({args.train})", train), ("held out", held_out)):
        for name, params in (("fitted", fitted_params), ("select.py", Params())):
            got = _score(part, params)
            baselines = " ".join(
                f"{b} {100 * got[f'{b}_rouge1']:.2f}/{100 * got[f'{b}_rouge2']:.2f}" for b in mn.BASELINES
            )
            print(
                f"{label:<16} {name:<10} ours {100 * got['ours_rouge1']:.2f}/{100 * got['ours_rouge2']:.2f}"
                f"  {baselines}  lead {got['rouge1_lead_over_best_baseline']:+.4f}"
                f" / {got['rouge2_lead_over_best_baseline']:+.4f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
