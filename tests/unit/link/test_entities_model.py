"""Entities and roles with the trained pipeline, on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsprism.extract.mentions import extract_mentions
from newsprism.extract.roles import extract_roles
from newsprism.link.entities import canonicalise
from newsprism.records import ArticleAnalysis


@pytest.mark.model
def test_people_and_roles_across_two_articles(nlp: Language) -> None:
    texts = {
        "a": "Russian President Vladimir Putin met Chinese leader Xi Jinping on Monday. Putin said the talks went well.",
        "b": "Foreign Minister Sergey Lavrov praised the talks. Vladmir Putin and Mr. Xi will meet again, Lavrov said.",
    }
    analyses = []
    for article, text in texts.items():
        doc = nlp(text)
        mentions = extract_mentions(doc, article)
        analyses.append(
            ArticleAnalysis(
                article=article, mentions=tuple(mentions), roles=tuple(extract_roles(doc, mentions))
            )
        )
    people = {e.name: e for e in canonicalise(analyses) if e.type == "person"}
    assert len(people["Vladimir Putin"].mentions) == 3
    assert {r.text for r in people["Vladimir Putin"].roles} == {"Russian President"}
    assert "Chinese leader" in {r.text for r in people["Xi Jinping"].roles}
    assert len(people["Sergey Lavrov"].mentions) == 2
