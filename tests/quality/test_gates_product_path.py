"""Every quality gate scores the path the product runs (issue 10): gates read and analyse their
input through :mod:`quality.gates.product` (the product's readers, cleaner, ``analyze_doc`` as
``run.local`` calls it, ``analyze_corpus``), never through steps called by hand."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from quality.gates import GATES
from quality.gates.product import LineMap

GATES_DIR = Path(__file__).resolve().parents[2] / "quality" / "gates"

#: Product packages a gate may reach only through :mod:`quality.gates.product`: calling their
#: steps by hand is how a gate ends up measuring a path the product does not run.
PRODUCT_STEPS = ("newsprism.ingest", "newsprism.clean", "newsprism.nlp", "newsprism.extract",
                 "newsprism.run", "newsprism.link", "newsprism.summarize", "newsprism.pipeline")  # fmt: skip
#: Product modules a gate may import: pure value primitives, which read no article text.
VALUE_PRIMITIVES = frozenset({"newsprism.extract.timex.values"})


def node_module(node: ast.AST) -> str | None:
    return node.module if isinstance(node, ast.ImportFrom) else None


#: Calls that parse text with a pipeline of the gate's own.
OWN_PARSES = frozenset({"load_pipeline", "pipe", "blank", "sentencizer"})


def _off_path(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if node_module(node) in VALUE_PRIMITIVES:
            continue  # parses a TIMEX value, reads no text: scoring uses the product's own reading
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PRODUCT_STEPS):
            found.add(f"import from {node.module}")
        elif isinstance(node, ast.Import):
            found |= {f"import {a.name}" for a in node.names if a.name.startswith(PRODUCT_STEPS)}
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in OWN_PARSES:
                found.add(f"call {name}")
    return found


@pytest.mark.parametrize("gate", [g.rsplit(".", 1)[1] for g in GATES])
def test_a_gate_reads_and_analyses_only_through_the_product_path(gate: str) -> None:
    assert _off_path(GATES_DIR / f"{gate}.py") == set()


SOURCE = "Headline\n\nFirst line  \nBoilerplate: subscribe\n\n\n\nSecond line\n"
CLEAN = "First line\n\nSecond line"


def test_line_map_places_clean_spans_on_their_source_lines() -> None:
    lines = LineMap.build(SOURCE, CLEAN)
    assert lines.to_source(0, 5) == (10, 15)  # "First"
    start = CLEAN.index("Second")
    src = lines.to_source(start, start + len("Second line"))
    assert src is not None and SOURCE[src[0] : src[1]] == "Second line"


def test_line_map_maps_a_span_over_several_lines_by_its_ends() -> None:
    lines = LineMap.build(SOURCE, CLEAN)
    src = lines.to_source(0, len(CLEAN))
    assert src is not None and SOURCE[src[0] : src[1]].startswith("First line")
    assert SOURCE[src[0] : src[1]].endswith("Second line")


def test_line_map_places_nothing_on_a_line_not_in_the_source() -> None:
    assert LineMap.build(SOURCE, "Invented line").to_source(0, 8) is None


def test_line_map_a_line_the_cleaner_changed_leaves_the_lines_after_it_placed() -> None:
    """A clean line found nowhere in the source (the cleaner repaired it) is placed on nothing; the
    search for the next line starts where the last found line ended, not at the end of the file."""
    source = "Caf\u00c3\u00a9 line\nNext line\n"
    lines = LineMap.build(source, "Caf\u00e9 line\nNext line")
    assert lines.to_source(0, 4) is None
    start = len("Caf\u00e9 line\n")
    assert lines.to_source(start, start + 4) == (source.index("Next"), source.index("Next") + 4)
