"""Real results: every Scottish Parliament region of 2007 and 2011, and London 2021.

The region files are found by listing the example folders, so a new file is tested as soon as it
is added. Each region's list allocation must equal the seats declared (``declared.list_seats``,
taken from the source data, not from teller), and the national totals the published ones.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest

from teller.count.lists import count_lists
from teller.io.region import RegionFile, load_region
from teller.recordjson import record_from_dict, record_to_dict

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SCOTLAND = EXAMPLES / "scottish-parliament"
LONDON = EXAMPLES / "london-assembly" / "2021" / "london.json"
REGION_FILES = sorted(SCOTLAND.glob("*/*.json"))

# Published national totals (constituency and regional seats together).
NATIONAL = {
    "2007": {"SNP": 47, "Labour": 46, "Conservative": 17, "Liberal Democrat": 16, "Green": 2,
             "Independent": 1},
    "2011": {"SNP": 69, "Labour": 37, "Conservative": 15, "Liberal Democrat": 5, "Green": 2,
             "Independent": 1},
}  # fmt: skip
# The 2007 source labels parties by abbreviation.
LABELS = {"LAB": "Labour", "CON": "Conservative", "LD": "Liberal Democrat", "GRN": "Green"}


def _count(region: RegionFile) -> dict[str, int]:
    record = count_lists(region.contest, region.votes)
    assert record.allocation is not None
    return {k: v for k, v in record.allocation.seats.items() if v}


def test_every_region_is_there() -> None:
    assert len(REGION_FILES) == 16
    assert {p.parent.name for p in REGION_FILES} == {"2007", "2011"}


@pytest.mark.parametrize("path", REGION_FILES, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_region_list_seats_match_declared(path: Path) -> None:
    region = load_region(path)
    assert region.declared is not None
    assert sum(region.declared.values()) == region.contest.seats == 7
    assert _count(region) == dict(region.declared)


@pytest.mark.parametrize("year", sorted(NATIONAL))
def test_national_totals(year: str) -> None:
    totals: Counter[str] = Counter()
    for path in sorted((SCOTLAND / year).glob("*.json")):
        region = load_region(path)
        record = count_lists(region.contest, region.votes)
        alloc = record.allocation
        assert alloc is not None
        for holder, seats in alloc.seats_by_party.items():
            label = "Independent" if holder in alloc.independents else LABELS.get(holder, holder)
            totals[label] += seats
    assert dict(totals) == NATIONAL[year]
    assert sum(totals.values()) == 129


def test_region_record_round_trips_through_json() -> None:
    region = load_region(SCOTLAND / "2007" / "lothians.json")
    record = count_lists(region.contest, region.votes)
    data = record_to_dict(record)
    assert record_from_dict(data) == record
    assert data["seats_by_party"] == {"SNP": 5, "LAB": 5, "CON": 2, "GRN": 1,
                                      "Margo MacDonald": 1, "LD": 2}  # fmt: skip
    assert {"party": "Margo MacDonald", "name": "Margo MacDonald"} in data["list_elected"]


@pytest.mark.parametrize("lib_dem_votes", [189_522, 189_622])
def test_london_2021(lib_dem_votes: int) -> None:
    region = load_region(LONDON)
    entries = tuple(
        dataclasses.replace(e, votes=lib_dem_votes) if e.name == "Liberal Democrats" else e
        for e in region.votes.entries
    )
    votes = dataclasses.replace(region.votes, entries=entries)
    record = count_lists(region.contest, votes)
    alloc = record.allocation
    assert alloc is not None
    assert {k: v for k, v in alloc.seats.items() if v} == dict(region.declared or {})
    assert dict(alloc.seats_by_party) == {
        "Labour": 11, "Conservative": 9, "Green": 3, "Liberal Democrats": 2
    }  # fmt: skip
    assert alloc.total_votes == 2_589_268
