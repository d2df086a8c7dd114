"""The steps of a weighted inclusive Gregory count, shared by rule sets that differ only in their
quota, arithmetic and citations (``scottish-2007``, ``wigm``).

A rule module creates a :class:`GregoryCount`, computes its quota as its rules say, and drives
the loop itself, citing its rules at each step: elect, transfer the highest surplus, exclude the
lowest. This class keeps the state (papers, surpluses awaiting transfer, the record) so that the
rule modules hold decisions, not bookkeeping. ERS97 moves papers differently (last parcel,
sub-stages, deferred surpluses) and has its own driver on the same paper mechanism.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

from teller.count.base import CountContext, RecordBuilder
from teller.count.stv.common import elections, order_elected, pick_highest, pick_lowest, reaching
from teller.count.stv.fastpiles import paper_piles
from teller.count.stv.group import GroupRule
from teller.errors import CountError
from teller.model import Contest, Profile
from teller.record import Action, ActionKind, CountRecord, ElectedBy

TransferValue = Callable[[Fraction, Fraction, Fraction], Fraction]
"""``(value of the paper, surplus, transferring candidate's total) -> transfer value``."""


class GregoryCount:
    """State and steps of one WIGM count."""

    def __init__(
        self, contest: Contest, profile: Profile, ctx: CountContext, *, rules: str, source: str
    ) -> None:
        self.rb = RecordBuilder(contest, profile, ctx, rules=rules, source=source)
        self.names = self.rb.names
        self.seats = contest.seats
        self.piles = paper_piles(contest, profile, ctx, self.rb.standing, self.names)
        self.valid = self.piles.deal_first_preferences()
        if self.valid == 0:
            raise CountError("no valid ballot papers to count")
        self.totals = self.piles.totals
        self.quota = Fraction(0)
        self.exceed = False
        self.surplus_of: dict[int, Fraction] = {}
        """Elected candidates whose surplus awaits transfer."""

    # -- stages ---------------------------------------------------------------------------------
    def first_stage(self, quota: Fraction, *, rule: str, exceed: bool = False) -> None:
        """Record the first preferences, with the quota the rules fix."""
        self.quota, self.exceed = quota, exceed
        self.rb.add_stage(Action(ActionKind.FIRST_PREFERENCES, rule=rule), self.totals, quota=quota)

    def next_stage(self, action: Action, notes: Sequence[str] = ()) -> None:
        self.rb.add_stage(
            action,
            self.totals,
            exhausted=self.piles.exhausted,
            rounding=self.piles.rounding,
            quota=self.quota,
            notes=notes,
        )

    @property
    def seats_left(self) -> int:
        return self.seats - len(self.rb.elected)

    def pending(self) -> list[int]:
        """Elected candidates with a surplus not yet transferred."""
        return [c for c, s in self.surplus_of.items() if s > 0]

    # -- steps ----------------------------------------------------------------------------------
    def declare(self, *, deem_note: str, group: GroupRule | None = None) -> None:
        """Elect every continuing candidate meeting the quota (highest first; equal totals by
        earlier stages, then lot), the group minimum permitting; then, if the continuing
        candidates equal the seats left, deem them elected (``deem_note`` cites the rule)."""
        rb, names, totals, piles = self.rb, self.names, self.totals, self.piles
        reached = reaching(totals, piles.continuing, self.quota, exceed=self.exceed)
        ordered, ties = order_elected(rb, reached, totals)
        notes: list[str] = []
        if group is not None:
            ordered, passed = group.filter_elect(ordered, rb.elected)
            if passed:
                notes.append(group.passed_over_note(names, passed))
        piles.elect(ordered)
        for c in ordered:
            self.surplus_of[c] = totals[c] - self.quota
        rb.elected.extend(ordered)
        new = elections(ordered, names, ElectedBy.QUOTA)
        if 0 < self.seats_left == len(piles.continuing):
            deemed, more = order_elected(rb, sorted(piles.continuing), totals)
            ties += more
            piles.elect(deemed)
            rb.elected.extend(deemed)
            new += elections(deemed, names, ElectedBy.DEEMED)
            notes.append(deem_note)
        last = rb.stages[-1]
        rb.amend_last(
            elected=(*last.elected, *new),
            ties=(*last.ties, *ties),
            notes=(*last.notes, *notes),
        )

    def transfer_highest_surplus(self, transfer_value: TransferValue, *, rule: str) -> Action:
        """Transfer the highest pending surplus (equal surpluses: the candidate with more votes
        at the most recent stage at which they differed, then lot), every paper the candidate
        holds moving at ``transfer_value``."""
        rb = self.rb
        source, tie = pick_highest(
            rb,
            self.pending(),
            lambda c: self.surplus_of[c],
            kind="surplus-order",
            direction="backward",
        )
        if tie is not None:
            rb.amend_last(ties=(*rb.stages[-1].ties, tie))
        surplus = self.surplus_of.pop(source)
        total = self.totals[source]
        moved = self.piles.transfer_surplus(
            source,
            surplus,
            lambda value: transfer_value(value, surplus, total),
            len(rb.stages) + 1,
        )
        return Action(
            ActionKind.SURPLUS,
            candidates=(self.names[source],),
            surplus=surplus,
            parcels=tuple(moved.parcels),
            rule=rule,
        )

    def exclude_lowest(
        self, eligible: Sequence[int], *, rule: str, notes: Sequence[str] = ()
    ) -> Action:
        """Exclude the eligible candidate with fewest votes (equal lowest: fewer votes at the
        most recent stage at which they differed, then lot)."""
        loser, tie = pick_lowest(self.rb, eligible, self.totals, direction="backward")
        return self.exclude([loser], rule=rule, ties=[tie] if tie else [], notes=notes)

    def exclude(
        self,
        losers: Sequence[int],
        *,
        rule: str,
        note: str | None = None,
        ties: Sequence[object] = (),
        notes: Sequence[str] = (),
    ) -> Action:
        """Exclude ``losers`` on the latest stage's totals and move all their papers, each at
        the value it holds, in one stage."""
        rb, names = self.rb, self.names
        last = rb.stages[-1]
        rb.amend_last(
            excluded=(*last.excluded, *(names[c] for c in losers)),
            ties=(*last.ties, *ties),
            notes=(*last.notes, *notes),
        )
        self.piles.exclude(losers)
        moved = self.piles.transfer_excluded(losers, len(rb.stages) + 1)
        return Action(
            ActionKind.EXCLUSION,
            candidates=tuple(names[c] for c in losers),
            parcels=tuple(moved.parcels),
            rule=rule,
            note=note,
        )

    def build(self, *, options: dict[str, object] | None = None) -> CountRecord:
        return self.rb.build(
            quota=self.quota,
            quota_criterion="exceed" if self.exceed else "reach",
            valid_ballots=self.valid,
            options=options,
        )
