"""Source notes: what only this source reports, what it omits, its flags and copy relations."""

from __future__ import annotations

from newsprism.link.notes import SPUN_FLAG, source_notes
from newsprism.records import (
    Article,
    ArticleAnalysis,
    Citation,
    Claim,
    CopyRelation,
    Origin,
    Quality,
    QualityFlag,
    Span,
)

SHARED = "The Teresk Dam on the Velna River failed before dawn on Thursday morning."
ONLY_A = "Army engineers reinforced a second smaller dam at Stary Holm downstream overnight."


def test_unique_sentences_omitted_claims_flags_and_copies() -> None:
    text_a = f"{SHARED} {ONLY_A}"
    arts = [Article(id=i, source=i, title="", text=SHARED if i != "a" else text_a) for i in "abcd"]
    analyses = [
        ArticleAnalysis(article="a", sentences=((0, len(SHARED)), (len(SHARED) + 1, len(text_a)))),
        ArticleAnalysis(
            article="b",
            sentences=((0, len(SHARED)),),
            quality=Quality(
                0.8,
                True,
                (
                    QualityFlag("fragment", Span("b", 0, 3), "The"),
                    QualityFlag("fragment", Span("b", 4, 9), "x"),
                ),
            ),
        ),
        ArticleAnalysis(article="c", sentences=((0, len(SHARED)),)),
        ArticleAnalysis(article="d", sentences=((0, len(SHARED)),)),
    ]
    relation = CopyRelation(copy="d", original="c", kind="verbatim", similarity=1.0)
    origins = [
        Origin("oa", "a", ("a",)),
        Origin("ob", "b", ("b",)),
        Origin("oc", "c", ("c", "d"), (relation,)),
    ]
    claim = Claim(
        id="k1", kind="sentence", text=SHARED,
        support=tuple(Citation(Span(i, 0, len(SHARED)), SHARED) for i in "bcd"), articles=("b", "c", "d"),
        independent_origins=2,
    )  # fmt: skip
    notes = {n.article: n for n in source_notes(arts, analyses, origins, [claim])}
    assert [c.text for c in notes["a"].unique] == [SHARED, ONLY_A]  # "a" is not in the claim
    assert notes["a"].omits == ("k1",)
    assert notes["b"].unique == () and notes["b"].omits == ()
    assert notes["b"].flags == (SPUN_FLAG, "fragment")
    assert notes["d"].copies == (relation,) and notes["c"].copies == (relation,) and notes["a"].copies == ()


def test_a_sentence_shared_only_with_its_own_copy_is_still_unique_to_its_origin() -> None:
    arts = [Article(id=i, source=i, title="", text=ONLY_A) for i in "xy"]
    analyses = [ArticleAnalysis(article=i, sentences=((0, len(ONLY_A)),)) for i in "xy"]
    origins = [Origin("o", "x", ("x", "y"))]
    claim = Claim(
        "k", "sentence", ONLY_A, tuple(Citation(Span(i, 0, len(ONLY_A)), ONLY_A) for i in "xy"), ("x", "y"), 1
    )
    notes = source_notes(arts, analyses, origins, [claim])
    assert [len(n.unique) for n in notes] == [1, 1]
