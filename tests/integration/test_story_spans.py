"""Every span in story.json is exact: ``text == articles[article].text[start:end]``.

docs/story-format.md promises it for every object carrying ``article``, ``start``, ``end`` and
``text`` keys, whatever it is (a quote, a claim's support, a conflict value's citation, a
summary sentence, a note's unique sentence, a timeline event, a mention...). The check walks the
whole dict, so a span kind added later is covered without touching this test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.config import Settings
from newsprism.pipeline import analyze
from newsprism.report.story_json import span_errors, story_to_dict

pytestmark = pytest.mark.model

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_the_walker_finds_a_span_that_is_off_by_trailing_whitespace() -> None:
    data: dict[str, Any] = {
        "articles": [{"id": "a1", "text": "One line.\n\nTwo lines."}],
        "claims": [{"support": [{"article": "a1", "start": 0, "end": 11, "text": "One line."}]}],
        "summary": [{"citation": {"article": "a1", "start": 11, "end": 21, "text": "Two lines."}}],
    }
    assert span_errors(data) == [".claims[0].support[0]: 'One line.' != 'One line.\\n\\n' at 0:11"]


def test_every_span_of_the_example_corpus_is_exact() -> None:
    data = story_to_dict(analyze([str(EXAMPLES / "corpus")], Settings(quiet=True)))
    assert span_errors(data) == []


@pytest.mark.shared
def test_every_span_of_the_seed_story_is_exact(shared: Path) -> None:
    data = story_to_dict(analyze([str(shared / "seeds")], Settings(quiet=True)))
    assert span_errors(data) == []


_SENTENCES = (
    "The Harbour Lights will play eight cities next summer, the band said on Tuesday.",
    "Tickets for the tour go on sale on Friday at 10am.",
    "About 4,000 people were evacuated, and 23 were still missing on Thursday evening.",
    '"We have missed playing for people," singer Mara Quill said.',
    "The council voted 7-2 to approve the budget of $40.8 million for 2025.",
    "A 43-year-old patient was treated at St Anne's Hospital in Leeds on Monday.",
    "Floodwater covered some 410 sq km of farmland by Thursday evening, the Directorate said.",
    "June 9 – Seattle, Climate Pledge Arena",
    "June 12 – Portland, Moda Center",
)
_JOINERS = (" ", "\n", "\n\n", "  \n\n")


@st.composite
def _articles(draw: st.DrawFn) -> list[dict[str, str]]:
    out = []
    for k in range(draw(st.integers(2, 3))):
        picked = draw(st.lists(st.sampled_from(_SENTENCES), min_size=2, max_size=6))
        joiners = draw(st.lists(st.sampled_from(_JOINERS), min_size=len(picked), max_size=len(picked)))
        text = "".join(s + j for s, j in zip(picked, joiners, strict=True))
        out.append({"title": f"Report number {k}", "text": text, "published": "2024-11-12"})
    return out


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles=_articles())
def test_every_span_of_a_generated_story_is_exact(articles: list[dict[str, str]], tmp_path: Path) -> None:
    import json

    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    data = story_to_dict(analyze([str(path)], Settings(quiet=True)))
    assert span_errors(data) == []
