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
    RuleSet,
    check_options,
    require_candidates,
)
from teller.count.stv.gregory import GregoryCount
from teller.count.stv.group import GroupRule
from teller.errors import CountError
from teller.model import Contest, Profile
from teller.record import CountRecord

SOURCE = "teller generic WIGM STV (docs/stv.md, rules [W1]-[W7]; group minimum [G1]-[G5])"
RULES = "wigm"
DEEMED = "[W7] the continuing candidates equal the seats left"
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

    def transfer_value(value: Fraction, surplus: Fraction, total: Fraction) -> Fraction:
        # [W4] value x surplus / total, rounded down to the count's arithmetic.
        return arith.div(surplus * value, total, Rounding.DOWN)

    # [W1] first preferences; [W2] the quota.
    count = GregoryCount(contest, profile, ctx, rules=RULES, source=SOURCE)
    quota, exceed = wigm_quota(count.valid, contest.seats, quota_kind)
    count.first_stage(quota, rule="W1", exceed=exceed)
    # [W3] elect those meeting the quota ([G3] permitting); [W7] deem the rest if they fit.
    count.declare(deem_note=DEEMED, group=group)
    while count.seats_left:
        continuing, elected = count.piles.continuing, count.rb.elected
        forced = group.must_exclude(continuing, elected) if group else []
        notes: list[str] = []
        if group is not None and forced:
            # [G2] every seat left must go to the group: exclude every non-member together.
            note = group.exclusion_note(count.names, forced, len(elected))
            action = count.exclude(forced, rule="G2", note="group minimum", notes=[note])
            notes.append(note)
        elif count.pending():
            # [W4] the highest surplus first; [W6] equal surpluses.
            action = count.transfer_highest_surplus(transfer_value, rule="W4")
        else:
            # [W5] exclude the candidate with fewest votes ([G4]: not one the group needs).
            protected = group.protected(continuing, elected) if group else set()
            extra = [group.protected_note(count.names, protected)] if group and protected else []
            action = count.exclude_lowest(sorted(continuing - protected), rule="W5", notes=extra)
        count.next_stage(action, notes)
        count.declare(deem_note=DEEMED, group=group)
    return count.build(options={"quota": quota_kind})


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
