"""The weighted inclusive Gregory mechanism shared by the WIGM family of STV rule sets.

This module moves papers; it decides nothing. Rule modules (``scottish``, ``ers97``, ``wigm``)
decide what to transfer, when, and at what value, and cite their rules where they do.

Papers are kept as *bundles*: ``(row, pos, weight)`` = ``weight`` identical papers of ranking
``rankings[row]``, currently counting for the preference at index ``pos``. A candidate's papers
are a list of :class:`Batch` objects, one per receipt, each holding bundles of one value, so a
rule can transfer all papers (inclusive Gregory) or only the last parcel received (ERS97).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from teller.record import Parcel

Bundle = tuple[int, int, int]
"""``(row, pos, weight)``: ``weight`` papers of ranking ``row``, counting for preference ``pos``."""


@dataclass(slots=True, eq=False)
class Batch:
    """Papers a candidate received together at one value."""

    value: Fraction
    """The value of each paper in the batch."""
    stage: int
    """The stage at which they were received (1 = first preferences)."""
    bundles: list[Bundle] = field(default_factory=list)
    """The papers."""

    @property
    def papers(self) -> int:
        return sum(w for _, _, w in self.bundles)


@dataclass(slots=True)
class Moved:
    """The result of moving some papers on: for the record and for the totals."""

    parcels: list[Parcel]
    """One per value group, as the record shows them."""
    gained: dict[int, Fraction]
    """Votes credited to each receiving candidate."""
    exhausted_papers: int
    """Papers with no next available preference."""
    exhausted_value: Fraction
    """Their value (papers x transfer value), set aside as non-transferable."""
    carried: Fraction
    """Everything moved: gained plus exhausted value."""


class PaperPiles:
    """Every candidate's papers, the running totals, and the paper-moving primitives."""

    def __init__(
        self,
        rankings: Sequence[tuple[int, ...]],
        weights: Sequence[int],
        standing: Iterable[int],
        names: Sequence[str],
    ) -> None:
        self.rankings = rankings
        self.weights = weights
        self.names = names
        self.continuing: set[int] = set(standing)
        self.piles: dict[int, list[Batch]] = {c: [] for c in self.continuing}
        self.totals: dict[int, Fraction] = {c: Fraction(0) for c in self.continuing}
        self.exhausted = Fraction(0)
        self.rounding = Fraction(0)

    # -- first preferences ------------------------------------------------------------------
    def deal_first_preferences(self) -> int:
        """Give each paper to its first preference; returns the number of valid papers."""
        batches: dict[int, Batch] = {}
        valid = 0
        for row, (ranking, weight) in enumerate(zip(self.rankings, self.weights, strict=True)):
            if not ranking or weight == 0:
                continue
            first = ranking[0]
            batch = batches.get(first)
            if batch is None:
                batch = batches[first] = Batch(Fraction(1), 1)
                self.piles[first].append(batch)
            batch.bundles.append((row, 0, weight))
            valid += weight
        for c, batch in batches.items():
            self.totals[c] = Fraction(batch.papers)
        return valid

    # -- moving papers ----------------------------------------------------------------------
    def next_preference(self, row: int, pos: int) -> int:
        """Index in ``rankings[row]`` of the next available preference after ``pos``, or -1.

        'Next available preference': the next preference, in order, for a continuing candidate.
        """
        ranking = self.rankings[row]
        continuing = self.continuing
        for i in range(pos + 1, len(ranking)):
            if ranking[i] in continuing:
                return i
        return -1

    def transferable_papers(self, batches: Sequence[Batch]) -> int:
        """Papers in ``batches`` that have a next available preference (a continuing candidate)."""
        return sum(
            weight
            for batch in batches
            for row, pos, weight in batch.bundles
            if self.next_preference(row, pos) >= 0
        )

    def move(
        self,
        batches: Sequence[Batch],
        transfer_value: Callable[[Fraction], Fraction],
        stage: int,
    ) -> Moved:
        """Move the papers of ``batches`` to their next available preferences.

        Papers are grouped by their current value; each group moves at
        ``transfer_value(value)``. Receiving candidates get one new batch per value group. The
        caller adjusts the transferring candidate's total and the rounding account.
        """
        by_value: dict[Fraction, list[Batch]] = {}
        for batch in batches:
            by_value.setdefault(batch.value, []).append(batch)
        parcels: list[Parcel] = []
        gained: dict[int, Fraction] = {}
        exhausted_papers = 0
        exhausted_value = Fraction(0)
        for value in sorted(by_value, reverse=True):
            tv = transfer_value(value)
            received, dead = self.sort_onwards(by_value[value], tv, stage)
            papers: dict[str, int] = {}
            for target, batch in received:
                papers[self.names[target]] = batch.papers
                self.piles[target].append(batch)
                gained[target] = gained.get(target, Fraction(0)) + tv * batch.papers
            exhausted_papers += dead
            exhausted_value += tv * dead
            parcels.append(Parcel(value=value, transfer_value=tv, papers=papers, exhausted=dead))
        for target, votes in gained.items():
            self.totals[target] += votes
        carried = sum(gained.values(), Fraction(0)) + exhausted_value
        return Moved(parcels, gained, exhausted_papers, exhausted_value, carried)

    def sort_onwards(
        self, group: Sequence[Batch], value: Fraction, stage: int
    ) -> tuple[list[tuple[int, Batch]], int]:
        """Sort papers of one value by their next available preference: one new batch at
        ``value`` per receiving candidate, in candidate order, and the number of papers with no
        next available preference. The engines differ only here."""
        received: dict[int, list[Bundle]] = {}
        dead = 0
        for batch in group:
            for row, pos, weight in batch.bundles:
                nxt = self.next_preference(row, pos)
                if nxt < 0:
                    dead += weight
                else:
                    received.setdefault(self.rankings[row][nxt], []).append((row, nxt, weight))
        return [(t, Batch(value, stage, received[t])) for t in sorted(received)], dead

    def transfer_surplus(
        self,
        source: int,
        surplus: Fraction,
        transfer_value: Callable[[Fraction], Fraction],
        stage: int,
        batches: Sequence[Batch] | None = None,
    ) -> Moved:
        """Transfer ``surplus`` from an elected candidate, who keeps total minus surplus.

        ``batches`` defaults to every paper the candidate holds (inclusive Gregory). What the
        transfer values do not carry is the rounding loss, recorded as non-transferable.
        """
        moving = list(self.piles[source] if batches is None else batches)
        moved = self.move(moving, transfer_value, stage)
        gone = {id(b) for b in moving}
        self.piles[source] = [b for b in self.piles[source] if id(b) not in gone]
        self.totals[source] -= surplus
        self.exhausted += moved.exhausted_value
        self.rounding += surplus - moved.carried
        return moved

    def transfer_excluded(
        self, sources: Sequence[int], stage: int, batches: Sequence[Batch] | None = None
    ) -> Moved:
        """Move excluded candidates' papers at the value each paper holds.

        ``batches`` defaults to all their papers (the whole exclusion in one stage).
        """
        everything = [b for c in sources for b in self.piles[c]]
        moving = everything if batches is None else list(batches)
        moved = self.move(moving, lambda value: value, stage)
        gone = {id(b) for b in moving}
        for c in sources:
            kept = [b for b in self.piles[c] if id(b) not in gone]
            self.piles[c] = kept
            self.totals[c] = sum((b.value * b.papers for b in kept), Fraction(0))
        self.exhausted += moved.exhausted_value
        return moved

    # -- state ------------------------------------------------------------------------------
    def exclude(self, candidates: Iterable[int]) -> None:
        for c in candidates:
            self.continuing.discard(c)

    def elect(self, candidates: Iterable[int]) -> None:
        for c in candidates:
            self.continuing.discard(c)
