"""What the line-per-row formats (csv, csv-ranks, dat, table) share: metadata comments, rows,
and turning a rank vector (the rank given to each candidate) into a ranking.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from teller.errors import InputError
from teller.io._files import csv_row, make_contest, parse_csv_row, parse_metadata, parse_seats
from teller.model import Contest

WEIGHT_HEADERS = ("weight", "count", "ballots", "multiplicity")
"""Header names (any case) of the optional column giving how many ballots a row stands for."""

_WHOLE = re.compile(r"[0-9]+")


@dataclass
class Sheet:
    """A file's metadata comments and data rows."""

    meta: dict[str, tuple[str, int]] = field(default_factory=dict)
    """``key -> (value, line)`` from ``# key: value`` lines before the first row."""
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    """``(line, cells)`` of every data row."""


def read_sheet(text: str, path: str, *, csv_cells: bool = True) -> Sheet:
    """Rows of ``text``: CSV cells, or (``csv_cells=False``) words split on blanks and commas.

    Blank lines and ``#`` lines are skipped; ``# key: value`` lines before the first data row
    are metadata (keys: format, candidates, seats, title, withdrawn).
    """
    sheet = Sheet()
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            meta = None if sheet.rows else parse_metadata(stripped, path, number)
            if meta:
                if meta[0] in sheet.meta:
                    raise InputError(f"'# {meta[0]}:' is given twice", path=path, line=number)
                sheet.meta[meta[0]] = (meta[1], number)
            continue
        if csv_cells:
            cells = parse_csv_row(line, path, number)
        else:
            cells = stripped.replace(",", " ").split()
        sheet.rows.append((number, cells))
    return sheet


def meta_names(sheet: Sheet, key: str, path: str) -> tuple[list[str], int] | None:
    """A list of names given as a CSV row in a metadata comment, with its line."""
    if key not in sheet.meta:
        return None
    value, line = sheet.meta[key]
    return [c for c in parse_csv_row(value, path, line) if c], line


def meta_seats(sheet: Sheet, path: str) -> int:
    if "seats" not in sheet.meta:
        return 1
    value, line = sheet.meta["seats"]
    return parse_seats(value, path, line)


def meta_title(sheet: Sheet) -> str | None:
    return sheet.meta.get("title", ("", 0))[0] or None


def meta_withdrawn(sheet: Sheet, index: dict[str, int], path: str) -> list[int]:
    found = meta_names(sheet, "withdrawn", path)
    if found is None:
        return []
    names, line = found
    unknown = [n for n in names if n not in index]
    if unknown:
        raise InputError(
            f"withdrawn candidate {unknown[0]!r} is not a candidate", path=path, line=line
        )
    return [index[n] for n in names]


def sheet_contest(
    sheet: Sheet,
    names: list[str],
    path: str,
    *,
    parties: list[str | None] | None = None,
    line: int | None = None,
) -> Contest:
    """The contest the file's ``# key: value`` lines (seats, title, withdrawn) describe."""
    index = {name: i for i, name in enumerate(names)}
    return make_contest(
        names,
        path=path,
        seats=meta_seats(sheet, path),
        title=meta_title(sheet),
        withdrawn=meta_withdrawn(sheet, index, path),
        parties=parties,
        line=line,
    )


def metadata_lines(
    fmt: str,
    names: Iterable[str] | None,
    seats: int,
    title: str | None,
    withdrawn: Iterable[str],
) -> list[str]:
    """The ``# key: value`` lines a writer puts first."""
    out = [f"# format: {fmt}"]
    if names is not None:
        out.append("# candidates: " + csv_row(names))
    if seats != 1:
        out.append(f"# seats: {seats}")
    if title:
        out.append(f"# title: {title}")
    withdrawn = list(withdrawn)
    if withdrawn:
        out.append("# withdrawn: " + csv_row(withdrawn))
    return out


def whole(text: str, what: str, path: str, line: int, *, minimum: int = 0) -> int:
    """A whole number at least ``minimum``; thousands separators (``1,234``) are accepted."""
    plain = (
        text.replace(",", "").replace("_", "")
        if re.fullmatch(r"\d{1,3}([,_]\d{3})+", text)
        else text
    )
    if not _WHOLE.fullmatch(plain):
        raise InputError(f"{what} is {text!r}, not a whole number", path=path, line=line)
    value = int(plain)
    if value < minimum:
        raise InputError(f"{what} must be at least {minimum}, not {value}", path=path, line=line)
    return value


def ranking_from_ranks(ranks: list[int], names: list[str], path: str, line: int) -> tuple[int, ...]:
    """The ranking a rank vector describes (``ranks[i]`` = rank of candidate i, 0 = unranked).

    Ranks must run 1, 2, 3, ... with no repeats (an equal ranking) and no gaps.
    """
    by_rank: dict[int, int] = {}
    for candidate, rank in enumerate(ranks):
        if rank == 0:
            continue
        if rank in by_rank:
            raise InputError(
                f"rank {rank} is given to both {names[by_rank[rank]]!r} and {names[candidate]!r}: "
                "equal rankings are not allowed",
                path=path,
                line=line,
            )
        by_rank[rank] = candidate
    for rank in range(1, len(by_rank) + 1):
        if rank not in by_rank:
            raise InputError(
                f"rank {rank} is missing but rank {max(by_rank)} is given: preferences must run "
                "1, 2, 3, ... without gaps",
                path=path,
                line=line,
            )
    return tuple(by_rank[r] for r in range(1, len(by_rank) + 1))


def ranks_from_ranking(ranking: Iterable[int], n: int) -> list[int]:
    """The rank vector of a ranking (inverse of :func:`ranking_from_ranks`)."""
    ranks = [0] * n
    for place, candidate in enumerate(ranking, start=1):
        ranks[candidate] = place
    return ranks
