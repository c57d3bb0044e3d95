"""Each table export reads back, in every table format, as the rows it was built from: the same
columns (the declared schema), the same values, and every span's text is its article's text
between ``start`` and ``end``."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsprism.errors import ConfigError
from newsprism.export import TABLES, ExportFormat, What, check, export, what_for
from newsprism.export.network import actor_network
from newsprism.export.rows import article_rows, claim_rows, entity_rows, quote_rows, story_rows
from newsprism.export.writers import LIST_SEPARATOR, arrow_schema, columns, unguard
from newsprism.records import cross_story_id
from tests.export_story import TEXT_A, TEXT_B, exported

TEXTS = {"art-a": TEXT_A, "art-b": TEXT_B}


def read_csv(path: Path, row_type: type) -> list[dict[str, Any]]:
    """A CSV export as typed dicts: the inverse of the CSV cell rules (guard, lists, empty)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        raw = list(csv.DictReader(handle))
    kinds = {c.name: c for c in columns(row_type)}
    out = []
    for row in raw:
        typed: dict[str, Any] = {}
        for name, cell in row.items():
            col = kinds[name]
            if cell == "" and col.nullable:
                typed[name] = None
            elif col.kind == "int":
                typed[name] = int(cell)
            elif col.kind == "float":
                typed[name] = float(cell)
            elif col.kind == "bool":
                typed[name] = cell == "true"
            elif col.kind == "strings":
                text = unguard(cell)
                typed[name] = text.split(LIST_SEPARATOR) if text else []
            else:
                typed[name] = unguard(cell)
        out.append(typed)
    return out


def read_back(path: Path, fmt: str, row_type: type) -> list[dict[str, Any]]:
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if fmt == "csv":
        return read_csv(path, row_type)
    table = pq.read_table(path)
    assert table.schema.equals(arrow_schema(row_type)), table.schema
    return list(table.to_pylist())


def as_dicts(rows: list[Any], row_type: type) -> list[dict[str, Any]]:
    return [
        {
            c.name: list(getattr(r, c.name)) if c.kind == "strings" else getattr(r, c.name)
            for c in columns(row_type)
        }
        for r in rows
    ]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
@pytest.mark.parametrize("what", ["articles", "quotes", "entities", "claims", "stories"])
def test_every_table_reads_back_as_its_rows(tmp_path: Path, what: What, fmt: ExportFormat) -> None:
    stories = exported()
    row_type, build = TABLES[what]
    expected = as_dicts(list(build(stories)), row_type)
    path = tmp_path / f"{what}.{fmt}"
    written = export(stories, what, fmt, path)
    back = read_back(path, fmt, row_type)
    assert written == len(expected) > 0
    assert back == expected
    assert list(back[0]) == [c.name for c in columns(row_type)]


def test_span_columns_give_back_the_text_they_cite() -> None:
    stories = exported()
    spans = [*quote_rows(stories), *entity_rows(stories), *claim_rows(stories)]
    assert len(spans) == 2 + 9 + 2
    for row in spans:
        assert TEXTS[row.article_id][row.start : row.end] == row.text
    said = next(r for r in quote_rows(stories) if r.quote_id == "q-said")
    assert (said.speaker_id, said.speaker, said.group_id) == (
        cross_story_id("Mira Kovac"),
        "Mira Kovac",
        "g-1",
    )
    assert TEXT_A[said.speaker_start : said.speaker_end] == "Kovac"  # type: ignore[misc]
    assert TEXT_A[said.cue_start : said.cue_end] == "said"  # type: ignore[misc]
    nobody = next(r for r in quote_rows(stories) if r.quote_id == "q-nobody")
    assert (nobody.speaker_id, nobody.speaker, nobody.unresolved) == (None, None, "no speaker found")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_a_speaker_named_but_linked_to_no_entity_keeps_its_name_in_every_format(
    tmp_path: Path, fmt: ExportFormat
) -> None:
    """story.json gives such a quote a ``speaker_name`` and no ``speaker``; the export used to
    give it an empty ``speaker`` and nothing else, so "who said it" was lost."""
    (item,) = exported()
    pair = "Mira Kovac and Jon Berg"
    analyses = tuple(
        replace(
            an,
            quotes=tuple(
                replace(q, speaker_text=pair, speaker_name=pair, unresolved=None) for q in an.quotes
            ),
        )
        if an.article == "art-b"
        else an
        for an in item.story.analyses
    )
    stories = [replace(item, story=replace(item.story, analyses=analyses))]
    path = tmp_path / f"quotes.{fmt}"
    export(stories, "quotes", fmt, path)
    back = {r["quote_id"]: r for r in read_back(path, fmt, TABLES["quotes"][0])}
    assert (back["q-nobody"]["speaker_id"], back["q-nobody"]["speaker"]) == (None, None)
    assert back["q-nobody"]["speaker_name"] == pair
    linked = back["q-said"]
    assert (linked["speaker"], linked["speaker_name"], linked["speaker_text"]) == (
        "Mira Kovac",
        "Kovac",
        "Kovac",
    )
    names = [c.name for c in columns(TABLES["quotes"][0])]
    assert names.index("speaker_name") == names.index("speaker") + 1, "beside the id and canonical name"


def test_entities_quotes_and_the_network_name_an_actor_by_one_cross_story_id() -> None:
    stories = exported()
    entity_ids = {r.name: r.entity_id for r in entity_rows(stories)}
    assert entity_ids == {
        n: cross_story_id(n) for n in ("Mira Kovac", "Jon Berg", "Port Authority", "Alvena")
    }
    speakers = {r.speaker_id for r in quote_rows(stories) if r.speaker_id}
    assert speakers == {entity_ids["Mira Kovac"]}, "a speaker joins the entities table"
    graph = actor_network([s.story for s in stories])
    assert set(graph.nodes) == {entity_ids[n] for n in ("Mira Kovac", "Jon Berg", "Port Authority")}


def test_articles_carry_the_story_and_loose_ones_none() -> None:
    stories = exported()
    loose = stories[0].story.articles[1]
    rows = list(article_rows(stories, [loose]))
    assert [(r.story_id, r.article_id) for r in rows] == [("s-1", "art-a"), ("s-1", "art-b"), (None, "art-b")]
    assert (rows[0].published, rows[0].quality_score, rows[1].spun) == ("2025-06-02", 0.9, True)
    assert (rows[2].quality_score, rows[2].spun, rows[2].published_how) == (None, None, "unknown")


def test_story_row_counts_what_the_analysis_found() -> None:
    (row,) = story_rows(exported())
    assert (row.quotes, row.entities, row.claims, row.outlets) == (2, 4, 1, ("Ledger",))
    assert row.summary == "Mira Kovac met the Port Authority on Monday."


def test_parquet_schema_is_declared_with_nullability(tmp_path: Path) -> None:
    schema = arrow_schema(TABLES["quotes"][0])
    assert schema.field("start").type == pa.int64() and not schema.field("start").nullable
    assert schema.field("speaker_start").nullable and schema.field("speaker_id").nullable
    assert not schema.field("text").nullable
    entities = arrow_schema(TABLES["entities"][0])
    assert entities.field("aliases").type == pa.list_(pa.field("item", pa.string(), nullable=False))
    path = tmp_path / "empty.parquet"
    assert export([], "quotes", "parquet", path) == 0
    assert pq.read_table(path).schema.equals(schema), "an empty export keeps its schema"


def test_csv_is_for_spreadsheets_and_guards_formulas(tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    export(exported(), "articles", "csv", path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfstory_id,article_id,")  # UTF-8 with a BOM for Excel
    assert b"\r\n" in data and b"Mira Kovac met the Port Authority on Monday.\n\nKovac" in data
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines(keepends=True)))
    titles = [r[2] for r in rows[1:]]
    assert titles == ["Port talks stall", "'=Port talks again"]
    cells = [cell for r in rows[1:] for cell in r]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_guard_is_undone_exactly() -> None:
    from newsprism.export.writers import guard

    for text in ["=1+1", "+1", "-5 percent", "@cmd", "\tx", "'quoted'", "plain", ""]:
        assert unguard(guard(text)) == text
    assert guard("'quoted'") == "''quoted'"


def test_a_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "quotes.jsonl"
    path.write_text("old\n", encoding="utf-8")

    def broken(*_: object, **__: object) -> str:
        raise OSError("disk full")

    monkeypatch.setattr("newsprism.export.writers.json.dumps", broken)
    with pytest.raises(OSError, match="disk full"):
        export(exported(), "quotes", "jsonl", path)
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["quotes.jsonl"], "no temporary file left behind"


@pytest.mark.parametrize(
    ("what", "fmt", "message"),
    [
        ("articles", "graphml", "graphml holds the actor network, not articles"),
        ("network", "csv", "the network exports as graphml only"),
        ("people", "csv", "unknown export 'people'"),
        ("quotes", "xlsx", "unknown export format 'xlsx'"),
    ],
)
def test_impossible_pairs_are_one_line_errors(what: str, fmt: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        check(what, fmt)
    assert "\n" not in str(caught.value)


def test_without_what_graphml_is_the_network_and_tables_the_quotes() -> None:
    assert what_for("graphml", None) == "network"
    assert what_for("csv", None) == "quotes"
    assert what_for("parquet", "claims") == "claims"
