"""``newsprism export`` and ``analyze -o`` with an export extension: a store built by ingesting
hand-written articles, exported as every (what, format) pair, read back with json, csv, pyarrow
and networkx and compared with the store; bad requests get one line and a status."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pyarrow.parquet as pq
import pytest
from click.testing import Result
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.export import TABLES
from newsprism.records import cross_story_id
from newsprism.store import open_store
from tests.integration.test_cli_store_stories import ORCHARD, STRIKE, jsonl, one_line_error
from tests.unit.export.test_export_tables import read_csv

pytestmark = pytest.mark.model

runner = CliRunner()

#: Stored but not analysed (another language): listed among the articles with no story.
GREVE = {
    "title": "Les dockers d'Alvena en grève",
    "outlet": "Le Quai",
    "url": "https://quai.example/greve",
    "published": "2025-06-02T12:00:00+00:00",
    "text": "Les dockers du port d'Alvena ont cessé le travail lundi, et quatorze navires attendent au large.\n\n"
    "L'autorité portuaire a dit que les conteneurs resteraient sur le quai pendant toute la grève.",
}


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("export")
    url = f"sqlite:///{folder / 'n.db'}"
    result = run(
        "ingest", str(jsonl(folder / "in" / "news.jsonl", *STRIKE, ORCHARD, GREVE)), "--db", url, "-q"
    )
    assert result.exit_code == 0, result.stderr
    return url


def read(path: Path, fmt: str, row_type: type) -> list[dict[str, Any]]:
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if fmt == "csv":
        return read_csv(path, row_type)
    return list(pq.read_table(path).to_pylist())


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_every_table_matches_the_store(db: str, tmp_path: Path, fmt: str) -> None:
    with open_store(db, create=False) as store:
        texts = {a.id: a.text for a in store.articles()}
        listed = store.stories()
        stories = {s.id: store.story_analysis(s.id)[1] for s in listed}
    assert len(stories) == 2 and all(stories.values())
    got = {}
    for what, (row_type, _) in TABLES.items():
        out = tmp_path / f"{what}.{fmt}"
        result = run("export", "--db", db, "--what", what, "-o", str(out))
        assert result.exit_code == 0, result.stderr
        got[what] = read(out, fmt, row_type)
    assert [r["story_id"] for r in got["stories"]] == [s.id for s in listed]
    assert {r["article_id"]: r["text"] for r in got["articles"]} == texts
    members = {m.article_id: s.id for s in listed for m in s.members}
    assert {r["article_id"]: r["story_id"] for r in got["articles"]} == {
        a: members.get(a) for a in texts
    }  # every article listed once, the French one with an empty story
    (greve,) = [r for r in got["articles"] if r["title"] == GREVE["title"]]
    assert greve["story_id"] is None and greve["language"] == "fr"
    quotes = [q for story in stories.values() for an in story.analyses for q in an.quotes]  # type: ignore[union-attr]
    assert sorted(r["quote_id"] for r in got["quotes"]) == sorted(q.id for q in quotes) and quotes
    mentions = sum(len(e.mentions) for s in stories.values() for e in s.entities)  # type: ignore[union-attr]
    assert len(got["entities"]) == mentions > 0
    support = sum(len(c.support) for s in stories.values() for c in s.claims)  # type: ignore[union-attr]
    assert len(got["claims"]) == support
    for what in ("quotes", "entities", "claims"):
        for row in got[what]:
            assert texts[row["article_id"]][row["start"] : row["end"]] == row["text"], (what, row)
    names = {q.id: q.speaker_name for q in quotes}
    assert {r["quote_id"]: r["speaker_name"] for r in got["quotes"]} == names, "story.json's speaker_name"
    for row in got["quotes"]:
        if row["speaker_start"] is not None:
            assert texts[row["article_id"]][row["speaker_start"] : row["speaker_end"]] == row["speaker_text"]


def test_the_network_names_the_stored_actors(db: str, tmp_path: Path) -> None:
    out = tmp_path / "net.graphml"
    result = run("export", "--db", db, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "actors from 2 stories" in result.stderr
    graph = nx.read_graphml(out, force_multigraph=True)
    with open_store(db, create=False) as store:
        actors = {
            cross_story_id(e.name)
            for s in store.stories()
            for e in store.story_analysis(s.id)[1].entities  # type: ignore[union-attr]
            if e.type in {"person", "organization"}
        }
    assert set(graph.nodes) == actors
    assert "Mira Kovac" in {d["name"] for _, d in graph.nodes(data=True)}


def test_an_actor_has_one_id_in_the_web_api_its_page_and_every_export(db: str, tmp_path: Path) -> None:
    """The analyst's join: ``/entities/<id>`` and the exports name an actor alike, for one store."""
    from fastapi.testclient import TestClient

    from newsprism.web import WebSettings, create_app

    net, entities, quotes = tmp_path / "net.graphml", tmp_path / "entities.jsonl", tmp_path / "quotes.jsonl"
    for what, out in (("network", net), ("entities", entities), ("quotes", quotes)):
        assert run("export", "--db", db, "--what", what, "-o", str(out)).exit_code == 0
    graph = nx.read_graphml(net, force_multigraph=True)
    entity_rows = [json.loads(line) for line in entities.read_text(encoding="utf-8").splitlines()]
    quote_rows = [json.loads(line) for line in quotes.read_text(encoding="utf-8").splitlines()]
    with TestClient(create_app(WebSettings(db=db))) as client:
        api = {e["id"]: e for e in client.get("/api/v1/entities?limit=100").json()["entities"]}
        assert api and set(api) == set(graph.nodes)
        for actor, node in graph.nodes(data=True):
            e = api[actor]
            assert (node["name"], node["type"], node["mentions"], node["stories"]) == (
                e["name"],
                e["type"],
                e["mentions"],
                e["stories"],
            )
            assert sum(r["speaker_id"] == actor for r in quote_rows) == e["quotes"], e["name"]
            assert client.get(f"/entities/{actor}").status_code == 200
    actor_rows = {r["entity_id"] for r in entity_rows if r["type"] in ("person", "organization")}
    assert actor_rows == set(api)
    (kovac,) = [i for i, e in api.items() if e["name"] == "Mira Kovac"]
    assert {r["speaker_id"] for r in quote_rows if r["speaker"] == "Mira Kovac"} == {kovac}


def test_format_flag_overrides_the_extension(db: str, tmp_path: Path) -> None:
    out = tmp_path / "stories.txt"
    result = run("export", "--db", db, "--format", "jsonl", "--what", "stories", "-o", str(out), "-q")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_analyze_writes_exports_by_extension(tmp_path: Path) -> None:
    news = jsonl(tmp_path / "in" / "news.jsonl", *STRIKE, ORCHARD)
    quotes, claims, net = tmp_path / "q.csv", tmp_path / "out" / "claims.parquet", tmp_path / "n.graphml"
    result = run("analyze", str(news), "-q", "-o", str(quotes), "-o", str(net))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "", "an export -o replaces the brief on standard output"
    rows = read_csv(quotes, TABLES["quotes"][0])
    assert len({r["story_id"] for r in rows}) >= 1 and any(r["speaker"] == "Mira Kovac" for r in rows)
    assert nx.read_graphml(net, force_multigraph=True).number_of_nodes() > 0
    result = run("analyze", str(news), "-q", "--what", "claims", "-o", str(claims))
    assert result.exit_code == 0, result.stderr
    assert pq.read_table(claims).num_rows > 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--what", "articles", "-o", "{tmp}/a.graphml"], "graphml holds the actor network, not articles"),
        (["--what", "network", "-o", "{tmp}/n.csv"], "the network exports as graphml only"),
        (["-o", "{tmp}/a.xlsx"], "cannot tell the export format"),
        (["--format", "xml", "-o", "{tmp}/a.xml"], "unknown export format 'xml'"),
        (["-o", "{tmp}/file.txt/a.csv"], "is not a folder"),
    ],
)
def test_bad_requests_are_one_line_errors(db: str, tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    result = run("export", "--db", db, *[a.format(tmp=tmp_path) for a in args])
    assert message in one_line_error(result, 1)


def test_an_empty_store_is_not_found(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'empty.db'}"
    with open_store(db):
        pass
    result = run("export", "--db", db, "-o", str(tmp_path / "q.csv"))
    assert "no articles in" in one_line_error(result, 4)
    assert not (tmp_path / "q.csv").exists()


def test_analyze_checks_export_outputs_before_the_analysis(tmp_path: Path) -> None:
    news = jsonl(tmp_path / "in" / "news.jsonl", *STRIKE)
    result = run("analyze", str(news), "--what", "network", "-o", str(tmp_path / "n.csv"))
    assert "the network exports as graphml only" in one_line_error(result, 1)
