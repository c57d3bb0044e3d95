"""The story.json contract: every key present, offsets into articles[].text, schema-valid."""

from __future__ import annotations

import json
from dataclasses import replace

import jsonschema
import pytest

from newsprism.records import (
    Article,
    ArticleAnalysis,
    Entity,
    Mention,
    Published,
    Quality,
    QualityFlag,
    Quantity,
    Quote,
    RemovedLine,
    Role,
    Skip,
    Span,
    Story,
    TimeExpression,
    content_id,
)
from newsprism.report.html import render_html
from newsprism.report.markdown import render_markdown
from newsprism.report.story_json import SCHEMA_ID, story_to_dict, story_to_json, validate_story

TEXT = 'Mayor Ana Ortiz said on Monday: "The river rose 3 metres." Ortiz added that 1,200 residents left.'


def _story() -> Story:
    article = Article(
        id=Article.make_id("Flood", TEXT, "The Courier"),
        source="a.txt",
        title="Flood",
        text=TEXT,
        outlet="The Courier",
        published=Published(),
        removed=(RemovedLine("Share:", "share widget", 2),),
    )
    aid = article.id
    name = Mention(Span(aid, 6, 15), "Ana Ortiz", "PERSON")
    surname = Mention(Span(aid, 59, 64), "Ortiz", "PERSON")
    quote_start = TEXT.index("The river")
    quote = Quote(
        id=content_id(aid, "q"),
        span=Span(aid, quote_start, quote_start + len("The river rose 3 metres.")),
        text="The river rose 3 metres.",
        kind="direct",
        speaker_text="Ana Ortiz",
        speaker_span=Span(aid, 6, 15),
        speaker_name="Ana Ortiz",
        cue="said",
        cue_span=Span(aid, 16, 20),
    )
    entity = Entity(
        id=content_id("person", "Ana Ortiz"),
        name="Ana Ortiz",
        type="person",
        aliases=("Ana Ortiz", "Ortiz"),
        roles=(Role("Mayor", Span(aid, 0, 5)),),
        mentions=(name, surname),
    )
    q_start = TEXT.index("1,200")
    analysis = ArticleAnalysis(
        article=aid,
        mentions=(name, surname),
        quotes=(quote,),
        quantities=(
            Quantity(
                content_id(aid, "n"),
                Span(aid, q_start, q_start + 15),
                "1,200 residents",
                1200.0,
                "count",
                "count",
            ),
        ),
        time_expressions=(
            TimeExpression(
                content_id(aid, "t"), Span(aid, 24, 30), "Monday", "DATE", "2025-03-10", anchor="2025-03-12"
            ),
        ),
        quality=Quality(0.1, False, (QualityFlag("space before punctuation", Span(aid, 0, 1), "M"),)),
        published=Published("2025-03-12", "inferred", 0.7, ("'on Monday' with past tense",)),
    )
    return Story(
        articles=(article,),
        skipped=(Skip("bad.bin", "binary file"),),
        analyses=(analysis,),
        entities=(entity,),
        model="en_core_web_sm-3.8.0",
    )


def test_story_follows_the_schema_and_keeps_every_key() -> None:
    data = story_to_dict(_story())
    validate_story(data)
    assert data["schema"] == SCHEMA_ID
    for key in ("claims", "timeline", "origins", "summary", "quotes", "quantities", "time_expressions"):
        assert isinstance(data[key], list)


def test_offsets_point_into_the_article_text() -> None:
    data = story_to_dict(_story())
    texts = {a["id"]: a["text"] for a in data["articles"]}
    items = data["quotes"] + data["quantities"] + data["time_expressions"]
    items += [m for e in data["entities"] for m in e["mentions"]]
    assert items
    for item in items:
        assert texts[item["article"]][item["start"] : item["end"]] == item["text"]


def test_an_inferred_date_replaces_unknown_metadata() -> None:
    article = story_to_dict(_story())["articles"][0]
    assert article["published"] == {
        "value": "2025-03-12",
        "how": "inferred",
        "confidence": 0.7,
        "evidence": ["'on Monday' with past tense"],
    }


def test_schema_rejects_a_missing_key() -> None:
    data = story_to_dict(_story())
    del data["origins"]
    with pytest.raises(jsonschema.ValidationError):
        validate_story(data)


def test_output_is_deterministic_json() -> None:
    assert story_to_json(_story()) == story_to_json(_story())
    assert json.loads(story_to_json(_story()))["articles"][0]["title"] == "Flood"


def test_brief_shows_sources_skips_and_speakers() -> None:
    brief = render_markdown(story_to_dict(_story()))
    assert "| [1] | The Courier | Flood | 2025-03-12 (inferred, 70%) |" in brief
    assert "- bad.bin: binary file" in brief
    assert "- **Ana Ortiz**, 1 quote in [1]: “The river rose 3 metres.” [1]" in brief


def test_an_untitled_article_without_an_outlet_is_named_by_its_first_words() -> None:
    """Plain files often carry neither: the brief must not say "untitled" or "from 0 outlets"."""
    story = _story()
    bare = replace(story.articles[0], title="", outlet=None)
    brief = render_markdown(story_to_dict(replace(story, articles=(bare,))))
    first_words = " ".join(TEXT.split()[:12])
    assert brief.startswith(f"# Story brief: {first_words}")
    assert "1 article (outlets not named) and 1 independent origin;" in brief
    assert f"| [1] | \\- | {first_words} … |" in brief and "untitled" not in brief


def test_reported_speech_is_shown_under_its_cue_so_a_denial_does_not_read_as_a_claim() -> None:
    story = _story()
    analysis = story.analyses[0]
    denied = replace(analysis.quotes[0], kind="indirect", cue="denied")
    data = story_to_dict(replace(story, analyses=(replace(analysis, quotes=(denied,)),)))
    assert "(denied) The river rose 3 metres." in render_markdown(data)
    assert "<span class=kind>denied</span> The river rose 3 metres." in render_html(data)


def _linked_story() -> Story:
    """Two articles, one a verbatim copy of the other, with every cross-article section filled."""
    from dataclasses import replace

    from newsprism.records import (
        Citation,
        Claim,
        Conflict,
        ConflictValue,
        CopyRelation,
        Origin,
        QuoteGroup,
        QuoteVariant,
        SourceNote,
        SummarySentence,
        TimelineEvent,
    )

    base = _story()
    first = base.articles[0]
    copy = replace(first, id=Article.make_id("Flood", TEXT, "The Echo"), outlet="The Echo", source="b.txt")
    sentence = TEXT[: TEXT.index(":") + 1]
    cite_a = Citation(Span(first.id, 0, len(sentence)), sentence)
    cite_b = Citation(Span(copy.id, 0, len(sentence)), sentence)
    relation = CopyRelation(copy.id, first.id, "verbatim", 1.0, ((cite_b, cite_a),))
    origin = Origin(content_id(first.id, copy.id), first.id, (first.id, copy.id), (relation,))
    quote = base.analyses[0].quotes[0]
    variants = tuple(
        QuoteVariant(
            quote.id,
            Span(aid, quote.span.start, quote.span.end),
            quote.text,
            outlet,
            None,
            "Ana Ortiz",
            "exact",
        )
        for aid, outlet in ((first.id, "The Courier"), (copy.id, "The Echo"))
    )
    conflict = Conflict(
        content_id("c"),
        "quantity",
        "river rise",
        "contradiction",
        (ConflictValue("3 metres", cite_a), ConflictValue("4 metres", cite_b)),
    )
    claim = Claim(
        content_id("k"), "sentence", sentence, (cite_a, cite_b), (first.id, copy.id), 1, (conflict.id,)
    )
    event = TimelineEvent(content_id("e"), "2025-03-10", "day", "2025-03-10", sentence, (cite_a,), 1)
    return replace(
        base,
        articles=(first, copy),
        origins=(origin,),
        quote_groups=(QuoteGroup(content_id("g"), None, "Ana Ortiz", variants, 1),),
        claims=(claim,),
        conflicts=(conflict,),
        timeline=(event,),
        summary=(SummarySentence(sentence, cite_a, (cite_b,)),),
        notes=(SourceNote(copy.id, (), (), ("possibly machine-spun",), (relation,)),),
    )


def test_cross_article_sections_follow_the_schema() -> None:
    data = story_to_dict(_linked_story())
    validate_story(data)
    assert data["origins"][0]["relations"][0]["kind"] == "verbatim"
    assert data["claims"][0]["independent_origins"] == 1


def test_summary_citations_point_at_their_sentence() -> None:
    data = story_to_dict(_linked_story())
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for s in data["summary"]:
        cite = s["citation"]
        assert texts[cite["article"]][cite["start"] : cite["end"]] == s["text"]


def test_brief_shows_origins_conflicts_and_the_cited_summary() -> None:
    brief = render_markdown(story_to_dict(_linked_story()))
    assert "2 articles from 2 outlets and 1 independent origin;" in brief
    assert "- [2] is a verbatim copy of [1] (100% of its sentences aligned)" in brief
    assert "**river rise** (quantity, contradiction): 3 metres [1]; 4 metres [2]" in brief
    assert "## Summary" in brief and "[1] (also [2])" in brief
    assert "- 10 Mar 2025: Mayor Ana Ortiz said on Monday: [1]" in brief


def test_render_gives_each_format_from_the_one_entry() -> None:
    from newsprism.report import FORMATS, render
    from newsprism.report.html import render_html

    story = _story()
    assert render(story, "json") == story_to_json(story)
    assert render(story, "markdown") == render_markdown(story_to_dict(story))
    assert render(story, "html") == render_html(story_to_dict(story))
    assert {FORMATS[ext] for ext in (".json", ".md", ".html")} == {"json", "markdown", "html"}


def test_a_summary_sentence_shows_its_speaker_beside_the_verbatim_text() -> None:
    from dataclasses import replace

    from newsprism.report.html import render_html

    story = _linked_story()
    said = replace(story.summary[0], speaker="Ana Ortiz")
    data = story_to_dict(replace(story, summary=(said,)))
    validate_story(data)
    assert data["summary"][0]["speaker"] == "Ana Ortiz"
    assert data["summary"][0]["text"] == said.citation.text
    assert f"- {said.text} — Ana Ortiz [1]" in render_markdown(data)
    assert '<span class="by">— Ana Ortiz</span>' in render_html(data)
    assert story_to_dict(story)["summary"][0]["speaker"] is None
