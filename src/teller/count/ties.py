"""Settling ties: by earlier stages (backward or forward), then by lot from a recorded seed.

A :class:`TieBreaker` belongs to one count. Its random source is created from the count's seed
the first time a lot is needed, so every lot in a count is drawn from one reproducible stream.
Without a seed a lot cannot be drawn and :class:`~teller.errors.LotRequired` is raised: the
caller (the CLI, the ballot service) chooses a seed and the record shows it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from teller.errors import LotRequired
from teller.record import Tie, TieBreak

if TYPE_CHECKING:
    import random

History = Sequence[Mapping[int, Fraction]]
"""Each earlier stage's totals by candidate index, oldest first (stage 1 at index 0)."""


class TieBreaker:
    """Breaks ties for one count; records each decision as a :class:`Tie`."""

    def __init__(self, seed: int | None, names: Sequence[str]) -> None:
        self.seed = seed
        self._names = names
        self._rng: random.Random | None = None
        self.used_lot = False

    def _random(self) -> random.Random:
        if self.seed is None:
            raise LotRequired(
                "a tie must be settled by lot; give a seed (teller count --seed N) so the "
                "draw is reproducible and recorded"
            )
        if self._rng is None:
            import random  # only when a lot is drawn: keeps start-up short

            self._rng = random.Random(self.seed)
        self.used_lot = True
        return self._rng

    def draw_order(self, tied: Sequence[int]) -> list[int]:
        """A random order of ``tied``, drawn by lot (first drawn first)."""
        order = sorted(tied)
        self._random().shuffle(order)
        return order

    def pick(
        self,
        tied: Sequence[int],
        *,
        kind: str,
        lowest: bool,
        history: History = (),
        direction: str = "backward",
    ) -> tuple[int, Tie]:
        """Choose one of ``tied``: the lowest (or highest) by earlier stages, else by lot.

        ``direction`` ``backward`` looks at the most recent preceding stage at which the tied
        candidates' totals differed; ``forward`` at the first stage at which they differed. At
        that stage only those still lowest (highest) stay in the tie, and the search goes on
        from there; ``history`` empty means straight to lot.
        """
        names = self._names
        remaining = sorted(tied)
        stages = list(enumerate(history, start=1))
        if direction == "backward":
            stages.reverse()
        elif direction != "forward":
            raise ValueError(f"unknown tie direction {direction!r}")
        decided_at: int | None = None
        for number, totals in stages:
            values = {c: totals.get(c, Fraction(0)) for c in remaining}
            if len(set(values.values())) == 1:
                continue
            target = min(values.values()) if lowest else max(values.values())
            remaining = [c for c in remaining if values[c] == target]
            decided_at = number
            if len(remaining) == 1:
                break
        if len(remaining) == 1:
            chosen = remaining[0]
            how = TieBreak.EARLIER_STAGE if direction == "backward" else TieBreak.FORWARD
            tie = Tie(
                kind=kind,
                candidates=tuple(names[c] for c in sorted(tied)),
                resolved_by=how,
                chosen=(names[chosen],),
                stage=decided_at,
            )
            return chosen, tie
        chosen = self.draw_order(remaining)[0]
        tie = Tie(
            kind=kind,
            candidates=tuple(names[c] for c in sorted(tied)),
            resolved_by=TieBreak.LOT,
            chosen=(names[chosen],),
            stage=decided_at,
            seed=self.seed,
        )
        return chosen, tie

    def order(
        self,
        group: Sequence[int],
        current: Mapping[int, Fraction],
        *,
        kind: str,
        history: History = (),
        direction: str = "backward",
    ) -> tuple[list[int], list[Tie]]:
        """Order ``group`` highest first by ``current``, settling equal values as :meth:`pick`."""
        ordered: list[int] = []
        ties: list[Tie] = []
        by_value: dict[Fraction, list[int]] = {}
        for c in group:
            by_value.setdefault(current[c], []).append(c)
        for value in sorted(by_value, reverse=True):
            equal = by_value[value]
            while len(equal) > 1:
                chosen, tie = self.pick(
                    equal, kind=kind, lowest=False, history=history, direction=direction
                )
                ties.append(tie)
                ordered.append(chosen)
                equal = [c for c in equal if c != chosen]
            ordered.extend(equal)
        return ordered, ties
