"""The Meek mechanism shared by the Meek family of STV rule sets (``meek``, ``meek-prf``).

This module distributes votes by keep values and records the result; it decides nothing. Rule
modules decide the quota, who is elected or excluded, and how keep values change, and cite
their rules where they do.

Meek's method (Hill, Wichmann and Woodall, "Algorithm 123: Single Transferable Vote by Meek's
method", Computer Journal 30(3), 1987) gives each candidate a keep value: each paper gives each
candidate it reaches, in order of preference, its remaining weight times that candidate's keep
value, and passes on the rest. Hopeful candidates keep 1, excluded candidates 0, elected
candidates less than 1 so that each keeps about a quota. Papers are held as a prefix tree, so a
ranking shared by many papers, or a prefix shared by many rankings, is worked out once.

Record (see docs/stv.md, "Meek records"): stage 1 is the first-preference count; after that one
stage is written for each iteration at which a candidate was elected or excluded, with action
``iteration`` (or ``exclusion`` when the stage before it excluded someone), the keep values the
iteration used, the quota it computed, and a note with the iterations it stands for.
``exhausted`` holds the weight left on papers with no further preference; ``rounding`` is the
rest of the valid vote (valid - totals - exhausted), so conservation is exact; it is negative
when rounding up gave the candidates more than the papers held.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from teller.count.base import RecordBuilder
from teller.record import Action, ActionKind, Election, Tie

Share = Callable[[Fraction, Fraction], Fraction]
"""``share(weight, keep)``: the part of a paper's remaining weight a candidate keeps."""
Remainder = Callable[[Fraction, Fraction, Fraction], Fraction]
"""``remainder(weight, keep, share)``: the weight the paper carries on to its next preference."""


@dataclass(slots=True, eq=False)
class Node:
    """Papers sharing a prefix of preferences."""

    through: int = 0
    """Papers whose ranking starts with this prefix."""
    ends: int = 0
    """Papers whose ranking is exactly this prefix (no further preference)."""
    children: dict[int, Node] = field(default_factory=dict)
    """The next preference on the papers that go on, by candidate index."""


def build_tree(ballots: Iterable[tuple[tuple[int, ...], int]]) -> tuple[Node, int]:
    """The prefix tree of the ballots, and the number of valid papers (a first preference)."""
    root = Node()
    valid = 0
    for ranking, weight in ballots:
        if not ranking or weight <= 0:
            continue
        valid += weight
        node = root
        node.through += weight
        for c in ranking:
            node = node.children.setdefault(c, Node())
            node.through += weight
        node.ends += weight
    return root, valid


@dataclass(frozen=True, slots=True)
class Allocation:
    """The votes of one iteration."""

    votes: dict[int, Fraction]
    """Each candidate's votes (candidates with none are absent)."""
    exhausted: Fraction
    """Weight left on papers that reached the end of their preferences."""


def allocate(root: Node, keep: Mapping[int, Fraction], share: Share, rest: Remainder) -> Allocation:
    """Distribute every paper down its preferences by the keep values."""
    votes: dict[int, Fraction] = {}
    exhausted = Fraction(0)
    stack: list[tuple[Node, Fraction]] = [(root, Fraction(1))]
    while stack:
        node, weight = stack.pop()
        if node.ends:
            exhausted += weight * node.ends
        for c, child in node.children.items():
            k = keep.get(c, Fraction(0))
            kept = share(weight, k) if k else Fraction(0)
            if kept:
                votes[c] = votes.get(c, Fraction(0)) + kept * child.through
            onward = rest(weight, k, kept) if k else weight
            if onward > 0:
                stack.append((child, onward))
    return Allocation(votes, exhausted)


@dataclass(slots=True)
class MeekStages:
    """Writes the stages of a Meek count into a :class:`RecordBuilder`."""

    rb: RecordBuilder
    valid: int
    first_iteration: int = 1
    """First iteration the next stage stands for."""
    last_excluded: tuple[str, ...] = ()
    """Candidates excluded at the latest stage (their exclusion is the next stage's action)."""

    def add(
        self,
        iteration: int,
        allocation: Allocation,
        *,
        quota: Fraction,
        keep: Mapping[int, Fraction],
        elected: Sequence[Election] = (),
        excluded: Sequence[int] = (),
        ties: Sequence[Tie] = (),
        notes: Sequence[str] = (),
        rule: str | None = None,
    ) -> None:
        """One stage: the state after ``iteration``."""
        rb = self.rb
        totals = {c: allocation.votes.get(c, Fraction(0)) for c in rb.standing}
        held = sum(totals.values(), Fraction(0))
        if not rb.stages:
            action = Action(ActionKind.FIRST_PREFERENCES, rule=rule)
            span: list[str] = []
        else:
            span = [_span(self.first_iteration, iteration)]
            if self.last_excluded:
                action = Action(
                    ActionKind.EXCLUSION, candidates=self.last_excluded, rule=rule, note=span[0]
                )
            else:
                distributing = tuple(
                    rb.names[c] for c in rb.elected if keep.get(c, Fraction(1)) < 1
                )
                action = Action(
                    ActionKind.ITERATION, candidates=distributing, rule=rule, note=span[0]
                )
        rb.add_stage(
            action,
            totals,
            exhausted=allocation.exhausted,
            rounding=Fraction(self.valid) - held - allocation.exhausted,
            elected=elected,
            excluded=excluded,
            ties=ties,
            quota=quota,
            keep_values={c: keep.get(c, Fraction(0)) for c in rb.standing},
            notes=[*span, *notes],
        )
        self.first_iteration = iteration + 1
        self.last_excluded = tuple(rb.names[c] for c in excluded)

    def amend(
        self,
        *,
        elected: Sequence[Election] = (),
        excluded: Sequence[int] = (),
        ties: Sequence[Tie] = (),
        notes: Sequence[str] = (),
    ) -> None:
        """Add decisions taken on the latest stage's totals without a further iteration."""
        rb = self.rb
        last = rb.stages[-1]
        rb.amend_last(
            elected=(*last.elected, *elected),
            excluded=(*last.excluded, *(rb.names[c] for c in excluded)),
            ties=(*last.ties, *ties),
            notes=(*last.notes, *notes),
        )
        self.last_excluded = (*self.last_excluded, *(rb.names[c] for c in excluded))


def _span(first: int, last: int) -> str:
    return f"iteration {last}" if first >= last else f"iterations {first}-{last}"


def by_votes(candidates: Iterable[int], votes: Mapping[int, Fraction]) -> list[int]:
    """Highest votes first, equal votes in ballot-paper order (order of election only)."""
    return sorted(candidates, key=lambda c: (-votes.get(c, Fraction(0)), c))
