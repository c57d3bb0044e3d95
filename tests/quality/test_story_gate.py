"""The story gate's scoring: how a story JSON is judged against gold, on hand-built stories."""

from __future__ import annotations

from typing import Any

import pytest

from quality.gates.story import (
    Doc,
    conflict_recalled,
    date_agrees,
    example_refs,
    fact_recalled,
    locate,
    quote_group_recalled,
    score_examples,
    timeline_recalled,
)

A = "Putin said: “We value the balanced position of our friends.” Xi met Putin on Thursday in Samarkand."
B = "Putin told Xi: “We appreciate the balanced position of our friends.” They met Thursday in Samarkand."
C = "Analysts say Russia has lost ground. Yun Sun, a senior fellow at the Stimson Center, said so."
DOCS = {"ga": Doc("a", A), "gb": Doc("b", B), "gc": Doc("c", C)}


def cite(article: str, text: str, needle: str) -> dict[str, Any]:
    start = text.index(needle)
    return {"article": article, "start": start, "end": start + len(needle), "text": needle}


def variant(article: str, text: str, needle: str) -> dict[str, Any]:
    return cite(article, text, needle) | {"quote": "q", "match": "variant"}


QUOTE_GOLD = {
    "id": "SQ1",
    "members": [
        {"article": "ga", "text": "We value the balanced position of our friends."},
        {"article": "gb", "text": "We appreciate the balanced position of our friends."},
        {"article": "gc", "text": "Russia has lost ground", "confidence": "low"},
    ],
}


def test_a_quote_group_is_recalled_when_one_group_links_every_article_of_the_gold_group() -> None:
    ours = [
        {
            "variants": [
                variant("a", A, "We value the balanced position of our friends."),
                variant("b", B, "We appreciate the balanced position"),  # 36 of 51 chars: < 80%
            ]
        }
    ]
    assert not quote_group_recalled(QUOTE_GOLD, ours, DOCS)
    ours[0]["variants"][1] = variant("b", B, "We appreciate the balanced position of our friends")
    assert quote_group_recalled(QUOTE_GOLD, ours, DOCS)  # the low-confidence member is not needed


def test_a_quote_group_split_into_two_of_our_groups_is_missed() -> None:
    ours = [
        {"variants": [variant("a", A, "We value the balanced position of our friends.")]},
        {"variants": [variant("b", B, "We appreciate the balanced position of our friends.")]},
    ]
    assert not quote_group_recalled(QUOTE_GOLD, ours, DOCS)


FACT = {
    "id": "F1",
    "articles": ["ga", "gb", "gc"],
    "sentences": [
        {"article": "ga", "sentence": "Xi met Putin on Thursday in Samarkand."},
        {"article": "gb", "sentence": "They met Thursday in Samarkand."},
        {"article": "gc", "sentence": "Analysts say Russia has lost ground."},
    ],
}


def test_a_fact_is_corroborated_when_one_claim_cites_it_in_two_of_its_articles() -> None:
    one = {"support": [cite("a", A, "Xi met Putin"), cite("c", C, "Yun Sun")]}
    assert not fact_recalled(FACT, [one], DOCS)
    two = {"support": [cite("a", A, "Xi met Putin"), cite("b", B, "They met Thursday")]}
    assert fact_recalled(FACT, [two], DOCS)
    assert fact_recalled(FACT, [two], DOCS, majority=True)  # 2 of 3 articles is half or more
    assert not fact_recalled(FACT, [one, {"support": [cite("b", B, "They met")]}], DOCS)  # not one claim


def test_a_conflict_is_recalled_when_our_conflict_cites_statements_of_two_articles() -> None:
    gold = {
        "id": "C1",
        "severity": "inconsistent_detail",
        "statements": [
            {"article": "gc", "text": "Yun Sun, a senior fellow at the Stimson Center"},
            {"article": "ga", "text": "Xi met Putin"},
        ],
    }
    both = {"values": [{"citation": cite("c", C, "a senior fellow")}, {"citation": cite("a", A, "Putin on")}]}
    same = {"values": [{"citation": cite("c", C, "Yun Sun")}, {"citation": cite("c", C, "Stimson Center")}]}
    assert conflict_recalled(gold, [both], DOCS)
    assert not conflict_recalled(gold, [same], DOCS)


@pytest.mark.parametrize(
    ("ours", "gold", "ok"),
    [
        ("2022-09-15", "2022-09-15", True),
        ("2022-W36", "2022-W36", True),
        ("2022-02", "2022-02-04", True),  # the text says "in February"; the gold day is outside knowledge
        ("2022-W05", "2022-02-04", True),
        ("2022", "2022-02-04", False),
        ("2022-09-15", "2022-09-15/2022-09-16", True),
        ("2022-09-15/2022-09-16", "2022-09-15/2022-09-16", True),
        ("2022-09-16", "2022-09-15/2022-09-16", False),
        ("2022-09-12", "2022-09", False),
        ("2022-09-14", "2022-09-15", False),
    ],
)
def test_dates_agree_by_the_gold_conventions(ours: str, gold: str, ok: bool) -> None:
    assert date_agrees(ours, gold) is ok


def test_a_timeline_entry_needs_its_evidence_cited_with_the_right_date() -> None:
    entry = {"date": "2022-09-15", "evidence": ["met Thursday in Samarkand"], "evidence_sources": ["gb"]}
    right = {"date": "2022-09-15", "support": [cite("b", B, "They met Thursday in Samarkand.")]}
    wrong_date = {"date": "2022-09-14", "support": [cite("b", B, "They met Thursday in Samarkand.")]}
    elsewhere = {"date": "2022-09-15", "support": [cite("a", A, "Xi met Putin on Thursday in Samarkand.")]}
    assert timeline_recalled(entry, [right], DOCS)
    assert not timeline_recalled(entry, [wrong_date, elsewhere], DOCS)


def test_a_gold_line_narrows_a_repeated_span_to_that_line() -> None:
    doc = Doc(
        "x", "no limits here\nand no limits there", ("Headline", "no limits here", "and no limits there")
    )
    assert locate(doc, "no limits") == [("x", 0, 9), ("x", 19, 28)]
    assert locate(doc, "no limits", line=3) == [("x", 19, 28)]


def story(articles: list[tuple[str, str, str]], **parts: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"origins": [], "claims": []} | parts
    data["articles"] = [{"id": i, "source": s, "text": t} for i, s, t in articles]
    return data


ARTICLES = [
    ("o1", "corpus/02_herald.html", "The dam gave way on Thursday, killing 11 people."),
    ("c1", "corpus/03_today.txt", "The dam gave way on Thursday, killing 11 people."),
    ("x1", "corpus/04_dispatches.jsonl:1", "The dam failed on Thursday."),
    ("x2", "corpus/04_dispatches.jsonl:2", "The dam burst early on Thursday."),
]
EXPECTED = {
    "copies": [
        {"copy": {"file": "03_today.txt"}, "original": {"file": "02_herald.html"}, "kind": "verbatim"}
    ],
    "claims": [
        {
            "text": "The dam gave way on Thursday",
            "independent_origins": 3,
            "supported_by": [
                {"file": "02_herald.html", "evidence": "The dam gave way on Thursday"},
                {"file": "03_today.txt", "evidence": "The dam gave way on Thursday"},
                {"file": "04_dispatches.jsonl", "item": 1, "evidence": "The dam failed on Thursday"},
                {"file": "04_dispatches.jsonl", "item": 2, "evidence": "The dam burst early on Thursday"},
            ],
        }
    ],
}


def test_example_articles_are_named_by_file_and_item() -> None:
    refs = example_refs(story(ARTICLES))
    assert refs[("04_dispatches.jsonl", 2)]["id"] == "x2"
    assert refs[("02_herald.html", 1)]["id"] == "o1"


def test_examples_score_copies_with_original_and_kind_and_claim_origins_exactly() -> None:
    support = [{"article": a, "start": 0, "end": 20, "text": ""} for a in ("o1", "c1", "x1", "x2")]
    good = story(
        ARTICLES,
        origins=[{"relations": [{"copy": "c1", "original": "o1", "kind": "verbatim"}]}],
        claims=[
            {"support": support[:1], "independent_origins": 1},
            {"support": support, "independent_origins": 3},
        ],
    )
    assert score_examples(EXPECTED, good) == {
        "examples_copies_found": 1.0,
        "examples_claim_origins_correct": 1.0,
        "examples_false_copies": 0.0,
    }
    bad = story(
        ARTICLES,
        origins=[
            {"relations": [{"copy": "c1", "original": "o1", "kind": "edited"}]},
            {"relations": [{"copy": "x2", "original": "x1", "kind": "paraphrase"}]},
        ],
        claims=[{"support": support, "independent_origins": 4}],
    )
    assert score_examples(EXPECTED, bad) == {
        "examples_copies_found": 0.0,
        "examples_claim_origins_correct": 0.0,
        "examples_false_copies": 1.0,
    }
