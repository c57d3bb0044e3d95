"""Settings are built once from layers: defaults < config file < environment < flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.config import SETTINGS, Settings, load_settings
from newsprism.errors import ConfigError


def test_defaults_when_nothing_is_given() -> None:
    assert load_settings(env={}) == Settings()


def test_each_layer_overrides_the_one_below(tmp_path: Path) -> None:
    cfg = tmp_path / "newsprism.toml"
    cfg.write_text('[newsprism]\nworkers = 2\nmodel = "from_file"\nmax_bytes = 100\n')
    env = {"NEWSPRISM_WORKERS": "3", "NEWSPRISM_MODEL": "from_env"}
    settings = load_settings(cfg, env=env, model="from_flag", batch_size=None)
    assert settings.model == "from_flag"  # flag beats environment
    assert settings.workers == 3  # environment beats file
    assert settings.max_bytes == 100  # file beats default
    assert settings.batch_size == Settings().batch_size  # a None flag is "not given"


def test_booleans_from_the_environment() -> None:
    assert load_settings(env={"NEWSPRISM_STRICT": "yes"}).strict is True
    assert load_settings(env={"NEWSPRISM_STRICT": "0"}).strict is False


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"NEWSPRISM_WORKERS": "many"}, "workers"),
        ({"NEWSPRISM_WORKERS": "0"}, "at least 1"),
        ({"NEWSPRISM_STRICT": "perhaps"}, "strict"),
        ({"NEWSPRISM_DELAY": "-1"}, "delay must not be negative"),
        ({"NEWSPRISM_DELAY": "soon"}, "setting 'delay': cannot use 'soon'"),
        ({"NEWSPRISM_DELAY": "nan"}, "setting 'delay': cannot use 'nan'"),
        ({"NEWSPRISM_TIMEOUT": "0"}, "timeout must be more than 0 seconds"),
        ({"NEWSPRISM_USER_AGENT": " "}, "user_agent must not be empty"),
        ({"NEWSPRISM_MAX_NEW": "0"}, "max_new must be at least 1"),
    ],
)
def test_bad_values_are_config_errors(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(env=env)


def test_unknown_keys_in_a_config_file_are_rejected(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("wokers = 2\n")
    with pytest.raises(ConfigError, match="unknown setting 'wokers'"):
        load_settings(cfg, env={})


def test_unreadable_config_file_is_a_config_error(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("workers = [")
    with pytest.raises(ConfigError, match="cannot read config file"):
        load_settings(cfg, env={})


def test_every_setting_describes_itself_and_exists_on_settings() -> None:
    assert {s.name for s in SETTINGS} == set(Settings.__dataclass_fields__)
    for s in SETTINGS:
        assert s.help and getattr(Settings(), s.name) == s.default


def test_fetch_settings_come_from_each_layer_and_the_flag_wins(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(
        'user_agent = "file-bot/1"\ndelay = 2.5\ntimeout = 12\nmax_new = 50\nallow_private = true\n'
    )
    from_file = load_settings(cfg, env={})
    assert (from_file.user_agent, from_file.delay, from_file.timeout) == ("file-bot/1", 2.5, 12.0)
    assert (from_file.max_new, from_file.allow_private) == (50, True)
    env = {"NEWSPRISM_USER_AGENT": "env-bot/1", "NEWSPRISM_DELAY": "0.5", "NEWSPRISM_ALLOW_PRIVATE": "no"}
    from_env = load_settings(cfg, env=env)
    assert (from_env.user_agent, from_env.delay, from_env.allow_private) == ("env-bot/1", 0.5, False)
    flagged = load_settings(cfg, env=env, user_agent="flag-bot/1", max_new=7, timeout=3.0)
    assert (flagged.user_agent, flagged.max_new, flagged.timeout, flagged.delay) == (
        "flag-bot/1",
        7,
        3.0,
        0.5,
    )
