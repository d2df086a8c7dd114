"""The verifier accepts real, correct counts: every 2017 Scottish ward, under every method.

Each ward's ballots are counted by teller under STV for its own seats (Scottish 2007, ERS97,
generic WIGM three ways, NZ Meek, PRF Meek), as a single seat under AV (plain, bulk exclusion,
forward tie-breaks), SV and FPTP, and under the block vote for its seats. A correct count must
give no finding at all: a false finding here would make `teller verify` cry wolf.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from verify_support import WARDS, ward_record

from teller.verify import verify_record

ALL_WARDS = sorted(
    case["path"].removeprefix("2017/")
    for case in json.loads((WARDS.parent / "index.json").read_text(encoding="utf-8"))["cases"]
)
METHODS: list[tuple[str, dict[str, Any]]] = [
    ("stv", {}),
    ("stv", {"rules": "ers97"}),
    ("stv", {"rules": "wigm"}),
    ("stv", {"rules": "wigm", "options": {"quota": "exact"}}),
    ("stv", {"rules": "wigm", "arithmetic": "fixed:4"}),
    ("stv", {"rules": "meek"}),
    ("stv", {"rules": "meek-prf"}),
    ("irv", {}),
    ("irv", {"options": {"bulk_exclusion": True}}),
    ("irv", {"options": {"tie_direction": "forward"}}),
    ("sv", {}),
    ("fptp", {}),
    ("block", {}),
]


def test_all_wards_are_listed() -> None:
    assert len(ALL_WARDS) == 351


@pytest.mark.slow
@pytest.mark.parametrize(("method", "how"), METHODS, ids=[f"{m}{h}" for m, h in METHODS])
def test_every_ward_counted_by_teller_holds(method: str, how: dict[str, Any]) -> None:
    failures = {}
    for ward in ALL_WARDS:
        findings = verify_record(ward_record(ward, method, **how))
        if findings:
            failures[ward] = [str(f) for f in findings[:3]]
    assert failures == {}


def test_records_survive_a_json_round_trip_with_findings_unchanged() -> None:
    record = ward_record("glasgow-city/hillhead", "stv")
    text = json.dumps(record, indent=2, ensure_ascii=False)
    assert verify_record(json.loads(text)) == []
