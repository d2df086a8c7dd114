"""First past the post and the block vote.

FPTP: Representation of the People Act 1983, Sch. 1 (Parliamentary Elections Rules): the votes
are counted [r. 45]; the candidate with most votes is returned [r. 50]; where an equality of votes
is found between candidates and the addition of a vote would entitle one of them to be declared
elected, the returning officer decides between them by lot [r. 49].

Block vote (multi-member wards in England and Wales): Local Elections (Principal Areas) (England
and Wales) Rules 2006 (SI 2006/3304), Sch. 2: each voter has as many votes as there are seats and
may give each candidate at most one; the candidates with most votes fill the seats; an equality
that decides a seat is settled by lot as for parliamentary elections. A paper marked for more
candidates than there are seats is void for uncertainty and rejected (its count is recorded).

A ranked ballot counted under FPTP counts for its first preference; under the block vote for
every candidate it marks.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from teller.arithmetic import Arithmetic
from teller.count.base import (
    CountContext,
    RecordBuilder,
    RuleSet,
    check_options,
    require_candidates,
    standing_ballots,
)
from teller.count.vector import standing_arrays, use_fast
from teller.errors import CountError
from teller.model import NO_PREFERENCE, Contest, Profile
from teller.record import Action, ActionKind, CountRecord, ElectedBy, Election, Tie, TieBreak

FPTP_SOURCE = (
    "Representation of the People Act 1983, Sch. 1 (Parliamentary Elections Rules), rr. 45-50"
)
BLOCK_SOURCE = (
    "Local Elections (Principal Areas) (England and Wales) Rules 2006 (SI 2006/3304), Sch. 2; "
    "equality of votes settled by lot as RPA 1983 Sch. 1 r. 49"
)


def _most_votes(
    rb: RecordBuilder, totals: dict[int, Fraction], seats: int
) -> tuple[list[int], list[Tie]]:
    """The ``seats`` candidates with most votes; a tie across the last seat goes to lot [r. 49]."""
    ranked = sorted(totals, key=lambda c: -totals[c])
    if len(ranked) <= seats:
        return ranked, []
    cutoff = totals[ranked[seats - 1]]
    above = [c for c in ranked if totals[c] > cutoff]
    at = [c for c in ranked if totals[c] == cutoff]
    places = seats - len(above)
    if len(at) == places:
        return above + at, []
    # [r. 49] equality where one more vote would elect: decide by lot.
    drawn = rb.ties.draw_order(at)
    winners = drawn[:places]
    tie = Tie(
        kind="seat",
        candidates=tuple(rb.names[c] for c in sorted(at)),
        resolved_by=TieBreak.LOT,
        chosen=tuple(rb.names[c] for c in winners),
        seed=rb.ctx.seed,
    )
    ordered = above + sorted(winners, key=lambda c: drawn.index(c))
    return ordered, [tie]


def _plurality(
    contest: Contest, profile: Profile, ctx: CountContext, *, block: bool
) -> CountRecord:
    check_options(contest, {})
    require_candidates(contest)
    if not block and contest.seats != 1:
        raise CountError("first past the post fills one seat; use the block vote for several")
    rb = RecordBuilder(
        contest,
        profile,
        ctx,
        rules="block" if block else "fptp",
        source=BLOCK_SOURCE if block else FPTP_SOURCE,
    )
    tally = _tally_fast if use_fast(ctx, profile) else _tally_reference
    votes, valid, void, empty = tally(contest, profile, block)
    totals = {c: Fraction(votes.get(c, 0)) for c in rb.standing}
    notes = []
    if void:
        notes.append(
            f"{void} paper(s) marked for more than {contest.seats} candidates were rejected "
            "as void for uncertainty"
        )
    if empty:
        notes.append(f"{empty} paper(s) with no vote for a standing candidate were not counted")
    winners, ties = _most_votes(rb, totals, contest.seats)
    by = {c: ElectedBy.MOST_VOTES for c in winners}
    for tie in ties:
        for name in tie.chosen:
            by[rb.names.index(name)] = ElectedBy.LOT
    rb.add_stage(
        Action(ActionKind.COUNT, rule="45" if not block else None),
        totals,
        elected=[Election(rb.names[c], by[c]) for c in winners],
        ties=ties,
        notes=notes,
    )
    return rb.build(valid_ballots=valid)


Tally = tuple[dict[int, int], int, int, int]
"""Votes per candidate, valid papers, void papers (too many marks), papers with no vote."""


def _tally_reference(contest: Contest, profile: Profile, block: bool) -> Tally:
    votes: dict[int, int] = {}
    valid = void = empty = 0
    for ranking, weight in standing_ballots(contest, profile):
        if not ranking:
            empty += weight
            continue
        if block:
            if len(ranking) > contest.seats:
                void += weight  # more votes than seats: void for uncertainty
                continue
            for c in ranking:
                votes[c] = votes.get(c, 0) + weight
        else:
            votes[ranking[0]] = votes.get(ranking[0], 0) + weight
        valid += weight
    return votes, valid, void, empty


def _tally_fast(contest: Contest, profile: Profile, block: bool) -> Tally:
    """The same tally with NumPy: exact, since use_fast keeps weight sums below 2^53."""
    ranks = standing_arrays(contest, profile)
    weights = profile.weights
    marks = (ranks != NO_PREFERENCE).sum(axis=1) if ranks.size else np.zeros(len(weights), int)
    empty = int(weights[marks == 0].sum())
    if block:
        too_many = marks > contest.seats
        void = int(weights[too_many].sum())
        counted = (marks > 0) & ~too_many
        cells = ranks[counted]
        present = cells != NO_PREFERENCE
        voted = cells[present]
        per_cell = np.broadcast_to(weights[counted][:, None], cells.shape)[present]
    else:
        void = 0
        counted = marks > 0
        voted = ranks[counted, 0] if ranks.size else np.zeros(0, np.int16)
        per_cell = weights[counted]
    sums = np.bincount(voted.astype(np.int64), weights=per_cell, minlength=profile.n_candidates)
    votes = {c: int(v) for c, v in enumerate(sums.tolist()) if v}
    return votes, int(weights[counted].sum()), void, empty


def count_fptp(contest: Contest, profile: Profile, ctx: CountContext) -> CountRecord:
    return _plurality(contest, profile, ctx, block=False)


def count_block(contest: Contest, profile: Profile, ctx: CountContext) -> CountRecord:
    return _plurality(contest, profile, ctx, block=True)


FPTP = RuleSet(
    method="fptp",
    name="fptp",
    title="First past the post (single member plurality)",
    source=FPTP_SOURCE,
    arithmetic=Arithmetic.integer(),
    run=count_fptp,
    default=True,
)

BLOCK = RuleSet(
    method="block",
    name="block",
    title="Block vote (multi-member plurality: up to one vote per seat)",
    source=BLOCK_SOURCE,
    arithmetic=Arithmetic.integer(),
    run=count_block,
    default=True,
)
