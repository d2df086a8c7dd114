"""Whole Meek records: the NumPy distribution (engine="fast") against the prefix tree
(engine="reference"), for both Meek rule sets."""

from __future__ import annotations

from typing import Any

import pytest
from fast_support import CONFORMANCE, read_blt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies import rankings
from teller.count import count
from teller.count.stv.fastmeek import NumpyMeekPapers
from teller.errors import TellerError
from teller.model import Candidate, Contest, Profile
from teller.recordjson import record_to_dict

RULES = ["meek", "meek-prf"]


def _record(contest: Contest, profile: Profile, engine: str) -> Any:
    try:
        return record_to_dict(count(contest, profile, seed=11, engine=engine))
    except TellerError as exc:
        return (type(exc).__name__, str(exc))


def _both(contest: Contest, profile: Profile, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """The record on the prefix tree (reference) and on the NumPy distribution (fast); a spy
    proves the fast distribution really ran, so the comparison can fail."""
    tree = _record(contest, profile, "reference")
    calls: list[int] = []
    original = NumpyMeekPapers.allocate
    with monkeypatch.context() as m:

        def spy(self: NumpyMeekPapers, *args: Any) -> Any:
            calls.append(1)
            return original(self, *args)

        m.setattr(NumpyMeekPapers, "allocate", spy)
        fast = _record(contest, profile, "fast")
    if isinstance(tree, dict):
        assert calls, "the fast distribution was not used"
    return tree, fast


@st.composite
def contests(draw: st.DrawFn) -> tuple[Contest, Profile]:
    n = draw(st.integers(2, 7))
    ranking = rankings(n)
    ballots = draw(st.lists(st.tuples(ranking, st.integers(1, 60)), min_size=1, max_size=20))
    withdrawn = draw(st.frozensets(st.integers(0, n - 1), max_size=max(0, n - 2)))
    contest = Contest(
        tuple(Candidate(f"C{i}") for i in range(n)),
        seats=draw(st.integers(1, 3)),
        method="stv",
        withdrawn=withdrawn,
    )
    return contest, Profile.from_rankings(n, ballots)


@pytest.mark.parametrize("rules", RULES)
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=contests())
def test_fast_meek_record_equals_tree_record(
    rules: str, case: tuple[Contest, Profile], monkeypatch: pytest.MonkeyPatch
) -> None:
    contest, profile = case
    tree, fast = _both(contest.replace(rules=rules), profile, monkeypatch)
    assert fast == tree


WARDS = sorted(p.parent for p in CONFORMANCE.glob("*/*/*/ballots.blt"))[::50]


@pytest.mark.parametrize("rules", RULES)
@pytest.mark.parametrize("ward", WARDS, ids=lambda p: p.name)
def test_fast_meek_record_on_real_wards(
    rules: str, ward: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    contest, profile = read_blt(ward / "ballots.blt")
    tree, fast = _both(contest.replace(rules=rules), profile, monkeypatch)
    assert isinstance(tree, dict), tree
    assert fast == tree
