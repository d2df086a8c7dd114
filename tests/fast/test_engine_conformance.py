"""The fast engine gives the reference engine's whole record on every Scottish conformance ward."""

from __future__ import annotations

from pathlib import Path

import pytest
from fast_support import CONFORMANCE, both_engines, read_blt

WARDS = sorted(p.parent for p in CONFORMANCE.glob("*/*/*/ballots.blt"))


def test_every_ward_is_found() -> None:
    assert len(WARDS) == 351


@pytest.mark.parametrize("ward", WARDS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_record_equals_reference_record(ward: Path) -> None:
    contest, profile = read_blt(ward / "ballots.blt")
    reference, fast = both_engines(contest.replace(rules="scottish-2007"), profile)
    assert isinstance(reference, dict), reference
    assert fast == reference


@pytest.mark.parametrize("ward", WARDS[::25], ids=lambda p: p.name)
def test_fast_irv_record_equals_reference_on_real_ballots(ward: Path) -> None:
    contest, profile = read_blt(ward / "ballots.blt")
    reference, fast = both_engines(contest.replace(method="irv", seats=1), profile)
    assert isinstance(reference, dict), reference
    assert fast == reference
