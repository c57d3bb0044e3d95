"""The command line as a user meets it: exit statuses, skip reports, outputs."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.pipeline import INGEST_BATCH
from newsprism.report.story_json import validate_story

pytestmark = pytest.mark.model

GOOD = """Harbour cranes stand idle as dockworkers strike – The Port Ledger

Dockworkers at the port of Alvena walked out on Monday, leaving 14 ships waiting offshore.

"We will stay out until the contract is signed," said Mira Kovac, who leads the dockworkers' union.

The harbour authority said 2,300 containers were stuck on the quay.
"""

#: The same event as GOOD: ``analyze`` makes them one story (the clusterer groups them).
OTHER = """Port strike enters second day

The dockworkers' strike at Alvena entered its second day on Tuesday, union leader Mira Kovac said.

Shipping companies said they would divert vessels to other ports.
"""


runner = CliRunner()


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> Result:
    """``newsprism ARGS`` in this process (typer's runner): the same statuses and streams as the
    console script (the smoke test below checks that), without a new interpreter and spaCy load
    per call."""
    return runner.invoke(app, list(args), input=stdin, env=env)


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


def test_bad_inputs_are_skipped_with_reasons_and_the_rest_analyzed(
    messy_folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "story.json"
    result = run("analyze", str(messy_folder), "-o", str(out), "--quiet")
    assert result.exit_code == 0, result.stderr
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
    assert result.exit_code == 3
    assert "Traceback" not in result.stderr
    assert "skipped" in result.stderr


def test_nothing_usable_is_exit_status_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n")
    result = run("analyze", str(tmp_path))
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("newsprism: nothing to analyse")


def test_a_missing_path_is_reported_not_raised(tmp_path: Path) -> None:
    result = run("analyze", str(tmp_path / "nope.txt"), "--quiet")
    assert result.exit_code == 2 and "Traceback" not in result.stderr


def test_stdin_brief_goes_to_standard_output() -> None:
    result = run("analyze", "-", "--quiet", stdin=GOOD)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Story brief: Harbour cranes stand idle as dockworkers strike")
    assert "Mira Kovac" in result.stdout


def test_one_run_writes_json_markdown_and_html(tmp_path: Path, messy_folder: Path) -> None:
    js, md, page = tmp_path / "o" / "s.json", tmp_path / "o" / "b.md", tmp_path / "o" / "b.html"
    args = ["-o", str(js), "-o", str(md), "-o", str(page)]
    result = run("analyze", str(messy_folder / "good.txt"), *args, "--quiet")
    assert result.exit_code == 0, result.stderr
    assert json.loads(js.read_text())["schema"] == "newsprism.story/4"
    assert md.read_text().startswith("# Story brief:")
    html = page.read_text()
    assert html.lower().startswith("<!doctype html")
    assert "Harbour cranes stand idle" in html
    assert not re.search(r"""(?:src|href)=["']https?://""", html), "the report must not fetch anything"


def test_unknown_output_format_is_a_one_line_error(tmp_path: Path, messy_folder: Path) -> None:
    result = run("analyze", str(messy_folder), "-o", str(tmp_path / "s.pdf"))
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == f"newsprism: cannot tell the format of {tmp_path / 's.pdf'}: use .json, .md, .html, .jsonl, .csv, .parquet, .graphml, or a folder (out/)"
    )


def test_ingest_is_idempotent_and_articles_lists_them(tmp_path: Path, messy_folder: Path) -> None:
    db = f"sqlite:///{tmp_path / 'n.db'}"
    first = run("ingest", str(messy_folder), "--db", db)
    assert first.exit_code == 0, first.stderr
    assert "2 new, 0 already stored, 3 skipped" in first.stderr
    again = run("ingest", str(messy_folder), "--db", db)
    assert "0 new, 2 already stored" in again.stderr
    listed = run("articles", "--db", db, "--json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert sorted(r["title"] for r in rows) == [
        "Harbour cranes stand idle as dockworkers strike",
        "Port strike enters second day",
    ]


def test_workers_give_the_same_story_as_one_process(
    tmp_path: Path, messy_folder: Path, pools: list[int | None]
) -> None:
    one, two = tmp_path / "1.json", tmp_path / "2.json"
    assert run("analyze", str(messy_folder), "-o", str(one), "--quiet").exit_code == 0
    assert pools == []
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
    assert pooled.exit_code == 0, pooled.stderr
    assert pools == [2]
    assert one.read_text() == two.read_text()


def test_an_unreadable_link_in_a_folder_is_one_skipped_input(
    tmp_path: Path, messy_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link into a folder the user may not enter: ``stat`` through it fails with EACCES (tests
    run as root, who may enter anything, so the refusal is simulated; the link itself stays
    readable, as it is). It used to end the run with exit status 70."""
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "notes.txt").write_text(OTHER, encoding="utf-8")
    (messy_folder / "sub" / "other.txt").unlink()
    locked = messy_folder / "locked.txt"
    locked.symlink_to(secret / "notes.txt")
    real_stat = os.stat

    def stat(path: Any, *args: Any, follow_symlinks: bool = True, **kwargs: Any) -> os.stat_result:
        if follow_symlinks and os.fspath(path) in {str(locked), str(secret / "notes.txt")}:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_stat(path, *args, follow_symlinks=follow_symlinks, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    out = tmp_path / "story.json"
    result = run("analyze", str(messy_folder), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"  {locked}: cannot read: Permission denied" in result.stderr.splitlines()
    story = json.loads(out.read_text())
    assert [a["title"] for a in story["articles"]] == ["Harbour cranes stand idle as dockworkers strike"]
    assert {s["source"]: s["reason"] for s in story["skipped"]}[
        str(locked)
    ] == "cannot read: Permission denied"


# ---- usage errors, --version and interruption --------------------------------------------------


def console_script(*args: str, env: dict[str, str] | None = None, **popen: Any) -> subprocess.Popen[str]:
    """``newsprism`` as users run it: the console script installed beside this Python."""
    script = Path(sys.executable).with_name("newsprism")
    return subprocess.Popen(
        [str(script), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        **popen,
    )


USAGE_ERRORS = [
    (["--bogus"], "No such option: --bogus"),
    (["analyze", "--bogus", "x.txt"], "No such option: --bogus"),
    (["analyze", "--workers", "abc", "x.txt"], "'--workers'"),
    (["analyze"], "Missing argument"),
    (["frobnicate"], "No such command 'frobnicate'"),
]


@pytest.mark.parametrize(("args", "says"), USAGE_ERRORS)
def test_a_usage_error_is_one_line_and_exit_status_1(args: list[str], says: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("newsprism: ") and says in line
    assert "--help" in line and "internal error" not in line
    assert result.stdout == ""


def test_the_console_script_gives_the_same_statuses_and_streams_as_the_in_process_runner(
    messy_folder: Path, tmp_path: Path
) -> None:
    """The one subprocess smoke test (besides the signal tests): the other tests run the app in
    this process, which holds only while the installed console script behaves the same."""
    args = ["analyze", str(messy_folder / "good.txt"), str(tmp_path / "nope.txt")]
    proc = console_script(*args)
    out, err = proc.communicate(timeout=120)
    in_process = run(*args)
    assert (proc.returncode, out, err) == (in_process.exit_code, in_process.stdout, in_process.stderr)
    assert proc.returncode == 0 and out.startswith("# Story brief: Harbour cranes stand idle")
    assert err.splitlines() == [
        "newsprism: skipped 1 input(s):",
        f"  {tmp_path / 'nope.txt'}: no such file or directory",
    ]
    proc = console_script("--bogus")
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (1, run("--bogus").stderr)


def test_no_arguments_prints_the_help_on_standard_error_and_exits_1() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 1
    assert "analyze" in result.stderr and "ingest" in result.stderr and "Usage" in result.stderr
    assert result.stdout == ""


def test_help_exits_0() -> None:
    result = runner.invoke(app, ["analyze", "--help"])
    assert result.exit_code == 0 and "--output" in result.stdout


def test_version_prints_the_package_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"newsprism {version('newsprism')}\n"


def many_articles(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:04d}.txt").write_text(
            f"Harbour strike, day {i}\n\nDockworkers at the port of Alvena stayed out for day {i}, "
            f'leaving {i + 3} ships offshore.\n\n"We stay out until the contract is signed," '
            f"said Mira Kovac on day {i}.\n",
            encoding="utf-8",
        )
    return folder


def stored_ids(db: Path) -> tuple[set[str], set[str]]:
    """Ids of the stored articles and of the stored analyses (empty before the schema exists)."""
    if not db.exists():
        return set(), set()
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            articles = {r[0] for r in conn.execute("SELECT id FROM articles")}
            analyses = {r[0] for r in conn.execute("SELECT article_id FROM analyses")}
    except sqlite3.Error:
        return set(), set()
    return articles, analyses


@pytest.mark.parametrize(
    ("sig", "status", "workers"),
    [(signal.SIGINT, 130, "1"), (signal.SIGTERM, 143, "1"), (signal.SIGINT, 130, "2")],
)
def test_an_interrupted_ingest_keeps_finished_batches_and_exits_128_plus_the_signal(
    tmp_path: Path, sig: signal.Signals, status: int, workers: str
) -> None:
    # Four ingest batches: the signal comes within ~50 ms of the first commit, while three batches
    # are left to analyse. A larger folder only made every run slower (reading and cleaning all
    # inputs comes before the first batch).
    total = 4 * INGEST_BATCH
    folder = many_articles(tmp_path / "in", total)
    db = tmp_path / "n.db"
    proc = console_script(
        "ingest",
        str(folder),
        "--db",
        f"sqlite:///{db}",
        "--quiet",
        "--workers",
        workers,
        env={"NEWSPRISM_BATCH_SIZE": "8"},
    )
    deadline = time.monotonic() + 240
    while not stored_ids(db)[0] and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be interrupted"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == status
    assert err.splitlines() == ["newsprism: interrupted"]
    articles, analyses = stored_ids(db)
    assert articles == analyses
    assert 0 < len(articles) < total and len(articles) % INGEST_BATCH == 0


def test_outputs_are_checked_before_any_input_is_read(tmp_path: Path) -> None:
    a_file = tmp_path / "file.txt"
    a_file.write_text("not a folder")
    missing_input = str(tmp_path / "nope.txt")  # would be exit status 2 if it were read first
    for out, says in [
        (f"{a_file}/out/", "cannot create"),  # a folder output (the stories of a mixed run)
        (a_file / "story.json", "cannot create"),
        (tmp_path / "s.pdf", "cannot tell the format"),
    ]:
        result = runner.invoke(app, ["analyze", missing_input, "-o", str(out)])
        assert result.exit_code == 1, result.stderr
        (line,) = result.stderr.splitlines()
        assert line.startswith("newsprism: ") and says in line and str(out) in line


@pytest.fixture()
def sealed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder the user may not enter, as ``chmod 000`` makes it for anyone but root (the tests
    run as root, whom no mode stops): ``stat`` of anything inside fails with EACCES and the
    folder is neither writable nor searchable."""
    folder = tmp_path / "sealed"
    folder.mkdir()
    real_stat, real_access = os.stat, os.access

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if Path(os.fspath(path)).is_relative_to(folder) and Path(os.fspath(path)) != folder:
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_stat(path, *args, **kwargs)

    def access(path: Any, mode: int, *args: Any, **kwargs: Any) -> bool:
        return (
            False
            if Path(os.fspath(path)).is_relative_to(folder)
            else real_access(path, mode, *args, **kwargs)
        )

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "access", access)
    return folder


def test_an_output_or_database_in_a_folder_that_cannot_be_entered_is_a_one_line_error(
    tmp_path: Path, sealed: Path
) -> None:
    """Python 3.11's ``Path.exists`` raises PermissionError there: ``analyze -o``, ``show -o``,
    ``export -o``, ``stories`` and ``serve`` on such a path ended as internal errors (status 70)."""
    missing_input = str(tmp_path / "nope.txt")  # status 2 if it were read before -o is checked
    for out in [f"{sealed}/story.json", f"{sealed}/sub/out/", f"{sealed}/quotes.csv"]:
        result = runner.invoke(app, ["analyze", missing_input, "-o", out])
        assert result.exit_code == 1, result.stderr
        assert result.stderr == f"newsprism: cannot write {out}: {sealed} is not writable\n"
    db = sealed / "news.db"
    for command in (["stories"], ["articles"], ["search", "dam"], ["serve"]):
        result = runner.invoke(app, [*command, "--db", f"sqlite:///{db}"])
        assert result.exit_code == 1, result.stderr
        assert result.stderr == f"newsprism: cannot open database {db}: Permission denied\n"


def test_articles_on_a_missing_database_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "nope.db"
    result = runner.invoke(app, ["articles", "--db", f"sqlite:///{db}"])
    assert result.exit_code == 1
    assert result.stderr == f"newsprism: no database at {db} (newsprism ingest creates one)\n"
    assert not db.exists()


DATELINED = """Port strike ends after talks

ALVENA, May 14, 2024 — Dockworkers returned to the quay on Tuesday after the union signed the contract.

"The ships will be unloaded by Friday," said Mira Kovac.
"""


def test_ingest_stores_the_publication_dates_analyze_reports(tmp_path: Path, messy_folder: Path) -> None:
    (messy_folder / "dated.txt").write_text(DATELINED, encoding="utf-8")
    story_file, db = tmp_path / "s.json", f"sqlite:///{tmp_path / 'n.db'}"
    assert run("analyze", str(messy_folder), "-o", str(story_file), "--quiet").exit_code == 0
    reported = {a["id"]: a["published"]["value"] for a in json.loads(story_file.read_text())["articles"]}
    assert any(reported.values()), "the fixture should have an inferred date"
    assert run("ingest", str(messy_folder), "--db", db, "--quiet").exit_code == 0
    listed = run("articles", "--db", db, "--json")
    assert {row["id"]: row["published"] for row in map(json.loads, listed.stdout.splitlines())} == reported
