"""The runners of the per-article analysis: in this process, a process pool, Ray. Whatever runs
it, the story is the same, byte for byte; a pool or a Ray instance starts once per run."""

from __future__ import annotations

import os
import pickle
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.config import Settings
from newsprism.pipeline import ingest_corpus, read_corpus
from newsprism.run import open_runner
from newsprism.run.local import chunk_size

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "corpus"


#: An event unrelated to the examples' dam collapse, so the run forms two stories.
OTHER_EVENT = (
    "Late frost ruins the cherry harvest in Brenna\n\n"
    "A late frost destroyed most of the cherry blossom in the orchards of Brenna overnight, growers said.\n\n"
    '"This is the worst spring I have seen in thirty years," said Tomas Reyne, who chairs the Brenna '
    "Growers Association.\n"
)


def stories_json(tmp_path: Path, name: str, *flags: str) -> dict[str, bytes]:
    """Every story.json ``analyze -o FOLDER/`` writes for the examples and an unrelated article
    (two stories)."""
    other = tmp_path / "frost.txt"
    other.write_text(OTHER_EVENT, encoding="utf-8")
    out = tmp_path / name
    result = CliRunner().invoke(app, ["analyze", str(EXAMPLES), str(other), "-q", "-o", f"{out}/", *flags])
    assert result.exit_code == 0, result.stderr
    return {path.name: path.read_bytes() for path in sorted(out.glob("story-*.json"))}


def test_analyses_cross_processes_as_records_that_round_trip() -> None:
    """What a pool or Ray moves between processes: frozen slotted dataclasses, pickled by value
    (no spaCy Doc), equal after the round trip, and compact (a few times the text, not a Doc)."""
    articles = read_corpus([str(EXAMPLES)], Settings()).articles
    with open_runner("local") as runner:
        analyses = runner.analyze(articles)
    for article, analysis in zip(articles, analyses, strict=True):
        assert pickle.loads(pickle.dumps(article)) == article
        assert pickle.loads(pickle.dumps(analysis)) == analysis
        assert len(pickle.dumps(analysis)) < 20 * len(article.text.encode())


def test_a_pool_runs_every_chunk_in_its_workers_and_reports_their_memory() -> None:
    articles = read_corpus([str(EXAMPLES)], Settings()).articles
    with open_runner("local") as runner:
        alone = runner.analyze(articles)
    seen: list[int] = []
    with open_runner("local", workers=2, batch_size=1) as pool:
        assert pool.analyze(articles, seen.append) == alone
        memory = pool.memory()
    assert sum(seen) == len(articles)
    assert memory and all(m.pid != os.getpid() and m.peak_rss > 50_000_000 for m in memory)


def test_chunks_are_small_enough_for_the_workers_to_finish_together() -> None:
    assert chunk_size(2000, 2, 32) == 32  # a big run: nlp.pipe batches
    assert chunk_size(64, 2, 32) == 8  # one ingest batch: 8 chunks, 4 per worker
    assert chunk_size(3, 2, 32) == 1


def test_ingest_starts_one_pool_for_all_its_batches(tmp_path: Path, pools: list[int | None]) -> None:
    """A pool per batch of 64 cost a process start and a pipeline load per worker per batch."""
    settings = Settings(workers=2, quiet=True, db=f"sqlite:///{tmp_path / 'store.db'}")
    corpus = read_corpus([str(EXAMPLES)], settings)
    result = ingest_corpus(corpus, settings, batch_size=2)
    assert result.added == len(corpus.articles) > 4
    assert pools == [2]


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--runner", "spark"], "runner must be one of local, ray, got 'spark'"),
        (["--ray-address", "auto"], "ray_address is given but the runner is not ray"),
    ],
)
def test_a_wrong_runner_is_one_line(tmp_path: Path, flags: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["analyze", str(EXAMPLES), "-q", *flags])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and message in result.stderr


def test_without_ray_the_ray_runner_is_one_line_naming_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray raises ImportError
    result = CliRunner().invoke(app, ["analyze", str(EXAMPLES), "-q", "--runner", "ray"])
    assert result.exit_code == 1
    assert result.stderr == "newsprism: the Ray runner needs ray: pip install 'newsprism[ray]'\n"


def test_newsprism_never_imports_ray_unless_asked() -> None:
    code = (
        "import sys, newsprism, newsprism.cli, newsprism.pipeline, newsprism.run\n"
        "assert 'ray' not in sys.modules, 'ray imported'\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


@pytest.mark.ray
def test_story_json_is_the_same_in_process_in_a_pool_and_on_ray(tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="ray is not installed (pip install 'newsprism[ray]')")
    alone = stories_json(tmp_path, "alone")
    pooled = stories_json(tmp_path, "pool", "--workers", "2")
    on_ray = stories_json(tmp_path, "ray", "--runner", "ray", "--workers", "2")
    assert len(alone) > 1
    assert pooled == alone
    assert on_ray == alone


def test_a_ray_address_nobody_listens_on_is_one_line_at_once() -> None:
    """Ray's own connect retried for a minute, logging C++ warnings, before failing."""
    pytest.importorskip("ray", reason="ray is not installed (pip install 'newsprism[ray]')")
    flags = ["--runner", "ray", "--ray-address", "127.0.0.1:1"]
    result = CliRunner().invoke(app, ["analyze", str(EXAMPLES), "-q", *flags])
    assert result.exit_code == 1
    assert result.stderr.startswith("newsprism: cannot reach the Ray cluster at 127.0.0.1:1: ")
    assert result.stderr.count("\n") == 1


def stored_analyses(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as connection:
        return list(connection.execute("SELECT article_id, data FROM analyses ORDER BY article_id"))


@pytest.mark.ray
def test_ingest_on_ray_stores_what_ingest_in_process_stores(tmp_path: Path) -> None:
    """Batches of 2 from one stream: one Ray instance and one actor pool for the whole run."""
    pytest.importorskip("ray", reason="ray is not installed (pip install 'newsprism[ray]')")
    stored = {}
    for name, flags in (("local", {}), ("ray", {"runner": "ray", "workers": 2})):
        settings = Settings(quiet=True, db=f"sqlite:///{tmp_path / name}.db", **flags)
        ingest_corpus(read_corpus([str(EXAMPLES)], settings), settings, batch_size=2)
        stored[name] = stored_analyses(tmp_path / f"{name}.db")
    assert len(stored["local"]) > 4
    assert stored["ray"] == stored["local"]
