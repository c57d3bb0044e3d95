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

from newsprism.report.html import render_html
from newsprism.report.markdown import render_markdown
from newsprism.report.story_json import validate_story
from newsprism.report.views import story_view

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
    assert {(f.quantity.span.article, f.quantity.text) for f in view.figures if f.disputed} == {
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
    assert {f.quantity.text for f in view.figures if f.disputed} == {"40 homes", "60 homes"}
    assert [f.origins for f in view.figures] == [2, 2, 2, 2, 0]


def test_both_briefs_flag_the_same_figures_as_disputed() -> None:
    for claim_conflicts in ([], [CONFLICT]):
        story = _story(claim_conflicts)
        in_markdown = _disputed_in_markdown(render_markdown(story))
        in_html = _disputed_in_html(render_html(story))
        assert in_markdown == {"40 homes"}
        assert in_html == {"40 homes", "60 homes"}  # 60 homes is no row of brief.md: one origin
