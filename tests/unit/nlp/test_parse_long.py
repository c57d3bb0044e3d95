"""Long texts are parsed in paragraph pieces with bounded batches, and joined back exactly."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.tokens import Doc

from newsprism.nlp.parse import BATCH_CHARS, LONG_CHARS, PIECE_CHARS, parse_texts
from newsprism.nlp.text import paragraph_cut, paragraph_pieces


class _Recorder:
    """A blank pipeline that records the batches ``nlp.pipe`` is given."""

    def __init__(self) -> None:
        self.nlp = spacy.blank("en")
        self.batches: list[list[str]] = []

    def pipe(self, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
        batch = list(texts)
        self.batches.append(batch)
        return self.nlp.pipe(batch, batch_size=batch_size)


def _article(paragraphs: int) -> str:
    return "\n\n".join(
        f"Paragraph {i} says the council met. It voted on the budget." for i in range(paragraphs)
    )


def test_a_cut_falls_after_the_last_blank_line_else_line_break_else_sentence_end() -> None:
    assert paragraph_cut("One.\n\nTwo.\nThree. Four", 18) == len("One.\n\n")
    assert paragraph_cut("One two\nThree. Four five", 18) == len("One two\n")
    assert paragraph_cut("One.\n\nTwo three four", 12) == len("One.\n\n")
    assert paragraph_cut("One two. Three four five", 12) == len("One two. ")
    assert paragraph_cut("Onetwothreefour", 5) == 5
    assert paragraph_cut("Short.", 100) == len("Short.")


def test_pieces_join_back_to_the_text_and_respect_the_limit() -> None:
    text = _article(500)
    pieces = paragraph_pieces(text, 1_000)
    assert "".join(pieces) == text
    assert all(len(p) <= 1_000 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])


def test_a_long_text_is_parsed_in_pieces_and_joined_into_one_doc_with_its_exact_text() -> None:
    recorder = _Recorder()
    long_text = _article(LONG_CHARS // 50)
    texts = ["A short article.", long_text, "Another short one."]
    docs = list(parse_texts(recorder, texts, batch_size=32))  # type: ignore[arg-type]
    assert [d.text for d in docs] == texts
    pieces = [p for batch in recorder.batches for p in batch]
    assert len(pieces) > 3 and max(len(p) for p in pieces) <= PIECE_CHARS
    assert all(sum(map(len, b)) <= BATCH_CHARS and len(b) <= 32 for b in recorder.batches)
