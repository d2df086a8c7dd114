"""Invariants of every count, on random profiles (Hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from strategies import rankings
from teller.count import count
from teller.model import Candidate, Contest, Profile
from teller.record import CountRecord

SEED = 20261123


@st.composite
def elections(draw: st.DrawFn, min_cands: int = 2, max_cands: int = 7) -> tuple[int, Profile]:
    n = draw(st.integers(min_cands, max_cands))
    ballots = draw(
        st.lists(
            st.tuples(rankings(n, min_length=1), st.integers(1, 40)),
            min_size=1,
            max_size=25,
        )
    )
    return n, Profile.from_rankings(n, ballots)


def _contest(n: int, method: str, seats: int = 1) -> Contest:
    return Contest(tuple(Candidate(f"C{i}") for i in range(n)), seats=seats, method=method)


def _conserved(record: CountRecord) -> None:
    for stage in record.stages:
        assert sum(stage.totals.values()) + stage.non_transferable == record.valid_ballots, (
            f"stage {stage.number} does not conserve votes"
        )
        assert stage.rounding >= 0 and stage.exhausted >= 0


settings.register_profile("teller", suppress_health_check=[HealthCheck.too_slow], deadline=None)
settings.load_profile("teller")


@given(elections(), st.integers(1, 4))
def test_stv_conserves_votes_and_fills_every_seat(data: tuple[int, Profile], seats: int) -> None:
    n, profile = data
    assume(seats <= n)
    record = count(_contest(n, "stv", seats), profile, seed=SEED)
    _conserved(record)
    assert len(record.elected) == seats
    assert len(set(record.elected)) == seats
    previous = 0
    for stage in record.stages:  # non-transferable never falls
        assert stage.non_transferable >= previous
        previous = stage.non_transferable


@given(elections())
def test_irv_conserves_votes_and_elects_one(data: tuple[int, Profile]) -> None:
    n, profile = data
    record = count(_contest(n, "irv"), profile, seed=SEED)
    _conserved(record)
    assert len(record.elected) == 1


@given(elections(max_cands=6), st.integers(1, 3))
def test_block_fills_seats(data: tuple[int, Profile], seats: int) -> None:
    n, profile = data
    assume(seats <= n)
    record = count(_contest(n, "block", seats), profile, seed=SEED)
    assert len(record.elected) == seats


@given(elections(min_cands=2, max_cands=2))
def test_av_with_two_candidates_is_fptp(data: tuple[int, Profile]) -> None:
    n, profile = data
    first = profile.first_preferences()
    assume(first[0] != first[1])  # with equal votes both go to lot, drawn differently
    av = count(_contest(n, "irv"), profile)
    fptp = count(_contest(n, "fptp"), profile)
    assert av.elected == fptp.elected


@given(elections(min_cands=3))
def test_sv_with_a_first_round_majority_is_fptp(data: tuple[int, Profile]) -> None:
    n, profile = data
    first = profile.first_preferences()
    assume(2 * int(first.max()) > profile.total)
    sv = count(_contest(n, "sv"), profile)
    fptp = count(_contest(n, "fptp"), profile)
    assert sv.elected == fptp.elected
    assert len(sv.stages) == 1


@given(elections(), st.integers(1, 3), st.sampled_from(["stv", "irv", "sv", "block"]))
def test_counts_are_deterministic_for_a_seed(
    data: tuple[int, Profile], seats: int, method: str
) -> None:
    n, profile = data
    if method in ("irv", "sv"):
        seats = 1
    assume(seats <= n)
    a = count(_contest(n, method, seats), profile, seed=SEED)
    b = count(_contest(n, method, seats), profile, seed=SEED)
    assert a == b
