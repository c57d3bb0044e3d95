"""Specification of the stopword-based language guess (no model)."""

from __future__ import annotations

import pytest

from newsprism.clean.language import guess_language, is_foreign

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
