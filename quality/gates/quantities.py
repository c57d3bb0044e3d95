"""Quality gate: quantities against ../shared/gold (value + unit over core figures).

For each ``gold/0*.gold.json`` and its seed ``seeds/<file>``: the headline (first non-empty line)
and the body (everything after it) are parsed separately, once each, so the body is analysed as
the product analyses it (``Article.text`` excludes the headline) while the gold, which covers
"every numeral in headline + body", is scored in full. When :func:`newsprism.clean.to_article` is
implemented the body goes through it; otherwise the raw body is used. Either way, predictions on
lines the gold marks as boilerplate are out of scope here (the cleaning gate scores those lines)
and are counted separately as ``boilerplate_predictions``, not as errors.

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsprism.extract.quantities import extract_quantities
from newsprism.records import Quantity

from .gate import require

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


def _locate(offset: int, quantities: list[Quantity], line_starts: list[int]) -> list[Predicted]:
    """Place quantities found in a text starting at character ``offset`` of the seed file on seed
    lines (``line_starts``: seed-file offset where each line begins)."""
    out: list[Predicted] = []
    for q in quantities:
        start = offset + q.span.start
        line = bisect.bisect_right(line_starts, start)
        base = line_starts[line - 1]
        out.append(Predicted(q, line, start - base, offset + q.span.end - base))
    return out


def _clean_body(source: str, headline: str, body: str) -> str | None:
    """The body through the cleaner when it is implemented and keeps lines verbatim, else ``None``."""
    try:
        from newsprism.clean import to_article
        from newsprism.records import RawDocument

        article = to_article(RawDocument(source=source, text=body, fmt="text", title=headline))
    except NotImplementedError:
        return None
    return article.text


def _predict(nlp: Language, path: Path, text: str) -> tuple[list[Predicted], str]:
    """Predictions for one seed file: the headline and the body parsed once each."""
    lines = text.split("\n")
    line_starts = [0]
    for line in lines[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    head_idx = next(k for k, line in enumerate(lines) if line.strip())
    head_start = sum(len(line) + 1 for line in lines[:head_idx])
    headline = lines[head_idx]
    body_start = head_start + len(headline) + 1
    body = text[body_start:]
    preds = _locate(head_start, extract_quantities(nlp(headline), "headline"), line_starts)
    cleaned = _clean_body(path.name, headline, body)
    if cleaned is None:
        preds += _locate(body_start, extract_quantities(nlp(body), "body"), line_starts)
        return preds, "raw body"
    # The cleaner keeps whole lines: map each clean line back to the seed line it came from.
    doc = nlp(cleaned)
    quantities = extract_quantities(doc, "body")
    seed_pos = body_start
    clean_pos = 0
    mapping: list[tuple[int, int, int]] = []  # (clean start, clean end, seed start)
    for clean_line in cleaned.split("\n"):
        found = text.find(clean_line, seed_pos) if clean_line.strip() else -1
        if found >= 0:
            mapping.append((clean_pos, clean_pos + len(clean_line), found))
            seed_pos = found + len(clean_line)
        clean_pos += len(clean_line) + 1
    for q in quantities:
        placed = [
            _locate(s_start - c_start, [q], line_starts)[0]
            for c_start, c_end, s_start in mapping
            if c_start <= q.span.start and q.span.end <= c_end
        ]
        # A figure that cannot be placed on a seed line cannot match: it stays, as a miss (line 0).
        preds.append(placed[0] if placed else Predicted(q, 0, q.span.start, q.span.end))
    return preds, "cleaned body"


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
    from newsprism.nlp import load_pipeline

    gold_dir = require(shared / "gold")
    seeds = require(shared / "seeds")
    nlp = load_pipeline()
    total: dict[str, int] = {}
    modes: set[str] = set()
    for gold_path in sorted(gold_dir.glob("0*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        seed = require(seeds / str(gold["file"]))
        text = seed.read_text(encoding="utf-8")
        lines = text.split("\n")
        boilerplate = {n for n, line in enumerate(lines, 1) if line in set(gold.get("boilerplate_lines", []))}
        boilerplate.discard(next(n for n, line in enumerate(lines, 1) if line.strip()))  # headline
        preds, mode = _predict(nlp, seed, text)
        modes.add(mode)
        for key, value in score(list(gold["quantities"]), preds, lines, boilerplate).items():
            total[key] = total.get(key, 0) + value
    precision = _ratio(total["tp"], total["tp"] + total["fp"])
    recall = _ratio(total["tp"], total["tp"] + total["fn"])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"  quantities: body = {', '.join(sorted(modes))}; counts {total}")
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "measure_coverage": _ratio(total["measure_ok"], total["measure_n"]),
        "period_coverage": _ratio(total["period_ok"], total["period_n"]),
        "direction_coverage": _ratio(total["direction_ok"], total["direction_n"]),
        "boilerplate_predictions": float(total["boilerplate"]),
    }
