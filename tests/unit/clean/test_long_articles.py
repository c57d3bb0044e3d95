"""One over-long article is cut to max_chars at a paragraph boundary and flagged, never fatal."""

from __future__ import annotations

import json
from pathlib import Path

from newsprism.clean import to_article
from newsprism.config import Settings
from newsprism.pipeline import read_corpus
from newsprism.records import RawDocument
from newsprism.report.story_json import _article

PARAGRAPH = "The council met on Monday. It voted on the budget, the mayor said."


def _body(paragraphs: int) -> str:
    return "\n\n".join(f"{i}. {PARAGRAPH}" for i in range(paragraphs))


def test_an_over_long_article_is_cut_at_the_last_blank_line_within_max_chars_and_flagged() -> None:
    body = _body(100)
    article = to_article(RawDocument("long.txt", body, "text", title="Budget"), max_chars=1_000)
    assert len(article.text) <= 1_000
    assert body.startswith(article.text) and body[len(article.text) : len(article.text) + 2] == "\n\n"
    assert article.cut_from == len(body)
    assert article.notes == (
        f"cut from {len(body):,} to {len(article.text):,} characters at a paragraph boundary (max_chars 1,000)",
    )
    data = _article(article, None)
    assert (data["cut_from"], data["notes"]) == (len(body), list(article.notes))


def test_an_article_within_max_chars_is_kept_whole_and_not_flagged() -> None:
    body = _body(10)
    article = to_article(RawDocument("a.txt", body, "text", title="Budget"), max_chars=1_000)
    assert (article.text, article.cut_from, article.notes) == (body, None, ())


def test_a_5_mb_jsonl_line_is_cut_and_the_other_lines_are_kept(tmp_path: Path) -> None:
    big = _body(80_000)  # about 5.4 MB of text on one JSONL line
    assert len(big) > 5_100_000
    lines = [
        {"title": "Short one", "text": _body(3)},
        {"title": "Huge one", "text": big},
        {"title": "Short two", "text": _body(4)},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(obj) for obj in lines), encoding="utf-8")
    corpus = read_corpus([str(path)], Settings(max_chars=20_000))  # a low cap keeps the test fast
    assert [a.title for a in corpus.articles] == ["Short one", "Huge one", "Short two"]
    huge = corpus.articles[1]
    assert huge.cut_from == len(big)
    assert 19_000 < len(huge.text) <= 20_000
    assert corpus.skipped == ()


def test_a_file_of_a_million_short_lines_is_one_article_cut_to_max_chars(tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("Headline\n" + "\n".join(f"Line {i}." for i in range(1_000_000)), encoding="utf-8")
    corpus = read_corpus([str(path)], Settings(max_chars=20_000))
    assert corpus.skipped == ()
    (article,) = corpus.articles
    assert 19_000 < len(article.text) <= 20_000 and article.text.startswith("Line 0.\nLine 1.\n")
    assert article.cut_from is not None and article.cut_from > 9_000_000
