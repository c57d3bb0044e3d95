"""Mentions feeding the entity linker: NER slips repaired before canonicalisation."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsprism.extract.mentions import extract_mentions
from tests.docs import build


def doc_of(
    words: list[str], ents: list[str], pos: list[str] | None = None, spaces: list[bool] | None = None
) -> Doc:
    return build(words, spaces=spaces, ents=ents, pos=pos or ["PROPN"] * len(words))


def pairs(doc: Doc) -> list[tuple[str, str]]:
    found = extract_mentions(doc, "a")
    assert all(m.span.text_of(doc.text) == m.text for m in found)
    return [(m.text, m.label) for m in found]


def test_trailing_verb_swallowed_by_the_ner_is_dropped() -> None:
    doc = doc_of(
        ["Ana", "Ruiz", "Announced", "it"],
        ["B-PERSON", "I-PERSON", "I-PERSON", "O"],
        ["PROPN", "PROPN", "VERB", "PRON"],
    )
    assert pairs(doc) == [("Ana Ruiz", "PERSON")]


def test_a_comma_the_ner_swallowed_is_no_part_of_the_name() -> None:
    doc = doc_of(
        ["Blue", "Origin", ",", "SpaceX"],
        ["B-ORG", "I-ORG", "I-ORG", "B-ORG"],
        spaces=[True, False, True, False],
    )
    assert pairs(doc) == [("Blue Origin", "ORG"), ("SpaceX", "ORG")]


def test_a_mention_stops_at_a_line_break() -> None:
    doc = doc_of(
        ["Ana", "Ruiz", "\n", "Share"],
        ["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON"],
        spaces=[True, False, False, False],
    )
    assert pairs(doc) == [("Ana Ruiz", "PERSON")]


def test_organisation_possessive_before_a_person_is_split() -> None:
    doc = doc_of(
        ["Kent", "University", "’s", "Eva", "Berg", "wrote"],
        ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O"],
        ["PROPN", "PROPN", "PART", "PROPN", "PROPN", "VERB"],
        spaces=[True, False, True, True, True, False],
    )
    assert pairs(doc) == [("Kent University", "ORG"), ("Eva Berg", "PERSON")]


def test_possessive_inside_an_organisation_name_is_kept() -> None:
    doc = doc_of(
        ["People", "’s", "Liberation", "Army"],
        ["B-ORG", "I-ORG", "I-ORG", "I-ORG"],
        ["PROPN", "PART", "PROPN", "PROPN"],
        spaces=[False, True, True, False],
    )
    assert pairs(doc) == [("People’s Liberation Army", "ORG")]


def test_untagged_repeat_of_a_tagged_persons_name_becomes_a_person_mention() -> None:
    doc = doc_of(
        ["Ana", "Ruiz", "spoke", ".", "Ruiz", "left", "Ruiz"],
        ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O"],
        ["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "NOUN"],
    )
    assert pairs(doc) == [("Ana Ruiz", "PERSON"), ("Ruiz", "PERSON")]


def test_a_surname_mistagged_as_a_place_after_the_full_name_is_a_person_mention() -> None:
    doc = doc_of(
        ["Radoslav", "Vukanich", "spoke", ".", "Lawmakers", "called", "on", "Vukanich"],
        ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "B-GPE"],
        ["PROPN", "PROPN", "VERB", "PUNCT", "NOUN", "VERB", "ADP", "PROPN"],
    )
    assert pairs(doc) == [("Radoslav Vukanich", "PERSON"), ("Vukanich", "PERSON")]


@pytest.mark.model
def test_product_names_tagged_person_are_not_people(nlp: Language) -> None:
    doc = nlp("MacBook Pro owners can upgrade today, Tim Cook said.")
    people = [m.text for m in extract_mentions(doc, "a") if m.label == "PERSON"]
    assert "MacBook Pro" not in people and "Tim Cook" in people


@pytest.mark.model
def test_a_name_used_as_a_place_in_its_article_is_not_a_person(nlp: Language) -> None:
    doc = nlp(
        "Residents of Dolna Mesta waded through mud. In Dolna Mesta, a town of 6,800 people, "
        "about 1,350 residents spent the night in the sports hall. Mayor Jana Drobna said the "
        "shelters in Dolna Mesta were full."
    )
    labels = {(m.text, m.label) for m in extract_mentions(doc, "a")}
    assert ("Dolna Mesta", "PERSON") not in labels
    assert ("Jana Drobna", "PERSON") in labels


def test_a_lower_case_person_tag_is_not_a_person() -> None:
    doc = doc_of(
        ["the", "so", "-", "called", "flood", "levy", "would", "hit", "households"],
        ["O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O"],
        spaces=[True, False, False, True, True, True, True, True, False],
    )
    assert pairs(doc) == []


def test_a_one_word_person_tag_only_at_sentence_start_is_not_a_person() -> None:
    doc = doc_of(
        ["Floodwater", "covered", "the", "farms", "."],
        ["B-PERSON", "O", "O", "O", "O"],
        ["NOUN", "VERB", "DET", "NOUN", "PUNCT"],
        spaces=[True, True, True, False, False],
    )
    doc[0].is_sent_start = True
    assert pairs(doc) == []


def test_a_sentence_opening_surname_of_a_named_person_stays_a_person() -> None:
    words = ["Pavel", "Kostka", "spoke", ".", "Kostka", "left", "."]
    doc = doc_of(
        words,
        ["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "O"],
        ["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"],
        spaces=[True, True, False, True, True, False, False],
    )
    doc[0].is_sent_start = True
    doc[4].is_sent_start = True
    assert pairs(doc) == [("Pavel Kostka", "PERSON"), ("Kostka", "PERSON")]
