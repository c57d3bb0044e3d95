"""Quality gates: scripts that score newsprism against gold and benchmark data.

Each gate module exposes ``run(shared: Path) -> dict[str, float]`` returning named figures, and is
listed in :data:`GATES`. ``python -m quality.gates`` runs every gate, prints every figure, and
fails when a figure is past its floor (or ceiling) pinned in ``quality/floors.toml``. Data lives in
``../shared`` (found relative to the repository root); a gate whose data is absent is skipped with
the reason printed.
"""

from __future__ import annotations

GATES: tuple[str, ...] = (
    "quality.gates.cleaning",
    "quality.gates.extraction",
    "quality.gates.quotes",
    "quality.gates.polnear",
    "quality.gates.people",
    "quality.gates.spun",
    "quality.gates.quantities",
    "quality.gates.timex",
    "quality.gates.tbaq",
    "quality.gates.story",
    "quality.gates.multinews",
    "quality.gates.clustering",
)
