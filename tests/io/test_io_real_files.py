"""Real Scottish ward files (tests/data/scottish, MIT) read to the official declarations' figures.

The expected totals are the official first preferences and valid polls of 2017, transcribed from
the councils' declaration sheets (github.com/gerrymulvenna/council17, CC BY-SA 4.0): a source
independent of teller.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from teller.io import read_ballots

DATA = Path(__file__).parent.parent / "data" / "scottish"

OFFICIAL = {
    "shetland-islands-lerwick-north-2017.blt": (
        "Shetland Islands 2017: Lerwick North",
        3,
        995,
        {
            "Malcolm John BELL (Ind)": 715,
            "John Finlay Sinclair FRASER (Ind)": 124,
            "Stephen Arthur LEASK (Ind)": 130,
            "Thomas WILLIAMSON (Con)": 26,
        },
    ),
    "moray-buckie-2017.blt": (
        "Moray 2017: Buckie",
        3,
        3140,
        {
            "Gordon COWIE (Ind)": 673,
            "Tim EAGLE (Con)": 1060,
            "Gordon MCDONALD (SNP)": 691,
            "Sonya WARREN (SNP)": 716,
        },
    ),
}


@pytest.mark.parametrize("name", sorted(OFFICIAL))
def test_real_ward_reads_to_the_official_first_preferences(name: str) -> None:
    title, seats, valid_poll, firsts = OFFICIAL[name]
    ballots = read_ballots(DATA / name)
    assert ballots.fmt == "blt"
    assert ballots.contest.title == title
    assert ballots.contest.seats == seats
    assert ballots.profile.total == valid_poll
    assert (
        dict(zip(ballots.contest.names, ballots.profile.first_preferences().tolist(), strict=True))
        == firsts
    )
    assert all(c.party is None for c in ballots.contest.candidates)
    assert ballots.notes == ()
