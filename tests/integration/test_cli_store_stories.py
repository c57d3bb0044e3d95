"""The store keeps stories: ``ingest`` clusters as it stores, ``stories`` lists them, ``show``
renders one exactly as ``analyze`` renders its articles, ``search`` finds them; bad input gets
one line and a status. Tests taking ``db_url`` run on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import Result
from sqlalchemy import text
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.store import MARK_CLOSE, MARK_OPEN, open_store
from newsprism.store.engine import make_engine

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"

#: Two outlets on one port strike, dated hours apart: one story under the default clustering.
STRIKE = [
    {
        "title": "Dockworkers strike shuts the port of Alvena",
        "outlet": "The Port Ledger",
        "url": "https://ledger.example/strike",
        "published": "2025-06-02T09:00:00+00:00",
        "text": "Dockworkers at the port of Alvena walked out on Monday, leaving 14 ships waiting offshore.\n\n"
        '"We will stay out until the contract is signed," said Mira Kovac, who leads the dockworkers\' union.\n\n'
        "The Alvena harbour authority said 2,300 containers were stuck on the quay as the port strike began.",
    },
    {
        "title": "Alvena port strike strands ships as dockworkers walk out",
        "outlet": "Coastal Wire",
        "url": "https://coastal.example/alvena",
        "published": "2025-06-02T15:00:00+00:00",
        "text": "A strike by dockworkers shut the port of Alvena on Monday and left ships waiting offshore.\n\n"
        "Union leader Mira Kovac said the dockworkers would stay out until the contract is signed.\n\n"
        "The harbour authority put the number of containers stuck on the quay at 2,300.",
    },
]

#: Another event entirely, a week later.
ORCHARD = {
    "title": "Late frost ruins the cherry harvest in Brenna",
    "outlet": "Farm Journal",
    "url": "https://farm.example/frost",
    "published": "2025-06-09T08:00:00+00:00",
    "text": "A late frost destroyed most of the cherry blossom in the orchards of Brenna overnight.\n\n"
    "Growers said the harvest would be the smallest in twenty years.",
}

runner = CliRunner()


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def jsonl(path: Path, *records: dict[str, str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def one_line_error(result: Result, status: int) -> str:
    assert result.exit_code == status, result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("newsprism: ")
    return result.stderr


def listed(db: str) -> list[dict[str, object]]:
    result = run("stories", "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def table(db: str, query: str) -> list[tuple[object, ...]]:
    engine = make_engine(db)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(query))]
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def strike_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("strike")
    db = f"sqlite:///{folder / 'news.db'}"
    assert run("ingest", str(jsonl(folder / "in" / "strike.jsonl", *STRIKE)), "--db", db, "-q").exit_code == 0
    assert (
        run("ingest", str(jsonl(folder / "more" / "frost.jsonl", ORCHARD)), "--db", db, "-q").exit_code == 0
    )
    return db


def test_show_renders_a_stored_story_byte_identical_to_analyze(tmp_path: Path, db_url: str) -> None:
    inputs = jsonl(tmp_path / "in" / "strike.jsonl", *STRIKE)
    db = db_url
    outs = ["story.json", "brief.md", "brief.html"]
    analyzed = run("analyze", str(inputs), "-q", *[f"-o{tmp_path / 'a' / o}" for o in outs])
    assert analyzed.exit_code == 0, analyzed.stderr
    assert run("ingest", str(inputs), "--db", db, "-q").exit_code == 0
    (story,) = listed(db)
    shown = run("show", str(story["id"]), "--db", db, "-q", *[f"-o{tmp_path / 's' / o}" for o in outs])
    assert shown.exit_code == 0, shown.stderr
    for name in outs:
        assert (tmp_path / "s" / name).read_bytes() == (tmp_path / "a" / name).read_bytes(), name
    brief = run("show", str(story["id"])[:6], "--db", db)  # a prefix; the brief on stdout
    assert brief.stdout == (tmp_path / "a" / "brief.md").read_text(encoding="utf-8")


def test_stories_json_lists_each_story_with_its_articles_and_why_they_joined(strike_db: str) -> None:
    frost, strike = listed(strike_db)  # newest first
    assert strike["title"] == STRIKE[0]["title"] and frost["title"] == ORCHARD["title"]
    assert strike["articles"] == 2 and strike["outlets"] == ["The Port Ledger", "Coastal Wire"]
    assert (strike["first_published"], strike["last_published"]) == ("2025-06-02", "2025-06-02")
    assert [m["published"] for m in strike["members"]] == [a["published"] for a in STRIKE]  # type: ignore[attr-defined]
    assert isinstance(strike["origins"], int) and strike["origins"] >= 1
    first, second = strike["members"]  # type: ignore[misc]
    assert {"id", "url", "source"} <= set(first) and first["url"] == STRIKE[0]["url"]
    assert first["source"].endswith("strike.jsonl:1")
    assert first["assignment"]["new_story"] and not second["assignment"]["new_story"]
    assert second["assignment"]["similarity"] > 0 and second["assignment"]["shared_terms"]


def test_a_story_dated_by_a_day_and_by_a_datetime_shows_days_in_every_listing(tmp_path: Path) -> None:
    """The first article gives a day, the last a datetime: ``stories``, its JSON, ``show``, the
    ``stories`` export and the web's list and API show the same two days, in one form each."""
    from fastapi.testclient import TestClient

    from newsprism.web import WebSettings, create_app

    mixed = [
        {**STRIKE[0], "published": "2025-06-02"},
        {**STRIKE[1], "published": "2025-06-03T17:30:00+00:00"},
    ]
    db = f"sqlite:///{tmp_path / 'news.db'}"
    assert run("ingest", str(jsonl(tmp_path / "in" / "mixed.jsonl", *mixed)), "--db", db, "-q").exit_code == 0
    (story,) = listed(db)
    assert (story["first_published"], story["last_published"]) == ("2025-06-02", "2025-06-03")
    line = run("stories", "--db", db).stdout
    assert "  2025-06-02 … 2025-06-03  " in line and "T17:30" not in line
    brief = run("show", str(story["id"]), "--db", db).stdout
    published = re.findall(r"^\| \[\d\] \|.*\| ([^|]+) \|$", brief, re.MULTILINE)
    assert [p.split(" (")[0] for p in published] == ["2025-06-02", "2025-06-03"]
    out = tmp_path / "stories.jsonl"
    assert run("export", "--db", db, "--what", "stories", "-o", str(out)).exit_code == 0
    (row,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert (row["first_published"], row["last_published"]) == ("2025-06-02", "2025-06-03")
    with TestClient(create_app(WebSettings(db=db))) as client:
        (item,) = client.get("/api/v1/stories").json()["stories"]
        assert (item["first_published"], item["last_published"]) == ("2025-06-02", "2025-06-03")
        page = client.get("/").text
        assert "2 Jun 2025 – 3 Jun 2025" in page and "T17:30" not in page


def test_search_groups_hits_by_story_with_marked_snippets(strike_db: str) -> None:
    result = run("search", "dockworkers contract", "--db", strike_db, "--json")
    assert result.exit_code == 0, result.stderr
    (group,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(group["hits"]) == 2
    assert all(f"{MARK_OPEN}contract{MARK_CLOSE}" in h["snippet"] for h in group["hits"])
    text = run("search", "cherry", "--db", strike_db)
    assert text.exit_code == 0 and ORCHARD["title"] in text.stdout
    operator = run("search", "cherry* (blossom", "--db", strike_db)  # FTS5 syntax is plain words
    assert operator.exit_code == 0 and ORCHARD["title"] in operator.stdout


def test_ingesting_the_same_input_again_changes_nothing(db_url: str) -> None:
    path = db = db_url
    assert run("ingest", str(EXAMPLES), "--db", db, "-q").exit_code == 0
    tables = ["stories", "story_articles", "story_aliases", "story_index"]
    before = {t: table(path, f"SELECT * FROM {t} ORDER BY 1") for t in tables}
    again = run("ingest", str(EXAMPLES), "--db", db)
    assert again.exit_code == 0 and "0 new" in again.stderr and "0 stories analysed" in again.stderr
    assert {t: table(path, f"SELECT * FROM {t} ORDER BY 1") for t in tables} == before
    assert sum(s["articles"] for s in listed(db)) == 8  # type: ignore[misc]


def test_a_story_that_gained_no_articles_is_not_analysed_again(tmp_path: Path, db_url: str) -> None:
    path = db = db_url
    assert run("ingest", str(jsonl(tmp_path / "a" / "s.jsonl", *STRIKE)), "--db", db, "-q").exit_code == 0
    (strike,) = table(path, "SELECT id, analysis_key, analyzed_at FROM stories")
    more = run("ingest", str(jsonl(tmp_path / "b" / "f.jsonl", ORCHARD)), "--db", db)
    assert more.exit_code == 0 and "1 stories analysed" in more.stderr, more.stderr
    assert strike in table(path, "SELECT id, analysis_key, analyzed_at FROM stories")


def test_examples_and_seeds_ingested_in_turn_keep_to_their_own_stories(db_url: str) -> None:
    if not SEEDS.is_dir():
        pytest.skip("no seeds")
    db = db_url
    assert run("ingest", str(EXAMPLES), "--db", db, "-q").exit_code == 0
    assert run("ingest", str(SEEDS), "--db", db, "-q").exit_code == 0
    with open_store(db) as store:
        stored = store.articles()
    seeds = {a.id for a in stored if str(SEEDS) in a.source}
    for story in listed(db):
        ids = {m["id"] for m in story["members"]}  # type: ignore[union-attr, index]
        assert ids <= seeds or not ids & seeds, story["title"]
    assert sum(len(s["members"]) for s in listed(db)) == len(stored)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["show", "s-ffffffffffff"], 4, "no story 's-ffffffffffff'"),
        (["show", "s-"], 1, "is ambiguous"),
        (["search", '"unbalanced'], 4, "no article matches"),
        (["search", "NEAR( zebra"], 4, "no article matches"),
        (["search", "  "], 1, "no words"),
        (["stories", "--since", "last week"], 1, "is not a date"),
        (["stories", "--since", "2031-01-01"], 4, "no stories since 2031-01-01"),
    ],
)
def test_bad_input_is_one_line_and_a_status(
    strike_db: str, args: list[str], status: int, message: str
) -> None:
    assert message in one_line_error(run(*args, "--db", strike_db), status)


@pytest.mark.parametrize("command", [["stories"], ["show", "s-1"], ["search", "dam"]])
def test_an_empty_or_missing_database_is_one_line_and_a_status(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "missing.db"
    assert "no database at" in one_line_error(run(*command, "--db", f"sqlite:///{missing}"), 1)
    assert not missing.exists()
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    open_store(empty).close()
    one_line_error(run(*command, "--db", empty), 4)


#: An undated report of another event: its date may only come from its own story's evidence.
UNDATED_FROST = {
    "title": "Frost in Brenna orchards",
    "outlet": "Valley Radio",
    "text": "Growers in Brenna said on Thursday that a late frost had destroyed most of the cherry blossom.\n\n"
    "The cherry harvest will be the smallest in twenty years, growers in Brenna said.",
}


def test_ingest_stores_the_dates_analyze_reports_for_each_story(tmp_path: Path, db_url: str) -> None:
    """Dates inferred from the text are refined within each story, in ingest as in analyze:
    one story's metadata dates never date another story's undated article."""
    inputs = jsonl(tmp_path / "in" / "mixed.jsonl", *STRIKE, UNDATED_FROST)
    out = tmp_path / "out"
    assert run("analyze", str(inputs), "-q", "-o", f"{out}/").exit_code == 0
    reported = {
        a["id"]: a["published"]["value"]
        for path in sorted(out.glob("story-*.json"))
        for a in json.loads(path.read_text(encoding="utf-8"))["articles"]
    }
    db = db_url
    assert run("ingest", str(inputs), "--db", db, "-q").exit_code == 0
    stored = run("articles", "--db", db, "--json")
    assert stored.exit_code == 0, stored.stderr
    kept = {row["id"]: row["published"] for row in map(json.loads, stored.stdout.splitlines())}
    assert len(reported) == 3 and kept == reported


def test_two_ingests_at_once_over_overlapping_inputs_lose_and_duplicate_nothing(
    tmp_path: Path, db_url: str
) -> None:
    """Two ``ingest`` processes on one new store at once: one migrates it, each batch clusters
    from the state the other saved, and every article is stored, analysed and in one story once."""
    files = sorted(EXAMPLES.iterdir())
    halves = {"a": files[:4], "b": files[2:]}  # overlapping: files 3 and 4 in both
    for name, chosen in halves.items():
        (tmp_path / name).mkdir()
        for path in chosen:
            (tmp_path / name / path.name).write_bytes(path.read_bytes())
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "newsprism", "ingest", str(tmp_path / name), "--db", db_url, "-q"],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in halves
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=600)
        assert writer.returncode == 0, err
    with open_store(db_url) as store:
        ids = [a.id for a in store.articles()]
        assert len(ids) == len(set(ids)) == 8  # the examples' articles, each once
        assert store.analyzed(ids) == set(ids)
        members = [m.article_id for s in store.stories() for m in s.members]
        assert sorted(members) == sorted(ids)  # every article in exactly one story
        assert store.stale_stories() == []
    counts = table(
        db_url,
        "SELECT s.articles, count(sa.article_id) FROM stories s "
        "JOIN story_articles sa ON sa.story_id = s.id GROUP BY s.id, s.articles",
    )
    assert all(listed_count == joined for listed_count, joined in counts)
