"""A small hand-built linked story for the export tests: two articles, three actors (two people,
one organisation), a place, quotes with and without a resolved speaker, a claim on both."""

from __future__ import annotations

from newsprism.export import ExportStory
from newsprism.records import (
    Article,
    ArticleAnalysis,
    Citation,
    Claim,
    Entity,
    Mention,
    Published,
    Quality,
    Quote,
    QuoteGroup,
    QuoteVariant,
    Span,
    Story,
    SummarySentence,
)
from newsprism.store import StorySummary

#: Sentence 1 names Kovac and the Port Authority; sentence 2 quotes Kovac about Berg and
#: Alvena; sentence 3 names Berg alone. A text cell starting with "=" tests the CSV guard.
TEXT_A = (
    "Mira Kovac met the Port Authority on Monday.\n\n"
    'Kovac said "Jon Berg must sign in Alvena today."\n\n'
    "Berg did not answer."
)
TEXT_B = "=SUM(1) is no formula here. Mira Kovac and Jon Berg met the Port Authority again."


def span(article: str, text: str, part: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span(article, start, start + len(part))


def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Each sentence (ending in ``.``) as (start, end)."""
    out, start = [], 0
    while (end := text.find(".", start)) != -1:
        while start < end and text[start] in " \n":
            start += 1
        out.append((start, end + 1))
        start = end + 1
    return tuple(out)


def mention(article: str, text: str, part: str, label: str, nth: int = 0) -> Mention:
    return Mention(span(article, text, part, nth), part, label)


def build() -> Story:
    a = Article(
        "art-a",
        "a.txt",
        "Port talks stall",
        TEXT_A,
        outlet="Ledger",
        url="https://ledger.example/a",
        published=Published("2025-06-02", "metadata"),
    )
    b = Article("art-b", "b.txt", "=Port talks again", TEXT_B, outlet=None, url=None)
    kovac = Entity(
        "e-kovac",
        "Mira Kovac",
        "person",
        aliases=("Kovac", "Mira Kovac"),
        mentions=(
            mention("art-a", TEXT_A, "Mira Kovac", "PERSON"),
            mention("art-a", TEXT_A, "Kovac", "PERSON", nth=1),
            mention("art-b", TEXT_B, "Mira Kovac", "PERSON"),
        ),
    )
    berg = Entity(
        "e-berg",
        "Jon Berg",
        "person",
        aliases=("Berg",),
        mentions=(
            mention("art-a", TEXT_A, "Jon Berg", "PERSON"),
            mention("art-a", TEXT_A, "Berg", "PERSON", nth=1),
            mention("art-b", TEXT_B, "Jon Berg", "PERSON"),
        ),
    )
    port = Entity(
        "e-port",
        "Port Authority",
        "organization",
        mentions=(
            mention("art-a", TEXT_A, "Port Authority", "ORG"),
            mention("art-b", TEXT_B, "Port Authority", "ORG"),
        ),
    )
    alvena = Entity("e-alvena", "Alvena", "place", mentions=(mention("art-a", TEXT_A, "Alvena", "GPE"),))
    said = Quote(
        "q-said",
        span("art-a", TEXT_A, "Jon Berg must sign in Alvena today."),
        "Jon Berg must sign in Alvena today.",
        "direct",
        speaker_text="Kovac",
        speaker_span=span("art-a", TEXT_A, "Kovac", 1),
        speaker_name="Kovac",
        speaker="e-kovac",
        cue="said",
        cue_span=span("art-a", TEXT_A, "said"),
    )
    nobody = Quote(
        "q-nobody",
        span("art-b", TEXT_B, "=SUM(1) is no formula here."),
        "=SUM(1) is no formula here.",
        "indirect",
        unresolved="no speaker found",
    )
    analyses = (
        ArticleAnalysis("art-a", sentences(TEXT_A), quotes=(said,), quality=Quality(0.9, False)),
        ArticleAnalysis("art-b", sentences(TEXT_B), quotes=(nobody,), quality=Quality(0.4, True)),
    )
    meet = [
        span("art-a", TEXT_A, "Mira Kovac met the Port Authority on Monday."),
        span("art-b", TEXT_B, "Mira Kovac and Jon Berg met the Port Authority again."),
    ]
    claim = Claim(
        "c-meet",
        "sentence",
        "Mira Kovac met the Port Authority on Monday.",
        support=tuple(
            Citation(s, (TEXT_A if s.article == "art-a" else TEXT_B)[s.start : s.end]) for s in meet
        ),
        articles=("art-a", "art-b"),
        independent_origins=2,
        conflicts=("x-1",),
    )
    group = QuoteGroup(
        "g-1",
        "e-kovac",
        "Mira Kovac",
        (QuoteVariant("q-said", said.span, said.text, "Ledger", "e-kovac", "Kovac", "exact"),),
        1,
    )
    return Story(
        articles=(a, b),
        analyses=analyses,
        entities=(kovac, berg, port, alvena),
        quote_groups=(group,),
        claims=(claim,),
        summary=(SummarySentence(claim.text, claim.support[0]),),
    )


def exported() -> list[ExportStory]:
    story = build()
    summary = StorySummary("s-1", "Port talks stall", 2, ("Ledger",), 2, "2025-06-02", "2025-06-02")
    return [ExportStory(summary, story)]
