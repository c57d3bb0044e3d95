"""Source quality: evidence of machine-spun or garbled text, and the score built from it."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from newsprism.extract.quality import (
    SPUN_THRESHOLD,
    assess_quality,
    capitalised_words,
    fragments,
    lowercase_names,
    repeated_words,
    score_flags,
    spaces_before_punctuation,
    unbalanced_quotes,
)
from newsprism.records import QualityFlag, Span
from tests.docs import BLANK, build, from_rows


def doc_of(text: str) -> Doc:
    """A blank-pipeline Doc with one sentence per full stop (no tags or parse)."""
    doc = BLANK(text)
    for token in doc:
        token.is_sent_start = token.i == 0 or doc[token.i - 1].text == "."
    return doc


def tagged(rows: list[tuple[str, str, str, int, bool]], ents: list[str] | None = None) -> Doc:
    """A Doc from (word, pos, dep, head, sentence start) rows."""
    return from_rows(rows, "word pos dep head sent_start", ents=ents)


def texts(flags: object) -> list[str]:
    return [f.text for f in flags]  # type: ignore[attr-defined]


def test_function_word_capitalised_mid_sentence_is_flagged() -> None:
    doc = doc_of("The mayor And the governor met.")
    assert texts(capitalised_words(doc)) == ["And"]


def test_capitalised_words_at_sentence_quote_or_line_start_are_fine() -> None:
    doc = doc_of('They met. And then they left. He said: "The talks went well."\nThe end.')
    assert texts(capitalised_words(doc)) == []


def test_capitalised_verb_mid_sentence_is_flagged() -> None:
    doc = tagged(
        [
            ("Leaders", "NOUN", "nsubj", 1, True),
            ("Announced", "VERB", "ROOT", 1, False),
            ("new", "ADJ", "amod", 3, False),
            ("talks", "NOUN", "dobj", 1, False),
            ("on", "ADP", "prep", 3, False),
            ("trade", "NOUN", "pobj", 4, False),
            ("today", "NOUN", "npadvmod", 1, False),
            (".", "PUNCT", "punct", 1, False),
        ]
    )
    assert texts(capitalised_words(doc)) == ["Announced"]


def test_lower_cased_person_name_is_flagged() -> None:
    doc = build(
        ["Marta", "Vega", "spoke", "and", "Vega", "smiled", "and", "vega", "left"],
        pos=["PROPN", "PROPN", "VERB", "CCONJ", "PROPN", "VERB", "CCONJ", "PROPN", "VERB"],
        ents=["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "O", "O", "O"],
    )
    assert texts(lowercase_names(doc)) == ["vega"]


def test_an_ordinary_word_that_is_also_a_name_is_not_a_lower_cased_name() -> None:
    # "Rose Moon spoke and the moon rose": the tagger reads "moon" as a noun, and the article
    # writes "moon" in lower case as often as "Moon" as a name
    doc = build(
        ["Rose", "Moon", "spoke", "and", "the", "moon", "rose", "over", "the", "moon", "."],
        pos=["PROPN", "PROPN", "VERB", "CCONJ", "DET", "NOUN", "VERB", "ADP", "DET", "PROPN", "PUNCT"],
        ents=["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O", "O", "O", "O"],
    )
    assert texts(lowercase_names(doc)) == []


def test_ordinary_lower_case_words_inside_multiword_names_are_not_flagged() -> None:
    doc = build(
        ["the", "United", "States", "and", "several", "states"],
        ents=["O", "B-GPE", "I-GPE", "O", "O", "O"],
    )
    assert texts(lowercase_names(doc)) == []


def fragment_doc() -> Doc:
    # "Prices rose sharply . claims that ."   (one line, the second sentence has no subject)
    return tagged(
        [
            ("Prices", "NOUN", "nsubj", 1, True),
            ("rose", "VERB", "ROOT", 1, False),
            ("sharply", "ADV", "advmod", 1, False),
            (".", "PUNCT", "punct", 1, False),
            ("claims", "VERB", "ROOT", 4, True),
            ("that", "PRON", "dep", 4, False),
            (".", "PUNCT", "punct", 4, False),
        ]
    )


def test_dangling_fragment_after_a_sentence_is_flagged() -> None:
    assert [f.kind for f in fragments(fragment_doc())] == ["fragment"]
    assert texts(fragments(fragment_doc())) == ["claims that ."]


# "Prices rose ." then a second sentence of two words and a full stop (its head the first word).
PRICES_ROSE = [
    ("Prices", "NOUN", "nsubj", 1, True),
    ("rose", "VERB", "ROOT", 1, False),
    (".", "PUNCT", "punct", 1, False),
]


@pytest.mark.parametrize(
    "second",
    [
        [("They", "PRON", "nsubj", 4, True), ("fell", "VERB", "ROOT", 4, False)],
        [("No", "DET", "det", 4, True), ("joke", "NOUN", "ROOT", 4, False)],
    ],
    ids=["a short complete sentence", "a stylistic fragment that starts like a sentence"],
)
def test_a_second_sentence_that_is_complete_or_starts_like_one_is_not_a_fragment(
    second: list[tuple[str, str, str, int, bool]],
) -> None:
    doc = tagged([*PRICES_ROSE, *second, (".", "PUNCT", "punct", 4, False)])
    assert texts(fragments(doc)) == []


def test_heading_on_its_own_line_is_not_a_fragment() -> None:
    doc = doc_of("Fear of sanctions.\nPrices rose.")
    assert list(fragments(doc)) == []


def test_stray_full_stop_after_a_sentence_is_flagged() -> None:
    doc = doc_of("he suggested. .")
    assert [f.kind for f in fragments(doc)] == ["stray_punctuation"]


def test_a_list_number_or_a_split_abbreviation_is_no_stray_punctuation() -> None:
    assert list(fragments(doc_of("The steps were these. 4. Then more steps."))) == []
    assert list(fragments(doc_of("He flew to the U.s. He met them."))) == []


def test_closing_quote_without_opening_is_flagged_per_paragraph() -> None:
    doc = doc_of("It will pass,” he said.\n“It will pass,” he said.")
    flags = list(unbalanced_quotes(doc))
    assert texts(flags) == ["It will pass,” he said."]


def test_quote_continued_into_the_next_paragraph_is_normal() -> None:
    doc = doc_of('"We will go on.\n"And we will win," she said.')
    assert list(unbalanced_quotes(doc)) == []


def test_lone_straight_quote_is_flagged() -> None:
    doc = doc_of('Since then, he added, "the talks stalled.\nPrices rose.')
    assert len(list(unbalanced_quotes(doc))) == 1


def test_straight_quotes_spaced_on_both_sides_balance_each_other() -> None:
    doc = doc_of('The team hired her as " the first full-time coach " in its history.')
    assert list(unbalanced_quotes(doc)) == []
    assert (
        len(list(unbalanced_quotes(doc_of('The team hired her as " the first coach in its history.')))) == 1
    )


def test_one_slip_in_a_short_text_is_no_pattern() -> None:
    quality = assess_quality(doc_of("The board met. It cut the pay,” she said. Shares rose."), "a")
    assert quality.score >= SPUN_THRESHOLD and [f.kind for f in quality.flags] == ["unbalanced_quotes"]
    assert not quality.spun


def test_repeated_word_is_flagged() -> None:
    assert texts(repeated_words(doc_of("They met the the minister."))) == ["the the"]
    assert texts(repeated_words(doc_of("He said that that was fine."))) == []


def test_space_before_comma_is_flagged() -> None:
    assert texts(spaces_before_punctuation(doc_of("He spoke in Tashkent , then left."))) == ["Tashkent ,"]


def test_score_grows_with_evidence_per_sentence_and_is_capped_at_one() -> None:
    one = (QualityFlag("fragment", Span("a", 0, 1), "x"),)
    assert score_flags((), 10) == 0.0
    assert 0.0 < score_flags(one, 40) < score_flags(one, 10) <= 1.0
    assert score_flags(one * 50, 2) == 1.0


def test_clean_text_is_not_spun() -> None:
    quality = assess_quality(doc_of("The ministers met in Tashkent. They agreed on trade."), "a")
    assert quality.score == 0.0
    assert not quality.spun
    assert quality.flags == ()


def test_garbled_text_is_spun_with_its_evidence() -> None:
    doc = doc_of("The mayor And The governor met. It went well,” he said. .")
    quality = assess_quality(doc, "a")
    assert quality.spun
    assert quality.score >= SPUN_THRESHOLD
    kinds = {f.kind for f in quality.flags}
    assert {"capitalised_word", "unbalanced_quotes", "stray_punctuation"} <= kinds
    assert all(f.span.text_of(doc.text) == f.text and f.span.article == "a" for f in quality.flags)


def test_capitals_in_a_headline_line_a_title_or_a_name_are_style_not_spinning() -> None:
    nlp_text = (
        "Stadia Is Essentially A Beta Version Until 2020, But The Price Tag Is High\n"
        "The band played Born to Be Wild and The Road to Hell, she told The Hill on Monday.\n"
    )
    assert texts(capitalised_words(doc_of(nlp_text))) == []


def test_inch_marks_and_a_quote_closed_straight_after_a_curly_opening_are_balanced() -> None:
    text = 'The 16" MacBook Pro and a 34" monitor.\nThe slogan “We’re On It" trended.\n'
    assert texts(unbalanced_quotes(doc_of(text))) == []


def test_a_typographic_habit_counts_once_however_often_it_recurs() -> None:
    habit = tuple(QualityFlag("space_before_punctuation", Span("a", i, i + 2), "x ,") for i in range(10))
    assert score_flags(habit, 10) == score_flags(habit[:1], 10)


def test_a_quote_left_open_where_the_text_is_cut_off_is_no_lost_mark() -> None:
    cut = 'The ferry left at noon. "We will sail again as soon as the wind drops and the harbour'
    assert list(unbalanced_quotes(doc_of(cut))) == []
    ended = 'The ferry left at noon. "We will sail again as soon as the wind drops.'
    assert len(list(unbalanced_quotes(doc_of(ended)))) == 1
    earlier = 'He said, "we will sail again.\nThe ferry left at noon and the harbour'
    assert len(list(unbalanced_quotes(doc_of(earlier)))) == 1


def test_one_doubled_word_recurring_is_one_piece_of_evidence() -> None:
    """A doubled word met again and again is a name ("the duo Mira Mira"), not repeated slips."""
    name = tuple(QualityFlag("repeated_word", Span("a", i, i + 9), "mira Mira") for i in range(0, 40, 10))
    slips = tuple(
        QualityFlag("repeated_word", Span("a", i, i + 7), w) for i, w in ((0, "the the"), (10, "of of"))
    )
    assert score_flags(name, 10) == score_flags(name[:1], 10)
    assert score_flags(slips, 10) == 2 * score_flags(slips[:1], 10)
