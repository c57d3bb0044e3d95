"""The timex/tbaq gate helpers: TimeML parsing with offsets, value canonicalisation, gold spans."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from quality.gates.product import article_of
from quality.gates.story import Doc
from quality.gates.tbaq import _score, _typed, canonical, parse_tml, reported_by_document
from quality.gates.timex import gold_spans, within_2_days

TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-03-09" functionInDocument="CREATION_TIME">March 9, 2001</TIMEX3></DCT>
<TEXT>
Storms &amp; floods hit <TIMEX3 tid="t1" type="DATE" value="2001-03-08">Thursday</TIMEX3>, <EVENT eid="e1">officials</EVENT> said, for <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_parse_tml_keeps_offsets_after_stripping_tags_and_entities(tmp_path: Path) -> None:
    path = tmp_path / "x.tml"
    path.write_text(TML, encoding="utf-8")
    doc = parse_tml(path)
    assert doc.dct == date(2001, 3, 9)
    assert [(doc.text[s:e], v) for s, e, v in doc.gold] == [("Thursday", "2001-03-08"), ("three days", "P3D")]
    assert "Storms & floods" in doc.text


def test_week_values_compare_padded() -> None:
    assert canonical("2000-W7") == canonical("2000-W07") == "2000-W07"
    assert canonical("2000-W17") == "2000-W17"


def test_score_counts_strict_relaxed_and_values() -> None:
    gold = [(0, 8, "2001-03-08"), (20, 30, "P3D")]
    system = [(0, 8, "2001-03-08"), (16, 30, "P4D"), (40, 45, "PXY")]
    assert _score(gold, system) == (1, 2, 1, 3)


def test_gold_expressions_are_found_in_the_clean_text_by_line_and_occurrence() -> None:
    source = ("Headline", "", "Cookie banner: updated today", "It rained recently and recently again.")
    clean = "It rained recently and recently again."  # the cleaner dropped the banner line
    gold = [
        {"text": "recently", "line": 4, "occurrence": 2, "value": "PAST_REF"},
        {"text": "today", "line": 3, "value": "2022-09-15"},
    ]
    (span, value), (gone, _) = gold_spans(Doc("a1", clean, source), gold)
    assert span == ("a1", clean.rindex("recently"), clean.rindex("recently") + len("recently"))
    assert value == "PAST_REF"
    assert gone is None  # not in the text the product analyses: a miss, not a crash


def test_a_reported_date_counts_within_two_days_of_the_gold_day() -> None:
    assert within_2_days("2022-09-13T10:00", "2022-09-15")
    assert not within_2_days("2022-09-12", "2022-09-15")
    assert not within_2_days(None, "2022-09-15")


def test_type_figures_count_relaxed_matches_by_gold_type() -> None:
    gold = [(0, 8, "2001-03-08"), (20, 30, "P3D"), (40, 45, "P1W")]
    system = [(0, 8, "2001-03-08"), (22, 30, "P3D"), (40, 44, "2001-W10")]
    counts = _typed(gold, ("DATE", "DURATION", "SET"), system, ["DATE", "DURATION", "DATE"])
    assert counts == {
        "type_right": 2,
        "DATE_matched": 1,
        "DATE_right": 1,
        "DURATION_matched": 1,
        "DURATION_right": 1,
        "SET_matched": 1,
        "SET_right": 0,
    }


def test_two_documents_of_one_text_are_each_read_against_their_own_creation_time() -> None:
    """A story sent again a week later has the same text (and article id) as the first: each
    copy is scored on the expressions read against its own date, not the other copy's."""
    text = "Officials met on Thursday in the capital.\n"
    read = {
        "first.tml": article_of("first.tml", {"text": text, "published": "2000-01-07"}),
        "again.tml": article_of("again.tml", {"text": text, "published": "2000-01-15"}),
    }
    reported = reported_by_document(read)
    assert [t.value for t in reported["first.tml"]] == ["2000-01-06"]
    assert [t.value for t in reported["again.tml"]] == ["2000-01-13"]
