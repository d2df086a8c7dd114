"""Builders and checks shared by the STV rule-set tests."""

from __future__ import annotations

from fractions import Fraction

from teller.model import Candidate, Contest, Profile
from teller.record import CountRecord

F = Fraction


def contest(names: str, seats: int, rules: str, **kw: object) -> Contest:
    """Candidates named by single letters."""
    return Contest(
        tuple(Candidate(n) for n in names),
        seats=seats,
        method="stv",
        rules=rules,
        **kw,  # type: ignore[arg-type]
    )


def profile(names: str, ballots: dict[str, int]) -> Profile:
    """``{"AB": 3}`` = three ballots ranking A then B."""
    index = {n: i for i, n in enumerate(names)}
    return Profile.from_rankings(
        len(names), [(tuple(index[c] for c in r), w) for r, w in ballots.items()]
    )


def totals(record: CountRecord, stage: int) -> dict[str, Fraction]:
    return dict(record.stages[stage - 1].totals)


def assert_conserved(record: CountRecord) -> None:
    """Every stage: candidates' totals + non-transferable == valid papers, exactly."""
    for stage in record.stages:
        held = sum(stage.totals.values(), Fraction(0))
        assert held + stage.non_transferable == record.valid_ballots, stage.number
