"""Conflicts about people and quotes: titles, spellings of a name, who said a quote.

* **Role** (``inconsistent_detail``): one person given two different *specific* titles in two
  articles ("chief executive of Hydrovel" / "Hydrovel chairman", "director of the China program"
  / "senior fellow"). Titles are found by a small lexicon of head nouns; generic descriptions
  (leader, official, head, expert, legislator...) are compatible with any title, so "Russian
  President" / "Russian leader" is no conflict, nor is "professor" / "associate professor" (one
  title contains the other) or "Foreign Minister" / "Russian Foreign Minister". Two names of one
  post are one title (:data:`SAME_TITLE`: "CEO" / "chief executive", "chair" / "chairman").
* **Role descriptions** (``wording_only``): a person no article gives a specific title, described
  in different words in different articles ("China's third-most-senior leader" / "China's number
  three official" / "top Chinese legislator"): compatible, but worth a reader's note. One
  description whose content words hold the other's ("official" / "senior official") is the same.
* **Spelling** (``spelling``): one entity whose multi-word names are written differently
  ("Sergei Lavrov" / "Sergey Lavrov", "Organisation" / "Organization"); case, possessives,
  titles, brackets and punctuation (full stops, commas, apostrophes and quotation marks, curly or
  straight: "Corp." / "Corp", "Nelson, B.C." / "Nelson B.C.", "People’s" / "Peoples") do not count:
  they are a house style or a sentence's full stop, not how the name is spelt.
* **Wording** (``wording_only``): a quote group with other wordings of one utterance in
  different articles (translations: "We highly value ..." / "We highly appreciate ...").
  A short quote matched only loosely (its words occur in the other article's quote, but not as
  one run: "understands and fully supports" / "fully understands the need for all measures")
  reports different words, so that group's conflict is an ``inconsistent_detail``. Only words
  inside quotation marks (direct and partial quotes) have a wording to compare: reported speech
  ("the police said the goods were later returned") is each outlet's own paraphrase. And a quote
  whose words are a run of what another article quotes (all its quoted parts, in text order,
  editorial brackets such as "min[ute]" left out) is that wording shortened or cut at another
  place, not another wording; nor is a quote that matches no other article's quote by itself,
  only through a third (two song titles of one quoted list).
* **Speaker** (``contradiction``): a quote group whose variants name different speakers. Only
  speakers the article names (:func:`.quotes.explicit`: not a pronoun or description resolved by
  us, which takes the named speaker of the group instead) count; and two of them conflict only
  when their quotes are one utterance by themselves (:func:`.quotes.match_quotes` across
  speakers: a long shared run, not a title both mention), when neither is named in the other's
  attribution (joint speakers: "The FBI, the city police and the sheriff's office said" in one
  article, "The FBI said" in another) and when neither name holds the other ("Kennedy" /
  "James Kennedy Jr.": one person the entity linker left apart).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from ..records import (
    QUOTED_KINDS,
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
from .quotes import QuoteItem, explicit, match_quotes

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
#: Names of one post, each to the one form :func:`titles` gives ("CEO" and "chief executive" are
#: one title, not two that conflict).
SAME_TITLE: Mapping[str, str] = {
    "ceo": "chief executive", "chief executive officer": "chief executive",
    "cfo": "chief financial officer", "coo": "chief operating officer",
    "chairman": "chair", "chairwoman": "chair", "chairperson": "chair",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "defense minister": "defence minister",
}  # fmt: skip


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
    """Specific titles named in a role description, each in its one form (:data:`SAME_TITLE`):
    "Hydrovel chairman" → {"chair"}, "CEO and founder" → {"chief executive", "founder"}."""
    return frozenset(SAME_TITLE.get(t, t) for t in _TITLE_RE.findall(fold(role_text)))


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


#: Marks that are no part of how a name is spelt (:func:`_spelling`).
_NAME_PUNCTUATION = re.compile(r"[.,'’‘\"“”]")


def _spelling(text: str, person: bool) -> str:
    """The name in ``text`` as spelt: without titles, brackets, possessive, case and punctuation
    (accents and hyphens stay: "Vukanić" / "Vukanic", "Kassym-Jomart" / "Kasim-Jomart" differ)."""
    name = _NAME_PUNCTUATION.sub("", clean_name(text, person=person))
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


#: What joins the names of joint speakers ("The FBI, the city police and the sheriff's office").
_JOINER = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s+)(?:the\s+)?", re.IGNORECASE)

#: One article's entity mentions: (start, end, entity id), in text order.
Mentions = Sequence[tuple[int, int, str]]


def _mentions(entities: Sequence[Entity]) -> dict[str, list[tuple[int, int, str]]]:
    out: dict[str, list[tuple[int, int, str]]] = {}
    for e in entities:
        for m in e.mentions:
            out.setdefault(m.span.article, []).append((m.span.start, m.span.end, e.id))
    for found in out.values():
        found.sort()
    return out


def joint_speakers(quote: Quote, mentions: Mentions, text: str) -> frozenset[str]:
    """The entities named as one subject with ``quote``'s speaker: in its speaker phrase and in
    the list of names that runs into it, joined by commas, "and", "or" ("The FBI, the city police
    and the sheriff's office said" gives all three, whichever the quote was attributed to)."""
    span = quote.speaker_span
    if span is None:
        return frozenset({quote.speaker} if quote.speaker else ())
    lo, hi = span.start, span.end
    found = {eid for s, e, eid in mentions if lo <= s and e <= hi}
    moved = True
    while moved:
        moved = False
        for s, e, eid in mentions:
            if e <= lo and _JOINER.fullmatch(text, e, lo):
                found.add(eid)
                lo, moved = s, True
            elif s >= hi and _JOINER.fullmatch(text, hi, s):
                found.add(eid)
                hi, moved = e, True
    if quote.speaker:
        found.add(quote.speaker)
    return frozenset(found)


def _one_person(a: str, b: str) -> bool:
    """Whether one name's words hold the other's ("Kennedy" / "James Kennedy Jr.")."""
    wa, wb = set(words(a)), set(words(b))
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def speaker_conflicts(
    groups: Sequence[QuoteGroup],
    quotes: Mapping[str, Quote],
    names: Mapping[str, str],
    entities: Sequence[Entity],
    texts: Mapping[str, str],
) -> list[Conflict]:
    """One conflict per quote group whose variants are attributed to different named speakers
    (``quotes``: Quote.id -> Quote, for the speaker as written): two named variants whose quotes
    are one utterance by themselves, neither speaker named in the other's attribution
    (:func:`joint_speakers`, over ``entities``' mentions in ``texts``) and neither speaker's name
    holding the other's."""
    mentions = _mentions(entities)
    out: list[Conflict] = []
    for group in groups:
        named = [
            (v, q)
            for v in group.variants
            if v.speaker is not None and (q := quotes.get(v.quote)) is not None and explicit(q)
        ]
        if len({v.speaker for v, _ in named}) < 2:
            continue
        joint = [
            joint_speakers(q, mentions.get(v.span.article, ()), texts.get(v.span.article, ""))
            for v, q in named
        ]
        items = [QuoteItem.of(q) for _, q in named]
        rivals: set[int] = set()
        for i, (a, _) in enumerate(named):
            for j in range(i + 1, len(named)):
                b = named[j][0]
                if (
                    a.speaker == b.speaker
                    or a.speaker in joint[j]
                    or b.speaker in joint[i]
                    or _one_person(names.get(a.speaker or "", ""), names.get(b.speaker or "", ""))
                    or match_quotes(items[i], items[j]) is None
                ):
                    continue
                rivals.update((i, j))
        if not rivals:
            continue
        out.append(
            make_conflict(
                "speaker",
                f"speaker of “{group.wording.text}”",
                "contradiction",
                (
                    ConflictValue(names.get(v.speaker or "", v.speaker_name or ""), Citation(v.span, v.text))
                    for k, (v, _) in enumerate(named)
                    if k in rivals
                ),
            )
        )
    return out


#: Editorial insertions in a quote ("a 30 min[ute] walk", "[the company] will"): the outlet's words.
_BRACKETED = re.compile(r"\[[^\]]*\]")


def _stems(text: str) -> list[str]:
    return [stem(w) for w in words(_BRACKETED.sub(" ", text))]


def _loose(variant: QuoteVariant, lead: QuoteVariant) -> bool:
    """Whether ``variant`` was matched as a fragment but its words are no run of ``lead``'s."""
    return variant.match == "fragment" and not contains(_stems(lead.text), _stems(variant.text))


def _quoted(variant: QuoteVariant, quotes: Mapping[str, Quote]) -> bool:
    """Whether ``variant`` is words inside quotation marks (a direct or partial quote)."""
    quote = quotes.get(variant.quote)
    return quote is not None and quote.kind in QUOTED_KINDS


def wording_conflicts(groups: Sequence[QuoteGroup], quotes: Mapping[str, Quote]) -> list[Conflict]:
    """One conflict per quote group whose articles word the utterance differently, among its
    quoted variants (``quotes``: Quote.id -> Quote, for the kind): a variant in another article
    than the group's longest one whose words are no run of what any other article quotes (its
    quoted variants joined in text order) but that is one utterance with a quote of another
    article by itself (:func:`.quotes.match_quotes`; a group also chains members that match
    only a third: two song titles out of one quoted list) -- ``wording_only``, or
    ``inconsistent_detail`` when one is a loosely matched fragment."""
    out: list[Conflict] = []
    for group in groups:
        quoted = [v for v in group.variants if _quoted(v, quotes)]
        said: dict[str, list[str]] = {}
        for v in sorted(quoted, key=lambda v: (v.span.article, v.span.start)):
            said.setdefault(v.span.article, []).extend(_stems(v.text))
        if len(said) < 2:
            continue
        lead = max(quoted, key=lambda v: (len(v.text), -quoted.index(v)))
        others = [v for v in quoted if v.span.article != lead.span.article]
        loose = [v for v in others if _loose(v, lead)]
        items = {v.quote: QuoteItem.of(quotes[v.quote]) for v in quoted}
        differing = [
            v
            for v in others
            if not any(contains(stems, _stems(v.text)) for a, stems in said.items() if a != v.span.article)
            and any(
                match_quotes(items[v.quote], items[o.quote]) is not None
                for o in quoted
                if o.span.article != v.span.article
            )
        ]
        if not differing:
            continue
        values = [lead, *differing]
        out.append(
            make_conflict(
                "wording",
                f"wording of {group.speaker_name or 'a quote'}: “{lead.text}”",
                "inconsistent_detail" if set(loose) & set(differing) else "wording_only",
                (ConflictValue(v.text, Citation(v.span, v.text)) for v in values),
            )
        )
    return out
