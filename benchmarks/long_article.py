"""A synthetic, realistic long news article of a given length (deterministic for a seed).

Paragraphs of reporting with people and organisations, direct and indirect quotes with speakers,
numbers with units, money and percentages, absolute and relative dates: every extractor has work
in every paragraph, so a step that is superlinear in the length of one text shows up when a 100 KB
and a 1 MB article are compared (``bench_long.py``).
"""

from __future__ import annotations

import random

FIRST = ("Maria", "John", "Aisha", "Pierre", "Kenji", "Olga", "Samuel", "Lena", "Rahul", "Grace")
LAST = ("Okafor", "Fischer", "Tanaka", "Moreau", "Silva", "Novak", "Haddad", "Lindqvist", "Mehta", "Brown")
ORGS = ("the Ministry of Finance", "the World Bank", "Northwind Energy", "the Red Cross", "the city council")
PLACES = ("Lisbon", "Nairobi", "Osaka", "Quebec", "Tbilisi", "Cardiff", "Lima", "Hanoi")
ROLES = (
    "the finance minister",
    "a spokesperson",
    "the mayor",
    "an analyst at the bank",
    "the chief executive",
)
MONTHS = ("January", "March", "May", "July", "September", "November")
VERBS = ("said", "told reporters", "added", "warned", "insisted")
TOPICS = (
    "the new budget would cut spending on roads",
    "the flood defences were finished ahead of schedule",
    "the talks had stalled over the price of grain",
    "the company would hire more engineers next year",
    "inflation was slowing faster than expected",
    "the bridge would stay closed for repairs",
)


def _sentence(rng: random.Random) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    place, org, topic = rng.choice(PLACES), rng.choice(ORGS), rng.choice(TOPICS)
    amount = rng.randint(2, 950)
    kind = rng.randrange(6)
    if kind == 0:
        return f"“We expect that {topic},” {name}, {rng.choice(ROLES)}, {rng.choice(VERBS)} in {place}."
    if kind == 1:
        return f"{name} {rng.choice(VERBS)} that {topic}, according to {org}."
    if kind == 2:
        return f"{org.capitalize()} said it would spend ${amount} million, up {rng.randint(1, 40)}% from last year."
    if kind == 3:
        return (
            f"On {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2015, 2024)}, about "
            f"{amount:,} people gathered in {place}, police said."
        )
    if kind == 4:
        return f"Last Tuesday, {name} met officials from {org} for {rng.randint(2, 9)} hours in {place}."
    return f"The river rose {rng.randint(2, 12)} metres in {rng.randint(3, 48)} hours, {name} said on Friday."


def long_article(chars: int, seed: int = 1) -> str:
    """An article body of about ``chars`` characters: paragraphs of three to six sentences."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:chars].rstrip()
