"""The per-article analysis: one pure function over an already parsed Doc.

The same function runs in-process, in a local process pool (:mod:`newsprism.run.local`) or on a
cluster; nothing in it parses text again, so its cost over the bare spaCy pass stays small
(``make bench`` measures the ratio).
"""

from __future__ import annotations

from spacy.tokens import Doc

from .extract.mentions import extract_mentions
from .extract.quality import assess_quality
from .extract.quantities import extract_quantities
from .extract.quotes import extract_quotes
from .extract.roles import extract_roles
from .extract.timex import anchor_date_of, extract_time_expressions, infer_publication_date
from .records import Article, ArticleAnalysis


def analyze_doc(doc: Doc, article: Article) -> ArticleAnalysis:
    """Everything newsprism extracts from one article, given its parsed clean text."""
    if doc.text != article.text:  # offsets must point into Article.text
        raise ValueError(f"doc text differs from article {article.id}'s text")
    aid = article.id
    mentions = extract_mentions(doc, aid)
    published = article.published if article.published.value else infer_publication_date(doc, aid)
    return ArticleAnalysis(
        article=aid,
        sentences=tuple((s.start_char, s.end_char) for s in doc.sents),
        mentions=tuple(mentions),
        roles=tuple(extract_roles(doc, mentions)),
        quotes=tuple(extract_quotes(doc, aid, mentions)),
        quantities=tuple(extract_quantities(doc, aid)),
        time_expressions=tuple(extract_time_expressions(doc, aid, anchor_date_of(published))),
        quality=assess_quality(doc, aid),
        published=None if article.published.value else published,
    )
