"""The machinery shared by all quality gates: finding data, floors, and checking figures."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
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


def load_floors(path: Path = FLOORS_FILE) -> dict[str, dict[str, float]]:
    """``{gate: {figure: floor}}`` from the pinned floors file."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return {gate: {k: float(v) for k, v in figs.items()} for gate, figs in data.items()}


@dataclass(frozen=True, slots=True)
class Verdict:
    figure: str
    value: float
    floor: float | None

    @property
    def ok(self) -> bool:
        return self.floor is None or self.value + 1e-9 >= self.floor


def judge(figures: Mapping[str, float], floors: Mapping[str, float]) -> list[Verdict]:
    """One verdict per figure (floorless figures are printed, never failed); a floor naming a
    figure the gate did not produce fails, so a renamed figure cannot slip through."""
    verdicts = [Verdict(name, float(value), floors.get(name)) for name, value in figures.items()]
    for name, floor in floors.items():
        if name not in figures:
            verdicts.append(Verdict(name, float("nan"), floor))
    return verdicts
