"""Quality gate: direct quotes and their speakers against ``../shared/gold`` (five seed articles).

The seeds go through the product once (:func:`quality.gates.product.story_of`, exactly
``newsprism analyze ../shared/seeds``: read by the plain-text reader, which takes the first
non-empty line as the headline, cleaned, parsed, analysed, and linked across the articles, which
resolves speakers). The quotes scored are those the story reports for the article read from each
gold file's seed, on its clean text.

Figures:

* ``f1`` -- quote detection. Gold quotes are the quotation-mark pairs of each article (all gold
  items are ``kind: direct``; gold quotes in the headline are left out because the headline is not
  part of the body the extractor sees). Predictions are our quotes of quoted words, ``direct`` and ``partial`` (a phrase woven into
  the narrator's sentence, the gold's ``fragment``), as the gold has one item per quotation-mark
  pair: the gold
  annotates no reported speech, so our indirect attributions are neither credited nor charged
  here (the polnear gate scores them). A prediction matches a gold quote when it covers at least
  80% of the gold quote's characters (overlap / len(gold)); matching is one-to-one, largest overlap
  first. ``borderline`` gold quotes count like the others.
* ``speaker_accuracy`` -- over matched quotes: the predicted ``speaker_name`` equals the gold
  ``speaker`` after normalising case and whitespace, ignoring a parenthetical qualifier
  ("Chinese government (official readout)" -> "Chinese government"). Also correct: a spelling
  variant of the gold speaker listed in the gold ``people``/``organizations`` (the article's own
  spelling, e.g. "Vladmir Putin"); for joint statements (gold ``speakers``) any listed speaker or
  the joint name; for unnamed gold speakers ("unnamed analysts", "... (unnamed)") a prediction
  left unresolved as unnamed, since the issue forbids guessing a name.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from newsprism.records import QUOTED_KINDS, Quote

from .gate import require
from .product import by_file, story_of

INPUTS = ("../shared/gold", "../shared/seeds")
"""The gold/eval data this gate reads (their hashes are pinned in floors.toml)."""

MIN_COVER = 0.8
_WS = re.compile(r"\s+")
_PAREN = re.compile(r"\s*\([^)]*\)")


def norm(name: str | None) -> str:
    """Lower-case, whitespace-normalised, parenthetical qualifiers and a leading "the" removed."""
    text = _WS.sub(" ", _PAREN.sub("", name or "")).strip().lower()
    return text[4:] if text.startswith("the ") else text


def _cover(gold: tuple[int, int], pred: tuple[int, int]) -> float:
    overlap = max(0, min(gold[1], pred[1]) - max(gold[0], pred[0]))
    return overlap / max(1, gold[1] - gold[0])


def _locate(text: str, quote: str, used: set[int]) -> tuple[int, int] | None:
    """Character span of a gold quote in ``text`` (first unused occurrence)."""
    start = text.find(quote)
    while start >= 0 and start in used:
        start = text.find(quote, start + 1)
    if start < 0:
        return None
    used.add(start)
    return start, start + len(quote)


def accepted_names(gold: dict[str, Any], entities: list[dict[str, Any]]) -> set[str]:
    """Normalised names that count as the gold speaker (canonical, listed speakers, variants)."""
    names = {norm(gold.get("speaker"))}
    names.update(norm(s) for s in gold.get("speakers", []))
    for ent in entities:
        canon = norm(ent.get("name") or ent.get("canonical"))
        if canon in names:
            names.update(norm(v) for v in ent.get("variants", []) if isinstance(v, str))
    return {n for n in names if n}


def speaker_ok(pred: Quote, gold: dict[str, Any], entities: list[dict[str, Any]]) -> bool:
    """Whether ``pred`` names the gold speaker (see the module docstring)."""
    raw = str(gold.get("speaker", ""))
    if pred.speaker_name is None:
        return ("unnamed" in raw.lower()) and bool(pred.unresolved) and "unnamed" in pred.unresolved
    names = accepted_names(gold, entities)
    predicted = norm(pred.speaker_name)
    if predicted in names:
        return True
    parts = {norm(p) for p in pred.speaker_name.split(" and ")}
    return len(parts) > 1 and parts <= names


def score_article(gold: dict[str, Any], text: str, quotes: list[Quote]) -> dict[str, int]:
    """Counts for one article: gold, predicted, matched, speaker-correct."""
    entities = list(gold.get("people", [])) + list(gold.get("organizations", []))
    used: set[int] = set()
    golds: list[tuple[tuple[int, int], dict[str, Any]]] = []
    for g in gold.get("quotes", []):
        if g.get("in_headline"):
            continue
        span = _locate(text, g["text"], used)
        if span is None:
            print(f"  gold quote not in body: {g['text'][:60]!r}")
            continue
        golds.append((span, g))
    preds = [q for q in quotes if q.kind in QUOTED_KINDS]
    pairs = sorted(
        (
            (_cover(gs, (p.span.start, p.span.end)), gi, pi)
            for gi, (gs, _) in enumerate(golds)
            for pi, p in enumerate(preds)
        ),
        reverse=True,
    )
    gold_done: set[int] = set()
    pred_done: set[int] = set()
    matched = correct = 0
    for cover, gi, pi in pairs:
        if cover < MIN_COVER:
            break
        if gi in gold_done or pi in pred_done:
            continue
        gold_done.add(gi)
        pred_done.add(pi)
        matched += 1
        g = golds[gi][1]
        if speaker_ok(preds[pi], g, entities):
            correct += 1
        else:
            print(
                f"  speaker: {g['text'][:40]!r} gold={g.get('speaker')!r} got={preds[pi].speaker_name!r} ({preds[pi].unresolved})"
            )
    for gi, (_, g) in enumerate(golds):
        if gi not in gold_done:
            print(f"  missed: {g['text'][:60]!r}")
    for pi, p in enumerate(preds):
        if pi not in pred_done:
            print(f"  extra: {p.text[:60]!r} ({p.speaker_name})")
    return {"gold": len(golds), "pred": len(preds), "matched": matched, "correct": correct}


def run(shared: Path) -> dict[str, float]:
    """Score quote detection and speaker attribution over the five gold articles."""
    gold_dir = require(shared / "gold")
    seeds = require(shared / "seeds")
    read = by_file(story_of(seeds))
    totals = {"gold": 0, "pred": 0, "matched": 0, "correct": 0}
    for gold_file in sorted(gold_dir.glob("0*.gold.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        seed = require(seeds / str(gold.get("file") or gold_file.name.replace(".gold.json", ".txt")))
        article, analysis = read[seed.name]
        print(f"[quotes] {seed.name}")
        counts = score_article(gold, article.text, list(analysis.quotes))
        for key, value in counts.items():
            totals[key] += value
    precision = totals["matched"] / totals["pred"] if totals["pred"] else 0.0
    recall = totals["matched"] / totals["gold"] if totals["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    figures = {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "speaker_accuracy": totals["correct"] / totals["matched"] if totals["matched"] else 0.0,
        "gold_quotes": float(totals["gold"]),
        "predicted_quotes": float(totals["pred"]),
        "matched_quotes": float(totals["matched"]),
    }
    for name, value in figures.items():
        print(f"  {name} = {value:.4f}")
    return figures
