"""One way to build a conflict: its id is the hash of its kind and the values it cites.

Nine construction sites once hashed five different recipes (an entity id, a group id, sorted
quantity ids, ``article:start`` with or without the value), so two conflicts about the same cited
values could get unrelated ids depending on which step found them.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import newsprism
from newsprism.link.conflicts import make_conflict
from newsprism.records import Citation, ConflictValue, Span

A = ConflictValue("12 sq mi", Citation(Span("a", 10, 18), "12 sq mi"))
B = ConflictValue("15 sq mi", Citation(Span("b", 40, 48), "15 sq mi"))


def test_the_builder_fills_every_field_it_is_given() -> None:
    c = make_conflict("quantity", "area: flooded", "contradiction", [A, B])
    assert (c.kind, c.subject, c.severity, c.values) == ("quantity", "area: flooded", "contradiction", (A, B))


def test_the_id_does_not_depend_on_the_order_of_the_values() -> None:
    assert (
        make_conflict("quantity", "s", "contradiction", [A, B]).id
        == make_conflict("quantity", "s", "contradiction", [B, A]).id
    )


def test_the_id_names_the_kind_and_the_cited_values_not_the_wording_of_the_subject() -> None:
    base = make_conflict("quantity", "area: flooded", "contradiction", [A, B]).id
    assert make_conflict("quantity", "area: the flooded area", "inconsistent_detail", [A, B]).id == base
    assert make_conflict("date", "area: flooded", "contradiction", [A, B]).id != base
    moved = ConflictValue(B.value, Citation(Span("b", 41, 49), B.citation.text))
    assert make_conflict("quantity", "area: flooded", "contradiction", [A, moved]).id != base
    restated = ConflictValue("about 15 sq mi", B.citation)
    assert make_conflict("quantity", "area: flooded", "contradiction", [A, restated]).id != base


def test_no_module_builds_a_conflict_but_the_builder() -> None:
    """(The report layer reads conflicts back from story.json, keeping the ids written there.)"""
    package = Path(newsprism.__file__).parent
    sites = [
        path
        for path in sorted(package.rglob("*.py"))
        if path.parent.name != "report"
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.search(r"(?<![\w.])Conflict\(", line)
    ]
    assert sites == [Path(inspect.getfile(make_conflict))]
