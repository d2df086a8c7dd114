"""Hypothesis strategies shared by the suite (tests/ is on sys.path via tests/conftest.py)."""

from __future__ import annotations

from hypothesis import strategies as st


def rankings(n: int, *, min_length: int = 0) -> st.SearchStrategy[tuple[int, ...]]:
    """A ballot's ranking of candidates ``0..n-1``: a random order cut after ``min_length`` to
    ``n`` preferences (0 allows an empty paper)."""
    return st.permutations(range(n)).flatmap(
        lambda p: st.integers(min_length, len(p)).map(lambda k: tuple(p[:k]))
    )
