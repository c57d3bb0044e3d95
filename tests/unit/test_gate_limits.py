"""Gate limits: a plain number in floors.toml is a floor, ``{ ceiling = x }`` a ceiling."""

from __future__ import annotations

from pathlib import Path

from quality.gates.gate import Limit, judge, load_floors


def test_a_plain_number_is_a_floor_and_an_inline_ceiling_caps_a_lower_is_better_figure(
    tmp_path: Path,
) -> None:
    floors = tmp_path / "floors.toml"
    floors.write_text("[g]\nf1 = 0.9\nflagged_share = { ceiling = 0.03 }\n", encoding="utf-8")
    limits = load_floors(floors)["g"]
    assert limits == {"f1": Limit(0.9, "floor"), "flagged_share": Limit(0.03, "ceiling")}
    ok = {v.figure: v.ok for v in judge({"f1": 0.95, "flagged_share": 0.02}, limits)}
    assert ok == {"f1": True, "flagged_share": True}
    bad = {v.figure: v.ok for v in judge({"f1": 0.85, "flagged_share": 0.05}, limits)}
    assert bad == {"f1": False, "flagged_share": False}


def test_a_figure_at_its_ceiling_passes_and_a_missing_one_fails() -> None:
    verdicts = judge({"share": 0.03}, {"share": Limit(0.03, "ceiling"), "gone": Limit(0.1, "ceiling")})
    assert [(v.figure, v.ok) for v in verdicts] == [("share", True), ("gone", False)]


def test_the_pinned_floors_file_loads() -> None:
    assert all(isinstance(limit, Limit) for table in load_floors().values() for limit in table.values())
