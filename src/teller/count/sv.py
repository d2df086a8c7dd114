"""The Supplementary Vote, as used for English mayors 2000-2022.

Local Democracy, Economic Development and Construction Act 2009, Sch. 5B, para. 5, and the
Combined Authority Mayoral Elections Rules (SI 2017/67, Sch. 1), Part 5:

* [5B 5(2)] a candidate with more than half of all the first preference votes is returned;
* [5B 5(4)-(6)] otherwise the two candidates with most first preference votes remain in the
  contest, or all of those qualified by an equality of first preference votes; the others are
  eliminated. (OpenSTV always keeps exactly two: that is not the law.)
* [r. 55(1)] second preference votes are counted for each remaining candidate from voters who did
  not give their first preference vote to any remaining candidate; [r. 55(2)] a second preference
  counts only beside a valid first preference;
* [r. 56(1)] each remaining candidate's total is first plus second preferences; the highest total
  is returned, and [5B 5(8); r. 56] an equality of totals is settled by lot.

A ranked ballot counts its first preference as the first choice and its second preference as the
second choice; any later preferences are ignored.
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
    standing_ballots,
)
from teller.errors import CountError
from teller.model import Contest, Profile
from teller.record import (
    Action,
    ActionKind,
    CountRecord,
    ElectedBy,
    Election,
    Parcel,
    Tie,
    TieBreak,
)

SOURCE = (
    "Local Democracy, Economic Development and Construction Act 2009, Sch. 5B para. 5; "
    "Combined Authority Mayoral Elections Rules 2017 (SI 2017/67), Sch. 1 rr. 55-56"
)


def count_sv(contest: Contest, profile: Profile, ctx: CountContext) -> CountRecord:
    check_options(contest, {})
    require_candidates(contest)
    if contest.seats != 1:
        raise CountError("the Supplementary Vote fills one seat")
    rb = RecordBuilder(contest, profile, ctx, rules="sv", source=SOURCE)
    names = rb.names
    ballots = [(r, w) for r, w in standing_ballots(contest, profile) if r]
    valid = sum(w for _, w in ballots)
    first: dict[int, Fraction] = {c: Fraction(0) for c in rb.standing}
    for ranking, weight in ballots:
        first[ranking[0]] += weight

    # [5B 5(2)] more than half of all the first preference votes.
    half = Fraction(valid, 2)
    leader = max(first, key=lambda c: first[c]) if first else None
    if leader is not None and first[leader] > half:
        rb.add_stage(
            Action(ActionKind.FIRST_PREFERENCES, rule="5B 5(2)"),
            first,
            elected=[Election(names[leader], ElectedBy.QUOTA)],
            quota=half,
        )
        return rb.build(valid_ballots=valid, quota_criterion="exceed")

    # [5B 5(4)-(6)] the top two remain, or all those tied into second place.
    ranked = sorted(first, key=lambda c: -first[c])
    if len(ranked) <= 2:
        remaining = ranked
    else:
        second_value = first[ranked[1]]
        remaining = [c for c in ranked if first[c] >= second_value]
    ties: list[Tie] = []
    if len(remaining) > 2:
        tied = [c for c in remaining if first[c] == first[ranked[1]]]
        ties.append(
            Tie(
                kind="second-place",
                candidates=tuple(names[c] for c in tied),
                resolved_by=TieBreak.NOT_NEEDED,
                chosen=tuple(names[c] for c in tied),
            )
        )
    eliminated = [c for c in ranked if c not in remaining]
    rb.add_stage(
        Action(ActionKind.FIRST_PREFERENCES, rule="5B 5(4)"),
        first,
        excluded=eliminated,
        ties=ties,
        quota=half,
    )
    if not eliminated:
        # Only the remaining candidates stood: the first count decides.
        return _declare(rb, first, remaining, valid, exhausted=Fraction(0))

    # [r. 55(1)] second preferences of voters whose first preference is not a remaining candidate.
    keep = set(remaining)
    papers: dict[int, int] = {c: 0 for c in remaining}
    exhausted = 0
    for ranking, weight in ballots:
        if ranking[0] in keep:
            continue
        second = ranking[1] if len(ranking) > 1 else None
        if second is not None and second in keep:
            papers[second] += weight
        else:
            exhausted += weight
    totals = {c: first[c] + papers[c] if c in keep else Fraction(0) for c in rb.standing}
    parcel = Parcel(
        value=Fraction(1),
        transfer_value=Fraction(1),
        papers={names[c]: n for c, n in papers.items() if n},
        exhausted=exhausted,
    )
    rb.add_stage(
        Action(
            ActionKind.SECOND_PREFERENCES,
            candidates=tuple(names[c] for c in eliminated),
            parcels=(parcel,),
            rule="55(1)",
        ),
        totals,
        exhausted=Fraction(exhausted),
    )
    return _declare(rb, totals, remaining, valid, exhausted=Fraction(exhausted))


def _declare(
    rb: RecordBuilder,
    totals: dict[int, Fraction],
    remaining: list[int],
    valid: int,
    *,
    exhausted: Fraction,
) -> CountRecord:
    """[r. 56] the remaining candidate with the highest total is returned; equality by lot."""
    best = max(totals[c] for c in remaining)
    top = [c for c in remaining if totals[c] == best]
    ties: list[Tie] = []
    by = ElectedBy.MOST_VOTES
    winner = top[0]
    if len(top) > 1:
        winner = rb.ties.draw_order(top)[0]
        by = ElectedBy.LOT
        ties.append(
            Tie(
                kind="winner",
                candidates=tuple(rb.names[c] for c in sorted(top)),
                resolved_by=TieBreak.LOT,
                chosen=(rb.names[winner],),
                seed=rb.ctx.seed,
            )
        )
    last = rb.stages[-1]
    rb.amend_last(
        elected=(*last.elected, Election(rb.names[winner], by)),
        ties=(*last.ties, *ties),
    )
    return rb.build(valid_ballots=valid, quota_criterion="exceed")


SV = RuleSet(
    method="sv",
    name="sv",
    title="Supplementary Vote (English mayors 2000-2022)",
    source=SOURCE,
    arithmetic=Arithmetic.integer(),
    run=count_sv,
    default=True,
)
