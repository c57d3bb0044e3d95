"""Stories from real and hand-written articles through the product path: ``read_corpus``, the
per-article analysis, :func:`newsprism.stories.item_of` and :func:`newsprism.stories.cluster`.

The examples (eight articles over five days on one dam collapse, with follow-ups on the company's
bonds and parliament's summons) and the seeds (five real articles over eight days on one Xi-Putin
meeting) are one story each; a folder holding both and four unrelated articles
(tests/data/stories/unrelated: a drought at another reservoir, a chess final, a bee study, a rail
strike) gives exactly those six stories: no split, and no false merge (the worse defect)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.pipeline import read_corpus
from newsprism.run.local import analyze_articles
from newsprism.stories import StoryItem, cluster, item_of

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "corpus"
UNRELATED = REPO / "tests" / "data" / "stories" / "unrelated"


def file_of(source: str) -> str:
    """The input file an article came from (a feed's entries and a JSONL file's lines share it)."""
    return Path(source).name.split(":")[0].split("#")[0]


Filed = list[tuple[str, StoryItem]]


def analysed(folder: Path) -> Filed:
    """Each article of ``folder`` in input order: its input file and its item, as the product
    builds it (clean text, per-article analysis, metadata date, entity keys)."""
    corpus = read_corpus(folder, Settings(quiet=True))
    assert not corpus.skipped, corpus.skipped
    analyses = analyze_articles(corpus.articles)
    return [(file_of(a.source), item_of(a, an)) for a, an in zip(corpus.articles, analyses, strict=True)]


def stories_of(filed: Filed) -> set[frozenset[str]]:
    """Cluster the items and name each story by the input files of its articles."""
    file_by_id = {item.article_id: name for name, item in filed}
    result = cluster(item for _, item in filed)
    return {frozenset(file_by_id[a] for a in articles) for _, articles in result.stories}


def names(folder: Path) -> frozenset[str]:
    return frozenset(p.name for p in folder.iterdir())


def test_the_examples_are_one_story() -> None:
    assert stories_of(analysed(EXAMPLES)) == {names(EXAMPLES)}


def test_the_examples_without_their_dates_are_still_one_story() -> None:
    """An undated folder has no decay, and its stories' closest members are asked beside their
    centroids once the stream is long enough; in a handful of articles on one event they are not,
    so the follow-ups on the company's bonds and on parliament, which share the event's names
    and not any one article's words, still join."""
    undated = [(name, replace(item, published=None)) for name, item in analysed(EXAMPLES)]
    assert stories_of(undated) == {names(EXAMPLES)}


@pytest.mark.shared
def test_the_seeds_are_one_story(shared: Path) -> None:
    assert stories_of(analysed(shared / "seeds")) == {names(shared / "seeds")}


@pytest.mark.shared
def test_a_folder_of_seeds_examples_and_unrelated_articles_gives_exactly_those_stories(
    shared: Path, tmp_path: Path
) -> None:
    for source in (shared / "seeds", EXAMPLES, UNRELATED):
        for path in source.iterdir():
            shutil.copy(path, tmp_path / path.name)
    expected = {names(EXAMPLES), names(shared / "seeds")} | {frozenset({n}) for n in names(UNRELATED)}
    assert stories_of(analysed(tmp_path)) == expected
