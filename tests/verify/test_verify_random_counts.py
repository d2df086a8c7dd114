"""No false findings on odd counts: small random profiles under every method and rule set.

Real wards rarely produce zero-vote candidates, ties everywhere, seats for every candidate or a
single ballot. Small random profiles do. Every count teller completes must verify with no
finding (counts the counter refuses, e.g. more seats than candidates, are passed over).
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from teller import Candidate, Contest, Profile, count, record_to_dict
from teller.errors import TellerError
from teller.verify import verify_record

METHODS: list[tuple[str, str | None, dict[str, Any]]] = [
    ("stv", "scottish-2007", {}),
    ("stv", "ers97", {}),
    ("stv", "wigm", {}),
    ("stv", "wigm", {"quota": "exact"}),
    ("stv", "meek", {}),
    ("stv", "meek-prf", {}),
    ("irv", None, {}),
    ("irv", None, {"bulk_exclusion": True}),
    ("irv", None, {"tie_direction": "forward"}),
    ("sv", None, {}),
    ("fptp", None, {}),
    ("block", None, {}),
]


@st.composite
def contests(draw: st.DrawFn) -> tuple[int, int, list[tuple[tuple[int, ...], int]], int]:
    n = draw(st.integers(2, 6))
    seats = draw(st.integers(1, min(3, n)))
    ranking = st.permutations(list(range(n))).flatmap(
        lambda p: st.integers(1, n).map(lambda k: tuple(p[:k]))
    )
    ballots = draw(st.lists(st.tuples(ranking, st.integers(1, 6)), min_size=1, max_size=15))
    return n, seats, ballots, draw(st.integers(0, 99))


@settings(max_examples=80, deadline=None)
@given(contests())
def test_every_completed_count_verifies(case: tuple[int, int, list[Any], int]) -> None:
    n, seats, ballots, seed = case
    profile = Profile.from_rankings(n, ballots)
    counted = 0
    for method, rules, options in METHODS:
        contest = Contest(
            tuple(Candidate(f"C{i}") for i in range(n)),
            seats=1 if method in ("irv", "sv", "fptp") else seats,
            method=method,
            rules=rules,
            options=options,
        )
        try:
            record = json.loads(json.dumps(record_to_dict(count(contest, profile, seed=seed))))
        except TellerError:
            continue
        counted += 1
        assert verify_record(record) == [], (method, rules, options, ballots)
    assert counted >= 6
