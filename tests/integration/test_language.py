"""Articles in another language than ``--language``: listed with a reason, never analysed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsprism.cli import app, main
from newsprism.config import Settings
from newsprism.pipeline import read_corpus

pytestmark = pytest.mark.model

ENGLISH = """Harbour cranes stand idle as dockworkers strike

Dockworkers at the port of Alvena walked out on Monday, leaving 14 ships waiting offshore.

The harbour authority said that 2,300 containers were stuck on the quay and would stay there.
"""
FRENCH = """Les grues du port restent immobiles

Les dockers du port d'Alvena ont cessé le travail lundi, et quatorze navires attendent au large.

L'autorité portuaire a dit que les conteneurs resteraient sur le quai pendant toute la grève.
"""
GERMAN = """Hafenkräne stehen still

Die Hafenarbeiter in Alvena haben am Montag die Arbeit niedergelegt, und vierzehn Schiffe warten.

Die Hafenbehörde sagte, dass die Container auf dem Kai bleiben, bis der Streik vorbei ist.
"""
SPANISH = """Las grúas del puerto están paradas

Los estibadores del puerto de Alvena dejaron de trabajar el lunes y catorce barcos esperan fuera.

La autoridad portuaria dijo que los contenedores se quedarán en el muelle durante la huelga.
"""


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name, text in {"en.txt": ENGLISH, "fr.txt": FRENCH, "de.txt": GERMAN, "es.txt": SPANISH}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_other_languages_are_set_aside_with_a_reason_and_english_kept(mixed: Path) -> None:
    corpus = read_corpus([str(mixed)], Settings())
    assert [Path(a.source).name for a in corpus.articles] == ["en.txt"]
    assert sorted(a.language for a in corpus.other_language) == ["de", "es", "fr"]
    reasons = {Path(s.source).name: s.reason for s in corpus.skipped}
    assert reasons["fr.txt"] == "in French (fr), not analysed: --language en"
    assert reasons["de.txt"] == "in German (de), not analysed: --language en"


def test_analyze_reports_each_other_language_article_and_leaves_it_out_of_the_story(
    mixed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "story.json"
    result = CliRunner().invoke(app, ["analyze", str(mixed), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "es.txt: in Spanish (es), not analysed: --language en" in result.output
    story = json.loads(out.read_text(encoding="utf-8"))
    assert [a["language"] for a in story["articles"]] == ["en"]
    assert len([s for s in story["skipped"] if "not analysed" in s["reason"]]) == 3


def test_ingest_stores_and_lists_other_language_articles_without_analyzing_them(
    mixed: Path, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'news.db'}"
    result = CliRunner().invoke(app, ["ingest", str(mixed), "--db", db])
    assert result.exit_code == 0, result.output
    assert "fr.txt: in French (fr), not analysed: --language en" in result.output
    listed = CliRunner().invoke(app, ["articles", "--db", db, "--json"])
    titles = {json.loads(line)["title"] for line in listed.output.splitlines()}
    assert "Les grues du port restent immobiles" in titles
    assert "Harbour cranes stand idle as dockworkers strike" in titles
    from newsprism.store import open_store

    with open_store(db) as store:
        analyzed = {a.language: store.analysis(a.id) is not None for a in store.articles()}
    assert analyzed == {"en": True, "fr": False, "de": False, "es": False}


def test_a_language_the_pipeline_does_not_cover_is_a_one_line_error(
    mixed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["analyze", str(mixed / "fr.txt"), "--language", "fr"])
    assert exited.value.code == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("newsprism: --language fr: the pipeline") and err.endswith("covers en only")
    assert "\n" not in err


def test_ingest_with_a_wrong_language_stores_nothing(mixed: Path, tmp_path: Path) -> None:
    """The language check comes first: else the run's English articles would be stored as
    "other language", unanalysed."""
    db = f"sqlite:///{tmp_path / 'news.db'}"
    result = CliRunner().invoke(app, ["ingest", str(mixed), "--db", db, "--language", "fr"])
    assert result.exit_code == 1
    from newsprism.store import open_store

    with open_store(db) as store:
        assert store.count() == 0


def test_an_article_stored_without_analysis_is_analyzed_by_a_later_ingest(
    mixed: Path, tmp_path: Path
) -> None:
    from newsprism.store import open_store

    db = f"sqlite:///{tmp_path / 'news.db'}"
    english = read_corpus([str(mixed / "en.txt")], Settings()).articles[0]
    with open_store(db) as store:
        store.add([(english, None)])
    result = CliRunner().invoke(app, ["ingest", str(mixed / "en.txt"), "--db", db])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        assert store.analysis(english.id) is not None
