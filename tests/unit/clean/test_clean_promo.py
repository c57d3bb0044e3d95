"""Specification of calls to action: the site addressing the reader, not the reporter reporting.

A call to action opens by addressing the reader (an imperative, a reader question, a purpose
phrase or "You can also" before an imperative) and carries enough promotional signals: the
outlet's own name or "us"/"our", a channel (newsletter, app, social network), delivery to the
reader, content on offer, "you", urgency. Reported or quoted instructions are news.
"""

from __future__ import annotations

import pytest

from newsprism.clean import to_article
from newsprism.clean.boilerplate import CALL_TO_ACTION, find_boilerplate, outlet_names
from newsprism.clean.promo import is_call_to_action, outlet_pattern
from newsprism.records import RawDocument

OUTLET = outlet_pattern(["The Harbour Gazette"])
BODY = "The harbour board met on Thursday to discuss the dredging of the main channel, officials said."


@pytest.mark.parametrize(
    "line",
    [
        # newsletter and inbox, with and without the outlet's name
        "Get the Harbour Gazette morning briefing in your inbox - sign up free today.",
        "Sign up for our daily newsletter to get the latest news delivered to your inbox.",
        "Get Weekend Reads in your inbox: forget yesterday's news.",
        "Don't miss out - get the Gazette's weekly digest in your inbox.",
        # following the outlet on social media, by name, short name, "us" or a handle
        "Follow Harbour Gazette on social media for live storm updates from across the coast!",
        "Follow The Harbour Gazette on Facebook, Instagram and X.",
        "For live updates from the port, follow the Gazette on X and Instagram!",
        "FOLLOW US ON INSTAGRAM",
        "Follow Nora Bell on Twitter @norabell.",
        "Join the Harbour Gazette WhatsApp channel for breaking news!",
        # apps, podcasts, membership, paywalls
        "Never miss a story: download the Harbour Gazette app for iPhone and Android.",
        "For alerts on the latest breaking news, download our app for iPhone and Android.",
        "Listen to our podcast wherever you get your podcasts.",
        "Like what you read? Support local journalism by becoming a member today.",
        "Want more stories like this? Subscribe to the Harbour Gazette for just £1 a week.",
        "Sign up today for a free 30-day trial of unlimited digital access.",
        "You can also sign up to receive our weekly newsletter with the top stories from the coast.",
        # link prompts, wherever they stand
        "Click here for live updates on the storm.",
        "Tap here to turn on notifications.",
        "Note: for the full list of closed roads, click here.",
        "Have a news tip? Email us at tips@gazette.example",
    ],
)
def test_calls_to_action_in_their_many_wordings_are_found(line: str) -> None:
    assert is_call_to_action(line, OUTLET)


@pytest.mark.parametrize(
    "line",
    [
        # sign-ups and apps reported, not offered
        "Residents were told to sign up for aid at the town hall before Friday.",
        "Officials urged people to follow the evacuation orders and download the emergency app.",
        "Farmers can sign up for compensation through the ministry's website until April 30.",
        "Subscribers to the Gazette's newsletter received the flood alert first.",
        # imperatives in quotes or with an attribution are what someone said
        "“Sign up for the sandbag rota and follow our updates today,” the mayor told residents.",
        '"Get out now!" a firefighter shouted from the boat.',
        "Join us in mourning our friends, the mayor wrote on Facebook.",
        # imperative-looking openings that are not imperatives
        "Follow-up inspections are planned for next month, the council said.",
        "Download speeds in the valley fell by half after the flood.",
        "Sign up for flood aid opens on Monday at the town hall.",
        # public-service advice without promotion
        "Stay away from the riverbanks until the water has gone down.",
        "Download the emergency app from the council website.",
        "Check your insurance policy now: many homes are covered.",
        "Follow the money",
        # the outlet named in a news sentence
        "The Harbour Gazette reported on Tuesday that the dam had been leaking.",
        "Our town will rebuild, and we will not forget the people we lost.",
        # a whole paragraph is body text, whatever it mentions
        "Get ready for a long wait: the council, which last year launched a newsletter, an app and a "
        "page on social media to reach residents, says repairs to the harbour wall will take until "
        "next spring, and that you should sign up for updates today if you live on the quay.",
    ],
)
def test_news_sentences_that_mention_signing_up_or_following_are_kept(line: str) -> None:
    assert not is_call_to_action(line, OUTLET)


def test_the_outlets_own_name_tips_the_balance() -> None:
    line = "Follow the Harbour Gazette on Instagram."
    assert not is_call_to_action(line)  # an imperative and a network: could be public advice
    assert is_call_to_action(line, OUTLET)  # the site promoting itself


def test_outlet_names_are_found_in_full_without_the_article_and_in_short() -> None:
    pattern = outlet_pattern(["The Harbour Gazette"])
    assert pattern is not None
    for mention in ("the harbour gazette", "harbour gazette's", "the gazette"):
        assert pattern.search(mention), mention
    assert not pattern.search("gazetteer")
    assert outlet_pattern([]) is None


def test_the_outlet_comes_from_the_document_or_the_title_suffix() -> None:
    assert outlet_names("Dock strike ends – The Harbour Gazette") == ["The Harbour Gazette"]
    assert outlet_names("Dock strike ends", "The Harbour Gazette") == ["The Harbour Gazette"]
    lines = [BODY, "", "Follow the Harbour Gazette on Instagram.", "", BODY]
    by_title = find_boilerplate(lines, "Dock strike ends – The Harbour Gazette")
    assert [(f.index, f.reason) for f in by_title] == [(2, CALL_TO_ACTION)]
    assert find_boilerplate(lines, "Dock strike ends") == []
    raw = RawDocument(
        "mem://x", text="\n".join(lines), fmt="text", title="Dock strike ends", outlet="The Harbour Gazette"
    )
    assert [r.line for r in to_article(raw).removed] == ["Follow the Harbour Gazette on Instagram."]


def test_a_call_to_action_does_not_stop_the_tail_block() -> None:
    lines = [
        BODY,
        "",
        "Sign up for our newsletter to get the latest news.",
        "",
        "Storm warning issued for north",
    ]
    found = {lines[f.index]: f.reason for f in find_boilerplate(lines, "Harbour board meets")}
    assert found == {
        "Sign up for our newsletter to get the latest news.": CALL_TO_ACTION,
        "Storm warning issued for north": "appended headline of another article",
    }
