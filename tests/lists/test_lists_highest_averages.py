"""D'Hondt and Sainte-Laguë against published worked examples and hand-checked tables."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from list_cases import independent, list_seats, party, run, won

# Seats for parties polling 501, 299 and 200 votes as 1 to 20 seats are filled, as published by
# Graham Pointer (grahampointer.blogspot.com, September 2013): (Sainte-Laguë A, B, C), (D'Hondt).
POINTER = {
    1: ((1, 0, 0), (1, 0, 0)),
    2: ((1, 1, 0), (1, 1, 0)),
    3: ((1, 1, 1), (2, 1, 0)),
    4: ((2, 1, 1), (2, 1, 1)),
    5: ((3, 1, 1), (3, 1, 1)),
    6: ((3, 2, 1), (3, 2, 1)),
    7: ((4, 2, 1), (4, 2, 1)),
    8: ((4, 2, 2), (5, 2, 1)),
    9: ((4, 3, 2), (5, 2, 2)),
    10: ((5, 3, 2), (5, 3, 2)),
    11: ((6, 3, 2), (6, 3, 2)),
    12: ((6, 4, 2), (6, 4, 2)),
    13: ((6, 4, 3), (7, 4, 2)),
    14: ((7, 4, 3), (7, 4, 3)),
    15: ((8, 4, 3), (8, 4, 3)),
    16: ((8, 5, 3), (8, 5, 3)),
    17: ((9, 5, 3), (9, 5, 3)),
    18: ((9, 5, 4), (10, 5, 3)),
    19: ((9, 6, 4), (10, 5, 4)),
    20: ((10, 6, 4), (10, 6, 4)),
}


@pytest.mark.parametrize("seats", sorted(POINTER))
def test_published_table_501_299_200(seats: int) -> None:
    entries = (party("A", 501), party("B", 299), party("C", 200))
    expected_sl, expected_dh = POINTER[seats]
    for method, expected in (("sainte-lague", expected_sl), ("dhondt", expected_dh)):
        record = run(method, seats, *entries, seed=1)
        assert record.allocation is not None
        got = tuple(record.allocation.seats[p] for p in "ABC")
        assert got == expected, (method, seats)


def test_textbook_eight_seats() -> None:
    # The common textbook example: 100,000 / 80,000 / 30,000 / 20,000 votes, 8 seats.
    entries = (party("A", 100_000), party("B", 80_000), party("C", 30_000), party("D", 20_000))
    assert list_seats(run("dhondt", 8, *entries)) == {"A": 4, "B": 3, "C": 1}
    assert list_seats(run("sainte-lague", 8, *entries)) == {"A": 3, "B": 3, "C": 1, "D": 1}


def test_scotland_act_explanatory_notes_worked_example() -> None:
    """North East Scotland 1999, as worked in the Scotland Act 1998 Explanatory Notes (s. 8)."""
    constituencies = won(
        *[(f"Lab {i}", f"L{i}", "Lab") for i in range(4)],
        *[(f"LD {i}", f"D{i}", "LD") for i in range(3)],
        *[(f"SNP {i}", f"S{i}", "SNP") for i in range(2)],
    )
    record = run(
        "ams",
        7,
        party("Lab", 72666),
        party("LD", 49843),
        party("SNP", 92329),
        party("Con", 52149),
        party("Green", 8067),
        constituencies=constituencies,
    )
    alloc = record.allocation
    assert alloc is not None
    assert [r.awarded for r in alloc.rounds] == ["Con", "SNP", "Con", "SNP", "SNP", "Con", "SNP"]
    # The notes print each figure to the nearest whole number (halves up); the record is exact.
    printed = [
        (14533, 12461, 30776, 52149, 8067),
        (14533, 12461, 30776, 26075, 8067),
        (14533, 12461, 23082, 26075, 8067),
        (14533, 12461, 23082, 17383, 8067),
        (14533, 12461, 18466, 17383, 8067),
        (14533, 12461, 15388, 17383, 8067),
        (14533, 12461, 15388, 13037, 8067),
    ]
    for r, row in zip(alloc.rounds, printed, strict=True):
        exact = [r.quotients[p] for p in ("Lab", "LD", "SNP", "Con", "Green")]
        assert [math.floor(q + Fraction(1, 2)) for q in exact] == list(row)
    assert alloc.rounds[0].quotients["Lab"] == Fraction(72666, 5)
    assert dict(alloc.seats_by_party) == {"Lab": 4, "LD": 3, "SNP": 6, "Con": 3}
    assert record.elected == ("Con", "SNP", "Con", "SNP", "SNP", "Con", "SNP")


def test_independent_takes_one_seat_only() -> None:
    record = run("dhondt", 3, independent("Ind", 1000), party("A", 300))
    alloc = record.allocation
    assert alloc is not None
    assert [r.awarded for r in alloc.rounds] == ["Ind", "A", "A"]
    assert "Ind" not in alloc.rounds[1].quotients
    assert alloc.list_elected == (("Ind", "Ind"),)
    assert alloc.independents == ("Ind",)
    assert "Ind" in alloc.ineligible


def test_independent_figure_is_not_divided() -> None:
    # A: 90 with 1 constituency seat -> 45; the independent's 50 stands undivided.
    record = run(
        "ams",
        1,
        party("A", 90),
        independent("Ind", 50),
        constituencies=won(("C1", "Amy", "A")),
    )
    assert record.allocation is not None
    assert record.allocation.rounds[0].quotients == {"A": 45, "Ind": 50}
    assert list_seats(record) == {"Ind": 1}


def test_list_order_and_members_returned_for_constituencies() -> None:
    record = run(
        "ams",
        3,
        party("A", 900, ("Ann", "Bea", "Cal")),
        party("B", 100, ("Dot",)),
        constituencies=won(("C1", "Bea", "A")),
    )
    alloc = record.allocation
    assert alloc is not None
    # A holds 1 seat: 450, 300, 225 beat B's 100; Bea is passed over [s. 8(5)].
    assert alloc.list_elected == (("A", "Ann"), ("A", "Cal"), ("B", "Dot"))
    assert alloc.disregarded == (("A", "Bea"),)
    # After Ann and Cal the list is exhausted, so B takes the third seat [s. 8(6)].
    assert [r.awarded for r in alloc.rounds] == ["A", "A", "B"]
    assert "A" not in alloc.rounds[2].quotients
    assert dict(alloc.seats_by_party) == {"A": 3, "B": 1}


def test_independent_already_returned_is_disregarded() -> None:
    record = run(
        "ams",
        1,
        independent("Ivy", 500),
        party("A", 100),
        constituencies=won(("C1", "Ivy", None)),
    )
    alloc = record.allocation
    assert alloc is not None
    assert alloc.rounds[0].awarded == "A"
    assert dict(alloc.seats_by_party) == {"Ivy": 1, "A": 1}
    assert alloc.constituency_elected == (("C1", "Ivy", None),)


def test_unfillable_seats_are_an_error() -> None:
    from teller.errors import CountError

    with pytest.raises(CountError, match="cannot be filled"):
        run("dhondt", 3, party("A", 10, ("Ann",)), independent("Ind", 5))


def test_constituencies_only_for_ams() -> None:
    from teller.errors import CountError

    with pytest.raises(CountError, match="additional member system"):
        run("dhondt", 1, party("A", 10), constituencies=won(("C", "X", "A")))
