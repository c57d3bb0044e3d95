"""One writer per format, each reading the rows of :mod:`.rows` through one declared schema.

The schema of a table is its row dataclass's annotations, mapped once by :data:`KINDS`: Parquet
gets explicit Arrow types (nullable exactly where the annotation allows ``None``), JSON Lines the
same fields as JSON values, CSV the same fields as cells. Every file is written to a temporary
file beside the target and renamed over it, so a failure never leaves half a file.

CSV is for spreadsheets, whose users open it by double-click: UTF-8 *with* a byte-order mark
(without one, Excel reads UTF-8 as the local code page and garbles every accent; Python's csv
reads it with ``encoding="utf-8-sig"``, pandas strips it itself), a header row, RFC 4180 quoting
and CRLF line ends. Article text is untrusted, and a cell starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return is a formula to a spreadsheet (CSV injection, OWASP): such a text cell
gets a leading ``'``. So that the guard can be undone exactly, a text cell that already starts
with ``'`` gets one too: a reader removes one leading ``'`` from any text cell that has it
(:func:`unguard`). Numbers are never guarded. Lists are joined with ``"; "``; missing values are
empty cells; booleans are ``true``/``false``.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import tempfile
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal

Kind = Literal["string", "int", "float", "bool", "strings"]

#: The Python annotation of a row field → its kind (``X | None`` is the same kind, nullable).
KINDS: dict[Any, Kind] = {str: "string", int: "int", float: "float", bool: "bool", tuple[str, ...]: "strings"}

#: A text cell starting with one of these is guarded with a leading ``'`` in CSV.
GUARDED = ("=", "+", "-", "@", "\t", "\r", "'")

#: How CSV joins a list cell.
LIST_SEPARATOR = "; "


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table export: its name, kind and whether it may be missing."""

    name: str
    kind: Kind
    nullable: bool


def columns(row_type: type) -> tuple[Column, ...]:
    """The declared columns of ``row_type`` (a row dataclass), in field order."""
    hints = typing.get_type_hints(row_type)
    out = []
    for f in dataclasses.fields(row_type):
        hint = hints[f.name]
        args = typing.get_args(hint) if isinstance(hint, types.UnionType) else ()
        nullable = type(None) in args
        base = next(a for a in args if a is not type(None)) if nullable else hint
        if base not in KINDS:
            raise TypeError(f"{row_type.__name__}.{f.name}: no export kind for {hint}")
        out.append(Column(f.name, KINDS[base], nullable))
    return tuple(out)


def arrow_schema(row_type: type) -> Any:
    """The Parquet (Arrow) schema of ``row_type``: explicit types, nullable where declared."""
    import pyarrow as pa

    types_of = {
        "string": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "strings": pa.list_(pa.field("item", pa.string(), nullable=False)),
    }
    return pa.schema([pa.field(c.name, types_of[c.kind], nullable=c.nullable) for c in columns(row_type)])


def _values(row: Any, cols: Sequence[Column]) -> dict[str, Any]:
    return {c.name: list(v) if c.kind == "strings" else v for c in cols for v in [getattr(row, c.name)]}


def guard(text: str) -> str:
    """``text`` safe in a spreadsheet cell: a leading ``'`` when it starts with :data:`GUARDED`."""
    return "'" + text if text.startswith(GUARDED) else text


def unguard(cell: str) -> str:
    """The text of a guarded CSV cell (the inverse of :func:`guard`)."""
    return cell[1:] if cell.startswith("'") else cell


def _cell(value: Any, kind: Kind) -> str:
    if value is None:
        return ""
    if kind == "bool":
        return "true" if value else "false"
    if kind == "strings":
        return guard(LIST_SEPARATOR.join(value))
    if kind == "string":
        return guard(value)
    return str(value)


@contextmanager
def replacing(path: Path, mode: Literal["w", "wb"] = "w") -> Iterator[IO[Any]]:
    """A file to write ``path`` through: a temporary file beside it, renamed over it on success
    and removed on failure."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; the export is a normal file
        if mode == "w":
            # newline="": the csv module writes its own CRLF; JSON Lines ends lines with \n
            with open(fd, "w", encoding="utf-8", newline="") as handle:
                yield handle
        else:
            with open(fd, "wb") as handle:
                yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask (reading it means setting it: set back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_jsonl(rows: Sequence[Any], row_type: type, path: Path) -> None:
    """One JSON object per line, the row's fields as keys (lists as arrays, missing as null)."""
    cols = columns(row_type)
    with replacing(path) as out:
        for row in rows:
            out.write(json.dumps(_values(row, cols), ensure_ascii=False) + "\n")


def write_csv(rows: Sequence[Any], row_type: type, path: Path) -> None:
    """A header and one line per row, as the module docstring describes."""
    cols = columns(row_type)
    with replacing(path) as out:
        out.write("\ufeff")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([c.name for c in cols])
        for row in rows:
            writer.writerow([_cell(getattr(row, c.name), c.kind) for c in cols])


def write_parquet(rows: Sequence[Any], row_type: type, path: Path) -> None:
    """A Parquet file with the declared :func:`arrow_schema` (also when there are no rows)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols = columns(row_type)
    table = pa.Table.from_pylist([_values(row, cols) for row in rows], schema=arrow_schema(row_type))
    with replacing(path, "wb") as out:
        pq.write_table(table, out)


def write_graphml(graph: Any, path: Path) -> None:
    """A networkx graph as GraphML (what networkx, Gephi and yEd read)."""
    import networkx as nx

    with replacing(path, "wb") as out:
        nx.write_graphml(graph, out)


TableWriter = Callable[[Sequence[Any], type, Path], None]

#: The writer of each table format.
TABLE_WRITERS: dict[str, TableWriter] = {"jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet}
