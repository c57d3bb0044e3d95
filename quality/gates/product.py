"""The product path the gates score: the product's own readers, cleaner, analysis and links.

Every gate reads its input and analyses it through here, with the settings ``newsprism analyze``
runs with by default, rather than calling internal steps with arguments of its own: a gate that
feeds a step inputs the product never gives it (the parses to ``refine_publication_dates``, a body
read by hand without the outlet split, a headline the product never analyses, sentences from
another splitter) measures a path nobody runs.

* :func:`corpus_of` / :func:`story_of`: ``read_corpus`` and ``analyze_corpus`` on a file or
  folder, exactly ``newsprism analyze PATH`` (cached: the gates scoring one corpus share one run);
* :func:`story_of_objects`: ``newsprism analyze`` on a JSONL file of the given objects (a
  Multi-News cluster);
* :func:`article_of`: one in-memory article (a JSONL object, as ``read_jsonl`` reads each line)
  through the cleaner, for data no reader takes as it is (TimeML, Multi-News clusters);
* :func:`analysed`: the per-article analysis as ``run.local`` does it in-process (``parse_texts``
  in batches, then ``analyze_doc``), yielding the parsed Doc too for a baseline that must read
  the same parse;
* :class:`LineMap`: offsets in the clean article text back to the source text (the cleaner keeps
  whole lines, stripped of trailing whitespace), so gold spans on the source can be scored.
"""

from __future__ import annotations

import bisect
import json
import tempfile
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from newsprism.clean import to_article
from newsprism.config import Settings
from newsprism.extract.document import analyze_doc
from newsprism.ingest.jsonl import article_from_object
from newsprism.link import origin_index
from newsprism.nlp import load_pipeline
from newsprism.nlp.parse import parse_texts
from newsprism.pipeline import Corpus, analyze_corpus, read_corpus
from newsprism.records import Article, ArticleAnalysis, Skip, Span, Story
from newsprism.summarize import news_spans

SETTINGS = Settings(quiet=True)
"""The settings ``newsprism analyze`` runs with when no flag, file or variable sets any."""


@cache
def corpus_of(path: Path) -> Corpus:
    """What ``newsprism analyze PATH`` reads: the clean articles, the other-language ones set
    aside and every skip (cached per path)."""
    return read_corpus([str(path)], SETTINGS)


def story_of_objects(objects: Sequence[Mapping[str, Any]], settings: Settings = SETTINGS) -> Story:
    """The story ``newsprism analyze FILE.jsonl`` builds from a JSONL file holding ``objects``, one
    per line (each a ``{"text": ...}`` article as the JSONL reader takes it); raises the product's
    :class:`~newsprism.errors.NothingUsableError` when none is usable."""
    with tempfile.TemporaryDirectory(prefix="newsprism-gate-") as folder:
        path = Path(folder) / "articles.jsonl"
        lines = (json.dumps(dict(o), ensure_ascii=False) + "\n" for o in objects)
        path.write_text("".join(lines), encoding="utf-8")
        return analyze_corpus(read_corpus([str(path)], settings), settings)


@cache
def news_of(story: Story) -> dict[tuple[str, int], Span | None]:
    """What the product reads as the news of the story's sentences it does not take as split
    (:func:`newsprism.summarize.news_spans`, with the story's own origins): ``None`` for page
    furniture, else the span after the furniture glued to the sentence's start."""
    return news_spans(story.articles, story.analyses, origin_index(story.origins))


def story_of(folder: Path) -> Story:
    """The story ``newsprism analyze FOLDER`` builds (default settings, quiet); cached, so the
    gates scoring one corpus share one run."""
    return analyze_corpus(corpus_of(folder), SETTINGS)


def by_file(story: Story) -> dict[str, tuple[Article, ArticleAnalysis]]:
    """Each article of ``story`` with its analysis, by the name of the file it was read from."""
    return {Path(a.source).name: (a, an) for a, an in zip(story.articles, story.analyses, strict=True)}


def article_of(source: str, obj: Mapping[str, Any]) -> Article | Skip:
    """One JSON object (``text``, ``title``, ``published``, ...) read as the JSONL reader reads a
    line and cleaned as ``read_corpus`` cleans it; a Skip with the product's reason otherwise."""
    raw = article_from_object(source, dict(obj))
    if isinstance(raw, Skip):
        return raw
    article = to_article(raw, SETTINGS.max_chars)
    if not article.text.strip():
        return Skip(source, "no article text left after removing boilerplate")
    return article


def analysed(articles: Sequence[Article]) -> Iterator[tuple[Doc, ArticleAnalysis]]:
    """Each article parsed and analysed as ``newsprism.run.local`` does it in-process (one worker,
    the default): ``parse_texts`` in ``batch_size`` batches, then ``analyze_doc``; with its Doc."""
    nlp = load_pipeline(SETTINGS.model)
    docs = parse_texts(nlp, (a.text for a in articles), SETTINGS.batch_size)
    for article, doc in zip(articles, docs, strict=True):
        yield doc, analyze_doc(doc, article)


@dataclass(frozen=True, slots=True)
class LineMap:
    """Where each line of a clean article text came from in its source text.

    The cleaner keeps whole lines, in order, stripped of trailing whitespace (and drops
    boilerplate lines and runs of blank lines), so each clean line is found as the next source line
    it equals. ``starts`` holds each clean line's start in the clean text, ``origins`` its start
    in the source (``-1`` for a blank line). Source lines are compared in Unicode normal form C,
    as the product reads every text (a decomposed accent otherwise matched nothing; within such a
    line offsets may drift by the characters NFC merged). A line the cleaner repaired otherwise is
    found nowhere and placed on nothing, and the lines after it are still found."""

    starts: tuple[int, ...]
    origins: tuple[int, ...]
    lengths: tuple[int, ...]

    @classmethod
    def build(cls, source: str, clean: str) -> LineMap:
        source_lines = source.split("\n")
        source_starts = [0]
        for line in source_lines[:-1]:
            source_starts.append(source_starts[-1] + len(line) + 1)
        positions: dict[str, list[int]] = {}  # each source line's indexes, for a bisection
        for k, line in enumerate(source_lines):
            positions.setdefault(unicodedata.normalize("NFC", line.rstrip()), []).append(k)
        starts: list[int] = []
        origins: list[int] = []
        lengths: list[int] = []
        at = pos = 0
        for line in clean.split("\n"):
            origin = -1
            if line.strip():
                # A line the cleaner changed (repaired text) is found nowhere: it is placed on
                # nothing, and the search for the next line goes on from the last line found.
                where = positions.get(line, [])
                k = bisect.bisect_left(where, at)
                if k < len(where):
                    found = where[k]
                    origin = source_starts[found]
                    at = found + 1
            starts.append(pos)
            origins.append(origin)
            lengths.append(len(line))
            pos += len(line) + 1
        return cls(tuple(starts), tuple(origins), tuple(lengths))

    def to_source(self, start: int, end: int) -> tuple[int, int] | None:
        """The source span of the clean span ``[start, end)``; ``None`` when it is on no line found
        in the source. A span over several lines maps its two ends separately."""
        first = self._source_offset(start, end=False)
        last = self._source_offset(end, end=True)
        return None if first is None or last is None or last < first else (first, last)

    def _source_offset(self, offset: int, *, end: bool) -> int | None:
        k = bisect.bisect_right(self.starts, offset - 1 if end and offset > 0 else offset) - 1
        if k < 0 or self.origins[k] < 0 or offset - self.starts[k] > self.lengths[k]:
            return None
        return self.origins[k] + offset - self.starts[k]
