"""``newsprism analyze`` on mixed input: one story per cluster, each told only from its own articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.config import Settings
from newsprism.pipeline import analyze_corpus, analyze_corpus_stories, read_corpus
from newsprism.report import render_all
from newsprism.report.story_json import validate_story

pytestmark = pytest.mark.model

runner = CliRunner()

#: Three unrelated events, two articles each (file name -> text); the folder is read in name order.
EVENTS: dict[str, dict[str, str]] = {
    "chess": {
        "chess1.txt": "Teenager wins Korvath chess championship – Board Weekly\n\n"
        "Sixteen-year-old Lena Ostrova won the Korvath chess championship on Friday, beating the "
        "defending champion in the final round.\n\n"
        '"I played the endgame better than ever," Ostrova said after the tournament.\n',
        "chess2.txt": "Ostrova crowned youngest Korvath chess champion – The Gambit\n\n"
        "Lena Ostrova became the youngest winner of the Korvath chess championship after a tense "
        "final round on Friday.\n\nTournament officials said the endgame lasted more than five hours.\n",
    },
    "fire": {
        "fire1.txt": "Wildfire forces evacuation of Pinecrest villages – Mountain Herald\n\n"
        "A wildfire in the hills above Pinecrest forced 600 residents to leave their homes on "
        "Saturday, fire chief Tomas Brenner said.\n\n"
        "Strong winds pushed the flames across 1,200 hectares of pine forest overnight.\n",
        "fire2.txt": "Pinecrest wildfire spreads as winds strengthen – Valley Times\n\n"
        "Firefighters battled a wildfire near Pinecrest for a second day on Sunday as strong winds "
        "drove the flames through the pine forest.\n\n"
        "Fire chief Tomas Brenner said more residents might have to evacuate their homes.\n",
    },
    "port": {
        "port1.txt": "Harbour cranes stand idle as dockworkers strike – The Port Ledger\n\n"
        "Dockworkers at the port of Alvena walked out on Monday, leaving 14 ships waiting offshore.\n\n"
        '"We will stay out until the contract is signed," said Mira Kovac, who leads the '
        "dockworkers' union.\n\nThe harbour authority said 2,300 containers were stuck on the quay.\n",
        "port2.txt": "Alvena port strike enters second day – Coastal Courier\n\n"
        "The dockworkers' strike at the port of Alvena entered its second day on Tuesday, union "
        "leader Mira Kovac said.\n\nShipping companies said they would divert ships waiting "
        "offshore to other ports while the harbour stays shut.\n",
    },
}


def _folder(root: Path, events: list[str]) -> Path:
    folder = root / "in"
    folder.mkdir()
    for event in events:
        for name, text in EVENTS[event].items():
            (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    return _folder(tmp_path, ["chess", "fire", "port"])


def _cited_articles(data: Any) -> set[str]:
    """Every article id a story.json part names (``article``, ``original``, ``copy`` keys, at any depth)."""
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key in {"article", "original", "copy"} and isinstance(value, str):
                found.add(value)
            else:
                found |= _cited_articles(value)
    elif isinstance(data, list):
        for item in data:
            found |= _cited_articles(item)
    return found


def test_a_folder_output_gets_an_index_and_each_storys_files_told_from_its_own_articles(
    mixed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(mixed), "-o", f"{out}/"])
    assert result.exit_code == 0, result.stderr
    assert f"wrote {out}/index.html and the files of 3 stories (" in result.stderr
    names = {
        f"{kind}-{n}.{ext}"
        for n in (1, 2, 3)
        for kind, ext in (("story", "json"), ("brief", "md"), ("brief", "html"))
    }
    assert {p.name for p in out.iterdir()} == names | {"index.html"}
    seen_sources: list[set[str]] = []
    for n in (1, 2, 3):
        story = json.loads((out / f"story-{n}.json").read_text())
        validate_story(story)
        ids = {a["id"] for a in story["articles"]}
        seen_sources.append({Path(a["source"]).name for a in story["articles"]})
        for part in ("summary", "claims", "conflicts", "timeline", "notes", "origins", "quote_groups"):
            assert _cited_articles(story[part]) <= ids, (n, part)
        clustering = story["clustering"]
        assert [a["article"] for a in clustering["assignments"]] == [a["id"] for a in story["articles"]]
        assert sum(a["new_story"] for a in clustering["assignments"]) == 1
        joined = [a for a in clustering["assignments"] if not a["new_story"]]
        assert all(a["similarity"] > 0 and (a["shared_terms"] or a["shared_entities"]) for a in joined)
        brief = (out / f"brief-{n}.md").read_text()
        others = {name for event in EVENTS.values() for name in event} - seen_sources[-1]
        for other in others:
            title = next(t for e in EVENTS.values() for name, t in e.items() if name == other).split(" – ")[0]
            assert title not in brief
    assert seen_sources == [set(EVENTS[e]) for e in ("chess", "fire", "port")]  # first article's input order
    index = (out / "index.html").read_text()
    assert "<link" not in index and "src=" not in index  # self-contained
    for n in (1, 2, 3):
        assert f'href="brief-{n}.html"' in index and f'href="story-{n}.json"' in index
    assert "Teenager wins Korvath chess championship" in index and "Board Weekly" in index
    assert "2 articles from 2 outlets" in index
    assert "joined with similarity" in index
    # the overview lists every story linked to its section, never as the briefs' pinned bar,
    # which a run of many stories wrapped over the whole screen
    assert 'class="toc"' not in index
    for n in (1, 2, 3):
        assert f'<a href="#story-{n}">' in index and f'id="story-{n}"' in index


def test_with_several_stories_the_skipped_inputs_are_the_runs_listed_on_the_index_not_each_storys(
    mixed: Path, tmp_path: Path
) -> None:
    (mixed / "empty.txt").write_text("   \n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(mixed), "-q", "-o", f"{out}/"])
    assert result.exit_code == 0, result.stderr
    index = (out / "index.html").read_text()
    assert "1 input skipped" in index and "empty.txt" in index
    for n in (1, 2, 3):
        assert json.loads((out / f"story-{n}.json").read_text())["skipped"] == []
        assert "skipped" not in (out / f"brief-{n}.md").read_text()


def test_a_file_output_on_several_stories_is_a_one_line_error_and_writes_nothing(
    mixed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "new" / "story.json"
    result = runner.invoke(app, ["analyze", str(mixed), "-q", "-o", str(out)])
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("newsprism: the inputs form 3 stories") and "folder" in line
    assert not (tmp_path / "new").exists()


def test_standard_output_prints_every_storys_brief_under_a_header_naming_it(mixed: Path) -> None:
    result = runner.invoke(app, ["analyze", str(mixed), "-q"])
    assert result.exit_code == 0, result.stderr
    headers = [line for line in result.stdout.splitlines() if line.startswith("==> story ")]
    assert [h[: len("==> story 1 of 3: s-")] for h in headers] == [
        f"==> story {n} of 3: s-" for n in (1, 2, 3)
    ]
    assert all(", 2 articles: " in h and h.endswith(" <==") for h in headers)
    assert headers[0].startswith("==> story 1 of 3: s-") and "Korvath" in headers[0]
    assert result.stdout.count("# Story brief: ") == 3


def test_one_story_keeps_the_bytes_of_the_run_that_takes_all_inputs_as_one_story(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ["port"])
    settings = Settings()
    corpus = read_corpus(folder, settings)
    assert len(analyze_corpus_stories(corpus, settings)) == 1, "the fixture is one story"
    old = render_all(analyze_corpus(corpus, settings), ["json", "markdown", "html"])
    outs = [tmp_path / "s.json", tmp_path / "b.md", tmp_path / "b.html"]
    result = runner.invoke(app, ["analyze", str(folder), "-q", *(a for o in outs for a in ("-o", str(o)))])
    assert result.exit_code == 0, result.stderr
    assert [o.read_text() for o in outs] == [old["json"], old["markdown"], old["html"]]
    assert "clustering" not in json.loads(old["json"])
    stdout = runner.invoke(app, ["analyze", str(folder), "-q"])
    assert stdout.stdout == old["markdown"]


def test_markup_in_a_title_shows_as_text_on_the_index(mixed: Path, tmp_path: Path) -> None:
    hostile = mixed / "chess1.txt"
    hostile.write_text(
        hostile.read_text().replace("Teenager wins", '<img src=x onerror="alert(1)"> Teenager wins')
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(mixed), "-q", "-o", f"{out}/"])
    assert result.exit_code == 0, result.stderr
    index = (out / "index.html").read_text()
    assert "<img" not in index
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Teenager wins" in index


def test_untitled_articles_are_named_by_their_first_words_and_people_by_name_on_the_index(
    tmp_path: Path,
) -> None:
    """A JSONL of bodies without titles is normal input: each story is listed by its first
    article's opening words, and a shared person reads as a name, not as a clustering key."""
    bodies = [
        "Sixteen-year-old Lena Ostrova won the Korvath chess championship on Friday, beating the "
        "defending champion Ivo Marek in the final round of the tournament in Korvath.",
        "Lena Ostrova became the youngest winner of the Korvath chess championship on Friday after "
        "beating Ivo Marek in a tense final round.",
        "A wildfire in the hills above Pinecrest forced 600 residents to leave their homes on Saturday, "
        "fire chief Tomas Brenner said.",
    ]
    path = tmp_path / "in" / "bodies.jsonl"
    path.parent.mkdir()
    path.write_text("".join(json.dumps({"title": "", "text": b}) + "\n" for b in bodies), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(path), "-q", "-o", f"{out}/"])
    assert result.exit_code == 0, result.stderr
    index = " ".join((out / "index.html").read_text().split())
    assert (
        "1. Sixteen-year-old Lena Ostrova won the Korvath chess championship on Friday, beating the …"
        in index
    )
    assert "2. A wildfire in the hills above Pinecrest forced 600 residents" in index
    assert "p:ostrova" not in index and "ostrova" in index
