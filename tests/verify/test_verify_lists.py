"""List counts: real AMS regions, textbook divisor tables, every kind of tie, every cell.

Records come from teller's list counter (``count_lists``, or the region files in examples/).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from verify_support import allocation_cells, describe, mutated

from teller import Contest, record_to_dict
from teller.count.lists import ConstituencyResult, ListEntry, RegionVotes, count_lists
from teller.io.region import count_region
from teller.verify import verify_record

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
REGIONS = sorted(
    [*EXAMPLES.glob("scottish-parliament/*/*.json"), *EXAMPLES.glob("london-assembly/*/*.json")]
)


def as_json(record: Any) -> dict[str, Any]:
    return json.loads(json.dumps(record_to_dict(record)))  # type: ignore[no-any-return]


def lists(
    method: str,
    rules: str,
    seats: int,
    entries: list[ListEntry],
    constituencies: tuple[ConstituencyResult, ...] = (),
    seed: int | None = 5,
) -> dict[str, Any]:
    votes = RegionVotes(tuple(entries), constituencies)
    return as_json(
        count_lists(Contest((), seats=seats, method=method, rules=rules), votes, seed=seed)
    )


def test_all_region_examples_hold() -> None:
    assert len(REGIONS) == 17
    found = {p.name: verify_record(as_json(count_region(p, seed=1))) for p in REGIONS}
    assert {k: v for k, v in found.items() if v} == {}


VOTES = [
    ListEntry("A", 100000),
    ListEntry("B", 80000),
    ListEntry("C", 30000),
    ListEntry("D", 20000),
]


@pytest.mark.parametrize(
    ("method", "seats_won"),
    [
        # The standard worked example: 8 seats go A 4, B 3, C 1 by D'Hondt ...
        ("dhondt", {"A": 4, "B": 3, "C": 1, "D": 0}),
        # ... and A 3, B 3, C 1, D 1 by Sainte-Laguë (A and D equal at 20,000 for two seats).
        ("sainte-lague", {"A": 3, "B": 3, "C": 1, "D": 1}),
    ],
)
def test_textbook_tables(method: str, seats_won: dict[str, int]) -> None:
    record = lists(method, method, 8, VOTES)
    assert record["allocation"]["seats"] == seats_won
    assert verify_record(record) == []


TIES = {
    # A and B equal for two seats left: each gets one, the tie decides nothing.
    "not-needed": ("dhondt", "dhondt", 2, [ListEntry("A", 100), ListEntry("B", 100)], ()),
    # A and B equal for the one seat: drawn by lot.
    "lot": ("dhondt", "dhondt", 1, [ListEntry("A", 100), ListEntry("B", 100)], ()),
    # X (one constituency seat, 200 votes) and Y (100) both at 100 for one seat: one added vote
    # gives X 201/2 and Y 101, so Y.
    "added-vote": (
        "ams",
        "scotland-1998",
        1,
        [ListEntry("X", 200), ListEntry("Y", 100)],
        (ConstituencyResult("North", "Ann", "X"),),
    ),
    # The same under London's rule, as though one more seat were held: X 200/3, Y 100/2, so X.
    "next-seat": (
        "ams",
        "london-1999",
        1,
        [ListEntry("X", 200), ListEntry("Y", 100)],
        (ConstituencyResult("North", "Ann", "X"),),
    ),
    # An individual candidate's figure is undivided; once elected they are disregarded.
    "independent": (
        "ams",
        "scotland-1998",
        3,
        [ListEntry("P", 300), ListEntry("Margo", 200, independent=True), ListEntry("Q", 90)],
        (ConstituencyResult("North", "Ann", "P"),),
    ),
}


@pytest.mark.parametrize("case", sorted(TIES))
def test_ties_and_independents_hold_and_every_cell_change_is_caught(case: str) -> None:
    method, rules, seats, entries, held = TIES[case]
    record = lists(method, rules, seats, entries, held)
    assert verify_record(record) == []
    missed = [
        describe(p, v)
        for p, v in allocation_cells(record)
        if not verify_record(mutated(record, p, v))
    ]
    assert missed == []


def test_tie_kinds_are_the_ones_meant() -> None:
    kinds = {}
    for case, (method, rules, seats, entries, held) in TIES.items():
        rounds = lists(method, rules, seats, entries, held)["allocation"]["rounds"]
        kinds[case] = [r["tie"]["resolved_by"] for r in rounds if r.get("tie")]
    assert kinds == {
        "not-needed": ["not-needed"],
        "lot": ["lot"],
        "added-vote": ["adjusted-figure"],
        "next-seat": ["adjusted-figure"],
        "independent": [],
    }


@pytest.mark.parametrize("region", ["2007/north-east-scotland.json", "2011/glasgow.json"])
def test_real_region_every_cell_change_is_caught(region: str) -> None:
    record = as_json(count_region(EXAMPLES / "scottish-parliament" / region, seed=1))
    missed = [
        describe(p, v)
        for p, v in allocation_cells(record)
        if not verify_record(mutated(record, p, v))
    ]
    assert missed == []


def test_london_threshold() -> None:
    record = as_json(count_region(EXAMPLES / "london-assembly" / "2021" / "london.json", seed=1))
    assert verify_record(record) == []
    record["allocation"]["threshold"] = "1/10"
    assert "allocation" in {f.check for f in verify_record(record)}
