"""Quality gate: the cross-article story against ``../shared/gold/story.gold.json`` and ``examples/``.

Both corpora go through the product path once: ``newsprism.pipeline.analyze([folder])`` and
``story_to_dict``; everything is scored on that JSON. Gold spans are located in our clean article
texts (exact substrings; a gold ``line`` narrows the search to that source line, and items in the
headline, which is not article text, are left out). Two spans *overlap* when they share a
character; a quote variant *matches* a gold quote when it covers >= 80% of the gold quote's
characters (as in the quotes gate).

Seeds (``../shared/seeds``, gold ids are file stems such as ``000_ef13e5279add177e``):

* ``shared_quote_groups_recall`` -- gold ``shared_quotes`` groups recalled / all. A group is
  recalled when ONE of our quote groups holds, for every article the gold group spans (members
  with ``confidence: low`` and headline members left out), a variant matching a gold member of
  that article: the utterance is linked across all its articles. Printed, no floor:
  ``quote_groups_false_merges``, the ``related_quotes_not_same_utterance`` look-alikes that one
  of our groups merges (a variant matching a member of each).
* ``corroborated_facts_recall`` -- gold ``corroborated_facts`` recalled / all. A fact is recalled
  when one of our claims has support overlapping the gold sentences of at least two of the
  fact's articles (corroborated = stated by two articles). Printed, no floor:
  ``corroborated_facts_majority_recall``, the same with at least half of the fact's articles
  (and at least two). Also printed: ``claims``, how many we report.
* ``claims_one_gold_fact_share`` -- a precision check on claims, as far as the gold reaches: of
  our claims whose support meets gold fact sentences in two or more articles, the share that
  meet one gold fact in two articles (the rest join sentences the gold gives to different
  facts; see :func:`judged_claims`).
* ``conflicts_recall`` -- gold ``conflicts`` recalled / all, every severity included
  (``contradiction``, ``inconsistent_detail``, ``wording_only``, ``spelling``: the story reports
  spelling and wording conflicts too). A conflict is recalled when one of our conflicts has value
  citations overlapping the gold statements of at least two different articles. Misses are
  printed with their severity.
* ``timeline_dated_recall`` -- gold ``timeline`` entries dated correctly / all. An entry counts
  when one of our timeline events has a support citation overlapping one of the entry's
  ``evidence`` spans (in its ``evidence_sources`` article) and a date that agrees with the gold
  ``date``. Agreement follows the gold conventions: the same value (ISO weeks as ``2022-W36``,
  ``mod`` such as START not part of the value); for a gold interval, the interval or its first
  day; for a gold day, that day or the month or ISO week holding it (the gold takes such days
  from outside knowledge, e.g. 2022-02-04 where the articles say "in February"). A year never
  agrees with a finer gold date, and a finer date never agrees with a coarser gold one.

Examples (``examples/corpus`` with ``examples/expected.json``; no shared data needed):

* ``examples_copies_found`` -- expected ``copies`` for which one of our origins has a relation
  with that copy, that original and that kind / all expected copies.
* ``examples_claim_origins_correct`` -- expected ``claims`` whose matching claim has exactly the
  expected ``independent_origins`` / all. The matching claim is the one whose support overlaps
  the most ``supported_by`` evidence spans (ties: more support, then first); none -> wrong.
* ``examples_false_copies`` -- printed, no floor: our copy relations whose (copy, original) pair
  the expected file does not list.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsprism.extract.timex.values import date_range, iso_week

from .gate import REPO_ROOT, DataMissing, require

INPUTS = ("examples/corpus", "examples/expected.json", "../shared/gold/story.gold.json", "../shared/seeds")
"""The gold/eval data this gate reads (their hashes are pinned in floors.toml)."""

JSON = dict[str, Any]
MIN_COVER = 0.8


@dataclass(frozen=True, slots=True)
class Doc:
    """One gold article as we read it: our article id, our clean text, the source file's lines."""

    article: str
    text: str
    lines: tuple[str, ...] = ()


Span = tuple[str, int, int]  # (our article id, start, end)


def locate(doc: Doc, needle: str, line: int | None = None) -> list[Span]:
    """Every occurrence of ``needle`` in ``doc.text``; with a gold ``line`` (1-based in the source
    file) only those inside that line's text, when the line can be found."""
    if not needle:
        return []
    hits: list[Span] = []
    at = doc.text.find(needle)
    while at >= 0:
        hits.append((doc.article, at, at + len(needle)))
        at = doc.text.find(needle, at + 1)
    if line is not None and 0 < line <= len(doc.lines) and doc.lines[line - 1].strip():
        src = doc.lines[line - 1].strip()
        ranges = []
        at = doc.text.find(src)
        while at >= 0:
            ranges.append((at, at + len(src)))
            at = doc.text.find(src, at + 1)
        inside = [h for h in hits if any(a <= h[1] and h[2] <= b for a, b in ranges)]
        if inside:
            return inside
    return hits


def overlaps(a: Span, b: Span) -> bool:
    """Same article and at least one shared character."""
    return a[0] == b[0] and max(a[1], b[1]) < min(a[2], b[2])


def covers(pred: Span, gold: Span, share: float = MIN_COVER) -> bool:
    """``pred`` holds at least ``share`` of ``gold``'s characters."""
    if pred[0] != gold[0]:
        return False
    inter = max(0, min(pred[2], gold[2]) - max(pred[1], gold[1]))
    return inter >= share * max(1, gold[2] - gold[1])


def _cite(c: Mapping[str, Any]) -> Span:
    return str(c["article"]), int(c["start"]), int(c["end"])


def _find(docs: Mapping[str, Doc], article: str, text: str, line: int | None = None) -> list[Span]:
    doc = docs.get(article)
    if doc is None or (line == 1 and doc.lines):  # line 1 of a seed is its headline
        return []
    return locate(doc, text, line)


# ---- seeds -------------------------------------------------------------------------------------


def quote_group_recalled(group: JSON, ours: Sequence[JSON], docs: Mapping[str, Doc]) -> bool:
    """Whether one of ``ours`` holds a matching variant in every article of the gold ``group``."""
    need: dict[str, list[Span]] = defaultdict(list)
    for m in group["members"]:
        if m.get("confidence") == "low":
            continue
        spans = _find(docs, m["article"], m["text"], m.get("line"))
        if spans or m.get("line") != 1:
            need[m["article"]].extend(spans)
    if len(need) < 2:
        return False
    for g in ours:
        variants = [_cite(v) for v in g["variants"]]
        if all(any(covers(v, s) for v in variants for s in spans) for spans in need.values()):
            return True
    return False


def false_merges(related: Sequence[JSON], ours: Sequence[JSON], docs: Mapping[str, Doc]) -> int:
    """Look-alike quote sets (gold ``related_quotes_not_same_utterance``) one of our groups merges."""
    count = 0
    for item in related:
        members = [_find(docs, m["article"], m["text"], m.get("line")) for m in item["members"]]
        for g in ours:
            variants = [_cite(v) for v in g["variants"]]
            if all(any(covers(v, s) for v in variants for s in spans) for spans in members):
                count += 1
                break
    return count


def fact_recalled(
    fact: JSON, claims: Sequence[JSON], docs: Mapping[str, Doc], majority: bool = False
) -> bool:
    """Whether one claim's support overlaps the gold sentences of two (or half) of the articles."""
    spans = {s["article"]: _find(docs, s["article"], s["sentence"], s.get("line")) for s in fact["sentences"]}
    need = max(2, math.ceil(len(fact["articles"]) / 2)) if majority else 2
    for claim in claims:
        support = [_cite(c) for c in claim["support"]]
        hit = sum(1 for ss in spans.values() if any(overlaps(c, s) for c in support for s in ss))
        if hit >= need:
            return True
    return False


def judged_claims(facts: Sequence[JSON], claims: Sequence[JSON], docs: Mapping[str, Doc]) -> tuple[int, int]:
    """(claims whose support meets the gold sentences of one fact in two or more articles, claims
    whose support meets gold fact sentences in two or more articles but no one fact in two): the
    second joins sentences the gold gives to different facts. A precision check on claims as far
    as the gold reaches; claims meeting gold sentences in fewer than two articles are not judged."""
    spans = [
        (f["id"], sp)
        for f in facts
        for s in f["sentences"]
        for sp in _find(docs, s["article"], s["sentence"], s.get("line"))
    ]
    consistent = mixing = 0
    for claim in claims:
        touched: dict[str, set[str]] = defaultdict(set)
        for c in claim["support"]:
            cited = _cite(c)
            for fid, sp in spans:
                if overlaps(cited, sp):
                    touched[fid].add(sp[0])
        if any(len(a) >= 2 for a in touched.values()):
            consistent += 1
        elif len(set().union(*touched.values())) >= 2:
            mixing += 1
    return consistent, mixing


def conflict_recalled(conflict: JSON, ours: Sequence[JSON], docs: Mapping[str, Doc]) -> bool:
    """Whether one of our conflicts cites the gold statements of two different articles."""
    statements = [
        (s["article"], _find(docs, s["article"], s["text"], s.get("line"))) for s in conflict["statements"]
    ]
    for c in ours:
        cites = [_cite(v["citation"]) for v in c["values"]]
        arts = {a for a, ss in statements if any(overlaps(c2, s) for c2 in cites for s in ss)}
        if len(arts) >= 2:
            return True
    return False


def _month_and_week(day: str) -> set[str]:
    span = date_range(day)
    if span is None or span.precision != "day":
        return set()
    return {day[:7], iso_week(span.first)}


def date_agrees(ours: str, gold: str) -> bool:
    """Whether our timeline date agrees with the gold date (see the module docstring)."""
    ours, gold = ours.strip(), gold.strip()
    if ours == gold:
        return True
    if "/" in gold:
        return ours == gold.split("/", 1)[0]
    return ours in _month_and_week(gold)


def timeline_recalled(entry: JSON, events: Sequence[JSON], docs: Mapping[str, Doc]) -> bool:
    """Whether one of our events cites an evidence span of the entry with an agreeing date."""
    spans = [
        s
        for text, art in zip(entry["evidence"], entry["evidence_sources"], strict=True)
        for s in _find(docs, art, text)
    ]
    for e in events:
        if date_agrees(str(e["date"]), str(entry["date"])) and any(
            overlaps(_cite(c), s) for c in e["support"] for s in spans
        ):
            return True
    return False


def _fraction(flags: Sequence[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def _report(label: str, ids: Sequence[str], flags: Sequence[bool]) -> None:
    missed = [i for i, ok in zip(ids, flags, strict=True) if not ok]
    print(
        f"  [story] {label}: {sum(flags)}/{len(flags)}" + (f", missed {', '.join(missed)}" if missed else "")
    )


def score_seeds(gold: JSON, data: JSON, docs: Mapping[str, Doc]) -> dict[str, float]:
    """The four seed figures (and the printed extras) of ``data`` (our story JSON) against ``gold``."""
    groups = [quote_group_recalled(g, data["quote_groups"], docs) for g in gold["shared_quotes"]]
    _report("shared quote groups", [g["id"] for g in gold["shared_quotes"]], groups)
    facts = [fact_recalled(f, data["claims"], docs) for f in gold["corroborated_facts"]]
    _report("corroborated facts", [f["id"] for f in gold["corroborated_facts"]], facts)
    major = [fact_recalled(f, data["claims"], docs, majority=True) for f in gold["corroborated_facts"]]
    consistent, mixing = judged_claims(gold["corroborated_facts"], data["claims"], docs)
    print(f"  [story] claims judged by the gold: {consistent} state one gold fact, {mixing} mix facts")
    conflicts = [conflict_recalled(c, data["conflicts"], docs) for c in gold["conflicts"]]
    _report("conflicts", [f"{c['id']} ({c.get('severity')})" for c in gold["conflicts"]], conflicts)
    dated = [timeline_recalled(t, data["timeline"], docs) for t in gold["timeline"]]
    _report("timeline", [f"{t['date']} {t['event'][:40]}" for t in gold["timeline"]], dated)
    return {
        "shared_quote_groups_recall": _fraction(groups),
        "quote_groups_false_merges": float(
            false_merges(gold.get("related_quotes_not_same_utterance", []), data["quote_groups"], docs)
        ),
        "corroborated_facts_recall": _fraction(facts),
        "claims": float(len(data["claims"])),
        "claims_one_gold_fact_share": consistent / max(1, consistent + mixing),
        "corroborated_facts_majority_recall": _fraction(major),
        "conflicts_recall": _fraction(conflicts),
        "timeline_dated_recall": _fraction(dated),
    }


# ---- examples ----------------------------------------------------------------------------------

_ITEM = re.compile(r"(?::\d+|#entry-\d+|\[\d+\])$")


def example_refs(data: JSON) -> dict[tuple[str, int], JSON]:
    """Our articles by (file name, 1-based item in that file), as ``expected.json`` names them."""
    out: dict[tuple[str, int], JSON] = {}
    count: dict[str, int] = defaultdict(int)
    for a in data["articles"]:
        name = _ITEM.sub("", str(a["source"])).replace("\\", "/").rsplit("/", 1)[-1]
        count[name] += 1
        out[(name, count[name])] = a
    return out


def _ref(item: Mapping[str, Any]) -> tuple[str, int]:
    return str(item["file"]), int(item.get("item", 1))


def score_examples(expected: JSON, data: JSON) -> dict[str, float]:
    """Copies found, claims with the right number of independent origins, false copy relations."""
    refs = example_refs(data)
    ids = {k: a["id"] for k, a in refs.items()}
    docs = {a["id"]: Doc(a["id"], a["text"]) for a in refs.values()}
    relations = [r for o in data["origins"] for r in o["relations"]]
    found = [
        any(
            r["copy"] == ids.get(_ref(c["copy"]))
            and r["original"] == ids.get(_ref(c["original"]))
            and r["kind"] == c["kind"]
            for r in relations
        )
        for c in expected["copies"]
    ]
    pairs = {(ids.get(_ref(c["copy"])), ids.get(_ref(c["original"]))) for c in expected["copies"]}
    false = [r for r in relations if (r["copy"], r["original"]) not in pairs]
    correct = []
    for claim in expected["claims"]:
        spans = [
            s
            for ev in claim["supported_by"]
            if (aid := ids.get(_ref(ev)))
            for s in _find(docs, aid, ev["evidence"])
        ]
        best = max(
            data["claims"],
            key=lambda c: (
                sum(any(overlaps(_cite(x), s) for x in c["support"]) for s in spans),
                len(c["support"]),
            ),
            default=None,
        )
        hit = best is not None and any(overlaps(_cite(x), s) for x in best["support"] for s in spans)
        ok = hit and best is not None and best["independent_origins"] == claim["independent_origins"]
        if not ok:
            got = best["independent_origins"] if hit and best is not None else "no claim"
            print(
                f"  [story] example claim {claim['text'][:50]!r}: expected {claim['independent_origins']}, got {got}"
            )
        correct.append(ok)
    for r in false:
        print(f"  [story] unexpected copy relation {r['copy']} -> {r['original']} ({r['kind']})")
    return {
        "examples_copies_found": _fraction(found),
        "examples_claim_origins_correct": _fraction(correct),
        "examples_false_copies": float(len(false)),
    }


# ---- run ---------------------------------------------------------------------------------------


def _story(folder: Path) -> JSON:
    from newsprism.report.story_json import story_to_dict

    from .product import story_of

    return story_to_dict(story_of(folder))


def seed_docs(data: JSON, seeds: Path) -> dict[str, Doc]:
    """Gold article id (file stem) -> our article, by the article's source file name."""
    docs: dict[str, Doc] = {}
    for a in data["articles"]:
        path = Path(str(a["source"]))
        raw = (seeds / path.name).read_text(encoding="utf-8") if (seeds / path.name).exists() else ""
        docs[path.stem] = Doc(a["id"], a["text"], tuple(raw.split("\n")))
    return docs


def run(shared: Path) -> dict[str, float]:
    """Score the examples (always), then the seeds against ``story.gold.json``."""
    examples = REPO_ROOT / "examples"
    expected = json.loads((examples / "expected.json").read_text(encoding="utf-8"))
    figures = score_examples(expected, _story(examples / "corpus"))
    try:
        gold_path = require(shared / "gold" / "story.gold.json")
        seeds = require(shared / "seeds")
    except DataMissing:
        for name, value in figures.items():
            print(f"  [story] {name} = {value:.4f}")
        raise
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    data = _story(seeds)
    figures.update(score_seeds(gold, data, seed_docs(data, seeds)))
    return figures
