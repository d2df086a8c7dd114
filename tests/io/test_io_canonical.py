"""The key-based canonical order (teller.model._sort_unique_keys and friends) gives exactly the
unique, lexicographically sorted rows with summed weights, computed here independently."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from teller.model import NO_PREFERENCE, Profile


@st.composite
def rows(draw: st.DrawFn) -> tuple[int, list[tuple[tuple[int, ...], int]]]:
    n = draw(st.sampled_from([1, 2, 3, 7, 15, 16, 31, 64, 65, 300]))
    prefix = st.lists(st.integers(0, n - 1), unique=True, max_size=min(n, 40)).map(tuple)
    # Few distinct rankings, repeated: duplicates and shared prefixes are the hard cases.
    pool = draw(st.lists(prefix, min_size=1, max_size=6))
    picks = draw(st.lists(st.tuples(st.sampled_from(pool), st.integers(0, 4)), max_size=30))
    return n, picks


def _reference(
    n: int, picks: list[tuple[tuple[int, ...], int]]
) -> list[tuple[tuple[int, ...], int]]:
    width = max((len(r) for r, _ in picks), default=0)
    total: dict[tuple[int, ...], int] = {}
    for ranking, weight in picks:
        key = ranking + (NO_PREFERENCE,) * (width - len(ranking))
        total[key] = total.get(key, 0) + weight
    return [(k, w) for k, w in sorted(total.items()) if w > 0]


@settings(max_examples=300, deadline=None)
@given(rows())
def test_profile_rows_are_unique_sorted_and_summed(
    case: tuple[int, list[tuple[tuple[int, ...], int]]],
) -> None:
    n, picks = case
    profile = Profile.from_rankings(n, picks)
    expected = _reference(n, picks)
    assert [
        (tuple(r), int(w))
        for r, w in zip(profile.rankings.tolist(), profile.weights.tolist(), strict=True)
    ] == [(r[: profile.width], w) for r, w in expected]
    assert profile.rankings.dtype == np.int16 and profile.weights.dtype == np.int64
