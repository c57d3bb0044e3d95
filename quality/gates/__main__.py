"""Run every quality gate: ``python -m quality.gates [GATE ...]``."""

from __future__ import annotations

import importlib
import math
import sys
import time

from . import GATES
from .gate import DataMissing, judge, load_floors, shared_dir


def main(argv: list[str]) -> int:
    wanted = argv or [g.rsplit(".", 1)[-1] for g in GATES]
    floors = load_floors()
    failed: list[str] = []
    for module_name in GATES:
        short = module_name.rsplit(".", 1)[-1]
        if short not in wanted:
            continue
        started = time.perf_counter()
        module = importlib.import_module(module_name)
        try:
            figures = module.run(shared_dir())
        except DataMissing as exc:
            print(f"[gate {short}] SKIPPED: {exc}")
            continue
        took = time.perf_counter() - started
        print(f"[gate {short}] ({took:.1f}s)")
        for v in judge(figures, floors.get(short, {})):
            bound = "" if v.limit is None else f"  {v.limit.kind} {v.limit.value:.3f}"
            value = "missing" if math.isnan(v.value) else f"{v.value:.4f}"
            mark = "ok  " if v.ok else "FAIL"
            print(f"  {mark} {v.figure:<40} {value}{bound}")
            if not v.ok:
                failed.append(f"{short}.{v.figure}")
    if failed:
        print(f"quality gates FAILED: {', '.join(failed)}")
        return 1
    print("quality gates passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
