"""The import rules docs/architecture.md states hold in the code: each package imports only what
its row of the table allows, so the map a newcomer reads is the code's own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "newsprism"
DOC = ROOT / "docs" / "architecture.md"


def allowed() -> dict[str, set[str]]:
    """Package -> the packages its row of the table may import."""
    rules: dict[str, set[str]] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        name = cells[0].strip("`").removesuffix("/").removesuffix(".py")
        may = cells[2]
        if may.startswith("nothing") or may.startswith("all of the above"):
            rules[name] = set() if may.startswith("nothing") else {"*"}
            continue
        rules[name] = {w for w in re.findall(r"[a-z_]+", re.sub(r"\([^)]*\)", "", may))}
    return rules


def imported(top: str) -> set[str]:
    """The top-level newsprism packages/modules the code of ``top`` imports (relative imports)."""
    paths = (
        [PACKAGE / f"{top}.py"] if (PACKAGE / f"{top}.py").exists() else list((PACKAGE / top).rglob("*.py"))
    )
    found: set[str] = set()
    for path in paths:
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        package = parts[:-1]  # a module's package; for an __init__, its own package
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = [*base, *(node.module.split(".") if node.module else [])]
                if not target:  # "from .. import __version__": the package root
                    continue
                if target[0] != top:
                    found.add(target[0])
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newsprism."):
                name = node.module.split(".")[1]
                if name != top:
                    found.add(name)
    return found


def test_every_package_is_in_the_table() -> None:
    names = {
        p.stem if p.is_file() else p.name
        for p in PACKAGE.iterdir()
        if p.suffix == ".py" or (p / "__init__.py").exists()
    }
    names -= {"__init__", "__main__"}
    assert names <= set(allowed()), (
        f"packages missing from docs/architecture.md: {sorted(names - set(allowed()))}"
    )


def test_each_package_imports_only_what_the_table_allows() -> None:
    rules = allowed()
    broken = {}
    for name, may in rules.items():
        if "*" in may:
            continue
        extra = imported(name) - may
        if extra:
            broken[name] = sorted(extra)
    assert broken == {}, f"imports the architecture table does not allow: {broken}"


def test_nothing_imports_the_cli_or_the_gates() -> None:
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if path.name not in {"cli.py", "__main__.py"}:
            assert not re.search(r"^\s*from \.+cli import|import newsprism\.cli", text, re.M), path
        assert not re.search(r"^\s*(?:from|import) quality\b", text, re.M), path
