"""Parse many texts with bounded memory: long texts in paragraph pieces, batches by characters.

spaCy's memory for one ``nlp.pipe`` batch grows with the characters in it (about 0.5 MB per 1,000
characters with the small English pipeline), so a 1 MB article parsed whole took 3.3 GB, and a
batch of 32 long articles as much. Here a text longer than :data:`LONG_CHARS` is parsed in pieces
of at most :data:`PIECE_CHARS` characters cut at paragraph boundaries (where the parser starts a
new sentence anyway) and the pieces' Docs are joined back into one Doc whose text is the text
exactly; a batch holds at most ``batch_size`` pieces and :data:`BATCH_CHARS` characters.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .text import paragraph_pieces

#: Texts longer than this are parsed in pieces (shorter ones, nearly every article, whole).
LONG_CHARS = 50_000
#: The longest piece of a long text.
PIECE_CHARS = 10_000
#: The most characters in one ``nlp.pipe`` batch (a single longer text still forms a batch).
BATCH_CHARS = 100_000


def _batches(pieces: Iterable[str], batch_size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    chars = 0
    for piece in pieces:
        if batch and (len(batch) >= batch_size or chars + len(piece) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(piece)
        chars += len(piece)
    if batch:
        yield batch


def parse_texts(nlp: Language, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
    """One Doc per text, in order, with ``doc.text`` equal to the text."""
    counts: deque[int] = deque()  # pieces of each text read so far and not yet joined

    def pieces() -> Iterator[str]:
        for text in texts:
            parts = paragraph_pieces(text, PIECE_CHARS) if len(text) > LONG_CHARS else [text]
            counts.append(len(parts))
            yield from parts

    parsed: list[Doc] = []
    for batch in _batches(pieces(), batch_size):
        for doc in nlp.pipe(batch, batch_size=len(batch)):
            parsed.append(doc)
            while counts and len(parsed) >= counts[0]:
                n = counts.popleft()
                yield parsed[0] if n == 1 else Doc.from_docs(parsed[:n], ensure_whitespace=False)
                del parsed[:n]
