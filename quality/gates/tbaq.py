"""Gate ``tbaq``: time expressions on TempEval-3 TimeBank + AQUAINT (../shared/eval/timex-tbaq).

Each ``.tml`` file's ``<TEXT>`` is stripped of its tags (offsets kept; entities unescaped), the
gold TIMEX3 spans/values recorded, and the document creation time (the ``CREATION_TIME`` TIMEX3)
used as the anchor.

Systems, same texts, same run:

* **ours**: the time expressions ``newsprism analyze`` reports for the document given as a JSONL
  object ``{"text": TEXT, "published": DCT}`` (:func:`quality.gates.product.article_of`: the JSONL
  reader, the cleaner, which may drop boilerplate lines; then
  :func:`quality.gates.product.analysed`: parsed and analysed as ``run.local`` does it, the
  metadata date as the anchor), placed back on the TimeML text
  (:class:`quality.gates.product.LineMap`; an expression on a line the cleaner dropped is a miss).
  TimeML leaves prepositions out of TIMEX3 extents ("in February" → "February") while our gold
  convention keeps "in"/"for"/"over" on some expressions; for strict matching we drop that one
  leading preposition from our span (a convention translation, not a correction).
* **baseline**: ``dateparser.search.search_dates`` with ``RELATIVE_BASE`` = DCT; each returned
  substring is located in the text in order; value = the date at the granularity its text shows
  (day when it names a day or weekday, month for "June 1998", year for "1998").

Figures (gold = all non-DCT TIMEX3 in TEXT):

* span F1 strict (same offsets) and relaxed (any overlap, one-to-one, greedy in text order);
* ``value_accuracy`` = gold TIMEX3 with a relaxed-matched system span of identical ``value`` /
  all gold TIMEX3 (so it also pays for missed spans); ``value_accuracy_matched`` = the same over
  relaxed-matched gold only. Values are compared after padding ISO week numbers (the gold
  writes "2000-W7").
* ``ours_type_accuracy`` = relaxed-matched gold whose TIMEX3 ``type`` we report too / relaxed
  matches; ``ours_duration_value_accuracy`` and ``ours_set_value_accuracy`` = value accuracy over
  the relaxed-matched gold DURATION (SET) expressions (issue 12 asks for both >= 0.80);
* ``*_lead`` = ours minus baseline.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from newsprism.records import Article, Skip, TimeExpression

from .gate import require
from .product import LineMap, analysed, article_of

INPUTS = ("../shared/eval/timex-tbaq",)
"""The gold/eval data this gate reads (their hashes are pinned in floors.toml)."""

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_LEADING_PREP = re.compile(r"^(?:in|In|for|For|over|Over|on|On)\s+")
_MONTH_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", re.I)
_DAYISH = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)?\b|today|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Doc:
    name: str
    text: str
    dct: date
    dct_time: datetime
    gold: tuple[tuple[int, int, str], ...]  # start, end, value
    types: tuple[str, ...] = ()  # the TIMEX3 type of each gold expression


def parse_tml(path: Path) -> Doc:
    """Text of ``<TEXT>`` without tags, gold TIMEX3 (start, end, value) and the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if dct_m is None:
        raise ValueError(f"{path.name}: no CREATION_TIME TIMEX3")
    dct_value = dict(_ATTR.findall(dct_m.group(0)))["value"]
    dct_time = datetime.fromisoformat(dct_value[:16] if "T" in dct_value else dct_value[:10])
    body_start = raw.index("<TEXT>") + len("<TEXT>")
    body = raw[body_start : raw.index("</TEXT>")]
    out: list[str] = []
    length = 0
    open_timex: tuple[int, str] | None = None
    gold: list[tuple[int, int, str]] = []
    types: list[str] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(2) == "TIMEX3":
            if m.group(1) == "":
                attrs = dict(_ATTR.findall(m.group(3)))
                open_timex = (length, attrs.get("value", ""))
                types.append(attrs.get("type", ""))
            elif open_timex is not None:
                gold.append((open_timex[0], length, open_timex[1]))
                open_timex = None
    out.append(html.unescape(body[pos:]))
    return Doc(path.name, "".join(out), dct_time.date(), dct_time, tuple(gold), tuple(types))


def _baseline(doc: Doc) -> list[tuple[int, int, str]]:
    from dateparser.search import search_dates

    found = search_dates(
        doc.text,
        languages=["en"],
        settings={"RELATIVE_BASE": doc.dct_time, "PREFER_DATES_FROM": "current_period"},
    )
    spans: list[tuple[int, int, str]] = []
    cursor = 0
    for substring, when in found or []:
        start = doc.text.find(substring, cursor)
        if start < 0:
            continue
        end = start + len(substring)
        cursor = end
        s = substring.strip()
        if _DAYISH.search(s) and not re.fullmatch(r"\d{4}", s):
            value = when.date().isoformat()
        elif _MONTH_WORD.search(s):
            value = f"{when.year:04d}-{when.month:02d}"
        elif re.search(r"\b\d{4}\b", s):
            value = f"{when.year:04d}"
        else:
            value = when.date().isoformat()
        spans.append((start, end, value))
    return spans


def canonical(value: str) -> str:
    """Gold TimeML writes ISO weeks unpadded ("2000-W7"); compare them padded ("2000-W07")."""
    return re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)


def _relaxed(golds: list[tuple[int, int, str]], system: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """(gold index, system index) of the relaxed matches: any overlap, one-to-one, greedy in
    text order."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for g, (gs, ge, _) in enumerate(golds):
        for k, (ss, se, _) in enumerate(system):
            if k not in used and ss < ge and gs < se:
                used.add(k)
                pairs.append((g, k))
                break
    return pairs


def _score(
    golds: list[tuple[int, int, str]], system: list[tuple[int, int, str]]
) -> tuple[int, int, int, int]:
    """(strict matches, relaxed matches, values right among relaxed matches, system count)."""
    strict = sum(1 for g in golds if any(s[0] == g[0] and s[1] == g[1] for s in system))
    pairs = _relaxed(golds, system)
    right = sum(canonical(system[k][2]) == canonical(golds[g][2]) for g, k in pairs)
    return strict, len(pairs), right, len(system)


def _typed(
    golds: list[tuple[int, int, str]],
    types: tuple[str, ...],
    system: list[tuple[int, int, str]],
    ours: list[str],
) -> dict[str, int]:
    """Counts over the relaxed matches: ``type_right``, and per gold type (``DURATION``, ``SET``)
    ``<type>_matched`` and ``<type>_right`` (value right)."""
    counts: dict[str, int] = {"type_right": 0}
    for g, k in _relaxed(golds, system):
        gold_type = types[g]
        counts["type_right"] += ours[k] == gold_type
        counts[f"{gold_type}_matched"] = counts.get(f"{gold_type}_matched", 0) + 1
        right = canonical(system[k][2]) == canonical(golds[g][2])
        counts[f"{gold_type}_right"] = counts.get(f"{gold_type}_right", 0) + right
    return counts


def _f1(matched: int, n_gold: int, n_sys: int) -> float:
    p = matched / n_sys if n_sys else 0.0
    r = matched / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def reported_by_document(read: dict[str, Article | Skip]) -> dict[str, tuple[TimeExpression, ...]]:
    """The time expressions the product reports for each read document, by document name.

    By name, not by article id: two documents of one text (a story sent again days later; the
    id is the text's) share an id, and each must be read against its own creation time."""
    names = [name for name, a in read.items() if isinstance(a, Article)]
    articles = [a for a in read.values() if isinstance(a, Article)]
    return {name: an.time_expressions for name, (_, an) in zip(names, analysed(articles), strict=True)}


def run(shared: Path) -> dict[str, float]:
    root = require(shared / "eval" / "timex-tbaq")
    docs = [parse_tml(p) for p in sorted(root.rglob("*.tml"))]
    read = {d.name: article_of(d.name, {"text": d.text, "published": d.dct.isoformat()}) for d in docs}
    for name, skipped in read.items():
        if not isinstance(skipped, Article):
            print(f"  {name}: not analysed by the product ({skipped.reason})")
    reported = reported_by_document(read)
    totals = {"ours": [0, 0, 0, 0], "baseline": [0, 0, 0, 0]}
    typed: dict[str, int] = {}
    n_gold = 0
    for doc in docs:
        golds = list(doc.gold)
        n_gold += len(golds)
        ours = []
        our_types: list[str] = []
        article = read[doc.name]
        if isinstance(article, Article):
            lines = LineMap.build(doc.text, article.text)
            for t in reported[doc.name]:
                m = _LEADING_PREP.match(t.text)
                span = lines.to_source(t.span.start + (m.end() if m else 0), t.span.end)
                if span is not None:
                    ours.append((span[0], span[1], t.value or ""))
                    our_types.append(t.type)
        for key, n in _typed(golds, doc.types, ours, our_types).items():
            typed[key] = typed.get(key, 0) + n
        for name, system in (("ours", ours), ("baseline", _baseline(doc))):
            for k, v in enumerate(_score(golds, system)):
                totals[name][k] += v
    figures: dict[str, float] = {"documents": float(len(docs)), "gold_timex": float(n_gold)}
    for name, (strict, relaxed, right, n_sys) in totals.items():
        figures[f"{name}_span_f1"] = _f1(strict, n_gold, n_sys)
        figures[f"{name}_relaxed_span_f1"] = _f1(relaxed, n_gold, n_sys)
        figures[f"{name}_value_accuracy"] = right / n_gold if n_gold else 0.0
        figures[f"{name}_value_accuracy_matched"] = right / relaxed if relaxed else 0.0
    relaxed_ours = totals["ours"][1]
    figures["ours_type_accuracy"] = typed.get("type_right", 0) / relaxed_ours if relaxed_ours else 0.0
    for kind in ("DURATION", "SET"):
        matched = typed.get(f"{kind}_matched", 0)
        figures[f"ours_{kind.lower()}_value_accuracy"] = (
            typed.get(f"{kind}_right", 0) / matched if matched else 0.0
        )
    for fig in ("span_f1", "relaxed_span_f1", "value_accuracy", "value_accuracy_matched"):
        lead = figures[f"ours_{fig}"] - figures[f"baseline_{fig}"]
        figures[f"{fig}_lead"] = lead
    return figures
