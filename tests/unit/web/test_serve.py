"""``newsprism serve --processes N``: one process runs the app it built; more run uvicorn's
workers, each building the same app from the settings handed down in the environment; writes
need one process (two ingests at once would each save a clusterer state without the other's)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.config import Settings
from newsprism.store import open_store
from newsprism.web.app import app_from_environment, environment_of, web_settings


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'news.db'}"
    open_store(url).close()
    return url


@pytest.fixture(autouse=True)
def environment_restored() -> Iterator[None]:
    """``serve --processes N`` hands its settings down by writing ``NEWSPRISM_*`` into this
    process's environment, which the CLI runner does not undo: left there, its
    ``NEWSPRISM_ALLOW_PRIVATE=false`` overrode the config file of every later test."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, dict[str, Any]]]:
    import uvicorn

    seen: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: seen.append((target, kw)))
    return seen


def test_more_processes_run_uvicorn_workers_from_an_app_factory(
    db: str, runs: list[tuple[Any, dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSPRISM_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--db", db, "--processes", "2"])
    assert result.exit_code == 0, result.output
    [(target, options)] = runs
    assert target == "newsprism.web.app:app_from_environment"
    assert options["factory"] is True and options["workers"] == 2


def test_one_process_runs_the_app_it_built(db: str, runs: list[tuple[Any, dict[str, Any]]]) -> None:
    assert CliRunner().invoke(app, ["serve", "--db", db]).exit_code == 0
    [(target, options)] = runs
    assert not isinstance(target, str) and "workers" not in options


def test_writes_with_more_than_one_process_are_refused_in_one_line(
    db: str, runs: list[tuple[Any, dict[str, Any]]]
) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", db, "--processes", "2", "--token", "secret"])
    assert result.exit_code == 1 and runs == []
    assert "one process" in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_each_worker_builds_the_app_from_the_settings_handed_down(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(db="sqlite:///elsewhere.db", summary_words=120, max_post_bytes=1_000, strict=True)
    for name, value in environment_of(settings).items():
        monkeypatch.setenv(name, value)
    built = app_from_environment()
    assert built.state.settings == web_settings(settings)
