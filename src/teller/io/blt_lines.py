"""BLT one line at a time: the exact reader, used for the header, the candidate names, and for
every ballot line the vectorised reader (:mod:`teller.io.blt_fast`) does not take.

It defines what BLT means in teller (see docs/formats.md); its messages are the ones users see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from teller.errors import InputError
from teller.io._files import MAX_CANDIDATES

EQUAL_RANKINGS = (
    "equal rankings ('=') are not allowed: a UK preferential ballot ranks one candidate per "
    "preference"
)
SKIPPED_RANKINGS = (
    "skipped rankings ('-') are not allowed: a UK preferential ballot numbers its preferences "
    "1, 2, 3 without gaps"
)
MAX_WEIGHT = 2**53
"""Largest ballot weight accepted, so that totals stay exact in 64-bit integers."""

_DIGITS = re.compile(r"[0-9]+")
_NEGATIVE = re.compile(r"-[0-9]+")
_SPACE = " \t\r\f\v"


@dataclass(frozen=True)
class Token:
    """A word (digits, ``-``, ``=``, nicknames...) or a quoted string from one line."""

    text: str
    """The word, or the string with its quotes and escapes removed."""
    quoted: bool
    """Whether it was a quoted string."""


def _read_string(text: str, start: int, path: str, line: int) -> tuple[str, int]:
    """The quoted string opening at ``start``; ``""``, ``\\"`` and ``\\\\`` are escapes."""
    out: list[str] = []
    i, end = start + 1, len(text)
    while i < end:
        ch = text[i]
        if ch == '"':
            if i + 1 < end and text[i + 1] == '"':
                out.append('"')
                i += 2
                continue
            return "".join(out), i + 1
        if ch == "\\" and i + 1 < end and text[i + 1] in '"\\':
            out.append(text[i + 1])
            i += 2
            continue
        out.append(ch)
        i += 1
    raise InputError(
        "unterminated quoted string: a name or title must end with '\"'", path=path, line=line
    )


def lex(text: str, path: str, line: int) -> list[Token]:
    """Words and quoted strings of a line; ``#`` outside quotes starts a comment."""
    tokens: list[Token] = []
    i, end = 0, len(text)
    while i < end:
        ch = text[i]
        if ch in _SPACE:
            i += 1
        elif ch == "#":
            break
        elif ch == '"':
            value, i = _read_string(text, i, path, line)
            tokens.append(Token(value, True))
        else:
            j = i
            while j < end and text[j] not in _SPACE and text[j] not in '"#':
                j += 1
            tokens.append(Token(text[i:j], False))
            i = j
    return tokens


def is_end_marker(tokens: list[Token]) -> bool:
    """The line ``0`` that ends the ballots."""
    return len(tokens) == 1 and not tokens[0].quoted and _is_zero(tokens[0].text)


def _is_zero(word: str) -> bool:
    return _DIGITS.fullmatch(word) is not None and int(word) == 0


@dataclass
class Header:
    """What comes before the ballots: sizes, withdrawals, Droop-style options."""

    n_candidates: int
    """Candidates named in the file."""
    seats: int
    """Seats to fill."""
    withdrawn: set[int] = field(default_factory=set)
    """0-based indices of withdrawn candidates."""
    nicknames: dict[str, int] = field(default_factory=dict)
    """Droop ``[nick ...]`` names -> 0-based index."""
    notes: list[str] = field(default_factory=list)
    """Remarks about options that were read but not used."""


def parse_sizes(tokens: list[Token], path: str, line: int) -> Header:
    """The first line: ``<candidates> <seats>``."""
    words = [t.text for t in tokens]
    if len(words) != 2 or any(t.quoted or not _DIGITS.fullmatch(t.text) for t in tokens):
        raise InputError(
            f"the first line must be '<number of candidates> <number of seats>', found "
            f"{' '.join(words)!r}",
            path=path,
            line=line,
        )
    n, seats = int(words[0]), int(words[1])
    if not 1 <= n <= MAX_CANDIDATES:
        raise InputError(
            f"the number of candidates must be 1..{MAX_CANDIDATES}, not {n}", path=path, line=line
        )
    if seats < 1:
        raise InputError("the number of seats must be at least 1", path=path, line=line)
    return Header(n, seats)


def is_withdrawn_line(tokens: list[Token]) -> bool:
    return bool(tokens) and all(not t.quoted and _NEGATIVE.fullmatch(t.text) for t in tokens)


def parse_withdrawn(tokens: list[Token], header: Header, path: str, line: int) -> None:
    """A line of negative candidate numbers: ``-2 -5``."""
    for t in tokens:
        number = -int(t.text)
        if not 1 <= number <= header.n_candidates:
            raise InputError(
                f"withdrawn candidate {t.text} is out of range -1..-{header.n_candidates}",
                path=path,
                line=line,
            )
        header.withdrawn.add(number - 1)


def parse_option(text: str, header: Header, path: str, line: int) -> None:
    """A Droop option: ``[nick a b c]``, ``[withdrawn 4]``, ``[tie 3 2 1]``, ``[droop ...]``."""
    body = text.strip()
    close = body.find("]")
    if close < 0:
        raise InputError("unterminated option: missing ']'", path=path, line=line)
    rest = body[close + 1 :].strip()
    if rest and not rest.startswith("#"):
        raise InputError(f"unexpected text after the option: {rest!r}", path=path, line=line)
    parts = body[1:close].split()
    if not parts:
        raise InputError("empty option '[]'", path=path, line=line)
    name, args = parts[0].lower(), parts[1:]
    if name == "nick":
        if len(args) != header.n_candidates or len(set(args)) != len(args):
            raise InputError(
                f"[nick] must give {header.n_candidates} different nicknames, one per candidate; "
                f"it gives {len(args)}",
                path=path,
                line=line,
            )
        header.nicknames = {nick: i for i, nick in enumerate(args)}
    elif name == "withdrawn":
        header.withdrawn.update(candidate_index(a, header, path, line) for a in args)
    elif name == "tie":
        for a in args:
            candidate_index(a, header, path, line)
        header.notes.append(
            f"the file's tie-breaking order [tie {' '.join(args)}] was not used: teller breaks "
            "ties as the rules of the count direct"
        )
    elif name == "droop":
        header.notes.append(f"Droop options [droop {' '.join(args)}] were ignored")
    else:
        raise InputError(
            f"unknown BLT option [{parts[0]}]: teller understands [nick], [withdrawn], [tie] "
            "and [droop]",
            path=path,
            line=line,
        )


def candidate_index(word: str, header: Header, path: str, line: int) -> int:
    """0-based index of a candidate number (1..n) or nickname."""
    if word in header.nicknames:
        return header.nicknames[word]
    if _DIGITS.fullmatch(word):
        number = int(word)
        if 1 <= number <= header.n_candidates:
            return number - 1
        raise InputError(
            f"candidate number {number} is out of range 1..{header.n_candidates}",
            path=path,
            line=line,
        )
    if "=" in word:
        raise InputError(EQUAL_RANKINGS, path=path, line=line)
    if word == "-":
        raise InputError(SKIPPED_RANKINGS, path=path, line=line)
    what = "candidate number or nickname" if header.nicknames else "candidate number"
    raise InputError(f"{word!r} is not a {what} (1..{header.n_candidates})", path=path, line=line)


def parse_ballot(
    tokens: list[Token], header: Header, path: str, line: int
) -> tuple[int, tuple[int, ...]]:
    """``weight c1 c2 ... 0`` (optionally after an OpenSTV ballot id ``(id)``)."""
    if any(t.quoted for t in tokens):
        raise InputError(
            "a quoted string where a ballot was expected: is the line '0' that ends the "
            "ballots missing?",
            path=path,
            line=line,
        )
    words = [t.text for t in tokens]
    if words[0].startswith("(") and words[0].endswith(")") and len(words) > 1:
        words = words[1:]  # an OpenSTV ballot id: identifies the paper, not its preferences
    weight_text, prefs = words[0], words[1:]
    if _NEGATIVE.fullmatch(weight_text):
        raise InputError(f"ballot weight {weight_text} is negative", path=path, line=line)
    if not _DIGITS.fullmatch(weight_text):
        raise InputError(
            f"ballot weight {weight_text!r} is not a whole number", path=path, line=line
        )
    weight = int(weight_text)
    if weight == 0:
        raise InputError(
            "a ballot weight must be at least 1 (a line holding only 0 ends the ballots)",
            path=path,
            line=line,
        )
    if weight > MAX_WEIGHT:
        raise InputError(f"ballot weight {weight} is too large", path=path, line=line)
    ranking: list[int] = []
    for k, word in enumerate(prefs):
        if _is_zero(word):
            if k != len(prefs) - 1:
                raise InputError(
                    f"text after the ballot's terminating 0: {' '.join(prefs[k + 1 :])!r}",
                    path=path,
                    line=line,
                )
            return weight, tuple(ranking)
        index = candidate_index(word, header, path, line)
        if index in ranking:
            raise InputError(
                f"candidate {word} is ranked twice on one ballot", path=path, line=line
            )
        ranking.append(index)
    raise InputError("the ballot does not end with 0", path=path, line=line)


def parse_trailer(
    lines: list[tuple[int, str]], n_candidates: int, path: str, end_line: int
) -> tuple[list[str], str | None, list[str]]:
    """Candidate names and title after the ballots: ``(names, title, notes)``.

    After the title, ERS/Wichmann files carry a source line, a comment and free text; these are
    accepted as commentary. But when everything after the ballots is quoted strings, a count
    other than ``n_candidates + 1`` is a mistake and reported as such.
    """
    strings: list[tuple[int, str]] = []
    commentary = 0
    for number, text in lines:
        if commentary:
            commentary += bool(text.strip())
            continue
        try:
            tokens = lex(text, path, number)
        except InputError:
            if len(strings) <= n_candidates:
                raise
            tokens = [Token(text, False)]  # free text after the title may hold a stray quote
        if not tokens:
            continue
        if len(tokens) != 1 or not tokens[0].quoted:
            if len(strings) > n_candidates:
                commentary = 1
                continue
            if len(strings) < n_candidates:
                raise InputError(
                    f"expected the name of candidate {len(strings) + 1} of {n_candidates} in "
                    f"double quotes, found {text.strip()!r}",
                    path=path,
                    line=number,
                )
            if len(strings) == n_candidates:
                raise InputError(
                    f"expected the title in double quotes, found {text.strip()!r}",
                    path=path,
                    line=number,
                )
        strings.append((number, tokens[0].text))
    return _names_and_title(strings, commentary, n_candidates, path, end_line)


def _names_and_title(
    strings: list[tuple[int, str]], commentary: int, n: int, path: str, end_line: int
) -> tuple[list[str], str | None, list[str]]:
    if len(strings) < n + 1:
        last = strings[-1][0] if strings else end_line
        raise InputError(
            f"too few names: {n} candidate names and a title were expected after the ballots, "
            f"found {len(strings)} quoted string(s)",
            path=path,
            line=last,
        )
    notes: list[str] = []
    extra = len(strings) - (n + 1)
    if extra and not commentary:
        raise InputError(
            f"too many names: {n} candidate names and a title were expected after the ballots, "
            f"found {len(strings)} quoted strings",
            path=path,
            line=strings[n + 1][0],
        )
    if extra or commentary:
        notes.append(
            f"{extra + commentary} line(s) after the title were read as commentary and ignored"
        )
    names = [s.strip() for _, s in strings[:n]]
    for i, (number, _) in enumerate(strings[:n]):
        if not names[i]:
            raise InputError(f"candidate {i + 1} has an empty name", path=path, line=number)
        if names[i] in names[:i]:
            first = names.index(names[i]) + 1
            raise InputError(
                f"candidate name {names[i]!r} is given twice (candidates {first} and {i + 1})",
                path=path,
                line=number,
            )
    return names, strings[n][1].strip() or None, notes
