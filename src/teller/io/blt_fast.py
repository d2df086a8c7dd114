"""The vectorised BLT ballot reader: a block of ballot lines to packed ranking keys with NumPy.

It takes only the lines it can read with certainty: digits and blanks, ``weight c1 .. ck 0``,
every candidate in range and none twice. Every other line (comments, ``=``, quoted names, the
Droop extensions, anything wrong) is left to the exact reader in :mod:`teller.io.blt_lines`, which
gives the precise message and line number. So this module never raises and never decides what an
irregular line means; it only makes the common case fast.

Rankings come out as the order-preserving uint64 keys of :mod:`teller.model` (candidate number =
symbol, as the keys store index + 1), so a chunk of ballots never has to be held as a dense matrix.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from teller.model import _key_layout

Ints = npt.NDArray[np.int64]
Keys = npt.NDArray[np.uint64]

_DIGIT, _BLANK, _NEWLINE, _OTHER = 0, 1, 2, 3
_CLASS = np.full(256, _OTHER, dtype=np.uint8)
_CLASS[ord("0") : ord("9") + 1] = _DIGIT
_CLASS[[ord(" "), ord("\t"), ord("\r")]] = _BLANK
_CLASS[ord("\n")] = _NEWLINE

MAX_DIGITS = 12
"""Longer numbers (huge weights, absurd candidate numbers) are left to the exact reader."""


@dataclass(frozen=True)
class FastBlock:
    """What the vectorised reader made of a block of lines (line numbers are block-relative)."""

    keys: Keys
    """``(rows, blocks)`` packed rankings of the lines it read."""
    weights: Ints
    """Ballot weight of each row."""
    lengths: Ints
    """Number of preferences of each row."""
    row_lines: Ints
    """Line of each row."""
    slow_lines: Ints
    """Lines left to the exact reader, ascending (blank lines are in neither list)."""
    end_line: int | None
    """First line holding only ``0`` (the end of the ballots), if the block has one."""
    line_starts: Ints
    """Byte offset of each line in the block."""


def read_block(data: bytes, n_candidates: int) -> FastBlock:
    """Read the ballot lines of ``data``, a run of whole lines."""
    raw = np.frombuffer(data, dtype=np.uint8)
    digit_value = raw - np.uint8(ord("0"))
    digit = digit_value < 10
    newline = raw == ord("\n")
    # Token starts and newlines in one ordered list: line bounds then need no search.
    previous = np.empty(len(raw), dtype=bool)
    previous[:1] = False
    previous[1:] = digit[:-1]
    marks = np.flatnonzero((digit & ~previous) | newline)
    mark_is_newline = newline[marks]
    newline_marks = np.flatnonzero(mark_is_newline)
    newlines = marks[newline_marks]
    starts = marks[~mark_is_newline]
    partial = int(len(raw) > 0 and raw[-1] != ord("\n"))
    n_lines = len(newlines) + partial
    bounds = np.empty(n_lines + 1, dtype=np.int64)
    bounds[0] = 0
    bounds[1 : len(newlines) + 1] = newline_marks - np.arange(len(newline_marks))
    if partial:
        bounds[-1] = len(starts)
    line_starts = np.concatenate(([0], newlines + 1))[:n_lines].astype(np.int64)

    slow = np.zeros(n_lines, dtype=bool)
    spaces = np.count_nonzero(raw == ord(" "))
    if int(np.count_nonzero(digit)) + len(newlines) + spaces != len(raw):
        other = np.flatnonzero(_CLASS[raw] == _OTHER)
        slow[np.searchsorted(newlines, other)] = True
    values, long_runs = _token_values(digit_value, digit, starts)
    if len(long_runs):
        slow[np.searchsorted(newlines, starts[long_runs])] = True
    count = np.diff(bounds)

    lines = np.flatnonzero((count > 0) & ~slow)
    head, size = bounds[lines], count[lines]
    weight, last = values[head], values[head + size - 1]
    is_end = (size == 1) & (weight == 0)
    end_line = int(lines[np.argmax(is_end)]) if is_end.any() else None
    ok = (size >= 2) & (weight > 0) & (last == 0)
    slow[lines[~ok & ~is_end]] = True
    ballot_lines, head, size, weight = lines[ok], head[ok], size[ok] - 2, weight[ok]

    row, col, cand = _preferences(values, head + 1, size)
    good = _rows_without_faults(row, cand, size, n_candidates)
    slow[ballot_lines[~good]] = True
    if not good.all():
        keep = good[row]
        row, col, cand = (np.cumsum(good) - 1)[row[keep]], col[keep], cand[keep]
    return FastBlock(
        keys=_keys(row, col, cand, int(good.sum()), n_candidates),
        weights=weight[good],
        lengths=size[good],
        row_lines=ballot_lines[good],
        slow_lines=np.flatnonzero(slow),
        end_line=end_line,
        line_starts=line_starts,
    )


def _token_values(
    digit_value: npt.NDArray[np.uint8], digit: npt.NDArray[np.bool_], starts: Ints
) -> tuple[Ints, Ints]:
    """The value of the digit run at each start, and the runs longer than :data:`MAX_DIGITS`."""
    pad = len(digit) + MAX_DIGITS + 1
    is_digit = np.zeros(pad, dtype=bool)
    is_digit[: len(digit)] = digit
    value_at = np.zeros(pad, dtype=np.uint8)
    value_at[: len(digit)] = digit_value
    values = value_at[starts].astype(np.int64)
    idx = np.flatnonzero(is_digit[starts + 1])
    at = starts[idx] + 1
    for _ in range(1, MAX_DIGITS):
        if not len(idx):
            break
        values[idx] = values[idx] * 10 + value_at[at]
        at += 1
        more = is_digit[at]
        idx, at = idx[more], at[more]
    return values, idx


def _preferences(values: Ints, first_pref: Ints, size: Ints) -> tuple[Ints, Ints, Ints]:
    """``(row, column, candidate number)`` of every preference token, in file order."""
    total = int(size.sum())
    row = np.repeat(np.arange(len(size)), size)
    col = np.arange(total) - np.repeat(np.cumsum(size) - size, size)
    return row, col, values[first_pref[row] + col]


def _rows_without_faults(
    row: Ints, cand: Ints, size: Ints, n_candidates: int
) -> npt.NDArray[np.bool_]:
    """Rows whose preferences are all in 1..n and none repeated."""
    good = np.ones(len(size), dtype=bool)
    out_of_range = (cand < 1) | (cand > n_candidates)
    if out_of_range.any():
        good[row[out_of_range]] = False
        cand = np.where(out_of_range, 1, cand)  # those rows are condemned already
    # A row repeats a candidate iff the popcount of the sum of 2**candidate over the row is less
    # than its length (adding two equal powers of two carries, and carries only lose ones).
    bits = np.left_shift(np.uint64(1), ((cand - 1) % 64).astype(np.uint64))
    if n_candidates <= 64:
        filled = np.flatnonzero(size)
        ones = np.zeros(len(size), dtype=np.int64)
        if len(filled):
            sums = np.add.reduceat(bits, (np.cumsum(size) - size)[filled])
            ones[filled] = np.bitwise_count(sums)
    else:
        words = -(-n_candidates // 64)
        sums = np.zeros(len(size) * words, dtype=np.uint64)
        np.add.at(sums, row * words + (cand - 1) // 64, bits)
        ones = np.bitwise_count(sums).reshape(len(size), words).sum(axis=1)
    good &= ones == size
    return good


def _keys(row: Ints, col: Ints, cand: Ints, n_rows: int, n_candidates: int) -> Keys:
    """Pack preferences (in row order, columns ascending) into order-preserving keys."""
    bits, per = _key_layout(n_candidates)
    width = int(col.max()) + 1 if len(col) else 0
    blocks = max(1, -(-width // per))
    keys = np.zeros(n_rows * blocks, dtype=np.uint64)
    if len(col):
        columns = np.arange(width)
        shift = (np.uint64(bits) * (per - 1 - columns % per).astype(np.uint64))[col]
        contrib = cand.astype(np.uint64) << shift
        # A row's key for a block starts at its first column in that block (rows start at 0).
        starts = np.flatnonzero(col % per == 0) if width > per else np.flatnonzero(col == 0)
        target = row[starts] * blocks + col[starts] // per
        # Fields in one key do not overlap, so summing a segment ORs its fields together.
        keys[target] = np.add.reduceat(contrib, starts)
    return keys.reshape(n_rows, blocks)
