"""Meek STV by the Proportional Representation Foundation's reference rule (rule set
``meek-prf``): "Reference Rule: Meek's Method", prfound.org (Reference STV Rules). Step labels
are the rule's own (A, B.1-B.4, C, T), cited inline.

* [A] hopeful candidates keep 1; omega = 0.000001;
* [B.1] count until the seats are filled or the elected and hopeful are no more than the seats;
* [B.2.a] each ballot gives each candidate in turn its weight x keep factor, to 9 decimals
  rounded up, and its weight falls by the same amount;
* [B.2.b] quota = total vote / (seats + 1), truncated to 9 decimals, plus 0.000000001;
* [B.2.c] hopeful candidates whose vote reaches the quota are elected;
* [B.2.d] total surplus = sum of (vote - quota) over the elected, not below 0;
* [B.2.e] an election ends the round; so does a surplus below omega, or (after the first
  iteration) a surplus no smaller than the iteration before;
* [B.2.f] keep factor = keep factor x quota (9 decimals, up) / vote (9 decimals, up);
* [B.3] otherwise the hopeful candidate with fewest votes is defeated; candidates within the
  total surplus of the fewest are tied with them; [T] the tie is settled by the defined
  tiebreaking procedure: here a lot from the count's seed, or, with option
  ``tie_order: ballot``, the order of the candidates on the ballot paper (as Droop does);
* [C.1] seats left unfilled go to the remaining hopeful candidates.
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
from teller.count.stv.meek import by_votes
from teller.count.stv.meekcount import start_meek
from teller.errors import CountError
from teller.model import Contest, Profile
from teller.record import CountRecord, ElectedBy, Election, Tie, TieBreak

SOURCE = "Proportional Representation Foundation, Reference Rule: Meek's Method (prfound.org)"
RULES = "meek-prf"
ARITHMETIC = Arithmetic.fixed(9)
OMEGA = Fraction(1, 10**6)  # [A]
OPTIONS = {
    "tie_order": "lot (default): [T] ties drawn by lot from the seed; "
    "ballot: the ballot-paper order is the tiebreaking order",
}


def count_meek_prf(contest: Contest, profile: Profile, ctx: CountContext) -> CountRecord:
    check_options(contest, OPTIONS)
    require_candidates(contest)
    if ctx.arithmetic != ARITHMETIC:
        raise CountError("the PRF reference Meek rule counts to 9 decimals (fixed:9) only")
    tie_order = str(contest.options.get("tie_order", "lot"))
    if tie_order not in ("lot", "ballot"):
        raise CountError("tie_order must be 'lot' or 'ballot'")
    arith = ARITHMETIC
    rb, papers, valid, stages, group = start_meek(contest, profile, ctx, rules=RULES, source=SOURCE)
    names = rb.names
    seats = contest.seats

    def up(x: Fraction) -> Fraction:
        return arith.quantize(x, Rounding.UP)

    def share(weight: Fraction, keep: Fraction) -> Fraction:
        return up(weight * keep)  # [B.2.a] to 9 decimal places, rounded up

    def rest(weight: Fraction, _keep: Fraction, kept: Fraction) -> Fraction:
        return weight - kept  # [B.2.a] reduce w by the same amount

    keep = {c: Fraction(1) for c in rb.standing}  # [A]
    hopeful = set(rb.standing)
    elected: list[int] = rb.elected
    iteration = 0

    def defeat(losers: list[int], notes: list[str], ties: list[Tie]) -> None:
        for c in losers:
            keep[c] = Fraction(0)  # [B.3] set the keep factor of c to 0
            hopeful.discard(c)
        stages.amend(excluded=losers, ties=ties, notes=notes)

    # [B.1] test count complete.
    while len(hopeful) > seats - len(elected) > 0:
        forced = group.must_exclude(hopeful, elected) if group else []
        if forced and group is not None and rb.stages:
            defeat(forced, [group.exclusion_note(names, forced, len(elected))], [])
            continue
        # [B.2] iterate.
        status = "iterate"
        last_surplus = Fraction(valid)
        first = True
        while True:
            iteration += 1
            alloc = papers.allocate(keep, share, rest)  # [B.2.a]
            votes = alloc.votes
            total = sum(votes.values(), Fraction(0))
            quota = arith.div(total, seats + 1, Rounding.DOWN) + arith.unit  # [B.2.b]
            reached = by_votes((c for c in hopeful if votes.get(c, Fraction(0)) >= quota), votes)
            notes: list[str] = []
            if group is not None:
                reached, passed = group.filter_elect(reached, elected)
                if passed:
                    notes.append(group.passed_over_note(names, passed))
            for c in reached:  # [B.2.c]
                hopeful.discard(c)
                elected.append(c)
                status = "elected"
            # [B.2.d] total surplus, not less than 0.
            surplus = max(
                Fraction(0), sum((votes.get(c, Fraction(0)) - quota for c in elected), Fraction(0))
            )
            if status != "elected":  # [B.2.e]
                if surplus < OMEGA:
                    status = "omega"
                elif not first and surplus >= last_surplus:
                    status = "stable"
            if status != "iterate":
                break
            last_surplus = surplus
            first = False
            for c in elected:  # [B.2.f]
                keep[c] = arith.div(up(keep[c] * quota), votes[c], Rounding.UP)
        stages.add(
            iteration,
            alloc,
            quota=quota,
            keep=keep,
            elected=[Election(names[c], ElectedBy.QUOTA) for c in reached],
            notes=notes,
            rule="B.2" if rb.stages else "B.2 (first iteration: first preferences)",
        )
        if status == "elected" or not hopeful or len(elected) >= seats:
            continue
        if group is not None and group.must_exclude(hopeful, elected):
            continue  # [G2] comes before [B.3]: the forced exclusion is made next time round
        # [B.3] defeat the hopeful candidate with the lowest vote; ties within the surplus.
        protected = group.protected(hopeful, elected) if group else set()
        eligible = sorted(hopeful - protected)
        low = min(votes.get(c, Fraction(0)) for c in eligible)
        tied = [c for c in eligible if votes.get(c, Fraction(0)) <= low + surplus]
        reason = "surplus below omega" if status == "omega" else "stable surplus"
        why = [f"[B.3] defeat ({reason}: {arith.format(surplus)})"]
        if protected and group is not None:
            why.append(group.protected_note(names, protected))
        loser, tie = _break_tie(rb, tied, tie_order)
        defeat([loser], why, [tie] if tie else [])
    if not rb.stages:  # [B.1] no more hopeful candidates than seats: first preferences only
        alloc = papers.allocate(keep, share, rest)
        total = sum(alloc.votes.values(), Fraction(0))
        quota = arith.div(total, seats + 1, Rounding.DOWN) + arith.unit
        stages.add(1, alloc, quota=quota, keep=keep, rule="B.1")
    if len(elected) < seats and hopeful:
        # [C.1] elect remaining.
        rest_in = by_votes(hopeful, {c: rb.stages[-1].totals[names[c]] for c in hopeful})
        elected.extend(rest_in)
        stages.amend(
            elected=[Election(names[c], ElectedBy.DEEMED) for c in rest_in],
            notes=["[C.1] elect remaining"],
        )
    return rb.build(quota=rb.stages[0].quota, valid_ballots=valid, options={"tie_order": tie_order})


def _break_tie(rb: RecordBuilder, tied: list[int], tie_order: str) -> tuple[int, Tie | None]:
    """[T] one candidate for defeat from the tied group."""
    if len(tied) == 1:
        return tied[0], None
    names = rb.names
    if tie_order == "ballot":
        # The ballot-paper order stands for an order drawn in advance: no seed is used.
        loser, seed = min(tied), None
    else:
        loser, seed = rb.ties.draw_order(tied)[0], rb.ties.seed
    tie = Tie(
        kind="exclusion",
        candidates=tuple(names[c] for c in sorted(tied)),
        resolved_by=TieBreak.LOT,
        chosen=(names[loser],),
        seed=seed,
    )
    return loser, tie


MEEK_PRF = RuleSet(
    method="stv",
    name=RULES,
    title="Meek STV, PR Foundation reference rule (9 decimals, omega 0.000001)",
    source=SOURCE,
    arithmetic=ARITHMETIC,
    run=count_meek_prf,
    aliases=("prf-meek",),
    options=OPTIONS,
)
