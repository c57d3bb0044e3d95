"""The bundled example corpus: exactly the copies examples/expected.json lists are found, with
their originals and kinds (needs the trained pipeline for sentences, quotes and dates)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.link.dates import refine_publication_dates
from newsprism.link.origins import find_origins
from newsprism.pipeline import read_corpus
from newsprism.records import Article, Origin

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"


def _name(article: Article, articles: tuple[Article, ...]) -> tuple[str, int | None]:
    """``(file, item)`` as expected.json names an article (item 1-based, only for multi-item files)."""
    file = Path(article.source.split(":")[0].split("#")[0]).name
    same_file = [a for a in articles if Path(a.source.split(":")[0].split("#")[0]).name == file]
    return file, (same_file.index(article) + 1 if len(same_file) > 1 else None)


@pytest.fixture(scope="module")
def origins_and_names() -> tuple[list[Origin], dict[str, tuple[str, int | None]]]:
    from newsprism.run.local import analyze_articles

    articles = read_corpus([str(EXAMPLES / "corpus")], Settings()).articles
    analyses = refine_publication_dates(articles, analyze_articles(articles))
    names = {a.id: _name(a, articles) for a in articles}
    return find_origins(articles, analyses), names


def test_examples_copies_are_exactly_the_expected_ones(
    origins_and_names: tuple[list[Origin], dict[str, tuple[str, int | None]]],
) -> None:
    origins, names = origins_and_names
    expected = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))["copies"]
    want = {
        (
            (c["copy"]["file"], c["copy"].get("item")),
            (c["original"]["file"], c["original"].get("item")),
            c["kind"],
        )
        for c in expected
    }
    found = {(names[r.copy], names[r.original], r.kind) for o in origins for r in o.relations}
    assert found == want


def test_examples_origins_partition_the_articles(
    origins_and_names: tuple[list[Origin], dict[str, tuple[str, int | None]]],
) -> None:
    origins, names = origins_and_names
    members = [a for o in origins for a in o.articles]
    assert sorted(members) == sorted(names)
    assert len(origins) == len(names) - 2  # two copies, each joining its original's origin
    for origin in origins:
        assert origin.articles[0] == origin.original
        for relation in origin.relations:
            assert relation.evidence, "every copy relation cites aligned sentences"
