"""The one text-words module (``newsprism.words``): fold, words, stems and stop words, each
variant for the step its docstring names."""

from __future__ import annotations

from newsprism.words import (
    CALENDAR_WORDS,
    STOP,
    SUMMARY_STOP_WORDS,
    content_stems,
    fold,
    fold_line,
    folded_words,
    letter_words,
    light_stem,
    prefix_stem,
    stem,
    stop_words,
    words,
)


def test_fold_lowers_drops_accents_and_makes_typography_ascii() -> None:
    assert fold("Zelenskyy’s “Café” — Łódź\u00a0É") == 'zelenskyy\'s "cafe" - łodz e'
    assert fold("Plain ASCII") == "plain ascii"


def test_fold_is_idempotent() -> None:
    for text in ["Ünïcödé ‘quotes’ – dashes", "ascii", "Ça va"]:
        assert fold(fold(text)) == fold(text)


def test_words_are_folded_tokens_without_possessives_numbers_kept_whole() -> None:
    assert words("Xi’s visit cost $1,200.50 on Sept. 14") == [
        "xi",
        "visit",
        "cost",
        "1,200.50",
        "on",
        "sept",
        "14",
    ]
    assert folded_words(fold("Putin's TALKS")) == words("Putin's TALKS") == ["putin", "talks"]


def test_fold_line_makes_widget_labels_compare_equal_and_keeps_accents() -> None:
    assert fold_line("  Don’t MISS:  ") == fold_line("don't miss") == "don t miss"
    assert fold_line("À lire aussi") == "à lire aussi"


def test_stem_strips_regular_inflections_only() -> None:
    assert [stem(w) for w in ["concerns", "cities", "passes", "talking", "visited"]] == [
        "concern",
        "city",
        "pass",
        "talk",
        "visit",
    ]
    assert [stem(w) for w in ["bus", "status", "analysis", "2024", "met"]] == [
        "bus",
        "status",
        "analysis",
        "2024",
        "met",
    ]


def test_content_stems_drop_linking_stop_words_and_single_letters() -> None:
    assert content_stems("He said the talks were a success, according to officials") == [
        "talk",
        "success",
        "official",
    ]
    assert {"said", "according", "the"} <= STOP


def test_the_timeline_also_stops_calendar_words() -> None:
    assert {"september", "tuesday", "week", "yesterday"} <= CALENDAR_WORDS
    assert not CALENDAR_WORDS & {"summit", "talks"}


def test_light_stem_strips_the_summarisers_longer_suffix_list() -> None:
    assert [light_stem(w) for w in ["protesting", "cities", "government", "quickly", "nationalization"]] == [
        "protest",
        "city",
        "govern",
        "quick",
        "nationalize",
    ]
    assert [light_stem(w) for w in ["bus", "spring", "crisis"]] == ["bus", "spring", "crisis"]


def test_the_summary_stop_words_differ_from_linkings_where_it_was_measured_to_matter() -> None:
    assert {"new", "mr", "may"} <= SUMMARY_STOP_WORDS
    assert "first" in STOP and "first" not in SUMMARY_STOP_WORDS


def test_stop_words_come_per_language_from_justext() -> None:
    assert {"the", "and"} <= stop_words("en")
    assert {"le", "les", "des"} <= stop_words("fr")
    assert stop_words("xx") == frozenset()


def test_letter_words_split_elisions_and_drop_digits() -> None:
    assert letter_words("L’actualité de 2024: C'EST fini") == ["l", "actualité", "de", "c", "est", "fini"]


def test_prefix_stem_keeps_five_letters_in_any_language() -> None:
    assert prefix_stem("sanctions") == prefix_stem("sanction") == "sanct"
    assert prefix_stem("Krieg") == "Krieg"
