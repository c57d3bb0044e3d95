"""Blocking for cross-article comparisons: an inverted index of rare keys, never all pairs."""

from __future__ import annotations

from newsprism.link.keys import candidate_pairs


def test_items_sharing_a_rare_key_are_paired_once_and_sorted() -> None:
    keys = [["dam", "flood"], ["flood", "levy"], ["bonds"], ["dam", "flood"]]
    assert candidate_pairs(keys) == [(0, 1), (0, 3), (1, 3)]


def test_a_key_with_too_long_a_posting_list_blocks_nothing() -> None:
    keys = [["the", f"w{i}"] for i in range(10)]
    assert candidate_pairs(keys, max_postings=5) == []


def test_a_key_in_more_articles_than_the_bound_is_a_stop_key() -> None:
    keys = [["common"] for _ in range(6)]
    groups = [f"article{i}" for i in range(6)]
    assert candidate_pairs(keys, groups=groups, max_groups=5) == []
    # a small story, under the bound, is paired as before
    assert len(candidate_pairs(keys, groups=groups, max_groups=6)) == 15


def test_min_shared_keeps_only_pairs_sharing_that_many_keys() -> None:
    keys = [["a", "b", "c"], ["a", "b", "x"], ["a", "y", "z"]]
    assert candidate_pairs(keys, min_shared=2) == [(0, 1)]
    assert candidate_pairs(keys, min_shared=1) == [(0, 1), (0, 2), (1, 2)]
