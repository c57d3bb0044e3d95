"""Quality gate: attributions on the PolNeAR dev set, ours against textacy's ``direct_quotations``.

Data: ``../shared/eval/polnear/dev/text/<name>.txt`` with brat standoff annotations
``dev/attributions/<name>_<annotator>.ann`` (T lines: Source / Cue / Content spans, possibly
discontinuous ``a b;c d``; E lines link them into one attribution). Where an article has several
annotators, the first ``.ann`` file in name order is used.

The text folder is read, cleaned, parsed and analysed as ``newsprism analyze dev/text`` does it
(:func:`quality.gates.product.corpus_of` and :func:`quality.gates.product.analysed`: the plain-text
reader takes each file's first line as the headline, which the product never analyses, and the
cleaner may drop boilerplate lines). Both systems read the same parsed Docs of the clean article
texts in the same run; their spans are placed back on the annotated file
(:class:`quality.gates.product.LineMap`), so gold attributions on the headline or on a removed
line are misses for both.

* Direct vs indirect gold: an attribution is **direct** when its content span, stripped of
  whitespace and trailing ``.,;:``, begins with an opening and ends with a closing quotation mark
  (the whole content is enclosed in quotation marks); all others (paraphrase, or a paraphrase
  containing a partial quote) are **indirect**.
* Predictions: ours are the quotes of the product's ``ArticleAnalysis`` split by ``kind``
  (a ``partial`` quote, a phrase woven into a paraphrase, is not scored: the ``indirect`` quote
  around it is, as PolNeAR annotates the paraphrase holding it); every
  textacy triple is a direct prediction (textacy has no reported-speech extractor, so its indirect
  predictions are empty and its indirect figures are 0).
* Content matching: spans are compared as sets of character offsets, ignoring whitespace and
  quotation marks. A prediction matches a gold content when their overlap is at least 50% of the
  larger of the two; matching is one-to-one, best overlap first. F1 over matches.
* Parts of one utterance (a quote cut by its attribution, linked by ``Quote.continues``) are one
  prediction whose content is the union of the parts, as PolNeAR annotates one attribution with a
  discontinuous content span.
* Lenient figures (``*_at_0.3``): the same matching at an overlap of 30%, the Gender Gap Tracker's
  lenient setting (its reported direct-quote P 84.6 / R 82.7 are at that overlap, on its own data).
* Speaker accuracy, over matched attributions whose gold has a Source: correct when the predicted
  speaker span overlaps the gold Source span, or (ours) when the resolved ``speaker_name``'s last
  word occurs in the gold Source text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from newsprism.records import ArticleAnalysis, Quote

from .gate import require
from .product import LineMap, analysed, corpus_of

INPUTS = ("../shared/eval/polnear/dev",)
"""The gold/eval data this gate reads (their hashes are pinned in floors.toml)."""

MIN_OVERLAP = 0.5
LENIENT_OVERLAP = 0.3
_MARKS = frozenset("\"“”‘’'«»„")
_SPAN = re.compile(r"(\d+) (\d+)")


@dataclass
class Attribution:
    """One gold attribution: content / source character ranges and the content's kind."""

    content: list[tuple[int, int]] = field(default_factory=list)
    source: list[tuple[int, int]] = field(default_factory=list)
    kind: str = "indirect"


@dataclass(frozen=True)
class Prediction:
    """A predicted attribution: content ranges, speaker ranges, resolved name."""

    content: tuple[tuple[int, int], ...]
    speaker: tuple[tuple[int, int], ...]
    name: str | None = None


def read_ann(path: Path, text: str) -> list[Attribution]:
    """The attributions of one ``.ann`` file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    links: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            ranges = [(int(a), int(b)) for a, b in _SPAN.findall(offsets)]
            spans[parts[0]] = (label, ranges)
        elif parts[0].startswith("E"):
            roles: dict[str, str] = {}
            for item in parts[1].split():
                role, _, ref = item.partition(":")
                roles[role] = ref
            links.append(roles)
    result: list[Attribution] = []
    for roles in links:
        att = Attribution()
        for role, ref in roles.items():
            if ref not in spans:
                continue
            if role.startswith("Content"):
                att.content.extend(spans[ref][1])
            elif role.startswith("Source"):
                att.source.extend(spans[ref][1])
        if not att.content:
            continue
        att.content.sort()
        att.kind = classify(text, att.content)
        result.append(att)
    return result


def classify(text: str, ranges: list[tuple[int, int]]) -> str:
    """``direct`` when the content is enclosed in quotation marks, else ``indirect``."""
    content = text[ranges[0][0] : ranges[-1][1]].strip().rstrip(".,;: ")
    if len(content) >= 2 and content[0] in "\"“‘'«" and content[-1] in "\"”’'»":
        return "direct"
    return "indirect"


def chars(text: str, ranges: Iterable[tuple[int, int]]) -> set[int]:
    """Offsets in ``ranges`` that are neither whitespace nor quotation marks."""
    return {
        i
        for a, b in ranges
        for i in range(a, min(b, len(text)))
        if not text[i].isspace() and text[i] not in _MARKS
    }


def match(
    text: str, gold: list[Attribution], preds: list[Prediction], min_overlap: float = MIN_OVERLAP
) -> list[tuple[int, int]]:
    """One-to-one (gold index, prediction index) pairs overlapping by >= ``min_overlap`` of the
    larger span."""
    gsets = [chars(text, g.content) for g in gold]
    psets = [chars(text, p.content) for p in preds]
    scored: list[tuple[float, int, int]] = []
    for gi, gs in enumerate(gsets):
        if not gs:
            continue
        for pi, ps in enumerate(psets):
            if not ps:
                continue
            overlap = len(gs & ps)
            if overlap:
                ratio = overlap / max(len(gs), len(ps))
                if ratio >= min_overlap:
                    scored.append((ratio, gi, pi))
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in sorted(scored, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def speaker_right(text: str, gold: Attribution, pred: Prediction) -> bool:
    """Whether the predicted speaker is the gold Source (span overlap or same name)."""
    gs = {i for a, b in gold.source for i in range(a, b)}
    ps = {i for a, b in pred.speaker for i in range(a, b)}
    if gs & ps:
        return True
    if pred.name:
        last = pred.name.split()[-1].lower()
        return any(last in text[a:b].lower() for a, b in gold.source)
    return False


def _placed(lines: LineMap, spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """``spans`` of the clean text placed on the annotated file (those on no line of it dropped)."""
    return tuple(s for s in (lines.to_source(a, b) for a, b in spans) if s is not None)


def ours(analysis: ArticleAnalysis, lines: LineMap) -> dict[str, list[Prediction]]:
    """Our direct and indirect attributions of one analysed article, on the annotated file; the
    parts of one utterance (``continues``) are one prediction with its first part's speaker."""
    root: dict[str, str] = {}
    parts: dict[str, list[Quote]] = {}
    for q in analysis.quotes:  # in text order: a part comes after the part it continues
        r = root.get(q.continues, q.id) if q.continues is not None else q.id
        root[q.id] = r
        parts.setdefault(r, []).append(q)
    out: dict[str, list[Prediction]] = {"direct": [], "indirect": []}
    for chain in parts.values():
        q = chain[0]
        if q.kind not in out:
            continue  # a partial quote: the indirect attribution around it is the prediction
        speaker = ((q.speaker_span.start, q.speaker_span.end),) if q.speaker_span is not None else ()
        content = _placed(lines, [(p.span.start, p.span.end) for p in chain])
        out[q.kind].append(Prediction(content, _placed(lines, speaker), q.speaker_name))
    return out


def textacy_baseline(doc: Doc, lines: LineMap) -> dict[str, list[Prediction]]:
    """textacy's direct quotations of one parsed article (all direct), on the annotated file."""
    from textacy.extract.triples import direct_quotations

    preds: list[Prediction] = []
    try:
        triples = list(direct_quotations(doc))
    except (ValueError, IndexError, KeyError) as exc:  # textacy can trip on unusual quote layouts
        print(f"  textacy failed on an article: {exc}")
        triples = []
    for t in triples:
        content = _placed(lines, [(t.content.start_char, t.content.end_char)])
        speaker = _placed(lines, [(tok.idx, tok.idx + len(tok.text)) for tok in t.speaker])
        preds.append(Prediction(content, speaker, None))
    return {"direct": preds, "indirect": []}


def _f1(matched: int, gold: int, pred: int) -> float:
    p = matched / pred if pred else 0.0
    r = matched / gold if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def run(shared: Path) -> dict[str, float]:
    """Score ours and textacy on PolNeAR dev; the floors pin ours-minus-textacy leads."""
    dev = require(shared / "eval" / "polnear" / "dev")
    text_dir, ann_dir = require(dev / "text"), require(dev / "attributions")
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        base = ann.stem.rsplit("_", 1)[0]
        if base not in chosen and (text_dir / f"{base}.txt").exists():
            chosen[base] = ann
    articles = [a for a in corpus_of(text_dir).articles if Path(a.source).stem in chosen]
    names = [Path(a.source).stem for a in articles]
    skipped = sorted(set(chosen) - set(names))
    if skipped:
        print(f"  not analysed by the product (skipped or another language): {skipped}")
    counts = {
        (system, kind): {
            "gold": 0,
            "pred": 0,
            "matched": 0,
            "with_source": 0,
            "speaker_ok": 0,
            "matched_at_0.3": 0,
        }
        for system in ("ours", "textacy")
        for kind in ("direct", "indirect")
    }
    for name, article, (doc, analysis) in zip(names, articles, analysed(articles), strict=True):
        text = (text_dir / f"{name}.txt").read_text(encoding="utf-8")
        gold = read_ann(chosen[name], text)
        lines = LineMap.build(text, article.text)
        systems = {"ours": ours(analysis, lines), "textacy": textacy_baseline(doc, lines)}
        for system, preds in systems.items():
            for kind in ("direct", "indirect"):
                g = [a for a in gold if a.kind == kind]
                p = preds[kind]
                c = counts[(system, kind)]
                c["gold"] += len(g)
                c["pred"] += len(p)
                c["matched_at_0.3"] += len(match(text, g, p, LENIENT_OVERLAP))
                for gi, pi in match(text, g, p):
                    c["matched"] += 1
                    if g[gi].source:
                        c["with_source"] += 1
                        c["speaker_ok"] += int(speaker_right(text, g[gi], p[pi]))
    figures: dict[str, float] = {}
    for kind in ("direct", "indirect"):
        for system in ("ours", "textacy"):
            c = counts[(system, kind)]
            print(f"  {system} {kind}: {c}")
            figures[f"{system}_{kind}_f1"] = _f1(c["matched"], c["gold"], c["pred"])
            if system == "ours":
                lenient = c["matched_at_0.3"]
                figures[f"ours_{kind}_precision_at_0.3"] = lenient / c["pred"] if c["pred"] else 0.0
                figures[f"ours_{kind}_recall_at_0.3"] = lenient / c["gold"] if c["gold"] else 0.0
                figures[f"ours_{kind}_f1_at_0.3"] = _f1(lenient, c["gold"], c["pred"])
            figures[f"{system}_{kind}_speaker_accuracy"] = (
                c["speaker_ok"] / c["with_source"] if c["with_source"] else 0.0
            )
        figures[f"{kind}_f1_lead"] = figures[f"ours_{kind}_f1"] - figures[f"textacy_{kind}_f1"]
        figures[f"{kind}_speaker_accuracy_lead"] = (
            figures[f"ours_{kind}_speaker_accuracy"] - figures[f"textacy_{kind}_speaker_accuracy"]
        )
    figures["articles"] = float(len(chosen))
    for key, value in figures.items():
        print(f"  {key} = {value:.4f}")
    return figures
