"""Meek STV as New Zealand local elections count it (rule set ``meek``): Local Electoral
Regulations 2001 (SR 2001/145), Schedule 1A, "New Zealand method of counting single transferable
votes" (inserted by SR 2003/391), after Hill, Wichmann and Woodall (1987). Clause numbers are
cited inline; docs/stv.md states which clauses were read in full and how the few that were not
are carried out.

* [5] quota q = (v - vnt) / (n + 1) + 0.000000001, truncated to 9 decimals, where vnt is the
  non-transferable vote; [6] first preferences that reach it are successful;
* [7]-[9] keep values: hopeful 1, excluded 0, successful q / vc, and from then on [17]
  kc = q x kc / vc, the product and the quotient each to 9 decimals rounded up if not exact;
* [10] each voting document gives each candidate in turn its weight x kc and carries on its
  weight x (1 - kc), each product to 9 decimals rounded up if not exact;
* [11] the quota is recalculated; [12] hopeful candidates reaching it are successful;
* [13] the hopeful candidate with fewest votes is excluded if those votes plus the total
  surplus are less than every other hopeful candidate's votes, or the total surplus is below
  0.0001; [19] equal lowest by the AAFD method [40], then the lowest PRN [41]-[48];
* [3] counting is complete when the successful candidates fill the vacancies, or successful
  and hopeful candidates together equal them (the hopeful become successful).
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
from teller.count.stv.meek import by_votes
from teller.count.stv.meekcount import start_meek
from teller.count.stv.nzprng import aafd_then_prn
from teller.errors import CountError
from teller.model import Contest, Profile
from teller.record import CountRecord, ElectedBy, Election

SOURCE = (
    "Local Electoral Regulations 2001 (NZ, SR 2001/145), Schedule 1A: New Zealand method of "
    "counting single transferable votes"
)
RULES = "meek"
ARITHMETIC = Arithmetic.fixed(9)
SURPLUS_LIMIT = Fraction(1, 10_000)  # [13] 0.0001


def count_meek_nz(contest: Contest, profile: Profile, ctx: CountContext) -> CountRecord:
    check_options(contest, {})
    require_candidates(contest)
    if ctx.arithmetic != ARITHMETIC:
        raise CountError("Schedule 1A counts to 9 decimal places (fixed:9) only")
    arith = ARITHMETIC
    unit = arith.unit
    rb, papers, valid, stages, group = start_meek(contest, profile, ctx, rules=RULES, source=SOURCE)
    names = rb.names
    n = contest.seats

    def up(x: Fraction) -> Fraction:
        return arith.quantize(x, Rounding.UP)

    def share(weight: Fraction, keep: Fraction) -> Fraction:
        return up(weight * keep)  # [10] rounded up if not exact

    def rest(weight: Fraction, keep: Fraction, _kept: Fraction) -> Fraction:
        return up(weight * (1 - keep))  # [10] rounded up if not exact

    def quota_of(vnt: Fraction) -> Fraction:
        return arith.div(valid - vnt, n + 1, Rounding.DOWN) + unit  # [5], [11]

    keep = {c: Fraction(1) for c in rb.standing}  # [8] hopeful candidates keep 1
    hopeful = set(rb.standing)
    successful: list[int] = rb.elected
    steps: list[dict[int, Fraction]] = []  # each step's votes, for [40]

    def complete() -> bool:
        return len(successful) >= n or len(successful) + len(hopeful) <= n

    iteration = 0
    seen: set[tuple[Fraction, ...]] = set()
    while True:
        iteration += 1
        alloc = papers.allocate(keep, share, rest)  # [10]; step 1 = first preferences [5]-[6]
        votes = alloc.votes
        steps.append({c: votes.get(c, Fraction(0)) for c in rb.standing})
        quota = quota_of(alloc.exhausted)
        # [6] / [12] hopeful candidates reaching the quota become successful.
        reached = by_votes((c for c in hopeful if votes.get(c, Fraction(0)) >= quota), votes)
        reached = reached[: n - len(successful)]
        notes: list[str] = []
        if group is not None:
            reached, passed = group.filter_elect(reached, successful)
            if passed:
                notes.append(group.passed_over_note(names, passed))
        for c in reached:
            hopeful.discard(c)
            successful.append(c)
        elected = [Election(names[c], ElectedBy.QUOTA) for c in reached]
        excluded: list[int] = []
        ties = []
        surplus = sum((votes.get(c, Fraction(0)) - quota for c in successful), Fraction(0))
        state = tuple(keep[c] for c in rb.standing)
        stuck = not reached and state in seen
        seen.add(state)
        if not complete():
            forced = group.must_exclude(hopeful, successful) if group else []
            if forced and group is not None:
                excluded = forced
                notes.append(group.exclusion_note(names, forced, len(successful)))
            else:
                protected = group.protected(hopeful, successful) if group else set()
                eligible = sorted(hopeful - protected)
                low = min(votes.get(c, Fraction(0)) for c in eligible)
                tied = [c for c in eligible if votes.get(c, Fraction(0)) == low]
                others = [votes.get(c, Fraction(0)) for c in hopeful if c not in tied]
                clear = len(tied) == 1 and all(low + surplus < v for v in others)
                if surplus < SURPLUS_LIMIT or clear or stuck:
                    loser, tie, why = aafd_then_prn(tied, steps, iteration, rb, valid)
                    excluded = [loser]
                    ties += [tie] if tie else []
                    notes += [why] if why else []
                    if stuck and not (surplus < SURPLUS_LIMIT or clear):
                        notes.append(
                            "keep values repeat without progress: lowest excluded as if the "
                            "total surplus were below 0.0001 (docs/stv.md, Meek)"
                        )
                    if protected and group is not None:
                        notes.append(group.protected_note(names, protected))
        for c in excluded:
            hopeful.discard(c)
        if elected or excluded or iteration == 1:
            stages.add(
                iteration,
                alloc,
                quota=quota,
                keep=keep,
                elected=elected,
                excluded=excluded,
                ties=ties,
                notes=notes,
                rule="5-6" if iteration == 1 else "10-13",
            )
            seen.clear()
        if complete():
            break
        # [9] excluded keep 0; [7] / [17] successful: kc = q x kc / vc, each rounded up.
        for c in excluded:
            keep[c] = Fraction(0)
        for c in successful:
            keep[c] = arith.div(up(quota * keep[c]), votes[c], Rounding.UP)
    if len(successful) < n and hopeful:
        # [3] successful and hopeful candidates equal the vacancies: the hopeful succeed.
        rest_in = by_votes(hopeful, steps[-1])
        successful.extend(rest_in)
        stages.amend(
            elected=[Election(names[c], ElectedBy.DEEMED) for c in rest_in],
            notes=["[3] successful and hopeful candidates equal the vacancies"],
        )
    return rb.build(quota=rb.stages[0].quota, valid_ballots=valid)


MEEK_NZ = RuleSet(
    method="stv",
    name=RULES,
    title="Meek STV, New Zealand Local Electoral Regulations 2001, Schedule 1A (9 decimals)",
    source=SOURCE,
    arithmetic=ARITHMETIC,
    run=count_meek_nz,
    aliases=("meek-nz", "nz-meek"),
)
