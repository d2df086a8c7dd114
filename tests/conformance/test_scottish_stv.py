"""Every contested 2017 Scottish council ward, counted under the 2007 Order, against its official
stage-by-stage sheet: every total to 5 decimals, the non-transferable figure, the elected (in
order, with their stage), the excluded with their stage, and the number of stages."""

from __future__ import annotations

from pathlib import Path

import pytest
from scottish_cases import EXPECTED_CASES, Case, compare, discover

from teller.count import count
from teller.io import read_ballots

CASES = discover()


def test_all_cases_are_discovered() -> None:
    assert len(CASES) == EXPECTED_CASES


@pytest.mark.parametrize("path", CASES, ids=lambda p: str(p.relative_to(p.parents[2])))
def test_scottish_ward_exact(path: Path) -> None:
    case = Case.load(path)
    ballots = read_ballots(path / "ballots.blt")
    contest = ballots.contest.replace(method="stv", rules="scottish-2007")
    assert contest.seats == case.official["seats"]
    record = count(contest, ballots.profile)
    problems = compare(case, record)
    assert not problems, "\n".join(problems)
