"""Online story clustering: arrival order, explanations, merges, windows and flat candidate cost."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from newsprism.stories import ClusterConfig, StoryIndex, StoryItem, cluster, story_id_of
from newsprism.words import content_stems

START = datetime(2026, 3, 2, 8, tzinfo=UTC)

QUAKE = (
    "Earthquake of magnitude 6.8 strikes northern Chile near Antofagasta",
    "Chile earthquake: magnitude 6.8 quake shakes Antofagasta, buildings damaged",
    "Rescuers search rubble after Antofagasta earthquake in Chile",
)
MERGER = (
    "Brightwater Bank agrees takeover of Corvane Savings for 4 billion",
    "Corvane Savings shareholders back Brightwater Bank takeover",
    "Brightwater Bank takeover of Corvane Savings cleared by regulator",
)
FINAL = (
    "Harbor City wins cup final against Valdor United on penalties",
    "Valdor United lose cup final to Harbor City after penalty shootout",
    "Harbor City fans celebrate cup final win over Valdor United",
)


def items_of(*groups: tuple[str, ...], hours: float = 1.0) -> list[StoryItem]:
    """Headline items interleaved across groups, one every ``hours``."""
    out: list[StoryItem] = []
    for n, titles in enumerate(zip(*groups, strict=True)):
        for g, title in enumerate(titles):
            step = n * len(titles) + g
            out.append(StoryItem(f"a{g}-{n}", START + timedelta(hours=hours * step), title))
    return out


def groups_of(items: list[StoryItem]) -> set[frozenset[str]]:
    return {frozenset(articles) for _, articles in cluster(items).stories}


def test_three_unrelated_events_give_three_stories_of_their_own_articles() -> None:
    items = items_of(QUAKE, MERGER, FINAL)
    assert groups_of(items) == {frozenset(f"a{g}-{n}" for n in range(3)) for g in range(3)}


def test_same_input_order_gives_the_same_clustering_and_story_ids_are_content_hashes() -> None:
    items = items_of(QUAKE, MERGER, FINAL)
    first, second = cluster(items), cluster(list(items))
    assert first == second
    assert {sid for sid, _ in first.stories} == {story_id_of(f"a{g}-0") for g in range(3)}


def test_items_are_taken_in_publication_order_when_all_are_dated() -> None:
    items = items_of(QUAKE)
    result = cluster(list(reversed(items)))
    assert [a.article_id for a in result.assignments] == [i.article_id for i in items]
    assert result.assignments[0].new_story and result.stories[0][0] == story_id_of("a0-0")


def test_an_assignment_explains_itself_with_similarity_shared_terms_and_entities() -> None:
    index = StoryIndex()
    opened = index.add(
        StoryItem("x1", START, "Quake hits Chile", "The quake hit Antofagasta Port on Monday.")
    )
    joined = index.add(
        StoryItem(
            "x2",
            START,
            "Chile quake damage",
            "Damage in Antofagasta Port after the quake.",
            ("antofagasta port",),
        )
    )
    assert opened.new_story and opened.similarity == 0.0 and opened.shared_terms == ()
    assert not joined.new_story and joined.story_id == opened.story_id
    assert 0.0 < joined.similarity <= 1.0
    assert "quake" in joined.shared_terms and "chile" in joined.shared_terms
    assert joined.shared_entities == ("antofagasta port",)


def test_headline_only_items_cluster_on_their_titles() -> None:
    items = [StoryItem(f"h{n}", None, title) for n, title in enumerate((*QUAKE, *MERGER))]
    assert groups_of(items) == {frozenset({"h0", "h1", "h2"}), frozenset({"h3", "h4", "h5"})}


def test_an_article_bridging_two_stories_merges_them_and_records_the_merge() -> None:
    config = ClusterConfig(threshold=0.3, merge_threshold=0.3)
    index = StoryIndex(config)
    a = index.add(StoryItem("m1", START, "Volcano erupts on Lanzarote island"))
    b = index.add(StoryItem("m2", START, "Airport flights cancelled ash cloud"))
    assert b.new_story and a.story_id != b.story_id
    bridge = index.add(
        StoryItem("m3", START, "Volcano erupts on Lanzarote island, ash cloud: airport flights cancelled")
    )
    assert bridge.story_id == a.story_id and bridge.merged == (b.story_id,)
    assert index.resolve(b.story_id) == a.story_id
    assert index.stories() == {a.story_id: ["m1", "m2", "m3"]}


def test_a_story_idle_longer_than_the_window_closes_and_a_late_article_opens_a_new_one() -> None:
    index = StoryIndex(ClusterConfig(window_days=3.0))
    first = index.add(StoryItem("w1", date(2026, 3, 1), QUAKE[0]))
    assert index.add(StoryItem("w2", date(2026, 3, 1), QUAKE[1])).story_id == first.story_id
    late = index.add(StoryItem("w3", date(2026, 3, 10), QUAKE[2]))
    assert late.new_story and index.open_stories == 1


def test_candidates_come_from_the_index_not_from_every_open_story() -> None:
    """2,000 open stories on distinct made-up topics: each new article scores only the few that
    share a salient key, never all of them. (Undated, so no story has gone quiet.)"""
    index = StoryIndex()
    for n in range(2000):
        index.add(StoryItem(f"t{n}", None, f"zork{n} quib{n} flarn{n} report"))
    assert index.open_stories == 2000
    before = index.comparisons
    assignment = index.add(StoryItem("probe", None, "zork7 quib7 flarn7 update"))
    assert assignment.story_id == story_id_of("t7")
    assert index.comparisons - before <= index.config.max_candidates
    # over the whole stream: at most max_candidates per article ("report" is in every posting
    # list, capped), far below the ~2 million comparisons of scanning every open story
    assert index.comparisons <= 2001 * index.config.max_candidates < 2000 * 1999 // 2


def test_an_article_id_given_twice_is_refused_with_a_clear_error() -> None:
    item = StoryItem("dup", START, QUAKE[0])
    with pytest.raises(ValueError, match="'dup' given twice"):
        cluster([item, item])


def test_a_story_quiet_for_many_articles_needs_a_closer_article_than_one_active_now() -> None:
    """The decay counts the news that arrived since the story's latest article, not the clock: the
    same follow-up joins a story when few articles came in between, but not once a dense stream
    has brought a thousand articles on other topics since."""
    follow_up = "Chile earthquake death toll rises in Antofagasta"
    for between, joins in ((3, True), (1000, False)):
        index = StoryIndex()
        first = index.add(StoryItem("q1", START, QUAKE[1]))
        for n in range(between):
            index.add(
                StoryItem(f"o{n}", START + timedelta(minutes=n + 1), f"zork{n} quib{n} flarn{n} report")
            )
        later = START + timedelta(minutes=between + 1)
        assert (index.add(StoryItem("q2", later, follow_up)).story_id == first.story_id) is joins


def test_a_follow_up_days_later_in_a_sparse_stream_joins_its_story() -> None:
    """A small feed (a handful of articles over a week) publishes follow-ups days apart: the days
    alone must not split them while nothing else has arrived."""
    index = StoryIndex()
    first = index.add(StoryItem("d1", START, QUAKE[0]))
    assert index.add(StoryItem("d2", START + timedelta(days=4), QUAKE[2])).story_id == first.story_id


def test_an_undated_stream_has_no_decay_its_order_is_not_time() -> None:
    """Undated input (an archive, a crawl) arrives in file order, which says nothing about when a
    story went quiet: a matching article joins however many came in between."""
    index = StoryIndex()
    first = index.add(StoryItem("u1", None, QUAKE[1]))
    for n in range(1000):
        index.add(StoryItem(f"o{n}", None, f"zork{n} quib{n} flarn{n} report"))
    assert index.add(StoryItem("u2", None, QUAKE[2])).story_id == first.story_id


NOTICE = (
    "Tweet with a location. You can add location information to your tweets, such as your city or "
    "precise location, from the web and via third-party applications."
)


def test_a_text_seen_twice_already_is_a_notice_and_stays_alone() -> None:
    """A verbatim body that keeps recurring under unrelated pages (an archive or paywall notice)
    carries nothing of a story: two copies may be one story's syndicated text and join, a third
    opens a story of its own that nothing joins (a false merge is worse than a split)."""
    index = StoryIndex()
    first = index.add(StoryItem("n1", None, "", NOTICE))
    assert index.add(StoryItem("n2", None, "", NOTICE)).story_id == first.story_id
    third = index.add(StoryItem("n3", None, "", NOTICE))
    assert third.new_story and third.story_id == story_id_of("n3")
    fourth = index.add(StoryItem("n4", None, "", NOTICE))
    assert fourth.new_story and fourth.story_id not in {first.story_id, third.story_id}
    assert index.stories()[third.story_id] == ["n3"]


def test_the_same_kind_of_event_with_other_actors_and_places_is_another_story() -> None:
    """Two stabbings on the same day read alike ("stabbed", "death", "suspect"); when both
    articles name several actors and places and share none, they are two events, and the words
    alone must be much closer to join. Sharing one named place, the same article joins."""
    first = StoryItem(
        "k1",
        START,
        "Man stabbed to death on commuter train, suspect arrested",
        "A man was stabbed to death on a commuter train late on Monday. Police arrested a suspect "
        "at the next station and said the motive was unclear.",
        ("oakridge", "p:dalton", "oakridge transit police"),
    )
    text = (
        "A former minister's son died after a knife attack during a lecture on Monday evening. "
        "Police arrested a suspect at the scene."
    )
    title = "Son of former minister stabbed to death at lecture"
    for entities, joins in (
        (("velmar", "p:hartig", "velmar university clinic"), False),
        (("oakridge", "p:hartig", "velmar university clinic"), True),
    ):
        index = StoryIndex()
        opened = index.add(first)
        joined = index.add(StoryItem("k2", START + timedelta(hours=2), title, text, entities))
        assert (joined.story_id == opened.story_id) is joins


def test_the_notice_counts_remember_a_bounded_number_of_texts() -> None:
    """The furniture counts are kept for the ``furniture_memory`` most recently seen runs of text
    only (a store's index lives for millions of articles): a text not seen since is new again."""
    for fillers, alone in ((0, True), (4, False)):
        index = StoryIndex(ClusterConfig(furniture_limit=1, furniture_memory=16))
        index.add(StoryItem("n1", None, "", NOTICE))
        for n in range(fillers):
            index.add(StoryItem(f"x{n}", None, "", " ".join(_token(n, 0, k) for k in range(12))))
        assert (index.add(StoryItem("n2", None, "", NOTICE)).story_id == story_id_of("n2")) is alone


def test_a_notice_that_varies_a_little_stays_alone_once_it_has_recurred() -> None:
    """Copies of one notice differ (a sentence cut, a phrase added, another site's name): what
    counts is the recurring text, not the whole body's hash."""
    index = StoryIndex()
    index.add(StoryItem("n1", None, "", NOTICE))
    index.add(StoryItem("n2", None, "", NOTICE + " Learn more."))
    cut = NOTICE.split(", from the web")[0] + "."
    varied = index.add(StoryItem("n3", None, "", "Privacy at Corvane Daily. " + cut))
    assert varied.new_story and index.stories()[varied.story_id] == ["n3"]
    assert index.add(StoryItem("n4", None, "", cut)).story_id == story_id_of("n4")


REPRINTS = (
    "Reprints desk notice: this copy is for your personal, non-commercial use only. To order "
    "presentation-ready copies for distribution to colleagues or clients, visit our reprints tool."
)
STORIES = (
    "The Teresk dam burst on Monday and flooded three towns in the Velna valley; rescuers searched "
    "the valley for the missing through the night while engineers inspected the broken wall.",
    "Dockworkers at the port of Alvena walked out over the new contract; container ships wait "
    "offshore and the port authority says talks with the union resume on Thursday morning.",
    "Harbor City won the cup final against Valdor United on penalties after a goalless match, "
    "and their fans celebrated in the old town square until the early hours of Sunday.",
    "The Brightwater Bank takeover of Corvane Savings was cleared by the regulator, which asked "
    "the bank to sell forty branches before the deal closes at the end of the quarter.",
)


def test_a_recurring_notice_around_unrelated_articles_is_left_out_of_their_features() -> None:
    """Site furniture before the article (a reprint notice) would make every article of that site
    alike: once it has recurred it weighs nothing, so the next article with it joins only a story
    of its own text, and no explanation shows a furniture word."""
    index = StoryIndex()
    opened = [
        index.add(StoryItem(f"r{n}", None, "", f"{REPRINTS} {text}")) for n, text in enumerate(STORIES[:3])
    ]
    assert len({a.story_id for a in opened[2:]} | {opened[0].story_id}) == 2  # the third is apart
    fourth = index.add(StoryItem("r3", None, "", f"{REPRINTS} {STORIES[3]}"))
    assert fourth.new_story
    follow_up = STORIES[1].replace("Thursday morning", "Friday")
    joined = index.add(StoryItem("r4", None, "", f"{REPRINTS} {follow_up}"))
    assert joined.story_id == index.resolve(opened[1].story_id)
    assert not set(content_stems("personal non-commercial copies colleagues clients")) & set(
        joined.shared_terms
    )


def _token(*parts: int) -> str:
    return "vor" + "".join(chr(97 + p) for p in parts)


def test_an_article_matching_no_single_member_does_not_join_on_a_broad_centroid() -> None:
    """A story grown article by article over one broad topic has a centroid that holds a little of
    everything; an article sharing a word with each member and a lot with none matches that
    centroid but is no member's event. Six articles, each sharing four words with the next and
    six of its own; the article under test takes one own word from each. In an undated stream of
    a few documents the members are not asked: there a story's own names are as common as any
    word, and the centroid, which adds them up, is the better judge (a dam's follow-ups on its
    company's bonds and on parliament share the names, not any one article's words)."""
    chain = [
        " ".join(
            [_token(i, 25, k) for k in range(4)]
            + [_token(i, k) for k in range(6)]
            + [_token(i + 1, 25, k) for k in range(4)]
        )
        for i in range(6)
    ]
    everywhere = " ".join(_token(i, 0) for i in range(6))
    one_member = " ".join([_token(2, k) for k in range(6)] + [_token(2, 25, 0), _token(2, 25, 1)])
    defaults = ClusterConfig()
    earlier = [
        " ".join(_token(20, n % 26, n // 26, k) for k in range(8)) for n in range(defaults.member_after)
    ]
    similarity: dict[tuple[float, int, str], float] = {}
    for weight in (defaults.member_weight, 0.0):
        for before in (earlier, []):
            for name, text in (("everywhere", everywhere), ("one member", one_member)):
                # threshold 0 and no merges: the chain is one story, and each similarity is reported
                index = StoryIndex(ClusterConfig(member_weight=weight, threshold=0.0, merge_threshold=2.0))
                for n, t in enumerate(before):
                    index.add(StoryItem(f"e{n}", None, "", t))
                opened = sum(
                    index.add(StoryItem(f"c{n}", None, "", t)).new_story for n, t in enumerate(chain)
                )
                assert opened == 1
                similarity[weight, len(before), name] = index.add(StoryItem("x", None, "", text)).similarity
    threshold, weight, after = defaults.threshold, defaults.member_weight, defaults.member_after
    assert similarity[weight, after, "everywhere"] < threshold <= similarity[weight, after, "one member"]
    assert similarity[0.0, after, "everywhere"] >= threshold  # the centroid alone would have taken it
    assert similarity[weight, 0, "everywhere"] == similarity[0.0, 0, "everywhere"] >= threshold


def _sharpened_similarity(documents: int, power: float, after: int) -> float:
    """The similarity with which an article joins a story after ``documents`` earlier ones: a
    story of three words found in a third of the earlier documents and four rare ones, and an
    article of the four rare ones and three words of another third."""
    kinds = [[_token(24, kind, k) for k in range(3)] for kind in range(3)]
    earlier = [
        " ".join(
            w
            for pair in zip(kinds[n % 3], [_token(20, n % 26, n // 26, k) for k in range(3)], strict=True)
            for w in pair
        )
        for n in range(documents)
    ]
    rare = [_token(22, k) for k in range(4)]
    config = ClusterConfig(body_idf_power=power, body_idf_after=after, threshold=0.3, merge_threshold=2.0)
    index = StoryIndex(config)
    for n, text in enumerate(earlier):
        index.add(StoryItem(f"e{n}", None, "", text))
    index.add(StoryItem("s", None, "", " ".join(kinds[0] + rare)))
    return index.add(StoryItem("x", None, "", " ".join(rare + kinds[1]))).similarity


def test_rare_body_words_weigh_more_once_the_stream_is_long_enough() -> None:
    """Two events of one kind share the kind's words; the rarer words (the place, the other
    names) tell them apart, so body terms are weighted by idf to a power above 1: the sharpened
    weights bring the story and the article closer. Not in the first documents, where every word
    is rare and an event's own names get the lowest idf of all: there the power is not applied,
    and the similarity is the plain idf one."""
    defaults = ClusterConfig()
    power, after = defaults.body_idf_power, defaults.body_idf_after
    documents = 2 * after + 10
    assert (
        _sharpened_similarity(documents, power, after) > _sharpened_similarity(documents, 1.0, after) + 0.02
    )
    late = 10 * documents
    assert _sharpened_similarity(documents, power, late) == _sharpened_similarity(documents, 1.0, late)


def test_the_sharper_body_weights_come_in_gradually_not_at_one_document() -> None:
    """Between ``body_idf_after`` and twice that many documents the power rises from 1, so one
    more article in a folder never switches the whole weighting."""
    defaults = ClusterConfig()
    power, after = defaults.body_idf_power, defaults.body_idf_after

    def gain(documents: int) -> float:
        return _sharpened_similarity(documents, power, after) - _sharpened_similarity(documents, 1.0, after)

    assert gain(after - 2) == 0.0
    assert 0.0 < gain(after + 5) < gain(2 * after + 10) / 2


# Two events an hour apart in a dated stream: plumes on an (invented) icy moon, and a lunar freight
# programme whose first article gives one sentence to the plumes.
FIRMS = ("orbitek", "marlow aerospace", "dune robotics", "vesta works")


def _space(article_id: str, hour: int, title: str, text: str, entities: tuple[str, ...]) -> StoryItem:
    return StoryItem(article_id, START + timedelta(hours=hour), title, text, entities)


PLUMES = _space(
    "plumes",
    0,
    "Kestrel Ridge confirms water plumes on Nerida",
    "Astronomers at the Kestrel Ridge observatory confirmed plumes of water vapour rising from Nerida, "
    "the icy moon of the gas giant Halcyon. The plumes reach two hundred kilometres above the frozen "
    "crust, and the vapour suggests a salty ocean beneath the ice. The team measured the spectrum of "
    "the plumes over twelve nights.",
    ("kestrel ridge", "nerida", "halcyon"),
)
LANDERS = _space(
    "landers",
    1,
    "Space agency opens lunar freight programme to four companies",
    "The space agency picked four companies to fly cargo landers to the lunar south pole under its "
    "commercial freight programme. Orbitek, Marlow Aerospace, Dune Robotics and Vesta Works may bid "
    "for contracts to carry instruments to the surface. The agency also noted that astronomers at "
    "Kestrel Ridge confirmed plumes of water vapour rising from Nerida, the icy moon of Halcyon, where "
    "a salty ocean may lie beneath the frozen crust.",
    (*FIRMS, "nerida", "halcyon"),
)
CARGO = _space(
    "cargo",
    2,
    "Four firms join lunar cargo lander programme",
    "Orbitek, Marlow Aerospace, Dune Robotics and Vesta Works join the space agency's commercial "
    "freight programme for lunar cargo landers. The companies may now bid to carry instruments and "
    "rovers to the lunar south pole.",
    FIRMS,
)
BIDS = _space(
    "bids",
    3,
    "Lunar freight programme adds four lander makers",
    "Four companies were added to the commercial freight programme: Orbitek and Marlow Aerospace will "
    "compete with Dune Robotics and Vesta Works for contracts to land cargo landers at the lunar south "
    "pole.",
    FIRMS,
)
VAPOUR = _space(
    "vapour",
    4,
    "Plumes of water vapour seen on Halcyon's moon Nerida",
    "Water vapour plumes rise from the icy moon Nerida, astronomers at Kestrel Ridge confirmed after "
    "measuring the spectrum over twelve nights; the plumes reach two hundred kilometres above the moon.",
    ("nerida", "kestrel ridge", "halcyon"),
)
RECAP = _space(
    "recap",
    2,
    "Plumes on Nerida and four lunar lander firms",
    "Orbitek, Marlow Aerospace, Dune Robotics and Vesta Works may bid to fly cargo landers to the lunar "
    "south pole. Astronomers at Kestrel Ridge confirmed plumes of water vapour rising from Nerida, the "
    "icy moon of Halcyon; the plumes reach two hundred kilometres above the frozen crust.",
    (*FIRMS, "nerida", "kestrel ridge", "halcyon"),
)


def test_one_article_does_not_carry_its_own_event_into_a_story_it_joined_on_a_mention() -> None:
    """The freight article joins the plume story on its one sentence about the plumes (just over
    the threshold). The next freight articles match the plume story only through it, more closely
    than it matched the story: it bridges two events, so they open a story of their own (the
    bridging article stays where it was placed). Without the check they chain into the plume
    story. The plume story's first article is never a bridge: a second plume article matches it
    and little else of the story, and joins."""
    threshold = ClusterConfig().threshold
    result = cluster([PLUMES, LANDERS, CARGO, BIDS, VAPOUR])
    joined = {a.article_id: a for a in result.assignments}
    assert threshold <= joined["landers"].similarity < threshold + 0.05
    assert joined["cargo"].new_story and joined["bids"].story_id == story_id_of("cargo")
    assert joined["vapour"].story_id == story_id_of("plumes")
    assert {frozenset(articles) for _, articles in result.stories} == {
        frozenset({"plumes", "landers", "vapour"}),
        frozenset({"cargo", "bids"}),
    }
    chained = cluster([PLUMES, LANDERS, CARGO, BIDS, VAPOUR], ClusterConfig(bridge_check=False))
    assert len(chained.stories) == 1


def test_an_article_close_to_a_weakly_joined_member_joins_when_the_rest_of_the_story_matches_it_too() -> None:
    """A round-up of both events is closest to the freight article, which joined weakly, but the
    plume article matches it too: it does not reach the story through one member alone."""
    assignment = cluster([PLUMES, LANDERS, RECAP]).assignments[-1]
    assert assignment.story_id == story_id_of("plumes") and not assignment.new_story


def test_the_bridge_check_waits_for_dates() -> None:
    """Undated, one event's documents often reach their story through one of them only (asked
    there, the check cost the undated Multi-News set 0.005 F1): it is not asked, and the stream
    clusters as without it."""
    undated = [replace(item, published=None) for item in (PLUMES, LANDERS, CARGO, BIDS, VAPOUR)]
    assert cluster(undated) == cluster(undated, ClusterConfig(bridge_check=False))
