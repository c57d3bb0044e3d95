"""Specification of reported speech (indirect attributions): what a cue reports, and who.

The hand-built Docs state the parse each rule reads; the tests marked ``model`` run the trained
pipeline on sentences written for them, end to end through :func:`extract_quotes`.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsprism.extract.mentions import extract_mentions
from newsprism.extract.quotes import extract_quotes
from newsprism.extract.quotes.reported import reported_speech
from newsprism.extract.quotes.speaker_index import SpanSet
from newsprism.records import Quote
from tests.docs import Row, make_doc

LEMMAS = {"said": "say", "warned": "warn", "believe": "believe", "condemned": "condemn", "is": "be"}


def parsed(rows: list[Row]) -> Doc:
    doc = make_doc(rows)
    for tok in doc:  # the blank pipeline has no lemmatizer
        tok.lemma_ = LEMMAS.get(tok.lower_, tok.lower_)
    return doc


def reported(doc: Doc) -> list[tuple[str, str | None]]:
    """(content, speaker head) of each reported-speech attribution of ``doc``."""
    text = doc.text
    return [
        (text[r.start : r.end], r.speaker.text if r.speaker is not None else None)
        for r in reported_speech(doc, SpanSet(()))
    ]


# The mayor said the pier was safe and warned residents to stay away.
SAID_AND_WARNED: list[Row] = [
    ("The", "DT", "DET", 1, "det", "O"),
    ("mayor", "NN", "NOUN", 2, "nsubj", "O"),
    ("said", "VBD", "VERB", 2, "ROOT", "O"),
    ("the", "DT", "DET", 4, "det", "O"),
    ("pier", "NN", "NOUN", 5, "nsubj", "O"),
    ("was", "VBD", "AUX", 2, "ccomp", "O"),
    ("safe", "JJ", "ADJ", 5, "acomp", "O"),
    ("and", "CC", "CCONJ", 5, "cc", "O"),
    ("warned", "VBD", "VERB", 5, "conj", "O"),
    ("residents", "NNS", "NOUN", 8, "dobj", "O"),
    ("to", "TO", "PART", 11, "aux", "O"),
    ("stay", "VB", "VERB", 8, "xcomp", "O"),
    ("away", "RB", "ADV", 11, "advmod", "O"),
    (".", ".", "PUNCT", 2, "punct", "O"),
]


def test_a_second_speech_verb_of_the_speaker_is_their_next_attribution_not_part_of_the_first() -> None:
    # The parser hangs "warned" on the reported clause; it is the mayor's, not the pier's.
    assert reported(parsed(SAID_AND_WARNED)) == [
        ("the pier was safe", "mayor"),
        ("residents to stay away", "mayor"),
    ]


# Ruiz said she backed Berg, the favourite of the unions.
SAID_WITH_APPOSITIVE: list[Row] = [
    ("Ruiz", "NNP", "PROPN", 1, "nsubj", "B-PERSON"),
    ("said", "VBD", "VERB", 1, "ROOT", "O"),
    ("she", "PRP", "PRON", 3, "nsubj", "O"),
    ("backed", "VBD", "VERB", 1, "ccomp", "O"),
    ("Berg", "NNP", "PROPN", 3, "dobj", "B-PERSON"),
    (",", ",", "PUNCT", 4, "punct", "O"),
    ("the", "DT", "DET", 7, "det", "O"),
    ("favourite", "NN", "NOUN", 4, "appos", "O"),
    ("of", "IN", "ADP", 7, "prep", "O"),
    ("the", "DT", "DET", 10, "det", "O"),
    ("unions", "NNS", "NOUN", 8, "pobj", "O"),
    (".", ".", "PUNCT", 1, "punct", "O"),
]


def test_an_appositive_the_narrator_adds_after_a_comma_is_not_part_of_what_was_said() -> None:
    assert reported(parsed(SAID_WITH_APPOSITIVE)) == [("she backed Berg", "Ruiz")]


# Ruiz said engineers believe the dam will hold.
NESTED: list[Row] = [
    ("Ruiz", "NNP", "PROPN", 1, "nsubj", "B-PERSON"),
    ("said", "VBD", "VERB", 1, "ROOT", "O"),
    ("engineers", "NNS", "NOUN", 3, "nsubj", "O"),
    ("believe", "VBP", "VERB", 1, "ccomp", "O"),
    ("the", "DT", "DET", 5, "det", "O"),
    ("dam", "NN", "NOUN", 7, "nsubj", "O"),
    ("will", "MD", "AUX", 7, "aux", "O"),
    ("hold", "VB", "VERB", 3, "ccomp", "O"),
    (".", ".", "PUNCT", 1, "punct", "O"),
]


def test_a_report_inside_a_report_is_one_attribution_to_the_outer_speaker() -> None:
    assert reported(parsed(NESTED)) == [("engineers believe the dam will hold", "Ruiz")]


# The council condemned the attack.
OBJECT_ONLY: list[Row] = [
    ("The", "DT", "DET", 1, "det", "O"),
    ("council", "NN", "NOUN", 2, "nsubj", "O"),
    ("condemned", "VBD", "VERB", 2, "ROOT", "O"),
    ("the", "DT", "DET", 4, "det", "O"),
    ("attack", "NN", "NOUN", 2, "dobj", "O"),
    (".", ".", "PUNCT", 2, "punct", "O"),
]


def test_a_cue_with_only_an_object_reports_no_statement() -> None:
    # "the attack" shown under the council's name would read as the council's words
    assert reported(parsed(OBJECT_ONLY)) == []


# The pier was safe
#
# Ruiz said.   (a paragraph without final punctuation, parsed into the next one)
ACROSS_PARAGRAPHS: list[Row] = [
    ("The", "DT", "DET", 1, "det", "O"),
    ("pier", "NN", "NOUN", 2, "nsubj", "O"),
    ("was", "VBD", "AUX", 6, "ccomp", "O"),
    ("safe", "JJ", "ADJ", 2, "acomp", "O"),
    ("\n\n", "_SP", "SPACE", 3, "dep", "O"),
    ("Ruiz", "NNP", "PROPN", 6, "nsubj", "B-PERSON"),
    ("said", "VBD", "VERB", 6, "ROOT", "O"),
    (".", ".", "PUNCT", 6, "punct", "O"),
]


def test_content_stays_in_the_paragraph_of_its_cue_and_never_edges_on_whitespace() -> None:
    doc = parsed(ACROSS_PARAGRAPHS)
    assert "\n" in doc.text
    for content, _ in reported(doc):
        assert "\n" not in content and content == content.strip()


def quotes_of(nlp: Language, text: str) -> list[Quote]:
    doc = nlp(text)
    return extract_quotes(doc, "art", extract_mentions(doc, "art"))


def indirect(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    """(text, speaker phrase) of each indirect attribution of ``text``, parsed by the model."""
    return [(q.text, q.speaker_text) for q in quotes_of(nlp, text) if q.kind == "indirect"]


@pytest.mark.model
def test_according_to_reports_its_clause_and_not_the_narrators_tail(nlp: Language) -> None:
    assert indirect(nlp, "According to the harbour office, the ferries will return in May.") == [
        ("the ferries will return in May", "the harbour office")
    ]
    got = indirect(
        nlp,
        "Fares will double, according to a survey by the port authority, more than twice the rise of 2019.",
    )
    assert [text for text, _ in got] == ["Fares will double"]


@pytest.mark.model
def test_a_parenthetical_cue_reports_the_clause_around_it(nlp: Language) -> None:
    assert indirect(nlp, "The pier, the mayor said, is safe for walkers.") == [
        ("The pier, the mayor said, is safe for walkers", "the mayor")
    ]
    assert [text for text, _ in indirect(nlp, "As Ana Ruiz noted on Monday, the pier is old.")] == [
        "the pier is old"
    ]


@pytest.mark.model
def test_the_attribution_between_two_parts_of_a_direct_quote_is_no_reported_speech(nlp: Language) -> None:
    assert indirect(nlp, "“The pier is safe,” the mayor said, “and it will reopen in May.”") == []


@pytest.mark.model
def test_findings_of_documents_are_reported_but_descriptions_are_not(nlp: Language) -> None:
    got = indirect(nlp, "A survey by the port authority shows that fares have doubled since 2019.")
    assert [text for text, _ in got] == ["that fares have doubled since 2019"]
    assert indirect(nlp, "The video shows an officer at the gate.") == []


@pytest.mark.model
def test_pledges_appeals_and_names_report_what_they_commit_to_ask_for_or_call(nlp: Language) -> None:
    text = (
        "Mayor Lena Lopez vowed to rebuild the pier by June.\n\n"
        "The union urged its members to reject the offer.\n\n"
        "Ana Ruiz called for a freeze on ferry fares.\n\n"
        "The minister accused the council of hiding the costs."
    )
    assert [t for t, _ in indirect(nlp, text)] == [
        "to rebuild the pier by June",
        "its members to reject the offer",
        "a freeze on ferry fares",
        "the council of hiding the costs",
    ]
    assert indirect(nlp, "The council called a meeting for Monday.") == []


@pytest.mark.model
def test_a_claim_noun_with_its_speaker_reports_its_clause(nlp: Language) -> None:
    got = indirect(nlp, "Mayor Lena Lopez repeated her claim that the pier was unsafe.")
    assert [t for t, _ in got] == ["that the pier was unsafe"]


@pytest.mark.model
def test_that_said_is_no_speaker(nlp: Language) -> None:
    got = indirect(nlp, "That said, the harbour office says the pier will reopen in May.")
    assert got == [("the pier will reopen in May", "the harbour office")]


@pytest.mark.model
def test_a_pronoun_after_what_was_said_refers_to_someone_before_it(nlp: Language) -> None:
    text = (
        "Maria Lopez, an analyst at the port authority, spoke on Monday.\n\n"
        "This shows that Tomas Berg is not alone in the council, she said."
    )
    (q,) = [q for q in quotes_of(nlp, text) if q.kind == "indirect"]
    assert q.speaker_name == "Maria Lopez"


# LISBON -- Maria Lopez said the pier was safe.   (the parser takes the dateline for the subject)
DATELINE: list[Row] = [
    ("LISBON", "NNP", "PROPN", 5, "nsubj", "B-GPE"),
    ("--", ":", "PUNCT", 0, "punct", "O"),
    ("Maria", "NNP", "PROPN", 3, "compound", "B-PERSON"),
    ("Lopez", "NNP", "PROPN", 0, "appos", "I-PERSON"),
    (",", ",", "PUNCT", 5, "punct", "O"),
    ("said", "VBD", "VERB", 5, "ROOT", "O"),
    ("the", "DT", "DET", 7, "det", "O"),
    ("pier", "NN", "NOUN", 8, "nsubj", "O"),
    ("was", "VBD", "AUX", 5, "ccomp", "O"),
    ("safe", "JJ", "ADJ", 8, "acomp", "O"),
    (".", ".", "PUNCT", 5, "punct", "O"),
]


def test_a_dateline_taken_for_the_subject_gives_way_to_the_name_after_it() -> None:
    assert reported(parsed(DATELINE)) == [("the pier was safe", "Lopez")]


# PORT NEWS Back then, Maria Lopez said the pier was safe.   (a heading run into the sentence:
# the parser gives the cue two subjects)
HEADING: list[Row] = [
    ("PORT", "NNP", "PROPN", 1, "compound", "O"),
    ("NEWS", "NNP", "PROPN", 7, "nsubj", "O"),
    ("Back", "RB", "ADV", 3, "advmod", "O"),
    ("then", "RB", "ADV", 7, "advmod", "O"),
    (",", ",", "PUNCT", 7, "punct", "O"),
    ("Maria", "NNP", "PROPN", 6, "compound", "B-PERSON"),
    ("Lopez", "NNP", "PROPN", 7, "nsubj", "I-PERSON"),
    ("said", "VBD", "VERB", 7, "ROOT", "O"),
    ("the", "DT", "DET", 9, "det", "O"),
    ("pier", "NN", "NOUN", 10, "nsubj", "O"),
    ("was", "VBD", "AUX", 7, "ccomp", "O"),
    ("safe", "JJ", "ADJ", 10, "acomp", "O"),
    (".", ".", "PUNCT", 7, "punct", "O"),
]


def test_of_two_subjects_the_speaker_is_the_one_nearest_the_cue() -> None:
    assert reported(parsed(HEADING)) == [("the pier was safe", "Lopez")]


@pytest.mark.model
def test_a_clause_before_a_semicolon_is_not_what_the_next_clause_reports(nlp: Language) -> None:
    got = indirect(
        nlp,
        "The merged firm may not diverge from the trend; Ana Ruiz has said that she expects to cut costs.",
    )
    assert [text for text, _ in got] == ["that she expects to cut costs"]
