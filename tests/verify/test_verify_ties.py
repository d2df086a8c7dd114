"""Ties: lots from a recorded seed, earlier-stage and forward tie-breaks, on small profiles.

Each profile is built so that the counter must settle a tie; the verifier must accept the
count, and must catch every single-cell change to it (the same exhaustive mutation as for the
real wards), including the tie's chosen candidate, method, stage and seed.
"""

from __future__ import annotations

from typing import Any

import pytest
from verify_support import cells, describe, mutated, synthetic_record

from teller.verify import verify_record

ABC = ["Ann", "Bob", "Cat"]

LOT_CASES: dict[str, tuple[list[str], list[tuple[tuple[int, ...], int]], str, int, str]] = {
    # Ann and Bob 5 each: the seat is drawn by lot.
    "fptp-seat-lot": (ABC, [((0,), 5), ((1,), 5), ((2,), 2)], "fptp", 1, "seat"),
    # Bob and Cat 3 each and never different: the exclusion is drawn by lot.
    "irv-exclusion-lot": (ABC, [((0,), 5), ((1, 0), 3), ((2,), 3)], "irv", 1, "exclusion"),
    # Ann and Bob 5 each after second preferences: the winner is drawn by lot.
    "sv-winner-lot": (
        ABC,
        [((0,), 4), ((1,), 4), ((2, 0), 1), ((2, 1), 1)],
        "sv",
        1,
        "winner",
    ),
    # STV, 2 seats, quota 7: Ann's surplus exhausts; Cat and Dan 3 each at every stage.
    "stv-exclusion-lot": (
        [*ABC, "Dan"],
        [((0,), 10), ((1,), 4), ((2,), 3), ((3, 1), 3)],
        "stv",
        2,
        "exclusion",
    ),
}


def _ties(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for s in record["stages"] for t in s["ties"]]


@pytest.mark.parametrize("case", sorted(LOT_CASES))
def test_lot_ties_hold_and_every_change_is_caught(case: str) -> None:
    names, ballots, method, seats, kind = LOT_CASES[case]
    record = synthetic_record(names, ballots, method, seats=seats, seed=11)
    ties = _ties(record)
    assert [(t["kind"], t["resolved_by"], t.get("seed")) for t in ties] == [(kind, "lot", 11)]
    assert verify_record(record) == []
    missed = [describe(p, v) for p, v in cells(record) if not verify_record(mutated(record, p, v))]
    assert missed == []


@pytest.mark.parametrize("case", sorted(LOT_CASES))
def test_a_lot_without_the_record_seed_is_caught(case: str) -> None:
    names, ballots, method, seats, _ = LOT_CASES[case]
    record = synthetic_record(names, ballots, method, seats=seats, seed=11)
    del record["seed"]
    assert "tie" in {f.check for f in verify_record(record)}


def test_a_missing_tie_record_is_caught() -> None:
    names, ballots, method, seats, _ = LOT_CASES["irv-exclusion-lot"]
    record = synthetic_record(names, ballots, method, seats=seats, seed=11)
    for stage in record["stages"]:
        stage["ties"] = []
    assert "tie" in {f.check for f in verify_record(record)}


# Found by a search over small random profiles: Cat and Eve are equal at round 3; they differ
# at rounds 1 and 2 in opposite directions, so backward and forward tie-breaks disagree.
FORWARD_BALLOTS = [
    ((0,), 1),
    ((0, 1, 4, 2), 3),
    ((0, 3), 2),
    ((0, 4), 1),
    ((1, 2, 4), 2),
    ((2,), 2),
    ((2, 3, 4), 2),
    ((3,), 2),
    ((3, 4, 1, 0), 1),
    ((4,), 1),
    ((4, 1), 1),
    ((4, 3), 3),
]
FIVE = ["Ann", "Bob", "Cat", "Dan", "Eve"]


@pytest.mark.parametrize("direction", ["backward", "forward"])
def test_tie_direction_is_checked_against_the_option(direction: str) -> None:
    record = synthetic_record(FIVE, FORWARD_BALLOTS, "irv", options={"tie_direction": direction})
    (tie,) = _ties(record)
    assert tie["resolved_by"] == ("forward" if direction == "forward" else "earlier-stage")
    assert verify_record(record) == []
    other = "backward" if direction == "forward" else "forward"
    record["options"] = {"tie_direction": other}
    assert "tie" in {f.check for f in verify_record(record)}


def test_forward_tie_every_change_is_caught() -> None:
    record = synthetic_record(FIVE, FORWARD_BALLOTS, "irv", options={"tie_direction": "forward"})
    missed = [describe(p, v) for p, v in cells(record) if not verify_record(mutated(record, p, v))]
    assert missed == []
