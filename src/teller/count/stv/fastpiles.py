"""The WIGM paper mechanism on NumPy arrays: :class:`NumpyPiles`, a drop-in :class:`PaperPiles`.

Same interface and same results as :class:`~teller.count.stv.wigm.PaperPiles`; only the paper
moving is vectorised. A batch holds its bundles as three arrays (ranking row, preference
position in use, number of papers) instead of a list of tuples. Every paper in a batch has the
batch's value, so values, transfer values, totals and the record stay exact
:class:`~fractions.Fraction` objects computed by the same code as on the reference path: the
arrays only count papers (int64, exact). Rule modules get their piles from :func:`paper_piles`
and never know which engine they run on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction

import numpy as np

from teller.count.base import CountContext, standing_ballots
from teller.count.stv.wigm import Batch, Bundle, PaperPiles
from teller.count.vector import (
    Index,
    Ranks,
    allowed_mask,
    group_by_target,
    next_available,
    standing_arrays,
    use_fast,
)
from teller.model import NO_PREFERENCE, Contest, Profile


def paper_piles(
    contest: Contest,
    profile: Profile,
    ctx: CountContext,
    standing: Iterable[int],
    names: Sequence[str],
) -> PaperPiles:
    """The paper piles of a WIGM count on the engine ``ctx.engine`` chooses."""
    if use_fast(ctx, profile):
        return NumpyPiles(standing_arrays(contest, profile), profile.weights, standing, names)
    ballots = standing_ballots(contest, profile)
    return PaperPiles([r for r, _ in ballots], [w for _, w in ballots], standing, names)


class ArrayBatch(Batch):
    """A :class:`Batch` whose bundles are arrays: ``rows[i], pos[i], weight[i]``."""

    __slots__ = ("_papers", "pos", "rows", "weight")

    def __init__(self, value: Fraction, stage: int, rows: Index, pos: Index, weight: Index) -> None:
        # Batch's own __init__ is not called: its ``bundles`` list is replaced by the arrays.
        self.value = value
        self.stage = stage
        self.rows = rows
        self.pos = pos
        self.weight = weight
        self._papers = int(weight.sum())

    @property
    def papers(self) -> int:
        return self._papers

    @property
    def bundles(self) -> list[Bundle]:  # type: ignore[override]
        """The bundles as the reference path holds them (built on demand, for inspection)."""
        return list(zip(self.rows.tolist(), self.pos.tolist(), self.weight.tolist(), strict=True))


class NumpyPiles(PaperPiles):
    """:class:`PaperPiles` whose papers move as NumPy arrays."""

    def __init__(
        self,
        ranks: Ranks,
        weights: Index,
        standing: Iterable[int],
        names: Sequence[str],
    ) -> None:
        super().__init__((), (), standing, names)
        self._ranks = np.ascontiguousarray(ranks, dtype=np.int16)
        self._weights = np.asarray(weights, dtype=np.int64)
        self._n = len(names)

    # -- first preferences ------------------------------------------------------------------
    def deal_first_preferences(self) -> int:
        rows = np.flatnonzero(self._weights > 0).astype(np.int64)
        start = np.full(rows.shape[0], -1, dtype=np.int64)
        first = next_available(self._ranks, rows, start, self._allowed())
        dealt = first >= 0
        batches = self._split(Fraction(1), 1, rows[dealt], first[dealt])
        valid = 0
        for target, batch in batches:
            self.piles[target].append(batch)
            self.totals[target] = Fraction(batch.papers)
            valid += batch.papers
        return valid

    # -- moving papers ----------------------------------------------------------------------
    def next_preference(self, row: int, pos: int) -> int:
        found = next_available(
            self._ranks,
            np.array([row], dtype=np.int64),
            np.array([pos], dtype=np.int64),
            self._allowed(),
        )
        return int(found[0])

    def transferable_papers(self, batches: Sequence[Batch]) -> int:
        group = [b for b in batches if isinstance(b, ArrayBatch)]
        if len(group) != len(batches):
            raise TypeError("NumpyPiles counts only its own ArrayBatch objects")
        if not group:
            return 0
        rows = np.concatenate([b.rows for b in group])
        pos = np.concatenate([b.pos for b in group])
        found = next_available(self._ranks, rows, pos, self._allowed()) >= 0
        return int(self._weights[rows[found]].sum())

    def sort_onwards(
        self, group: Sequence[Batch], value: Fraction, stage: int
    ) -> tuple[list[tuple[int, Batch]], int]:
        arrays = [b for b in group if isinstance(b, ArrayBatch)]
        if len(arrays) != len(group):
            raise TypeError("NumpyPiles moves only its own ArrayBatch objects")
        rows = np.concatenate([b.rows for b in arrays])
        pos = np.concatenate([b.pos for b in arrays])
        nxt = next_available(self._ranks, rows, pos, self._allowed())
        alive = nxt >= 0
        dead = int(self._weights[rows[~alive]].sum()) if not alive.all() else 0
        split: list[tuple[int, Batch]] = list(self._split(value, stage, rows[alive], nxt[alive]))
        return split, dead

    # -- helpers ----------------------------------------------------------------------------
    def _allowed(self) -> np.ndarray:
        return allowed_mask(self._n, self.continuing)

    def _split(
        self, value: Fraction, stage: int, rows: Index, pos: Index
    ) -> list[tuple[int, ArrayBatch]]:
        """One new batch per receiving candidate, in candidate order (as the reference)."""
        width = self._ranks.shape[1]
        targets = self._ranks.reshape(-1)[rows * width + pos]
        if targets.size and int(targets.min()) == NO_PREFERENCE:
            raise AssertionError("a paper was routed to a padding position")
        order, starts, owners = group_by_target(targets)
        rows, pos = rows[order], pos[order]
        weight = self._weights[rows]
        if not starts.size:
            return []
        ends = [*starts[1:].tolist(), rows.shape[0]]
        return [
            (owner, ArrayBatch(value, stage, rows[s:e], pos[s:e], weight[s:e]))
            for owner, s, e in zip(owners.tolist(), starts.tolist(), ends, strict=True)
        ]
