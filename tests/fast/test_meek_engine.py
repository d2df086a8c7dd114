"""Meek's distribution: the fast engine's allocation is the prefix tree's, exactly.

Keep values are drawn as the Meek rules produce them (0 excluded, 1 hopeful, in between for the
elected); ``share``/``rest`` are the three roundings the Meek rule sets use.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import rankings
from teller.arithmetic import Arithmetic, Rounding
from teller.count.base import CountContext
from teller.count.stv.fastmeek import MeekPapers, NumpyMeekPapers, meek_papers
from teller.model import Candidate, Contest, Profile

NINE = Arithmetic.fixed(9)


def _up(x: Fraction) -> Fraction:
    return NINE.quantize(x, Rounding.UP)


ROUNDINGS: dict[str, tuple[Callable[..., Fraction], Callable[..., Fraction]]] = {
    # NZ Schedule 1A [10]: both parts rounded up.
    "nz": (lambda w, k: _up(w * k), lambda w, k, _kept: _up(w * (1 - k))),
    # PRF Meek [B.2.a]: kept rounded up, the rest is what is left.
    "prf": (lambda w, k: _up(w * k), lambda w, _k, kept: w - kept),
    # Exact rational.
    "exact": (lambda w, k: w * k, lambda w, k, _kept: w * (1 - k)),
}


@st.composite
def cases(draw: st.DrawFn) -> tuple[Contest, Profile, dict[int, Fraction]]:
    n = draw(st.integers(1, 8))
    ranking = rankings(n)
    ballots = draw(st.lists(st.tuples(ranking, st.integers(1, 10**6)), min_size=1, max_size=30))
    withdrawn = draw(st.frozensets(st.integers(0, n - 1), max_size=max(0, n - 1)))
    keep_value = st.one_of(
        st.just(Fraction(0)),
        st.just(Fraction(1)),
        st.integers(1, 10**9 - 1).map(lambda k: Fraction(k, 10**9)),
        st.fractions(Fraction(1, 97), Fraction(96, 97), max_denominator=97),
    )
    keep = {c: draw(keep_value) for c in range(n) if c not in withdrawn}
    contest = Contest(
        tuple(Candidate(f"C{i}") for i in range(n)), method="stv", withdrawn=withdrawn
    )
    return contest, Profile.from_rankings(n, ballots), keep


@pytest.mark.parametrize("rounding", sorted(ROUNDINGS))
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_fast_allocation_is_the_tree_allocation(
    rounding: str, case: tuple[Contest, Profile, dict[int, Fraction]]
) -> None:
    contest, profile, keep = case
    share, rest = ROUNDINGS[rounding]
    ctx = CountContext(NINE, engine="reference")
    reference = meek_papers(contest, profile, ctx)
    fast = meek_papers(contest, profile, CountContext(NINE, engine="fast"))
    assert type(reference) is MeekPapers and type(fast) is NumpyMeekPapers
    assert fast.valid == reference.valid
    want = reference.allocate(keep, share, rest)
    got = fast.allocate(keep, share, rest)
    assert got.votes == want.votes
    assert got.exhausted == want.exhausted
