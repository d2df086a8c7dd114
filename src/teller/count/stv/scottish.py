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

from fractions import Fraction

from teller.arithmetic import Arithmetic, Rounding
from teller.count.base import CountContext, RuleSet, check_options, require_candidates
from teller.count.stv.gregory import GregoryCount
from teller.errors import CountError
from teller.model import Contest, Profile
from teller.record import CountRecord

SOURCE = (
    "Scottish Local Government Elections Order 2007 (SSI 2007/42), Sch. 1 rr. 45-52; "
    "re-made as rr. 46-53 by the 2011 Order (SSI 2011/399)"
)
RULES = "scottish-2007"
DEEMED = "[52] the continuing candidates equal the vacancies left"


def count_scottish(contest: Contest, profile: Profile, ctx: CountContext) -> CountRecord:
    check_options(contest, {})
    require_candidates(contest)
    if contest.group_minimum is not None:
        raise CountError("the Scottish rules have no group minimum; use --rules wigm or ers97")
    arith = ctx.arithmetic

    def transfer_value(value: Fraction, surplus: Fraction, total: Fraction) -> Fraction:
        # [48(3)] A / B: A = surplus x value of the paper when received by the candidate,
        # B = the candidate's total; to five decimal places, any remainder being ignored.
        return arith.div(surplus * value, total, Rounding.DOWN)

    # [45] first stage: every paper to its first preference.
    count = GregoryCount(contest, profile, ctx, rules=RULES, source=SOURCE)
    # [46] quota: valid papers / (seats + 1), ignoring any decimal places, plus one.
    count.first_stage(Fraction(count.valid // (contest.seats + 1) + 1), rule="45")
    # [47(1)] votes equal to or more than the quota elect; [52] the last vacancies.
    count.declare(deem_note=DEEMED)
    while count.seats_left:
        if count.pending():
            # [48] transfer a surplus; [49(1)] the highest first, [49(2)-(3)] equal surpluses.
            action = count.transfer_highest_surplus(transfer_value, rule="48")
        else:
            # [50(1)] exclude the candidate with the then lowest number of votes, [51] equal
            # lowest; [50(2)-(4)] every paper passes on at the value it was received.
            action = count.exclude_lowest(sorted(count.piles.continuing), rule="50")
        count.next_stage(action)
        count.declare(deem_note=DEEMED)
    return count.build()


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
