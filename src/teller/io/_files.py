"""What every format shares: atomic writes, decoding with line numbers, metadata comments.

Metadata comments are the ``# key: value`` lines that the CSV-like formats (csv, csv-ranks, dat,
table) may carry before their data, e.g. ``# seats: 3`` or ``# candidates: Ann,"Smith, Bob"``.
"""

from __future__ import annotations

import contextlib
import csv
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from teller.errors import InputError, ModelError
from teller.model import Candidate, Contest

MAX_CANDIDATES = 32767
"""Rankings hold candidate indices as int16."""

MAX_TOTAL = 2**63 - 1
"""Ballot totals are int64."""

ProgressFn = Callable[[int, int], None]
"""``progress(done_bytes, total_bytes)``, called while a file is read."""

BOM = b"\xef\xbb\xbf"

#: Keys a metadata comment may carry; other ``# ...`` lines are plain comments.
METADATA_KEYS = ("format", "candidates", "seats", "title", "withdrawn")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_umask()


@contextlib.contextmanager
def atomic_writer(path: str | Path) -> Iterator[IO[bytes]]:
    """A binary file that replaces ``path`` only once everything was written.

    The data goes to a temporary file in the same directory, which is flushed, synced and then
    renamed over ``path`` (``os.replace``, atomic on POSIX and Windows). If anything fails the
    temporary file is removed and ``path`` is left exactly as it was.
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent or Path("."), prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        mode = target.stat().st_mode & 0o7777 if target.exists() else _NEW_FILE_MODE
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` (text is UTF-8 encoded) to ``path`` atomically: all of it or nothing."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(path) as handle:
        handle.write(payload)


def decode(data: bytes, path: str, first_line: int = 1) -> str:
    """UTF-8 text (a leading byte-order mark dropped); bad bytes are reported with their line."""
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = first_line + data.count(b"\n", 0, exc.start)
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            path=path,
            line=line,
        ) from None


def read_text(path: str | Path, progress: ProgressFn | None = None) -> str:
    """The whole file as text, reporting progress as it is read."""
    with open(path, "rb") as handle:
        total = os.fstat(handle.fileno()).st_size
        parts: list[bytes] = []
        done = 0
        while True:
            if progress:
                progress(done, total)
            chunk = handle.read(1 << 22)
            if not chunk:
                break
            parts.append(chunk)
            done += len(chunk)
    return decode(b"".join(parts), str(path))


def numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` with line endings removed."""
    for number, line in enumerate(text.split("\n"), start=1):
        yield number, line.rstrip("\r")


def parse_csv_row(text: str, path: str, line: int) -> list[str]:
    """One CSV row (RFC 4180 quoting), cells stripped of outer spaces."""
    try:
        rows = list(csv.reader([text], strict=True))
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", path=path, line=line) from None
    return [cell.strip() for cell in rows[0]] if rows else []


def csv_row(cells: Iterable[str]) -> str:
    """Cells as one CSV line (quoted where needed), without the line ending."""
    out: list[str] = []
    for cell in cells:
        if any(ch in cell for ch in ',"') or cell != cell.strip() or cell.startswith("#"):
            cell = '"' + cell.replace('"', '""') + '"'
        out.append(cell)
    return ",".join(out)


def parse_metadata(text: str, path: str, line: int) -> tuple[str, str] | None:
    """``(key, value)`` of a ``# key: value`` metadata comment, else None (a plain comment)."""
    body = text.lstrip()[1:].strip()
    key, sep, value = body.partition(":")
    key = key.strip().lower()
    if not sep or key not in METADATA_KEYS:
        return None
    return key, value.strip()


def parse_seats(value: str, path: str, line: int) -> int:
    if not value.isdigit() or int(value) < 1:
        raise InputError(
            f"seats must be a whole number of at least 1, not {value!r}", path=path, line=line
        )
    return int(value)


def check_writable(text: str, what: str, path: str) -> None:
    """Refuse text that no line-based format can hold."""
    if any(ch in text for ch in "\r\n"):
        raise InputError(f"cannot write {what} {text!r}: it contains a line break", path=path)


def make_contest(
    names: list[str],
    *,
    path: str,
    seats: int = 1,
    title: str | None = None,
    withdrawn: Iterable[int] = (),
    parties: list[str | None] | None = None,
    line: int | None = None,
) -> Contest:
    """A contest from what a file says, with model errors reported against the file."""
    if len(names) > MAX_CANDIDATES:
        raise InputError(
            f"{len(names)} candidates: teller handles at most {MAX_CANDIDATES}",
            path=path,
            line=line,
        )
    try:
        candidates = tuple(
            Candidate(name, parties[i] if parties else None) for i, name in enumerate(names)
        )
        return Contest(candidates, seats=seats, title=title or None, withdrawn=frozenset(withdrawn))
    except ModelError as exc:
        raise InputError(str(exc), path=path, line=line) from None


def name_index(names: list[str], path: str, line: int | None) -> dict[str, int]:
    """Name -> index, refusing empty or repeated names."""
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        if not name:
            raise InputError(f"candidate {i + 1} has an empty name", path=path, line=line)
        if name in index:
            raise InputError(
                f"candidate name {name!r} is given twice "
                f"(candidates {index[name] + 1} and {i + 1})",
                path=path,
                line=line,
            )
        index[name] = i
    return index


def check_total(weights: Iterable[int], path: str) -> None:
    """Refuse ballot weights whose total would not fit in 64 bits."""
    if sum(weights) > MAX_TOTAL:
        raise InputError("the ballot weights add up to more than 2**63 - 1", path=path)
