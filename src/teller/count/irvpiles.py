"""Papers of an Alternative Vote count: who holds what, and moving excluded candidates' papers.

This module moves papers; it decides nothing (the rules are in :mod:`teller.count.irv`). Two
engines with one interface: :class:`IrvPiles` (plain Python, the reference) and
:class:`NumpyIrvPiles` (papers as arrays of ranking rows). Every paper is worth one vote, so both
count whole papers in int64/int and give identical results.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from teller.count.base import CountContext, standing_ballots
from teller.count.vector import (
    Index,
    Ranks,
    allowed_mask,
    group_by_target,
    next_available,
    standing_arrays,
    use_fast,
)
from teller.model import Contest, Profile

Pile = list[tuple[tuple[int, ...], int, int]]
"""Papers held by a candidate: (ranking, index of the preference in use, weight)."""


def irv_piles(
    contest: Contest, profile: Profile, ctx: CountContext, standing: Iterable[int]
) -> IrvPiles:
    """The piles of an AV count on the engine ``ctx.engine`` chooses."""
    if use_fast(ctx, profile):
        ranks = standing_arrays(contest, profile)
        return NumpyIrvPiles(ranks, profile.weights, standing, profile.n_candidates)
    return IrvPiles(standing_ballots(contest, profile), standing)


class IrvPiles:
    """Each continuing candidate's papers (reference engine)."""

    def __init__(self, ballots: list[tuple[tuple[int, ...], int]], standing: Iterable[int]) -> None:
        self.ballots = ballots
        self.continuing: set[int] = set(standing)
        self.piles: dict[int, Pile] = {c: [] for c in self.continuing}

    def deal(self) -> tuple[int, dict[int, int]]:
        """Give each paper to its first preference: (valid papers, papers per candidate)."""
        counts = {c: 0 for c in self.continuing}
        valid = 0
        for ranking, weight in self.ballots:
            if not ranking:
                continue  # no preference for a standing candidate: not a valid vote
            valid += weight
            self.piles[ranking[0]].append((ranking, 0, weight))
            counts[ranking[0]] += weight
        return valid, counts

    def transfer(self, losers: Iterable[int]) -> tuple[dict[int, int], int]:
        """Move the losers' papers to their next preference for a continuing candidate.

        ``losers`` must already be out of :attr:`continuing`. Returns (papers gained per
        candidate, papers with no further preference).
        """
        moved: dict[int, int] = {}
        lost = 0
        continuing = self.continuing
        for loser in losers:
            for ranking, pos, weight in self.piles.pop(loser):
                nxt = _next(ranking, pos, continuing)
                if nxt < 0:
                    lost += weight
                    continue
                target = ranking[nxt]
                self.piles[target].append((ranking, nxt, weight))
                moved[target] = moved.get(target, 0) + weight
        return moved, lost


def _next(ranking: tuple[int, ...], pos: int, continuing: set[int]) -> int:
    """Index of the next preference for a continuing candidate after ``pos``, or -1."""
    for i in range(pos + 1, len(ranking)):
        if ranking[i] in continuing:
            return i
    return -1


class NumpyIrvPiles(IrvPiles):
    """:class:`IrvPiles` with each candidate's papers as arrays (row, position in use)."""

    def __init__(
        self, ranks: Ranks, weights: Index, standing: Iterable[int], n_candidates: int
    ) -> None:
        super().__init__([], standing)
        self._ranks = np.ascontiguousarray(ranks, dtype=np.int16)
        self._weights = np.asarray(weights, dtype=np.int64)
        self._n = n_candidates
        self._held: dict[int, tuple[Index, Index]] = {}

    def deal(self) -> tuple[int, dict[int, int]]:
        rows = np.flatnonzero(self._weights > 0).astype(np.int64)
        first = next_available(
            self._ranks, rows, np.full(rows.shape[0], -1, np.int64), self._mask()
        )
        dealt = first >= 0
        counts = {c: 0 for c in self.continuing}
        for target, got_rows, got_pos, papers in self._split(rows[dealt], first[dealt]):
            self._held[target] = (got_rows, got_pos)
            counts[target] = papers
        return int(self._weights[rows[dealt]].sum()), counts

    def transfer(self, losers: Iterable[int]) -> tuple[dict[int, int], int]:
        parts = [self._held.pop(c) for c in losers if c in self._held]
        if not parts:
            return {}, 0
        rows = np.concatenate([r for r, _ in parts])
        pos = np.concatenate([p for _, p in parts])
        nxt = next_available(self._ranks, rows, pos, self._mask())
        alive = nxt >= 0
        lost = int(self._weights[rows[~alive]].sum())
        moved: dict[int, int] = {}
        for target, got_rows, got_pos, papers in self._split(rows[alive], nxt[alive]):
            if target in self._held:
                old_rows, old_pos = self._held[target]
                got_rows = np.concatenate((old_rows, got_rows))
                got_pos = np.concatenate((old_pos, got_pos))
            self._held[target] = (got_rows, got_pos)
            moved[target] = papers
        return moved, lost

    def _mask(self) -> np.ndarray:
        return allowed_mask(self._n, self.continuing)

    def _split(self, rows: Index, pos: Index) -> list[tuple[int, Index, Index, int]]:
        """(candidate, rows, positions, papers) for each candidate receiving papers."""
        width = self._ranks.shape[1]
        targets = self._ranks.reshape(-1)[rows * width + pos]
        order, starts, owners = group_by_target(targets)
        if not starts.size:
            return []
        rows, pos = rows[order], pos[order]
        sums = np.add.reduceat(self._weights[rows], starts)
        ends = [*starts[1:].tolist(), rows.shape[0]]
        return [
            (owner, rows[s:e], pos[s:e], papers)
            for owner, s, e, papers in zip(
                owners.tolist(), starts.tolist(), ends, sums.tolist(), strict=True
            )
        ]
