"""Sentence spans of an analysis: the parser's sentences, with mid-sentence pieces joined back."""

from __future__ import annotations

from spacy.tokens import Doc

from newsprism.extract.document import sentence_spans
from tests.docs import build


def doc(*sentences: str) -> Doc:
    """A Doc whose sentences are exactly ``sentences`` (space-separated tokens; "\\n" alone is a
    line break between two sentences)."""
    words: list[str] = []
    starts: list[bool] = []
    for sentence in sentences:
        tokens = sentence.split(" ")
        words += tokens
        starts += [True] + [False] * (len(tokens) - 1)
    spaces = [w != "\n" and nxt != "\n" for w, nxt in zip(words, [*words[1:], "\n"], strict=True)]
    return build(words, spaces=spaces, sent_starts=starts)


def texts(d: Doc) -> list[str]:
    return [d.text[s:e] for s, e in sentence_spans(d)]


def test_pieces_starting_lower_case_or_with_closing_punctuation_join_the_sentence_before() -> None:
    d = doc(
        "Xi left on Wednesday .",
        "Kazakhstan , which borders Xinjiang ( 1,700 km ) .",
        "shares a border .",
        ") , is his first stop .",
        "He flew on to Samarkand .",
        "Putin was there .",
    )
    assert texts(d)[:3] == [
        "Xi left on Wednesday .",
        "Kazakhstan , which borders Xinjiang ( 1,700 km ) . shares a border . ) , is his first stop .",
        "He flew on to Samarkand .",
    ]


def test_whole_sentences_stay_apart() -> None:
    d = doc(
        "The dam failed on Thursday .", "Engineers said it had cracked .", "“ We warned them , ” he said ."
    )
    assert len(sentence_spans(d)) == 3


def test_a_lower_case_piece_on_a_new_line_starts_its_own_sentence() -> None:
    d = doc("A headline without a stop", "\n", "and a paragraph in lower case .")
    assert texts(d)[-1] == "and a paragraph in lower case ."


def test_names_written_lower_case_first_start_a_sentence() -> None:
    d = doc("Apple cut prices .", "iPhone sales rose .", "eBay fell .")
    assert len(sentence_spans(d)) == 3


def test_a_lower_case_start_after_a_question_or_an_exclamation_stays_a_sentence() -> None:
    d = doc("Should we worry ?", "some researchers say yes .", "Bring it on !", "the chief said .")
    assert len(sentence_spans(d)) == 4


def test_a_lower_cased_text_gives_no_clue_and_keeps_the_parser_sentences() -> None:
    d = doc("the dam failed .", "engineers said it cracked .", "the town flooded .")
    assert len(sentence_spans(d)) == 3


def test_a_label_line_the_parser_ran_into_the_next_sentence_is_its_own_span() -> None:
    """A byline or heading has no end punctuation, so the parser reads it as the start of the
    sentence on the next line ("Staff Reports Police arrested ..." led a summary)."""
    d = doc("Staff Reports \n Police arrested six people on Monday .", "Officers said more may follow .")
    assert texts(d) == [
        "Staff Reports",
        "Police arrested six people on Monday .",
        "Officers said more may follow .",
    ]
    heading = doc("What you need \n Two jars of honey will do .", "Crews worked all night .")
    assert texts(heading)[:2] == ["What you need", "Two jars of honey will do ."]


def test_a_hard_wrapped_line_or_a_long_one_stays_in_its_sentence() -> None:
    wrapped = doc(
        "The council voted to rebuild the \n Levee Trust offices by June .", "Crews worked all night ."
    )
    assert texts(wrapped)[0] == "The council voted to rebuild the\nLevee Trust offices by June ."
    long = doc(
        "The council voted late on Monday to rebuild all of it \n Riverton offices first .",
        "Crews worked all night .",
    )
    assert texts(long)[0].startswith("The council voted late")


def test_a_name_with_a_period_the_article_repeats_is_not_cut() -> None:
    d = doc(
        "Lumen showed the KX.",
        "ORBIT TOURER van in Oslo .",
        "The KX.",
        "ORBIT TOURER seats six .",
        "Buyers can order the KX.",
        "ORBIT TOURER from May .",
    )
    assert texts(d) == [
        "Lumen showed the KX. ORBIT TOURER van in Oslo .",
        "The KX. ORBIT TOURER seats six .",
        "Buyers can order the KX. ORBIT TOURER from May .",
    ]


def test_an_acronym_ending_a_sentence_before_one_opening_the_next_is_a_boundary() -> None:
    """The pair's form alone is ordinary news: only a pair the article repeats is a name."""
    d = doc("The ministers left the EU.", "NATO leaders met later .", "The EU.", "NATO talks went on .")
    assert len(sentence_spans(d)) == 4
