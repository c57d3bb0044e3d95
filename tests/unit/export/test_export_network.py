"""The actor network: people and organisations as nodes (keyed by their cross-story id),
same-sentence co-occurrence and quote-about edges counted, written as GraphML that networkx reads
back unchanged."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import networkx as nx

from newsprism.export import export
from newsprism.export.network import actor_network
from newsprism.records import ArticleAnalysis, cross_story_id
from tests.export_story import TEXT_A, build, exported, span

KOVAC, BERG, PORT = (cross_story_id(n) for n in ("Mira Kovac", "Jon Berg", "Port Authority"))


def edges(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], int]:
    return {(d["type"], u, v): d["weight"] for u, v, d in graph.edges(data=True)}


def test_actors_are_people_and_organisations_with_their_names() -> None:
    graph = actor_network([build()])
    assert sorted(graph.nodes) == sorted([BERG, KOVAC, PORT]), "a place is not an actor"
    kovac = graph.nodes[KOVAC]
    assert (kovac["name"], kovac["label"], kovac["type"], kovac["aliases"]) == (
        "Mira Kovac",
        "Mira Kovac",
        "person",
        "Kovac",
    )
    assert (kovac["mentions"], kovac["stories"]) == (3, 1)
    assert graph.nodes[PORT]["type"] == "organization"


def test_co_occurrence_counts_sentences_and_quotes_point_at_who_they_name() -> None:
    assert edges(actor_network([build()])) == {
        # article a: sentence 1 (Kovac, Port Authority), sentence 2 (Kovac, Berg); Berg alone
        # in sentence 3. Article b: all three in one sentence.
        ("co_occurrence", *sorted([BERG, KOVAC])): 2,
        ("co_occurrence", *sorted([BERG, PORT])): 1,
        ("co_occurrence", *sorted([KOVAC, PORT])): 2,
        # Kovac's quote names Berg (and Alvena, a place)
        ("quote_about", KOVAC, BERG): 1,
    }


def test_a_quote_naming_its_own_speaker_adds_no_edge_to_itself() -> None:
    story = build()
    a, b = story.analyses
    (said,) = a.quotes
    whole = replace(said, span=span("art-a", TEXT_A, 'Kovac said "Jon Berg must sign in Alvena today."'))
    graph = actor_network([replace(story, analyses=(replace(a, quotes=(whole,)), b))])
    about = {k: w for k, w in edges(graph).items() if k[0] == "quote_about"}
    assert about == {("quote_about", KOVAC, BERG): 1}


def test_one_actor_in_two_stories_is_one_node() -> None:
    graph = actor_network([build(), build()])
    assert graph.number_of_nodes() == 3
    assert graph.nodes[KOVAC]["stories"] == 2
    assert edges(graph)[("co_occurrence", *sorted([BERG, KOVAC]))] == 4


def test_one_name_typed_or_spelt_differently_by_two_stories_is_one_node() -> None:
    """The linker's ``Entity.id`` hashes the type: across stories the node is the name's."""
    story = build()
    kovac, berg, port, alvena = story.entities
    other = replace(kovac, id="e-kovac-org", name="MIRA KOVÁC", type="organization", aliases=())
    renamed = replace(story, entities=(other, berg, port, alvena))
    renamed = replace(
        renamed, analyses=tuple(_speaker(an, "e-kovac", "e-kovac-org") for an in story.analyses)
    )
    graph = actor_network([story, renamed])
    assert graph.number_of_nodes() == 3
    node = graph.nodes[KOVAC]
    assert (node["name"], node["type"], node["stories"], node["mentions"]) == ("Mira Kovac", "person", 2, 6)
    assert "MIRA KOVÁC" in node["aliases"].split("; ")
    assert edges(graph)[("quote_about", KOVAC, BERG)] == 2, "the quote in either story is Kovac's"


def test_one_name_typed_twice_in_a_story_is_one_node_in_one_story_and_no_loop() -> None:
    story = build()
    kovac, berg, port, alvena = story.entities
    first, second = kovac.mentions[:2], kovac.mentions[2:]
    person = replace(kovac, mentions=first)
    org = replace(kovac, id="e-kovac-org", type="organization", mentions=second)
    graph = actor_network([replace(story, entities=(person, org, berg, port, alvena))])
    assert graph.number_of_nodes() == 3
    assert (graph.nodes[KOVAC]["stories"], graph.nodes[KOVAC]["mentions"]) == (1, 3)
    assert all(u != v for u, v in graph.edges())


def _speaker(analysis: ArticleAnalysis, old: str, new: str) -> ArticleAnalysis:
    quotes = tuple(replace(q, speaker=new) if q.speaker == old else q for q in analysis.quotes)
    return replace(analysis, quotes=quotes)


def test_graphml_reads_back_in_networkx(tmp_path: Path) -> None:
    path = tmp_path / "network.graphml"
    assert export(exported(), "network", "graphml", path) == 3
    back = nx.read_graphml(path, force_multigraph=True)
    graph = actor_network([build()])
    assert sorted(back.nodes(data=True)) == sorted(graph.nodes(data=True))
    assert edges(back) == edges(graph)
    assert {d["directed"] for _, _, d in back.edges(data=True)} == {True, False}
    keys = [k for _, _, k in back.edges(keys=True)]
    assert len(keys) == len(set(keys)), "GraphML edge ids are unique"
