"""Conflicts about people and quotes: titles, spellings of a name, who said a quote.

* **Role** (``inconsistent_detail``): one person given two different *specific* titles in two
  articles ("chief executive of Hydrovel" / "Hydrovel chairman", "director of the China program"
  / "senior fellow"). Titles are found by a small lexicon of head nouns; generic descriptions
  (leader, official, head, expert, legislator...) are compatible with any title, so "Russian
  President" / "Russian leader" is no conflict, nor is "professor" / "associate professor" (one
  title contains the other) or "Foreign Minister" / "Russian Foreign Minister".
* **Role descriptions** (``wording_only``): a person no article gives a specific title, described
  in different words in different articles ("China's third-most-senior leader" / "China's number
  three official" / "top Chinese legislator"): compatible, but worth a reader's note. One
  description whose content words hold the other's ("official" / "senior official") is the same.
* **Spelling** (``spelling``): one entity whose multi-word names are written differently
  ("Sergei Lavrov" / "Sergey Lavrov", "Organisation" / "Organization"); case, possessives,
  titles and brackets do not count.
* **Wording** (``wording_only``): a quote group with other wordings of one utterance in
  different articles (translations: "We highly value ..." / "We highly appreciate ...").
  A short quote matched only loosely (its words occur in the other article's quote, but not as
  one run: "understands and fully supports" / "fully understands the need for all measures")
  reports different words, so that group's conflict is an ``inconsistent_detail``.
* **Speaker** (``contradiction``): a quote group whose variants name different speakers. Only
  speakers the article names (:func:`.quotes.explicit`: not a pronoun or description resolved by
  us, which takes the named speaker of the group instead) count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from ..records import (
    Citation,
    Conflict,
    ConflictKind,
    ConflictValue,
    Entity,
    Quote,
    QuoteGroup,
    QuoteVariant,
    Severity,
    content_id,
)
from ..words import content_stems, fold, stem, words
from .entities import clean_name
from .keys import contains
from .quotes import explicit

#: Specific titles, longest first (a title is matched once, by its longest form).
TITLES: tuple[str, ...] = (
    "chief executive officer", "chief executive", "chief operating officer", "chief financial officer",
    "ceo", "cfo", "coo", "managing director", "deputy director", "executive director", "director",
    "chairwoman", "chairman", "chairperson", "chair", "vice president", "president",
    "prime minister", "foreign minister", "interior minister", "finance minister", "defence minister",
    "defense minister", "minister", "senior fellow", "research fellow", "fellow", "senior researcher",
    "researcher", "research scientist", "scientist", "associate professor", "assistant professor",
    "professor", "spokeswoman", "spokesman", "spokesperson", "mayor", "governor", "ambassador",
    "secretary general", "secretary", "senior analyst", "analyst", "hydrologist", "editor",
    "founder", "treasurer", "general manager", "manager", "chancellor", "senator", "speaker",
)  # fmt: skip
_TITLE_RE = re.compile(r"\b(" + "|".join(re.escape(t) for t in TITLES) + r")\b")


def make_conflict(
    kind: ConflictKind, subject: str, severity: Severity, values: Iterable[ConflictValue]
) -> Conflict:
    """The one way to build a :class:`Conflict`: its id hashes the kind and the cited values
    (each value with its article and span), sorted, so it names *what* is disputed whichever step
    found it and in whatever order. The subject and severity are left out: they are wording and
    judgement about the dispute, not its identity. Five recipes once lived at nine sites (an
    entity id here, sorted quantity ids there), so equal disputes got unrelated ids."""
    values = tuple(values)
    cited = sorted(
        f"{v.citation.span.article}:{v.citation.span.start}:{v.citation.span.end}:{v.value}" for v in values
    )
    return Conflict(
        id=content_id("conflict", kind, *cited), kind=kind, subject=subject, severity=severity, values=values
    )


def titles(role_text: str) -> frozenset[str]:
    """Specific titles named in a role description ("Hydrovel chairman" → {"chairman"})."""
    return frozenset(_TITLE_RE.findall(fold(role_text)))


def compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two title sets can describe one post: one is empty, they share a title, or one
    title's words contain another's ("professor" / "associate professor")."""
    if not a or not b or a & b:
        return True
    return any(set(x.split()) <= set(y.split()) or set(y.split()) <= set(x.split()) for x in a for y in b)


def _description(role_text: str) -> frozenset[str]:
    """Content stems of a role description, nationality and possessive folded away only by the
    stop list ("China's number three official" → {"china", "number", "official"})."""
    return frozenset(content_stems(role_text))


def description_conflict(entity: Entity) -> Conflict | None:
    """The ``wording_only`` conflict of a person without a specific title whose descriptions in
    two or more articles differ (neither's content words holding the other's), else None."""
    roles = [r for r in entity.roles if _description(r.text)]
    if any(titles(r.text) for r in entity.roles):
        return None
    distinct: list[tuple[frozenset[str], str]] = []
    for r in roles:
        keys = _description(r.text)
        if not any(keys <= k or k <= keys for k, _ in distinct):
            distinct.append((keys, r.span.article))
    if len(distinct) < 2 or len({a for _, a in distinct}) < 2:
        return None
    return make_conflict(
        "role",
        f"{entity.name}'s description",
        "wording_only",
        (ConflictValue(r.text, Citation(r.span, r.text)) for r in roles),
    )


def role_conflicts(entities: Sequence[Entity]) -> list[Conflict]:
    """One conflict per person given incompatible titles in different articles
    (``inconsistent_detail``), or only described, in different words (``wording_only``)."""
    out: list[Conflict] = []
    for entity in entities:
        if entity.type != "person" or len(entity.roles) < 2:
            continue
        per_article: dict[str, frozenset[str]] = {}
        for role in entity.roles:
            per_article[role.span.article] = per_article.get(role.span.article, frozenset()) | titles(
                role.text
            )
        sets = [t for t in per_article.values() if t]
        if all(compatible(a, b) for i, a in enumerate(sets) for b in sets[i + 1 :]):
            described = description_conflict(entity)
            if described is not None:
                out.append(described)
            continue
        values = tuple(
            ConflictValue(r.text, Citation(r.span, r.text)) for r in entity.roles if titles(r.text)
        )
        out.append(make_conflict("role", f"{entity.name}'s title", "inconsistent_detail", values))
    return out


def _spelling(text: str, person: bool) -> str:
    name = clean_name(text, person=person)
    return " ".join(name.split()).lower()


def spelling_conflicts(entities: Sequence[Entity]) -> list[Conflict]:
    """One conflict per person or organisation whose multi-word name is spelled differently in
    different articles."""
    out: list[Conflict] = []
    for entity in entities:
        if entity.type not in ("person", "organization"):
            continue
        person = entity.type == "person"
        first: dict[tuple[str, str], tuple[str, Citation]] = {}
        articles: dict[str, set[str]] = {}
        for m in sorted(entity.mentions, key=lambda m: (m.span.article, m.span.start)):
            spelled = _spelling(m.text, person)
            if len(spelled.split()) < 2 or spelled.isupper():
                continue
            first.setdefault(
                (spelled, m.span.article),
                (
                    clean_name(m.text, person=person),
                    Citation(m.span, m.text),
                ),
            )
            articles.setdefault(spelled, set()).add(m.span.article)
        if len(articles) < 2 or len(set().union(*articles.values())) < 2:
            continue
        n_words = {len(s.split()) for s in articles}
        if len(n_words) > 1 and person:
            continue  # "Mark Katz" / "Mark N. Katz": a fuller name, not a spelling
        out.append(
            make_conflict(
                "spelling",
                f"spelling of {entity.name}",
                "spelling",
                (ConflictValue(name, cite) for name, cite in first.values()),
            )
        )
    return out


def _explicit(quote: Quote | None) -> bool:
    return quote is not None and explicit(quote)


def speaker_conflicts(
    groups: Sequence[QuoteGroup], quotes: Mapping[str, Quote], names: Mapping[str, str]
) -> list[Conflict]:
    """One conflict per quote group whose variants are attributed to different named speakers
    (``quotes``: Quote.id -> Quote, for the speaker as written)."""
    out: list[Conflict] = []
    for group in groups:
        named = [v for v in group.variants if v.speaker is not None and _explicit(quotes.get(v.quote))]
        if len({v.speaker for v in named}) < 2:
            continue
        out.append(
            make_conflict(
                "speaker",
                f"speaker of “{group.variants[0].text}”",
                "contradiction",
                (
                    ConflictValue(
                        names.get(v.speaker or "", v.speaker_name or ""),
                        Citation(v.span, v.text),
                    )
                    for v in named
                ),
            )
        )
    return out


def _stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def _loose(variant: QuoteVariant, lead: QuoteVariant) -> bool:
    """Whether ``variant`` was matched as a fragment but its words are no run of ``lead``'s."""
    return variant.match == "fragment" and not contains(_stems(lead.text), _stems(variant.text))


def wording_conflicts(groups: Sequence[QuoteGroup]) -> list[Conflict]:
    """One conflict per quote group whose articles word the utterance differently: a "variant"
    member in another article than the group's longest variant (``wording_only``), or a loosely
    matched fragment there (``inconsistent_detail``)."""
    out: list[Conflict] = []
    for group in groups:
        lead = max(group.variants, key=lambda v: (len(v.text), -group.variants.index(v)))
        others = [v for v in group.variants if v.span.article != lead.span.article]
        loose = [v for v in others if _loose(v, lead)]
        differing = [v for v in others if v.match == "variant" or v in loose]
        if not differing:
            continue
        values = [lead, *differing]
        out.append(
            make_conflict(
                "wording",
                f"wording of {group.speaker_name or 'a quote'}: “{lead.text}”",
                "inconsistent_detail" if loose else "wording_only",
                (ConflictValue(v.text, Citation(v.span, v.text)) for v in values),
            )
        )
    return out
