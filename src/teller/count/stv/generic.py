"""Generic STV by the weighted inclusive Gregory method (rule set ``wigm``), documented in
docs/stv.md ("wigm"). For organisations whose rules say "STV, WIGM" and no more.

* [W1] first preferences are counted; a paper with no preference for a standing candidate is
  not a valid vote;
* [W2] the quota, by option ``quota``: ``droop`` (default) = floor(valid / (seats + 1)) + 1,
  and a candidate whose votes *reach* it is elected; ``exact`` = valid / (seats + 1) exactly,
  and a candidate must *exceed* it (as in the Labour Party NEC count of 2020, quota 12,954.9);
* [W3] after each stage every continuing candidate meeting the quota is elected, highest first;
* [W4] the highest surplus is transferred first: every paper the candidate holds passes to its
  next available preference at value x surplus / total, rounded down to the count's
  arithmetic; what rounding drops is recorded as lost to rounding;
* [W5] with no surplus to transfer, the continuing candidate with fewest votes is excluded and
  all their papers pass on, each at its value, in one stage;
* [W6] equal surpluses, equal lowest and equal totals for the order of election are settled by
  the most recent earlier stage at which the candidates' votes differed, then by lot;
* [W7] when the continuing candidates equal the seats left they are elected, and no further
  transfer is made;
* a group minimum (``Contest.group_minimum``) is applied as :mod:`.group` states ([G1]-[G5]).

Arithmetic: ``rational`` by default (exact; nothing is lost to rounding, the exact quota needs no
rounding, and the result cannot depend on a choice of decimals); ``fixed:P`` when a published
manual count is to be reproduced. With ``quota: exact`` and ``fixed:P`` the quota is held exactly
and an elected candidate keeps exactly the quota.
"""

from __future__ import annotations

from fractions import Fraction

from teller.arithmetic import Arithmetic, Rounding
from teller.count.base import (
    CountContext,
    RecordBuilder,
    RuleSet,
    check_options,
    require_candidates,
)
from teller.count.stv.common import elections, order_elected, pick_highest, pick_lowest, reaching
from teller.count.stv.fastpiles import paper_piles
from teller.count.stv.group import GroupRule
from teller.errors import CountError
from teller.model import Contest, Profile
from teller.record import Action, ActionKind, CountRecord, ElectedBy

SOURCE = "teller generic WIGM STV (docs/stv.md, rules [W1]-[W7]; group minimum [G1]-[G5])"
RULES = "wigm"
OPTIONS = {
    "quota": "droop (default): floor(valid/(seats+1))+1, reach to be elected; "
    "exact: valid/(seats+1), exceed to be elected",
}


def wigm_quota(valid: int, seats: int, kind: str) -> tuple[Fraction, bool]:
    """[W2] The quota and whether votes must exceed it (rather than reach it)."""
    if kind == "droop":
        return Fraction(valid // (seats + 1) + 1), False
    if kind == "exact":
        return Fraction(valid, seats + 1), True
    raise CountError(f"quota must be 'droop' or 'exact', not {kind!r}")


def count_wigm(contest: Contest, profile: Profile, ctx: CountContext) -> CountRecord:
    check_options(contest, OPTIONS)
    require_candidates(contest)
    quota_kind = str(contest.options.get("quota", "droop"))
    arith = ctx.arithmetic
    group = GroupRule.of(contest)
    rb = RecordBuilder(contest, profile, ctx, rules=RULES, source=SOURCE)
    names = rb.names
    piles = paper_piles(contest, profile, ctx, rb.standing, names)

    # [W1] first preferences; [W2] the quota.
    valid = piles.deal_first_preferences()
    if valid == 0:
        raise CountError("no valid ballot papers to count")
    seats = contest.seats
    quota, exceed = wigm_quota(valid, seats, quota_kind)
    totals = piles.totals
    surplus_of: dict[int, Fraction] = {}

    def declare() -> None:
        """[W3] elect those meeting the quota ([G3] permitting); [W7] deem the rest if they fit."""
        reached = reaching(totals, piles.continuing, quota, exceed=exceed)
        ordered, ties = order_elected(rb, reached, totals)
        notes: list[str] = []
        if group is not None:
            ordered, passed = group.filter_elect(ordered, rb.elected)
            if passed:
                notes.append(group.passed_over_note(names, passed))
        piles.elect(ordered)
        for c in ordered:
            surplus_of[c] = totals[c] - quota
        rb.elected.extend(ordered)
        new = elections(ordered, names, ElectedBy.QUOTA)
        left = seats - len(rb.elected)
        if 0 < left == len(piles.continuing):
            deemed, more = order_elected(rb, sorted(piles.continuing), totals)
            ties += more
            piles.elect(deemed)
            rb.elected.extend(deemed)
            new += elections(deemed, names, ElectedBy.DEEMED)
            notes.append("[W7] the continuing candidates equal the seats left")
        last = rb.stages[-1]
        rb.amend_last(
            elected=(*last.elected, *new),
            ties=(*last.ties, *ties),
            notes=(*last.notes, *notes),
        )

    rb.add_stage(Action(ActionKind.FIRST_PREFERENCES, rule="W1"), totals, quota=quota)
    declare()

    while len(rb.elected) < seats:
        stage = len(rb.stages) + 1
        forced = group.must_exclude(piles.continuing, rb.elected) if group else []
        pending = [c for c, s in surplus_of.items() if s > 0]
        notes: list[str] = []
        if forced:
            # [G2] every seat left must go to the group: exclude every non-member together.
            assert group is not None
            note = group.exclusion_note(names, forced, len(rb.elected))
            last = rb.stages[-1]
            rb.amend_last(
                excluded=(*last.excluded, *(names[c] for c in forced)),
                notes=(*last.notes, note),
            )
            piles.exclude(forced)
            moved = piles.transfer_excluded(forced, stage)
            action = Action(
                ActionKind.EXCLUSION,
                candidates=tuple(names[c] for c in forced),
                parcels=tuple(moved.parcels),
                rule="G2",
                note="group minimum",
            )
            notes.append(note)
        elif pending:
            # [W4] the highest surplus first; [W6] equal surpluses.
            source, tie = pick_highest(
                rb, pending, lambda c: surplus_of[c], kind="surplus-order", direction="backward"
            )
            if tie is not None:
                rb.amend_last(ties=(*rb.stages[-1].ties, tie))
            surplus = surplus_of.pop(source)
            total = totals[source]

            def transfer_value(
                value: Fraction, s: Fraction = surplus, t: Fraction = total
            ) -> Fraction:
                # [W4] value x surplus / total, rounded down to the count's arithmetic.
                return arith.div(s * value, t, Rounding.DOWN)

            moved = piles.transfer_surplus(source, surplus, transfer_value, stage)
            action = Action(
                ActionKind.SURPLUS,
                candidates=(names[source],),
                surplus=surplus,
                parcels=tuple(moved.parcels),
                rule="W4",
            )
        else:
            # [W5] exclude the candidate with fewest votes ([G4]: not one the group needs).
            protected = group.protected(piles.continuing, rb.elected) if group else set()
            eligible = sorted(piles.continuing - protected)
            loser, tie = pick_lowest(rb, eligible, totals, direction="backward")
            last = rb.stages[-1]
            extra = [group.protected_note(names, protected)] if group and protected else []
            rb.amend_last(
                excluded=(*last.excluded, names[loser]),
                ties=(*last.ties, *([tie] if tie else [])),
                notes=(*last.notes, *extra),
            )
            piles.exclude([loser])
            moved = piles.transfer_excluded([loser], stage)
            action = Action(
                ActionKind.EXCLUSION,
                candidates=(names[loser],),
                parcels=tuple(moved.parcels),
                rule="W5",
            )
        rb.add_stage(
            action,
            totals,
            exhausted=piles.exhausted,
            rounding=piles.rounding,
            quota=quota,
            notes=notes,
        )
        declare()

    return rb.build(
        quota=quota,
        quota_criterion="exceed" if exceed else "reach",
        valid_ballots=valid,
        options={"quota": quota_kind},
    )


WIGM = RuleSet(
    method="stv",
    name=RULES,
    title="Generic STV, weighted inclusive Gregory method (Droop or exact quota)",
    source=SOURCE,
    arithmetic=Arithmetic.rational(),
    run=count_wigm,
    aliases=("generic", "wigm-generic"),
    options=OPTIONS,
)
