"""Small builders shared by the list-count tests."""

from __future__ import annotations

from teller.count.lists import ConstituencyResult, ListEntry, RegionVotes, count_lists
from teller.model import Contest
from teller.record import CountRecord


def party(name: str, votes: int, members: tuple[str, ...] | None = None) -> ListEntry:
    return ListEntry(name, votes, members=members)


def independent(name: str, votes: int) -> ListEntry:
    return ListEntry(name, votes, independent=True)


def won(*rows: tuple[str, str, str | None]) -> tuple[ConstituencyResult, ...]:
    """Constituency results from ``(constituency, member, party)`` rows."""
    return tuple(ConstituencyResult(c, m, p) for c, m, p in rows)


def run(
    method: str,
    seats: int,
    *entries: ListEntry,
    rules: str | None = None,
    constituencies: tuple[ConstituencyResult, ...] = (),
    seed: int | None = None,
    valid_votes: int | None = None,
    **options: object,
) -> CountRecord:
    votes = RegionVotes(tuple(entries), constituencies, valid_votes)
    contest = Contest((), seats=seats, method=method, rules=rules, options=options)
    return count_lists(contest, votes, seed=seed)


def list_seats(record: CountRecord) -> dict[str, int]:
    """List seats won, parties with none left out."""
    assert record.allocation is not None
    return {k: v for k, v in record.allocation.seats.items() if v}
