"""Roles and affiliations of people as an article states them ("Russian President Vladimir Putin").

Four patterns, all read off the parsed Doc (no re-parsing):

* a title before the name: ``Russian President Vladimir Putin``, ``Chinese leader Xi Jinping``,
  ``influential Putin ally and Wagner Group mercenary company leader Yevgeny Prigozhin``, and a
  sentence-initial description running into the name (``Director of the X Centre Pan Dawei``);
* an appositive after the name: ``Yun Sun, director of the China program at the Stimson Center``
  (a leading "a"/"an"/"the" is dropped);
* an affiliation: ``Dmitri Alperovitch with the Silverado Policy Accelerator`` and
  ``Johns Hopkins University’s Sergey Radchenko``;
* a copular description: ``Lavrov is Russia's foreign minister``.

Person mentions take any noun-headed description; other mentions (the NER often mislabels people
as ORG or GPE) only take descriptions headed by a word of :data:`PERSON_ROLE_WORDS`, which is also
the evidence :mod:`newsprism.link.entities` uses to type such mentions as people.
"""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from ..records import Mention, Role
from ..records import Span as TextSpan

#: Nouns that head a description of a person (lower-case; plural forms are matched by lemma).
PERSON_ROLE_WORDS: frozenset[str] = frozenset(
    {
        "president", "leader", "minister", "premier", "chancellor", "speaker", "counterpart",
        "official", "officer", "legislator", "lawmaker", "senator", "congressman", "congresswoman",
        "ambassador", "envoy", "diplomat", "spokesman", "spokeswoman", "spokesperson", "secretary",
        "chairman", "chairwoman", "chief", "head", "director", "professor", "analyst", "expert",
        "fellow", "researcher", "scientist", "scholar", "economist", "strategist", "adviser",
        "advisor", "consultant", "editor", "correspondent", "journalist", "reporter", "author",
        "executive", "commander", "general", "governor", "mayor", "king",
        "queen", "prince", "emperor", "dictator", "autocrat", "monarch", "judge", "lawyer",
        "attorney", "deputy", "aide", "negotiator", "historian", "commentator", "columnist",
        "activist", "candidate", "manager", "lecturer", "dean", "ceo", "chair", "representative", "politician", "sinologist", "specialist",
    }
)  # fmt: skip

#: Nouns that describe people but also organisations or countries ("ally", "member"): they make a
#: role of a PERSON mention, but are no evidence that a mention tagged otherwise is a person.
SHARED_ROLE_WORDS: frozenset[str] = frozenset(
    {"ally", "member", "partner", "rival", "neighbor", "neighbour", "owner", "founder", "critic"}
)

_DETERMINERS: frozenset[str] = frozenset({"a", "an", "the"})
_POSSESSIVES: frozenset[str] = frozenset({"'s", "’s"})
_HYPHENS: frozenset[str] = frozenset({"-", "–", "‑"})
_MODIFIER_POS: frozenset[str] = frozenset({"ADJ", "PROPN", "NOUN", "NUM"})
_PP_POS: frozenset[str] = frozenset({"ADJ", "PROPN", "NOUN", "NUM", "ADP", "DET", "CCONJ", "PART"})
_MAX_TITLE_TOKENS = 8
_MAX_PP_TOKENS = 20


def is_role_word(token: Token, person: bool = False) -> bool:
    """Whether ``token`` is a noun that describes a person ("president", "Director", "fellows");
    with ``person`` (the name is tagged PERSON) :data:`SHARED_ROLE_WORDS` count too."""
    words = {token.lower_, token.lemma_.lower()}
    return bool(words & PERSON_ROLE_WORDS) or (person and bool(words & SHARED_ROLE_WORDS))


def _mention_span(doc: Doc, mention: Mention) -> Span | None:
    """The tokens covering ``mention`` (expanded to token boundaries)."""
    return doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")


def _role(doc: Doc, article: str, start_tok: int, end_tok: int) -> Role | None:
    """A Role over tokens ``[start_tok, end_tok)`` without leading articles or edge punctuation."""
    while start_tok < end_tok and (
        doc[start_tok].lower_ in _DETERMINERS or doc[start_tok].is_punct or doc[start_tok].is_space
    ):
        start_tok += 1
    while end_tok > start_tok and (doc[end_tok - 1].is_punct or doc[end_tok - 1].is_space):
        end_tok -= 1
    if end_tok <= start_tok:
        return None
    span = doc[start_tok:end_tok]
    return Role(span.text, TextSpan(article, span.start_char, span.end_char))


def _hyphen_glued(token: Token) -> bool:
    """Whether ``token`` is part of a hyphenated word ("Mandarin-speaking", "third-most-senior")."""
    doc = token.doc
    if token.text in _HYPHENS:
        return True
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    glued_after = after is not None and not token.whitespace_ and after.text in _HYPHENS
    glued_before = before is not None and not before.whitespace_ and before.text in _HYPHENS
    return glued_after or glued_before


def _breaks_line(token: Token) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_


def _title_start(doc: Doc, end: int, person: bool) -> int | None:
    """Start of a title whose head noun is ``doc[end - 1]``, walking left over its modifiers."""
    if end <= 0 or not is_role_word(doc[end - 1], person) or _breaks_line(doc[end - 1]):
        return None
    start = end - 1
    while start > 0 and end - start < _MAX_TITLE_TOKENS:
        prev = doc[start - 1]
        if _breaks_line(prev) or prev.ent_type_ in {"DATE", "TIME"}:
            break
        if prev.text in _POSSESSIVES and start >= 2 and doc[start - 2].pos_ in {"PROPN", "NOUN"}:
            start -= 2
            continue
        if prev.pos_ in _MODIFIER_POS or _hyphen_glued(prev):
            start -= 1
            continue
        break
    return start


def _titles_before(doc: Doc, span: Span, article: str, person: bool) -> list[Role]:
    """Titles immediately before the name, and titles joined to them by "and"."""
    end = span.start
    if end > 0 and doc[end - 1].text == "[":  # "[Xi]" takes no title from outside the bracket
        return []
    roles: list[Role] = []
    while True:
        start = _title_start(doc, end, person)
        if start is None:
            break
        role = _role(doc, article, start, end)
        if role is not None:
            roles.append(role)
        if start >= 2 and doc[start - 1].lower_ == "and":
            end = start - 1
            continue
        break
    roles.reverse()
    return roles


def _sentence_start(doc: Doc, i: int) -> int:
    """Index of the first token of the sentence holding ``doc[i]`` (0 without sentence marks)."""
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return doc[i].sent.start
    return 0


def _description_before(doc: Doc, span: Span, article: str) -> list[Role]:
    """A sentence-initial description running into the name ("Director of the X Pan Dawei"),
    split at "and" before another role word ("Professor of ... and expert on Russia")."""
    if span.start == 0:
        return []
    first = _sentence_start(doc, span.start)
    if span.start - first > _MAX_PP_TOKENS or span.start - first < 2:
        return []
    stretch = doc[first : span.start]
    if any(_breaks_line(t) for t in stretch[:-1]):
        return []
    if not all(t.pos_ in _PP_POS or _hyphen_glued(t) for t in stretch):
        return []
    if stretch[-1].pos_ not in {"PROPN", "NOUN"}:
        return []
    head = first + 1 if doc[first].lower_ in _DETERMINERS else first
    if not is_role_word(doc[head], True) or not any(t.pos_ == "ADP" for t in stretch):
        return []
    cuts = [head]
    cuts += [
        t.i + 1
        for t in stretch
        if t.lower_ == "and" and t.i + 1 < span.start and is_role_word(doc[t.i + 1], True)
    ]
    bounds = [*cuts, span.start + 1]
    roles: list[Role] = []
    for a, b in pairwise(bounds):
        role = _role(doc, article, a, b - 1)
        if role is not None:
            roles.append(role)
    return roles


def _description_end(head: Token) -> int:
    """End (exclusive) of the subtree of ``head`` without a trailing relative clause ("who ...")."""
    end = head.right_edge.i + 1
    for child in head.children:
        if child.dep_ == "relcl" and child.i > head.i:
            end = min(end, child.left_edge.i)
    return end


def _appositives(doc: Doc, span: Span, article: str, person: bool) -> list[Role]:
    """An appositive after the name, with any appositive chained to it by a comma."""
    children = sorted(
        (c for t in span for c in t.children if c.dep_ == "appos" and c.i >= span.end),
        key=lambda c: c.i,
    )
    if not children:
        return []
    first = children[0]
    if first.pos_ not in {"NOUN", "PROPN"} or not (
        (person and first.pos_ == "NOUN") or is_role_word(first, person)
    ):
        return []
    if first.ent_type_ == "PERSON":
        return []
    start, end = first.left_edge.i, _description_end(first)
    for nxt in children[1:]:
        if nxt.left_edge.i == end + 1 and doc[end].text == ",":
            end = _description_end(nxt)
    if start > span.end + 1:  # only a comma may separate the name and its description
        return []
    role = _role(doc, article, start, end)
    return [role] if role is not None else []


def _affiliations(doc: Doc, span: Span, mention: Mention, mentions: list[Mention]) -> list[Role]:
    """ "Name with the ORG" and "ORG’s Name"."""
    roles: list[Role] = []
    after = span.end
    if after + 1 < len(doc) and doc[after].text == "," and doc[after + 1].lower_ == "with":
        after += 1
    if after < len(doc) and doc[after].lower_ == "with":
        j = after + 1
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        k = j
        if j < len(doc) and doc[j].ent_type_ == "ORG":
            while k < len(doc) and doc[k].ent_type_ == "ORG" and (k == j or doc[k].ent_iob_ == "I"):
                k += 1
        else:  # an organisation the NER missed: a run of capitalised proper nouns
            while k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
                k += 1
        if k > j:
            roles.append(
                Role(
                    doc[after:k].text,
                    TextSpan(mention.span.article, doc[after].idx, doc[k - 1].idx + len(doc[k - 1])),
                )
            )
    before = span.start - 1
    if before > 0 and doc[before].text in _POSSESSIVES:
        owner_end = doc[before].idx
        for other in mentions:
            if other.span.end == owner_end and other.label in {"ORG", "FAC"}:
                roles.append(Role(other.text, other.span))
                break
    return roles


def _copular(doc: Doc, span: Span, article: str, person: bool) -> list[Role]:
    """ "Name is/was the ROLE ..." (the predicate noun of a copula whose subject is the name)."""
    root = span.root
    if root.dep_ != "nsubj" or root.head.lemma_ != "be":
        return []
    for child in root.head.children:
        if child.dep_ == "attr" and child.pos_ == "NOUN" and (is_role_word(child, person) or person):
            role = _role(doc, article, child.left_edge.i, _description_end(child))
            return [role] if role is not None else []
    return []


def roles_for(doc: Doc, mention: Mention, mentions: list[Mention]) -> list[Role]:
    """Every role the article states next to ``mention`` (empty for nationalities and events)."""
    if mention.label in {"NORP", "EVENT"}:
        return []
    span = _mention_span(doc, mention)
    if span is None or not len(span):
        return []
    person = mention.label == "PERSON"
    found: list[Role] = []
    titles = _titles_before(doc, span, mention.span.article, person)
    if titles or not person:
        found += titles
    else:
        found += _description_before(doc, span, mention.span.article)
    found += _appositives(doc, span, mention.span.article, person)
    if person:
        found += _affiliations(doc, span, mention, mentions)
    found += _copular(doc, span, mention.span.article, person)
    unique: dict[tuple[int, int], Role] = {}
    for role in found:
        unique.setdefault((role.span.start, role.span.end), role)
    return sorted(unique.values(), key=lambda r: (r.span.start, r.span.end))


def extract_roles(doc: Doc, mentions: list[Mention]) -> list[tuple[int, Role]]:
    """``(index into mentions, role)`` for every role stated next to a mention."""
    pairs: list[tuple[int, Role]] = []
    for index, mention in enumerate(mentions):
        pairs.extend((index, role) for role in roles_for(doc, mention, mentions))
    return pairs
