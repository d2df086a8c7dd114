"""Rank-vector ``.dat`` files: one line per ballot (or group of equal ballots) giving the rank of
every candidate in ballot-paper order, 0 for unranked::

    # candidates: Ann Smith,Bob Jones,Cy Young
    # seats: 1
    3: 1 2 0
    0 1 2

A line ``w: r1 .. rn`` stands for ``w`` ballots; a line without ``w:`` for one. Numbers are
separated by blanks and/or commas. Without a ``# candidates:`` line the candidates are
``Candidate 1`` .. ``Candidate n``, n being the length of the first line.
"""

from __future__ import annotations

from pathlib import Path

from teller.errors import InputError
from teller.io._files import (
    ProgressFn,
    atomic_write,
    check_total,
    check_writable,
    name_index,
    read_text,
)
from teller.io.ballotfile import BallotFile
from teller.io.tabular import (
    meta_names,
    metadata_lines,
    ranking_from_ranks,
    ranks_from_ranking,
    read_sheet,
    sheet_contest,
    whole,
)
from teller.model import Profile


def read_dat(path: Path, progress: ProgressFn | None) -> BallotFile:
    spath = str(path)
    text = read_text(path, progress)
    sheet = read_sheet(text, spath, csv_cells=False)
    declared = meta_names(sheet, "candidates", spath)
    names: list[str] | None = None
    if declared:
        names = declared[0]
        name_index(names, spath, declared[1])
    counts: dict[tuple[int, ...], int] = {}
    for line, row in sheet.rows:
        # The weight separator ':' becomes a word of its own, so "3:1 2" and "3 : 1 2" read alike.
        words = " ".join(row).replace(":", " : ").split()
        weight = 1
        if len(words) >= 2 and words[1] == ":":
            weight = whole(words[0], "ballot weight", spath, line, minimum=1)
            words = words[2:]
        if ":" in words:
            raise InputError(
                "':' may only follow the ballot weight at the start", path=spath, line=line
            )
        if names is None:
            if not words:
                raise InputError("a ballot line with no ranks", path=spath, line=line)
            names = [f"Candidate {i}" for i in range(1, len(words) + 1)]
        if len(words) != len(names):
            raise InputError(
                f"expected {len(names)} ranks (one per candidate), found {len(words)}",
                path=spath,
                line=line,
            )
        ranks = [whole(w, "rank", spath, line) for w in words]
        key = ranking_from_ranks(ranks, names, spath, line)
        counts[key] = counts.get(key, 0) + weight
    if names is None:
        raise InputError(
            "no ballots and no '# candidates:' line: cannot tell the candidates", path=spath, line=1
        )
    contest = sheet_contest(sheet, names, spath)
    empty = counts.get((), 0)
    notes = (
        (f"{empty} ballot(s) give no preference at all; they are kept as empty ballots",)
        if empty
        else ()
    )
    check_total(counts.values(), spath)
    return BallotFile(contest, Profile.from_rankings(len(names), counts.items()), "dat", 0, notes)


def write_dat(path: Path, ballots: BallotFile) -> None:
    spath = str(path)
    contest, profile = ballots.contest, ballots.profile
    names = list(contest.names)
    for name in names:
        check_writable(name, "candidate name", spath)
    check_writable(contest.title or "", "title", spath)
    out = metadata_lines(
        "dat", names, contest.seats, contest.title, [names[i] for i in sorted(contest.withdrawn)]
    )
    for ranking, weight in profile:
        out.append(f"{weight}: " + " ".join(map(str, ranks_from_ranking(ranking, len(names)))))
    atomic_write(path, "\n".join(out) + "\n")
