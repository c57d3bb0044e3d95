"""Records stored before spans were one record still load.

Until then a spanned record carried its span flat (``article``, ``start``, ``end``) and each
optional part as two optional ints (``speaker_start``/``speaker_end``). The dicts below are that
old shape, written out by hand as the store holds it; each must load as the record it was."""

from __future__ import annotations

import json
from typing import Any

import pytest

from newsprism.records import (
    ArticleAnalysis,
    Citation,
    Mention,
    QualityFlag,
    Quantity,
    Quote,
    QuoteVariant,
    Role,
    Span,
    TimeExpression,
)
from newsprism.store.codec import from_dict, to_dict

OLD_MENTION = {"article": "a1", "start": 18, "end": 23, "text": "Putin", "label": "PERSON"}
OLD_ROLE = {"text": "Russian President", "article": "a1", "start": 0, "end": 17}
OLD_QUOTE = {
    "id": "q1",
    "article": "a1",
    "start": 40,
    "end": 52,
    "text": "we will talk",
    "kind": "direct",
    "speaker_text": "he",
    "speaker_start": 54,
    "speaker_end": 56,
    "speaker_name": "Putin",
    "speaker": None,
    "role": None,
    "cue": "said",
    "cue_start": 57,
    "cue_end": 61,
    "unresolved": None,
}
OLD_QUANTITY = {
    "id": "n1",
    "article": "a1",
    "start": 70,
    "end": 77,
    "text": "5 miles",
    "value": 5.0,
    "unit": "length:mi",
    "category": "length",
    "modifier": None,
    "measure": "the road",
    "measure_start": 80,
    "measure_end": 88,
    "direction": None,
    "period": None,
    "period_start": None,
    "period_end": None,
}
OLD_TIMEX = {
    "id": "t1",
    "article": "a1",
    "start": 90,
    "end": 98,
    "text": "Thursday",
    "type": "DATE",
    "value": "2022-09-15",
    "mod": None,
    "anchor": "2022-09-16",
    "tense": "past",
}
OLD_CITATION = {"article": "a1", "start": 0, "end": 17, "text": "Russian President"}
OLD_VARIANT = {
    "quote": "q1",
    "article": "a1",
    "start": 40,
    "end": 52,
    "text": "we will talk",
    "outlet": "Wire",
    "speaker": "e1",
    "speaker_name": "Putin",
    "match": "exact",
}

NEW_MENTION = Mention(Span("a1", 18, 23), "Putin", "PERSON")
NEW_ROLE = Role("Russian President", Span("a1", 0, 17))
NEW_QUOTE = Quote(
    id="q1",
    span=Span("a1", 40, 52),
    text="we will talk",
    kind="direct",
    speaker_text="he",
    speaker_span=Span("a1", 54, 56),
    speaker_name="Putin",
    cue="said",
    cue_span=Span("a1", 57, 61),
)
NEW_QUANTITY = Quantity(
    id="n1",
    span=Span("a1", 70, 77),
    text="5 miles",
    value=5.0,
    unit="length:mi",
    category="length",
    measure="the road",
    measure_span=Span("a1", 80, 88),
)
NEW_TIMEX = TimeExpression(
    id="t1",
    span=Span("a1", 90, 98),
    text="Thursday",
    type="DATE",
    value="2022-09-15",
    anchor="2022-09-16",
    tense="past",
)
NEW_CITATION = Citation(Span("a1", 0, 17), "Russian President")
NEW_VARIANT = QuoteVariant("q1", Span("a1", 40, 52), "we will talk", "Wire", "e1", "Putin", "exact")

CASES = [
    (Mention, OLD_MENTION, NEW_MENTION),
    (Role, OLD_ROLE, NEW_ROLE),
    (Quote, OLD_QUOTE, NEW_QUOTE),
    (Quantity, OLD_QUANTITY, NEW_QUANTITY),
    (TimeExpression, OLD_TIMEX, NEW_TIMEX),
    (Citation, OLD_CITATION, NEW_CITATION),
    (QuoteVariant, OLD_VARIANT, NEW_VARIANT),
]


@pytest.mark.parametrize(("cls", "old", "new"), CASES, ids=lambda x: getattr(x, "__name__", ""))
def test_an_old_flat_record_loads_as_the_record_with_its_spans(
    cls: type[Any], old: dict[str, Any], new: Any
) -> None:
    assert from_dict(cls, json.loads(json.dumps(old))) == new


@pytest.mark.parametrize(("cls", "old", "new"), CASES, ids=lambda x: getattr(x, "__name__", ""))
def test_a_new_record_round_trips_in_the_new_shape(cls: type[Any], old: dict[str, Any], new: Any) -> None:
    data = json.loads(json.dumps(to_dict(new)))
    assert "start" not in data and data["span"]["article"] == "a1"
    assert from_dict(cls, data) == new


def test_an_old_quote_without_a_speaker_or_cue_has_no_part_spans() -> None:
    old = {**OLD_QUOTE, "speaker_start": None, "speaker_end": None, "cue_start": None, "cue_end": None}
    quote = from_dict(Quote, old)
    assert quote.speaker_span is None and quote.cue_span is None and quote.span == Span("a1", 40, 52)


def test_an_old_quote_from_before_part_spans_existed_loads() -> None:
    old = {
        k: v
        for k, v in OLD_QUOTE.items()
        if k not in {"speaker_start", "speaker_end", "cue_start", "cue_end"}
    }
    assert from_dict(Quote, old).speaker_span is None


def test_a_whole_old_analysis_loads_with_every_nested_record() -> None:
    old = {
        "article": "a1",
        "sentences": [[0, 100]],
        "mentions": [OLD_MENTION],
        "roles": [[0, OLD_ROLE]],
        "quotes": [OLD_QUOTE],
        "quantities": [OLD_QUANTITY],
        "time_expressions": [OLD_TIMEX],
    }
    analysis = from_dict(ArticleAnalysis, old)
    assert analysis == ArticleAnalysis(
        "a1",
        sentences=((0, 100),),
        mentions=(NEW_MENTION,),
        roles=((0, NEW_ROLE),),
        quotes=(NEW_QUOTE,),
        quantities=(NEW_QUANTITY,),
        time_expressions=(NEW_TIMEX,),
    )


def test_a_flat_key_beside_its_span_is_still_an_unknown_key() -> None:
    with pytest.raises(ValueError, match="unknown key"):
        from_dict(Mention, {**to_dict(NEW_MENTION), "start": 18})


def test_a_span_cuts_its_stretch_from_the_article_text() -> None:
    assert Span("a1", 8, 17).text_of("Russian President Putin") == "President"
    assert Citation.at(Span("a1", 8, 17), "Russian President Putin") == Citation(
        Span("a1", 8, 17), "President"
    )


def test_an_old_quality_flag_takes_its_article_from_the_enclosing_analysis() -> None:
    """Flags never named their article: their offsets were into the analysis's article."""
    old = {
        "article": "a1",
        "quality": {
            "score": 0.5,
            "spun": True,
            "flags": [{"kind": "fragment", "start": 3, "end": 9, "text": "has been"}],
        },
    }
    analysis = from_dict(ArticleAnalysis, old)
    assert analysis.quality.flags == (QualityFlag("fragment", Span("a1", 3, 9), "has been"),)
    assert from_dict(ArticleAnalysis, json.loads(json.dumps(to_dict(analysis)))) == analysis
