"""docs/web.md's endpoint reference is the one the app's OpenAPI document gives."""

from __future__ import annotations

from pathlib import Path

from newsprism.web.reference import END, START, current, rewrite

DOC = Path(__file__).resolve().parents[3] / "docs" / "web.md"


def test_the_endpoint_reference_in_docs_matches_the_openapi_document() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert START in text and END in text
    assert rewrite(text, current()) == text, "run: python -m newsprism.web.reference docs/web.md"


def test_every_api_path_is_in_the_reference() -> None:
    from newsprism.web import create_app

    generated = current()
    for path, methods in create_app().openapi()["paths"].items():
        for method in methods:
            assert f"### `{method.upper()} {path}`" in generated
