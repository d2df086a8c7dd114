"""Equal highest figures under each rule set's tie rule, and the London 5% threshold."""

from __future__ import annotations

from fractions import Fraction

import pytest
from list_cases import independent, list_seats, party, run, won

from teller.errors import LotRequired
from teller.record import ElectedBy, TieBreak


def test_tie_that_every_list_survives_needs_no_lot() -> None:
    # A and B both stand at 60 with two seats left: each gets one [s. 8(7)], no seed needed.
    record = run("ams", 2, party("A", 60), party("B", 60))
    alloc = record.allocation
    assert alloc is not None
    assert list_seats(record) == {"A": 1, "B": 1}
    tie = alloc.rounds[0].tie
    assert tie is not None and tie.resolved_by is TieBreak.NOT_NEEDED
    assert set(tie.chosen) == {"A", "B"}
    assert record.seed is None


def test_generic_tie_for_last_seat_needs_a_seed() -> None:
    with pytest.raises(LotRequired):
        run("dhondt", 1, party("A", 60), party("B", 60))


def test_generic_tie_for_last_seat_drawn_by_lot_and_recorded() -> None:
    winners = set()
    for seed in range(20):
        record = run("dhondt", 1, party("A", 60), party("B", 60), seed=seed)
        alloc = record.allocation
        assert alloc is not None
        tie = alloc.rounds[0].tie
        assert tie is not None and tie.resolved_by is TieBreak.LOT and tie.seed == seed
        assert record.stages[0].elected[0].by is ElectedBy.LOT
        winners.add(alloc.rounds[0].awarded)
        again = run("dhondt", 1, party("A", 60), party("B", 60), seed=seed)
        assert again.allocation is not None
        assert again.allocation.rounds[0].awarded == alloc.rounds[0].awarded
    assert winners == {"A", "B"}


def _tied_big_and_small(rules: str) -> tuple[str, dict[str, Fraction]]:
    """A: 100 votes, 1 constituency seat (figure 50); B: 50 votes, none (figure 50)."""
    record = run(
        "ams",
        1,
        party("A", 100),
        party("B", 50),
        rules=rules,
        constituencies=won(("C1", "Amy", "A")),
    )
    alloc = record.allocation
    assert alloc is not None
    tie = alloc.rounds[0].tie
    assert tie is not None and tie.resolved_by is TieBreak.ADJUSTED_FIGURE
    assert tie.chosen == (alloc.rounds[0].awarded,)
    return alloc.rounds[0].awarded, dict(alloc.rounds[0].adjusted)


@pytest.mark.parametrize("rules", ["scotland-1998", "wales-1998"])
def test_added_vote_favours_the_smaller_divisor(rules: str) -> None:
    # One vote more: A (100+1)/2 = 50.5, B (50+1)/1 = 51, so B takes the seat.
    winner, adjusted = _tied_big_and_small(rules)
    assert winner == "B"
    assert adjusted == {"A": Fraction(101, 2), "B": 51}


def test_london_next_seat_favours_the_larger_party() -> None:
    # As though one more seat: A 100/3, B 50/2 = 25, so A takes the seat.
    winner, adjusted = _tied_big_and_small("london-1999")
    assert winner == "A"
    assert adjusted == {"A": Fraction(100, 3), "B": 25}


def test_adjusted_figures_still_equal_go_to_lot() -> None:
    with pytest.raises(LotRequired):
        run("ams", 1, party("A", 60), party("B", 60))
    record = run("ams", 1, party("A", 60), party("B", 60), seed=3)
    alloc = record.allocation
    assert alloc is not None
    tie = alloc.rounds[0].tie
    assert tie is not None and tie.resolved_by is TieBreak.LOT
    assert alloc.rounds[0].adjusted == {"A": 61, "B": 61}


def test_senedd_ties_go_straight_to_lot() -> None:
    record = run("pr-cl", 1, party("A", 100), party("B", 50), independent("C", 100), seed=5)
    alloc = record.allocation
    assert alloc is not None
    tie = alloc.rounds[0].tie
    assert tie is not None and tie.resolved_by is TieBreak.LOT
    assert dict(alloc.rounds[0].adjusted) == {}


def test_london_threshold_is_five_percent_of_all_votes() -> None:
    # 1000 votes: C has exactly 5% (kept: "at least 5%"); D has 4.9% (left out).
    record = run(
        "ams",
        11,
        party("A", 600),
        party("B", 301),
        party("C", 50),
        party("D", 49),
        rules="london-1999",
    )
    alloc = record.allocation
    assert alloc is not None
    assert alloc.threshold == Fraction(1, 20)
    assert alloc.below_threshold == ("D",)
    assert all("D" not in r.quotients for r in alloc.rounds)
    assert "C" in alloc.rounds[0].quotients
    assert any("less than 5%" in n for n in record.stages[0].notes)


def test_threshold_counts_votes_for_lists_not_itemised() -> None:
    # The 5% is of all valid list votes, itemised or not: B's 60 is 6% of 1000 but 4.6% of 1300.
    kept = run("ams", 2, party("A", 640), party("B", 60), rules="london", valid_votes=1000)
    assert kept.allocation is not None and kept.allocation.below_threshold == ()
    assert kept.allocation.total_votes == 1000
    assert kept.valid_ballots == 1000
    dropped = run("ams", 2, party("A", 640), party("B", 60), rules="london", valid_votes=1300)
    assert dropped.allocation is not None and dropped.allocation.below_threshold == ("B",)


def test_generic_threshold_option() -> None:
    record = run("dhondt", 2, party("A", 90), party("B", 10), threshold="0.2")
    assert record.allocation is not None
    assert record.allocation.below_threshold == ("B",)
    assert list_seats(record) == {"A": 2}
    assert dict(record.options) == {"threshold": "0.2"}
