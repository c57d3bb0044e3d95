"""The clustering gate's scores on made-up clusterings whose values are worked out by hand."""

from __future__ import annotations

import pytest

from newsprism.stories import StoryItem
from quality.gates.clustering import adjusted_rand, baseline, bcubed

GOLD = {"a": "x", "b": "x", "c": "y", "d": "y"}


def test_a_perfect_clustering_scores_one() -> None:
    perfect = {"a": "1", "b": "1", "c": "2", "d": "2"}
    assert bcubed(perfect, GOLD) == (1.0, 1.0, 1.0)
    assert adjusted_rand(perfect, GOLD) == 1.0


def test_one_cluster_for_everything_has_full_recall_and_half_precision() -> None:
    lumped = dict.fromkeys(GOLD, "1")
    precision, recall, f1 = bcubed(lumped, GOLD)
    assert (precision, recall) == (0.5, 1.0) and f1 == pytest.approx(2 / 3)
    assert adjusted_rand(lumped, GOLD) == 0.0


def test_singletons_have_full_precision_and_half_recall() -> None:
    singletons = {k: k for k in GOLD}
    assert bcubed(singletons, GOLD)[:2] == (1.0, 0.5)


def test_the_baseline_opens_a_story_below_its_threshold() -> None:
    items = [
        StoryItem("a", None, "volcano erupts lanzarote"),
        StoryItem("b", None, "lanzarote volcano erupts ash"),
        StoryItem("c", None, "bank takeover cleared"),
    ]
    joined = baseline(items, 0.3)
    assert joined["a"] == joined["b"] != joined["c"]
    assert len(set(baseline(items, 0.99).values())) == 3
