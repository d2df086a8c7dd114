"""Small builders for tests: contests and profiles from letters."""

from __future__ import annotations

from teller.model import Candidate, Contest, Profile


def contest(names: str, method: str, seats: int = 1, **kw: object) -> Contest:
    return Contest(tuple(Candidate(n) for n in names), seats=seats, method=method, **kw)  # type: ignore[arg-type]


def profile(names: str, ballots: dict[str, int]) -> Profile:
    """``{"AB": 3}`` = three ballots ranking A then B."""
    index = {n: i for i, n in enumerate(names)}
    return Profile.from_rankings(
        len(names), [(tuple(index[c] for c in r), w) for r, w in ballots.items()]
    )
