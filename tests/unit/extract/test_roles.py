"""Roles: the description an article states next to a person's name, as a verbatim span."""

from __future__ import annotations

from spacy.tokens import Doc

from newsprism.extract.mentions import extract_mentions
from newsprism.extract.roles import extract_roles, is_role_word
from newsprism.records import Role, Span
from tests.docs import from_rows, lowered


def parsed(tokens: list[tuple[str, str, str, int, str]], space_after: list[bool] | None = None) -> Doc:
    """A Doc from (word, pos, dep, head index, ent IOB tag) rows; a space after each word
    unless ``space_after`` says otherwise."""
    return from_rows(
        tokens, "word pos dep head ent", spaces=space_after, lemmas=lowered([t[0] for t in tokens])
    )


def roles_of(doc: Doc) -> list[tuple[str, str]]:
    """(mention text, role text) pairs, checking each role's span against the text."""
    mentions = extract_mentions(doc, "a")
    pairs = extract_roles(doc, mentions)
    for _, role in pairs:
        assert role.span.text_of(doc.text) == role.text
        assert role.span.article == "a"
    return [(mentions[i].text, role.text) for i, role in pairs]


def test_title_before_the_name() -> None:
    doc = parsed(
        [
            ("Belarusian", "ADJ", "amod", 1, "B-NORP"),
            ("Premier", "PROPN", "compound", 3, "O"),
            ("Anna", "PROPN", "compound", 3, "B-PERSON"),
            ("Kowal", "PROPN", "nsubj", 4, "I-PERSON"),
            ("spoke", "VERB", "ROOT", 4, "O"),
            (".", "PUNCT", "punct", 4, "O"),
        ]
    )
    assert roles_of(doc) == [("Anna Kowal", "Belarusian Premier")]


def test_title_stops_at_a_verb_and_drops_the_determiner() -> None:
    doc = parsed(
        [
            ("She", "PRON", "nsubj", 1, "O"),
            ("met", "VERB", "ROOT", 1, "O"),
            ("the", "DET", "det", 4, "O"),
            ("Andean", "ADJ", "amod", 4, "B-NORP"),
            ("counterpart", "NOUN", "compound", 6, "O"),
            ("Rosa", "PROPN", "compound", 6, "B-PERSON"),
            ("Quispe", "PROPN", "dobj", 1, "I-PERSON"),
            (".", "PUNCT", "punct", 1, "O"),
        ]
    )
    assert roles_of(doc) == [("Rosa Quispe", "Andean counterpart")]


def test_no_title_when_the_word_before_the_name_is_not_a_role() -> None:
    doc = parsed(
        [
            ("They", "PRON", "nsubj", 1, "O"),
            ("met", "VERB", "ROOT", 1, "O"),
            ("Rosa", "PROPN", "compound", 3, "B-PERSON"),
            ("Quispe", "PROPN", "dobj", 1, "I-PERSON"),
            (".", "PUNCT", "punct", 1, "O"),
        ]
    )
    assert roles_of(doc) == []


def test_titles_joined_by_and_are_both_roles() -> None:
    doc = parsed(
        [
            ("loyal", "ADJ", "amod", 1, "O"),
            ("ally", "NOUN", "nsubj", 1, "O"),
            ("and", "CCONJ", "cc", 1, "O"),
            ("bank", "NOUN", "compound", 4, "O"),
            ("chief", "NOUN", "compound", 6, "O"),
            ("Ivo", "PROPN", "compound", 6, "B-PERSON"),
            ("Marek", "PROPN", "conj", 1, "I-PERSON"),
            ("left", "VERB", "ROOT", 7, "O"),
        ]
    )
    assert roles_of(doc) == [("Ivo Marek", "loyal ally"), ("Ivo Marek", "bank chief")]


def test_appositive_after_the_name_without_its_article_and_relative_clause() -> None:
    # "Tom Reyes, a senior fellow at the Lowy Institute who writes often, said ."
    doc = parsed(
        [
            ("Tom", "PROPN", "compound", 1, "B-PERSON"),
            ("Reyes", "PROPN", "nsubj", 14, "I-PERSON"),
            (",", "PUNCT", "punct", 1, "O"),
            ("a", "DET", "det", 5, "O"),
            ("senior", "ADJ", "amod", 5, "O"),
            ("fellow", "NOUN", "appos", 1, "O"),
            ("at", "ADP", "prep", 5, "O"),
            ("the", "DET", "det", 9, "O"),
            ("Lowy", "PROPN", "compound", 9, "B-ORG"),
            ("Institute", "PROPN", "pobj", 6, "I-ORG"),
            ("who", "PRON", "nsubj", 11, "O"),
            ("writes", "VERB", "relcl", 5, "O"),
            ("often", "ADV", "advmod", 11, "O"),
            (",", "PUNCT", "punct", 1, "O"),
            ("said", "VERB", "ROOT", 14, "O"),
            (".", "PUNCT", "punct", 14, "O"),
        ]
    )
    assert ("Tom Reyes", "senior fellow at the Lowy Institute") in roles_of(doc)


def test_appositive_of_an_organisation_is_not_a_role() -> None:
    # "Vantor, a think tank in Oslo, said ."
    doc = parsed(
        [
            ("Vantor", "PROPN", "nsubj", 8, "B-ORG"),
            (",", "PUNCT", "punct", 0, "O"),
            ("a", "DET", "det", 4, "O"),
            ("think", "NOUN", "compound", 4, "O"),
            ("tank", "NOUN", "appos", 0, "O"),
            ("in", "ADP", "prep", 4, "O"),
            ("Oslo", "PROPN", "pobj", 5, "B-GPE"),
            (",", "PUNCT", "punct", 0, "O"),
            ("said", "VERB", "ROOT", 8, "O"),
        ]
    )
    assert roles_of(doc) == []


def test_a_person_role_is_kept_even_when_the_ner_mislabels_the_person() -> None:
    doc = parsed(
        [
            ("President", "PROPN", "compound", 2, "O"),
            ("Aibek", "PROPN", "compound", 2, "B-ORG"),
            ("Nurlanov", "PROPN", "nsubj", 3, "I-ORG"),
            ("spoke", "VERB", "ROOT", 3, "O"),
        ]
    )
    assert roles_of(doc) == [("Aibek Nurlanov", "President")]


def test_affiliation_with_an_organisation() -> None:
    # "Dana Pike with the Harbor Policy Lab wrote ."
    doc = parsed(
        [
            ("Dana", "PROPN", "compound", 1, "B-PERSON"),
            ("Pike", "PROPN", "nsubj", 7, "I-PERSON"),
            ("with", "ADP", "prep", 1, "O"),
            ("the", "DET", "det", 6, "O"),
            ("Harbor", "PROPN", "compound", 6, "B-ORG"),
            ("Policy", "PROPN", "compound", 6, "I-ORG"),
            ("Lab", "PROPN", "pobj", 2, "I-ORG"),
            ("wrote", "VERB", "ROOT", 7, "O"),
        ]
    )
    assert roles_of(doc) == [("Dana Pike", "with the Harbor Policy Lab")]


def test_organisation_possessive_before_the_name() -> None:
    # "Lund University’s Eva Berg wrote ."
    doc = parsed(
        [
            ("Lund", "PROPN", "compound", 1, "B-ORG"),
            ("University", "PROPN", "poss", 4, "I-ORG"),
            ("’s", "PART", "case", 1, "O"),
            ("Eva", "PROPN", "compound", 4, "B-PERSON"),
            ("Berg", "PROPN", "nsubj", 5, "I-PERSON"),
            ("wrote", "VERB", "ROOT", 5, "O"),
        ],
        space_after=[True, False, True, True, True, False],
    )
    assert roles_of(doc) == [("Eva Berg", "Lund University")]


def test_copular_description() -> None:
    # "Omar Haddad is the chief negotiator ."
    doc = parsed(
        [
            ("Omar", "PROPN", "compound", 1, "B-PERSON"),
            ("Haddad", "PROPN", "nsubj", 2, "I-PERSON"),
            ("is", "AUX", "ROOT", 2, "O"),
            ("the", "DET", "det", 5, "O"),
            ("chief", "ADJ", "amod", 5, "O"),
            ("negotiator", "NOUN", "attr", 2, "O"),
            (".", "PUNCT", "punct", 2, "O"),
        ]
    )
    doc[2].lemma_ = "be"
    assert roles_of(doc) == [("Omar Haddad", "chief negotiator")]


def test_sentence_initial_description_running_into_the_name_splits_at_and() -> None:
    # "Lecturer of law at Kent University and expert on Peru Ana Ruiz spoke ."
    rows = [
        ("Lecturer", "PROPN", "nsubj", 12, "O"),
        ("of", "ADP", "prep", 0, "O"),
        ("law", "NOUN", "pobj", 1, "O"),
        ("at", "ADP", "prep", 0, "O"),
        ("Kent", "PROPN", "compound", 5, "B-ORG"),
        ("University", "PROPN", "pobj", 3, "I-ORG"),
        ("and", "CCONJ", "cc", 0, "O"),
        ("expert", "NOUN", "conj", 0, "O"),
        ("on", "ADP", "prep", 7, "O"),
        ("Peru", "PROPN", "pobj", 8, "B-GPE"),
        ("Ana", "PROPN", "compound", 11, "B-PERSON"),
        ("Ruiz", "PROPN", "appos", 0, "I-PERSON"),
        ("spoke", "VERB", "ROOT", 12, "O"),
    ]
    doc = parsed(rows)
    assert roles_of(doc) == [
        ("Ana Ruiz", "Lecturer of law at Kent University"),
        ("Ana Ruiz", "expert on Peru"),
    ]


def test_role_words_match_by_lemma_and_shared_words_only_for_people() -> None:
    doc = parsed([("Directors", "NOUN", "ROOT", 0, "O"), ("ally", "NOUN", "dep", 0, "O")])
    doc[0].lemma_ = "director"
    assert is_role_word(doc[0])
    assert not is_role_word(doc[1])
    assert is_role_word(doc[1], person=True)


def test_roles_are_role_records_indexed_by_mention() -> None:
    doc = parsed(
        [
            ("Foreign", "PROPN", "compound", 1, "O"),
            ("Minister", "PROPN", "compound", 3, "O"),
            ("Lena", "PROPN", "compound", 3, "B-PERSON"),
            ("Holt", "PROPN", "ROOT", 3, "I-PERSON"),
        ]
    )
    mentions = extract_mentions(doc, "art")
    assert extract_roles(doc, mentions) == [(0, Role("Foreign Minister", Span("art", 0, 16)))]
