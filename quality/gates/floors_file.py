"""Rewriting ``floors.toml`` in place: one key's value at a time, comments and layout kept.

The standard library reads TOML but does not write it, and a rewrite through a TOML writer would
drop the comments that say where each floor comes from; so values are replaced on their own line
and the result is parsed again before it is used.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping

_HEADER = re.compile(r"^\[([^\[\]]+)\]\s*(?:#.*)?$")
_KEY = re.compile(r'^("[^"]*"|[A-Za-z0-9_-]+)\s*=')


def _key(line: str) -> str | None:
    m = _KEY.match(line)
    return None if m is None else m.group(1).strip('"')


def set_table(text: str, table: str, values: Mapping[str, str], drop_others: bool = False) -> str:
    """``text`` with each key of ``values`` in ``[table]`` set to the given TOML value: a key
    already there keeps its line (and place), its value replaced; a new key goes after the
    table's last key; an absent table is added after the last key of its parent table (``[a]`` for
    ``[a.b]``), else at the end. With ``drop_others``, keys of the table not in ``values`` are
    removed. Raises ``ValueError`` if the result is not valid TOML."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if _table_of(line) == table), None)
    pending = dict(values)
    if start is None:
        parent = table.rpartition(".")[0]
        anchor = next((i for i, line in enumerate(lines) if _table_of(line) == parent), None)
        at = len(lines) if anchor is None else _last_key(lines, anchor) + 1
        block = ["", f"[{table}]", *(f"{_quote(k)} = {v}" for k, v in pending.items())]
        while at == len(lines) and lines and lines[-1] == "":
            lines.pop()
            at -= 1
        lines[at:at] = block
    else:
        end = _table_end(lines, start)
        kept: list[str] = []
        for line in lines[start + 1 : end]:
            key = _key(line)
            if key is not None and key in pending:
                kept.append(f"{line[: line.index('=')].rstrip()} = {pending.pop(key)}")
            elif key is not None and drop_others:
                continue
            else:
                kept.append(line)
        last = max((i for i, line in enumerate(kept) if _key(line) is not None), default=-1)
        kept[last + 1 : last + 1] = [f"{_quote(k)} = {v}" for k, v in pending.items()]
        lines[start + 1 : end] = kept
    out = "\n".join(lines)
    if not out.endswith("\n"):
        out += "\n"
    try:
        tomllib.loads(out)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"rewriting [{table}] would break floors.toml: {exc}") from exc
    return out


def _table_of(line: str) -> str | None:
    m = _HEADER.match(line.strip())
    return None if m is None else m.group(1).strip()


def _table_end(lines: list[str], start: int) -> int:
    return next((i for i in range(start + 1, len(lines)) if _table_of(lines[i]) is not None), len(lines))


def _last_key(lines: list[str], start: int) -> int:
    """The index of the last key line of the table whose header is at ``start`` (the header when
    it has none)."""
    end = _table_end(lines, start)
    return max((i for i in range(start + 1, end) if _key(lines[i]) is not None), default=start)


def _quote(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else f'"{key}"'
