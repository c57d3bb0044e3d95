"""Read sources of any common kind into :class:`~newsprism.records.RawDocument` records.

One module per source kind (text, html, jsonl, warc, feed); :func:`iter_documents` walks files,
folders (recursively) and ``-`` (standard input), sniffs each input's kind, and yields a
``RawDocument`` for every article found or a :class:`~newsprism.records.Skip` with a one-line
reason, never raising for a bad input.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..config import Settings
from ..records import RawDocument, Skip


def iter_documents(paths: Sequence[str], settings: Settings) -> Iterator[RawDocument | Skip]:
    """Every article in ``paths`` (files, folders, ``-``), or a Skip for each unusable input."""
    raise NotImplementedError  # helper: ingest
