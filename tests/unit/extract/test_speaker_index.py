"""The per-article speaker indexes answer exactly what the linear scans they replace answered."""

from __future__ import annotations

import random

import pytest
from spacy.language import Language

from newsprism.extract.mentions import extract_mentions
from newsprism.extract.quotes import extract_quotes, speaker_index
from newsprism.extract.quotes.speaker_index import (
    Antecedent,
    AntecedentPool,
    MentionIndex,
    PersonNames,
    SpanSet,
    name_tokens,
)
from newsprism.records import Mention, Span

FIRST = ("Anna", "Boris", "Chen", "Dara")
LAST = ("Ivanova", "Li", "Okoro", "Petrov")


def _scan_fullest(written: str, persons: list[Mention], prefer: list[str], before: int | None) -> str:
    """The linear scan the index replaces: every person mention and every preferred name."""
    tokens = [t.lower() for t in name_tokens(written)]
    if not tokens:
        return written
    preferred = dict.fromkeys(prefer)
    best: tuple[int, int, int, str] | None = None
    for text, at in [(m.text, m.span.start) for m in persons] + [(name, -1) for name in preferred]:
        cand = name_tokens(text)
        low = [t.lower() for t in cand]
        n = len(tokens)
        if len(low) < n or not (low[:n] == tokens or low[-n:] == tokens):
            continue
        distance = (before - at) if before is not None and 0 <= at <= before else 10**9
        key = (len(low), 1 if " ".join(cand) in preferred else 0, -distance, " ".join(cand))
        if best is None or key[:3] > best[:3]:
            best = key
    return best[3] if best else " ".join(name_tokens(written))


def _persons(rng: random.Random, count: int) -> list[Mention]:
    out = []
    for i in range(count):
        shape = rng.randrange(4)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        text = [f"{first} {last}", last, f"Mr. {last}", f"{last}’s"][shape]
        out.append(Mention(Span("a", i * 20, i * 20 + len(text)), text, "PERSON"))
    return out


def test_fullest_name_index_matches_the_scan_over_every_mention() -> None:
    rng = random.Random(3)
    for _ in range(30):
        persons = _persons(rng, rng.randint(1, 40))
        names = PersonNames(persons)
        for _ in range(40):
            written = rng.choice([*LAST, *FIRST, f"Dr. {rng.choice(LAST)}", f"{rng.choice(FIRST)} X"])
            prefer = rng.sample([f"{f} {last}" for f in FIRST for last in LAST], rng.randint(0, 3))
            before = rng.choice([None, rng.randrange(0, 900)])
            assert names.fullest(written, prefer, before) == _scan_fullest(written, persons, prefer, before)


def test_mention_lookup_is_the_first_mention_overlapping_the_range() -> None:
    rng = random.Random(5)
    for _ in range(30):
        mentions = []
        for i in range(rng.randint(0, 30)):
            start = rng.randrange(0, 300)
            mentions.append(Mention(Span("a", start, start + rng.randint(1, 40)), f"m{i}", "ORG"))
        index = MentionIndex(mentions)
        for start in range(0, 340, 7):
            end = start + rng.randint(1, 9)
            expected = next((m for m in index.mentions if m.span.start < end and start < m.span.end), None)
            assert index.at(start, end) == expected


def test_latest_antecedent_of_a_kind_is_the_first_added_at_the_latest_position() -> None:
    rng = random.Random(7)
    added = [Antecedent(rng.randrange(0, 50), f"n{i}", rng.choice(["person", "org"])) for i in range(60)]
    pool = AntecedentPool(added)
    for pos in range(0, 55):
        for kind in ("person", "org", "group"):
            found = [a for a in added if a.pos < pos and a.kind == kind]
            assert pool.last(pos, kind) == (max(found, key=lambda a: a.pos) if found else None)


def test_span_set_membership_and_overlap_match_a_scan_over_every_span() -> None:
    rng = random.Random(11)
    spans = [(s, s + rng.randint(1, 30)) for s in (rng.randrange(0, 400) for _ in range(25))]
    quoted = SpanSet(spans)
    for pos in range(0, 440):
        assert quoted.covers(pos) == any(s <= pos < e for s, e in spans)
        end = pos + rng.randint(1, 60)
        assert quoted.overlap(pos, end) == sum(max(0, min(end, e) - max(pos, s)) for s, e in spans)


def test_an_article_s_quotes_are_resolved_against_indexes_built_once(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Resolving a speaker must not re-scan the article: one person index per article, however
    many quotes it has (each scan per quote made a 1 MB article take hours)."""
    built: list[int] = []
    real_init = speaker_index.PersonNames.__init__

    def counting_init(self: PersonNames, persons: list[Mention]) -> None:
        built.append(len(persons))
        real_init(self, persons)

    monkeypatch.setattr(speaker_index.PersonNames, "__init__", counting_init)
    text = "\n\n".join(
        f"“The budget will pass this week,” {first} {last} said. {last} added that the vote was close."
        for first, last in zip(FIRST * 5, LAST * 5, strict=True)
    )
    doc = nlp(text)
    quotes = extract_quotes(doc, "a", extract_mentions(doc, "a"))
    assert sum(q.speaker_name is not None for q in quotes) >= 20
    assert len(built) == 1
