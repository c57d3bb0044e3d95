"""Quality gate: people clustered into canonical entities, their roles, and spun-source detection.

The seeds go through the product once (:func:`quality.gates.product.story_of`, exactly
``newsprism analyze ../shared/seeds``: read, cleaned, parsed, analysed, and canonicalised together
by ``link_story``); each ``../shared/gold/0*.gold.json`` is scored on the article read from the
seed it names and the story's entities. Figures:

* ``bcubed_precision`` / ``bcubed_recall`` / ``bcubed_f1``: B-cubed over every gold person
  occurrence (each gold variant located in the clean text with word boundaries, longest first,
  outside gold boilerplate lines). The gold cluster is the canonical person; the predicted cluster
  is the person entity of our mention covering the occurrence (an uncovered occurrence is its own
  singleton, which costs recall);
* ``persons_found`` / ``persons_gold``: our person entities and the gold people of the story;
* ``roles_recall``: gold role strings (per article) found among the roles of the entity the
  gold person's occurrences map to, in that article (case-insensitive, whitespace-normalised);
* ``spun_detection_accuracy``: seeds whose ``Quality.spun`` equals gold ``spun_or_garbled``.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from newsprism.records import Entity

from .gate import require
from .product import by_file, story_of

INPUTS = ("../shared/gold", "../shared/seeds")
"""The gold/eval data this gate reads (their hashes are pinned in floors.toml)."""


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One gold person occurrence in one article's clean text."""

    article: str
    start: int
    end: int
    gold: str  # canonical gold person


def gold_occurrences(
    article: str, text: str, people: list[dict[str, object]], boilerplate: set[str]
) -> list[Occurrence]:
    """Word-boundary matches of every gold variant, longest variant first, no overlaps."""
    variants = sorted(
        ((str(v), str(p["canonical"])) for p in people for v in p["variants"]),  # type: ignore[attr-defined]
        key=lambda vc: -len(vc[0]),
    )
    taken: list[tuple[int, int]] = []
    found: list[Occurrence] = []
    for variant, canonical in variants:
        for m in re.finditer(r"(?<!\w)" + re.escape(variant) + r"(?!\w)", text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            line_start = text.rfind("\n", 0, s) + 1
            line_end = text.find("\n", e)
            line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
            if line in boilerplate:
                continue
            taken.append((s, e))
            found.append(Occurrence(article, s, e, canonical))
    return sorted(found, key=lambda o: o.start)


def bcubed(gold: list[str], predicted: list[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of items with ``gold`` and ``predicted`` cluster labels."""
    if not gold:
        return 1.0, 1.0, 1.0
    pairs = Counter(zip(gold, predicted, strict=True))
    gsize, psize = Counter(gold), Counter(predicted)
    precision = sum(pairs[(g, p)] / psize[p] for g, p in zip(gold, predicted, strict=True)) / len(gold)
    recall = sum(pairs[(g, p)] / gsize[g] for g, p in zip(gold, predicted, strict=True)) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _predicted(occ: Occurrence, index: dict[str, list[tuple[int, int, Entity]]]) -> Entity | None:
    """The person entity whose mention overlaps ``occ`` most."""
    best: tuple[int, Entity] | None = None
    for s, e, entity in index.get(occ.article, ()):
        overlap = min(e, occ.end) - max(s, occ.start)
        if overlap > 0 and entity.type == "person" and (best is None or overlap > best[0]):
            best = (overlap, entity)
    return best[1] if best else None


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold()


def run(shared: Path) -> dict[str, float]:
    """Score people clustering, roles and spun detection on the five gold seeds."""
    gold_dir = require(shared / "gold")
    seeds = require(shared / "seeds")
    story = json.loads(require(gold_dir / "story.gold.json").read_text(encoding="utf-8"))
    golds = sorted(gold_dir.glob("0*.gold.json"))
    product = story_of(seeds)
    read = by_file(product)
    files = {a.id: name for name, (a, _) in read.items()}
    occurrences: list[Occurrence] = []
    gold_roles: dict[tuple[str, str], list[str]] = {}
    spun_right = 0
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        found, analysis = read[require(seeds / gold["file"]).name]
        article, text, quality = found.id, found.text, analysis.quality
        boiler = {line.strip() for line in gold["boilerplate_lines"]}
        occurrences += gold_occurrences(article, text, gold["people"], boiler)
        for p in gold["people"]:
            gold_roles[(article, p["canonical"])] = list(p.get("roles", []))
        ok = quality.spun == bool(gold["spun_or_garbled"])
        spun_right += ok
        kinds = Counter(f.kind for f in quality.flags)
        print(
            f"  [people] {gold['file'][:3]}: quality score {quality.score:.3f} spun={quality.spun} "
            f"gold={gold['spun_or_garbled']} {'ok' if ok else 'WRONG'} flags={dict(sorted(kinds.items()))}"
        )
    entities = product.entities
    index: dict[str, list[tuple[int, int, Entity]]] = defaultdict(list)
    for entity in entities:
        for m in entity.mentions:
            index[m.span.article].append((m.span.start, m.span.end, entity))
    gold_labels: list[str] = []
    pred_labels: list[str] = []
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    by_id = {e.id: e for e in entities}
    for n, occ in enumerate(occurrences):
        predicted = _predicted(occ, index)
        gold_labels.append(occ.gold)
        pred_labels.append(predicted.id if predicted else f"missing:{n}")
        if predicted:
            votes[(occ.article, occ.gold)][predicted.id] += 1
    precision, recall, f1 = bcubed(gold_labels, pred_labels)
    roles_total = roles_found = 0
    missed: list[str] = []
    for (article, person), wanted in gold_roles.items():
        counter = votes.get((article, person))
        ours: set[str] = set()
        if counter:
            entity = by_id[counter.most_common(1)[0][0]]
            ours = {_norm(r.text) for r in entity.roles if r.span.article == article}
        for role in wanted:
            roles_total += 1
            if _norm(role) in ours:
                roles_found += 1
            else:
                missed.append(f"{files[article][:3]} {person}: {role}")
    persons = [e for e in entities if e.type == "person"]
    print(
        f"  [people] person entities found {len(persons)} vs gold {len(story['people'])}; "
        f"gold occurrences {len(occurrences)}"
    )
    print(f"  [people] roles missed: {missed}")
    return {
        "bcubed_precision": precision,
        "bcubed_recall": recall,
        "bcubed_f1": f1,
        "persons_found": float(len(persons)),
        "persons_gold": float(len(story["people"])),
        "roles_recall": roles_found / roles_total if roles_total else 1.0,
        "spun_detection_accuracy": spun_right / len(golds) if golds else 1.0,
    }
