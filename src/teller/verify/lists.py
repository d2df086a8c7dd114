"""List PR by highest averages: D'Hondt, Sainte-Laguë, Senedd closed lists and the additional
member system (Scotland Act 1998 ss. 7-8; Government of Wales Act 1998/2006; Greater London
Authority Act 1999 Sch. 2 Part II), as teller's docs/lists.md records them.

* each round's figures: a party's votes / divisor(seats held), where seats held are its
  constituency seats (AMS) plus list seats won so far, divisors 1, 2, 3, ... (D'Hondt) or 1, 3,
  5, ... (Sainte-Laguë); an individual candidate's figure is their votes [s. 7(2)]; lists under
  the threshold (London: 5% of all valid list votes) take no part; a list absent from a round
  stays absent (elected individual, exhausted list);
* the seat goes to the highest figure [s. 8(1)-(2)]; equal highest figures that no more lists
  than seats left share each get a seat in turn (tie ``not-needed``); across the last seat(s):
  Scotland and Wales recalculate with one vote added, London as though one more seat were held,
  the highest taking it; still equal (and under D'Hondt, Sainte-Laguë, Senedd): by lot;
* constituency seats per party, list seats won per entry, seats by party, the stage's elected
  list and the valid vote all agree with the rounds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from fractions import Fraction

from teller.verify.findings import Report
from teller.verify.model import Allocation, Record, Round
from teller.verify.numbers import exact_text

DIVISORS: dict[str, Callable[[int], int]] = {
    "dhondt": lambda held: held + 1,
    "sainte-lague": lambda held: 2 * held + 1,
}

LIST_RULES: dict[str, tuple[str, str, Fraction | None]] = {
    # rules: (divisors, tie rule across the last seat, fixed threshold)
    "dhondt": ("dhondt", "lot", None),
    "sainte-lague": ("sainte-lague", "lot", None),
    "senedd-2024": ("dhondt", "lot", None),
    "scotland-1998": ("dhondt", "added-vote", None),
    "wales-1998": ("dhondt", "added-vote", None),
    "london-1999": ("dhondt", "next-seat", Fraction(5, 100)),
}


def check_allocation(record: Record, report: Report) -> None:
    alloc = record.allocation
    assert alloc is not None
    rules = LIST_RULES.get(record.rules)
    if rules is None:
        report.add(
            None,
            "rules-unknown",
            f"the verifier knows list rules {', '.join(LIST_RULES)}, not {record.rules!r}: ties "
            "across the last seat were not checked",
        )
        tie_rule = "unknown"
    else:
        divisors, tie_rule, threshold = rules
        if alloc.divisors != divisors:
            report.add(
                None, "allocation", f"{record.rules} allocates by {divisors}, not {alloc.divisors}"
            )
        if threshold is not None and alloc.threshold != threshold:
            report.add(
                None,
                "allocation",
                f"{record.rules} has a {exact_text(threshold)} threshold, not {alloc.threshold}",
            )
    divisor = DIVISORS.get(alloc.divisors)
    if divisor is None:
        report.add(
            None,
            "allocation",
            f"unknown divisors {alloc.divisors!r} (known: {', '.join(DIVISORS)})",
        )
        return
    _check_votes(record, alloc, report)
    prior = _check_prior(alloc, report)
    _check_rounds(record, alloc, prior, divisor, tie_rule, report)


def _check_votes(record: Record, alloc: Allocation, report: Report) -> None:
    stage = record.stages[0]
    if len(record.stages) != 1 or stage.action.kind != "allocation":
        report.add(None, "stages", "a list count is one stage of type 'allocation'")
    for party, votes in alloc.votes.items():
        if stage.totals.get(party) != votes:
            report.add(
                1,
                "allocation",
                f"{party} has {votes} list votes but a stage total of "
                f"{record.show(stage.totals.get(party, Fraction(0)))}",
            )
    if stage.non_transferable != 0:
        report.add(1, "conservation", "a list count sets nothing aside")
    itemised = sum(alloc.votes.values())
    total = itemised if alloc.total_votes is None else alloc.total_votes
    if total < itemised or record.valid_ballots != total:
        report.add(
            None,
            "conservation",
            f"the lists hold {itemised} votes of {total} in all, but valid_ballots is "
            f"{record.valid_ballots}",
        )
    if alloc.threshold is not None and total:
        for party, votes in alloc.votes.items():
            under = Fraction(votes, total) < alloc.threshold
            if under != (party in alloc.below_threshold):
                side = "below" if under else "at or above"
                report.add(
                    None,
                    "allocation",
                    f"{party} has {votes} of {total} votes, {side} the "
                    f"{exact_text(alloc.threshold)} threshold, but the record says otherwise",
                )


def _check_prior(alloc: Allocation, report: Report) -> dict[str, int]:
    """Seats held before the allocation, from the constituency results [s. 7(1)]."""
    held = Counter(
        (party if party is not None else name) for _, name, party in alloc.constituency_elected
    )
    stated = {p: n for p, n in alloc.prior_seats.items() if n}
    if alloc.constituency_elected and dict(held) != stated:
        report.add(
            None,
            "allocation",
            f"the constituency results give prior seats {dict(sorted(held.items()))}, not "
            f"{dict(sorted(stated.items()))}",
        )
    return stated


def _figure(alloc: Allocation, party: str, held: int, divisor: Callable[[int], int]) -> Fraction:
    votes = alloc.votes[party]
    return Fraction(votes) if party in alloc.independents else Fraction(votes, divisor(held))


def _check_rounds(
    record: Record,
    alloc: Allocation,
    prior: dict[str, int],
    divisor: Callable[[int], int],
    tie_rule: str,
    report: Report,
) -> None:
    won = dict.fromkeys(alloc.votes, 0)
    gone: set[str] = set()
    by: list[str] = []
    for i, rnd in enumerate(alloc.rounds, start=1):
        if rnd.number != i:
            report.add(None, "allocation", f"round {rnd.number} is listed {i}th")
        for party in alloc.votes:
            present = party in rnd.quotients
            if party in alloc.below_threshold and present:
                report.add(
                    None,
                    "allocation",
                    f"round {i}: {party} is below the threshold yet has a figure",
                )
            elif party in gone and present:
                report.add(
                    None,
                    "allocation",
                    f"round {i}: {party} left the allocation earlier yet has a figure again",
                )
            elif not present and party not in alloc.below_threshold:
                if party not in alloc.ineligible:
                    report.add(
                        None, "allocation", f"round {i}: {party} is eligible but has no figure"
                    )
                gone.add(party)
        for party, q in rnd.quotients.items():
            held = prior.get(party, 0) + won[party]
            expect = _figure(alloc, party, held, divisor)
            if q != expect:
                report.add(
                    None,
                    "allocation",
                    f"round {i}: {party}'s figure is {alloc.votes[party]} / {divisor(held)} = "
                    f"{exact_text(expect)}, not {exact_text(q)}",
                )
        if rnd.awarded not in rnd.quotients:
            report.add(
                None,
                "allocation",
                f"round {i}: the seat goes to {rnd.awarded}, who has no figure this round",
            )
            by.append("?")
            continue
        by.append(
            _check_winner(
                record, alloc, rnd, prior, won, divisor, tie_rule, len(alloc.rounds) - i + 1, report
            )
        )
        won[rnd.awarded] += 1
    _check_totals(record, alloc, prior, won, by, report)


def _check_winner(
    record: Record,
    alloc: Allocation,
    rnd: Round,
    prior: dict[str, int],
    won: dict[str, int],
    divisor: Callable[[int], int],
    tie_rule: str,
    left: int,
    report: Report,
) -> str:
    """The round's winner is right; returns how it was elected (``most-votes`` or ``lot``)."""
    i = rnd.number
    best = max(rnd.quotients.values())
    top = [p for p, q in rnd.quotients.items() if q == best]
    if rnd.awarded not in top:
        report.add(
            None,
            "allocation",
            f"round {i}: the seat goes to {rnd.awarded} "
            f"({exact_text(rnd.quotients[rnd.awarded])}), not the highest figure "
            f"{', '.join(top)} ({exact_text(best)}) [s. 8(1)-(2)]",
        )
        return "most-votes"
    if len(top) == 1:
        if rnd.tie is not None:
            report.add(
                None,
                "tie",
                f"round {i}: a tie is recorded but {rnd.awarded} alone has the highest figure",
            )
        return "most-votes"
    tie = rnd.tie
    if tie is None or set(tie.candidates) != set(top):
        report.add(
            None,
            "tie",
            f"round {i}: {', '.join(top)} have equal highest figures and no tie between them is "
            "recorded",
        )
        return "most-votes"
    if len(top) <= left:
        if tie.resolved_by != "not-needed" or set(tie.chosen) != set(top):
            report.add(
                None,
                "tie",
                f"round {i}: {', '.join(top)} can each have one of the {left} seats left, so the "
                f"tie decides nothing (not-needed), not {tie.resolved_by}",
            )
        return "most-votes"
    remaining = top
    if tie_rule in ("added-vote", "next-seat"):
        adjusted = {}
        for p in top:
            held = prior.get(p, 0) + won[p]
            if tie_rule == "added-vote":
                votes = alloc.votes[p] + 1
                adjusted[p] = (
                    Fraction(votes) if p in alloc.independents else Fraction(votes, divisor(held))
                )
            else:
                adjusted[p] = Fraction(
                    alloc.votes[p], divisor(held + 1 if p not in alloc.independents else 1)
                )
        if dict(rnd.adjusted) != adjusted:
            report.add(
                None,
                "tie",
                f"round {i}: the tied figures recalculated ({tie_rule}) are "
                f"{', '.join(f'{p} {exact_text(v)}' for p, v in adjusted.items())}",
            )
        high = max(adjusted.values())
        remaining = [p for p in top if adjusted[p] == high]
        if len(remaining) == 1:
            if (
                tie.resolved_by != "adjusted-figure"
                or rnd.awarded != remaining[0]
                or tuple(tie.chosen) != (rnd.awarded,)
            ):
                report.add(
                    None,
                    "tie",
                    f"round {i}: the recalculated figures give the seat to {remaining[0]}, not "
                    f"{rnd.awarded} by {tie.resolved_by}",
                )
            return "most-votes"
    if tie_rule == "unknown":
        return "lot" if tie.resolved_by == "lot" else "most-votes"
    if (
        tie.resolved_by != "lot"
        or rnd.awarded not in remaining
        or tuple(tie.chosen[:1]) != (rnd.awarded,)
    ):
        report.add(
            None,
            "tie",
            f"round {i}: {', '.join(remaining)} are still equal and only a lot can choose among "
            f"them; the record says {tie.resolved_by} chose {', '.join(tie.chosen) or 'nobody'}",
        )
    elif record.seed is None or tie.seed != record.seed:
        report.add(
            None,
            "tie",
            f"round {i}: a lot was drawn with seed {tie.seed}, but the record's seed is "
            f"{record.seed}",
        )
    return "lot"


def _check_totals(
    record: Record,
    alloc: Allocation,
    prior: dict[str, int],
    won: dict[str, int],
    by: list[str],
    report: Report,
) -> None:
    for party in alloc.votes:
        if alloc.seats.get(party, 0) != won[party]:
            report.add(
                None,
                "allocation",
                f"{party} wins {won[party]} round(s) but is recorded with "
                f"{alloc.seats.get(party, 0)} list seat(s)",
            )
    expect = Counter(prior)
    expect.update({p: n for p, n in won.items() if n})
    stated = {p: n for p, n in alloc.seats_by_party.items() if n}
    if dict(expect) != stated:
        report.add(
            None,
            "allocation",
            f"prior plus list seats are {dict(sorted(expect.items()))}, not seats_by_party "
            f"{dict(sorted(stated.items()))}",
        )
    if len(alloc.rounds) != record.seats:
        report.add(
            None,
            "allocation",
            f"{len(alloc.rounds)} round(s) allocate seats but the record fills {record.seats}",
        )
    stage = record.stages[0]
    want = [(rnd.awarded, how) for rnd, how in zip(alloc.rounds, by, strict=True)]
    if list(stage.elected) != want:
        report.add(
            1,
            "summary",
            f"the stage elects {', '.join(f'{n} ({b})' for n, b in stage.elected) or 'nobody'}, "
            f"but the rounds award {', '.join(f'{n} ({b})' for n, b in want)}",
        )
