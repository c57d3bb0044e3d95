"""What ships: the wheel holds the product only, no evaluation code and no dev-only imports.

The quality gates live in ``quality/gates`` at the repository root, outside ``src/newsprism``, so
``pip wheel .`` cannot pick them up; these tests check the built wheel itself (when the installed
build backend can build one, without network) and, always, the package sources it is built from.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGE = REPO_ROOT / "src" / "newsprism"

#: Installed for development and evaluation only (``pip install -e '.[dev]'``), never by users.
DEV_ONLY = frozenset({"textacy", "rouge_score", "pytest", "hypothesis"})
#: Module names that belong to evaluation, not to the product.
EVAL_NAMES = frozenset({"eval", "evals", "gates", "gate", "baselines", "summary_baselines"})


def dev_imports(source: str, name: str) -> set[str]:
    """Top-level modules from :data:`DEV_ONLY` that ``source`` imports, anywhere in the file (an
    import inside a function still fails for a user without the dev extras)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source, filename=name)):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found & DEV_ONLY


def eval_modules(paths: Iterable[str]) -> list[str]:
    """The paths among ``paths`` (POSIX, inside the package) that name evaluation code."""
    return [p for p in paths if {part.removesuffix(".py") for part in p.split("/")} & EVAL_NAMES]


def test_the_checks_catch_what_they_look_for() -> None:
    source = "import os\nfrom rouge_score import rouge_scorer\ndef f():\n    import textacy.extract\n"
    assert dev_imports(source, "x.py") == {"rouge_score", "textacy"}
    assert dev_imports("from . import pytest\nimport pytestx\n", "y.py") == set()
    assert eval_modules(
        ["newsprism/eval/story.py", "newsprism/summarize/baselines.py", "newsprism/cli.py"]
    ) == [
        "newsprism/eval/story.py",
        "newsprism/summarize/baselines.py",
    ]


def test_the_package_sources_hold_no_evaluation_code_and_no_dev_only_import() -> None:
    assert not (PACKAGE / "eval").exists()
    files = sorted(PACKAGE.rglob("*.py"))
    assert files
    rel = [p.relative_to(PACKAGE.parent).as_posix() for p in files]
    assert eval_modules(rel) == []
    imports = {r: dev_imports(p.read_text(encoding="utf-8"), r) for r, p in zip(rel, files, strict=True)}
    assert {r: i for r, i in imports.items() if i} == {}


def _build_wheel(tmp_path: Path) -> Path:
    """The wheel ``pip wheel .`` builds from a copy of the sources (so the worktree gets no
    ``build/`` or ``*.egg-info``), offline; skips when the build backend is not installed.
    ``NEWSPRISM_WHEEL_PYTHON`` names another interpreter to build with."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO_ROOT / name, src / name)
    shutil.copytree(
        REPO_ROOT / "src", src / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    python = os.environ.get("NEWSPRISM_WHEEL_PYTHON", sys.executable)
    command = [python, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation", "--no-index"]
    done = subprocess.run(
        [*command, "-w", str(tmp_path / "out")], cwd=src, capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        log = done.stdout + done.stderr
        if "bdist_wheel" in log or "No module named" in log or "BackendUnavailable" in log:
            pytest.skip(f"{python} cannot build a wheel offline (is the 'wheel' package installed?)")
        pytest.fail(f"pip wheel failed:\n{log[-2000:]}")
    (wheel,) = (tmp_path / "out").glob("newsprism-*.whl")
    return wheel


@pytest.mark.wheel
def test_the_built_wheel_holds_no_evaluation_code_and_imports_no_dev_only_package(tmp_path: Path) -> None:
    with zipfile.ZipFile(_build_wheel(tmp_path)) as wheel:
        names = wheel.namelist()
        modules = {n: wheel.read(n).decode("utf-8") for n in names if n.endswith(".py")}
    assert "newsprism/pipeline.py" in modules  # the product is there
    assert [n for n in names if not n.startswith(("newsprism/", "newsprism-"))] == []
    assert eval_modules(list(modules)) == []
    assert {n: i for n in modules if (i := dev_imports(modules[n], n))} == {}
