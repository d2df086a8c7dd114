"""Which reader and writer serve which format, and how a file's format is recognised."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from teller.errors import InputError
from teller.io._files import ProgressFn, decode, parse_csv_row, parse_metadata
from teller.io.ballotfile import BallotFile
from teller.io.blt import read_blt, write_blt
from teller.io.csvformats import (
    is_rank_header_row,
    is_weight_header,
    read_csv,
    read_csv_ranks,
    write_csv,
    write_csv_ranks,
)
from teller.io.dat import read_dat, write_dat
from teller.io.preflib import read_preflib, write_preflib
from teller.io.table import is_table_header, read_table, write_table

Reader = Callable[[Path, ProgressFn | None], BallotFile]
Writer = Callable[[Path, BallotFile], None]

FORMATS: tuple[str, ...] = ("blt", "soi", "toi", "csv", "csv-ranks", "dat", "table")
"""Every format teller reads; all of them can also be written (table only for single votes)."""

_READERS: dict[str, Reader] = {
    "blt": read_blt,
    "soi": partial(read_preflib, fmt="soi"),
    "toi": partial(read_preflib, fmt="toi"),
    "csv": read_csv,
    "csv-ranks": read_csv_ranks,
    "dat": read_dat,
    "table": read_table,
}
_WRITERS: dict[str, Writer] = {
    "blt": write_blt,
    "soi": partial(write_preflib, fmt="soi"),
    "toi": partial(write_preflib, fmt="toi"),
    "csv": write_csv,
    "csv-ranks": write_csv_ranks,
    "dat": write_dat,
    "table": write_table,
}
# .soc / .toc are PrefLib's complete-order variants: subsets of .soi / .toi.
_EXTENSIONS = {
    ".blt": "blt",
    ".soi": "soi",
    ".soc": "soi",
    ".toi": "toi",
    ".toc": "toi",
    ".dat": "dat",
}
_SNIFF_BYTES = 64 * 1024


def detect_format(path: str | Path) -> str:
    """The format of ``path``: by extension; a .csv by its ``# format:`` comment or header row.

    A .csv whose header has ``candidate`` and ``votes`` columns is a ``table``; one whose header
    cells read ``rank 1``, ``rank 2`` (or has no header) is ``csv``; one whose rows under the
    header hold only numbers and blanks is ``csv-ranks``. A file that does not exist yet (for
    writing) is judged by its extension alone, a new .csv being ``csv``.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if suffix == ".csv":
        return _sniff_csv(p) if p.exists() else "csv"
    raise InputError(
        f"cannot tell the ballot format from the extension {suffix or '(none)'!r}; "
        f"name the format (one of {', '.join(FORMATS)})",
        path=str(path),
    )


def _sniff_csv(path: Path) -> str:
    with open(path, "rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    cut = head.rfind(b"\n") + 1 if len(head) == _SNIFF_BYTES else len(head)
    text = decode(head[:cut], str(path))
    rows: list[list[str]] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if line.startswith("#"):
            meta = None if rows else parse_metadata(line, str(path), number)
            if meta and meta[0] == "format":
                return _check_format(meta[1], _READERS, path)
        elif line:
            rows.append(parse_csv_row(line, str(path), number))
        if len(rows) >= 20:
            break
    if not rows:
        return "csv"
    header = rows[0]
    if is_table_header(header):
        return "table"
    if is_rank_header_row(header) or len(rows) == 1:
        return "csv"
    data = [
        cell
        for row in rows[1:]
        for i, cell in enumerate(row)
        if not is_weight_header(header[i] if i < len(header) else "")
    ]
    return "csv-ranks" if all(c == "" or c.isdigit() for c in data) else "csv"


def _check_format(fmt: str, table: dict[str, Reader] | dict[str, Writer], path: Path) -> str:
    name = fmt.strip().lower()
    if name not in table:
        raise InputError(
            f"unknown ballot format {fmt!r}; known: {', '.join(FORMATS)}", path=str(path)
        )
    return name


def read_ballots(
    path: str | Path, *, fmt: str | None = None, progress: ProgressFn | None = None
) -> BallotFile:
    """Read a ballot file in ``fmt`` (default: :func:`detect_format`).

    ``progress(done_bytes, total_bytes)`` is called as the file is read. Every problem with the
    file raises :class:`~teller.errors.InputError` naming the file and line.
    """
    p = Path(path)
    name = _check_format(fmt, _READERS, p) if fmt else detect_format(p)
    return _READERS[name](p, progress)


def write_ballots(path: str | Path, ballots: BallotFile, fmt: str | None = None) -> None:
    """Write ``ballots`` to ``path`` in ``fmt`` (default: by extension), atomically."""
    p = Path(path)
    if fmt:
        name = _check_format(fmt, _WRITERS, p)
    else:  # by extension only: what a file being replaced holds now is no guide
        name = "csv" if p.suffix.lower() == ".csv" else detect_format(p)
    _WRITERS[name](p, ballots)
