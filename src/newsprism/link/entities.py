"""Canonical entities across all articles of a run (near-linear: blocked by name keys).

How mentions become entities:

1. **Names are cleaned** (:func:`clean_name`): editorial brackets, possessive endings, a leading
   "the" and, for people, honorifics and titles ("Mr. Xi", "President Xi Jinping") are removed.
   Each word gets a spelling-tolerant key (:func:`token_key`: accents folded, ``y``→``i``,
   ``w``→``v``, doubled letters collapsed), so "Sergei"/"Sergey" and "Kassym"/"Kasim" agree.
2. **Who is a person.** PERSON mentions are; the small model's NER also tags people ORG/GPE/FAC,
   so a mention with another label counts as a person when its full name is tagged PERSON
   elsewhere, when a person role is stated next to it ("President Kassym-Jomart Tokayev"), or when
   it is a single word matching the first or last word of a person named in the same article
   ("Sun" after "Yun Sun"). A PERSON tag is a slip when the run tags the same name otherwise
   more often ("Hydrovel": ORG ten times, PERSON six), unless a role is stated beside it.
3. **Full names** (two words or more) are blocked by surname key and by first-word key; inside a
   block, distinct spellings are joined when the rest of the name is similar (rapidfuzz ratio),
   so "Vladmir Putin" joins "Vladimir Putin" while "Li Zhanshu" and "Li Lifan" stay apart. A
   first and last name joins the one fuller form of it with middle names ("Owen Dempsey" /
   "Owen John Dempsey"), unless the run has two different fuller forms ("Owen Patrick Dempsey").
4. **Single names** ("Putin", "Xi", "Lee") resolve to the full name in the same article when one
   person there has that first or last word (by key, else by a consonant-skeleton sound key);
   when several do, to the nearest earlier full-name mention (for a speaker, "Li added ...", the
   nearest earlier one who was a speaker too, when there is one); with none in the article, to the
   only person of the corpus with that name; otherwise they stay an unresolved entity.
5. **Organisations, places, nationalities, events** are keyed by their normalised name
   (case, "the", "U.S."/"US", British/American spellings); acronyms join their full form when
   introduced in parentheses ("Shanghai Cooperation Organization (SCO)"), or when they are the
   initials of exactly one multi-word name of the same article.
6. **Type** is the majority vote of the cluster's mentions (person evidence counts as a person
   vote); ties prefer person, organization, place, nationality, event.

Every step works on keys and blocks, so the cost grows with the number of mentions, not its square.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import fuzz

from ..records import ArticleAnalysis, Entity, EntityType, Mention, Role, content_id
from ..words import fold
from .keys import UnionFind

#: Entity type for each NER label; anything else is "other".
LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "nationality",
    "EVENT": "event",
}
TYPE_ORDER: tuple[EntityType, ...] = ("person", "organization", "place", "nationality", "event", "other")

#: Words stripped from the front of a person's name (compared without a trailing full stop).
TITLE_WORDS: frozenset[str] = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "president",
        "vice", "prime", "minister", "premier", "chancellor", "foreign", "defense", "defence",
        "leader", "general", "gen", "sen", "senator", "rep", "gov", "governor", "king", "queen",
        "prince", "princess", "secretary", "chairman", "chairwoman", "deputy", "former", "speaker",
        "ambassador", "director", "chief", "comrade", "pope", "sheikh",
    }
)  # fmt: skip
_ORG_STOPWORDS: frozenset[str] = frozenset({"of", "and", "for", "the", "in", "on", "at", "&"})
_SPELLINGS: tuple[tuple[str, str], ...] = (("isation", "ization"), ("centre", "center"))
_BRACKETS = re.compile(r"[\[\]]")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_NON_ALNUM = re.compile(r"[^a-z0-9]")
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = re.compile(r"[aeiou]")
_BLOCK_WINDOW = 32  # names of a block compared with each name, beyond all pairs of small blocks
_GIVEN_NAME_SIMILARITY = 85.0


# --------------------------------------------------------------------------- names and keys


def token_key(word: str) -> str:
    """A spelling-tolerant key of one name word: "Sergey"→"sergei", "Kassym-Jomart"→"kasimjomart"."""
    key = _NON_ALNUM.sub("", fold(word)).replace("y", "i").replace("w", "v")
    return _DOUBLE.sub(r"\1", key)


def sound_key(key: str) -> str:
    """First letter and consonant skeleton of a :func:`token_key` ("lee"/"li" → "l")."""
    return key[:1] + _VOWELS.sub("", key[1:]) if key else ""


def clean_name(text: str, person: bool = True) -> str:
    """The name in ``text`` without brackets, possessive, leading "the" and (people) titles."""
    words = _BRACKETS.sub("", text).split()
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    words = [w for w in words if w]
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    if person:
        while len(words) > 1 and words[0].lower().rstrip(".") in TITLE_WORDS:
            words = words[1:]
    return " ".join(words)


def name_keys(name: str) -> tuple[str, ...]:
    """Word keys of a cleaned name (words with no letters or digits dropped)."""
    return tuple(k for k in (token_key(w) for w in name.split()) if k)


def org_key(name: str) -> str:
    """Normalised key of a non-person name: case, accents, dots and British spellings folded."""
    text = fold(clean_name(name, person=False)).replace(".", "")
    for british, american in _SPELLINGS:
        text = text.replace(british, american)
    return " ".join(re.sub(r"[^a-z0-9&-]", "", w) for w in text.split())


def initials(name: str) -> str:
    """Upper-case initials of the significant words ("Shanghai Cooperation Organization" → SCO)."""
    words = [w for w in re.split(r"[\s-]+", fold(clean_name(name, person=False))) if w]
    return "".join(w[0] for w in words if w not in _ORG_STOPWORDS).upper()


def as_acronym(text: str) -> str | None:
    """``text`` as an acronym ("SCO", "U.S." → "US"), or None when it is not one."""
    letters = text.replace(".", "").strip()
    if 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper():
        return letters
    return None


def _given_similar(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two given-name parts are spellings of one name (initials ignored)."""
    a2 = " ".join(k for k in a if len(k) > 1) or " ".join(a)
    b2 = " ".join(k for k in b if len(k) > 1) or " ".join(b)
    return a2 == b2 or fuzz.ratio(a2, b2) >= _GIVEN_NAME_SIMILARITY


# --------------------------------------------------------------------------- clustering


@dataclass(frozen=True, slots=True)
class _Item:
    """One mention with what clustering needs to know about it."""

    article: int  # index into the analyses
    index: int  # index into that analysis' mentions
    mention: Mention
    person_name: str
    keys: tuple[str, ...]
    has_role: bool
    speaks: bool  # the mention names the speaker of a quote or of reported speech


@dataclass(frozen=True, slots=True)
class _Local:
    """A full-name mention, as a candidate for the one-word names of its article."""

    start: int
    cluster: str
    keys: tuple[str, ...]
    speaks: bool


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _full_key(keys: tuple[str, ...]) -> str:
    return "full:" + " ".join(keys)


def _cluster_full_names(full_keys: Iterable[tuple[str, ...]]) -> UnionFind[str]:
    """Join spellings of one full name, comparing only names that share a surname or first word."""
    uf: UnionFind[str] = UnionFind()
    by_last: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    by_first: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for keys in full_keys:
        uf.find(_full_key(keys))
        by_last[keys[-1]].add(keys)
        by_first[keys[0]].add(keys)
    fuller: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    for block in by_last.values():
        for a, b in _block_pairs(block, lambda keys: keys[:-1]):
            if _given_similar(a[:-1], b[:-1]):
                uf.union(_full_key(a), _full_key(b))
            elif _adds_middle(a, b) or _adds_middle(b, a):
                short, long_ = (a, b) if len(a) < len(b) else (b, a)
                fuller[short].add(long_)
    for short, longer in fuller.items():
        # "Owen Dempsey" is "Owen John Dempsey" unless the run also has an "Owen Patrick Dempsey"
        if len({uf.find(_full_key(k)) for k in longer}) == 1:
            uf.union(_full_key(short), _full_key(next(iter(longer))))
    for block in by_first.values():
        for a, b in _block_pairs(block, lambda keys: keys[1:]):
            if _given_similar(a[1:], b[1:]):
                uf.union(_full_key(a), _full_key(b))
    return uf


def _adds_middle(short: tuple[str, ...], long_: tuple[str, ...]) -> bool:
    """Whether ``long_`` is ``short`` (first and last name) with middle names added ("Owen
    Dempsey" / "Owen John Dempsey")."""
    if len(short) < 2 or len(long_) <= len(short) or short[0] != long_[0] or short[-1] != long_[-1]:
        return False
    middle = iter(long_[1:-1])
    return all(any(k == m for m in middle) for k in short[1:-1])


def _block_pairs(
    block: Iterable[tuple[str, ...]], rest: Callable[[tuple[str, ...]], tuple[str, ...]]
) -> Iterator[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The pairs of names of one block worth comparing by their ``rest`` (the other words).

    A block of up to :data:`_BLOCK_WINDOW` + 1 names gives every pair. A larger one (a common
    surname over a large corpus: "Li", "Wang", "Smith" grow with the corpus) would make all pairs
    quadratic, so it uses the sorted-neighbourhood method: each name meets the next
    :data:`_BLOCK_WINDOW` names in the order of its other words read forwards, then backwards,
    so spellings differing at the end or at the start are neighbours. Written here because
    datasketch's LSH estimates set overlap, not the edit similarity of two short names.
    """
    names = sorted(block)
    if len(names) <= _BLOCK_WINDOW + 1:
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                yield a, b
        return
    for backwards in (False, True):
        ranked = sorted(names, key=lambda keys: " ".join(rest(keys))[:: -1 if backwards else 1])
        for i, a in enumerate(ranked):
            for b in ranked[i + 1 : i + 1 + _BLOCK_WINDOW]:
                yield a, b


def _resolve_single(
    item: _Item,
    local: list[_Local],
    corpus: dict[str, set[str]],
    allow_sound: bool,
    allow_corpus: bool,
) -> str | None:
    """The cluster a one-word name belongs to, or None (see the module docstring, step 4).

    ``local`` is the article's full-name mentions sorted by start; ``corpus`` maps a first/last
    word key to the full-name clusters of the whole run.
    """
    key = item.keys[0]
    matches = [m for m in local if key in (m.keys[0], m.keys[-1])]
    if not matches and allow_sound:
        sound = sound_key(key)
        matches = [m for m in local if sound in (sound_key(m.keys[0]), sound_key(m.keys[-1]))]
    clusters = {m.cluster for m in matches}
    if len(clusters) == 1:
        return next(iter(clusters))
    if clusters:
        earlier = [m for m in matches if m.start < item.mention.span.start]
        if item.speaks:
            # "Li added that ..." continues someone quoted before ("according to Li Lifan"), not
            # the nearest Li who never spoke: prefer the earlier candidates who were speakers.
            earlier = [m for m in earlier if m.speaks] or earlier
        return max(earlier, key=lambda m: m.start).cluster if earlier else None
    if allow_corpus and len(corpus.get(key, ())) == 1:
        return next(iter(corpus[key]))
    return None


def _pick_name(names: Sequence[str]) -> str:
    """The most frequent name (first seen wins a tie); multi-word names are preferred."""
    pool = [n for n in names if len(n.split()) > 1] or list(names)
    counts = Counter(pool)
    best = max(counts.values())
    name = next(n for n in pool if counts[n] == best)
    return name.title() if name.islower() else name


def _vote_of(item: _Item, person: bool) -> EntityType:
    """The type one mention votes for (a PERSON tag on a name with digits is no person)."""
    if person:
        return "person"
    if item.mention.label == "PERSON" and _has_digit(item.mention.text):
        return "other"
    return LABEL_TYPES.get(item.mention.label, "other")


def _vote(votes: Sequence[EntityType]) -> EntityType:
    counts = Counter(votes)
    return max(TYPE_ORDER, key=lambda t: (counts.get(t, 0), -TYPE_ORDER.index(t)))


def _items(analyses: Sequence[ArticleAnalysis]) -> list[_Item]:
    items: list[_Item] = []
    for a, analysis in enumerate(analyses):
        with_role = {i for i, _ in analysis.roles}
        speakers = [
            (q.speaker_span.start, q.speaker_span.end) for q in analysis.quotes if q.speaker_span is not None
        ]
        for i, mention in enumerate(analysis.mentions):
            name = clean_name(mention.text)
            speaks = any(s <= mention.span.start and mention.span.end <= e for s, e in speakers)
            items.append(_Item(a, i, mention, name, name_keys(name), i in with_role, speaks))
    return items


def _person_like(items: Sequence[_Item]) -> set[int]:
    """Positions in ``items`` of the mentions that name a person, before single-word resolution."""
    tagged = {
        it.keys
        for it in items
        if it.mention.label == "PERSON" and len(it.keys) > 1 and not _has_digit(it.mention.text)
    }
    # How often the run tags each name PERSON and otherwise ("Hydrovel": ORG 10 times, PERSON 6)
    as_person: Counter[str] = Counter()
    as_other: Counter[str] = Counter()
    for it in items:
        (as_person if it.mention.label == "PERSON" else as_other)[org_key(it.mention.text)] += 1
    people: set[int] = set()
    for pos, it in enumerate(items):
        label = it.mention.label
        if not it.keys or label in {"NORP", "EVENT"} or _has_digit(it.mention.text):
            continue
        if label == "PERSON" and not it.has_role:
            key = org_key(it.mention.text)
            if as_other[key] > as_person[key]:
                continue  # mostly an organisation or place: the PERSON tags are the slips
        if label == "PERSON" or it.has_role or (len(it.keys) > 1 and it.keys in tagged):
            people.add(pos)
    return people


def _acronyms(items: Sequence[_Item], people: set[int]) -> dict[str, str]:
    """``acronym key → full-name key`` for acronyms introduced in parentheses after their full
    name, or matching the initials of exactly one multi-word name of their article; an acronym
    that would stand for different names in different articles is left alone."""
    meanings: dict[str, set[str]] = defaultdict(set)
    by_article: dict[int, list[_Item]] = defaultdict(list)
    for pos, it in enumerate(items):
        if pos not in people:
            by_article[it.article].append(it)
    for its in by_article.values():
        its.sort(key=lambda it: it.mention.span.start)
        by_initials: dict[str, set[str]] = defaultdict(set)
        for it in its:
            if len(clean_name(it.mention.text, person=False).split()) > 1:
                by_initials[initials(it.mention.text)].add(org_key(it.mention.text))
        for prev, it in pairwise(its):
            acr = as_acronym(it.mention.text)
            gap = it.mention.span.start - prev.mention.span.end
            if acr and 0 < gap <= 3 and initials(prev.mention.text) == acr:
                meanings[org_key(acr)].add(org_key(prev.mention.text))
        for it in its:
            acr = as_acronym(it.mention.text)
            if acr and len(by_initials.get(acr, ())) == 1:
                meanings[org_key(acr)].update(by_initials[acr])
    return {acr: next(iter(full)) for acr, full in meanings.items() if len(full) == 1}


def _assign(items: Sequence[_Item]) -> tuple[list[str], set[int]]:
    """Cluster key of every item, and the positions of items that name people."""
    people = _person_like(items)
    full = [pos for pos in people if len(items[pos].keys) > 1]
    uf = _cluster_full_names(items[pos].keys for pos in full)
    cluster: list[str] = [""] * len(items)
    local: dict[int, list[_Local]] = defaultdict(list)
    corpus: dict[str, set[str]] = defaultdict(set)
    for pos in full:
        it = items[pos]
        root = uf.find(_full_key(it.keys))
        cluster[pos] = root
        local[it.article].append(_Local(it.mention.span.start, root, it.keys, it.speaks))
        corpus[it.keys[0]].add(root)
        corpus[it.keys[-1]].add(root)
    for entries in local.values():
        entries.sort(key=lambda m: m.start)
    for pos, it in enumerate(items):
        if cluster[pos] or len(it.keys) != 1 or it.mention.label in {"NORP", "EVENT"}:
            continue
        tagged = pos in people
        found = _resolve_single(it, local[it.article], corpus, allow_sound=tagged, allow_corpus=tagged)
        if found is not None:
            cluster[pos] = found
            people.add(pos)
        elif tagged:
            cluster[pos] = "single:" + it.keys[0]
    aliases = _acronyms(items, people)
    for pos, it in enumerate(items):
        if cluster[pos]:
            continue
        key = org_key(it.mention.text)
        key = aliases.get(key, key)
        cluster[pos] = "name:" + key
    return cluster, people


def canonicalise(analyses: Sequence[ArticleAnalysis]) -> list[Entity]:
    """Cluster every mention of every analysis into canonical entities with aliases and roles.

    Entities come ordered by type, then mention count (descending), then name; each lists its
    mentions in article order, the distinct spellings other than its name as aliases, and every
    role stated next to one of its mentions (with the role's own span).
    """
    items = _items(analyses)
    cluster, people = _assign(items)
    roles: dict[tuple[int, int], list[Role]] = defaultdict(list)
    for a, analysis in enumerate(analyses):
        for i, role in analysis.roles:
            roles[(a, i)].append(role)
    members: dict[str, list[int]] = defaultdict(list)
    for pos, key in enumerate(cluster):
        members[key].append(pos)
    built: dict[tuple[EntityType, str], tuple[list[Mention], list[Role], list[str]]] = {}
    for positions in members.values():
        positions.sort(
            key=lambda p: (items[p].article, items[p].mention.span.start, items[p].mention.span.end)
        )
        votes = [_vote_of(items[p], p in people) for p in positions]
        etype = _vote(votes)
        person = etype == "person"
        names = [clean_name(items[p].mention.text, person=person) for p in positions]
        name = _pick_name(names)
        mentions, found_roles, texts = built.setdefault((etype, name), ([], [], []))
        for p in positions:
            mentions.append(items[p].mention)
            texts.append(items[p].mention.text)
            found_roles.extend(roles.get((items[p].article, items[p].index), ()))
    entities = [
        Entity(
            id=content_id(etype, name),
            name=name,
            type=etype,
            aliases=tuple(sorted({t for t in texts if t != name})),
            roles=tuple(dict.fromkeys(found_roles)),
            mentions=tuple(mentions),
        )
        for (etype, name), (mentions, found_roles, texts) in built.items()
    ]
    entities.sort(key=lambda e: (TYPE_ORDER.index(e.type), -len(e.mentions), e.name))
    return entities


# --------------------------------------------------------------------------- quotes


def _speaker_entity(
    speaker_name: str,
    in_article: dict[tuple[str, ...], str],
    everywhere: dict[tuple[str, ...], str],
    people_here: Sequence[tuple[str, tuple[str, ...]]],
) -> str | None:
    """``people_here``: (entity id, name keys) of each person mention of the quote's article."""
    keys = name_keys(clean_name(speaker_name))
    if not keys:
        return None
    if keys in in_article:
        return in_article[keys]
    if keys in everywhere:
        return everywhere[keys]
    if len(keys) == 1:
        hits = {eid for eid, k in people_here if k and keys[0] in (k[0], k[-1])}
        if len(hits) == 1:
            return next(iter(hits))
    return None


def link_quotes(analyses: Sequence[ArticleAnalysis], entities: Sequence[Entity]) -> list[ArticleAnalysis]:
    """Analyses whose quotes carry ``speaker`` = the id of the entity their ``speaker_name`` names.

    The name is matched (by :func:`name_keys`, so titles, case and spelling variants do not matter)
    against the entity mentions of the same article first, then against entity names and aliases
    of the whole run (people first), then, for a single word, against the first or last word of
    the people named in that article. Quotes with no match are returned unchanged.
    """
    everywhere: dict[tuple[str, ...], str] = {}
    for entity in sorted(entities, key=lambda e: e.type != "person"):
        for text in (entity.name, *entity.aliases):
            everywhere.setdefault(name_keys(clean_name(text)), entity.id)
    per_article: dict[str, dict[tuple[str, ...], str]] = defaultdict(dict)
    # The person mentions of each article with their name keys, computed once (not per quote).
    people: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for entity in sorted(entities, key=lambda e: e.type != "person"):
        for m in entity.mentions:
            keys = name_keys(clean_name(m.text))
            per_article[m.span.article].setdefault(keys, entity.id)
            if entity.type == "person":
                people[m.span.article].append((entity.id, keys))
    linked: list[ArticleAnalysis] = []
    for analysis in analyses:
        quotes = []
        for quote in analysis.quotes:
            if quote.speaker_name:
                found = _speaker_entity(
                    quote.speaker_name,
                    per_article[analysis.article],
                    everywhere,
                    people[analysis.article],
                )
                if found is not None:
                    quote = dataclasses.replace(quote, speaker=found, unresolved=None)
            quotes.append(quote)
        linked.append(dataclasses.replace(analysis, quotes=tuple(quotes)))
    return linked
