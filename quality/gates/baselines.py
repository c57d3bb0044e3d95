"""Reference extractive summarisers the summary gate compares against (not used by the product).

Each takes a cluster as documents of sentences (strings) and returns sentences in the order it
would extract them; the caller cuts the output at its word budget. Terms and idf are those of
:mod:`.summary_text` (idf over the cluster's sentences), so the systems differ only in selection.

* :func:`lead`: round-robin over documents: first sentence of each document in input order, then
  the second of each, and so on.
* :func:`lexrank`: Erkan & Radev (2004), LexRank with threshold: sentences are nodes, an edge
  joins two sentences whose idf-modified (tf-idf) cosine exceeds 0.1, each row is divided by its
  degree, and the stationary distribution with damping 0.15 is found by power iteration
  (tolerance 1e-6); sentences are taken by score, no re-ranking.
* :func:`centroid`: Radev et al. (2004) centroid: the cluster centroid is the mean tf-idf vector
  of the documents; sentences are taken by tf-idf cosine similarity to it (centroid value only:
  no position or first-sentence features, no redundancy penalty).

LexRank builds the full sentence graph, quadratic in the sentences of one cluster; it is meant
for benchmark clusters of tens of sentences, and refuses more than ``MAX_GRAPH`` sentences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newsprism.summarize.text import cosine, idf, norm, terms, tfidf

LEXRANK_THRESHOLD = 0.1
LEXRANK_DAMPING = 0.15
LEXRANK_TOLERANCE = 1e-6
MAX_GRAPH = 5000


def lead(documents: Sequence[Sequence[str]]) -> list[str]:
    """Sentences round-robin over documents, each document's in order."""
    out: list[str] = []
    depth = max((len(d) for d in documents), default=0)
    for k in range(depth):
        out.extend(doc[k] for doc in documents if k < len(doc))
    return out


def _vectors(sentences: Sequence[str]) -> list[dict[str, float]]:
    toks = [terms(s) for s in sentences]
    weights = idf(toks)
    return [tfidf(Counter(t), weights) for t in toks]


def lexrank(documents: Sequence[Sequence[str]]) -> list[str]:
    """Sentences by LexRank score (threshold 0.1, damping 0.15), highest first."""
    sentences = [s for doc in documents for s in doc]
    n = len(sentences)
    if n == 0:
        return []
    if n > MAX_GRAPH:
        raise ValueError(f"lexrank: {n} sentences exceed the graph cap of {MAX_GRAPH}")
    vecs = _vectors(sentences)
    norms = [norm(v) for v in vecs]
    edges: list[list[int]] = [[] for _ in range(n)]
    for i in range(n):
        for j in range(i, n):
            if i == j or cosine(vecs[i], vecs[j], norms[i], norms[j]) > LEXRANK_THRESHOLD:
                edges[i].append(j)
                if i != j:
                    edges[j].append(i)
    p = [1.0 / n] * n
    for _ in range(1000):
        nxt = [LEXRANK_DAMPING / n] * n
        for i in range(n):
            share = (1.0 - LEXRANK_DAMPING) * p[i] / len(edges[i])
            for j in edges[i]:
                nxt[j] += share
        delta = sum(abs(a - b) for a, b in zip(nxt, p, strict=True))
        p = nxt
        if delta < LEXRANK_TOLERANCE:
            break
    order = sorted(range(n), key=lambda i: (-p[i], i))
    return [sentences[i] for i in order]


def centroid(documents: Sequence[Sequence[str]]) -> list[str]:
    """Sentences by tf-idf cosine similarity to the cluster centroid, highest first."""
    sentences = [s for doc in documents for s in doc]
    if not sentences:
        return []
    vecs = _vectors(sentences)
    center: dict[str, float] = {}
    for v in vecs:
        for t, w in v.items():
            center[t] = center.get(t, 0.0) + w / len(documents)
    cnorm = norm(center)
    sims = [cosine(v, center, None, cnorm) for v in vecs]
    order = sorted(range(len(sentences)), key=lambda i: (-sims[i], i))
    return [sentences[i] for i in order]
