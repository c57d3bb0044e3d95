"""The machinery shared by all quality gates: finding data, floors, and checking figures."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

REPO_ROOT = Path(__file__).resolve().parents[2]
FLOORS_FILE = REPO_ROOT / "quality" / "floors.toml"


class DataMissing(Exception):
    """The gate's data is not on this machine; the gate is skipped with this reason."""


def shared_dir() -> Path:
    """``../shared`` beside the repository (or ``$NEWSPRISM_SHARED``)."""
    override = os.environ.get("NEWSPRISM_SHARED")
    return Path(override) if override else REPO_ROOT.parent / "shared"


def require(path: Path) -> Path:
    """``path`` if it exists, else raise :class:`DataMissing` naming it."""
    if not path.exists():
        raise DataMissing(f"{path} not found (the shared data folder is absent)")
    return path


@dataclass(frozen=True, slots=True)
class Limit:
    """A pinned bound on one figure: a floor (higher is better, the usual case) or a ceiling
    (lower is better, e.g. the share of clean pages wrongly flagged)."""

    value: float
    kind: Literal["floor", "ceiling"] = "floor"

    def allows(self, figure: float) -> bool:
        if self.kind == "ceiling":
            return figure - 1e-9 <= self.value
        return figure + 1e-9 >= self.value


def load_floors(path: Path = FLOORS_FILE) -> dict[str, dict[str, Limit]]:
    """``{gate: {figure: limit}}`` from the pinned floors file: a number is a floor, an inline
    table ``{ ceiling = 0.03 }`` a ceiling."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return {gate: {k: _limit(gate, k, v) for k, v in figs.items()} for gate, figs in data.items()}


def _limit(gate: str, figure: str, value: object) -> Limit:
    if isinstance(value, dict) and set(value) == {"ceiling"}:
        return Limit(float(value["ceiling"]), "ceiling")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Limit(float(value), "floor")
    raise ValueError(f"floors.toml [{gate}] {figure}: expected a number or {{ ceiling = number }}")


@dataclass(frozen=True, slots=True)
class Verdict:
    figure: str
    value: float
    limit: Limit | None

    @property
    def ok(self) -> bool:
        return self.limit is None or self.limit.allows(self.value)


def judge(figures: Mapping[str, float], limits: Mapping[str, Limit]) -> list[Verdict]:
    """One verdict per figure (figures without a limit are printed, never failed); a limit naming
    a figure the gate did not produce fails, so a renamed figure cannot slip through."""
    verdicts = [Verdict(name, float(value), limits.get(name)) for name, value in figures.items()]
    for name, limit in limits.items():
        if name not in figures:
            verdicts.append(Verdict(name, float("nan"), limit))
    return verdicts
