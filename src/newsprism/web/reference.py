"""The API reference in ``docs/web.md``, generated from the app's OpenAPI document.

``python -m newsprism.web.reference docs/web.md`` rewrites the part between the two markers;
a test checks that the committed text is what the document gives, so the reference cannot drift
from the code.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

START = "<!-- api-reference:start (python -m newsprism.web.reference docs/web.md) -->"
END = "<!-- api-reference:end -->"


def _type(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type(s) for s in schema["anyOf"])
    kind = str(schema.get("type", "object"))
    if kind == "array":
        return f"list of {_type(schema.get('items', {}))}"
    bounds = [f"{k} {schema[k]}" for k in ("minimum", "maximum", "minLength", "maxLength") if k in schema]
    if "pattern" in schema:
        bounds.append(f"pattern `{schema['pattern']}`")
    return kind + (f" ({', '.join(bounds)})" if bounds else "")


def _response(answer: dict[str, Any]) -> str:
    for media, content in answer.get("content", {}).items():
        schema = content.get("schema", {})
        return f"{_type(schema) if schema else 'JSON'} ({media})"
    return "no body"


def reference(openapi: dict[str, Any]) -> str:
    """The endpoints of ``openapi`` as Markdown: each path and method, what it does, its
    parameters with their bounds, and its answers by status."""
    lines: list[str] = []
    for path, methods in openapi["paths"].items():
        for method, op in methods.items():
            lines += [f"### `{method.upper()} {path}`", ""]
            doc = (op.get("description") or op.get("summary") or "").strip()
            if doc:
                lines += [" ".join(doc.split()), ""]
            params = op.get("parameters", [])
            if params:
                lines += ["| parameter | in | type | required | description |", "|---|---|---|---|---|"]
                for p in params:
                    text = " ".join(str(p.get("description", "")).split())
                    schema = p.get("schema", {})
                    default = f" (default {schema['default']})" if "default" in schema else ""
                    required = "yes" if p.get("required") else "no"
                    lines.append(
                        f"| `{p['name']}` | {p['in']} | {_type(schema)} | {required} | {text}{default} |"
                    )
                lines.append("")
            body = op.get("requestBody", {}).get("content", {})
            if body:
                lines += [
                    "Body: " + ", or ".join(f"`{m}` ({_type(c.get('schema', {}))})" for m, c in body.items()),
                    "",
                ]
            for status, answer in op.get("responses", {}).items():
                lines.append(f"- **{status}** {answer.get('description', '')}: {_response(answer)}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def current() -> str:
    from . import create_app

    return reference(create_app().openapi())


def rewrite(doc: str, generated: str) -> str:
    """``doc`` with the text between the markers replaced by ``generated``."""
    head, start, rest = doc.partition(START)
    _, end, tail = rest.partition(END)
    if not start or not end:
        raise ValueError(f"the markers {START!r} and {END!r} are missing")
    return f"{head}{START}\n\n{generated}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else "docs/web.md")
    path.write_text(rewrite(path.read_text(encoding="utf-8"), current()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
