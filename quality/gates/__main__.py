"""Run the quality gates: ``python -m quality.gates [GATE ...] [--update-hashes] [--update-floors
[--allow-lower]]``.

Each gate runs, prints every figure and fails when one is past its limit in ``floors.toml``, or
when an input it reads (``INPUTS``) no longer has the sha256 pinned there. ``--update-hashes``
re-pins the hashes of the gates run (after a deliberate change of the data, once the figures have
been read); ``--update-floors`` moves each limit to its measured figure but refuses to lower a bar
(prints which, fails) unless ``--allow-lower`` is given too.
"""

from __future__ import annotations

import argparse
import importlib
import math
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from . import GATES
from .floors_file import set_table
from .gate import (
    FLOORS_FILE,
    INPUTS_TABLE,
    DataMissing,
    Limit,
    input_hashes,
    input_problems,
    judge,
    load_floors,
    load_pins,
    repinned,
    shared_dir,
    toml_value,
)


def _parser(names: Sequence[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m quality.gates", description=__doc__.split("\n\n")[1])
    parser.add_argument(
        "gates", nargs="*", metavar="GATE", help="gates to run (default: all): " + ", ".join(names)
    )
    parser.add_argument(
        "--update-hashes", action="store_true", help="re-pin the input hashes of the gates run"
    )
    parser.add_argument("--update-floors", action="store_true", help="move each limit to its measured figure")
    parser.add_argument(
        "--allow-lower", action="store_true", help="with --update-floors: allow lowering a bar"
    )
    return parser


def main(
    argv: Sequence[str],
    gates: Sequence[str] = GATES,
    floors_file: Path = FLOORS_FILE,
    shared: Path | None = None,
) -> int:
    names = [g.rsplit(".", 1)[-1] for g in gates]
    parser = _parser(names)
    args = parser.parse_args(list(argv))
    unknown = [g for g in args.gates if g not in names]
    if unknown:
        parser.error(f"unknown gate {', '.join(unknown)} (gates: {', '.join(names)})")
    if args.allow_lower and not args.update_floors:
        parser.error("--allow-lower only goes with --update-floors")
    wanted = args.gates or names
    data = shared if shared is not None else shared_dir()
    failed: list[str] = []
    for module_name, short in zip(gates, names, strict=True):
        if short in wanted:
            failed += _run_gate(importlib.import_module(module_name), short, data, floors_file, args)
    if failed:
        print(f"quality gates FAILED: {', '.join(failed)}")
        return 1
    print("quality gates passed")
    return 0


def _run_gate(
    module: ModuleType, short: str, shared: Path, floors_file: Path, args: argparse.Namespace
) -> list[str]:
    """Run one gate, check its inputs and figures (re-pinning as asked); the names that failed."""
    started = time.perf_counter()
    try:
        figures = module.run(shared)
    except DataMissing as exc:
        print(f"[gate {short}] SKIPPED: {exc}")
        return []
    print(f"[gate {short}] ({time.perf_counter() - started:.1f}s)")
    failed: list[str] = []
    hashes = input_hashes(module.INPUTS, shared)
    problems = input_problems(load_pins(floors_file).get(short, {}), hashes)
    if problems and args.update_hashes:
        _write(
            floors_file, f"{short}.{INPUTS_TABLE}", {k: f'"{v}"' for k, v in hashes.items()}, drop_others=True
        )
        print(f"  re-pinned the input hashes: {'; '.join(problems)}")
    else:
        for problem in problems:
            print(
                f"  FAIL {problem} (check the figures, then re-pin: python -m quality.gates {short} --update-hashes)"
            )
            failed.append(f"{short}.inputs")
    limits = load_floors(floors_file).get(short, {})
    if args.update_floors and limits:
        limits, refused = repinned(limits, figures, args.allow_lower)
        _write(floors_file, short, {k: toml_value(v) for k, v in limits.items()})
        for name, why in refused.items():
            print(f"  REFUSED {name}: {why}")
            failed.append(f"{short}.{name}")
    failed += _report(short, figures, limits)
    return failed


def _report(short: str, figures: dict[str, float], limits: dict[str, Limit]) -> list[str]:
    failed = []
    for v in judge(figures, limits):
        bound = "" if v.limit is None else f"  {v.limit.kind} {v.limit.value:.3f}"
        value = "missing" if math.isnan(v.value) else f"{v.value:.4f}"
        print(f"  {'ok  ' if v.ok else 'FAIL'} {v.figure:<40} {value}{bound}")
        if not v.ok:
            failed.append(f"{short}.{v.figure}")
    return failed


def _write(floors_file: Path, table: str, values: dict[str, str], drop_others: bool = False) -> None:
    text = floors_file.read_text(encoding="utf-8")
    floors_file.write_text(set_table(text, table, values, drop_others), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
