"""The Alternative Vote (instant-runoff), as in the UK Labour Party's leadership ballots.

Labour Party Rule Book, Chapter 4, Clause II (elections of leader and deputy leader): one member
one vote by preferential ballot; the candidate with the fewest votes is eliminated and their
votes redistributed by next preference until a candidate has more than half of the votes still
in play (papers with no further preference are set aside).

* [2.A] first preferences are counted;
* [2.B] a candidate with more than half of the votes in play is elected;
* [2.C] otherwise the candidate with fewest votes is excluded and each of their papers passes to
  its next preference for a continuing candidate;
* [2.D] equal lowest candidates: the one with fewer votes at the most recent earlier round at
  which they differed is excluded (``tie_direction="forward"`` looks from the first round
  instead); failing that, lot from the recorded seed;
* option ``bulk_exclusion``: exclude at once every lowest candidate whose combined votes are fewer
  than the next candidate's, since none of them could overtake; at least two candidates stay.

The bracketed labels name the steps for result sheets; they are this module's, since the Rule
Book states the procedure in prose.
"""

from __future__ import annotations

from fractions import Fraction

from teller.arithmetic import Arithmetic
from teller.count.base import (
    CountContext,
    RecordBuilder,
    RuleSet,
    check_options,
    require_candidates,
)
from teller.count.irvpiles import irv_piles
from teller.errors import CountError
from teller.model import Contest, Profile
from teller.record import Action, ActionKind, CountRecord, ElectedBy, Election, Parcel, Tie

SOURCE = (
    "Labour Party Rule Book, Ch. 4 Cl. II (leader and deputy leader: one member one vote, "
    "preferential ballot, eliminate lowest until one has more than half the votes in play)"
)

OPTIONS = {
    "bulk_exclusion": "exclude together all lowest candidates whose combined votes are fewer "
    "than the next candidate's (default false)",
    "tie_direction": "'backward' (most recent earlier round, default) or 'forward' (first "
    "round) for ties for exclusion",
}


def count_irv(contest: Contest, profile: Profile, ctx: CountContext) -> CountRecord:
    check_options(contest, OPTIONS)
    require_candidates(contest)
    if contest.seats != 1:
        raise CountError("the Alternative Vote fills one seat; use STV for several")
    bulk = bool(contest.options.get("bulk_exclusion", False))
    direction = str(contest.options.get("tie_direction", "backward"))
    if direction not in ("backward", "forward"):
        raise CountError("tie_direction must be 'backward' or 'forward'")
    rb = RecordBuilder(contest, profile, ctx, rules="labour", source=SOURCE)
    names = rb.names
    piles = irv_piles(contest, profile, ctx, rb.standing)
    continuing = piles.continuing
    # [2.A] first preferences.
    valid, firsts = piles.deal()
    totals: dict[int, Fraction] = {c: Fraction(n) for c, n in firsts.items()}
    exhausted = 0

    action = Action(ActionKind.FIRST_PREFERENCES, rule="2.A")
    while True:
        in_play = sum((totals[c] for c in continuing), Fraction(0))
        half = in_play / 2
        leader = max(continuing, key=lambda c: totals[c])
        if totals[leader] > half or len(continuing) == 1:
            # [2.B] more than half of the votes still in play.
            rb.add_stage(
                action,
                totals,
                exhausted=Fraction(exhausted),
                elected=[Election(names[leader], ElectedBy.QUOTA)],
                quota=half,
            )
            break
        losers, ties = _choose_exclusions(rb, continuing, totals, bulk=bulk, direction=direction)
        rb.add_stage(
            action,
            totals,
            exhausted=Fraction(exhausted),
            excluded=losers,
            ties=ties,
            quota=half,
        )
        # [2.C] each excluded paper passes to its next preference for a continuing candidate.
        continuing -= set(losers)
        moved, lost = piles.transfer(losers)
        for loser in losers:
            totals[loser] = Fraction(0)
        for target, n in moved.items():
            totals[target] += n
        exhausted += lost
        action = Action(
            ActionKind.EXCLUSION,
            candidates=tuple(names[c] for c in losers),
            parcels=(
                Parcel(
                    value=Fraction(1),
                    transfer_value=Fraction(1),
                    papers={names[c]: n for c, n in sorted(moved.items())},
                    exhausted=lost,
                ),
            ),
            rule="2.C",
            note="bulk exclusion" if len(losers) > 1 else None,
        )
    return rb.build(valid_ballots=valid, quota_criterion="exceed")


def _choose_exclusions(
    rb: RecordBuilder,
    continuing: set[int],
    totals: dict[int, Fraction],
    *,
    bulk: bool,
    direction: str,
) -> tuple[list[int], list[Tie]]:
    ordered = sorted(continuing, key=lambda c: totals[c])
    if bulk:
        # Largest run of lowest candidates whose sum is below the next one's total,
        # leaving at least two continuing.
        best = 0
        running = Fraction(0)
        for k in range(1, len(ordered) - 1):
            running += totals[ordered[k - 1]]
            if running < totals[ordered[k]]:
                best = k
        if best >= 2:
            return ordered[:best], []
    low = totals[ordered[0]]
    tied = [c for c in ordered if totals[c] == low]
    if len(tied) == 1:
        return tied, []
    # [2.D] earlier rounds, then lot.
    loser, tie = rb.ties.pick(
        tied, kind="exclusion", lowest=True, history=rb.history(), direction=direction
    )
    return [loser], [tie]


IRV = RuleSet(
    method="irv",
    name="labour",
    title="Alternative Vote / instant-runoff (UK Labour Party leadership ballots)",
    source=SOURCE,
    arithmetic=Arithmetic.integer(),
    run=count_irv,
    aliases=("av", "irv"),
    options=OPTIONS,
    default=True,
)
