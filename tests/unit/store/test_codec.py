"""The record codec: records become JSON-ready dicts and come back unchanged."""

from __future__ import annotations

import dataclasses
import json
import types
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism import records
from newsprism.records import (
    Article,
    ArticleAnalysis,
    Mention,
    Published,
    Quality,
    Quote,
    RemovedLine,
    Role,
    Span,
)
from newsprism.store.codec import from_dict, to_dict

RECORD_TYPES = [
    obj
    for obj in vars(records).values()
    if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == records.__name__
]


def strategy_for(hint: Any) -> st.SearchStrategy[Any]:
    """Values of type ``hint``, built independently of the codec (finite floats only)."""
    if hint is type(None):
        return st.none()
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return record_strategy(hint)
    origin, args = get_origin(hint), get_args(hint)
    if origin is Union or origin is types.UnionType:
        return st.one_of(*(strategy_for(arg) for arg in args))
    if origin is Literal:
        return st.sampled_from(args)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return st.lists(strategy_for(args[0]), max_size=2).map(tuple)
        return st.tuples(*(strategy_for(arg) for arg in args))
    simple: dict[Any, st.SearchStrategy[Any]] = {
        str: st.text(max_size=20),
        int: st.integers(),
        float: st.floats(allow_nan=False, allow_infinity=False),
        bool: st.booleans(),
    }
    return simple[hint]


def record_strategy(cls: type[Any]) -> st.SearchStrategy[Any]:
    """Instances of the record ``cls`` with every field (defaults included) generated."""
    hints = get_type_hints(cls, vars(records))
    return st.builds(cls, **{f.name: strategy_for(hints[f.name]) for f in dataclasses.fields(cls)})


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=lambda cls: cls.__name__)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_record_type_round_trips_through_json(cls: type[Any], data: st.DataObject) -> None:
    record = data.draw(record_strategy(cls))
    assert from_dict(cls, json.loads(json.dumps(to_dict(record)))) == record


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_strategy(Article))
def test_article_round_trips(article: Article) -> None:
    assert from_dict(Article, to_dict(article)) == article


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record_strategy(ArticleAnalysis))
def test_article_analysis_with_nested_records_round_trips(analysis: ArticleAnalysis) -> None:
    assert from_dict(ArticleAnalysis, to_dict(analysis)) == analysis


ROLE = Role(text="Russian President", span=Span("a1", 0, 17))
ANALYSIS = ArticleAnalysis(
    article="a1",
    sentences=((0, 10), (11, 20)),
    mentions=(Mention(span=Span("a1", 18, 24), text="Putin", label="PERSON"),),
    roles=((0, ROLE),),
    quotes=(Quote(id="q1", span=Span("a1", 1, 5), text="yes", kind="direct"),),
    quality=Quality(score=0.5, spun=False),
)


def test_to_dict_is_json_ready_lists_dicts_and_nulls() -> None:
    data = to_dict(ANALYSIS)
    assert data["sentences"] == [[0, 10], [11, 20]]
    assert data["roles"] == [
        [0, {"text": "Russian President", "span": {"article": "a1", "start": 0, "end": 17}}]
    ]
    assert data["quality"] == {"score": 0.5, "spun": False, "flags": []}
    assert data["published"] is None
    assert data["quotes"][0]["speaker"] is None
    json.dumps(data)  # no tuples or dataclasses left


def test_from_dict_rebuilds_tuples_not_lists() -> None:
    rebuilt = from_dict(ArticleAnalysis, to_dict(ANALYSIS))
    assert rebuilt.sentences == ((0, 10), (11, 20))
    assert isinstance(rebuilt.roles[0], tuple)
    assert rebuilt.roles[0][1] == ROLE


def test_missing_keys_with_defaults_take_the_defaults() -> None:
    """JSON stored before a field existed still loads."""
    article = from_dict(Article, {"id": "a1", "source": "s.txt", "title": "T", "text": "Body"})
    assert article == Article(id="a1", source="s.txt", title="T", text="Body")
    assert from_dict(RemovedLine, {"line": "Share this", "reason": "boilerplate"}).lineno == 0


def test_missing_required_key_raises() -> None:
    with pytest.raises(ValueError, match="missing required key 'text'"):
        from_dict(Article, {"id": "a1", "source": "s.txt", "title": "T"})


def test_unknown_key_raises() -> None:
    data = to_dict(Article(id="a1", source="s", title="T", text="B")) | {"colour": "red"}
    with pytest.raises(ValueError, match=r"unknown key.*'colour'"):
        from_dict(Article, data)


def test_unknown_key_in_a_nested_record_names_its_path() -> None:
    data = to_dict(Article(id="a1", source="s", title="T", text="B"))
    data["published"]["zone"] = "UTC"
    with pytest.raises(ValueError, match=r"Article\.published: unknown key"):
        from_dict(Article, data)


@pytest.mark.parametrize(
    ("cls", "data", "message"),
    [
        (Published, {"how": "guessed"}, "not one of"),
        (Published, {"confidence": "high"}, "Published.confidence"),
        (Published, {"evidence": "one string"}, "expected an array"),
        (RemovedLine, {"line": "x", "reason": "y", "lineno": True}, "expected int"),
        (RemovedLine, {"line": 3, "reason": "y"}, "expected str"),
        (ArticleAnalysis, {"article": "a", "sentences": [[0, 1, 2]]}, "expected 2 items"),
        (ArticleAnalysis, {"article": "a", "quality": []}, "expected an object"),
    ],
)
def test_values_that_do_not_fit_the_type_raise(cls: type[Any], data: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        from_dict(cls, data)


def test_integers_are_accepted_for_float_fields() -> None:
    published = from_dict(Published, {"confidence": 1})
    assert published.confidence == 1.0
    assert isinstance(published.confidence, float)


def test_to_dict_rejects_non_records() -> None:
    with pytest.raises(ValueError):
        to_dict({"id": "a1"})
    with pytest.raises(ValueError):
        to_dict(Article)
