"""Vectorised paper handling shared by the fast counting engines (NumPy, no decisions).

The fast engines keep the profile's distinct rankings as one ``(rows, width)`` int16 array and
move papers as arrays of row indices. Everything here is integer work: which preference a paper
counts for, and how many papers go where. Vote values stay :class:`fractions.Fraction` in the
rule modules, exactly as on the reference path, so both engines make the same decisions.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from teller.count.base import CountContext
from teller.errors import CountError
from teller.model import NO_PREFERENCE, Contest, Profile

Index = npt.NDArray[np.int64]
Ranks = npt.NDArray[np.int16]
Mask = npt.NDArray[np.bool_]

ENGINES = ("reference", "fast", "auto")
"""``reference``: plain-Python paper piles; ``fast``: NumPy; ``auto``: fast on large profiles."""

AUTO_MIN_ROWS = 1000
"""``auto`` uses the fast engine from this many distinct rankings up: the measured crossover
(STV, 10 candidates: reference faster at 469 rows, fast at 1,185; docs/performance.md)."""

_EXACT_FLOAT_LIMIT = 2**53
"""Weight sums stay exact below this in any float step; above it the reference path is used."""


def use_fast(ctx: CountContext, profile: Profile) -> bool:
    """Whether this count runs on the fast engine."""
    engine = ctx.engine
    if engine not in ENGINES:
        raise CountError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if engine == "reference":
        return False
    # Ballot counts are int64 throughout; guard the sums anyway so no path can overflow.
    if len(profile) and int(profile.weights.sum()) >= _EXACT_FLOAT_LIMIT:
        if engine == "fast":
            raise CountError("more than 2^53 ballots: the fast engine cannot count them exactly")
        return False
    return engine == "fast" or len(profile) >= AUTO_MIN_ROWS


def standing_arrays(contest: Contest, profile: Profile) -> Ranks:
    """The profile's rankings with withdrawn candidates struck out and the rest moved up.

    Row ``i`` of the result is exactly the ranking :func:`~teller.count.base.standing_ballots`
    gives for row ``i``, padded with :data:`~teller.model.NO_PREFERENCE`, so preference positions
    mean the same on both engines.
    """
    if profile.n_candidates != len(contest.candidates):
        raise CountError(
            f"the ballots name {profile.n_candidates} candidates but the contest has "
            f"{len(contest.candidates)}"
        )
    ranks = np.ascontiguousarray(profile.rankings)
    if not contest.withdrawn or ranks.size == 0:
        return ranks
    struck = np.isin(ranks, np.fromiter(contest.withdrawn, np.int16))
    kept = np.where(struck, NO_PREFERENCE, ranks).astype(np.int16)
    # Stable sort on "is padding" moves the kept preferences left in their original order.
    order = np.argsort(kept == NO_PREFERENCE, axis=1, kind="stable")
    return np.ascontiguousarray(np.take_along_axis(kept, order, axis=1))


def allowed_mask(n_candidates: int, continuing: Iterable[int]) -> Mask:
    """``mask[c]``: candidate ``c`` is continuing. One extra False entry, so that indexing with
    the padding value -1 reads False."""
    mask = np.zeros(n_candidates + 1, dtype=np.bool_)
    mask[np.fromiter(continuing, np.int64)] = True
    return mask


def next_available(ranks: Ranks, rows: Index, pos: Index, allowed: Mask) -> Index:
    """For each paper ``(rows[i], pos[i])`` the position of its next available preference after
    ``pos[i]`` (the next preference, in order, for a continuing candidate), or -1 for none.

    Works column by column on the papers still searching, so the cost is the number of
    preferences actually skipped, not the ranking width.
    """
    width = ranks.shape[1]
    flat = ranks.reshape(-1)
    out = np.full(rows.shape[0], -1, dtype=np.int64)
    live = np.arange(rows.shape[0], dtype=np.int64)
    base = rows.astype(np.int64) * width
    at = pos.astype(np.int64) + 1
    while live.size:
        inside = at < width
        if not inside.all():
            live, base, at = live[inside], base[inside], at[inside]
            if not live.size:
                break
        cand = flat[base + at]
        hit = allowed[cand]
        out[live[hit]] = at[hit]
        # Padding (-1) ends a ranking: those papers have no further preference.
        searching = ~hit & (cand != NO_PREFERENCE)
        live, base, at = live[searching], base[searching], at[searching] + 1
    return out


def group_by_target(targets: npt.NDArray[np.int16]) -> tuple[Index, Index, Index]:
    """A stable order that groups equal ``targets``, each group's start, and its target."""
    order = np.argsort(targets, kind="stable").astype(np.int64)
    ordered = targets[order]
    if not ordered.size:
        empty = np.zeros(0, dtype=np.int64)
        return order, empty, empty
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    return order, starts.astype(np.int64), ordered[starts].astype(np.int64)
