"""Fast and reference engines give identical whole records on random profiles (Hypothesis).

Every rule set with a fast engine is listed in FAST; a separate test proves the fast engine is
really the one running for each, so the comparison can fail.
"""

from __future__ import annotations

from typing import Any

import pytest
from fast_support import both_engines
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import rankings
from teller.count import count, get_rule_set
from teller.count.irvpiles import NumpyIrvPiles
from teller.count.stv.fastpiles import NumpyPiles
from teller.errors import CountError
from teller.model import Candidate, Contest, GroupMinimum, Profile

FAST = [
    ("stv", "scottish-2007"),
    ("stv", "ers97"),
    ("stv", "wigm"),
    ("irv", "labour"),
    ("fptp", "fptp"),
    ("block", "block"),
]
"""(method, rule set) pairs that have a fast engine."""

SPIES: dict[str, tuple[type[Any], str]] = {
    "stv": (NumpyPiles, "deal_first_preferences"),
    "irv": (NumpyIrvPiles, "deal"),
}


@st.composite
def contests(draw: st.DrawFn, method: str) -> tuple[Contest, Profile]:
    n = draw(st.integers(2, 8))
    ranking = rankings(n)
    weight = st.one_of(st.integers(1, 40), st.integers(1, 10**9))
    ballots = draw(st.lists(st.tuples(ranking, weight), min_size=1, max_size=30))
    withdrawn = draw(st.frozensets(st.integers(0, n - 1), max_size=max(0, n - 2)))
    seats = 1 if method in ("irv", "fptp") else draw(st.integers(1, 4))
    group = None
    if method == "stv" and draw(st.booleans()):
        members = draw(st.frozensets(st.integers(0, n - 1), min_size=1))
        group = GroupMinimum("women", frozenset(f"C{i}" for i in members), draw(st.integers(1, 2)))
    contest = Contest(
        tuple(Candidate(f"C{i}") for i in range(n)),
        seats=seats,
        method=method,
        withdrawn=withdrawn,
        group_minimum=group,
    )
    return contest, Profile.from_rankings(n, ballots)


settings.register_profile(
    "fast-engine", suppress_health_check=[HealthCheck.too_slow], deadline=None, max_examples=300
)


@pytest.mark.parametrize(("method", "rules"), FAST)
@settings(settings.get_profile("fast-engine"))
@given(data=st.data())
def test_fast_engine_record_is_the_reference_record(method: str, rules: str, data: Any) -> None:
    contest, profile = data.draw(contests(method))
    reference, fast = both_engines(contest.replace(rules=rules), profile)
    assert fast == reference


@pytest.mark.parametrize(("method", "rules"), [(m, r) for m, r in FAST if m in SPIES])
def test_fast_engine_is_the_one_running(
    method: str, rules: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cls, name = SPIES[method]
    calls: list[str] = []
    original = getattr(cls, name)

    def spy(self: Any) -> Any:
        calls.append(type(self).__name__)
        return original(self)

    monkeypatch.setattr(cls, name, spy)
    contest = Contest(tuple(Candidate(c) for c in "ABC"), method=method, rules=rules)
    profile = Profile.from_rankings(3, [((0, 1), 5), ((1,), 4), ((2, 0), 3)])
    count(contest, profile, engine="reference")
    assert calls == []
    count(contest, profile, engine="fast")
    assert calls == [cls.__name__]
    assert get_rule_set(method, rules).name == rules


def test_auto_engine_switches_on_profile_size(monkeypatch: pytest.MonkeyPatch) -> None:
    from teller.count import vector
    from teller.count.base import CountContext

    ctx = CountContext(get_rule_set("stv").arithmetic, engine="auto")
    small = Profile.from_rankings(3, [((0, 1), 5), ((1,), 4)])
    assert not vector.use_fast(ctx, small)
    monkeypatch.setattr(vector, "AUTO_MIN_ROWS", 2)
    assert vector.use_fast(ctx, small)


def test_unknown_engine_is_refused() -> None:
    contest = Contest(tuple(Candidate(c) for c in "AB"), method="stv")
    profile = Profile.from_rankings(2, [((0,), 3), ((1,), 2)])
    with pytest.raises(CountError, match="unknown engine"):
        count(contest, profile, engine="turbo")


@pytest.mark.parametrize("method", ["fptp", "block"])
def test_fast_plurality_tally_is_the_one_running(
    method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from teller.count import fptp

    calls: list[bool] = []
    original = fptp._tally_fast

    def spy(*args: Any) -> Any:
        calls.append(True)
        return original(*args)

    monkeypatch.setattr(fptp, "_tally_fast", spy)
    contest = Contest(tuple(Candidate(c) for c in "ABC"), method=method)
    profile = Profile.from_rankings(3, [((0,), 5), ((1,), 4), ((2,), 3)])
    count(contest, profile, engine="reference")
    assert calls == []
    count(contest, profile, engine="fast")
    assert calls == [True]
