"""The actor network of stories: people and organisations, who appears with whom, who speaks
about whom.

Nodes are canonical entities of type ``person`` or ``organization``, keyed by
:func:`~newsprism.records.cross_story_id` (a hash of the name's key, the id the web's entity pages
and API give the actor), so the same actor in two stories is one node, however its stories type or
spell it; its name and type are those of the first story that names it (the web takes the same,
as both read the stories in the store's listing order), its other spellings are aliases. Two
kinds of edge, both weighted:

- ``co_occurrence`` (undirected in meaning, stored once from the smaller id to the larger): the
  two actors are mentioned in the same *sentence*; ``weight`` counts such sentences over every
  article. A sentence, not an article: an article names most of its actors somewhere, so article
  co-occurrence links nearly everyone in a story and says little about who acts with whom.
- ``quote_about`` (directed): the speaker of a quote → an actor mentioned inside the quote's
  span; ``weight`` counts such quotes. A quote mentioning its own speaker adds no edge.

The trap is cost: pairing every mention with every other is quadratic in the article. Mentions
are placed in their sentence by bisection over the sentence starts, and quotes find the mentions
inside them by bisection over the sorted mention starts; only actors that share a sentence are
paired (a sentence holds a handful).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Literal

from ..records import ACTOR_TYPES, ArticleAnalysis, Story, cross_story_id

EdgeType = Literal["co_occurrence", "quote_about"]


@dataclass(slots=True)
class _Node:
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    stories: int = 0


def actor_network(stories: Sequence[Story]) -> Any:
    """The actor network of ``stories`` as a ``networkx.MultiDiGraph`` (at most one edge of each
    type between two nodes, keyed ``co_occurrence:N`` / ``quote_about:N`` so GraphML edge ids are
    unique), nodes and edges in a deterministic order."""
    import networkx as nx

    nodes: dict[str, _Node] = {}
    edges: Counter[tuple[EdgeType, str, str]] = Counter()
    for story in stories:
        placed: defaultdict[str, list[tuple[int, int, str]]] = defaultdict(list)
        actors: set[str] = set()
        across: dict[str, str] = {}  # the story's entity id -> the node's id
        for entity in story.entities:
            if entity.type not in ACTOR_TYPES:
                continue
            actor = across[entity.id] = cross_story_id(entity.name)
            node = nodes.setdefault(actor, _Node(entity.name, entity.type))
            node.aliases.update((entity.name, *entity.aliases))
            node.mentions += len(entity.mentions)
            node.stories += actor not in actors  # one name typed twice in a story: one story
            actors.add(actor)
            for m in entity.mentions:
                placed[m.span.article].append((m.span.start, m.span.end, actor))
        for analysis in story.analyses:
            _article_edges(analysis, sorted(placed[analysis.article]), across, edges)
    graph = nx.MultiDiGraph()
    for node_id in sorted(nodes):
        n = nodes[node_id]
        aliases = "; ".join(sorted(n.aliases - {n.name}))
        graph.add_node(
            node_id,
            label=n.name,
            name=n.name,
            type=n.type,
            aliases=aliases,
            mentions=n.mentions,
            stories=n.stories,
        )
    for number, ((kind, u, v), weight) in enumerate(sorted(edges.items())):
        graph.add_edge(u, v, key=f"{kind}:{number}", type=kind, weight=weight, directed=kind == "quote_about")
    return graph


def _article_edges(
    analysis: ArticleAnalysis,
    found: list[tuple[int, int, str]],
    across: dict[str, str],
    edges: Counter[tuple[EdgeType, str, str]],
) -> None:
    """Add one article's co-occurrence and quote-about counts to ``edges``; ``found``: its
    actors' mentions as (start, end, node id), sorted; ``across``: the node id of each actor
    entity of the story (a quote's ``speaker`` is the story's entity id)."""
    if not found:
        return
    starts = [s for s, _ in analysis.sentences]
    in_sentence: defaultdict[int, set[str]] = defaultdict(set)
    for start, _, actor in found:
        in_sentence[bisect_right(starts, start) - 1].add(actor)
    for together in in_sentence.values():
        for u, v in combinations(sorted(together), 2):
            edges["co_occurrence", u, v] += 1
    mention_starts = [s for s, _, _ in found]
    for quote in analysis.quotes:
        speaker = across.get(quote.speaker) if quote.speaker is not None else None
        if speaker is None:
            continue
        lo = bisect_left(mention_starts, quote.span.start)
        hi = bisect_left(mention_starts, quote.span.end)
        about = {actor for _, end, actor in found[lo:hi] if end <= quote.span.end and actor != speaker}
        for actor in sorted(about):
            edges["quote_about", speaker, actor] += 1
