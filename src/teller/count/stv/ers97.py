"""STV under the Electoral Reform Society's 1997 rules (rule set ``ers97``).

Source: Electoral Reform Society, *How to conduct an election by the Single Transferable Vote*,
3rd edition (R. A. Newland and F. S. Britton, 1997), section 5 (the count) and section 6
(glossary); paragraph numbers are cited inline. Two-decimal arithmetic throughout.

* [5.1.6] quota = valid / (seats + 1) to two decimals, rounded up unless exact;
* [5.1.7, 5.3.13, 5.4.9] candidates are deemed elected, highest first, on reaching the quota or
  (rarely lower) the total active vote / (places unfilled + 1); [5.6.2] equal votes with too few
  places: earliest difference, else none of them at that stage;
* [5.2.2] surpluses are deferred while their total could not change which candidates are
  excluded; [5.2.3] the largest surplus first, equal ones by the earliest difference, then lot;
* [5.3.1-5.3.2] a first-stage surplus transfers all the candidate's papers, a later one only the
  last batch received; [5.3.7] transfer value = surplus / transferable papers to two decimals,
  remainder ignored (or the papers' own value if that is less); [6.11] what the truncation drops
  is the non-transferable difference, kept in the record's ``rounding``;
* [5.2.5] as many of the lowest candidates as possible are excluded together, ties by the
  earliest difference, then lot; [5.4] their papers move in batches of one transfer value,
  highest first, each batch a sub-stage (one record stage each: see docs/stv.md); [5.4.8]
  before anyone is elected the quota is recalculated without the non-transferable vote;
* [5.5.1] a proposed exclusion that would leave as many continuing candidates as places
  unfilled deems them elected instead; [5.5.2] once the places are filled, no more transfers.

A group minimum (``Contest.group_minimum``) is applied as :mod:`.group` states ([G1]-[G5]).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from teller.arithmetic import Arithmetic, Rounding
from teller.count.base import (
    CountContext,
    RecordBuilder,
    RuleSet,
    check_options,
    require_candidates,
)
from teller.count.stv.ers97_steps import (
    bulk_exclusion_size,
    display_order,
    ers_quota,
    first_difference,
    forward_groups,
    may_defer,
    total_active_vote,
)
from teller.count.stv.fastpiles import paper_piles
from teller.count.stv.group import GroupRule
from teller.count.stv.wigm import Batch, PaperPiles
from teller.errors import CountError
from teller.model import Contest, Profile
from teller.record import Action, ActionKind, CountRecord, ElectedBy, Election, Tie, TieBreak

SOURCE = (
    "Electoral Reform Society, How to conduct an election by the Single Transferable Vote, "
    "3rd ed. (Newland & Britton, 1997), ss. 5-6"
)
RULES = "ers97"
ARITHMETIC = Arithmetic.fixed(2)


class Ers97Count:
    """One count under the ERS97 rules."""

    def __init__(self, contest: Contest, profile: Profile, ctx: CountContext) -> None:
        check_options(contest, {})
        require_candidates(contest)
        if ctx.arithmetic != ARITHMETIC:
            raise CountError("the ERS97 rules count to two decimals (fixed:2) only")
        self.arith = ctx.arithmetic
        self.seats = contest.seats
        self.group = GroupRule.of(contest)
        self.rb = RecordBuilder(contest, profile, ctx, rules=RULES, source=SOURCE)
        self.names = self.rb.names
        self.piles: PaperPiles = paper_piles(contest, profile, ctx, self.rb.standing, self.names)
        self.totals = self.piles.totals
        self.valid = 0
        self.quota = Fraction(0)
        self.elected_at: dict[int, int] = {}
        self.pending: dict[int, Fraction] = {}  # elected candidates' untransferred surpluses

    # -- the count ------------------------------------------------------------------------------
    def run(self) -> CountRecord:
        rb, piles = self.rb, self.piles
        # [5.1.1-5.1.5] first preferences; [5.1.6] the quota.
        self.valid = piles.deal_first_preferences()
        if self.valid == 0:
            raise CountError("no valid ballot papers to count")
        self.quota = initial = ers_quota(self.arith, Fraction(self.valid), self.seats)
        rb.add_stage(Action(ActionKind.FIRST_PREFERENCES, rule="5.1"), self.totals, quota=initial)
        self.deem("5.1.7")
        while self.left() > 0:
            if len(piles.continuing) <= self.left():
                # [4.3] as many candidates left as places unfilled.
                self.deem_remaining("[4.3] as many continuing candidates as places unfilled")
                break
            forced = self.group.must_exclude(piles.continuing, rb.elected) if self.group else []
            if forced:
                assert self.group is not None
                note = self.group.exclusion_note(self.names, forced, len(rb.elected))
                self.exclude(forced, rule="G2", note=note)
                continue
            total_surplus = sum(self.pending.values(), Fraction(0))
            ascending, protected, most = self.exclusion_order()
            if self.pending and not may_defer(total_surplus, ascending, most):
                self.transfer_surplus()  # [5.2.3]
                continue
            deferred = total_surplus if self.pending else Fraction(0)
            losers = self.choose_losers(deferred, protected)
            if len(piles.continuing) - len(losers) == self.left():
                # [5.5.1] the proposed exclusion would leave as many candidates as places.
                who = ", ".join(self.names[c] for c in losers)
                piles.exclude(losers)  # [5.5.2] formally excluded; no papers move
                self.deem_remaining(
                    f"[5.5.1] excluding {who} would leave as many continuing candidates as "
                    "places unfilled"
                )
                break
            deferral = (
                f"[5.2.2] surpluses totalling {self.arith.format(total_surplus)} deferred"
                if deferred
                else None
            )
            self.exclude(losers, rule="5.2.5", note=deferral)
        return rb.build(quota=initial, valid_ballots=self.valid)

    def left(self) -> int:
        return self.seats - len(self.rb.elected)

    # -- electing -------------------------------------------------------------------------------
    def deem(self, rule: str) -> None:
        """[5.1.7 / 5.3.13 / 5.4.9] deem elected, in descending order of votes, each continuing
        candidate whose vote equals or exceeds the quota or the total active vote divided by one
        more than the places unfilled, up to the places unfilled; [5.6.2] ties at the boundary."""
        rb, piles, names = self.rb, self.piles, self.names
        new: list[Election] = []
        notes: list[str] = []
        ties: list[Tie] = []
        history = rb.history()
        while self.left() > 0 and piles.continuing:
            nt = piles.exhausted + piles.rounding
            tav = total_active_vote(self.valid, rb.elected, self.totals, self.quota, nt)
            threshold = min(self.quota, tav / (self.left() + 1))
            reached = [c for c in piles.continuing if self.totals[c] >= threshold]
            if not reached:
                break
            top = max(self.totals[c] for c in reached)
            equal = display_order(
                [c for c in reached if self.totals[c] == top], self.totals, history
            )
            chosen = equal
            if len(equal) > self.left():
                chosen, tie, note = self.boundary(equal, history)
                ties += [tie] if tie else []
                notes.append(note)
            if self.group is not None:
                chosen, passed = self.group.filter_elect(chosen, rb.elected)
                if passed:
                    notes.append(self.group.passed_over_note(names, passed))
            if not chosen:
                break
            for c in chosen:
                by = ElectedBy.QUOTA if self.totals[c] >= self.quota else ElectedBy.DEEMED
                if by is ElectedBy.DEEMED:
                    notes.append(
                        f"[{rule}(b)] {names[c]} deemed elected on {self.totals[c]} votes: at "
                        f"least the total active vote {tav} / {self.left() + 1}"
                    )
                self.elect(c, by)
                new.append(Election(names[c], by))
            if len(chosen) < len(equal):
                break
        last = rb.stages[-1]
        rb.amend_last(
            elected=(*last.elected, *new), ties=(*last.ties, *ties), notes=(*last.notes, *notes)
        )

    def boundary(
        self, equal: list[int], history: list[dict[int, Fraction]]
    ) -> tuple[list[int], Tie | None, str]:
        """[5.6.2] more candidates with equal votes than places: by votes at the earliest point
        at which they differed; candidates equal at every point are not deemed elected now."""
        chosen: list[int] = []
        for group in forward_groups(equal, history):
            if len(chosen) + len(group) > self.left():
                break
            chosen.extend(group)
        names = self.names
        if not chosen:
            who = ", ".join(names[c] for c in equal)
            return [], None, f"[5.6.2] {who} equal at every stage: none deemed elected now"
        tie = Tie(
            kind="seat",
            candidates=tuple(names[c] for c in equal),
            resolved_by=TieBreak.FORWARD,
            chosen=tuple(names[c] for c in chosen),
            stage=first_difference(equal, history),
        )
        return chosen, tie, "[5.6.2] equal votes for the last place(s): earliest difference"

    def elect(self, c: int, by: ElectedBy) -> None:
        self.piles.elect([c])
        self.rb.elected.append(c)
        self.elected_at[c] = len(self.rb.stages)
        surplus = self.totals[c] - self.quota  # [6.18]
        if surplus > 0:
            self.pending[c] = surplus

    def deem_remaining(self, note: str) -> None:
        """Deem every continuing candidate elected (they are no more than the places left)."""
        rb = self.rb
        ordered = display_order(sorted(self.piles.continuing), self.totals, rb.history())
        new = []
        for c in ordered:
            by = ElectedBy.QUOTA if self.totals[c] >= self.quota else ElectedBy.DEEMED
            self.piles.elect([c])
            rb.elected.append(c)
            new.append(Election(self.names[c], by))
        last = rb.stages[-1]
        rb.amend_last(elected=(*last.elected, *new), notes=(*last.notes, note))

    # -- surpluses ------------------------------------------------------------------------------
    def transfer_surplus(self) -> None:
        """[5.2.3] transfer the largest surplus; [5.3] how."""
        rb, piles, names = self.rb, self.piles, self.names
        largest = max(self.pending.values())
        tied = [c for c, s in self.pending.items() if s == largest]
        source = tied[0]
        if len(tied) > 1:
            source, tie = rb.ties.pick(
                tied, kind="surplus-order", lowest=False, history=rb.history(), direction="forward"
            )
            rb.amend_last(ties=(*rb.stages[-1].ties, tie))
        surplus = self.pending.pop(source)
        # [5.3.1] a first-stage surplus: all the papers; [5.3.2] later: the last batch received.
        held = piles.piles[source]
        batches = list(held) if self.elected_at[source] == 1 else [held[-1]]
        value = batches[0].value
        transferable = piles.transferable_papers(batches)  # [5.3.3-5.3.5]; [6.23]
        if transferable * value > surplus:
            # [5.3.7] surplus / transferable papers, to two decimals, ignoring any remainder.
            tv = self.arith.div(surplus, transferable, Rounding.DOWN)
        else:
            tv = value  # [5.3.7] the papers' present value
        stage = len(rb.stages) + 1
        moved = piles.move(batches, lambda _value: tv, stage)
        gone = {id(b) for b in batches}
        piles.piles[source] = [b for b in held if id(b) not in gone]
        self.totals[source] -= surplus
        credited = sum(moved.gained.values(), Fraction(0))
        if transferable * value > surplus:
            piles.rounding += surplus - credited  # [6.11] the non-transferable difference
        else:
            piles.exhausted += surplus - credited  # no paper carries the rest of the surplus
        action = Action(
            ActionKind.SURPLUS,
            candidates=(names[source],),
            surplus=surplus,
            parcels=tuple(moved.parcels),
            rule="5.3.2" if len(batches) == 1 and self.elected_at[source] > 1 else "5.3.1",
            note=f"{transferable} transferable papers; non-transferable papers carry no value",
        )
        self.next_stage(action)
        self.deem("5.3.13")

    def next_stage(self, action: Action, notes: Sequence[str] = ()) -> None:
        """Record the state after ``action``: totals, non-transferable, the quota in force."""
        piles = self.piles
        self.rb.add_stage(
            action,
            self.totals,
            exhausted=piles.exhausted,
            rounding=piles.rounding,
            quota=self.quota,
            notes=notes,
        )

    # -- exclusions -----------------------------------------------------------------------------
    def exclusion_order(self) -> tuple[list[Fraction], set[int], int]:
        """Votes of the continuing candidates, lowest first, for [5.2.2] and [5.2.5]; those the
        group minimum protects ([G4]); and how many of the lowest may go together: no more than
        [5.2.5(a)] allows, and never more of the group's candidates than it can spare."""
        rb, piles = self.rb, self.piles
        protected = self.group.protected(piles.continuing, rb.elected) if self.group else set()
        ordered = sorted(piles.continuing, key=lambda c: self.totals[c])
        most = len(piles.continuing) - self.left()
        if self.group is not None:
            # [G4] a bulk exclusion never takes more of the group than the group can spare.
            members = sum(c in self.group.members for c in piles.continuing)
            spare = max(0, members - self.group.needed(rb.elected))
            for i, c in enumerate(ordered):
                if c in self.group.members:
                    if spare == 0:
                        most = min(most, i)
                        break
                    spare -= 1
        return [self.totals[c] for c in ordered], protected, most

    def choose_losers(self, deferred: Fraction, protected: set[int]) -> list[int]:
        """[5.2.5] the candidate(s) with fewest votes, as many together as the rules allow."""
        rb, piles = self.rb, self.piles
        eligible = sorted(c for c in piles.continuing if c not in protected)
        ascending, _, most = self.exclusion_order()
        k = bulk_exclusion_size(ascending, deferred, most, at_least_one=True) if most else 1
        ordered = sorted(eligible, key=lambda c: self.totals[c])
        losers = ordered[:k]
        boundary_votes = self.totals[losers[-1]]
        tied = [c for c in eligible if self.totals[c] == boundary_votes]
        inside = [c for c in losers if self.totals[c] == boundary_votes]
        if len(tied) > len(inside):
            # [5.2.5] equal votes at the boundary: fewest at the earliest difference, then lot.
            losers = [c for c in losers if self.totals[c] != boundary_votes]
            history = rb.history()
            ties = []
            for _ in inside:
                loser, tie = rb.ties.pick(
                    tied, kind="exclusion", lowest=True, history=history, direction="forward"
                )
                ties.append(tie)
                losers.append(loser)
                tied = [c for c in tied if c != loser]
            rb.amend_last(ties=(*rb.stages[-1].ties, *ties))
        if protected and self.group is not None:
            last = rb.stages[-1]
            rb.amend_last(notes=(*last.notes, self.group.protected_note(self.names, protected)))
        return losers

    def exclude(self, losers: Sequence[int], *, rule: str, note: str | None) -> None:
        """[5.4] transfer the excluded candidates' papers, one batch (transfer value) at a time,
        highest value first; each batch is a sub-stage."""
        rb, piles, names = self.rb, self.piles, self.names
        last = rb.stages[-1]
        rb.amend_last(
            excluded=(*last.excluded, *(names[c] for c in losers)),
            notes=(*last.notes, *([note] if note else [])),
        )
        piles.exclude(losers)
        values = sorted({b.value for c in losers for b in piles.piles[c]}, reverse=True)
        if not values:
            self.exclusion_stage(losers, [], rule, "no papers to transfer")
            return
        for i, value in enumerate(values, start=1):
            batch = [b for c in losers for b in piles.piles[c] if b.value == value]
            text = f"sub-stage {i} of {len(values)}: papers at value {self.arith.format(value)}"
            self.exclusion_stage(losers, batch, "5.4.2" if i == 1 else "5.4.11", text)
            if self.left() == 0:
                return  # [5.5.2] no further transfers once the places are filled
            if len(piles.continuing) <= self.left():
                return  # [4.3] the loop deems the rest

    def exclusion_stage(
        self, losers: Sequence[int], batch: list[Batch], rule: str, text: str
    ) -> None:
        rb, piles = self.rb, self.piles
        stage = len(rb.stages) + 1
        moved = piles.transfer_excluded(losers, stage, batch)
        notes: list[str] = []
        if not rb.elected and piles.exhausted + piles.rounding > 0:
            # [5.4.8] papers non-transferable before anyone is elected: recalculate the quota.
            quota = ers_quota(self.arith, self.valid - piles.exhausted - piles.rounding, self.seats)
            if quota != self.quota:
                notes.append("[5.4.8] quota recalculated without the non-transferable vote")
                self.quota = quota
        action = Action(
            ActionKind.EXCLUSION,
            candidates=tuple(self.names[c] for c in losers),
            parcels=tuple(moved.parcels),
            rule=rule,
            note=text,
        )
        self.next_stage(action, notes)
        self.deem("5.4.9")


def count_ers97(contest: Contest, profile: Profile, ctx: CountContext) -> CountRecord:
    return Ers97Count(contest, profile, ctx).run()


ERS97 = RuleSet(
    method="stv",
    name=RULES,
    title="Electoral Reform Society 1997 STV rules (two decimals, last parcel, sub-stages)",
    source=SOURCE,
    arithmetic=ARITHMETIC,
    run=count_ers97,
    aliases=("ers", "ers-1997"),
)
