"""Gate limits: a plain number in floors.toml is a floor, ``{ ceiling = x }`` a ceiling; each
gate's inputs are pinned by sha256; re-pinning never lowers a bar without ``--allow-lower``."""

from __future__ import annotations

import hashlib
import importlib
import sys
import tomllib
import types
from pathlib import Path

import pytest

from quality.gates import GATES
from quality.gates.__main__ import main
from quality.gates.floors_file import set_table
from quality.gates.gate import (
    REPO_ROOT,
    Limit,
    digest,
    input_path,
    input_problems,
    judge,
    load_floors,
    load_pins,
    repinned,
    toml_value,
)


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


# ---- input hashes ------------------------------------------------------------------------------


def _folder(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_a_folder_hash_changes_with_a_file_s_content_name_or_a_new_file_but_not_with_creation_order(
    tmp_path: Path,
) -> None:
    base = digest(_folder(tmp_path / "a", {"x.txt": "one", "sub/y.txt": "two"}))
    assert digest(_folder(tmp_path / "b", {"sub/y.txt": "two", "x.txt": "one"})) == base
    assert digest(_folder(tmp_path / "c", {"x.txt": "one", "sub/y.txt": "TWO"})) != base
    assert digest(_folder(tmp_path / "d", {"x.txt": "one", "sub/z.txt": "two"})) != base
    assert digest(_folder(tmp_path / "e", {"x.txt": "one", "sub/y.txt": "two", "n.txt": ""})) != base
    # the same bytes split differently between two files are other data
    assert digest(_folder(tmp_path / "f", {"x.txt": "on", "sub/y.txt": "etwo"})) != base


def test_a_file_hash_is_the_sha256_of_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "dev.jsonl"
    path.write_bytes(b'{"idx": 1}\n')
    assert digest(path) == hashlib.sha256(b'{"idx": 1}\n').hexdigest()


def test_inputs_resolve_shared_paths_under_the_shared_folder_and_others_under_the_repository(
    tmp_path: Path,
) -> None:
    assert input_path("../shared/gold", tmp_path) == tmp_path / "gold"
    assert input_path("examples/expected.json", tmp_path) == REPO_ROOT / "examples" / "expected.json"


def test_a_changed_unpinned_or_dropped_input_is_named_in_one_line_each() -> None:
    pinned = {"../shared/gold": "a" * 64, "../shared/old": "b" * 64}
    problems = input_problems(pinned, {"../shared/gold": "c" * 64, "../shared/seeds": "d" * 64})
    assert len(problems) == 3
    assert "input ../shared/gold changed" in problems[0]
    assert problems[1] == "input ../shared/seeds has no pinned hash in floors.toml"
    assert problems[2] == "input ../shared/old is pinned but the gate no longer reads it"
    assert input_problems({"../shared/gold": "a" * 64}, {"../shared/gold": "a" * 64}) == []


def test_the_pinned_file_has_a_hash_for_every_input_of_every_gate() -> None:
    pins = load_pins()
    for module_name in GATES:
        short = module_name.rsplit(".", 1)[-1]
        inputs = importlib.import_module(module_name).INPUTS
        assert set(pins.get(short, {})) == set(inputs), short


# ---- re-pinning floors -------------------------------------------------------------------------


def test_repinning_raises_bars_to_the_measured_figures_and_refuses_to_lower_one() -> None:
    limits = {"f1": Limit(0.9), "recall": Limit(0.8), "share": Limit(0.03, "ceiling")}
    new, refused = repinned(limits, {"f1": 0.93337, "recall": 0.75, "share": 0.01}, allow_lower=False)
    assert new == {"f1": Limit(0.9333), "recall": Limit(0.8), "share": Limit(0.01, "ceiling")}
    assert list(refused) == ["recall"]
    assert "--allow-lower" in refused["recall"]


def test_repinning_with_allow_lower_lowers_floors_and_loosens_ceilings_so_the_figures_pass() -> None:
    limits = {"recall": Limit(0.8), "share": Limit(0.03, "ceiling")}
    new, refused = repinned(limits, {"recall": 0.75, "share": 0.04321}, allow_lower=True)
    assert new == {"recall": Limit(0.75), "share": Limit(0.0433, "ceiling")}
    assert refused == {}
    assert all(v.ok for v in judge({"recall": 0.75, "share": 0.04321}, new))


def test_a_limit_whose_figure_was_not_measured_is_kept_and_reported() -> None:
    new, refused = repinned({"gone": Limit(0.5)}, {}, allow_lower=True)
    assert new == {"gone": Limit(0.5)}
    assert "not measured" in refused["gone"]


FLOORS = """# header comment
[g]
# where f1 comes from
f1 = 0.9
share = { ceiling = 0.03 }

[h]
x = 1.0
"""


def test_rewriting_a_table_keeps_comments_places_and_other_tables() -> None:
    text = set_table(FLOORS, "g", {"f1": "0.95", "share": toml_value(Limit(0.01, "ceiling"))})
    assert text == FLOORS.replace("f1 = 0.9", "f1 = 0.95").replace("0.03", "0.01")


def test_a_new_inputs_table_goes_after_its_gate_s_keys_and_stale_keys_can_be_dropped(tmp_path: Path) -> None:
    text = set_table(FLOORS, "g.inputs", {"../shared/gold": '"abc"'})
    assert (
        '[g]\n# where f1 comes from\nf1 = 0.9\nshare = { ceiling = 0.03 }\n\n[g.inputs]\n"../shared/gold" = "abc"\n\n[h]'
        in text
    )
    again = set_table(text, "g.inputs", {"../shared/seeds": '"def"'}, drop_others=True)
    assert tomllib.loads(again)["g"]["inputs"] == {"../shared/seeds": "def"}
    (tmp_path / "floors.toml").write_text(again, encoding="utf-8")
    assert load_floors(tmp_path / "floors.toml") == {
        "g": {"f1": Limit(0.9), "share": Limit(0.03, "ceiling")},
        "h": {"x": Limit(1.0)},
    }


def test_a_rewrite_that_would_break_the_file_is_refused() -> None:
    with pytest.raises(ValueError, match=r"would break floors.toml"):
        set_table(FLOORS, "g", {"f1": "not a value"})


# ---- the runner --------------------------------------------------------------------------------


@pytest.fixture()
def fake_gate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, float]:
    """A gate module ``fake_gate`` reading ``../shared/data.txt``; the test sets its figures."""
    figures: dict[str, float] = {"f1": 0.9}
    module = types.ModuleType("fake_gate")
    module.INPUTS = ("../shared/data.txt",)  # type: ignore[attr-defined]
    module.run = lambda shared: dict(figures)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "fake_gate", module)
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "data.txt").write_text("gold", encoding="utf-8")
    digest.cache_clear()
    return figures


def _run(tmp_path: Path, *flags: str) -> int:
    return main(
        list(flags), gates=("fake_gate",), floors_file=tmp_path / "floors.toml", shared=tmp_path / "shared"
    )


def _pin(tmp_path: Path, floor: str = "0.9") -> None:
    sha = hashlib.sha256(b"gold").hexdigest()
    (tmp_path / "floors.toml").write_text(
        f'[fake_gate]\n# pinned by hand\nf1 = {floor}\n\n[fake_gate.inputs]\n"../shared/data.txt" = "{sha}"\n',
        encoding="utf-8",
    )


def test_a_gate_on_its_pinned_data_passes(
    tmp_path: Path, fake_gate: dict[str, float], capsys: pytest.CaptureFixture[str]
) -> None:
    _pin(tmp_path)
    assert _run(tmp_path) == 0
    assert "quality gates passed" in capsys.readouterr().out


def test_a_changed_input_fails_the_gate_naming_it_until_its_hash_is_re_pinned(
    tmp_path: Path, fake_gate: dict[str, float], capsys: pytest.CaptureFixture[str]
) -> None:
    _pin(tmp_path)
    (tmp_path / "shared" / "data.txt").write_text("other gold", encoding="utf-8")
    assert _run(tmp_path) == 1
    out = capsys.readouterr().out
    assert "FAIL input ../shared/data.txt changed since its floors were pinned" in out
    assert "fake_gate.inputs" in out
    digest.cache_clear()
    assert _run(tmp_path, "--update-hashes") == 0
    assert load_pins(tmp_path / "floors.toml")["fake_gate"] == {
        "../shared/data.txt": hashlib.sha256(b"other gold").hexdigest()
    }
    assert "# pinned by hand" in (tmp_path / "floors.toml").read_text(encoding="utf-8")
    assert _run(tmp_path) == 0


def test_update_floors_raises_a_floor_but_lowers_one_only_with_allow_lower(
    tmp_path: Path, fake_gate: dict[str, float], capsys: pytest.CaptureFixture[str]
) -> None:
    _pin(tmp_path)
    fake_gate["f1"] = 0.95
    assert _run(tmp_path, "--update-floors") == 0
    assert load_floors(tmp_path / "floors.toml")["fake_gate"] == {"f1": Limit(0.95)}
    fake_gate["f1"] = 0.8
    assert _run(tmp_path, "--update-floors") == 1
    assert "REFUSED f1: measured 0.8000, floor 0.95 kept" in capsys.readouterr().out
    assert load_floors(tmp_path / "floors.toml")["fake_gate"] == {"f1": Limit(0.95)}
    assert _run(tmp_path, "--update-floors", "--allow-lower") == 0
    assert load_floors(tmp_path / "floors.toml")["fake_gate"] == {"f1": Limit(0.8)}


def test_allow_lower_alone_and_an_unknown_gate_are_usage_errors(
    tmp_path: Path, fake_gate: dict[str, float]
) -> None:
    _pin(tmp_path)
    with pytest.raises(SystemExit) as lone:
        _run(tmp_path, "--allow-lower")
    with pytest.raises(SystemExit) as unknown:
        _run(tmp_path, "nosuchgate")
    assert lone.value.code == unknown.value.code == 2
