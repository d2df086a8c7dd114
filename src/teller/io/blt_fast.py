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

MAX_DIGITS = 9
"""Longer numbers (huge weights, absurd candidate numbers) are left to the exact reader, so
that every number the vectorised reader takes fits in 32 bits."""


@dataclass(frozen=True)
class FastBlock:
    """What the vectorised reader made of a block of lines (line numbers are block-relative)."""

    key0: Keys
    """First packed key of each row read (the whole ranking, for most rows)."""
    long_keys: Keys
    """``(long rows, blocks)``: every key of the rows too long for one, in row order."""
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
    start = digit.copy()  # the first digit of each number
    start[1:] &= ~digit[:-1]
    starts = np.flatnonzero(start)
    newlines = np.flatnonzero(newline)
    partial = int(len(raw) > 0 and raw[-1] != ord("\n"))
    n_lines = len(newlines) + partial
    bounds = np.empty(n_lines + 1, dtype=np.int64)  # each line's first token
    bounds[0] = 0
    bounds[1 : len(newlines) + 1] = np.searchsorted(starts, newlines)
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
    weight, last = values[head].astype(np.int64), values[head + size - 1]
    is_end = (size == 1) & (weight == 0)
    end_line = int(lines[np.argmax(is_end)]) if is_end.any() else None
    ok = (size >= 2) & (weight > 0) & (last == 0)
    slow[lines[~ok & ~is_end]] = True
    ballot_lines, head, size, weight = lines[ok], head[ok], size[ok] - 2, weight[ok]

    col, cand = _preferences(values, head + 1, size)
    good = _rows_without_faults(col, cand, size, n_candidates)
    slow[ballot_lines[~good]] = True
    if not good.all():
        keep = np.repeat(good, size)
        col, cand, size = col[keep], cand[keep], size[good]
    key0, long_keys = _keys(col, cand, size, n_candidates)
    return FastBlock(
        key0=key0,
        long_keys=long_keys,
        weights=weight[good],
        lengths=size,
        row_lines=ballot_lines[good],
        slow_lines=np.flatnonzero(slow),
        end_line=end_line,
        line_starts=line_starts,
    )


def _token_values(
    digit_value: npt.NDArray[np.uint8], digit: npt.NDArray[np.bool_], starts: Ints
) -> tuple[npt.NDArray[np.int32], Ints]:
    """The value of the digit run at each start, and the runs longer than :data:`MAX_DIGITS`."""
    n = len(digit)
    # Candidate numbers and most weights have one or two digits. Work out, at every byte, the
    # number of at most two digits starting there (in uint8, 0..99 at real starts; elsewhere
    # meaningless), then pick out the starts with one gather: byte-wide passes are far cheaper
    # than passes over the int64 token positions.
    follows = np.zeros(n, dtype=np.uint8)
    follows[:-1] = digit[1:]
    two = digit_value.copy()
    two[:-1] = two[:-1] * np.uint8(10) + digit_value[1:]
    # two where a digit follows, digit_value where not (uint8 arithmetic wraps consistently).
    picked = digit_value + follows * (two - digit_value)
    values = picked[starts].astype(np.int32)
    # Three or more digits (large weights): few, found byte-wise, finished a digit at a time.
    three = np.zeros(n, dtype=bool)
    three[:-2] = digit[1:-1] & digit[2:]
    three[1:] &= ~digit[:-1]
    three &= digit
    at = np.flatnonzero(three)
    longer = np.searchsorted(starts, at)
    at += 2
    for _ in range(2, MAX_DIGITS):
        if not len(longer):
            break
        values[longer] = values[longer] * 10 + digit_value[at]
        at += 1
        more = at < n
        more[more] = digit[at[more]]
        longer, at = longer[more], at[more]
    return values, longer


def _preferences(
    values: npt.NDArray[np.int32], first_pref: Ints, size: Ints
) -> tuple[Ints, npt.NDArray[np.int32]]:
    """``(column, candidate number)`` of every preference token, in file order."""
    row_start = np.cumsum(size) - size
    col = np.arange(int(size.sum())) - np.repeat(row_start, size)
    return col, values[np.repeat(first_pref, size) + col]


def _rows_without_faults(
    col: Ints, cand: npt.NDArray[np.int32], size: Ints, n_candidates: int
) -> npt.NDArray[np.bool_]:
    """Rows whose preferences are all in 1..n and none repeated."""
    good = np.ones(len(size), dtype=bool)
    if not len(cand):
        return good
    if int(cand.min()) < 1 or int(cand.max()) > n_candidates:
        out_of_range = (cand < 1) | (cand > n_candidates)
        good[np.repeat(np.arange(len(size)), size)[out_of_range]] = False
        cand = np.where(out_of_range, 1, cand)  # those rows are condemned already
    # A row repeats a candidate iff the popcount of the sum of 2**candidate over the row is less
    # than its length (adding two equal powers of two carries, and carries only lose ones).
    filled = np.flatnonzero(size)
    if n_candidates <= 64:
        bits = _POWERS_OF_TWO[cand]
        ones = np.zeros(len(size), dtype=np.int64)
        ones[filled] = np.bitwise_count(np.add.reduceat(bits, (np.cumsum(size) - size)[filled]))
    else:
        words = -(-n_candidates // 64)
        sums = np.zeros(len(size) * words, dtype=np.uint64)
        row = np.repeat(np.arange(len(size)), size)
        bits = np.left_shift(np.uint64(1), ((cand - 1) % 64).astype(np.uint64))
        np.add.at(sums, row * words + (cand - 1) // 64, bits)
        ones = np.bitwise_count(sums).reshape(len(size), words).sum(axis=1)
    good &= ones == size
    return good


_POWERS_OF_TWO = np.concatenate(
    (np.zeros(1, dtype=np.uint64), np.uint64(1) << np.arange(64, dtype=np.uint64))
)
"""``_POWERS_OF_TWO[c] == 2 ** (c - 1)`` for candidate numbers 1..64."""


def _keys(
    col: Ints, cand: npt.NDArray[np.int32], size: Ints, n_candidates: int
) -> tuple[Keys, Keys]:
    """Pack preferences (in row order, columns ascending) into order-preserving keys: the first
    key of every row, and all the keys of the rows longer than one key holds."""
    bits, per = _key_layout(n_candidates)
    shifts = np.uint64(bits) * np.arange(per - 1, -1, -1, dtype=np.uint64)
    key0 = np.zeros(len(size), dtype=np.uint64)
    head = np.minimum(size, per)
    filled = np.flatnonzero(head)
    longest = int(size.max()) if len(size) else 0
    first = col < per if longest > per else None
    c0, k0 = (col, cand) if first is None else (col[first], cand[first])
    if len(c0):
        # Fields in one key do not overlap, so summing a row's fields ORs them together.
        contrib = k0.astype(np.uint64) << shifts[c0]
        key0[filled] = np.add.reduceat(contrib, (np.cumsum(head) - head)[filled])
    long = np.flatnonzero(size > per)
    blocks = max(1, -(-longest // per))
    long_keys = np.zeros((len(long), blocks), dtype=np.uint64)
    if len(long):
        assert first is not None
        long_keys[:, 0] = key0[long]
        rest = ~first
        # The tokens past the first key belong to the long rows, in row order.
        r = np.repeat(np.arange(len(long)), size[long] - per)
        c, k = col[rest], cand[rest]
        segment = r * blocks + c // per
        starts = np.flatnonzero(np.diff(segment, prepend=-1))
        contrib = k.astype(np.uint64) << shifts[c % per]
        long_keys.reshape(-1)[segment[starts]] = np.add.reduceat(contrib, starts)
    return key0, long_keys
