"""Results tables: ``candidate,party,votes`` (CSV), for first-past-the-post and block-vote
results where only each candidate's votes are known.

Each candidate's votes become that many single-preference ballots. For a block vote, where a
paper carries up to ``seats`` votes, the profile therefore holds votes, not papers: its total
(what counts report as valid ballots) is the total of votes.
"""

from __future__ import annotations

from pathlib import Path

from teller.errors import InputError
from teller.io._files import (
    ProgressFn,
    atomic_write,
    check_total,
    check_writable,
    csv_row,
    name_index,
    read_text,
)
from teller.io.ballotfile import BallotFile
from teller.io.tabular import (
    metadata_lines,
    read_sheet,
    sheet_contest,
    whole,
)
from teller.model import Profile

COLUMNS = ("candidate", "party", "votes")


def is_table_header(cells: list[str]) -> bool:
    lowered = {c.strip().lower() for c in cells}
    return "candidate" in lowered and "votes" in lowered


def read_table(path: Path, progress: ProgressFn | None) -> BallotFile:
    spath = str(path)
    sheet = read_sheet(read_text(path, progress), spath)
    if not sheet.rows or not is_table_header(sheet.rows[0][1]):
        line = sheet.rows[0][0] if sheet.rows else 1
        raise InputError(
            "a table needs a header row with 'candidate' and 'votes' columns "
            "(and optionally 'party')",
            path=spath,
            line=line,
        )
    header_line, header = sheet.rows[0]
    column = {c.strip().lower(): i for i, c in enumerate(header)}
    if len(column) != len(header):
        raise InputError("a column name is repeated in the header", path=spath, line=header_line)
    names: list[str] = []
    parties: list[str | None] = []
    votes: list[int] = []
    for line, cells in sheet.rows[1:]:
        cells = cells + [""] * (len(header) - len(cells))
        if len(cells) > len(header):
            raise InputError(
                f"the row has {len(cells)} cells but the header has {len(header)} columns",
                path=spath,
                line=line,
            )
        name = cells[column["candidate"]]
        if not name:
            raise InputError("a row with no candidate name", path=spath, line=line)
        names.append(name)
        name_index(names, spath, line)
        parties.append(cells[column["party"]] or None if "party" in column else None)
        votes.append(whole(cells[column["votes"]], f"the vote count of {name!r}", spath, line))
    if not names:
        raise InputError("the table lists no candidates", path=spath, line=header_line)
    contest = sheet_contest(sheet, names, spath, parties=parties)
    seats = contest.seats
    check_total(votes, spath)
    profile = Profile.from_rankings(len(names), [((i,), v) for i, v in enumerate(votes)])
    notes: list[str] = []
    extra = [c for c in header if c.strip().lower() not in COLUMNS]
    if extra:
        notes.append(f"columns not used: {', '.join(extra)}")
    if seats > 1:
        notes.append(
            f"each of the {profile.total} votes is read as a single-preference ballot, so the "
            "count's valid ballots are the total of votes, not the number of ballot papers"
        )
    return BallotFile(contest, profile, "table", 0, tuple(notes))


def write_table(path: Path, ballots: BallotFile) -> None:
    spath = str(path)
    contest, profile = ballots.contest, ballots.profile
    if profile.width > 1 or any(len(r) != 1 for r, _ in profile):
        raise InputError(
            "a table holds votes per candidate: it cannot hold rankings or empty ballots",
            path=spath,
        )
    votes = dict.fromkeys(range(len(contest.candidates)), 0)
    for ranking, weight in profile:
        votes[ranking[0]] += weight
    for c in contest.candidates:
        check_writable(c.name, "candidate name", spath)
        check_writable(c.party or "", "party", spath)
    check_writable(contest.title or "", "title", spath)
    names = list(contest.names)
    out = metadata_lines(
        "table", None, contest.seats, contest.title, [names[i] for i in sorted(contest.withdrawn)]
    )
    out.append(",".join(COLUMNS))
    out += [
        csv_row([c.name, c.party or "", str(votes[i])]) for i, c in enumerate(contest.candidates)
    ]
    atomic_write(path, "\n".join(out) + "\n")
