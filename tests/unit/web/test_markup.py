"""Article text as HTML: every piece escaped, spans cut at their exact offsets; snippets marked
after escaping; the spark of a story's articles."""

from __future__ import annotations

from newsprism.web.markup import Mark, highlight, snippet_html
from newsprism.web.pages import spark

TEXT = 'Mara Quint said "<b>no</b> deal" on Monday.'


def test_marks_wrap_their_exact_offsets_and_the_text_around_them_is_escaped() -> None:
    monday = TEXT.index("Monday")
    marks = [Mark(0, 10, "speaker", "speaker", "/entities/x"), Mark(monday, monday + 6, "time", "DATE")]
    out = highlight(TEXT, marks)
    assert out.html.startswith(
        '<a href="/entities/x"><span class="hl k-speaker" title="speaker">Mara Quint</span></a>'
    )
    assert "&lt;b&gt;no&lt;/b&gt;" in out.html and "<b>" not in out.html
    assert '<span class="hl k-time" title="DATE">Monday</span>.' in out.html
    assert out.out_of_range == 0


def test_overlapping_and_crossing_marks_split_into_pieces_carrying_every_kind() -> None:
    out = highlight("abcdef", [Mark(0, 4, "quote"), Mark(2, 6, "entity", href="/entities/e")])
    assert out.html == (
        '<span class="hl k-quote" title="">ab</span>'
        '<a href="/entities/e"><span class="hl k-entity k-quote" title="">cd</span></a>'
        '<a href="/entities/e"><span class="hl k-entity" title="">ef</span></a>'
    )


def test_a_mark_outside_the_text_is_counted_not_applied() -> None:
    out = highlight("short", [Mark(2, 99, "figure"), Mark(3, 3, "time")])
    assert out.html == "short" and out.out_of_range == 2


def test_titles_carrying_markup_are_escaped_inside_the_attribute() -> None:
    out = highlight("x", [Mark(0, 1, "entity", '"><script>alert(1)</script>')])
    assert "<script>" not in out.html and "&quot;&gt;&lt;script&gt;" in out.html


def test_snippets_are_escaped_before_the_markers_become_mark_elements() -> None:
    html = snippet_html("…a <script>**contract**</script> is **signed**…", "**", "**")
    assert html == "…a &lt;script&gt;<mark>contract</mark>&lt;/script&gt; is <mark>signed</mark>…"
    assert snippet_html("one ** left", "**", "**") == "one ** left"


def test_the_spark_has_one_bar_per_day_with_articles_scaled_to_the_busiest() -> None:
    shown = spark(["2025-06-02T09:00", "2025-06-02T15:00", "2025-06-04", None, "undated"])
    assert shown is not None
    assert [round(h, 1) for _, _, _, h in shown.bars] == [22.0, 11.0]  # 2 on day one, 1 on day three
    assert [x for x, _, _, _ in shown.bars] == [0.0, 66.67]
    assert shown.label == "3 dated articles from 2025-06-02 to 2025-06-04"
    assert spark([None]) is None


def test_a_long_story_groups_its_days_into_at_most_thirty_bars() -> None:
    days = [f"2025-{m:02d}-{d:02d}" for m in range(1, 13) for d in (1, 15)]
    shown = spark(days)
    assert shown is not None and len(shown.bars) <= 30
