"""Tables of a list allocation (D'Hondt, Sainte-Laguë, the list half of AMS), as plain data.

Votes and seats by party; the quotient of every party in every round, marking who won the
seat; and the members elected from the lists, in order. Quotients are shown exactly as the
record's arithmetic writes them (a rational arithmetic writes thirds as ``p/q``).
"""

from __future__ import annotations

from dataclasses import dataclass

from teller.record import Allocation, CountRecord
from teller.sheets.facts import Numbers, count_of, percent
from teller.sheets.tables import Row, Statement

AWARDED_MARK = "*"


def _allocation(record: CountRecord) -> Allocation:
    if record.allocation is None:
        raise ValueError("this record has no list allocation")
    return record.allocation


def party_order(alloc: Allocation) -> tuple[str, ...]:
    """Parties as the allocation lists their votes, then any only the rounds name."""
    names = list(alloc.votes)
    for source in (alloc.prior_seats, alloc.seats_by_party):
        names += [p for p in source if p not in names]
    for rnd in alloc.rounds:
        names += [p for p in rnd.quotients if p not in names]
    return tuple(names)


def seats_statement(record: CountRecord, numbers: Numbers) -> Statement:
    """Votes, share, seats already held, seats allocated and total seats of each party."""
    alloc = _allocation(record)
    total_votes = sum(alloc.votes.values())
    prior = any(alloc.prior_seats.values())
    rows = []
    for party in party_order(alloc):
        votes = alloc.votes.get(party, 0)
        values = [numbers.show(votes), percent(votes, total_votes)]
        if prior:
            values.append(str(alloc.prior_seats.get(party, 0)))
        values += [str(alloc.seats.get(party, 0)), str(alloc.seats_by_party.get(party, 0))]
        result = ""
        if party in alloc.below_threshold:
            result = "Below the threshold"
        elif party in alloc.ineligible:
            result = "Not eligible for further seats"
        rows.append(Row(party, "", tuple(values), result))
    totals = [numbers.show(total_votes), percent(total_votes, total_votes)]
    if prior:
        totals.append(str(sum(alloc.prior_seats.values())))
    totals += [str(sum(alloc.seats.values())), str(sum(alloc.seats_by_party.values()))]
    rows.append(Row("Total", "", tuple(totals), "", "total"))
    columns = ["Votes", "Share"]
    if prior:
        columns.append("Seats already held")
    columns += ["Seats allocated", "Total seats"]
    title = f"Votes and seats ({divisor_name(alloc)})"
    if alloc.threshold is not None:
        title += f"; threshold {percent(alloc.threshold, 1)} of the vote"
    return Statement(title, tuple(columns), tuple(rows), name_head="Party", describe=False)


def divisor_name(alloc: Allocation) -> str:
    names = {
        "dhondt": "D'Hondt divisors 1, 2, 3, ...",
        "sainte-lague": "Sainte-Laguë divisors 1, 3, 5, ...",
    }
    return names.get(alloc.divisors, alloc.divisors)


@dataclass(frozen=True, slots=True)
class QuotientTable:
    """Parties as rows, rounds as columns."""

    parties: tuple[str, ...]
    """Row labels."""
    rounds: tuple[int, ...]
    """Round numbers."""
    cells: tuple[tuple[str, ...], ...]
    """``cells[party][round]``: the quotient, or empty where the party was not eligible."""
    awarded: tuple[tuple[bool, ...], ...]
    """``awarded[party][round]``: whether the party won that round's seat."""


def quotient_table(record: CountRecord, numbers: Numbers) -> QuotientTable:
    alloc = _allocation(record)
    parties = party_order(alloc)
    cells = tuple(
        tuple(numbers.show(rnd.quotients[p]) if p in rnd.quotients else "" for rnd in alloc.rounds)
        for p in parties
    )
    awarded = tuple(tuple(rnd.awarded == p for rnd in alloc.rounds) for p in parties)
    return QuotientTable(parties, tuple(r.number for r in alloc.rounds), cells, awarded)


def list_members(record: CountRecord) -> list[tuple[str, str, str]]:
    """``(order, party, member)`` for members elected from lists, in order of allocation."""
    alloc = _allocation(record)
    return [(count_of(i), party, name) for i, (party, name) in enumerate(alloc.list_elected, 1)]
