"""The briefs render from one typed view of story.json, so they agree on what they both show.

The HTML report once decided which figures are "disputed" (a conflict cites the figure, or the
figure supports a claim that has a conflict) while the Markdown brief only read the claim's own
conflict list: a figure that a conflict names but whose claim carries no conflict was disputed in
brief.html and undisputed in brief.md.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pytest

from newsprism.records import Citation, Span, SummarySentence, story_title
from newsprism.report.html import render_html
from newsprism.report.markdown import render_markdown
from newsprism.report.story_json import validate_story
from newsprism.report.views import (
    date_label,
    inferred_label,
    last_of_speaker,
    leaves_open,
    paragraphs,
    story_view,
)

JSON = dict[str, Any]


def _id(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()[:16]


ART1, ART2, CONFLICT = _id("a1"), _id("a2"), _id("c1")
A1 = "The flood covered 40 homes in Lenton. Crews used 12 boats."
A2 = "The flood covered 40 homes in Lenton. Crews used 12 boats. A later count found 60 homes."


def _cite(article: str, text: str, phrase: str, nth: int = 0) -> JSON:
    start = [m.start() for m in re.finditer(re.escape(phrase), text)][nth]
    return {"article": article, "start": start, "end": start + len(phrase), "text": phrase}


def _figure(article: str, text: str, phrase: str, value: float, unit: str) -> JSON:
    cite = _cite(article, text, phrase)
    return {
        "id": _id(f"{article}:{cite['start']}"), **cite, "value": value, "unit": unit, "category": "count",
        "modifier": None, "measure": "homes flooded" if unit == "count:home" else "boats used",
        "measure_span": None, "direction": None, "period": None, "period_span": None,
    }  # fmt: skip


def _claim(cid: str, phrase: str, conflicts: list[str]) -> JSON:
    support = [_cite(ART1, A1, phrase), _cite(ART2, A2, phrase)]
    return {
        "id": _id(cid), "kind": "quantity", "text": phrase, "independent_origins": 2, "articles": [ART1, ART2],
        "support": support, "conflicts": conflicts,
    }  # fmt: skip


def _article(aid: str, text: str) -> JSON:
    return {
        "id": aid, "source": f"{aid[:4]}.txt", "title": "Flood", "outlet": f"Outlet {aid}", "url": None,
        "language": "en", "text": text, "removed": [],
        "published": {"value": "2024-05-02", "how": "metadata", "confidence": None, "evidence": []},
        "quality": {"score": 0.0, "spun": False, "flags": []},
    }  # fmt: skip


def _story(claim_conflicts: list[str]) -> JSON:
    """Two articles agreeing on 40 homes and 12 boats; a conflict sets the first's 40 homes against
    the second's later 60 homes. ``claim_conflicts`` are the conflict ids the 40-homes claim carries."""
    conflict = {
        "id": CONFLICT, "kind": "quantity", "subject": "count: homes flooded", "severity": "contradiction",
        "values": [
            {"value": "40 homes", "citation": _cite(ART1, A1, "40 homes")},
            {"value": "60 homes", "citation": _cite(ART2, A2, "60 homes")},
        ],
    }  # fmt: skip
    story: JSON = {
        "schema": "newsprism.story/4",
        "generator": {"newsprism": "0.1.0", "model": None},
        "articles": [_article(ART1, A1), _article(ART2, A2)],
        "quantities": [
            _figure(ART1, A1, "40 homes", 40, "count:home"),
            _figure(ART1, A1, "12 boats", 12, "count:boat"),
            _figure(ART2, A2, "40 homes", 40, "count:home"),
            _figure(ART2, A2, "12 boats", 12, "count:boat"),
            _figure(ART2, A2, "60 homes", 60, "count:home"),
        ],
        "claims": [_claim("k1", "40 homes", claim_conflicts), _claim("k2", "12 boats", [])],
        "conflicts": [conflict],
    }
    for key in ("skipped", "entities", "quotes", "time_expressions", "origins", "quote_groups"):
        story[key] = []
    for key in ("timeline", "summary", "notes"):
        story[key] = []
    validate_story(story)
    return story


def _disputed_in_markdown(brief: str) -> set[str]:
    """Figures of the "Figures several sources report" table flagged disputed."""
    return {m[1] for m in re.finditer(r"^\| (.+?) \(disputed\) \|", brief, re.MULTILINE)}


def _disputed_in_html(page: str) -> set[str]:
    """Figures of the numbers table whose row is marked disputed."""
    return {m[1] for m in re.finditer(r'<tr class="disputed"><td class="fig">([^<]+)<', page)}


def test_a_figure_a_conflict_cites_is_disputed_though_its_claim_carries_no_conflict() -> None:
    view = story_view(_story(claim_conflicts=[]))
    assert {(f.citation.span.article, f.citation.text) for f in view.figures if f.disputed} == {
        (ART1, "40 homes"),
        (ART2, "60 homes"),
    }
    assert [f.disputed_by for f in view.figures if f.disputed] == [(1,), (1,)]


def test_a_figure_beside_a_disputed_one_or_in_a_sentence_a_date_conflict_cites_is_not_disputed() -> None:
    story = _story(claim_conflicts=[CONFLICT])
    boats = story["claims"][1]  # its support is the whole sentence, as a clause often is
    boats["support"] = [_cite(ART1, A1, "Crews used 12 boats."), _cite(ART2, A2, "Crews used 12 boats.")]
    boats["conflicts"] = [_id("c2")]
    story["conflicts"].append(
        {
            "id": _id("c2"), "kind": "date", "subject": "date of: crews", "severity": "inconsistent_detail",
            "values": [{"value": "2024-05-01", "citation": boats["support"][0]},
                       {"value": "2024-05-02", "citation": boats["support"][1]}],
        }
    )  # fmt: skip
    view = story_view(story)
    assert {f.citation.text for f in view.figures if f.disputed} == {"40 homes", "60 homes"}
    assert [f.origins for f in view.figures] == [2, 2, 2, 2, 0]


def test_both_briefs_flag_the_same_figures_as_disputed() -> None:
    for claim_conflicts in ([], [CONFLICT]):
        story = _story(claim_conflicts)
        in_markdown = _disputed_in_markdown(render_markdown(story))
        in_html = _disputed_in_html(render_html(story))
        assert in_markdown == {"40 homes"}
        assert in_html == {"40 homes", "60 homes"}  # 60 homes is no row of brief.md: one origin


def _quote(qid: str, article: str, text: str, phrase: str, speaker: str) -> JSON:
    return {
        **_cite(article, text, phrase), "id": _id(qid), "kind": "direct", "speaker": None,
        "speaker_name": speaker, "speaker_text": speaker, "speaker_span": None, "role": None, "cue": None,
        "cue_span": None, "unresolved": None,
    }  # fmt: skip


def test_a_quote_counts_for_its_own_speaker_in_both_briefs_even_inside_a_group_of_another() -> None:
    """Zoe Park has two quotes, one of them in a group the linker left unattributed; Ben Cole has
    one. Zoe Park is the most quoted in both briefs (brief.html once counted the grouped quote
    for the group's speaker, so Ben Cole came first there)."""
    story = _story(claim_conflicts=[])
    zoe1 = _quote("q1", ART1, A1, "The flood covered 40 homes in Lenton.", "Zoe Park")
    zoe2 = _quote("q2", ART2, A2, "A later count found 60 homes.", "Zoe Park")
    ben = _quote("q3", ART1, A1, "Crews used 12 boats.", "Ben Cole")
    other = _quote("q4", ART2, A2, "The flood covered 40 homes in Lenton.", "Ana Ruiz")
    variants = [
        {k: q[k] for k in ("article", "start", "end", "text", "speaker", "speaker_name")}
        | {"quote": q["id"], "outlet": None, "match": "exact"}
        for q in (zoe1, other)
    ]
    story["quotes"] = [zoe1, zoe2, ben, other]
    story["quote_groups"] = [
        {
            "id": _id("g1"),
            "speaker": None,
            "speaker_name": None,
            "independent_origins": 2,
            "variants": variants,
        }
    ]
    validate_story(story)
    view = story_view(story)
    assert [(s.name, len(s.quotes)) for s in view.speakers] == [
        ("Zoe Park", 2), ("Ana Ruiz", 1), ("Ben Cole", 1), (None, 0),
    ]  # fmt: skip
    assert [len(s.groups) for s in view.speakers] == [0, 0, 0, 1]
    assert [q.text for q in view.speakers[0].ungrouped] == ["A later count found 60 homes."]
    in_markdown = re.findall(r"^- \*\*(.+?)\*\*, (\d) quote", render_markdown(story), re.MULTILINE)
    in_html = re.findall(r'<article class="speaker"><h3>([^<]+)</h3>', render_html(story))
    assert in_markdown == [("Zoe Park", "2"), ("Ana Ruiz", "1"), ("Ben Cole", "1")]
    assert in_html == ["Zoe Park", "Ben Cole", "Unattributed"]  # Ana Ruiz's one quote is in the group


def test_the_most_corroborated_facts_are_sentences_of_several_origins_each_once() -> None:
    story = _story(claim_conflicts=[])
    sentence = {
        "id": _id("s1"), "kind": "sentence", "text": "Crews used 12 boats.", "independent_origins": 2,
        "articles": [ART1, ART2], "conflicts": [],
        "support": [_cite(ART1, A1, "Crews used 12 boats."), _cite(ART2, A2, "Crews used 12 boats.")],
    }  # fmt: skip
    wider = {**sentence, "id": _id("s2"), "text": "Crews  used 12 BOATS.", "independent_origins": 3}
    alone = {**sentence, "id": _id("s3"), "text": "A later count found 60 homes.", "independent_origins": 1}
    story["claims"] += [sentence, wider, alone]
    view = story_view(story)
    assert [(c.id, c.independent_origins) for c in view.corroborated] == [(_id("s2"), 3)]
    assert render_markdown(story).count("— 3 independent origins [1][2]") == 1


def test_a_copy_relation_is_shown_once_from_each_side_and_never_as_a_copy_of_itself() -> None:
    """The per-source notes hold each relation under both its copy and its original; the HTML
    sources table read them there and called the original "verbatim copy of" itself."""
    story = _story(claim_conflicts=[])
    relation = {"copy": ART2, "original": ART1, "kind": "verbatim", "similarity": 0.9, "evidence": []}
    story["origins"] = [
        {"id": _id("o1"), "original": ART1, "articles": [ART1, ART2], "relations": [relation]}
    ]
    story["notes"] = [
        {"article": a, "unique": [], "omits": [], "flags": [], "copies": [relation]} for a in (ART1, ART2)
    ]
    validate_story(story)
    view = story_view(story)
    assert view.copies == view.sources[1].copy_of == view.sources[0].copied_by
    assert view.sources[0].copy_of == view.sources[1].copied_by == ()
    page = render_html(story)
    rows = re.findall(r'<tr id="source-\d+">.*?</tr>', page)
    cells = [re.sub(r"<[^>]+>", "", re.findall(r"<td[^>]*>(.*?)</td>", row)[5]) for row in rows]
    assert cells == ["copied by 2 (verbatim)", "verbatim copy of 1 (90%)"]
    assert "- [2] is a verbatim copy of [1] (90% of its sentences aligned)" in render_markdown(story)


def test_a_url_is_a_link_in_both_briefs_when_it_is_http_in_any_letter_case() -> None:
    story = _story(claim_conflicts=[])
    story["articles"][0]["url"] = "HTTPS://news.example/flood"
    story["articles"][1]["url"] = "javascript:alert(1)"
    assert [s.link for s in story_view(story).sources] == ["HTTPS://news.example/flood", None]
    assert '<a href="HTTPS://news.example/flood" rel="noreferrer noopener">Flood</a>' in render_html(story)
    assert "| [Flood](HTTPS://news.example/flood) |" in render_markdown(story)
    assert "javascript" not in render_markdown(story)


def test_an_inferred_date_carries_its_confidence_in_both_briefs() -> None:
    story = _story(claim_conflicts=[])
    story["articles"][0]["published"] = {
        "value": "2024-05-01", "how": "inferred", "confidence": 0.874, "evidence": ["dateline"],
    }  # fmt: skip
    assert [inferred_label(s.published) for s in story_view(story).sources] == ["inferred, 87%", None]
    assert "| 2024-05-01 (inferred, 87%) |" in render_markdown(story)
    assert '2024-05-01 <span class="how" title="dateline">inferred, 87%</span>' in render_html(story)


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("2024-03-11", "11 Mar 2024"),
        ("2024-03-11T04:40", "11 Mar 2024"),
        ("2024-02", "Feb 2024"),
        ("2024-W11", "week 11, 2024"),
        ("2020-W53", "week 53, 2020"),
        ("2025-W11-WE", "weekend of 15-16 Mar 2025"),
        ("2025-W05-WE", "weekend of 1-2 Feb 2025"),
        ("2024-W09-WE", "weekend of 2-3 Mar 2024"),
        ("2021-W48-WE", "weekend of 4-5 Dec 2021"),
        ("2026-W05-WE", "weekend of 31 Jan-1 Feb 2026"),
        ("2025-SU", "summer 2025"),
        ("2025-WI", "winter 2025"),
        ("2024-Q3", "Q3 2024"),
        ("2024-H1", "H1 2024"),
        ("2022", "2022"),
        ("2024-03-11/2024-03-12", "11 Mar 2024 – 12 Mar 2024"),
        ("2024-01/2024-08", "Jan 2024 – Aug 2024"),
    ],
)
def test_timex_dates_get_reader_labels(value: str, label: str) -> None:
    assert date_label(value) == label


@pytest.mark.parametrize("value", ["PAST_REF", "2024-13", "2024-Q5", "2024-02-30", "P3Y"])
def test_dates_off_the_calendar_are_labelled_as_written(value: str) -> None:
    assert date_label(value) == value


def test_both_briefs_label_a_dated_event_the_same_way() -> None:
    """brief.md once printed the raw TIMEX value ("2024-W18") where brief.html wrote "week 18, 2024"."""
    story = _story(claim_conflicts=[])
    support = [_cite(ART1, A1, "Crews used 12 boats."), _cite(ART2, A2, "Crews used 12 boats.")]
    story["timeline"] = [
        {"id": _id("e1"), "date": "2024-W18", "precision": "week", "sort_key": "2024-04-29",
         "text": "Crews used 12 boats.", "independent_origins": 2, "support": support},
        {"id": _id("e2"), "date": "2024-05-01", "precision": "day", "sort_key": "2024-05-01",
         "text": "Crews used 12 boats.", "independent_origins": 1, "support": support[:1]},
    ]  # fmt: skip
    validate_story(story)
    assert [e.label for e in story_view(story).timeline] == ["week 18, 2024", "1 May 2024"]
    brief = render_markdown(story)
    assert "- week 18, 2024: Crews used 12 boats. [1][2]\n- 1 May 2024: Crews used 12 boats. [1]\n" in brief
    page = render_html(story)
    assert re.findall(r"<time [^>]*>([^<]+)</time>", page) == ["week 18, 2024", "1 May 2024"]


def test_only_the_entry_points_of_the_renderers_take_the_story_dict() -> None:
    """Every section function reads typed views; the dict is read once, by ``story_view``."""
    import ast
    from importlib import resources

    for module in ("markdown.py", "html.py"):
        tree = ast.parse(resources.files("newsprism.report").joinpath(module).read_text(encoding="utf-8"))
        takes_dict = {
            f.name
            for f in ast.walk(tree)
            if isinstance(f, ast.FunctionDef)
            for a in f.args.args
            if a.annotation is not None and re.search(r"\b(JSON|Any)\b", ast.unparse(a.annotation))
        }
        entries = {f"render_{module.removesuffix('.py')}"}
        if module == "html.py":
            entries.add("render_brief")  # the brief's body, for render_html and the web app's story page
        assert takes_dict == entries, module


def test_a_woven_phrase_and_the_reported_speech_around_it_count_as_one_quote() -> None:
    from newsprism.report.views import _once

    article = "a" * 16
    partial = {"id": "p", "article": article, "start": 30, "end": 42, "kind": "partial"}
    around = {"id": "i", "article": article, "start": 20, "end": 50, "kind": "indirect"}
    other = {"id": "o", "article": article, "start": 60, "end": 90, "kind": "indirect"}
    assert [q["id"] for q in _once([partial, around, other])] == ["p", "o"]


def _said(text: str, start: int, speaker: str | None) -> SummarySentence:
    end = start + len(text)
    return SummarySentence(text, Citation(Span("a", start, end), text), (), speaker)


def test_the_pieces_of_one_quotation_read_as_one_paragraph_with_the_speaker_once() -> None:
    first, second = "“I like where we are.", "They want a deal more than we do.”"
    after = "The talks resume on Monday."
    text = f"{first} {second} {after}"
    one = _said(first, 0, "Jo Marsh")
    two = _said(second, len(first) + 1, "Jo Marsh")
    three = _said(after, text.index(after), None)
    got = paragraphs([one, two, three], {"a": text})
    assert got == ((one, two), (three,))
    assert [last_of_speaker(got[0], k) for k in range(2)] == [False, True]
    # a closing piece that names its speaker itself: no name mid-quotation
    named = _said('They want a deal more than we do," Jo Marsh said.', len(first) + 1, None)
    assert [last_of_speaker((one, named), k) for k in range(2)] == [False, True]
    # a closed quotation, or a gap in the article between the two, keeps them apart
    closed = _said("“We are ready.”", 0, "Jo Marsh")
    assert len(paragraphs([closed, _said(after, 16, None)], {"a": "“We are ready.” " + after})) == 2
    assert len(paragraphs([one, three], {"a": text})) == 2


def test_a_paragraph_that_leaves_its_quotation_open_is_marked_after_its_last_sentence() -> None:
    first, second = "“I like where we are.", "They want a deal more than we do."
    text = f"{first} {second} The talks resume on Monday."
    alone = paragraphs([_said(first, 0, "Jo Marsh")], {"a": text})
    assert [leaves_open(alone[0], 0)] == [True]
    both = paragraphs([_said(first, 0, "Jo Marsh"), _said(second, len(first) + 1, "Jo Marsh")], {"a": text})
    assert [leaves_open(both[0], k) for k in range(2)] == [False, True]
    # a closed quotation, and an inch mark, leave nothing open
    assert not leaves_open((_said("“We are ready.”", 0, None),), 0)
    assert not leaves_open((_said('Crews laid a 16" pipe under the road.', 0, None),), 0)


def test_a_story_is_named_by_its_earliest_article_in_both_briefs_as_in_the_store() -> None:
    story = _story([])
    first, second = story["articles"]
    first["title"], second["title"] = "Later report", "First report"
    second["published"] = {**second["published"], "value": "2024-05-01"}
    assert story_view(story).title == "First report"
    assert render_markdown(story).startswith("# Story brief: First report")
    assert "<h1>First report</h1>" in render_html(story)
    dated = [(a["published"]["value"], a["title"], a["text"]) for a in story["articles"]]
    assert story_title(dated) == "First report"
    # undated articles, or equally dated ones, go by input order
    assert story_title([(None, "A", ""), (None, "B", "")]) == "A"
    assert story_title([(None, "", "Untitled body words"), ("2024-05-03", "Dated", "")]) == "Dated"
