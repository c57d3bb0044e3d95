"""The extraction gate's metric (the Article Extraction Benchmark's 4-word-shingle P/R/F1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quality.gates import extraction
from quality.gates.gate import DataMissing


def test_identical_texts_score_perfectly() -> None:
    assert extraction.match_counts("one two three four five", "one two three four five") == (1.0, 0.0, 0.0)


def test_extra_and_missing_shingles_are_false_positives_and_negatives() -> None:
    gold = "the ferry runs every twenty minutes"  # 3 shingles
    pred = "the ferry runs every twenty minutes from may"  # the same 3 plus 2 extra
    tp, fp, fn = extraction.match_counts(gold, pred)
    assert (tp, fp, fn) == pytest.approx((3 / 5, 2 / 5, 0.0))
    tp, fp, fn = extraction.match_counts(pred, gold)
    assert (tp, fp, fn) == pytest.approx((3 / 5, 0.0, 2 / 5))


def test_precision_and_recall_are_averaged_over_documents_then_combined() -> None:
    figures = extraction.score([(0.5, 0.5, 0.0), (1.0, 0.0, 0.0), (0.0, 0.0, 0.0)])
    # the empty third document has no predicted and no gold shingles: left out of both averages
    assert figures["precision"] == pytest.approx(0.75)
    assert figures["recall"] == pytest.approx(1.0)
    assert figures["f1"] == pytest.approx(2 * 0.75 / 1.75)


def test_a_missing_page_counts_as_empty_output() -> None:
    figures = extraction.evaluate(
        {"a": "one two three four", "b": "five six seven eight"}, {"a": "one two three four"}
    )
    assert figures["precision"] == pytest.approx(1.0) and figures["recall"] == pytest.approx(0.5)


def test_the_gate_reports_missing_data(tmp_path: Path) -> None:
    with pytest.raises(DataMissing):
        extraction.run(tmp_path)


@pytest.mark.shared
def test_the_benchmark_pages_load_and_the_product_reads_their_text(shared: Path) -> None:
    truth, pages = extraction.load(shared / "eval" / "extraction-aeb")
    assert len(truth) > 100 and set(pages) <= set(truth)
    texts = extraction.ours(shared / "eval" / "extraction-aeb" / "html")
    assert set(texts) <= set(truth) and len(texts) > 100
    sample = sorted(pages)[:3]
    figures = extraction.evaluate({k: truth[k] for k in sample}, texts)
    assert figures["f1"] > 0.5
