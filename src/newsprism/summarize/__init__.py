"""Extractive multi-document summary in which every sentence cites its sources.

1. :mod:`.candidates`: every analysed sentence becomes a verbatim span; fragments,
   questions, boilerplate and quotes torn from their attribution are never extracted.
2. :mod:`.select`: greedy coverage of the story's concepts (words and word pairs, weighted by how
   many sentences and independent origins use them) per word, plus a sentence bonus (terms other
   origins share, support, quotations); near-duplicates skipped; the word budget filled.
3. Here: the chosen sentences are put in reading order (the cited article's publication date,
   then input order, then position in the article) and each gets its citation and the spans of
   other articles that corroborate it (other origins first). A sentence taken only to lead the
   one after it (a torn quotation's opening) is one summary sentence with it, over both spans.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..records import Article, ArticleAnalysis, Citation, Span, SummarySentence, paired
from .candidates import Candidate, candidates
from .select import Params, select, similar, vectorise

MAX_CORROBORATIONS = 5


def summarize(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    origin_of: Mapping[str, str],
    max_words: int = 200,
    names: Mapping[str, str] | None = None,
) -> list[SummarySentence]:
    """At most ``max_words`` words of verbatim sentences, redundancy removed, ordered for
    reading; each cites the span it was taken from and the spans that corroborate it.
    ``names``: the canonical name of each entity id, so the speaker shown beside a sentence is
    the story's name for that person, not one article's spelling ("Vladmir Putin")."""
    if names:
        analyses = [_canonical_speakers(an, names) for an in analyses]
    return summarize_with(articles, analyses, origin_of, max_words, Params())


def _canonical_speakers(analysis: ArticleAnalysis, names: Mapping[str, str]) -> ArticleAnalysis:
    """``analysis`` with each linked quote's ``speaker_name`` the canonical name of its speaker."""
    quotes = tuple(
        replace(q, speaker_name=names[q.speaker])
        if q.speaker and q.speaker in names and q.speaker_name
        else q
        for q in analysis.quotes
    )
    return replace(analysis, quotes=quotes)


def summarize_with(
    articles: Sequence[Article],
    analyses: Sequence[ArticleAnalysis],
    origin_of: Mapping[str, str],
    max_words: int,
    params: Params,
) -> list[SummarySentence]:
    """:func:`summarize` with explicit selection :class:`~.select.Params`."""
    cands = candidates(articles, analyses, origin_of)
    if not cands or max_words <= 0:
        return []
    vecs = vectorise(cands)
    neighbours = similar(cands, vecs, params)
    chosen = select(cands, vecs, neighbours, max_words, params)
    dates = _dates(articles, analyses)
    chosen.sort(key=lambda i: (_date_key(dates.get(cands[i].article)), cands[i].order, cands[i].start))
    texts = {a.id: a.text for a in articles}
    out: list[SummarySentence] = []
    for lead, i in _units(cands, chosen):
        c = cands[i]
        start = cands[lead].start
        text = texts[c.article][start : c.end]
        out.append(
            SummarySentence(
                text=text,
                citation=Citation(Span(c.article, start, c.end), text),
                corroborations=_corroborations(cands, i, neighbours[i]),
                speaker=c.speaker,
            )
        )
    return out


def _units(cands: Sequence[Candidate], chosen: Sequence[int]) -> list[tuple[int, int]]:
    """The chosen candidates as ``(first, last)`` spans of one summary sentence each, in
    reading order. A sentence never extracted on its own (too short, a quotation torn at the
    split) comes in only as the lead of the sentence after it (:func:`.select.select`), and the
    two are one summary sentence over both spans: alone, the lead would be a summary sentence
    reading ``“Meth.`` or a bare quotation mark, with the rest of its quotation in the next."""
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(chosen):
        i = chosen[k]
        if cands[i].skip is not None and k + 1 < len(chosen) and chosen[k + 1] == i + 1:
            out.append((i, i + 1))
            k += 2
        else:
            out.append((i, i))
            k += 1
    return out


def news_spans(
    articles: Sequence[Article], analyses: Sequence[ArticleAnalysis], origin_of: Mapping[str, str]
) -> dict[tuple[str, int], Span | None]:
    """What the summary reads as the news of each sentence it does not take as split: ``(article
    id, sentence index)`` -> ``None`` for page furniture (:mod:`.furniture`: captions, credits,
    the site's notices to its reader), or the span after the furniture glued to its start (a
    credit before a lede). A comparison summariser should be given the same text, since the
    product does not read the rest as the article's news."""
    return {
        (c.article, c.position): (None if c.skip == "furniture" else Span(c.article, c.start, c.end))
        for c in candidates(articles, analyses, origin_of)
        if c.skip == "furniture" or c.cut
    }


def _cite(c: Candidate) -> Citation:
    return Citation(Span(c.article, c.start, c.end), c.text)


def _corroborations(
    cands: Sequence[Candidate], i: int, neighbours: Sequence[tuple[int, float]]
) -> tuple[Citation, ...]:
    """The most similar sentence of each other article, other origins before copies."""
    best: dict[str, tuple[int, float]] = {}
    for j, sim in neighbours:
        art = cands[j].article
        if art not in best or sim > best[art][1]:
            best[art] = (j, sim)
    ranked = sorted(best.values(), key=lambda js: (cands[js[0]].origin == cands[i].origin, -js[1], js[0]))
    return tuple(_cite(cands[j]) for j, _ in ranked[:MAX_CORROBORATIONS])


def _dates(articles: Sequence[Article], analyses: Sequence[ArticleAnalysis]) -> dict[str, str]:
    """Publication day (ISO string) per article id, as reported (:func:`effective_published`)."""
    out: dict[str, str] = {}
    for pair in paired(articles, analyses, unanalysed=True):
        value = pair.published.value
        if value:
            out[pair.article.id] = value[:10]
    return out


def _date_key(value: str | None) -> tuple[int, str]:
    """Dated articles first, in date order; undated ones after them."""
    return (0, value) if value else (1, "")
