"""Ballots as CSV, in two layouts.

``csv``: one row per ballot, the columns are the preferences in order, each cell a candidate's
name (``Ann,Bob,,``). A header row is optional; it is recognised when every cell reads like
``rank 1`` / ``preference 2`` / ``choice 3`` / ``1st`` or like a weight column (``weight``,
``count``, ``ballots``, ``multiplicity``). Candidates are taken from a ``# candidates:`` comment
when there is one (ballot-paper order, and names not in it are errors), otherwise in order of
first appearance in the file.

``csv-ranks``: a header row of candidate names (and optionally a weight column), then one row per
ballot where each cell is that candidate's rank (blank or 0 = not ranked).
"""

from __future__ import annotations

import re
from pathlib import Path

from teller.errors import InputError
from teller.io._files import (
    ProgressFn,
    atomic_write,
    check_total,
    check_writable,
    csv_row,
    read_text,
)
from teller.io.ballotfile import BallotFile
from teller.io.tabular import (
    WEIGHT_HEADERS,
    Sheet,
    meta_names,
    metadata_lines,
    ranking_from_ranks,
    ranks_from_ranking,
    read_sheet,
    sheet_contest,
    whole,
)
from teller.model import Profile

_RANK_HEADER = re.compile(
    r"(?i)(?:(?:rank|preference|pref|choice)[\s_#-]*(\d+)|(\d+)(?:st|nd|rd|th)"
    r"(?:[\s_-]*(?:preference|pref|choice|rank))?)"
)


def rank_header_number(cell: str) -> int | None:
    """The number in a ``rank 3``-style header cell, else None."""
    match = _RANK_HEADER.fullmatch(cell.strip())
    return int(match.group(1) or match.group(2)) if match else None


def is_weight_header(cell: str) -> bool:
    return cell.strip().lower() in WEIGHT_HEADERS


def is_rank_header_row(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return bool(filled) and all(
        rank_header_number(c) is not None or is_weight_header(c) for c in filled
    )


def _counts_profile(n: int, counts: dict[tuple[int, ...], int], path: str) -> Profile:
    check_total(counts.values(), path)
    return Profile.from_rankings(n, counts.items())


def _empty_notes(counts: dict[tuple[int, ...], int]) -> tuple[str, ...]:
    empty = counts.get((), 0)
    return (
        (f"{empty} ballot(s) give no preference at all; they are kept as empty ballots",)
        if empty
        else ()
    )


def read_csv(path: Path, progress: ProgressFn | None) -> BallotFile:
    """Read the ``csv`` layout: one row per ballot, candidate names in preference order."""
    spath = str(path)
    sheet = read_sheet(read_text(path, progress), spath)
    declared = meta_names(sheet, "candidates", spath)
    names: list[str] = list(declared[0]) if declared else []
    index = {name: i for i, name in enumerate(names)}
    if len(index) != len(names):
        raise InputError(
            "'# candidates:' names a candidate twice", path=spath, line=declared and declared[1]
        )
    rows = sheet.rows
    weight_col: int | None = None
    if rows and is_rank_header_row(rows[0][1]):
        line, header = rows[0]
        weight_cols = [i for i, c in enumerate(header) if is_weight_header(c)]
        if len(weight_cols) > 1:
            raise InputError("more than one weight column", path=spath, line=line)
        weight_col = weight_cols[0] if weight_cols else None
        numbers = [rank_header_number(c) for i, c in enumerate(header) if i != weight_col and c]
        if numbers != list(range(1, len(numbers) + 1)):
            raise InputError(
                "the rank columns must be rank 1, rank 2, rank 3, ... in order",
                path=spath,
                line=line,
            )
        rows = rows[1:]
    counts: dict[tuple[int, ...], int] = {}
    for line, cells in rows:
        weight = 1
        if weight_col is not None:
            cell = cells[weight_col] if weight_col < len(cells) else ""
            weight = whole(cell, "ballot weight", spath, line, minimum=1)
            cells = cells[:weight_col] + cells[weight_col + 1 :]
        ranking: list[int] = []
        gap_at = 0
        for position, name in enumerate(cells, start=1):
            if not name:
                gap_at = gap_at or position
                continue
            if gap_at:
                raise InputError(
                    f"preference {gap_at} is blank but preference {position} is not: skipped "
                    "preferences are not allowed",
                    path=spath,
                    line=line,
                )
            if name not in index:
                if declared:
                    raise InputError(
                        f"unknown candidate {name!r}: not in the '# candidates:' list",
                        path=spath,
                        line=line,
                    )
                index[name] = len(names)
                names.append(name)
            if index[name] in ranking:
                raise InputError(f"{name!r} is ranked twice on one ballot", path=spath, line=line)
            ranking.append(index[name])
        key = tuple(ranking)
        counts[key] = counts.get(key, 0) + weight
    return _ballot_file(sheet, names, index, counts, spath, "csv")


def _candidate_columns(sheet: Sheet, path: str) -> tuple[list[str], list[int], int | None, int]:
    """``(names in ballot order, column of each, weight column, header line)`` for csv-ranks."""
    if not sheet.rows:
        raise InputError("no header row of candidate names", path=path, line=1)
    line, header = sheet.rows[0]
    declared = meta_names(sheet, "candidates", path)
    declared_set = set(declared[0]) if declared else set()
    weight_cols = [i for i, c in enumerate(header) if is_weight_header(c) and c not in declared_set]
    if len(weight_cols) > 1:
        raise InputError("more than one weight column", path=path, line=line)
    weight_col = weight_cols[0] if weight_cols else None
    columns = {c: i for i, c in enumerate(header) if i != weight_col}
    if "" in columns:
        raise InputError(
            f"column {columns[''] + 1} of the header has no name", path=path, line=line
        )
    if len(columns) != len(header) - (weight_col is not None):
        raise InputError("a candidate's name heads two columns", path=path, line=line)
    names = list(columns)
    if declared:
        unknown = [c for c in names if c not in declared_set]
        if unknown:
            raise InputError(
                f"column {unknown[0]!r} is not in the '# candidates:' list", path=path, line=line
            )
        missing = [c for c in declared[0] if c not in columns]
        if missing:
            raise InputError(f"no column for candidate {missing[0]!r}", path=path, line=line)
        names = list(declared[0])
    return names, [columns[n] for n in names], weight_col, line


def read_csv_ranks(path: Path, progress: ProgressFn | None) -> BallotFile:
    """Read the ``csv-ranks`` layout: a column per candidate holding its rank."""
    spath = str(path)
    sheet = read_sheet(read_text(path, progress), spath)
    names, columns, weight_col, header_line = _candidate_columns(sheet, spath)
    width = len(columns) + (weight_col is not None)
    counts: dict[tuple[int, ...], int] = {}
    for line, cells in sheet.rows[1:]:
        if len(cells) > width:
            raise InputError(
                f"the row has {len(cells)} cells but the header has {width} columns",
                path=spath,
                line=line,
            )
        cells = cells + [""] * (width - len(cells))
        weight = 1
        if weight_col is not None:
            weight = whole(cells[weight_col], "ballot weight", spath, line, minimum=1)
        ranks = [
            whole(cells[c], f"the rank of {names[i]!r}", spath, line) if cells[c] else 0
            for i, c in enumerate(columns)
        ]
        key = ranking_from_ranks(ranks, names, spath, line)
        counts[key] = counts.get(key, 0) + weight
    index = {name: i for i, name in enumerate(names)}
    return _ballot_file(sheet, names, index, counts, spath, "csv-ranks", line=header_line)


def _check_names(ballots: BallotFile, path: str) -> None:
    for name in ballots.contest.names:
        check_writable(name, "candidate name", path)
    check_writable(ballots.contest.title or "", "title", path)


def _weight_header(names: list[str], path: str) -> str:
    taken = {n.strip().lower() for n in names}
    for header in WEIGHT_HEADERS:
        if header not in taken:
            return header
    raise InputError("cannot write: candidates are named after every weight column name", path=path)


def _ballot_file(
    sheet: Sheet,
    names: list[str],
    index: dict[str, int],
    counts: dict[tuple[int, ...], int],
    spath: str,
    fmt: str,
    *,
    line: int | None = None,
) -> BallotFile:
    """The contest the file's ``# key: value`` lines describe, and its counted ballots."""
    contest = sheet_contest(sheet, names, spath, line=line)
    profile = _counts_profile(len(names), counts, spath)
    return BallotFile(contest, profile, fmt, 0, _empty_notes(counts))


def _header_lines(path: Path, ballots: BallotFile, fmt: str) -> tuple[list[str], list[str]]:
    """Candidate names (checked writable) and the ``# key: value`` lines both layouts start with."""
    _check_names(ballots, str(path))
    contest = ballots.contest
    names = list(contest.names)
    withdrawn = [names[i] for i in sorted(contest.withdrawn)]
    return names, metadata_lines(fmt, names, contest.seats, contest.title, withdrawn)


def write_csv(path: Path, ballots: BallotFile) -> None:
    """Write the ``csv`` layout with a ``# candidates:`` line, so it reads back exactly."""
    profile = ballots.profile
    names, out = _header_lines(path, ballots, "csv")
    out.append(csv_row(["weight"] + [f"rank {k}" for k in range(1, profile.width + 1)]))
    for ranking, weight in profile:
        cells = [str(weight)] + [names[c] for c in ranking] + [""] * (profile.width - len(ranking))
        out.append(csv_row(cells))
    atomic_write(path, "\n".join(out) + "\n")


def write_csv_ranks(path: Path, ballots: BallotFile) -> None:
    """Write the ``csv-ranks`` layout: a weight column, then a column per candidate."""
    profile = ballots.profile
    names, out = _header_lines(path, ballots, "csv-ranks")
    out.append(csv_row([_weight_header(names, str(path)), *names]))
    for ranking, weight in profile:
        ranks = ranks_from_ranking(ranking, len(names))
        out.append(",".join([str(weight)] + [str(r) if r else "" for r in ranks]))
    atomic_write(path, "\n".join(out) + "\n")
