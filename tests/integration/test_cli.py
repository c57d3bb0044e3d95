"""The command line as a user meets it: exit statuses, skip reports, outputs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsprism.report.story_json import validate_story

pytestmark = pytest.mark.model

GOOD = """Harbour cranes stand idle as dockworkers strike – The Port Ledger

Dockworkers at the port of Alvena walked out on Monday, leaving 14 ships waiting offshore.

"We will stay out until the contract is signed," said Mira Kovac, who leads the dockworkers' union.

The harbour authority said 2,300 containers were stuck on the quay.
"""

OTHER = """Port strike enters second day

The strike at Alvena entered its second day on Tuesday, union leader Mira Kovac said.

Shipping companies said they would divert vessels to other ports.
"""


def run(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsprism", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture()
def messy_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "sub" / "other.txt").write_text(OTHER, encoding="utf-8")
    (folder / "photo.bin").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.txt").write_text("")
    (folder / "page.html").write_bytes(b"")
    return folder


def test_bad_inputs_are_skipped_with_reasons_and_the_rest_analysed(
    messy_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "story.json"
    result = run("analyze", str(messy_folder), "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    story = json.loads(out.read_text())
    validate_story(story)
    assert sorted(a["title"] for a in story["articles"]) == [
        "Harbour cranes stand idle as dockworkers strike",
        "Port strike enters second day",
    ]
    assert {a["outlet"] for a in story["articles"]} == {"The Port Ledger", None}
    skipped = {Path(s["source"]).name: s["reason"] for s in story["skipped"]}
    assert set(skipped) == {"photo.bin", "empty.txt", "page.html"}
    assert all(reason and "\n" not in reason for reason in skipped.values())
    assert "Traceback" not in result.stderr


def test_strict_turns_any_skip_into_exit_status_3(messy_folder: Path) -> None:
    result = run("analyze", str(messy_folder), "--strict", "--quiet")
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert "skipped" in result.stderr


def test_nothing_usable_is_exit_status_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n")
    result = run("analyze", str(tmp_path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("newsprism: nothing to analyse")


def test_a_missing_path_is_reported_not_raised(tmp_path: Path) -> None:
    result = run("analyze", str(tmp_path / "nope.txt"), "--quiet")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_stdin_brief_goes_to_standard_output() -> None:
    result = run("analyze", "-", "--quiet", stdin=GOOD)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Story brief: Harbour cranes stand idle as dockworkers strike")
    assert "Mira Kovac" in result.stdout


def test_one_run_writes_json_markdown_and_html(tmp_path: Path, messy_folder: Path) -> None:
    js, md, page = tmp_path / "o" / "s.json", tmp_path / "o" / "b.md", tmp_path / "o" / "b.html"
    args = ["-o", str(js), "-o", str(md), "-o", str(page)]
    result = run("analyze", str(messy_folder / "good.txt"), *args, "--quiet")
    assert result.returncode == 0, result.stderr
    assert json.loads(js.read_text())["schema"] == "newsprism.story/4"
    assert md.read_text().startswith("# Story brief:")
    html = page.read_text()
    assert html.lower().startswith("<!doctype html")
    assert "Harbour cranes stand idle" in html
    assert not re.search(r"""(?:src|href)=["']https?://""", html), "the report must not fetch anything"


def test_unknown_output_format_is_a_one_line_error(tmp_path: Path, messy_folder: Path) -> None:
    result = run("analyze", str(messy_folder), "-o", str(tmp_path / "s.pdf"))
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"newsprism: cannot tell the format of {tmp_path / 's.pdf'}: use .json, .md or .html"
    )


def test_ingest_is_idempotent_and_articles_lists_them(tmp_path: Path, messy_folder: Path) -> None:
    db = f"sqlite:///{tmp_path / 'n.db'}"
    first = run("ingest", str(messy_folder), "--db", db)
    assert first.returncode == 0, first.stderr
    assert "2 new, 0 already stored, 3 skipped" in first.stderr
    again = run("ingest", str(messy_folder), "--db", db)
    assert "0 new, 2 already stored" in again.stderr
    listed = run("articles", "--db", db, "--json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert sorted(r["title"] for r in rows) == [
        "Harbour cranes stand idle as dockworkers strike",
        "Port strike enters second day",
    ]


def test_workers_give_the_same_story_as_one_process(tmp_path: Path, messy_folder: Path) -> None:
    one, two = tmp_path / "1.json", tmp_path / "2.json"
    assert run("analyze", str(messy_folder), "-o", str(one), "--quiet").returncode == 0
    # batch size 1 so the two articles really go to two worker processes
    pooled = run(
        "analyze",
        str(messy_folder),
        "-o",
        str(two),
        "--quiet",
        "--workers",
        "2",
        env={"NEWSPRISM_BATCH_SIZE": "1"},
    )
    assert pooled.returncode == 0, pooled.stderr
    assert one.read_text() == two.read_text()
