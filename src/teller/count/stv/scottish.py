"""STV under the Scottish Local Government Elections Order 2007 (SSI 2007/42), Sch. 1 rr. 45-52.

The Scottish Local Government Elections Order 2011 (SSI 2011/399), under which the 2012, 2017
and 2022 elections ran, re-made the same counting rules renumbered by one (rr. 46-53); this module
cites the 2007 numbers. A weighted inclusive Gregory count in five-decimal arithmetic:

* [45] first preferences are counted;
* [46] quota = (valid papers / (seats + 1), ignoring any decimal places) + 1;
* [47(1)] a candidate whose votes equal or exceed the quota is elected;
* [48] a surplus is transferred by passing *every* paper the candidate received to its next
  available preference, each at transfer value = surplus x value of the paper when received /
  the candidate's total, 'calculated to five decimal places (any remainder being ignored)';
* [49] the highest surplus first; equal surpluses by the most recent preceding stage at which
  the candidates' votes were unequal (highest first), else by lot;
* [50] with no surplus left to transfer, the candidate with the then lowest number of votes is
  excluded and all their papers pass on, in one stage, each at the value it was received;
* [51] equal lowest: the one with fewer votes at the most recent preceding stage at which they
  were unequal is excluded, else lot;
* [52] when the continuing candidates equal the vacancies left they are deemed elected, and no
  further transfer is made (a surplus not yet transferred stays untransferred).

Candidates elected at the same stage are listed highest total first, equal totals ordered by the
most recent preceding stage at which they differed (as the official sheets list them).
"""

from __future__ import annotations

from collections.abc import Callable
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
from teller.errors import CountError
from teller.model import Contest, Profile
from teller.record import Action, ActionKind, CountRecord, ElectedBy

SOURCE = (
    "Scottish Local Government Elections Order 2007 (SSI 2007/42), Sch. 1 rr. 45-52; "
    "re-made as rr. 46-53 by the 2011 Order (SSI 2011/399)"
)
RULES = "scottish-2007"


def count_scottish(contest: Contest, profile: Profile, ctx: CountContext) -> CountRecord:
    check_options(contest, {})
    require_candidates(contest)
    if contest.group_minimum is not None:
        raise CountError("the Scottish rules have no group minimum; use --rules wigm or ers97")
    arith = ctx.arithmetic
    rb = RecordBuilder(contest, profile, ctx, rules=RULES, source=SOURCE)
    names = rb.names
    piles = paper_piles(contest, profile, ctx, rb.standing, names)

    # [45] first stage; [46] the quota.
    valid = piles.deal_first_preferences()
    if valid == 0:
        raise CountError("no valid ballot papers to count")
    quota = Fraction(valid // (contest.seats + 1) + 1)
    totals = piles.totals
    seats = contest.seats
    surplus_of: dict[int, Fraction] = {}  # elected candidates whose surplus awaits transfer

    def declare() -> None:
        """[47(1)] elect those reaching the quota; then [52] deem the rest if they fit."""
        reached = reaching(totals, piles.continuing, quota)
        ordered, ties = order_elected(rb, reached, totals)
        piles.elect(ordered)
        for c in ordered:
            surplus_of[c] = totals[c] - quota
        rb.elected.extend(ordered)
        new = elections(ordered, names, ElectedBy.QUOTA)
        notes: list[str] = []
        left = seats - len(rb.elected)
        if 0 < left == len(piles.continuing):
            deemed, more = order_elected(rb, sorted(piles.continuing), totals)
            ties += more
            piles.elect(deemed)
            rb.elected.extend(deemed)
            new += elections(deemed, names, ElectedBy.DEEMED)
            notes.append("[52] the continuing candidates equal the vacancies left")
        last = rb.stages[-1]
        rb.amend_last(
            elected=(*last.elected, *new),
            ties=(*last.ties, *ties),
            notes=(*last.notes, *notes),
        )

    rb.add_stage(
        Action(ActionKind.FIRST_PREFERENCES, rule="45"),
        totals,
        quota=quota,
    )
    declare()

    while len(rb.elected) < seats:
        stage = len(rb.stages) + 1
        pending = [c for c, s in surplus_of.items() if s > 0]
        if pending:
            # [49(1)] the highest surplus first; [49(2)-(3)] equal surpluses.
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
                # [48(3)] A / B: A = surplus x value of the paper when received, B = the
                # candidate's total, to five decimal places, any remainder being ignored.
                return arith.div(s * value, t, Rounding.DOWN)

            moved = piles.transfer_surplus(source, surplus, transfer_value, stage)
            action = Action(
                ActionKind.SURPLUS,
                candidates=(names[source],),
                surplus=surplus,
                parcels=tuple(moved.parcels),
                rule="48",
            )
        else:
            # [50(1)] exclude the candidate with the then lowest number of votes; [51] ties.
            loser, tie = pick_lowest(rb, sorted(piles.continuing), totals, direction="backward")
            last = rb.stages[-1]
            rb.amend_last(
                excluded=(*last.excluded, names[loser]),
                ties=(*last.ties, *([tie] if tie else [])),
            )
            piles.exclude([loser])
            # [50(2)-(4)] every paper passes on at the value it was received, in one stage.
            moved = piles.transfer_excluded([loser], stage)
            action = Action(
                ActionKind.EXCLUSION,
                candidates=(names[loser],),
                parcels=tuple(moved.parcels),
                rule="50",
            )
        rb.add_stage(
            action,
            totals,
            exhausted=piles.exhausted,
            rounding=piles.rounding,
            quota=quota,
        )
        declare()

    return rb.build(quota=quota, valid_ballots=valid)


def _transfer_value(
    arith: Arithmetic, surplus: Fraction, total: Fraction
) -> Callable[[Fraction], Fraction]:
    def transfer_value(value: Fraction) -> Fraction:
        # [48(3)] A / B: A = surplus x value of the paper when received by the candidate,
        # B = the candidate's total; to five decimal places, any remainder being ignored.
        return arith.div(surplus * value, total, Rounding.DOWN)

    return transfer_value


SCOTTISH_2007 = RuleSet(
    method="stv",
    name=RULES,
    title="Scottish local government STV (weighted inclusive Gregory, 5 decimals)",
    source=SOURCE,
    arithmetic=Arithmetic.fixed(5),
    run=count_scottish,
    aliases=("scottish-2011", "scotland", "scottish"),
    default=True,
)
