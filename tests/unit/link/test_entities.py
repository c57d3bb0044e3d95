"""Canonical entities: how mentions of one run become people, organisations and places."""

from __future__ import annotations

from dataclasses import replace

from pytest import MonkeyPatch

import newsprism.link.entities as entities_module
from newsprism.link.entities import (
    canonicalise,
    clean_name,
    initials,
    link_quotes,
    sound_key,
    token_key,
)
from newsprism.records import ArticleAnalysis, Entity, Mention, Quote, Role, Span, content_id


def analysis(
    article: str, *mentions: tuple[str, str, int], roles: tuple[tuple[int, Role], ...] = ()
) -> ArticleAnalysis:
    """An analysis whose mentions are (text, label, start) triples."""
    ms = tuple(
        Mention(Span(article, start, start + len(text)), text, label) for text, label, start in mentions
    )
    return ArticleAnalysis(article=article, mentions=ms, roles=roles)


def by_name(entities: list[Entity], name: str) -> Entity:
    matches = [e for e in entities if e.name == name]
    assert len(matches) == 1, [e.name for e in entities]
    return matches[0]


def entity_of(entities: list[Entity], article: str, start: int) -> Entity:
    return next(
        e for e in entities if any(m.span.article == article and m.span.start == start for m in e.mentions)
    )


# ------------------------------------------------------------------ name keys


def test_titles_honorifics_brackets_and_possessives_are_stripped_from_person_names() -> None:
    assert clean_name("President Xi Jinping") == "Xi Jinping"
    assert clean_name("Mr. Xi") == "Xi"
    assert clean_name("[Xi]") == "Xi"
    assert clean_name("Narendra] Modi") == "Narendra Modi"
    assert clean_name("Xi Jinping’s") == "Xi Jinping"


def test_a_title_alone_is_kept_rather_than_emptied() -> None:
    assert clean_name("President") == "President"


def test_transliteration_variants_share_a_key() -> None:
    assert token_key("Sergei") == token_key("Sergey")
    assert token_key("Kassym-Jomart") == token_key("Kasim-Jomart")
    assert token_key("Putin") == token_key("putin")
    assert token_key("Vladmir") != token_key("Vladimir")  # handled by fuzzy matching instead


def test_sound_key_joins_lee_and_li_but_not_sun() -> None:
    assert sound_key(token_key("Lee")) == sound_key(token_key("Li"))
    assert sound_key(token_key("Sun")) != sound_key(token_key("Li"))


def test_initials_skip_function_words() -> None:
    assert initials("Shanghai Cooperation Organization") == "SCO"
    assert initials("the Institute for Far Eastern Affairs") == "IFEA"


# ------------------------------------------------------------------ people


def test_surname_only_mention_resolves_to_the_full_name_in_its_article() -> None:
    entities = canonicalise([analysis("a", ("Vladimir Putin", "PERSON", 0), ("Putin", "PERSON", 50))])
    putin = by_name(entities, "Vladimir Putin")
    assert len(putin.mentions) == 2
    assert putin.aliases == ("Putin",)
    assert putin.type == "person"
    assert putin.id == content_id("person", "Vladimir Putin")


def test_titled_honorific_bracketed_and_lower_cased_forms_join_the_person() -> None:
    entities = canonicalise(
        [
            analysis(
                "a", ("President Xi Jinping", "PERSON", 0), ("Mr. Xi", "PERSON", 40), ("[Xi]", "PERSON", 80)
            ),
            analysis("b", ("Vladimir Putin", "PERSON", 0), ("putin", "PERSON", 30)),
        ]
    )
    xi = by_name(entities, "Xi Jinping")
    assert len(xi.mentions) == 3
    assert len(by_name(entities, "Vladimir Putin").mentions) == 2


def test_misspellings_and_transliterations_merge_across_articles() -> None:
    entities = canonicalise(
        [
            analysis(
                "a",
                ("Vladimir Putin", "PERSON", 0),
                ("Sergei Lavrov", "PERSON", 30),
                ("Kassym-Jomart Tokayev", "PERSON", 60),
            ),
            analysis(
                "b",
                ("Vladmir Putin", "PERSON", 0),
                ("Sergey Lavrov", "PERSON", 30),
                ("Kasim-Jomart Tokayev", "PERSON", 60),
            ),
        ]
    )
    people = [e for e in entities if e.type == "person"]
    assert sorted(e.name for e in people) == ["Kassym-Jomart Tokayev", "Sergei Lavrov", "Vladimir Putin"]
    assert all(len(e.mentions) == 2 for e in people)


def test_a_common_surname_over_a_large_corpus_is_not_compared_pair_by_pair(monkeypatch: MonkeyPatch) -> None:
    # 2,000 different people called Li (given names "Ba Ca", "Ba Ce", ...), plus two spellings
    # of one more: every pair would be ~2 million comparisons.
    syllables = [c + v for c in "bcdfghjklmnpqrstvz" for v in "aeiou"]
    given = [f"{a.title()} {b.title()}" for a in syllables for b in syllables][:2000]
    analyses = [analysis(f"a{k}", (f"{name} Li", "PERSON", 0)) for k, name in enumerate(given)]
    analyses += [analysis("x", ("Vladimir Li", "PERSON", 0)), analysis("y", ("Vladmir Li", "PERSON", 0))]
    calls = 0
    similar = entities_module._given_similar

    def counted(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        nonlocal calls
        calls += 1
        return similar(a, b)

    monkeypatch.setattr(entities_module, "_given_similar", counted)
    entities = canonicalise(analyses)
    # each name meets a window of 32 neighbours, read both ways, in its surname and first-word blocks
    assert calls <= 2 * 2 * 32 * len(analyses)
    assert len(by_name(entities, "Vladimir Li").mentions) == 2
    assert len([e for e in entities if e.type == "person"]) == 2001


def test_the_most_frequent_spelling_names_the_person() -> None:
    entities = canonicalise(
        [
            analysis("a", ("Vladmir Putin", "PERSON", 0)),
            analysis("b", ("Vladimir Putin", "PERSON", 0)),
            analysis("c", ("Vladimir Putin", "PERSON", 0)),
        ]
    )
    assert [e.name for e in entities] == ["Vladimir Putin"]
    assert entities[0].aliases == ("Vladmir Putin",)


def test_different_people_sharing_a_surname_stay_apart() -> None:
    entities = canonicalise(
        [
            analysis("a", ("Li Zhanshu", "PERSON", 0)),
            analysis("b", ("Li Lifan", "PERSON", 0), ("Li Zhanshu", "PERSON", 100)),
        ]
    )
    assert {e.name for e in entities} == {"Li Zhanshu", "Li Lifan"}
    assert len(by_name(entities, "Li Zhanshu").mentions) == 2


def test_a_full_name_with_a_middle_name_is_the_same_person_as_first_and_last_name() -> None:
    found = canonicalise([
        analysis("a", ("Owen John Dempsey", "PERSON", 0)),
        analysis("b", ("Owen Dempsey", "PERSON", 0), ("Dempsey", "PERSON", 40)),
    ])  # fmt: skip
    people = [e for e in found if e.type == "person"]
    assert [(e.name, len(e.mentions)) for e in people] == [("Owen John Dempsey", 3)]


def test_two_middle_names_for_one_first_and_last_name_are_not_guessed() -> None:
    found = canonicalise([
        analysis("a", ("Owen John Dempsey", "PERSON", 0)),
        analysis("b", ("Owen Dempsey", "PERSON", 0)),
        analysis("c", ("Owen Patrick Dempsey", "PERSON", 0)),
    ])  # fmt: skip
    assert sorted(e.name for e in found if e.type == "person") == [
        "Owen Dempsey", "Owen John Dempsey", "Owen Patrick Dempsey"
    ]  # fmt: skip


def test_ambiguous_surname_goes_to_the_nearest_earlier_full_name() -> None:
    entities = canonicalise(
        [
            analysis(
                "a",
                ("Li Lifan", "PERSON", 0),
                ("Li", "PERSON", 50),
                ("Li Zhanshu", "PERSON", 100),
                ("Li", "PERSON", 150),
            )
        ]
    )
    assert entity_of(entities, "a", 50).name == "Li Lifan"
    assert entity_of(entities, "a", 150).name == "Li Zhanshu"


def speech(article: str, speaker: str, start: int) -> Quote:
    """Reported speech in ``article`` whose speaker is written ``speaker`` at ``start``."""
    return Quote(
        content_id(article, str(start)),
        Span(article, start + 40, start + 60),
        "...",
        "indirect",
        speaker_text=speaker,
        speaker_span=Span(article, start, start + len(speaker)),
    )


def test_an_ambiguous_surname_speaking_goes_to_the_nearest_earlier_speaker() -> None:
    # "According to Li Lifan, ..." ... "Li Zhanshu was sent ..." ... "Li added that ..."
    mentions = (("Li Lifan", "PERSON", 13), ("Li Zhanshu", "PERSON", 100), ("Li", "PERSON", 200))
    quotes = (speech("a", "Li Lifan", 13), speech("a", "Li", 200))
    entities = canonicalise([replace(analysis("a", *mentions), quotes=quotes)])
    assert entity_of(entities, "a", 200).name == "Li Lifan"

    silent = canonicalise([replace(analysis("a", *mentions), quotes=quotes[1:])])
    assert entity_of(silent, "a", 200).name == "Li Zhanshu"  # no earlier speaker: the nearest


def test_ambiguous_surname_before_any_full_name_stays_unresolved() -> None:
    entities = canonicalise(
        [analysis("a", ("Li", "PERSON", 0), ("Li Lifan", "PERSON", 50), ("Li Zhanshu", "PERSON", 100))]
    )
    li = entity_of(entities, "a", 0)
    assert li.name == "Li"
    assert len(li.mentions) == 1


def test_misspelt_surname_resolves_by_sound_to_the_earlier_person() -> None:
    entities = canonicalise(
        [analysis("a", ("Li Lifan", "PERSON", 0), ("Lee", "PERSON", 50), ("Li Zhanshu", "PERSON", 90))]
    )
    assert entity_of(entities, "a", 50).name == "Li Lifan"


def test_surname_alone_in_an_article_joins_the_only_such_person_of_the_run() -> None:
    entities = canonicalise(
        [analysis("a", ("Vladimir Putin", "PERSON", 0)), analysis("b", ("Putin", "PERSON", 0))]
    )
    assert len(by_name(entities, "Vladimir Putin").mentions) == 2


def test_surname_alone_shared_by_two_people_of_the_run_is_not_guessed() -> None:
    entities = canonicalise(
        [
            analysis("a", ("Li Lifan", "PERSON", 0)),
            analysis("b", ("Li Zhanshu", "PERSON", 0)),
            analysis("c", ("Li", "PERSON", 0)),
        ]
    )
    assert entity_of(entities, "c", 0).name == "Li"


def test_mislabelled_surname_of_a_person_in_the_article_joins_that_person() -> None:
    entities = canonicalise([analysis("a", ("Yun Sun", "PERSON", 0), ("Sun", "ORG", 40), ("Sun", "ORG", 80))])
    sun = by_name(entities, "Yun Sun")
    assert sun.type == "person"
    assert len(sun.mentions) == 3


def test_mislabelled_full_name_joins_the_person_tagged_elsewhere() -> None:
    entities = canonicalise(
        [
            analysis("a", ("Li Zhanshu", "GPE", 0)),
            analysis("b", ("Li Zhanshu", "PERSON", 0)),
            analysis("c", ("Li Zhanshu", "PERSON", 0)),
        ]
    )
    assert [(e.name, e.type, len(e.mentions)) for e in entities] == [("Li Zhanshu", "person", 3)]


def test_a_stated_person_role_makes_a_mislabelled_mention_a_person() -> None:
    role = Role("President", Span("a", 0, 9))
    entities = canonicalise([analysis("a", ("Kassym-Jomart Tokayev", "ORG", 10), roles=((0, role),))])
    assert entities[0].type == "person"
    assert entities[0].roles == (role,)


def test_a_name_the_run_mostly_tags_as_an_organisation_or_place_is_not_a_person() -> None:
    found = canonicalise([
        analysis("a", ("Hydrovel", "ORG", 0), ("Hydrovel", "ORG", 50), ("Veltrava", "GPE", 90)),
        analysis("b", ("Hydrovel", "PERSON", 0), ("VELTRAVA", "PERSON", 40), ("Veltrava", "GPE", 90)),
    ])  # fmt: skip
    assert [e.name for e in found if e.type == "person"] == []
    assert len(by_name(found, "Hydrovel").mentions) == 3


def test_a_place_named_like_nobody_stays_a_place() -> None:
    entities = canonicalise([analysis("a", ("Yun Sun", "PERSON", 0), ("Washington", "GPE", 40))])
    assert by_name(entities, "Washington").type == "place"


def test_a_person_tag_on_a_name_with_digits_is_not_a_person() -> None:
    entities = canonicalise([analysis("a", ("COVID-19", "PERSON", 0))])
    assert entities[0].type != "person"


def test_each_entity_lists_its_roles_with_their_spans() -> None:
    r1 = Role("Russian President", Span("a", 0, 17))
    r2 = Role("Russian leader", Span("b", 0, 14))
    entities = canonicalise(
        [
            analysis("a", ("Vladimir Putin", "PERSON", 18), roles=((0, r1),)),
            analysis("b", ("Vladimir Putin", "PERSON", 15), roles=((0, r2),)),
        ]
    )
    assert entities[0].roles == (r1, r2)


# ------------------------------------------------------------------ organisations and places


def test_organisation_variants_of_case_article_and_spelling_merge() -> None:
    entities = canonicalise(
        [
            analysis("a", ("Shanghai Cooperation Organization", "ORG", 0)),
            analysis(
                "b",
                ("Shanghai Cooperation Organisation", "ORG", 0),
                ("shanghai cooperation organization", "ORG", 50),
            ),
        ]
    )
    assert [(e.name, len(e.mentions)) for e in entities] == [("Shanghai Cooperation Organization", 3)]


def test_acronym_introduced_in_parentheses_joins_its_full_name_in_every_article() -> None:
    entities = canonicalise(
        [
            analysis("a", ("Shanghai Cooperation Organization", "ORG", 0), ("SCO", "ORG", 35)),
            analysis("b", ("SCO", "ORG", 0)),
        ]
    )
    assert [(e.name, e.type, len(e.mentions)) for e in entities] == [
        ("Shanghai Cooperation Organization", "organization", 3)
    ]


def test_dotted_and_plain_acronyms_join_the_full_place_name() -> None:
    entities = canonicalise(
        [analysis("a", ("United States", "GPE", 0), ("US", "GPE", 40)), analysis("b", ("U.S.", "GPE", 0))]
    )
    assert [(e.name, len(e.mentions)) for e in entities] == [("United States", 3)]


def test_entity_types_follow_the_labels() -> None:
    entities = canonicalise(
        [
            analysis(
                "a",
                ("Chinese", "NORP", 0),
                ("Kremlin", "ORG", 10),
                ("Samarkand", "GPE", 20),
                ("Eastern Economic Forum", "EVENT", 30),
            )
        ]
    )
    assert {e.name: e.type for e in entities} == {
        "Chinese": "nationality",
        "Kremlin": "organization",
        "Samarkand": "place",
        "Eastern Economic Forum": "event",
    }


def test_entities_are_ordered_by_type_then_mention_count_then_name() -> None:
    entities = canonicalise(
        [
            analysis(
                "a",
                ("Moscow", "GPE", 0),
                ("Yun Sun", "PERSON", 10),
                ("Vladimir Putin", "PERSON", 20),
                ("Putin", "PERSON", 40),
                ("Kremlin", "ORG", 50),
                ("Beijing", "GPE", 60),
            )
        ]
    )
    assert [e.name for e in entities] == ["Vladimir Putin", "Yun Sun", "Kremlin", "Beijing", "Moscow"]


def test_canonicalise_is_deterministic() -> None:
    run = [
        analysis("a", ("Sergey Lavrov", "PERSON", 0), ("Lavrov", "PERSON", 20)),
        analysis("b", ("Sergei Lavrov", "PERSON", 0)),
    ]
    assert canonicalise(run) == canonicalise(list(run))
    assert by_name(canonicalise(run), "Sergey Lavrov").id == content_id("person", "Sergey Lavrov")


# ------------------------------------------------------------------ quotes


def quote(article: str, speaker_name: str | None) -> Quote:
    return Quote(id="q", span=Span(article, 0, 5), text="hello", kind="direct", speaker_name=speaker_name)


def test_link_quotes_sets_the_speaker_by_name_alias_or_surname() -> None:
    analyses = [
        ArticleAnalysis(
            article="a",
            mentions=(
                Mention(Span("a", 0, 14), "Vladimir Putin", "PERSON"),
                Mention(Span("a", 20, 27), "Yun Sun", "PERSON"),
            ),
            quotes=(
                quote("a", "Putin"),
                quote("a", "Sun"),
                quote("a", "President Vladimir Putin"),
                quote("a", "Nobody"),
            ),
        )
    ]
    entities = canonicalise(analyses)
    linked = link_quotes(analyses, entities)
    putin, sun = by_name(entities, "Vladimir Putin"), by_name(entities, "Yun Sun")
    assert [q.speaker for q in linked[0].quotes] == [putin.id, sun.id, putin.id, None]


def test_link_quotes_leaves_quotes_without_speaker_name_alone() -> None:
    analyses = [ArticleAnalysis(article="a", quotes=(quote("a", None),))]
    assert link_quotes(analyses, []) == analyses
