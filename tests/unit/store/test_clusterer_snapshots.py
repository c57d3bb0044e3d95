"""Ingest's clusterer saves a full snapshot only every few batches: a batch between snapshots
stores its assignments and moves the state's generation on. A writer reads the saved state
only when another writer moved it, and a restore replays the tail (the articles assigned since
the snapshot), so a run that crashed between snapshots, or two writers taking turns, assign
exactly as one uninterrupted run. On SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import pytest

from newsprism.pipeline import _Clusterer
from newsprism.records import Article, ArticleAnalysis
from newsprism.store import Clusterer, SavedIndex, SavedState, Store, StorySummary, open_store
from tests.unit.store.test_store import make_analysis, make_article

Pairs = list[tuple[Article, ArticleAnalysis]]

TOPICS = [
    ("Teresk dam", "The Teresk dam burst and flooded the Velna valley; rescuers searched the towns."),
    ("Alvena port", "Dockworkers at the port of Alvena walked out over pay; ships wait offshore."),
    ("Korvo mine", "Miners trapped in the Korvo mine were reached by rescuers after two days."),
]
BATCH = 3
EVERY = 2 * BATCH  # a snapshot every two batches


def stream() -> Pairs:
    """24 articles on three recurring topics, some undated, so later ones join earlier stories."""
    pairs = []
    for i in range(24):
        name, body = TOPICS[i % 3]
        day = f"2025-03-{10 + i // 3:02d}" if i % 4 else None
        article = make_article(f"{name} update {i}", f"{body} Update {i}.", day, outlet=f"Outlet {i % 5}")
        pairs.append((article, make_analysis(article)))
    return pairs


def batches(pairs: Pairs) -> list[Pairs]:
    return [pairs[i : i + BATCH] for i in range(0, len(pairs), BATCH)]


def run(store: Store, clusterer: _Clusterer, chunks: Sequence[Pairs], *, last: bool) -> None:
    for i, chunk in enumerate(chunks):
        store.add(chunk, "m", cluster=clusterer.batch(chunk, last=last and i == len(chunks) - 1))


def listed(store: Store) -> list[StorySummary]:
    return store.stories()


@pytest.fixture()
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[StorySummary], dict[str, object]]:
    with open_store(f"sqlite:///{tmp_path_factory.mktemp('one') / 'one.db'}") as store:
        run(store, _Clusterer(EVERY), batches(stream()), last=True)
        state = store.story_index_state()
        assert state is not None
        return listed(store), state


@pytest.fixture()
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as opened:
        yield opened


def test_a_crash_between_snapshots_replays_the_tail_and_assigns_as_one_run(
    store: Store, uninterrupted: tuple[list[StorySummary], dict[str, object]]
) -> None:
    chunks = batches(stream())
    run(store, _Clusterer(EVERY), chunks[:4], last=False)  # then the run dies
    state = store.story_index_state()
    assert state is not None and state["arrivals"] == 3 * BATCH  # batch 4 is the snapshot's tail
    run(store, _Clusterer(EVERY), chunks[4:], last=True)  # the next run restores and replays
    expected_stories, expected_state = uninterrupted
    assert any(len(s.members) > 1 for s in expected_stories)  # the stream has stories to join
    assert listed(store) == expected_stories
    assert store.story_index_state() == expected_state


def test_two_writers_taking_turns_assign_as_one_run(
    store: Store, uninterrupted: tuple[list[StorySummary], dict[str, object]]
) -> None:
    first, second = _Clusterer(EVERY), _Clusterer(EVERY)
    chunks = batches(stream())
    for i, chunk in enumerate(chunks):  # each finds the other's batch: reloads snapshot and tail
        store.add(chunk, "m", cluster=(first if i % 2 else second).batch(chunk, last=i == len(chunks) - 1))
    assert listed(store) == uninterrupted[0]


def counting_loads(cluster: Clusterer, loads: list[int]) -> Clusterer:
    def counted(saved: SavedIndex, clustered: Callable[[Sequence[str]], set[str]]) -> object:
        def load() -> SavedState:
            loads.append(1)
            return saved.load()

        return cluster(SavedIndex(saved.generation, load), clustered)

    return counted  # type: ignore[return-value]


def test_a_lone_writer_reads_the_saved_state_once_and_snapshots_every_few_batches(store: Store) -> None:
    clusterer, loads, generations, snapshots = _Clusterer(EVERY), [], [], []
    chunks = batches(stream())
    store.add(chunks[0], "m", cluster=clusterer.batch(chunks[0]))  # the store's first state
    for i, chunk in enumerate(chunks[1:], 1):
        store.add(
            chunk, "m", cluster=counting_loads(clusterer.batch(chunk, last=i == len(chunks) - 1), loads)
        )
        generations.append(store.story_index_generation())
        state = store.story_index_state()
        assert state is not None
        snapshots.append(state["arrivals"])
    assert loads == []  # its own index is current: the generation says so
    assert generations == list(range(2, len(chunks) + 1))
    assert snapshots == [3, 9, 9, 15, 15, 21, 24]  # every two batches, and the run's last
