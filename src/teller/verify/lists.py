"""List PR by highest averages (D'Hondt; Sainte-Laguë), including the list half of AMS.

Each round awards the seat to the highest quotient, votes / divisor(seats held so far including
prior seats), with divisors 1, 2, 3, ... (D'Hondt) or 1, 3, 5, ... (Sainte-Laguë); parties under
the threshold take no part; a tie for the highest quotient must be recorded and settled by lot
(the verifier cannot redraw a lot). ``seats`` counts the rounds each party won and
``seats_by_party`` adds the prior seats.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from teller.verify.findings import Report
from teller.verify.model import Record
from teller.verify.numbers import exact_text

DIVISORS: dict[str, Callable[[int], int]] = {
    "dhondt": lambda held: held + 1,
    "sainte-lague": lambda held: 2 * held + 1,
}


def check_allocation(record: Record, report: Report) -> None:
    alloc = record.allocation
    assert alloc is not None
    divisor = DIVISORS.get(alloc.divisors)
    if divisor is None:
        report.add(
            None,
            "allocation",
            f"unknown divisors {alloc.divisors!r} (known: {', '.join(DIVISORS)})",
        )
        return
    total = sum(alloc.votes.values())
    if alloc.threshold is not None:
        for party, votes in alloc.votes.items():
            under = Fraction(votes) < alloc.threshold * total
            if under != (party in alloc.below_threshold):
                side = "below" if under else "at or above"
                report.add(
                    None,
                    "allocation",
                    f"{party} has {votes} of {total} votes, {side} the "
                    f"{exact_text(alloc.threshold)} threshold, but the record says otherwise",
                )
    held = {p: alloc.prior_seats.get(p, 0) for p in alloc.votes}
    won = dict.fromkeys(alloc.votes, 0)
    for i, rnd in enumerate(alloc.rounds, start=1):
        if rnd.number != i:
            report.add(None, "allocation", f"round {rnd.number} is listed {i}th")
        for party, q in rnd.quotients.items():
            expect = Fraction(alloc.votes[party], divisor(held[party]))
            if q != expect:
                report.add(
                    None,
                    "allocation",
                    f"round {i}: {party}'s quotient is {alloc.votes[party]} / "
                    f"{divisor(held[party])} = {exact_text(expect)}, not {exact_text(q)}",
                )
        for party in alloc.votes:
            if (
                party not in rnd.quotients
                and party not in alloc.below_threshold
                and party not in alloc.ineligible
            ):
                report.add(
                    None, "allocation", f"round {i}: {party} is eligible but has no quotient"
                )
        if rnd.awarded not in rnd.quotients:
            report.add(
                None,
                "allocation",
                f"round {i}: the seat goes to {rnd.awarded}, who has no quotient this round",
            )
            continue
        best = max(rnd.quotients.values())
        top = sorted(p for p, q in rnd.quotients.items() if q == best)
        if rnd.quotients[rnd.awarded] != best:
            report.add(
                None,
                "allocation",
                f"round {i}: the seat goes to {rnd.awarded} "
                f"({exact_text(rnd.quotients[rnd.awarded])}), not the highest quotient "
                f"{', '.join(top)} ({exact_text(best)})",
            )
        elif len(top) > 1 and (
            rnd.tie is None
            or set(rnd.tie.candidates) != set(top)
            or rnd.tie.resolved_by != "lot"
            or tuple(rnd.tie.chosen[:1]) != (rnd.awarded,)
        ):
            report.add(
                None,
                "tie",
                f"round {i}: {', '.join(top)} have equal highest quotients and no lot choosing "
                f"{rnd.awarded} is recorded",
            )
        held[rnd.awarded] += 1
        won[rnd.awarded] += 1
    for party in alloc.votes:
        if alloc.seats.get(party, 0) != won[party]:
            report.add(
                None,
                "allocation",
                f"{party} wins {won[party]} round(s) but is recorded with "
                f"{alloc.seats.get(party, 0)} seat(s)",
            )
        if alloc.seats_by_party.get(party, 0) != held[party]:
            report.add(
                None,
                "allocation",
                f"{party} holds {alloc.prior_seats.get(party, 0)} prior + {won[party]} seat(s) = "
                f"{held[party]}, not {alloc.seats_by_party.get(party, 0)}",
            )
    if len(alloc.rounds) != record.seats:
        report.add(
            None,
            "allocation",
            f"{len(alloc.rounds)} round(s) allocate seats but the record fills {record.seats}",
        )
