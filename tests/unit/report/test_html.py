"""brief.html without a browser: the page is self-contained, safe to embed, and every section is
plain HTML rendered from the story dict (the script only enhances it)."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from importlib import resources
from typing import Any

from newsprism.report.html import (
    actor_network,
    embed_json,
    load_assets,
    render_html,
    timeline_points,
)
from newsprism.report.story_json import validate_story
from newsprism.report.views import story_view

JSON = dict[str, Any]
ART = "a" * 16
ART2 = "b" * 16


def _story(text: str = "Ana Ortiz met Ben Cole in Lima. Ana Ortiz left.", **lists: list[JSON]) -> JSON:
    """A one-article story (plus whatever the test adds), valid under the schema."""
    story: JSON = {
        "schema": "newsprism.story/4",
        "generator": {"newsprism": "0.1.0", "model": None},
        "articles": [
            {
                "id": ART,
                "source": "a.txt",
                "title": "Ortiz meets Cole",
                "outlet": "Daily Test",
                "url": None,
                "language": "en",
                "text": text,
                "published": {"value": "2024-05-02", "how": "metadata", "confidence": None, "evidence": []},
                "removed": [],
                "quality": {"score": 0.1, "spun": False, "flags": []},
            }
        ],
    }
    for key in ("skipped", "entities", "quotes", "quantities", "time_expressions", "origins", "quote_groups"):
        story[key] = lists.get(key, [])
    for key in ("claims", "conflicts", "timeline", "summary", "notes"):
        story[key] = lists.get(key, [])
    validate_story(story)
    return story


def _entity(name: str, text: str, etype: str = "person") -> JSON:
    mentions = [
        {"article": ART, "start": m.start(), "end": m.end(), "text": name}
        for m in re.finditer(re.escape(name), text)
    ]
    return {
        "id": hashlib.sha256(name.encode()).hexdigest()[:16],
        "name": name,
        "type": etype,
        "aliases": [name],
        "roles": [],
        "mentions": mentions,
    }


def _cite(text: str, phrase: str, article: str = ART) -> JSON:
    start = text.index(phrase)
    return {"article": article, "start": start, "end": start + len(phrase), "text": phrase}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def _embedded(page: str, element_id: str) -> Any:
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.S)
    assert match, element_id
    return json.loads(match.group(1))


def test_embedded_json_cannot_close_its_script_element_and_reads_back_unchanged() -> None:
    data = {"text": "a </script><script>alert(1)</script> <!-- & \u2028 b"}
    embedded = embed_json(data)
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded and "\u2028" not in embedded
    assert json.loads(embedded) == data


def test_the_page_carries_the_story_and_cannot_be_broken_out_of_by_article_text() -> None:
    text = "He wrote </script><script>alert(1)</script> and left."
    story = _story(text)
    page = render_html(story)
    assert _embedded(page, "np-story") == story
    scripts = [attrs for tag, attrs in _tags(page) if tag == "script"]
    assert len(scripts) == 3  # the story, the view, the bundle: the article's tags stay text
    assert "alert(1)" not in page.split('id="np-story"')[0]


def test_the_page_fetches_nothing_external() -> None:
    page = render_html(_story())
    for tag, attrs in _tags(page):
        assert tag not in {"link", "img", "iframe", "object", "embed", "video", "audio"}, tag
        assert "src" not in attrs, (tag, attrs)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    assert not re.search(r"@import\s+(url\()?['\"]?https?:", page)
    assert "default-src 'none'" in page  # the CSP forbids any fetch the code might attempt


def test_every_section_is_rendered_and_an_empty_story_says_so() -> None:
    story = _story()
    story["articles"] = []
    page = render_html(story)
    for section in ("summary", "quotes", "numbers", "timeline", "actors", "sources"):
        assert f'<section id="{section}"' in page
    assert page.count('<p class="empty">') == 6
    assert "<table" not in page and "<figure" not in page


def test_summary_sentences_carry_numbered_citations_with_their_corroborations() -> None:
    text = "Ana Ortiz met Ben Cole in Lima. Ana Ortiz left."
    summary = [
        {
            "text": "Ana Ortiz left.",
            "citation": _cite(text, "Ana Ortiz left."),
            "corroborations": [_cite(text, "Ana Ortiz met")],
        }
    ]
    page = render_html(_story(text, summary=summary))
    assert re.search(
        r'<li>Ana Ortiz left\. <button type="button" class="cite" data-cite="0"[^>]*>1<span class="more">\+1</span>',
        page,
    )
    cites = _embedded(page, "np-view")["cites"]
    assert cites[0] == {"a": ART, "s": 32, "e": 47, "corr": [{"a": ART, "s": 0, "e": 13}]}


def test_a_summary_sentence_that_leaves_its_quotation_open_shows_an_elision_mark_outside_it() -> None:
    text = "“Ana Ortiz will stay. She has the votes,” Ben Cole said."
    opened = "“Ana Ortiz will stay."
    summary = [{"text": opened, "citation": _cite(text, opened), "corroborations": [], "speaker": "Ben Cole"}]
    page = render_html(_story(text, summary=summary))
    assert re.search(
        r'<li>“Ana Ortiz will stay\. <span class="muted" title="the quotation goes on in the source">\[…\]</span>'
        r' <span class="by">— Ben Cole</span>',
        page,
    )


def test_quote_groups_list_every_wording_under_the_speaker() -> None:
    text = "Ortiz said “we will stay”. Later she said “we shall stay”."
    quotes = []
    for words in ("we will stay", "we shall stay"):
        c = _cite(text, words)
        quotes.append(
            {
                "id": ("1" if "will" in words else "2") * 16,
                **{k: c[k] for k in ("article", "start", "end", "text")},
                "kind": "direct",
                "speaker": None,
                "speaker_name": "Ana Ortiz",
                "speaker_text": "Ortiz",
                "speaker_span": None,
                "role": "mayor",
                "cue": "said",
                "cue_span": None,
                "unresolved": None,
            }
        )
    variants = [
        {
            "quote": q["id"],
            **{k: q[k] for k in ("article", "start", "end", "text")},
            "outlet": "Daily Test",
            "speaker": None,
            "speaker_name": "Ana Ortiz",
            "match": m,
        }
        for q, m in zip(quotes, ("exact", "variant"), strict=True)
    ]
    group = {
        "id": "9" * 16,
        "speaker": None,
        "speaker_name": "Ana Ortiz",
        "independent_origins": 1,
        "variants": variants,
    }
    page = render_html(_story(text, quotes=quotes, quote_groups=[group]))
    card = page[page.index('<article class="speaker">') : page.index("</section>", page.index('id="quotes"'))]
    assert card.startswith('<article class="speaker"><h3>Ana Ortiz</h3><p class="role">mayor</p>')
    assert "2 wordings in 1 article, 1 independent origin" in card
    assert card.count('<li class="variant"') == 2 and 'data-match="variant"' in card
    assert "“we will stay”" not in card  # grouped quotes are not repeated one by one
    assert "<blockquote>we will stay</blockquote>" in card
    # told by its fullest wording, the one matched "exact", though a fragment comes first
    fragment = {**variants[0], "quote": "3" * 16, "start": 0, "end": 5, "text": "Ortiz", "match": "fragment"}
    page = render_html(
        _story(text, quotes=quotes, quote_groups=[{**group, "variants": [fragment, *variants]}])
    )
    assert "<blockquote>we will stay</blockquote>" in page and "<blockquote>Ortiz</blockquote>" not in page


def test_a_figure_is_disputed_when_a_quantity_conflict_cites_it_not_when_it_only_backs_a_conflicted_claim() -> (
    None
):
    """The one rule of :mod:`newsprism.report.views`, which brief.md follows too: the later
    "1,500 were counted" backs a claim that carries the conflict, but no conflict cites it."""
    text = "About 1,200 joined. Others said 1,500 joined. Later 1,500 were counted. Fees rose 4%."

    def quantity(ident: str, words: str, nth: int = 0) -> JSON:
        start = [m.start() for m in re.finditer(re.escape(words), text)][nth]
        return {
            "id": ident * 16, "article": ART, "start": start, "end": start + len(words), "text": words,
            "value": float(words.strip("%").replace(",", "")), "unit": "percent" if "%" in words else "count",
            "category": "count", "modifier": None, "measure": "people", "measure_span": None,
            "direction": None, "period": None, "period_span": None,
        }  # fmt: skip

    quantities = [
        quantity("1", "1,200"),
        quantity("2", "1,500"),
        quantity("3", "1,500", 1),
        quantity("4", "4%"),
    ]
    later = {"article": ART, "start": quantities[2]["start"], "end": quantities[2]["end"], "text": "1,500"}
    conflict = {
        "id": "c" * 16, "kind": "quantity", "subject": "turnout", "severity": "contradiction",
        "values": [{"value": "1,200", "citation": _cite(text, "1,200")}, {"value": "1,500", "citation": _cite(text, "1,500")}],
    }  # fmt: skip
    claim = {
        "id": "d" * 16, "kind": "quantity", "text": "1,500 joined", "independent_origins": 2, "articles": [ART],
        "support": [later], "conflicts": [conflict["id"]],
    }  # fmt: skip
    page = render_html(_story(text, quantities=quantities, conflicts=[conflict], claims=[claim]))
    rows = re.findall(r'<tr class="(disputed|)"><td class="fig">([^<]*)', page)
    assert rows == [("disputed", "1,200"), ("disputed", "1,500"), ("", "1,500"), ("", "4%")]
    assert 'id="conflict-1"' in page and "Where the sources disagree" in page


def test_the_actor_network_links_actors_named_in_the_same_sentence() -> None:
    text = "Ana Ortiz met Ben Cole in Lima. Ana Ortiz left. Ben Cole and Ana Ortiz spoke."
    people = [_entity("Ana Ortiz", text), _entity("Ben Cole", text), _entity("Lima", text, "place")]
    graph = actor_network(story_view(_story(text, entities=people)))
    assert [(n.actor.name, n.mentions) for n in graph.nodes] == [
        ("Ana Ortiz", 3),
        ("Ben Cole", 2),
        ("Lima", 1),
    ]
    names = {n.actor.id: n.actor.name for n in graph.nodes}
    edges = {frozenset((names[e.source], names[e.target])): e.weight for e in graph.edges}
    assert edges == {
        frozenset(("Ana Ortiz", "Ben Cole")): 2,  # sentences 1 and 3
        frozenset(("Ana Ortiz", "Lima")): 1,
        frozenset(("Ben Cole", "Lima")): 1,
    }
    assert graph.hidden == 0


def test_the_actor_network_is_capped_to_the_most_mentioned_and_the_strongest_links() -> None:
    names = [f"Person{i:02d}" for i in range(12)]
    text = " ".join(f"{' and '.join(names[: i + 2])} met." for i in range(len(names) - 1))
    story = story_view(_story(text, entities=[_entity(n, text) for n in names]))
    graph = actor_network(story, max_nodes=5, max_edges=4)
    assert [n.actor.name for n in graph.nodes] == names[:5]
    assert graph.hidden == 7
    assert len(graph.edges) == 4
    assert [e.weight for e in graph.edges] == [11, 10, 10, 9]  # the heaviest, in order
    shown = {n.actor.id for n in graph.nodes}
    assert all({e.source, e.target} <= shown for e in graph.edges)


def _points(text: str, *dated: tuple[str, str, str, str]) -> list[JSON]:
    """Chart points of a one-article story whose timeline holds one event per
    ``(date, precision, sort_key, sentence)``."""
    events = [
        {"id": f"{k:016x}", "date": value, "precision": precision, "sort_key": sort_key,
         "text": sentence[:8], "independent_origins": 1, "support": [_cite(text, sentence)]}
        for k, (value, precision, sort_key, sentence) in enumerate(dated)
    ]  # fmt: skip
    return timeline_points(story_view(_story(text, timeline=events)).timeline)


def test_a_timeline_point_spans_the_days_its_date_covers() -> None:
    points = _points(
        "It began in the third quarter. It ended at the weekend.",
        ("2024-Q3", "quarter", "2024-07-01", "It began in the third quarter."),
        ("2024-W11-WE", "week", "2024-03-16", "It ended at the weekend."),
    )
    assert [(p["start"], p["end"]) for p in points] == [
        ("2024-07-01", "2024-09-30"),
        ("2024-03-16", "2024-03-17"),
    ]


def test_timeline_points_keep_undated_events_without_a_position() -> None:
    points = _points(
        "It began in March. It had happened before.",
        ("2024-03", "month", "2024-03-01", "It began in March."),
        ("PAST_REF", "interval", "", "It had happened before."),
    )
    assert [(p["start"], p["end"], p["label"], p["support"]) for p in points] == [
        ("2024-03-01", "2024-03-31", "Mar 2024", 1),
        (None, None, "PAST_REF", 1),
    ]


def test_the_committed_bundle_is_small_and_credits_every_bundled_package() -> None:
    js, css = load_assets()
    assert len(js.encode()) + len(css.encode()) < 1_500_000
    assert "</script" not in js.lower() and "</style" not in css.lower()
    assert "@font-face" in css and "data:font/woff2" in css
    licences = (
        resources.files("newsprism.report").joinpath("assets/THIRD_PARTY_LICENSES.txt").read_text("utf-8")
    )
    for package in ("d3-force", "d3-selection", "@floating-ui/dom", "@fontsource/inter", "modern-normalize"):
        assert f"\n{package} " in licences, package
