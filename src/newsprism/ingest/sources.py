"""Walk the inputs (files, folders, ``-`` for standard input) and read each one's bytes safely."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..records import Skip

STDIN = "-"
STDIN_SOURCE = "<stdin>"


@dataclass(frozen=True, slots=True)
class Input:
    """The bytes of one input; ``name`` carries the extension (``None`` for standard input)."""

    source: str
    name: str | None
    data: bytes


def iter_inputs(paths: Sequence[str], max_bytes: int) -> Iterator[Input | Skip]:
    """Each input's bytes in a deterministic order, or a Skip when it cannot be read."""
    for raw in paths:
        if raw == STDIN:
            yield read_stdin(max_bytes)
            continue
        if not raw.strip():
            yield Skip(raw, "empty path")
            continue
        path = Path(raw)
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError as exc:
            yield Skip(raw, f"cannot access: {exc.strerror or exc}")
            continue
        if is_dir:
            errors: list[OSError] = []
            files = list(walk(path, errors.append))
            if not files and not errors:
                yield Skip(raw, "folder contains no (non-hidden) files")
            for file in files:
                yield read_file(str(file), max_bytes)
            for error in errors:
                yield Skip(str(error.filename or raw), f"cannot read folder: {error.strerror or error}")
        elif exists:
            yield read_file(raw, max_bytes)
        else:
            yield Skip(raw, "no such file or directory")


def walk(folder: Path, on_error: Callable[[OSError], object] | None = None) -> Iterator[Path]:
    """Regular files under ``folder``, recursively, sorted by name, hidden files and folders left
    out; folders that cannot be listed are passed to ``on_error``."""
    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and path.is_file():
                yield path


def read_file(source: str, max_bytes: int) -> Input | Skip:
    """The bytes of one file, its size checked against ``max_bytes`` before reading."""
    try:
        size = os.stat(source).st_size
        if not Path(source).is_file():
            return Skip(source, "not a regular file")
        if size > max_bytes:
            return Skip(source, f"larger than max_bytes ({size} > {max_bytes} bytes)")
        with open(source, "rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as exc:
        return Skip(source, f"cannot read: {exc.strerror or exc}")
    if len(data) > max_bytes:
        return Skip(source, f"larger than max_bytes ({max_bytes} bytes)")
    return Input(source, source, data)


def read_stdin(max_bytes: int) -> Input | Skip:
    """Standard input's bytes (a text stream without a binary buffer is encoded as UTF-8)."""
    stream = sys.stdin
    try:
        if stream is None:
            return Skip(STDIN_SOURCE, "standard input is not available")
        if stream.isatty():
            return Skip(STDIN_SOURCE, "standard input is a terminal; pipe a document into it")
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            data = buffer.read(max_bytes + 1)
        else:
            data = stream.read(max_bytes + 1).encode("utf-8")
    except (OSError, ValueError, UnicodeError) as exc:
        return Skip(STDIN_SOURCE, f"cannot read standard input: {exc}")
    if len(data) > max_bytes:
        return Skip(STDIN_SOURCE, f"larger than max_bytes ({max_bytes} bytes)")
    return Input(STDIN_SOURCE, None, data)
