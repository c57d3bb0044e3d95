"""The same utterance across articles, grouped with every variant wording.

How two quotes are judged one utterance (:func:`match_quotes`):

* **Speakers** (canonical entity ids) must agree, or one of them be unknown. Quotes of two
  different known speakers join only when the wording is the same (a long exact or near-exact
  match): that is a quote attributed to different speakers, reported later as a conflict.
* **exact**: the same words. **fragment**: the shorter quote's words occur as one run of the
  longer one ("questions and concerns" in "we understand your questions and concerns ..."), or,
  for the same known speaker, a short quote whose content words mostly occur in the longer one
  ("understands and fully supports" / "fully understands the need ..."). **variant**: another
  wording or translation: most of the shorter quote's words align in order with the other
  (rapidfuzz LCS over crude stems) and most of its content words are shared.
* The same idea in other words ("not in the cards. China doesn't need to ..." / "may not be in
  the cards, but China will continue ...") aligns only a few words, so it stays apart.
* **Continuations**: two direct quotes of one speaker in one article separated only by the
  attribution ("…,” Putin said. “During …") are one utterance cut in two. Quotes separated by
  nothing but punctuation or "and" (“Black Water,” “China Grove” and others) are a list of
  titles or phrases, not one utterance: chaining them would make unrelated short quotes
  "wordings" of one group.

**Speakers of a group**: a speaker the article names ("Hydrovel chairman Radoslav Vukanich
said") beats one we resolved from a pronoun or a description ("he told", :func:`explicit`):
the group's speaker is the one most articles name, and a variant attributed only through a
pronoun takes it (:func:`group_speakers` carries that back to the quotes). A fragment of fewer
than :data:`MIN_VARIANT_WORDS` words has no say in it when the group holds a longer quote: a
scare-quoted term ("abusive behavior") attributed to the man a company banned is no evidence that
he spoke the company's statement holding the term. Only named speakers can disagree (a ``speaker`` conflict, :mod:`.claim_conflicts`).

Candidate pairs come from an inverted index of rare content stems, so the work grows with the
number of quotes, not its square. Groups keep two or more articles (or a matched pair in one
article); variants are in article order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..records import (
    QUOTED_KINDS,
    Article,
    ArticleAnalysis,
    Entity,
    Quote,
    QuoteGroup,
    QuoteMatch,
    QuoteVariant,
    content_id,
    paired,
)
from ..words import STOP, stem, words
from .keys import UnionFind, aligned_share, candidate_pairs, contains, shared_share

#: Shortest quote (in words) that may be a "variant" of another.
MIN_VARIANT_WORDS = 6
#: Share of the shorter quote's words aligned in order, for a variant / across known speakers.
VARIANT_ALIGNED = 0.6
CROSS_SPEAKER_ALIGNED = 0.9
#: Share (and least number) of the shorter quote's content stems shared, for a variant.
VARIANT_SHARED = 0.5
MIN_SHARED_CONTENT = 3
#: Longest gap (characters, no line break) between two quotes continuing one utterance.
CONTINUATION_GAP = 90
#: Posting lists longer than this are not used to block (the word is too common).
MAX_POSTINGS = 60


@dataclass(frozen=True, slots=True)
class QuoteItem:
    """A quote with its comparison keys: stemmed words and content stems, in order."""

    quote: Quote
    order: int  # position of the article in the input
    stems: tuple[str, ...]
    content: tuple[str, ...]

    @staticmethod
    def of(quote: Quote, order: int = 0) -> QuoteItem:
        """Keys of ``quote``."""
        ws = words(quote.text)
        return QuoteItem(
            quote,
            order,
            tuple(stem(w) for w in ws),
            tuple(stem(w) for w in ws if w not in STOP and len(w) > 1),
        )


def match_quotes(a: QuoteItem, b: QuoteItem) -> QuoteMatch | None:
    """ "exact", "fragment" or "variant" when ``a`` and ``b`` are one utterance, else None."""
    sa, sb = a.quote.speaker, b.quote.speaker
    same_speaker = sa is not None and sa == sb
    other_speaker = sa is not None and sb is not None and sa != sb
    if not a.content or not b.content:
        return None
    short, long_ = (a, b) if len(a.stems) <= len(b.stems) else (b, a)
    if a.stems == b.stems:
        return "exact" if not other_speaker or len(a.stems) >= MIN_VARIANT_WORDS else None
    if contains(long_.stems, short.stems):
        if other_speaker:
            return "fragment" if len(short.stems) >= MIN_VARIANT_WORDS else None
        if same_speaker or len(short.content) >= 2:
            return "fragment"
        return None
    if same_speaker and _loose_fragment(short, long_):
        return "fragment"
    if len(short.stems) < MIN_VARIANT_WORDS:
        return None
    aligned = aligned_share(a.stems, b.stems)
    if other_speaker:
        return "variant" if aligned >= CROSS_SPEAKER_ALIGNED else None
    shared = set(a.content) & set(b.content)
    if (
        aligned >= VARIANT_ALIGNED
        and aligned_share(a.content, b.content) >= VARIANT_ALIGNED
        and len(shared) >= MIN_SHARED_CONTENT
        and shared_share(a.content, b.content) >= VARIANT_SHARED
    ):
        return "variant"
    return None


def _loose_fragment(short: QuoteItem, long_: QuoteItem) -> bool:
    """A short direct quote whose content words (numbers included) mostly occur in a longer
    direct quote of the same speaker."""
    if (
        short.quote.kind not in QUOTED_KINDS
        or long_.quote.kind not in QUOTED_KINDS
        or not 2 <= len(short.content) <= 5
    ):
        return False
    own = set(short.content)
    if any(w[0].isdigit() for w in own - set(long_.content)):
        return False
    shared = own & set(long_.content)
    return len(shared) >= 2 and len(shared) * 3 >= 2 * len(own)


def _continues(first: Quote, second: Quote, text: str) -> bool:
    """Whether ``second`` continues ``first``: one article, one known speaker, both direct, and
    only a short attribution between them."""
    if (
        first.span.article != second.span.article
        or first.kind not in QUOTED_KINDS
        or second.kind not in QUOTED_KINDS
    ):
        return False
    if first.speaker is None or first.speaker != second.speaker:
        return False
    gap = text[first.span.end : second.span.start]
    if not 0 <= len(gap) <= CONTINUATION_GAP or "\n" in gap:
        return False
    return any(w not in _LIST_JOINERS for w in words(gap))


#: Words that join the items of a list ("“A,” “B” and “C”"): no attribution between two quotes.
_LIST_JOINERS = frozenset({"and", "or", "nor", "&"})


def _items(articles: Sequence[Article], analyses: Sequence[ArticleAnalysis]) -> list[QuoteItem]:
    """Quoted words (direct and partial quotes) and the indirect quotes that do not wrap them, in
    article order."""
    items: list[QuoteItem] = []
    for pair in paired(articles, analyses):
        analysis = pair.analysis
        direct = [q for q in analysis.quotes if q.kind in QUOTED_KINDS]
        for q in sorted(analysis.quotes, key=lambda q: (q.span.start, q.span.end)):
            if q.kind not in QUOTED_KINDS and any(
                q.span.start <= d.span.start and d.span.end <= q.span.end for d in direct
            ):
                continue
            item = QuoteItem.of(q, pair.order)
            if item.content:
                items.append(item)
    return items


def _label(item: QuoteItem, reference: QuoteItem) -> QuoteMatch:
    if item.stems == reference.stems:
        return "exact"
    if contains(reference.stems, item.stems):
        return "fragment"
    return match_quotes(item, reference) or "variant"


def explicit(quote: Quote) -> bool:
    """Whether the article names the quote's speaker: a word of the resolved name is written in
    the speaker phrase ("Hydrovel chairman Radoslav Vukanich", "Vukanich", "a Hydrovel
    spokesperson"), not only a pronoun or description resolved by us ("he", "the minister")."""
    if not quote.speaker_name or not quote.speaker_text:
        return False
    written = set(words(quote.speaker_text))
    return any(w in written for w in words(quote.speaker_name) if w not in STOP)


def _group(
    members: Sequence[QuoteItem],
    outlets: Mapping[str, str | None],
    names: Mapping[str, str],
    origin_of: Mapping[str, str],
) -> QuoteGroup:
    reference = max(members, key=lambda m: (m.quote.kind in QUOTED_KINDS, len(m.stems), -members.index(m)))
    # a few quoted words ("abusive behavior") are evidence that they were said, not of who said
    # the sentence holding them: a term or slogan recurs in many people's sentences
    voters = [m for m in members if len(m.stems) >= MIN_VARIANT_WORDS] or list(members)
    named = Counter(m.quote.speaker for m in voters if m.quote.speaker is not None and explicit(m.quote))
    speakers = named or Counter(m.quote.speaker for m in voters if m.quote.speaker is not None)
    speaker = max(speakers, key=lambda s: speakers[s]) if speakers else None

    def speaker_of(q: Quote) -> str | None:
        return speaker if named and q.speaker not in named and not explicit(q) else q.speaker

    variants = tuple(
        QuoteVariant(
            quote=m.quote.id,
            span=m.quote.span,
            text=m.quote.text,
            outlet=outlets.get(m.quote.span.article),
            speaker=speaker_of(m.quote),
            speaker_name=names.get(sp, sp) if (sp := speaker_of(m.quote)) else m.quote.speaker_name,
            match=_label(m, reference),
        )
        for m in members
    )
    return QuoteGroup(
        id=content_id("quote-group", *sorted(m.quote.id for m in members)),
        speaker=speaker,
        speaker_name=names.get(speaker) if speaker else None,
        variants=variants,
        independent_origins=len({origin_of.get(v.span.article, v.span.article) for v in variants}),
    )


def group_quotes(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    entities: Sequence[Entity],
    origin_of: Mapping[str, str],
) -> list[QuoteGroup]:
    """Quote groups spanning two or more articles (or two quotes of one utterance), ordered by
    independent origins (most first), then first appearance."""
    items = _items(articles, analyses)
    texts = {a.id: a.text for a in articles}
    sets = UnionFind(range(len(items)))
    matched: set[int] = set()
    content = [it.content for it in items]
    for i, j in candidate_pairs(content, MAX_POSTINGS, [it.quote.span.article for it in items]):
        if match_quotes(items[i], items[j]) is not None:
            sets.union(i, j)
            matched.update((i, j))
    for i in range(len(items) - 1):
        first, second = items[i].quote, items[i + 1].quote
        if _continues(first, second, texts.get(first.span.article, "")):
            sets.union(i, i + 1)
    outlets = {a.id: a.outlet for a in articles}
    names = {e.id: e.name for e in entities}
    groups: list[tuple[tuple[int, int, int], QuoteGroup]] = []
    for members in sets.groups():
        if len(members) < 2 or not matched.intersection(members):
            continue
        group_items = [items[m] for m in members]
        group = _group(group_items, outlets, names, origin_of)
        lead = group_items[0]
        groups.append(((-group.independent_origins, lead.order, lead.quote.span.start), group))
    return [g for _, g in sorted(groups, key=lambda kg: kg[0])]


def group_speakers(
    analyses: Sequence[ArticleAnalysis], groups: Sequence[QuoteGroup]
) -> list[ArticleAnalysis]:
    """``analyses`` with each grouped quote's speaker set to its variant's speaker: a quote
    attributed through a pronoun takes the speaker another article names (the phrase as written,
    ``speaker_text``, stays)."""
    by_quote = {v.quote: v for g in groups for v in g.variants}
    out: list[ArticleAnalysis] = []
    for analysis in analyses:
        quotes = []
        for q in analysis.quotes:
            v = by_quote.get(q.id)
            if v is not None and v.speaker is not None and v.speaker != q.speaker:
                q = replace(q, speaker=v.speaker, speaker_name=v.speaker_name, unresolved=None)
            quotes.append(q)
        out.append(replace(analysis, quotes=tuple(quotes)))
    return out
