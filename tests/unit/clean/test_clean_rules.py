"""Specification of the boilerplate rules: line shape, sub-headings vs inserted headlines, tails."""

from __future__ import annotations

from newsprism.clean.boilerplate import (
    APPENDED_HEADLINE,
    FOREIGN_TEASER,
    INSERTED_HEADLINE,
    REPEATED_HEADLINE,
    find_boilerplate,
    title_variants,
)
from newsprism.clean.shape import content_stems, ends_sentence, is_fragment, is_title_like

P1 = "The harbour board met on Thursday to discuss the dredging of the main channel, officials said."
P2 = "Dredging has been delayed twice because of a dispute over who should pay for the work."
OTHER = "Ferry services to the islands ran normally all week despite the strong winds."
SANCTIONS = "Exporters fear that new sanctions on the shipping line could cut the port's trade in half."


def reasons(lines: list[str], title: str = "Harbour board meets") -> dict[str, str]:
    return {lines[f.index].strip(): f.reason for f in find_boilerplate(lines, title)}


def test_title_shape() -> None:
    assert is_title_like("Storm warning issued for northern coast")
    assert not is_title_like(P1)  # ends with a full stop
    assert not is_title_like("• 40 paintings moved to the town hall")  # bullet item
    assert not is_title_like("ELSTON, March 3 -")  # dateline
    assert not is_title_like(" ".join(["word"] * 25))  # too long for a headline
    assert ends_sentence("He said: “we won.”")


def test_fragments_are_cut_sentences_not_headlines() -> None:
    assert is_fragment("It is anticipated that the mayor will visit")
    assert is_fragment("Building work is due to start in the")
    assert is_fragment("But the council refused")
    assert not is_fragment("Council approves new ferry timetable for winter")


def test_content_stems_fold_inflections_and_drop_function_words() -> None:
    assert content_stems("sanctions") == content_stems("Sanction")
    assert "the" not in content_stems("the sanctions")


def test_title_variants_drop_an_outlet_suffix() -> None:
    variants = title_variants("Dock strike ends – The Coastal Gazette")
    assert {"dock strike ends", "dock strike ends the coastal gazette"} <= variants
    assert title_variants("Ports | World Report") >= {"ports"}


def test_repeated_headline_with_or_without_suffix_is_removed() -> None:
    lines = ["Harbour board meets", "", P1, "", P2]
    assert reasons(lines, "Harbour board meets – Gazette") == {"Harbour board meets": REPEATED_HEADLINE}


def test_subheading_that_introduces_the_next_paragraph_is_kept() -> None:
    lines = [P1, "", "fear of sanctions", "", SANCTIONS, "", P2]
    assert reasons(lines) == {}


def test_short_line_unrelated_to_the_next_paragraph_is_an_inserted_headline() -> None:
    lines = [P1, "", "Cartoons on the week in politics", "", SANCTIONS, "", P2]
    assert reasons(lines) == {"Cartoons on the week in politics": INSERTED_HEADLINE}


def test_long_title_shaped_line_mid_text_is_an_inserted_headline_even_if_on_topic() -> None:
    headline = "Harbour board expected to approve channel dredging deal at Thursday meeting"
    lines = [SANCTIONS, "", headline, "", P1, "", P2]  # P1 takes up the headline's topic
    assert reasons(lines) == {headline: INSERTED_HEADLINE}


def test_headline_echoing_the_previous_paragraph_more_than_the_next_is_not_a_subheading() -> None:
    follow = "The dispute has also worried exporters at the eastern quay, the chamber of commerce said."
    lines = [P2, "", "Dredging dispute delayed", "", follow, "", P1, "", SANCTIONS, "", OTHER]
    assert reasons(lines) == {"Dredging dispute delayed": INSERTED_HEADLINE}


def test_title_shaped_lines_at_the_end_are_appended_headlines() -> None:
    lines = [P1, "", P2, "", "Storm warning issued for northern coast", "", "Lighthouse sold at auction"]
    assert reasons(lines) == {
        "Storm warning issued for northern coast": APPENDED_HEADLINE,
        "Lighthouse sold at auction": APPENDED_HEADLINE,
    }


def test_truncated_last_sentence_is_body_not_a_headline() -> None:
    lines = [P1, "", P2, "It is anticipated that the minister will visit\u00a0", "", "Storm warning issued"]
    assert reasons(lines) == {"Storm warning issued": APPENDED_HEADLINE}


def test_everything_after_an_end_marker_goes_when_no_body_follows() -> None:
    lines = [
        P1,
        "",
        P2,
        "",
        "Check Also",
        "",
        "Point sur l’actualité",
        "",
        "Les maires se sont réunis lundi à Paris …",
    ]
    found = reasons(lines)
    assert set(found) == {"Check Also", "Point sur l’actualité", "Les maires se sont réunis lundi à Paris …"}
    assert found["Les maires se sont réunis lundi à Paris …"] == FOREIGN_TEASER


def test_marker_inside_the_text_only_takes_its_link_lines() -> None:
    lines = [P1, "", "Read more", "Storm warning issued for northern coast", "", P2, "", SANCTIONS]
    assert set(reasons(lines)) == {"Read more", "Storm warning issued for northern coast"}


def test_article_without_boilerplate_loses_nothing() -> None:
    assert reasons([P1, P2, SANCTIONS]) == {}


def test_a_body_that_is_one_short_line_is_kept() -> None:
    assert reasons(["Harbour reopens after storm"]) == {}


def test_standfirst_above_the_first_paragraph_about_the_title_is_kept() -> None:
    lines = ["Harbour board under pressure", "", SANCTIONS, "", P2]
    assert reasons(lines, "Harbour board meets over dredging") == {}
