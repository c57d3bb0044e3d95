"""Specification of the known-phrase rules: families of widget wording, not single strings."""

from __future__ import annotations

import pytest

from newsprism.clean.phrases import is_inline_link, match
from newsprism.words import fold_line as fold


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Share:", "share widget"),
        ("SHARE THIS STORY", "share widget"),
        ("Share on Facebook", "share widget"),
        ("Tweet", "share widget"),
        ("Facebook Twitter Email", "share widget"),
        ("Leave a Comment", "comment prompt"),
        ("Post a reply", "comment prompt"),
        ("12 Comments", "comment prompt"),
        ("Your email address will not be published.", "comment prompt"),
        ("Source link", "source link"),
        ("Read the original article", "source link"),
        ("Related News", "related-content heading"),
        ("Related Articles:", "related-content heading"),
        ("Read more", "related-content heading"),
        ("Check Also", "related-content heading"),
        ("ALSO READ", "related-content heading"),
        ("You may also like", "related-content heading"),
        ("Join NewsTrack Whatsapp group", "promotional"),
        ("Join our Telegram channel for updates", "promotional"),
        ("Subscribe to our newsletter", "promotional"),
        ("Sign up for the morning briefing newsletter", "promotional"),
        ("Follow us on Instagram", "promotional"),
        ("Advertisement", "promotional"),
        ("© 2023 Example Media. All rights reserved.", "copyright notice"),
        ("Photo: Reuters", "image credit"),
        ("Image copyright Getty Images", "image credit"),
        ("Image source, Harbour Press Agency", "image credit"),
        ("Image caption The old sea wall cracked in two places during the storms", "image caption"),
        ("Media caption, The harbour master describes the night the wall broke", "image caption"),
    ],
)
def test_known_boilerplate_lines_match_with_their_reason(line: str, reason: str) -> None:
    rule = match(line)
    assert rule is not None
    assert rule.reason == reason


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply on Monday after the announcement.",
        "Sources close to the talks said no deal was near.",
        "fear of sanctions",
        "Credit crunch",
        "Related parties must disclose their holdings, the regulator said.",
        "Follow the money",
        "Image copyright law is being rewritten, the ministry said.",
        "Image rights for players are part of the deal.",
        "",
    ],
)
def test_body_lines_and_subheadings_do_not_match(line: str) -> None:
    assert match(line) is None


def test_end_of_article_markers_are_flagged() -> None:
    for line in ("Related News", "Check Also", "Source link", "Leave a Comment"):
        rule = match(line)
        assert rule is not None and rule.ends_article, line
    promo = match("Subscribe to our newsletter")
    assert promo is not None and not promo.ends_article


def test_fold_ignores_case_punctuation_and_curly_apostrophes() -> None:
    assert fold("  Don’t MISS:  ") == fold("don't miss") == "don t miss"


def test_inline_links_need_a_label_and_a_target() -> None:
    assert is_inline_link("Read more: Mayor pledges new bus routes")
    assert is_inline_link("ALSO READ | Storm warning issued for the coast")
    assert not is_inline_link("Read more")
    assert not is_inline_link("Readers wrote in: the council should act.")
