"""Invariants of every STV rule set on random elections (Hypothesis): votes are conserved at
every stage exactly (totals + non-transferable == valid papers), every seat is filled, and a
count is the same every time for the same seed."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from stv_helpers import assert_conserved

from strategies import rankings
from teller.count import count
from teller.model import Candidate, Contest, GroupMinimum, Profile

RULES = [
    ("ers97", {}),
    ("meek", {}),
    ("meek-prf", {}),
    ("wigm", {}),
    ("wigm", {"quota": "exact"}),
]
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def elections(draw: st.DrawFn) -> tuple[int, int, Profile]:
    n = draw(st.integers(2, 6))
    seats = draw(st.integers(1, min(3, n)))
    ballots = draw(
        st.lists(
            st.tuples(rankings(n, min_length=1), st.integers(1, 30)),
            min_size=1,
            max_size=12,
        )
    )
    return n, seats, Profile.from_rankings(n, ballots)


def _contest(n: int, seats: int, rules: str, options: dict[str, str]) -> Contest:
    return Contest(
        tuple(Candidate(f"C{i}") for i in range(n)),
        seats=seats,
        method="stv",
        rules=rules,
        options=options,
    )


@pytest.mark.parametrize(("rules", "options"), RULES)
@FAST
@given(data=elections(), seed=st.integers(0, 2**31))
def test_conserved_filled_and_deterministic(
    rules: str, options: dict[str, str], data: tuple[int, int, Profile], seed: int
) -> None:
    n, seats, prof = data
    c = _contest(n, seats, rules, options)
    record = count(c, prof, seed=seed)
    assert_conserved(record)
    assert len(record.elected) == seats == len(set(record.elected))
    assert record.stages[-1].exhausted >= 0
    if rules in ("ers97", "meek-prf") or rules == "wigm":
        assert all(s.rounding >= 0 for s in record.stages)  # truncation only ever loses
    assert count(c, prof, seed=seed) == record


@pytest.mark.parametrize("rules", ["ers97", "meek", "wigm"])
@FAST
@given(data=elections(), seed=st.integers(0, 2**31), size=st.integers(1, 3))
def test_group_minimum_always_met(
    rules: str, data: tuple[int, int, Profile], seed: int, size: int
) -> None:
    n, seats, prof = data
    assume(size <= n)
    members = frozenset(f"C{i}" for i in range(n - size, n))
    minimum = min(size, seats)
    c = _contest(n, seats, rules, {}).replace(group_minimum=GroupMinimum("group", members, minimum))
    record = count(c, prof, seed=seed)
    assert_conserved(record)
    assert len(record.elected) == seats
    assert sum(1 for e in record.elected if e in members) >= minimum
