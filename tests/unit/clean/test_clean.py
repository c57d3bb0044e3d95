"""Specification of ``to_article``: normalisation, record fields, and boilerplate on fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.clean import normalise_lines, split_lines, to_article
from newsprism.records import Article, Published, RawDocument

DATA = Path(__file__).resolve().parents[2] / "data" / "clean"
FIXTURES = sorted(p.stem for p in DATA.glob("*.txt"))


def raw(text: str, **kw: object) -> RawDocument:
    return RawDocument("mem://x", text=text, fmt="text", **kw)  # type: ignore[arg-type]


def read_fixture(name: str) -> tuple[RawDocument, dict[str, list[str]]]:
    """A fixture as the plain-text reader sees it: headline line, then the body."""
    lines = (DATA / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    expected = json.loads((DATA / f"{name}.expected.json").read_text(encoding="utf-8"))
    return raw("\n".join(lines[1:]), title=lines[0]), expected


def test_crlf_trailing_spaces_and_blank_runs_are_normalised() -> None:
    article = to_article(raw("\r\n\r\nFirst paragraph.   \r\n\r\n\r\n\r\nSecond paragraph.\t\r\n\r\n"))
    assert article.text == "First paragraph.\n\nSecond paragraph."


def test_characters_inside_lines_are_kept_exactly() -> None:
    line = "He called it a \u201cno\u00a0limits\u201d partnership \u2013 again."
    assert to_article(raw(line)).text == line


def test_nbsp_only_line_counts_as_blank() -> None:
    assert normalise_lines(["One.", "\u00a0", "", "Two."]) == "One.\n\nTwo."


def test_split_lines_reads_all_newline_conventions() -> None:
    assert split_lines("a\r\nb\rc\nd") == ["a", "b", "c", "d"]


def test_article_fields_come_from_the_raw_document() -> None:
    doc = raw("Body text here.", title="T", outlet="Gazette", url="https://x/1", published="2024-03-01")
    article = to_article(doc)
    assert article.id == Article.make_id("T", article.text, "Gazette")
    assert (article.title, article.outlet, article.url) == ("T", "Gazette", "https://x/1")
    assert article.published == Published("2024-03-01", "metadata")


def test_missing_date_is_unknown() -> None:
    assert to_article(raw("Body.")).published == Published()


def test_given_language_wins_and_missing_language_is_guessed() -> None:
    assert to_article(raw("Body.", language="de")).language == "de"
    french = "Le président a dit que la réunion avec les dirigeants était très importante pour le pays."
    assert to_article(raw(french)).language == "fr"
    assert to_article(raw("Short.")).language == "en"


def test_needs_cleaning_false_keeps_every_line() -> None:
    text = "Share this article\n\nBody sentence one.\n\nLeave a Comment"
    article = to_article(raw(text, needs_cleaning=False))
    assert article.removed == ()
    assert article.text == text


def test_removed_lines_carry_their_one_based_line_number_and_reason() -> None:
    article = to_article(raw("Share:\n\nThe council met on Monday to vote.\n\nLeave a Comment"))
    assert [(r.line, r.reason, r.lineno) for r in article.removed] == [
        ("Share:", "share widget", 1),
        ("Leave a Comment", "comment prompt", 5),
    ]
    assert article.text == "The council met on Monday to vote."


def test_same_input_gives_same_id_and_cleaning_changes_it() -> None:
    text = "Tweet\n\nThe council met on Monday."
    assert to_article(raw(text)).id == to_article(raw(text)).id
    assert to_article(raw(text)).id != to_article(raw(text, needs_cleaning=False)).id


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_boilerplate_is_removed_exactly(name: str) -> None:
    doc, expected = read_fixture(name)
    article = to_article(doc)
    assert [r.line for r in article.removed] == expected["boilerplate"]


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_subheadings_and_body_survive(name: str) -> None:
    doc, expected = read_fixture(name)
    article = to_article(doc)
    kept = set(article.text.split("\n"))
    assert set(expected["subheadings"]) <= kept
    body = {line.rstrip() for line in doc.text.split("\n") if line.strip()} - set(expected["boilerplate"])
    assert body <= kept


def test_every_clean_line_is_an_original_line() -> None:
    for name in FIXTURES:
        doc, _ = read_fixture(name)
        originals = {line.rstrip() for line in doc.text.split("\n")}
        assert set(to_article(doc).text.split("\n")) <= originals | {""}


def test_the_article_language_is_read_off_its_text_before_the_page_declaration() -> None:
    german = "Der Bürgermeister hat am Montag gesagt, dass die Bibliothek im nächsten Jahr neu gebaut wird."
    raw = RawDocument(
        "de.html", text=german, fmt="html", title="Bibliothek", language="en", needs_cleaning=False
    )
    assert to_article(raw).language == "de"
    english = RawDocument("en.html", text="The mayor said on Monday that the library will be rebuilt.", fmt="html",
                          title="Library", language="de", needs_cleaning=False)  # fmt: skip
    assert to_article(english).language == "en"


def test_a_pictures_labelled_credit_and_caption_lines_go_so_the_lede_stands_alone() -> None:
    """A caption has no end punctuation: kept, it would run into the lede on the next line as
    one sentence, and the summary would drop both as a caption."""
    lede = "The council of Kilbride voted on Tuesday to rebuild the town's sea wall after the storms."
    text = f"Image copyright Harbour Press\nImage caption The old sea wall cracked in two places\n{lede}"
    article = to_article(raw(text, title="Kilbride to rebuild its sea wall"))
    assert article.text == lede
    assert [r.reason for r in article.removed] == ["image credit", "image caption"]
