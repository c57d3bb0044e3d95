"""Exports for other tools: ``export(stories, what, fmt, path)``, the one entry.

``what`` is the table (``articles``, ``quotes``, ``entities``, ``claims``, ``stories``) or the
actor ``network``; ``fmt`` is ``jsonl``, ``csv`` or ``parquet`` for a table and ``graphml`` for
the network (:func:`check` refuses the other pairs). Everything comes from the stories' stored
(linked) analyses, never linked again here. docs/export.md shows each format read back in
pandas and networkx.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, get_args

from ..errors import ConfigError
from ..records import Article
from .network import actor_network
from .rows import (
    ArticleRow,
    ClaimRow,
    EntityRow,
    ExportStory,
    QuoteRow,
    StoryRow,
    article_rows,
    claim_rows,
    entity_rows,
    quote_rows,
    story_rows,
)
from .writers import TABLE_WRITERS, write_graphml

What = Literal["articles", "quotes", "entities", "claims", "stories", "network"]
ExportFormat = Literal["jsonl", "csv", "parquet", "graphml"]

WHATS: tuple[What, ...] = get_args(What)
EXPORT_FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)
_WHAT: dict[str, What] = {w: w for w in WHATS}
_FORMAT: dict[str, ExportFormat] = {f: f for f in EXPORT_FORMATS}

#: The export format of each file extension (``analyze -o`` and ``export -o`` read it).
EXTENSIONS: dict[str, ExportFormat] = {
    ".jsonl": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".graphml": "graphml",
}

#: What an export holds when ``--what`` is not given: who said what, the table asked for most;
#: GraphML only holds the network.
DEFAULT_WHAT: What = "quotes"

#: Each table's row type and the builder of its rows.
TABLES: dict[What, tuple[type, Any]] = {
    "articles": (ArticleRow, article_rows),
    "quotes": (QuoteRow, quote_rows),
    "entities": (EntityRow, entity_rows),
    "claims": (ClaimRow, claim_rows),
    "stories": (StoryRow, story_rows),
}

__all__ = [
    "DEFAULT_WHAT",
    "EXPORT_FORMATS",
    "EXTENSIONS",
    "WHATS",
    "ExportFormat",
    "ExportStory",
    "What",
    "check",
    "export",
    "export_format",
    "what_for",
]


def export_format(name: str) -> ExportFormat:
    """``name`` as an :data:`ExportFormat`, or a one-line :class:`ConfigError`."""
    if name not in _FORMAT:
        raise ConfigError(f"unknown export format {name!r}: use one of {', '.join(EXPORT_FORMATS)}")
    return _FORMAT[name]


def what_for(fmt: ExportFormat, what: str | None) -> What:
    """What an export in ``fmt`` holds: ``what`` when given (checked), else the default."""
    chosen = what if what is not None else ("network" if fmt == "graphml" else DEFAULT_WHAT)
    return check(chosen, fmt)


def check(what: str, fmt: str) -> What:
    """``what`` as a :data:`What` when ``fmt`` can hold it; else a one-line :class:`ConfigError`."""
    if what not in WHATS:
        raise ConfigError(f"unknown export {what!r}: use one of {', '.join(WHATS)}")
    export_format(fmt)
    if (what == "network") != (fmt == "graphml"):
        raise ConfigError(
            "the network exports as graphml only"
            if what == "network"
            else f"graphml holds the actor network, not {what}: use --what network, or jsonl, csv or parquet"
        )
    return _WHAT[what]


def export(
    stories: Sequence[ExportStory],
    what: What,
    fmt: ExportFormat,
    path: Path,
    loose: Sequence[Article] = (),
) -> int:
    """Write ``what`` of ``stories`` to ``path`` in ``fmt``; return how many rows (for the
    network: nodes) it holds. ``loose``: articles in no story, listed after the stories' in an
    ``articles`` export (stored articles not analysed, e.g. in another language)."""
    check(what, fmt)
    if what == "network":
        graph = actor_network([s.story for s in stories])
        write_graphml(graph, path)
        return int(graph.number_of_nodes())
    row_type, build = TABLES[what]
    built: Iterator[Any] = build(stories, loose) if what == "articles" else build(stories)
    rows = list(built)
    TABLE_WRITERS[fmt](rows, row_type, path)
    return len(rows)
