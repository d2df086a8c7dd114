"""Properties: the round-by-round allocation equals the classic divisor-table reading."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from list_cases import party, run, won

votes_lists = st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=6)


def _table(votes: list[int], held: list[int], seats: int, step: int) -> list[int] | None:
    """Seats won reading the divisor table: votes / ((held + k) * step + 1), k = 0, 1, ...

    Written independently of the code under test: every party's quotient for its 1st, 2nd, ...
    further seat, all sorted together, the top ``seats`` taken. None when the cut is a tie.
    """
    cells = []
    for p, (v, h) in enumerate(zip(votes, held, strict=True)):
        for k in range(seats):
            cells.append((Fraction(v, (h + k) * step + 1), p))
    cells.sort(key=lambda c: -c[0])
    if len(cells) > seats and cells[seats - 1][0] == cells[seats][0]:
        return None
    out = [0] * len(votes)
    for _, p in cells[:seats]:
        out[p] += 1
    return out


@settings(max_examples=200, deadline=None)
@given(votes=votes_lists, seats=st.integers(min_value=1, max_value=12))
def test_dhondt_and_sainte_lague_match_the_divisor_table(votes: list[int], seats: int) -> None:
    entries = [party(f"P{i}", v) for i, v in enumerate(votes)]
    for method, step in (("dhondt", 1), ("sainte-lague", 2)):
        expected = _table(votes, [0] * len(votes), seats, step)
        assume(expected is not None)
        record = run(method, seats, *entries)
        assert record.allocation is not None
        got = [record.allocation.seats[f"P{i}"] for i in range(len(votes))]
        assert got == expected


@settings(max_examples=200, deadline=None)
@given(
    votes=votes_lists,
    held=st.lists(st.integers(min_value=0, max_value=5), min_size=6, max_size=6),
    seats=st.integers(min_value=1, max_value=9),
)
def test_ams_divisor_counts_constituency_seats(
    votes: list[int], held: list[int], seats: int
) -> None:
    held = held[: len(votes)]
    expected = _table(votes, held, seats, 1)
    assume(expected is not None)
    rows = [(f"C{p}-{k}", f"M{p}-{k}", f"P{p}") for p, h in enumerate(held) for k in range(h)]
    entries = [party(f"P{i}", v) for i, v in enumerate(votes)]
    record = run("ams", seats, *entries, constituencies=won(*rows))
    alloc = record.allocation
    assert alloc is not None
    assert [alloc.seats[f"P{i}"] for i in range(len(votes))] == expected
    assert sum(alloc.seats_by_party.values()) == seats + sum(held)
    for r in alloc.rounds:
        assert r.quotients[r.awarded] == max(r.quotients.values())
