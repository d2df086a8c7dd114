"""BLT (ERS / OpenSTV / Droop) ballot files: streaming reader and writer.

The file is read in blocks of whole lines. The header (sizes, withdrawals, options) and the names
after the ballots are read line by line; the ballot lines go through the vectorised reader
(:mod:`teller.io.blt_fast`), which hands every line it cannot take with certainty to the exact
reader (:mod:`teller.io.blt_lines`). Each block's rankings are de-duplicated as soon as they are
read, so memory follows the number of distinct rankings, not the number of lines.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import numpy as np

from teller.errors import InputError
from teller.io._files import (
    BOM,
    MAX_TOTAL,
    ProgressFn,
    atomic_writer,
    check_total,
    check_writable,
    decode,
    make_contest,
)
from teller.io.ballotfile import BallotFile
from teller.io.blt_fast import FastBlock, read_block
from teller.io.blt_lines import (
    Header,
    is_end_marker,
    is_withdrawn_line,
    lex,
    parse_ballot,
    parse_option,
    parse_sizes,
    parse_trailer,
    parse_withdrawn,
)
from teller.io.keyset import KeySet
from teller.model import NO_PREFERENCE, Profile, _pack_rows

BLOCK_BYTES = 512 * 1024
"""Bytes read at a time; bounds the memory the vectorised reader uses."""


class _Blocks:
    """The file as blocks of whole lines, with their first line numbers; reports progress."""

    def __init__(self, handle: BinaryIO, progress: ProgressFn | None) -> None:
        self.handle = handle
        self.total = os.fstat(handle.fileno()).st_size
        self.done = 0
        self.progress = progress
        self.carry = b""
        self.started = False
        if progress:
            progress(0, self.total)

    def next(self) -> bytes | None:
        """The next run of whole lines (the last may lack its newline), or None at the end."""
        while True:
            chunk = self.handle.read(BLOCK_BYTES)
            if not self.started:
                self.started = True
                if chunk.startswith(BOM):
                    chunk, self.done = chunk[len(BOM) :], len(BOM)
            self.done += len(chunk)
            if self.progress:
                self.progress(self.done, self.total)
            data = self.carry + chunk
            if not chunk:
                self.carry = b""
                return data or None
            cut = data.rfind(b"\n") + 1
            if cut:
                self.carry = data[cut:]
                return data[:cut]
            self.carry = data

    def rest(self) -> bytes:
        """Everything not yet returned."""
        data = self.carry + self.handle.read()
        self.carry = b""
        if self.progress:
            self.progress(self.total, self.total)
        return data


def _lines(data: bytes, first_line: int) -> Iterator[tuple[int, int, bytes]]:
    """``(line number, byte offset, line bytes without the newline)``."""
    offset = 0
    number = first_line
    while offset < len(data):
        end = data.find(b"\n", offset)
        end = len(data) if end < 0 else end
        yield number, offset, data[offset:end]
        offset, number = end + 1, number + 1


def _read_header(blocks: _Blocks, path: str) -> tuple[Header, bytes, int]:
    """The header; returns it with the data from the first ballot line on and that line's number."""
    data = b""
    while True:
        more = blocks.next()
        header: Header | None = None
        if more is None:
            last = max(1, data.count(b"\n") + (not data.endswith(b"\n")))
            if not data.strip():
                raise InputError(
                    "the file is empty: no '<candidates> <seats>' line", path=path, line=1
                )
            raise InputError(
                "the file ends before the line '0' that ends the ballots", path=path, line=last
            )
        data += more
        # Parse from the top each time: a header longer than a block is rare and short.
        for number, offset, raw in _lines(data, 1):
            text = decode(raw, path, number)
            tokens = lex(text, path, number)
            option = text.lstrip().startswith("[")
            if not tokens and not option:
                continue
            if header is None:
                header = parse_sizes(tokens, path, number)
            elif option:
                parse_option(text, header, path, number)
            elif is_withdrawn_line(tokens):
                parse_withdrawn(tokens, header, path, number)
            else:
                return header, data[offset:], number


class _Ballots:
    """Ballots gathered block by block as packed keys, plus the exact reader's rankings."""

    def __init__(self, n_candidates: int) -> None:
        self.n = n_candidates
        self.keys = KeySet(n_candidates)
        self.slow: list[tuple[tuple[int, ...], int]] = []

    def add_fast(self, block: FastBlock, end: int) -> None:
        if not len(block.row_lines):
            return
        if block.row_lines[-1] < end:  # the usual case: every row is before the end
            weights, lengths, key0, long_keys = (
                block.weights,
                block.lengths,
                block.key0,
                block.long_keys,
            )
        else:
            keep = block.row_lines < end
            weights, lengths, key0 = block.weights[keep], block.lengths[keep], block.key0[keep]
            long_keys = block.long_keys[keep[block.lengths > self.keys.per]]
        if not len(key0):
            return
        self.keys.add(key0, None if bool((weights == 1).all()) else weights, lengths, long_keys)

    def profile(self) -> Profile:
        if self.slow:
            width = max(len(r) for r, _ in self.slow)
            dense = np.full((len(self.slow), width), NO_PREFERENCE, dtype=np.int16)
            for i, (ranking, _) in enumerate(self.slow):
                dense[i, : len(ranking)] = ranking
            weights = np.array([w for _, w in self.slow], dtype=np.int64)
            lengths = np.array([len(r) for r, _ in self.slow], dtype=np.int64)
            self.keys.add_dense(_pack_rows(dense, self.n), weights, lengths)
        return self.keys.profile()


def _ballot_block(
    data: bytes, first_line: int, header: Header, ballots: _Ballots, path: str
) -> tuple[int, int] | None:
    """Read one block of ballot lines; if the line '0' is in it, return its block-relative line
    and the byte offset of the line after it."""
    block = read_block(data, header.n_candidates)
    end = block.end_line if block.end_line is not None else len(block.line_starts)
    for line in block.slow_lines.tolist():
        if line >= end:
            break
        start = int(block.line_starts[line])
        stop = data.find(b"\n", start)
        number = first_line + line
        text = decode(data[start : len(data) if stop < 0 else stop], path, number)
        tokens = lex(text, path, number)
        if not tokens:
            continue
        if is_end_marker(tokens):
            end = line
            break
        if text.lstrip().startswith("[") or is_withdrawn_line(tokens):
            raise InputError(
                "options and withdrawn candidates must come before the first ballot",
                path=path,
                line=number,
            )
        weight, ranking = parse_ballot(tokens, header, path, number)
        ballots.slow.append((ranking, weight))
    ballots.add_fast(block, end)
    if end == len(block.line_starts):
        return None
    after = end + 1
    return end, int(block.line_starts[after]) if after < len(block.line_starts) else len(data)


def read_blt(path: str | Path, progress: ProgressFn | None = None) -> BallotFile:
    """Read a BLT file (see docs/formats.md for exactly what is accepted)."""
    spath = str(path)
    with open(path, "rb") as handle:
        blocks = _Blocks(handle, progress)
        header, data, first_line = _read_header(blocks, spath)
        ballots = _Ballots(header.n_candidates)
        while True:
            found = _ballot_block(data, first_line, header, ballots, spath)
            if found is not None:
                end, tail_start = found
                trailer, trailer_line = data[tail_start:] + blocks.rest(), first_line + end + 1
                break
            first_line += data.count(b"\n")
            more = blocks.next()
            if more is None:
                raise InputError(
                    "the file ends before the line '0' that ends the ballots",
                    path=spath,
                    line=max(first_line - 1, 1),
                )
            data = more
    text = decode(trailer, spath, trailer_line)
    lines = [(trailer_line + i, t.rstrip("\r")) for i, t in enumerate(text.split("\n"))]
    names, title, notes = parse_trailer(lines, header.n_candidates, spath, trailer_line - 1)
    contest = make_contest(
        names, path=spath, seats=header.seats, title=title, withdrawn=header.withdrawn
    )
    profile = ballots.profile()
    if len(profile) and int(profile.weights.max()) > MAX_TOTAL // len(profile):
        check_total(profile.weights.tolist(), spath)
    return BallotFile(
        contest, profile, "blt", 0, tuple(header.notes + notes + _empty_note(profile))
    )


def _empty_note(profile: Profile) -> list[str]:
    # Padding is trailing, so a ranking is empty exactly when its first place is padding.
    firsts = profile.rankings[:, 0] if profile.width else np.full(len(profile), NO_PREFERENCE)
    empty = profile.weights[firsts == NO_PREFERENCE].sum()
    if not empty:
        return []
    return [f"{int(empty)} ballot(s) give no preference at all; they are kept as empty ballots"]


def quote(text: str) -> str:
    """A BLT quoted string: ``"`` doubled; a backslash doubled where a reader could misread it."""
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == '"':
            out.append('""')
        elif ch == "\\" and (i + 1 == len(text) or text[i + 1] in '"\\'):
            out.append("\\\\")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def write_blt(path: str | Path, ballots: BallotFile) -> None:
    """Write ``ballots`` as BLT, one line per distinct ranking."""
    contest, profile = ballots.contest, ballots.profile
    spath = str(path)
    for name in contest.names:
        check_writable(name, "candidate name", spath)
    check_writable(contest.title or "", "title", spath)
    with atomic_writer(path) as out:
        out.write(f"{len(contest.candidates)} {contest.seats}\n".encode())
        if contest.withdrawn:
            out.write((" ".join(f"-{i + 1}" for i in sorted(contest.withdrawn)) + "\n").encode())
        step = 65536
        for at in range(0, len(profile), step):
            rows = (profile.rankings[at : at + step] + 1).tolist()
            weights = profile.weights[at : at + step].tolist()
            lines = [
                f"{w} {' '.join(str(c) for c in row if c)} 0\n".replace("  ", " ")
                for row, w in zip(rows, weights, strict=True)
            ]
            out.write("".join(lines).encode())
        out.write(b"0\n")
        for name in contest.names:
            out.write((quote(name) + "\n").encode())
        out.write((quote(contest.title or "") + "\n").encode())
