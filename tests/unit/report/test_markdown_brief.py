"""brief.md: article text shows literally in any Markdown renderer, and the brief stays short.

Rendered with markdown-it-py's CommonMark preset, the renderer the escaping is written against.
"""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from newsprism.report.markdown import TOP_CONFLICTS, TOP_SPEAKERS, md_text, render_markdown

COMMONMARK = MarkdownIt("commonmark")

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "*bold* _it_ `code` | pipe | ~~gone~~",
    "1. not a list",
    "- not an item",
    "> not a quote",
    "# not a heading",
    "AT&T &amp; &lt;b&gt; \\*",
    "<https://autolink.example>",
]


def _rendered_text(markdown: str) -> str:
    """The text a reader sees: the rendered HTML without its tags, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", COMMONMARK.render(markdown))).strip()


def test_hostile_text_renders_as_that_text_and_never_as_markup() -> None:
    for text in HOSTILE:
        rendered = COMMONMARK.render(f"- {md_text(text)}")
        assert re.sub(r"</?(ul|li)>", "", rendered).count("<") == 0, (text, rendered)
        assert _rendered_text(f"- {md_text(text)}") == text


MARKUP = st.sampled_from(
    [*list("<>&*_`[]()#|~!\\-+=.:;/\"'{}^$%@? 1a"), "&amp;", "&#65;", "1.", "http://", "é"]
)


@given(st.lists(MARKUP, max_size=30).map("".join) | st.text(max_size=40))
def test_any_text_survives_rendering_verbatim(text: str) -> None:
    text = text.replace("\x00", "")  # CommonMark turns NUL into U+FFFD, by its spec
    assert _rendered_text(f"- {md_text(text)} [1]") == f"{' '.join(text.split())} [1]".strip()


def _article(n: int, title: str, outlet: str, url: str | None = None) -> dict[str, object]:
    return {
        "id": f"a{n}",
        "source": f"{n}.html",
        "title": title,
        "outlet": outlet,
        "url": url,
        "text": "",
        "published": {"value": None, "how": "unknown", "confidence": None, "evidence": []},
        "quality": {"score": 0.0, "spun": False, "flags": []},
    }


def _cite(article: str, text: str) -> dict[str, object]:
    return {"article": article, "start": 0, "end": len(text), "text": text}


def _story(**sections: object) -> dict[str, object]:
    story: dict[str, object] = {
        key: []
        for key in (
            "skipped",
            "entities",
            "quotes",
            "quantities",
            "time_expressions",
            "origins",
            "quote_groups",
            "claims",
            "conflicts",
            "timeline",
            "summary",
            "notes",
        )
    }
    story["articles"] = [_article(1, "Flood", "The Courier"), _article(2, "Flood", "The Echo")]
    story.update(sections)
    return story


def test_only_http_urls_become_links() -> None:
    brief = render_markdown(
        _story(
            articles=[
                _article(1, "Safe", "A", "https://news.example/a(1)"),
                _article(2, "Unsafe", "B", "javascript:alert(1)"),
            ]
        )
    )
    rendered = COMMONMARK.render(brief)
    assert '<a href="https://news.example/a%281%29">Safe</a>' in rendered
    assert "javascript" not in rendered


def _quote(n: int, speaker: str, text: str, kind: str = "direct") -> dict[str, object]:
    return {
        "id": f"q{n}",
        "article": "a1",
        "start": 0,
        "end": len(text),
        "text": text,
        "kind": kind,
        "speaker": None,
        "speaker_name": speaker,
        "role": None,
    }


def test_a_speaker_is_shown_with_a_short_quote_never_a_cut_one() -> None:
    long = " ".join(["word"] * 80) + "."
    quotes = [_quote(1, "Ana Ortiz", long), _quote(2, "Ana Ortiz", "The river rose three metres.")]
    quotes += [_quote(3, "Ben Ruiz", long)]
    brief = render_markdown(_story(quotes=quotes))
    assert "- **Ana Ortiz**, 2 quotes in [1]: “The river rose three metres.” [1]" in brief
    assert "- **Ben Ruiz**, 1 quote in [1]\n" in brief
    assert "…" not in brief


def test_long_lists_are_capped_and_counted() -> None:
    quotes = [_quote(n, f"Speaker {n:02d}", "We will rebuild the bridge.") for n in range(TOP_SPEAKERS + 3)]
    conflicts = [
        {
            "id": f"c{n}",
            "kind": "quantity",
            "subject": f"count: item {n}",
            "severity": "contradiction",
            "values": [
                {"value": "3", "citation": _cite("a1", "3")},
                {"value": "4", "citation": _cite("a2", "4")},
            ],
        }
        for n in range(TOP_CONFLICTS + 5)
    ]
    brief = render_markdown(_story(quotes=quotes, conflicts=conflicts))
    assert brief.count("- **Speaker") == TOP_SPEAKERS and "_and 3 more speakers in story.json_" in brief
    assert brief.count("- **count: item") == TOP_CONFLICTS and "_and 5 more disagreements" in brief


def test_figures_are_those_several_origins_report_as_the_text_writes_them() -> None:
    text = "About 1,500 workers walked out. 7 strange signs."
    quantity = {
        "id": "n1",
        "article": "a1",
        "start": 0,
        "end": 11,
        "text": "1,500",
        "modifier": "about",
        "value": 1500.0,
        "unit": "count",
        "category": "count",
        "measure": "workers",
    }
    headline = {**quantity, "id": "n2", "start": 32, "end": 47, "text": "7 strange signs", "modifier": None}
    claim = {
        "id": "k1",
        "kind": "quantity",
        "text": text[:31],
        "independent_origins": 2,
        "articles": ["a1", "a2"],
        "support": [_cite("a1", text[:31]), _cite("a2", text[:31])],
        "conflicts": [],
    }
    brief = render_markdown(_story(quantities=[quantity, headline], claims=[claim]))
    assert "| about 1,500 | workers | 2 | [1][2] |" in brief
    assert "strange" not in brief and "1500" not in brief


def test_a_disputed_figure_lists_each_amount_once_whatever_its_wording() -> None:
    def figure(n: int, article: str, text: str, value: float) -> dict[str, object]:
        return {"id": f"n{n}", "article": article, "start": 10 * n, "end": 10 * n + len(text),
                "text": text, "value": value, "unit": "count", "category": "count"}  # fmt: skip

    quantities = [
        figure(1, "a1", "23 people", 23),
        figure(2, "a2", "Twenty-three", 23),
        figure(3, "a2", "22", 22),
    ]
    conflict = {
        "id": "c1",
        "kind": "quantity",
        "subject": "count: missing people",
        "severity": "contradiction",
        "values": [
            {
                "value": q["text"],
                "citation": {**_cite(str(q["article"]), str(q["text"])), "start": q["start"]},
            }
            for q in quantities
        ],
    }
    brief = render_markdown(_story(quantities=quantities, conflicts=[conflict]))
    assert "**count: missing people** (quantity, contradiction): 23 people [1][2]; 22 [2]" in brief


def test_a_summary_sentence_that_leaves_its_quotation_open_is_followed_by_an_elision_mark() -> None:
    opened = "“We have lost the lower town."
    closed = "Schools stay closed until Wednesday."
    summary = [
        {"text": opened, "citation": _cite("a1", opened), "corroborations": [], "speaker": "Jana Drobna"},
        {"text": closed, "citation": _cite("a2", closed), "corroborations": [], "speaker": None},
    ]
    brief = render_markdown(_story(summary=summary))
    assert f"- {md_text(opened)} […] — Jana Drobna [1]" in brief
    assert f"- {md_text(closed)} [2]" in brief
    assert "[…] marks a quotation that goes on in its source." in brief
