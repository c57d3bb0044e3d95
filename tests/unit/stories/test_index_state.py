"""The clusterer's state survives a save and restore: a store restores it between ingest runs
instead of replaying every stored article, so a restored index must assign exactly as one that
kept running."""

from __future__ import annotations

import json
from datetime import date

import pytest

from newsprism.stories import StoryIndex, StoryItem, story_id_of

DAY = date(2025, 3, 13)


def stream(dated: bool = True) -> list[StoryItem]:
    dam = "The Teresk dam burst and flooded the Velna valley towns; rescuers searched the valley."
    port = "Dockworkers at the port of Alvena walked out over the contract; ships wait offshore."
    topics = [
        ("Teresk dam bursts in Velna valley", dam, ("teresk dam",)),
        ("Alvena port strike", port, ("alvena port",)),
        ("Teresk dam burst floods Velna valley", dam, ("teresk dam",)),
        ("Alvena port strike goes on", port, ("alvena port",)),
        ("Velna valley dam burst: rescuers search", dam, ("teresk dam",)),
        ("Ships wait as Alvena port strike continues", port, ("alvena port",)),
    ]
    day = DAY if dated else None
    items = [StoryItem(f"a{i}", day, title, text, ents) for i, (title, text, ents) in enumerate(topics)]
    notice = "Subscribe to keep reading: this article is for subscribers only."
    # a notice recurring verbatim around the save: its third copy, after the restore, stays alone
    notices = [StoryItem(f"n{i}", day, "", notice) for i in range(3)]
    # undated, the stories' recent members are kept and asked once the stream is long enough
    others = [
        StoryItem(f"o{n}", None, "", f"zork{n} quib{n} flarn{n} report") for n in range(0 if dated else 60)
    ]
    return others + items[:2] + notices[:2] + items[2:] + notices[2:]


@pytest.mark.parametrize("dated", [True, False])
def test_a_restored_index_assigns_exactly_as_the_index_that_kept_running(dated: bool) -> None:
    items = stream(dated)
    running = StoryIndex()
    expected = [running.add(item) for item in items]
    assert any(not a.new_story for a in expected[-6:])  # later articles join earlier stories

    first = StoryIndex()
    cut = len(items) - 4
    got = [first.add(item) for item in items[:cut]]
    saved = json.loads(json.dumps(first.snapshot()))  # as the store keeps it
    # every article with a body is kept as a member, with the similarity it joined at
    assert any(member[2] is not None for story in saved["open"] for member in story["members"])
    restored = StoryIndex.restore(saved)
    got += [restored.add(item) for item in items[cut:]]

    assert got == expected
    assert restored.stories() == running.stories()
    assert restored.snapshot() == running.snapshot()


def test_a_snapshot_of_another_layout_version_is_refused() -> None:
    state = StoryIndex().snapshot() | {"version": 99}
    with pytest.raises(ValueError, match="version 99"):
        StoryIndex.restore(state)


def test_a_version_2_snapshot_is_still_read() -> None:
    """Version 2 counted whole bodies and kept no recent members: its stories are judged on their
    centroids until they take a new article, and the furniture counts start afresh."""
    items = stream()
    index = StoryIndex()
    for item in items[:5]:
        index.add(item)
    state = json.loads(json.dumps(index.snapshot()))
    old = {k: v for k, v in state.items() if k != "furniture"} | {"version": 2, "texts": [["ab12", 1]]}
    old["open"] = [{k: v for k, v in story.items() if k != "members"} for story in state["open"]]
    restored = StoryIndex.restore(old)
    port = restored.add(items[5])  # "Alvena port strike goes on"
    assert port.story_id == story_id_of("a1") and not port.new_story
    assert restored.snapshot()["version"] == StoryIndex.SNAPSHOT_VERSION


def test_a_version_3_snapshot_is_still_read_its_members_taken_as_first_articles() -> None:
    """Version 3 kept its members without the similarity each joined at: a restored member is
    taken as the article that opened its story, never a bridge, and the story goes on."""
    items = stream()
    index = StoryIndex()
    for item in items[:5]:
        index.add(item)
    state = json.loads(json.dumps(index.snapshot())) | {"version": 3}
    for story in state["open"]:
        story["members"] = [member[:2] for member in story["members"]]
    restored = StoryIndex.restore(state)
    port = restored.add(items[5])
    assert port.story_id == story_id_of("a1") and not port.new_story
    saved = restored.snapshot()
    assert saved["version"] == StoryIndex.SNAPSHOT_VERSION
    joined = {arrival: at for story in saved["open"] for arrival, _, at in story["members"]}
    assert [joined[arrival] for arrival in range(1, 6)] == [None] * 5  # read from version 3
    assert round(joined[6], 6) == port.similarity  # the port article, added since
