"""Meek's distribution on NumPy arrays: the same :func:`~teller.count.stv.meek.allocate`, fast.

A paper's remaining weight changes only where it meets a candidate with a keep value strictly
between 0 and 1 (an elected candidate): hopeful candidates (keep 1) take all of it, excluded
ones (keep 0) pass it on untouched. So across a whole profile a paper's weight takes only a few
distinct values (one per sequence of elected candidates crossed), and each distinct value gets an
integer *state*. The walk down the preferences is vectorised over distinct rankings with those
state ids; the rule's own ``share`` and ``rest`` (exact Fractions, the rule's rounding) are called
once per distinct (state, candidate) pair. Totals are sums of Fraction x paper count, so the
result is exactly the tree walk's, whatever the arithmetic.

:class:`MeekPapers` (the reference: prefix tree) and :class:`NumpyMeekPapers` share the
interface ``valid`` / ``allocate(keep, share, rest)``; :func:`meek_papers` chooses by engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import numpy as np

from teller.count.base import CountContext, standing_ballots
from teller.count.stv.meek import Allocation, Remainder, Share, allocate, build_tree
from teller.count.vector import Index, Ranks, standing_arrays, use_fast
from teller.model import NO_PREFERENCE, Contest, Profile


def meek_papers(contest: Contest, profile: Profile, ctx: CountContext) -> MeekPapers:
    """The papers of a Meek count on the engine ``ctx.engine`` chooses."""
    if use_fast(ctx, profile):
        return NumpyMeekPapers(standing_arrays(contest, profile), profile.weights)
    return MeekPapers(contest, profile)


class MeekPapers:
    """Reference engine: the prefix tree of :mod:`teller.count.stv.meek`."""

    def __init__(self, contest: Contest, profile: Profile) -> None:
        self._root, self.valid = build_tree(standing_ballots(contest, profile))

    def allocate(self, keep: Mapping[int, Fraction], share: Share, rest: Remainder) -> Allocation:
        """Distribute every paper down its preferences by the keep values."""
        return allocate(self._root, keep, share, rest)


class NumpyMeekPapers(MeekPapers):
    """Fast engine: distinct rankings as arrays, weights as state ids."""

    def __init__(self, ranks: Ranks, weights: Index) -> None:
        self._ranks = np.ascontiguousarray(ranks, dtype=np.int16)
        w = np.asarray(weights, dtype=np.int64)
        first = self._ranks[:, 0] if self._ranks.shape[1] else np.full(w.shape, NO_PREFERENCE)
        self._rows = np.flatnonzero((w > 0) & (first != NO_PREFERENCE)).astype(np.int64)
        self._papers = w[self._rows]
        self.valid = int(self._papers.sum())

    def allocate(self, keep: Mapping[int, Fraction], share: Share, rest: Remainder) -> Allocation:
        ranks, width = self._ranks, self._ranks.shape[1]
        flat = ranks.reshape(-1)
        n = int(ranks.max()) + 1 if ranks.size else 0
        keeps = [keep.get(c, Fraction(0)) for c in range(n)]
        weights: list[Fraction] = [Fraction(1)]  # state id -> the paper's remaining weight
        state_of: dict[Fraction, int] = {Fraction(1): 0}
        votes: dict[int, Fraction] = {}
        exhausted = Fraction(0)
        rows, papers = self._rows, self._papers
        state = np.zeros(rows.shape[0], dtype=np.int64)
        for col in range(width):
            if not rows.size:
                break
            cand = flat[rows * width + col].astype(np.int64)
            ended = cand == NO_PREFERENCE
            if ended.any():
                exhausted += _weighted(weights, state[ended], papers[ended])
                keep_on = ~ended
                rows, papers = rows[keep_on], papers[keep_on]
                state, cand = state[keep_on], cand[keep_on]
                if not rows.size:
                    break
            # One Fraction step per distinct (weight state, candidate) pair met in this column.
            pair = state * n + cand
            pairs, inverse = np.unique(pair, return_inverse=True)
            sums = _sums(inverse, papers, pairs.size)
            onward_state = np.empty(pairs.size, dtype=np.int64)
            for i, (p, total) in enumerate(zip(pairs.tolist(), sums.tolist(), strict=True)):
                s, c = divmod(p, n)
                weight, k = weights[s], keeps[c]
                kept = share(weight, k) if k else Fraction(0)
                if kept:
                    votes[c] = votes.get(c, Fraction(0)) + kept * total
                onward = rest(weight, k, kept) if k else weight
                if onward > 0:
                    if onward not in state_of:
                        state_of[onward] = len(weights)
                        weights.append(onward)
                    onward_state[i] = state_of[onward]
                else:
                    onward_state[i] = -1
            state = onward_state[inverse]
            going = state >= 0
            rows, papers, state = rows[going], papers[going], state[going]
        if rows.size:  # papers still going after the last column have no further preference
            exhausted += _weighted(weights, state, papers)
        return Allocation(votes, exhausted)


def _weighted(weights: list[Fraction], state: Index, papers: Index) -> Fraction:
    """Sum of weight(state) x papers, one Fraction product per distinct state."""
    uniq, inverse = np.unique(state, return_inverse=True)
    sums = _sums(inverse, papers, uniq.size)
    return sum(
        (weights[s] * int(t) for s, t in zip(uniq.tolist(), sums.tolist(), strict=True)),
        Fraction(0),
    )


def _sums(groups: Index, papers: Index, size: int) -> Index:
    """Papers per group. Float sums are exact here: :func:`use_fast` keeps totals below 2^53."""
    return np.rint(np.bincount(groups, weights=papers, minlength=size)).astype(np.int64)
