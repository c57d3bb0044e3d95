"""The Multi-News summary gate: baselines as published, truncation, ROUGE and citation checks."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsprism.records import Citation, Span, SummarySentence
from quality.gates import multinews
from quality.gates.baselines import centroid, lead, lexrank

FLOOD = [
    "Flooding closed the valley highway and the rail line.",
    "Rescue crews evacuated residents as the valley highway flooded.",
    "A bakery on main street sold out of bread.",
]
OTHER = [
    "The rail line reopened after repairs.",
    "A local choir rehearsed for its spring concert.",
]


def test_lead_is_round_robin_over_documents() -> None:
    assert lead([["a1", "a2", "a3"], ["b1"], ["c1", "c2"]]) == ["a1", "b1", "c1", "a2", "c2", "a3"]
    assert lead([]) == []


def test_lexrank_puts_the_hub_sentence_first() -> None:
    # the first sentence links the two others about the highway and the railway, which share nothing
    ranked = lexrank([FLOOD, OTHER])
    assert ranked[0] == FLOOD[0]
    assert ranked.index(FLOOD[1]) > ranked.index(FLOOD[2])  # a leaf ranks below an isolated node
    assert sorted(ranked) == sorted(FLOOD + OTHER)


def test_lexrank_refuses_graphs_above_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quality.gates.baselines.MAX_GRAPH", 3)
    with pytest.raises(ValueError, match="graph cap"):
        lexrank([FLOOD, OTHER])


def test_centroid_prefers_sentences_close_to_the_cluster_centroid() -> None:
    ranked = centroid([FLOOD, OTHER])
    assert "highway" in ranked[0]
    assert ranked[-1] in {FLOOD[2], OTHER[1]}


def test_truncate_keeps_the_first_budget_words() -> None:
    assert multinews.truncate("a b  c\nd e", 3) == "a b c"


def test_fast_rouge_equals_rouge_score() -> None:
    rouge_scorer = pytest.importorskip("rouge_score.rouge_scorer")
    ref = "Flooding closed the main highway for three days, officials said on Monday."
    preds = [
        "Officials said the highway was closed by flooding for three days.",
        "Closed highways: floods closing roads again, officials saying so.",
        "",
    ]
    ours = multinews.Rouge()
    theirs = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    for pred in preds:
        got, want = ours.score(ref, pred), theirs.score(ref, pred)
        for m in ("rouge1", "rouge2", "rougeL"):
            assert got[m] == pytest.approx(want[m].fmeasure, abs=1e-12)


@pytest.mark.model
def test_a_cluster_is_scored_on_the_story_the_product_builds() -> None:
    documents = [
        "Flooding closed the valley highway on Monday. Rescue crews evacuated forty residents.",
        "Flooding closed the valley highway on Monday. Rescue crews evacuated forty residents.",
        "The rail line reopened after repairs, officials said.",
    ]
    cluster = next(multinews.build_clusters([{"idx": 7, "summary": "ref", "documents": documents}]))
    assert cluster.story is not None
    # the product reads the cluster as a JSONL file: the second, identical document is a duplicate
    assert len(cluster.story.articles) == 2
    assert any("duplicate" in s.reason for s in cluster.story.skipped)
    assert cluster.story.summary and all(multinews.covers(cluster, s) for s in cluster.story.summary)


@pytest.mark.model
def test_coverage_checks_the_cited_span_of_the_cited_article() -> None:
    rows = [{"idx": 7, "summary": "ref", "documents": ["First sentence here. Second one there."]}]
    cluster = next(multinews.build_clusters(rows))
    assert cluster.story is not None
    art = cluster.story.articles[0]
    good = SummarySentence("First sentence here.", Citation(Span(art.id, 0, 20), "First sentence here."))
    wrong_span = SummarySentence("Second one there.", Citation(Span(art.id, 0, 20), "First sentence here."))
    wrong_article = SummarySentence(
        "First sentence here.", Citation(Span("nope", 0, 20), "First sentence here.")
    )
    assert multinews.covers(cluster, good)
    assert not multinews.covers(cluster, wrong_span)
    assert not multinews.covers(cluster, wrong_article)


def test_a_cluster_with_nothing_usable_scores_empty_outputs() -> None:
    cluster = next(multinews.build_clusters([{"idx": 3, "summary": "ref", "documents": ["", "  "]}]))
    assert cluster.story is None
    result = multinews.summarise_cluster(cluster)
    assert result.outputs == dict.fromkeys(multinews.SYSTEMS, "") and result.covered == 0


def test_a_pronoun_right_after_a_summary_sentence_over_two_sentences_is_resolved() -> None:
    text = "Meet the warden. Ana Ruiz guards the levee. She has done it for years. It rained."
    cluster = next(multinews.build_clusters([{"idx": 5, "summary": "ref", "documents": [text]}]))
    assert cluster.story is not None
    art = cluster.story.articles[0]

    def cited(part: str) -> SummarySentence:
        start = art.text.index(part)
        return SummarySentence(part, Citation(Span(art.id, start, start + len(part)), part))

    two, she, it = (
        cited("Meet the warden. Ana Ruiz guards the levee."),
        cited("She has done it for years."),
        cited("It rained."),
    )
    story = cluster.story
    for summary, expected in (((two, she), 0), ((two, it), 1), ((she,), 1)):
        assert multinews.unresolved(replace(cluster, story=replace(story, summary=summary))) == expected
