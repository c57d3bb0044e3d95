"""Quality gate: quantities against ../shared/gold (value + unit over core figures).

The seeds go through the product once (:func:`quality.gates.product.story_of`, exactly
``newsprism analyze ../shared/seeds``); the quantities scored are those the story reports for the
article read from each gold file's seed, placed back on the seed's lines
(:class:`quality.gates.product.LineMap`: the cleaner keeps whole lines). The product analyses the
clean body only, never the headline: a gold figure on the headline line (the gold covers "every
numeral in headline + body"; none of the five seeds has one) cannot be matched and counts as a
miss. Predictions on lines the gold marks as boilerplate are out of scope here (the cleaning gate
scores those lines) and are counted separately as ``boilerplate_predictions``, not as errors.

A prediction matches a gold quantity when it is on the same line, its span overlaps the gold
``text`` there, the values agree (relative tolerance 1e-6) and the categories are compatible (and
the units too, where the gold unit maps onto ours). Matching is one-to-one, core gold first. A
prediction matching a core figure is a true positive; one matching a non-core figure (ordinals,
anaphoric counts, reference periods) is neutral; one matching nothing is a false positive.
Recall is over core figures.

Secondary figures over matched core figures: ``measure_coverage`` (our measure shares a content
word with the gold measure), ``period_coverage`` (where the gold has a period, ours shares a
content word with it), ``direction_coverage`` (where the gold measure describes a change such as
growth, increase, fall or recapture, we found a direction).
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsprism.records import Quantity

from .gate import require
from .product import LineMap, by_file, story_of

INPUTS = ("../shared/gold", "../shared/seeds")
"""The gold/eval data this gate reads (their hashes are pinned in floors.toml)."""

_COMPATIBLE: dict[str, frozenset[str]] = {
    "duration": frozenset({"duration", "period"}),
    "period": frozenset({"duration", "period"}),
}
#: Gold unit spellings -> our unit names (units the gold writes differently).
_GOLD_UNITS: dict[str, str] = {
    "km2": "area:sq_km",
    "mi2": "area:sq_mi",
    "km": "length:km",
    "mi": "length:mi",
    "usd": "currency:USD",
    "percent": "percent",
    "fraction": "fraction",
    "ordinal": "ordinal",
}
_DURATION_UNIT = re.compile(r"^(second|minute|hour|day|week|month|year|decade|centur(?:y|ie))s?$")
_CHANGE_WORDS = ("growth", "increase", "fall", "rise", "decline", "drop", "recaptur", "decrease")
_WORD = re.compile(r"[A-Za-z0-9]+")
_STOP = frozenset({"the", "of", "and", "to", "in", "for", "its", "that", "this", "with", "same"})


@dataclass(frozen=True, slots=True)
class Predicted:
    """A predicted quantity located on a seed line (1-based), with its span on that line."""

    quantity: Quantity
    line: int
    start: int
    end: int


def _words(text: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "") if w.lower() not in _STOP and len(w) > 2}


def _gold_unit(gold: dict[str, Any]) -> str | None:
    unit = str(gold.get("unit", "")).lower()
    if unit in _GOLD_UNITS:
        return _GOLD_UNITS[unit]
    m = _DURATION_UNIT.match(unit)
    if m:
        base = m.group(1).replace("centurie", "century")
        return "duration:" + base
    return None  # "count", "words": compared by category only


def _compatible(pred: Quantity, gold: dict[str, Any]) -> bool:
    category = str(gold["category"])
    if pred.category not in _COMPATIBLE.get(category, frozenset({category})):
        return False
    unit = _gold_unit(gold)
    return unit is None or unit == pred.unit or category in ("count",)


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-12)


def _gold_spans(gold: dict[str, Any], lines: list[str]) -> list[tuple[int, int]]:
    """Character spans of the gold ``text`` on its line (all occurrences; ``occurrence`` picks one)."""
    line = lines[int(gold["line"]) - 1]
    text = str(gold["text"])
    spans = [(m.start(), m.start() + len(text)) for m in re.finditer(re.escape(text), line)]
    occurrence = gold.get("occurrence")
    if occurrence and len(spans) >= int(occurrence):
        return [spans[int(occurrence) - 1]]
    return spans


def predicted(seed_text: str, clean: str, quantities: Sequence[Quantity]) -> list[Predicted]:
    """The product's quantities of one article placed on the seed's lines (1-based); one that cannot
    be placed on a seed line cannot match and stays, as a miss on line 0."""
    lines = LineMap.build(seed_text, clean)
    line_starts = [0]
    for source_line in seed_text.split("\n")[:-1]:
        line_starts.append(line_starts[-1] + len(source_line) + 1)
    out: list[Predicted] = []
    for q in quantities:
        span = lines.to_source(q.span.start, q.span.end)
        if span is None:
            out.append(Predicted(q, 0, q.span.start, q.span.end))
            continue
        line = bisect.bisect_right(line_starts, span[0])
        base = line_starts[line - 1]
        out.append(Predicted(q, line, span[0] - base, span[1] - base))
    return out


def score(
    gold_items: list[dict[str, Any]], preds: list[Predicted], lines: list[str], boilerplate: set[int]
) -> dict[str, int]:
    """Counts for one article: tp, fp, fn, neutral, boilerplate, and secondary-figure tallies."""
    keys = ("tp", "fp", "fn", "neutral", "boilerplate", "measure_n", "measure_ok", "period_n")
    counts = dict.fromkeys((*keys, "period_ok", "direction_n", "direction_ok"), 0)
    spans = [_gold_spans(g, lines) for g in gold_items]
    used: set[int] = set()
    order = sorted(range(len(gold_items)), key=lambda k: not gold_items[k].get("core"))
    for p in preds:
        if p.line in boilerplate:
            counts["boilerplate"] += 1
            continue
        hit = None
        for k in order:
            g = gold_items[k]
            if k in used or int(g["line"]) != p.line:
                continue
            if not any(s < p.end and p.start < e for s, e in spans[k]):
                continue
            if _same_value(p.quantity.value, float(g["value"])) and _compatible(p.quantity, g):
                hit = k
                break
        if hit is None:
            counts["fp"] += 1
            continue
        used.add(hit)
        g = gold_items[hit]
        if not g.get("core"):
            counts["neutral"] += 1
            continue
        counts["tp"] += 1
        q = p.quantity
        if g.get("measure"):
            counts["measure_n"] += 1
            counts["measure_ok"] += bool(_words(q.measure) & _words(str(g["measure"])))
        if g.get("period") and not str(g["period"]).startswith("recent days"):
            counts["period_n"] += 1
            counts["period_ok"] += bool(_words(q.period) & _words(str(g["period"])))
        if any(w in str(g.get("measure", "")).lower() for w in _CHANGE_WORDS):
            counts["direction_n"] += 1
            counts["direction_ok"] += q.direction is not None
    counts["fn"] = sum(1 for k, g in enumerate(gold_items) if g.get("core") and k not in used)
    return counts


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def run(shared: Path) -> dict[str, float]:
    """Precision, recall and F1 of value + unit over core gold figures, plus secondary figures."""
    gold_dir = require(shared / "gold")
    seeds = require(shared / "seeds")
    read = by_file(story_of(seeds))
    total: dict[str, int] = {}
    for gold_path in sorted(gold_dir.glob("0*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        seed = require(seeds / str(gold["file"]))
        text = seed.read_text(encoding="utf-8")
        lines = text.split("\n")
        boilerplate = {n for n, line in enumerate(lines, 1) if line in set(gold.get("boilerplate_lines", []))}
        boilerplate.discard(next(n for n, line in enumerate(lines, 1) if line.strip()))  # headline
        article, analysis = read[seed.name]
        preds = predicted(text, article.text, analysis.quantities)
        for key, value in score(list(gold["quantities"]), preds, lines, boilerplate).items():
            total[key] = total.get(key, 0) + value
    precision = _ratio(total["tp"], total["tp"] + total["fp"])
    recall = _ratio(total["tp"], total["tp"] + total["fn"])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"  quantities: counts {total}")
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "measure_coverage": _ratio(total["measure_ok"], total["measure_n"]),
        "period_coverage": _ratio(total["period_ok"], total["period_n"]),
        "direction_coverage": _ratio(total["direction_ok"], total["direction_n"]),
        "boilerplate_predictions": float(total["boilerplate"]),
    }
