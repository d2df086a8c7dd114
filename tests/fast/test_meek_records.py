"""Whole Meek records with the fast distribution wired in as docs/performance.md proposes.

``meek_nz`` and ``meek_prf`` still build their prefix tree directly; these tests put
:class:`NumpyMeekPapers` in its place (exactly the proposed two-line change, done here with
monkeypatch) and require the whole record to equal the tree's, for both Meek rule sets.
"""

from __future__ import annotations

from typing import Any

import pytest
from fast_support import CONFORMANCE, read_blt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teller.count import count
from teller.count.stv import meek_nz, meek_prf
from teller.count.stv.fastmeek import NumpyMeekPapers
from teller.count.vector import standing_arrays
from teller.errors import TellerError
from teller.model import Candidate, Contest, Profile
from teller.recordjson import record_to_dict

RULES = ["meek", "meek-prf"]


def _record(contest: Contest, profile: Profile) -> Any:
    try:
        return record_to_dict(count(contest, profile, seed=11))
    except TellerError as exc:
        return (type(exc).__name__, str(exc))


def _both(contest: Contest, profile: Profile, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    tree = _record(contest, profile)
    calls: list[int] = []
    with monkeypatch.context() as m:
        for module in (meek_nz, meek_prf):

            def build(cp: tuple[Contest, Profile]) -> tuple[NumpyMeekPapers, int]:
                papers = NumpyMeekPapers(standing_arrays(*cp), cp[1].weights)
                return papers, papers.valid

            def allocate(papers: NumpyMeekPapers, *args: Any) -> Any:
                calls.append(1)
                return papers.allocate(*args)

            m.setattr(module, "standing_ballots", lambda c, p: (c, p))
            m.setattr(module, "build_tree", build)
            m.setattr(module, "allocate", allocate)
        fast = _record(contest, profile)
    if isinstance(tree, dict):
        assert calls, "the fast distribution was not used"
    return tree, fast


@st.composite
def contests(draw: st.DrawFn) -> tuple[Contest, Profile]:
    n = draw(st.integers(2, 7))
    ranking = st.permutations(range(n)).flatmap(
        lambda p: st.integers(0, len(p)).map(lambda k: tuple(p[:k]))
    )
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
