"""``newsprism.analyze`` and ``read_corpus`` take one path or many, as ``str`` or ``os.PathLike``.

A lone string used to be iterated character by character (``"examples"`` read as ``e``, ``x``,
... and ``/``, walking the whole filesystem), and a ``Path`` had no ``.strip()``."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from newsprism.config import Settings
from newsprism.pipeline import PathsLike, read_corpus

TEXT = "Port strike ends\n\nDockworkers at Alvena returned to the quay on Tuesday after the talks.\n"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT.replace("Tuesday", "Wednesday"), encoding="utf-8")
    return tmp_path


def sources(paths: PathsLike) -> list[str]:
    corpus = read_corpus(paths, Settings(quiet=True))
    assert corpus.skipped == ()
    return [Path(a.source).name for a in corpus.articles]


def test_one_folder_as_a_string_is_one_input(folder: Path) -> None:
    assert sources(str(folder / "in")) == ["a.txt"]


def test_one_path_object_is_one_input(folder: Path) -> None:
    assert sources(folder / "in") == ["a.txt"]


Many = Callable[[list[str | os.PathLike[str]]], Iterable[str | os.PathLike[str]]]


@pytest.mark.parametrize("many", [list, tuple, iter])
def test_many_paths_of_either_type_in_any_iterable(folder: Path, many: Many) -> None:
    assert sources(many([folder / "in", str(folder / "b.txt")])) == ["a.txt", "b.txt"]
