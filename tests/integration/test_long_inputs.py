"""End to end: an over-long article and odd folder entries never end the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app

pytestmark = pytest.mark.model

GOOD = """Harbour cranes stand idle as dockworkers strike

Dockworkers at the port of Alvena walked out on Monday, leaving 14 ships waiting offshore.

"We will stay out until the contract is signed," said Mira Kovac, who leads the union.
"""

PARAGRAPH = "The harbour authority said {n} containers were stuck on the quay, Mira Kovac said."


def test_an_over_long_article_is_cut_noted_and_analyzed_with_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    long_body = "\n\n".join(PARAGRAPH.format(n=i) for i in range(400))
    (folder / "long.txt").write_text("The longest strike report\n\n" + long_body, encoding="utf-8")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    out = tmp_path / "story.json"
    done = CliRunner().invoke(app, ["analyze", str(folder), "--max-chars", "5000", "-o", str(out)])
    assert done.exit_code == 0, done.stderr
    skipped, noted = done.stderr.split("notes on 1 article(s):")
    assert f"{folder / 'dangling.txt'}: broken symbolic link" in skipped
    story = json.loads(out.read_text(encoding="utf-8"))
    cut = {Path(a["source"]).name: (a["cut_from"], len(a["text"])) for a in story["articles"]}
    assert cut["good.txt"] == (None, len(GOOD.split("\n\n", 1)[1].strip()))
    cut_from, kept = cut["long.txt"]
    assert cut_from > len(long_body) and kept <= 5_000
    assert f"{folder / 'long.txt'}: cut from {cut_from:,} to {kept:,} characters" in noted
