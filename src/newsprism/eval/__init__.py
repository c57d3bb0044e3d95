"""Quality gates: scripts that score newsprism against gold and benchmark data.

Each gate module exposes ``run(shared: Path) -> dict[str, float]`` returning named figures, and is
listed in :data:`GATES`. ``python -m newsprism.eval`` runs every gate, prints every figure, and
fails when a figure is past its floor (or ceiling) pinned in ``quality/floors.toml``. Data lives in
``../shared`` (found relative to the repository root); a gate whose data is absent is skipped with
the reason printed.
"""

from __future__ import annotations

GATES: tuple[str, ...] = (
    "newsprism.eval.cleaning",
    "newsprism.eval.extraction",
    "newsprism.eval.quotes",
    "newsprism.eval.polnear",
    "newsprism.eval.people",
    "newsprism.eval.spun",
    "newsprism.eval.quantities",
    "newsprism.eval.timex",
    "newsprism.eval.tbaq",
    "newsprism.eval.story",
    "newsprism.eval.multinews",
)
