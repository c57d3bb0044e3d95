"""The cleaning gate on ../shared gold: figures in range and at their pinned floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from quality.gates import cleaning
from quality.gates.gate import judge, load_floors


@pytest.mark.shared
def test_cleaning_gate_meets_its_floors(shared: Path) -> None:
    figures = cleaning.run(shared)
    assert set(figures) >= {"line_precision", "line_recall", "subheadings_kept", "body_lines_kept"}
    assert all(0.0 <= v <= 1.0 for v in figures.values())
    failing = [v for v in judge(figures, load_floors()["cleaning"]) if not v.ok]
    assert failing == []
