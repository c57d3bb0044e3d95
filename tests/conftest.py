"""Shared fixtures: the ../shared data folder (skipped when absent) and the trained pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from quality.gates.gate import shared_dir
from tests.backends import backend, db_url

__all__ = ["backend", "db_url", "nlp", "shared"]  # the store backends: tests/backends.py

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` beside the repository; tests using it skip with a reason when it is absent."""
    path = shared_dir()
    if not (path / "seeds").is_dir():
        pytest.skip(f"../shared not found at {path}: the seed articles and gold data are absent")
    return path


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The trained English pipeline (integration tests only)."""
    from newsprism.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture()
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """The ``max_workers`` of every process pool the local runner starts, in order."""
    from concurrent.futures import ProcessPoolExecutor

    started: list[int | None] = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, max_workers: int | None = None, **kwargs: Any) -> None:
            started.append(max_workers)
            super().__init__(max_workers, **kwargs)

    monkeypatch.setattr("newsprism.run.local.ProcessPoolExecutor", CountedPool)
    return started
