"""The vectorised paper primitives against plain-Python statements of the same rules."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import rankings
from teller.count.base import standing_ballots
from teller.count.vector import allowed_mask, next_available, standing_arrays
from teller.model import NO_PREFERENCE, Candidate, Contest, Profile


@st.composite
def profiles(draw: st.DrawFn) -> tuple[Contest, Profile]:
    n = draw(st.integers(1, 9))
    ranking = rankings(n)
    ballots = draw(st.lists(st.tuples(ranking, st.integers(1, 5)), min_size=1, max_size=20))
    withdrawn = draw(st.frozensets(st.integers(0, n - 1)))
    contest = Contest(tuple(Candidate(f"C{i}") for i in range(n)), withdrawn=withdrawn)
    return contest, Profile.from_rankings(n, ballots)


@settings(max_examples=200, deadline=None)
@given(profiles())
def test_standing_arrays_are_the_standing_ballots(data: tuple[Contest, Profile]) -> None:
    contest, profile = data
    arrays = standing_arrays(contest, profile)
    rows = [tuple(c for c in row if c != NO_PREFERENCE) for row in arrays.tolist()]
    assert rows == [r for r, _ in standing_ballots(contest, profile)]


@settings(max_examples=200, deadline=None)
@given(profiles(), st.data())
def test_next_available_is_the_next_continuing_preference(
    data: tuple[Contest, Profile], draw: st.DataObject
) -> None:
    _contest, profile = data
    n = profile.n_candidates
    ranks = np.ascontiguousarray(profile.rankings)
    continuing = draw.draw(st.frozensets(st.integers(0, n - 1)))
    rows = np.arange(ranks.shape[0], dtype=np.int64)
    pos = np.array(
        [draw.draw(st.integers(-1, max(-1, ranks.shape[1] - 1))) for _ in rows], dtype=np.int64
    )
    got = next_available(ranks, rows, pos, allowed_mask(n, continuing))
    for i, row in enumerate(ranks.tolist()):
        want = next(
            (
                k
                for k in range(pos[i] + 1, len(row))
                if row[k] != NO_PREFERENCE and row[k] in continuing
            ),
            -1,
        )
        assert got[i] == want
