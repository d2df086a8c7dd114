"""PrefLib ordinal data: .soi (strict orders, incomplete) and .toi (orders with ties, incomplete).

Both the 2022 format (``# KEY: value`` metadata, then ``count: a,b,{c,d}``) and the legacy one
(a count of alternatives, ``i,name`` lines, a ``voters,sum,unique`` line, then ``count,a,b``) are
read. A tie ``{c,d}`` in a .toi order is a paper giving the same preference to two candidates:
under UK rules (Scottish Order 2007, rule 19) the paper stops at that point, so the ranking is
cut before the tied group; a tie at first preference makes the paper invalid (``rejected``).
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
    make_contest,
    name_index,
    numbered_lines,
    read_text,
)
from teller.io.ballotfile import BallotFile
from teller.model import Profile

_NAME = re.compile(r"#\s*ALTERNATIVE NAME\s+(\d+)\s*:(.*)$", re.IGNORECASE)
_META = re.compile(r"#\s*([A-Z ]+?)\s*:(.*)$", re.IGNORECASE)
_NUMBER = re.compile(r"[0-9]+")


class _Reader:
    def __init__(self, path: str, fmt: str) -> None:
        self.path, self.fmt = path, fmt
        self.n: int | None = None
        self.names: dict[int, tuple[str, int]] = {}
        self.meta: dict[str, tuple[str, int]] = {}
        self.counts: dict[tuple[int, ...], int] = {}
        self.voters = 0
        self.rejected = 0
        self.truncated = 0

    def error(self, problem: str, line: int | None) -> InputError:
        return InputError(problem, path=self.path, line=line)

    def number(self, text: str, what: str, line: int) -> int:
        if not _NUMBER.fullmatch(text):
            raise self.error(f"{what} {text!r} is not a whole number", line)
        return int(text)

    def order(self, count_text: str, body: str, line: int) -> None:
        count = self.number(count_text.strip(), "count", line)
        if count < 1:
            raise self.error("an order's count must be at least 1", line)
        groups = self.groups(body, line)
        seen: set[int] = set()
        for alt in (a for group in groups for a in group):
            if alt in seen:
                raise self.error(f"alternative {alt + 1} appears twice in one order", line)
            seen.add(alt)
        ranking: list[int] = []
        for position, group in enumerate(groups):
            if len(group) > 1:
                if self.fmt == "soi":
                    raise self.error(
                        "a .soi file holds strict orders: ties like '{1,2}' belong in a .toi file",
                        line,
                    )
                if position == 0:
                    self.rejected += count
                    self.voters += count
                    return
                self.truncated += count
                break
            ranking.append(group[0])
        self.voters += count
        key = tuple(ranking)
        self.counts[key] = self.counts.get(key, 0) + count

    def groups(self, body: str, line: int) -> list[list[int]]:
        text = "".join(body.split())
        groups: list[list[int]] = []
        i = 0
        while i < len(text):
            if text[i] == "{":
                close = text.find("}", i)
                if close < 0:
                    raise self.error("'{' without a closing '}'", line)
                items, i = text[i + 1 : close].split(","), close + 1
            else:
                comma = text.find(",", i)
                comma = len(text) if comma < 0 else comma
                items, i = [text[i:comma]], comma
            groups.append([self.alternative(item, line) for item in items])
            if i < len(text):
                if text[i] != ",":
                    raise self.error(f"expected ',' after a preference, found {text[i]!r}", line)
                i += 1
                if i == len(text):
                    raise self.error("the order ends with ','", line)
        return groups

    def alternative(self, text: str, line: int) -> int:
        if not text:
            raise self.error("an empty preference (two commas, or '{}')", line)
        number = self.number(text, "alternative", line)
        if self.n is None or not 1 <= number <= self.n:
            raise self.error(f"alternative {number} is out of range 1..{self.n}", line)
        return number - 1


def read_preflib(path: Path, progress: ProgressFn | None, fmt: str) -> BallotFile:
    """Read a .soi (``fmt='soi'``) or .toi (``fmt='toi'``) file."""
    spath = str(path)
    reader = _Reader(spath, fmt)
    lines = [(n, t.strip()) for n, t in numbered_lines(read_text(path, progress)) if t.strip()]
    if not lines:
        raise InputError("the file is empty", path=spath, line=1)
    if lines[0][1].startswith("#"):
        _read_modern(reader, lines)
    else:
        _read_legacy(reader, lines)
    return _result(reader, lines[-1][0])


def _read_modern(r: _Reader, lines: list[tuple[int, str]]) -> None:
    for number, text in lines:
        if text.startswith("#"):
            name = _NAME.match(text)
            if name:
                r.names[int(name.group(1))] = (name.group(2).strip(), number)
            elif meta := _META.match(text):
                key = " ".join(meta.group(1).upper().split())
                r.meta[key] = (meta.group(2).strip(), number)
                if key == "NUMBER ALTERNATIVES":
                    r.n = r.number(meta.group(2).strip(), "NUMBER ALTERNATIVES", number)
            continue
        if r.n is None:
            raise r.error("no '# NUMBER ALTERNATIVES: n' line before the first order", number)
        count, sep, body = text.partition(":")
        if not sep:
            raise r.error("an order line must be 'count: a,b,c'", number)
        r.order(count, body, number)


def _read_legacy(r: _Reader, lines: list[tuple[int, str]]) -> None:
    first = lines[0]
    r.n = r.number(first[1], "number of alternatives", first[0])
    if len(lines) < r.n + 2:
        raise r.error(
            f"expected {r.n} 'number,name' lines and a 'voters,sum,unique' line", first[0]
        )
    for number, text in lines[1 : r.n + 1]:
        index, sep, name = text.partition(",")
        if not sep:
            raise r.error("an alternative line must be 'number,name'", number)
        r.names[r.number(index.strip(), "alternative number", number)] = (name.strip(), number)
    number, text = lines[r.n + 1]
    parts = text.split(",")
    if len(parts) != 3:
        raise r.error("expected the line 'voters,sum of counts,unique orders'", number)
    r.meta["NUMBER VOTERS"] = (parts[0].strip(), number)
    for number, text in lines[r.n + 2 :]:
        count, sep, body = text.partition(",")
        r.order(count, body if sep else "", number)


def _result(r: _Reader, last_line: int) -> BallotFile:
    assert r.n is not None
    for i, (_, line) in sorted(r.names.items()):
        if not 1 <= i <= r.n:
            raise r.error(f"a name for alternative {i}, but there are {r.n} alternatives", line)
    missing = [i for i in range(1, r.n + 1) if i not in r.names]
    if missing:
        raise r.error(f"no name is given for alternative {missing[0]}", last_line)
    names = [r.names[i][0] for i in range(1, r.n + 1)]
    for i in range(1, r.n + 1):
        name_index(names[:i], r.path, r.names[i][1])
    if "NUMBER VOTERS" in r.meta:
        text, line = r.meta["NUMBER VOTERS"]
        declared = r.number(text, "NUMBER VOTERS", line)
        if declared != r.voters:
            raise r.error(
                f"the file declares {declared} voters but its orders count {r.voters}", line
            )
    seats, withdrawn = 1, []
    if "TELLER SEATS" in r.meta:
        text, line = r.meta["TELLER SEATS"]
        seats = r.number(text, "TELLER SEATS", line)
        if seats < 1:
            raise r.error("TELLER SEATS must be at least 1", line)
    if "TELLER WITHDRAWN" in r.meta:
        text, line = r.meta["TELLER WITHDRAWN"]
        withdrawn = [r.alternative(item.strip(), line) for item in text.split(",") if item.strip()]
    title = r.meta.get("TITLE", ("", 0))[0]
    contest = make_contest(names, path=r.path, seats=seats, title=title, withdrawn=withdrawn)
    if r.rejected:
        contest = contest.replace(rejected=r.rejected)
    check_total(r.counts.values(), r.path)
    profile = Profile.from_rankings(r.n, r.counts.items())
    notes = []
    if r.truncated:
        notes.append(
            f"{r.truncated} ballot(s) truncated at an equal ranking (a tie ends the paper's "
            "preferences)"
        )
    if r.rejected:
        notes.append(f"{r.rejected} ballot(s) rejected: a tie at first preference")
    return BallotFile(contest, profile, r.fmt, r.rejected, tuple(notes))


def write_preflib(path: Path, ballots: BallotFile, fmt: str) -> None:
    """Write a PrefLib 2022-format file (teller's seats and withdrawals as TELLER metadata)."""
    contest, profile = ballots.contest, ballots.profile
    spath = str(path)
    for name in contest.names:
        check_writable(name, "candidate name", spath)
    check_writable(contest.title or "", "title", spath)
    out = [
        f"# FILE NAME: {path.name}",
        f"# TITLE: {contest.title or ''}",
        f"# DATA TYPE: {fmt}",
        f"# NUMBER ALTERNATIVES: {len(contest.candidates)}",
        f"# NUMBER VOTERS: {profile.total}",
        f"# NUMBER UNIQUE ORDERS: {len(profile)}",
    ]
    if contest.seats != 1:
        out.append(f"# TELLER SEATS: {contest.seats}")
    if contest.withdrawn:
        out.append("# TELLER WITHDRAWN: " + ",".join(str(i + 1) for i in sorted(contest.withdrawn)))
    out += [f"# ALTERNATIVE NAME {i + 1}: {name}" for i, name in enumerate(contest.names)]
    order = sorted(range(len(profile)), key=lambda i: -int(profile.weights[i]))
    rows = list(profile)
    for i in order:
        ranking, weight = rows[i]
        out.append(f"{weight}: " + ",".join(str(c + 1) for c in ranking))
    atomic_write(path, "\n".join(out) + "\n")
