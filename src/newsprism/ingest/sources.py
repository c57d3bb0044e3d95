"""Walk the inputs (files, folders, ``-`` for standard input) and read each one's bytes safely."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..records import Skip
from .encoding import WIDE_HEAD, gunzip_head, wide_encoding
from .sniff import GZIP_MAGIC, Kind, kind_from_name, sniff_kind

#: The kinds read record by record when larger than max_bytes.
STREAMED: frozenset[Kind] = frozenset({"jsonl", "warc"})

STDIN = "-"
STDIN_SOURCE = "<stdin>"


@dataclass(frozen=True, slots=True)
class Input:
    """The bytes of one input; ``name`` carries the extension (``None`` for standard input).

    ``streamed`` names the kind of a file too large to read whole that is read record by record
    (JSONL, WARC; ``data`` is then empty) and ``gzipped`` whether it is compressed."""

    source: str
    name: str | None
    data: bytes
    streamed: Kind | None = None
    gzipped: bool = False


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
    """Every entry under ``folder`` that is not a folder (files, but also broken links and FIFOs,
    which :func:`read_file` then skips with a reason), recursively, sorted by name, hidden files
    and folders left out; folders that cannot be listed are passed to ``on_error``.

    Nothing here stats an entry: a link into an unreadable place raised PermissionError from
    ``Path.is_file()`` and ended the run, where it must be one skipped input."""
    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def read_file(source: str, max_bytes: int) -> Input | Skip:
    """The bytes of one file, its size checked against ``max_bytes`` before reading; a larger
    JSONL or WARC file is left to be read record by record."""
    try:
        try:
            info = os.stat(source)
        except FileNotFoundError:
            # Only this error means the target is gone: ``os.path.exists`` also answers False for
            # a link into a folder the user may not enter, which is "permission denied".
            if os.path.islink(source):
                return Skip(source, "broken symbolic link (its target does not exist)")
            raise
        if not stat.S_ISREG(info.st_mode):
            return Skip(source, f"not a regular file ({_file_type(info.st_mode)})")
        size = info.st_size
        if size > max_bytes:
            kind, gzipped = streamable_kind(source)
            if kind is not None:
                return Input(source, source, b"", streamed=kind, gzipped=gzipped)
            return Skip(source, f"larger than max_bytes ({size} > {max_bytes} bytes)")
        with open(source, "rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as exc:
        return Skip(source, f"cannot read: {exc.strerror or exc}")
    if len(data) > max_bytes:
        return Skip(source, f"larger than max_bytes ({max_bytes} bytes)")
    return Input(source, source, data)


def _file_type(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def streamable_kind(source: str) -> tuple[Kind | None, bool]:
    """Whether the file ``source`` is JSONL or WARC (by name, else by its first bytes), which
    can be read record by record, and whether it is gzipped."""
    named, gzipped = kind_from_name(source)
    if named is not None:  # a named kind needs no look inside (the file may be huge)
        return (named if named in STREAMED else None), gzipped
    with open(source, "rb") as fh:
        head = fh.read(WIDE_HEAD)
    gzipped = gzipped or head.startswith(GZIP_MAGIC)
    if head.startswith(GZIP_MAGIC):
        head = gunzip_head(head, WIDE_HEAD)
    wide = wide_encoding(head)  # the sniffer reads 8-bit text: "\x00{" is no JSON object
    if wide is not None:
        head = head.decode(wide.codec, errors="ignore").encode("utf-8")
    kind = sniff_kind(head)
    return (kind if kind in STREAMED else None), gzipped


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
