"""Specification of the stopword-based language guess (no model)."""

from __future__ import annotations

import pytest

from newsprism.clean.language import detect_language, guess_language, is_foreign, language_scores
from newsprism.words import LANGUAGES, letter_words, stop_words

ENGLISH = "The council said on Monday that it would rebuild the library before the end of the year."


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (ENGLISH, "en"),
        ("Le maire a annoncé que la bibliothèque serait reconstruite avant la fin de l’année.", "fr"),
        ("Der Bürgermeister hat gesagt, dass die Bibliothek im nächsten Jahr gebaut wird.", "de"),
        ("El alcalde dijo que la biblioteca será reconstruida antes de que termine el año.", "es"),
    ],
)
def test_guesses_the_language_of_a_sentence(text: str, code: str) -> None:
    assert guess_language(text) == code


@pytest.mark.parametrize(
    "text",
    [ENGLISH, "Le maire et la ville: the mayor and die Stadt, de la fin.", "Elston", ""],
)
def test_a_score_is_the_share_of_words_in_the_list_without_english_words(text: str) -> None:
    words = letter_words(text)
    english = stop_words("en")
    expected = {
        code: sum(w in (english if code == "en" else stop_words(code) - english) for w in words) / len(words)
        if words
        else 0.0
        for code in LANGUAGES
    }
    assert language_scores(text) == expected


def test_too_short_to_tell() -> None:
    assert guess_language("Elston") is None
    assert not is_foreign("Bonjour", "en")


def test_english_headline_full_of_names_is_not_foreign() -> None:
    assert not is_foreign("FSB of Russia Prevents Terrorist Attacks in Crimea and the Kherson Region", "en")
    assert not is_foreign("Storm warning issued for northern coast as winds pick up", "en")


def test_teaser_in_another_language_is_foreign_to_an_english_article() -> None:
    assert is_foreign("Les dirigeants se sont réunis lundi pour parler de la crise", "en")
    assert not is_foreign("Les dirigeants se sont réunis lundi pour parler de la crise", "fr")
    assert is_foreign(ENGLISH, "fr")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("東京の市長は月曜日、図書館を年内に建て直すと発表しました。工事は来月から始まります。", "ja"),
        ("서울시장은 월요일에 도서관을 연말까지 다시 짓겠다고 발표했다. 공사는 다음 달 시작된다.", "ko"),
        ("市长周一表示，图书馆将在年底前重建。工程将于下个月开始。", "zh"),
        ("Ο δήμαρχος είπε τη Δευτέρα ότι η βιβλιοθήκη θα ξαναχτιστεί μέχρι το τέλος του έτους.", "el"),
    ],
)
def test_a_text_in_a_script_of_its_own_is_told_by_its_script(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_the_text_outweighs_a_wrong_page_declaration() -> None:
    german = "Der Bürgermeister hat gesagt, dass die Bibliothek im nächsten Jahr gebaut wird."
    assert detect_language(german, declared="en") == "de"
    assert detect_language(ENGLISH, declared="de") == "en"


def test_a_declaration_decides_only_when_the_text_cannot() -> None:
    assert detect_language("Elston 3, Rockledge 1", declared="pt") == "pt"
    assert detect_language("Elston 3, Rockledge 1") is None


def test_a_standings_table_does_not_drown_the_prose_around_it() -> None:
    """Names and figures in table rows are no language's stopwords: the few lines of prose
    around a long table tell its language, not the page's declaration."""
    prose = (
        "Nesta página você encontra a classificação atualizada da liga depois de cada rodada.\n"
        "Coloque nos seus favoritos e venha sempre conferir os pontos dos pilotos!\n"
    )
    rows = "".join(f"| {i} | Jordan Tamsin Okafor | {5000 - 7 * i} | {i % 4} |\n" for i in range(1, 41))
    assert detect_language(prose + rows, "en") == "pt"
    assert detect_language(rows, "en") == "en"  # a table alone: the declaration decides
