"""Every record field whose values form a closed set is a ``Literal`` alias, and each alias allows
exactly the values the story.json schema's enum for that field allows, in the same order: the
types and the published contract cannot drift apart."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any, get_args, get_type_hints

import pytest

from newsprism import records

SCHEMA = json.loads(files("newsprism").joinpath("schema/story.schema.json").read_text(encoding="utf-8"))

#: (record, field, alias, path of the field's schema in story.schema.json)
CLOSED_SETS = [
    (records.Entity, "type", records.EntityType, "entities.type"),
    (records.Conflict, "kind", records.ConflictKind, "conflicts.kind"),
    (records.Conflict, "severity", records.Severity, "conflicts.severity"),
    (records.Claim, "kind", records.ClaimKind, "claims.kind"),
    (records.TimelineEvent, "precision", records.TimelinePrecision, "timeline.precision"),
    (records.TimeExpression, "type", records.TimexType, "time_expressions.type"),
    (records.QuoteVariant, "match", records.QuoteMatch, "quote_groups.variants.match"),
    (records.Quote, "kind", records.QuoteKind, "quotes.kind"),
    (records.Published, "how", records.PublishedHow, "$defs.published.how"),
    (records.CopyRelation, "kind", records.CopyKind, "$defs.relation.kind"),
]


def schema_of(path: str) -> dict[str, Any]:
    """The schema of a story.json field: ``a.b.c`` walks array items and object properties from
    the top; ``$defs.name.field`` starts at a shared definition."""
    parts = path.split(".")
    node: dict[str, Any] = SCHEMA
    if parts[0] == "$defs":
        node, parts = SCHEMA["$defs"][parts[1]], parts[2:]
    for part in parts:
        while "items" in node:
            node = node["items"]
        node = node["properties"][part]
    return node


@pytest.mark.parametrize(
    ("record", "name", "alias", "path"), CLOSED_SETS, ids=lambda x: getattr(x, "__name__", x)
)
def test_the_alias_allows_exactly_the_schema_enum(record: type, name: str, alias: Any, path: str) -> None:
    assert get_args(alias) == tuple(schema_of(path)["enum"])


@pytest.mark.parametrize(
    ("record", "name", "alias", "path"), CLOSED_SETS, ids=lambda x: getattr(x, "__name__", x)
)
def test_the_record_field_is_typed_by_the_alias(record: type, name: str, alias: Any, path: str) -> None:
    assert get_type_hints(record, vars(records))[name] == alias
