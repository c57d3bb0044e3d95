"""The machinery shared by all quality gates: finding data, floors, input hashes, checking figures.

Each gate module names the gold/eval inputs it reads in ``INPUTS`` (paths relative to the
repository root; ``../shared/...`` resolves to :func:`shared_dir`). ``floors.toml`` pins, per
gate, the limits of its figures (``[gate]``) and a sha256 of each input (``[gate.inputs]``): a
floor measured on other data means nothing, so a changed input fails the gate until it is re-pinned
on purpose.
"""

from __future__ import annotations

import hashlib
import math
import os
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
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


INPUTS_TABLE = "inputs"
"""The sub-table of a gate's table holding its input hashes: ``[timex.inputs]``."""


def load_floors(path: Path = FLOORS_FILE) -> dict[str, dict[str, Limit]]:
    """``{gate: {figure: limit}}`` from the pinned floors file: a number is a floor, an inline
    table ``{ ceiling = 0.03 }`` a ceiling."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return {
        gate: {k: _limit(gate, k, v) for k, v in figs.items() if k != INPUTS_TABLE}
        for gate, figs in data.items()
    }


def load_pins(path: Path = FLOORS_FILE) -> dict[str, dict[str, str]]:
    """``{gate: {input: sha256}}``: the input hashes pinned in the floors file."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return {gate: {k: str(v) for k, v in figs.get(INPUTS_TABLE, {}).items()} for gate, figs in data.items()}


SHARED_PREFIX = "../shared/"


def input_path(name: str, shared: Path) -> Path:
    """Where an ``INPUTS`` entry lives: ``../shared/x`` under ``shared``, anything else under the
    repository root."""
    if name.startswith(SHARED_PREFIX):
        return shared / name[len(SHARED_PREFIX) :]
    return REPO_ROOT / name


@cache
def digest(path: Path) -> str:
    """sha256 of a file's bytes, or of a folder: every file under it in the order of its relative
    POSIX path, each fed as its path, its size and its bytes (so a rename, a move between files or
    an added file changes the hash, and the listing order of the file system does not). Cached: the
    gates reading one folder hash it once per run."""
    h = hashlib.sha256()
    if path.is_file():
        for chunk in _chunks(path):
            h.update(chunk)
        return h.hexdigest()
    files = sorted((p.relative_to(path).as_posix(), p) for p in path.rglob("*") if p.is_file())
    for rel, p in files:
        h.update(f"{rel}\0{p.stat().st_size}\0".encode())
        for chunk in _chunks(p):
            h.update(chunk)
    return h.hexdigest()


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            yield chunk


def input_problems(pinned: Mapping[str, str], measured: Mapping[str, str]) -> list[str]:
    """One line per input whose hash is not the pinned one (changed, never pinned, or pinned but no
    longer read); empty when the gate's data is the data its floors were measured on."""
    problems = []
    for name, sha in measured.items():
        old = pinned.get(name)
        if old is None:
            problems.append(f"input {name} has no pinned hash in floors.toml")
        elif old != sha:
            problems.append(
                f"input {name} changed since its floors were pinned (sha256 {old[:12]} -> {sha[:12]}):"
                " a floor measured on other data means nothing"
            )
    problems += [
        f"input {name} is pinned but the gate no longer reads it" for name in pinned if name not in measured
    ]
    return problems


def repinned(
    limits: Mapping[str, Limit], figures: Mapping[str, float], allow_lower: bool
) -> tuple[dict[str, Limit], dict[str, str]]:
    """``(new limits, refused)``: each limit moved to its measured figure (a floor rounded down, a
    ceiling up, to 4 decimals, so the figure passes), except that one which would lower the bar (a
    floor down, a ceiling up) keeps its old value and is listed in ``refused`` (figure -> why)
    unless ``allow_lower``. A limit whose figure is missing keeps its value and is listed too."""
    out: dict[str, Limit] = {}
    refused: dict[str, str] = {}
    for name, old in limits.items():
        value = figures.get(name)
        if value is None or math.isnan(value):
            out[name] = old
            refused[name] = f"not measured, {old.kind} {old.value} kept"
            continue
        new = Limit(_round(value, old.kind), old.kind)
        lowers = new.value < old.value if old.kind == "floor" else new.value > old.value
        if lowers and not allow_lower:
            out[name] = old
            refused[name] = (
                f"measured {value:.4f}, {old.kind} {old.value} kept (lowering it needs --allow-lower)"
            )
        else:
            out[name] = new
    return out, refused


def _round(value: float, kind: Literal["floor", "ceiling"]) -> float:
    scaled = value * 1e4
    step = math.floor(scaled + 1e-6) if kind == "floor" else math.ceil(scaled - 1e-6)
    return step / 1e4


def toml_value(limit: Limit) -> str:
    """A limit as floors.toml writes it: ``0.95`` or ``{ ceiling = 0.03 }``."""
    number = repr(limit.value)
    return number if limit.kind == "floor" else f"{{ ceiling = {number} }}"


def input_hashes(names: Iterable[str], shared: Path) -> dict[str, str]:
    """``{input: sha256}`` for a gate's ``INPUTS``."""
    return {name: digest(input_path(name, shared)) for name in names}


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
