"""Property: for every writable format, writing a contest and its ballots then reading them back
gives an equal contest and profile."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import rankings
from teller.io import BallotFile, read_ballots, write_ballots
from teller.model import Candidate, Contest, Profile

EXTENSION = {
    "blt": ".blt",
    "soi": ".soi",
    "toi": ".toi",
    "csv": ".csv",
    "csv-ranks": ".csv",
    "dat": ".dat",
    "table": ".csv",
}

_awkward = st.sampled_from([*'"\\,#:;= {}()[]-0123456789', "é", "ø", "’", "\u3000"])
_char = st.one_of(
    _awkward, st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"))
)
_text = st.text(_char, min_size=1, max_size=12).map(str.strip).filter(bool)
_names = st.lists(_text, min_size=1, max_size=7, unique=True)


@st.composite
def ballot_files(draw: st.DrawFn, *, single_votes: bool = False) -> BallotFile:
    names = draw(_names)
    n = len(names)
    parties = (
        draw(st.lists(st.none() | _text, min_size=n, max_size=n)) if single_votes else [None] * n
    )
    contest = Contest(
        tuple(Candidate(name, party) for name, party in zip(names, parties, strict=True)),
        seats=draw(st.integers(1, 3)),
        title=draw(st.none() | _text),
        withdrawn=frozenset(draw(st.sets(st.integers(0, n - 1), max_size=n))),
    )
    if single_votes:
        rows = [
            ((i,), w)
            for i, w in enumerate(draw(st.lists(st.integers(0, 9), min_size=n, max_size=n)))
        ]
    else:
        ranking = rankings(n)
        rows = draw(st.lists(st.tuples(ranking, st.integers(1, 5)), max_size=8))
    return BallotFile(contest, Profile.from_rankings(n, rows), "test")


def _round_trip(original: BallotFile, fmt: str) -> BallotFile:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"ballots{EXTENSION[fmt]}"
        write_ballots(path, original, fmt)
        return read_ballots(path)  # detected, not told


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(original: BallotFile, fmt: str) -> None:
    again = _round_trip(original, fmt)
    assert again.fmt == fmt
    assert again.contest == original.contest
    assert again.profile == original.profile
    assert again.rejected == 0


@SETTINGS
@given(ballot_files())
def test_blt_round_trip(original: BallotFile) -> None:
    _check(original, "blt")


@SETTINGS
@given(ballot_files())
def test_soi_round_trip(original: BallotFile) -> None:
    _check(original, "soi")


@SETTINGS
@given(ballot_files())
def test_toi_round_trip(original: BallotFile) -> None:
    _check(original, "toi")


@SETTINGS
@given(ballot_files())
def test_csv_round_trip(original: BallotFile) -> None:
    _check(original, "csv")


@SETTINGS
@given(ballot_files())
def test_csv_ranks_round_trip(original: BallotFile) -> None:
    _check(original, "csv-ranks")


@SETTINGS
@given(ballot_files())
def test_dat_round_trip(original: BallotFile) -> None:
    _check(original, "dat")


@SETTINGS
@given(ballot_files(single_votes=True))
def test_table_round_trip(original: BallotFile) -> None:
    _check(original, "table")
