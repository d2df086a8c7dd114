"""teller's AV count against RCTab's round-by-round results (issue 2, section 8).

Every folder here with a ``case.json`` is one RCTab test case that teller's AV count can follow
(``tools/import_rctab.py`` chose them and wrote the files; ``index.json`` says why the others are
not run). For each case and each counting engine, every round RCTab reports from
``first_compared_round`` on must equal teller's stage of the same position: every continuing
candidate's votes, who is eliminated, who is elected, how many ballots became inactive, the winning
threshold, and the winner. No seed is given, so a tie that teller could only settle by lot fails.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from teller.count import count
from teller.io import read_ballots
from teller.record import CountRecord, ElectedBy

HERE = Path(__file__).parent
CASES = sorted(p for p in HERE.iterdir() if (p / "case.json").is_file())
ENGINES = ("reference", "fast")


def load(case: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    spec = json.loads((case / "case.json").read_text(encoding="utf-8"))
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    return spec, expected


def count_case(case: Path, engine: str) -> CountRecord:
    spec, _ = load(case)
    ballots = read_ballots(case / spec["ballots"])
    contest = ballots.contest.replace(method=spec["method"], options=spec["options"])
    return count(contest, ballots.profile, engine=engine)


def test_there_are_cases() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_round_by_round(case: Path, engine: str) -> None:
    spec, expected = load(case)
    record = count_case(case, engine)
    rounds = [r for r in expected["rounds"] if r["round"] >= spec["first_compared_round"]]
    assert len(record.stages) == len(rounds), "number of rounds"
    continuing = set(record.names)
    inactive_before = Fraction(rounds[0]["inactive"])
    for stage, rnd in zip(record.stages, rounds, strict=True):
        where = f"RCTab round {rnd['round']} / teller stage {stage.number}"
        tally = {name: Fraction(votes) for name, votes in rnd["tally"].items()}
        assert {n: stage.totals[n] for n in continuing} == tally, where
        assert all(stage.totals[n] == 0 for n in set(record.names) - continuing), where
        assert sorted(stage.excluded) == sorted(rnd["eliminated"]), where
        assert [e.name for e in stage.elected] == rnd["elected"], where
        # Ballots RCTab counts inactive since the first compared round = teller's exhausted.
        assert stage.exhausted == Fraction(rnd["inactive"]) - inactive_before, where
        # RCTab's threshold is floor(votes in play / 2) + 1; teller's quota is half of them.
        assert stage.quota is not None
        assert int(stage.quota) + 1 == int(Fraction(rnd["threshold"])), where
        continuing -= set(stage.excluded)
    assert list(record.elected) == expected["winner"]
    assert record.elected_at()[0][2] is ElectedBy.QUOTA
    assert all(tie.resolved_by != "lot" for stage in record.stages for tie in stage.ties)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_round_one_before_write_ins_are_dropped(case: Path) -> None:
    # Where RCTab's round 1 only drops undeclared write-ins, teller starts at RCTab's round 2;
    # RCTab's round 1 must then be the ballots' first preferences with the write-ins still in.
    spec, expected = load(case)
    ballots = read_ballots(case / spec["ballots"])
    contest, profile = ballots.contest, ballots.profile
    excluded = {n for n, why in spec["withdrawn"].items() if "excluded" in why}
    skip = {i for i, name in enumerate(contest.names) if name in excluded}
    first: dict[str, int] = {}
    for ranking, weight in profile:
        top = next((contest.names[c] for c in ranking if c not in skip), None)
        if top is not None:
            first[top] = first.get(top, 0) + weight
    tally = {n: int(v) for n, v in expected["rounds"][0]["tally"].items()}
    assert {n: first.get(n, 0) for n in tally} == tally
    assert set(first) <= set(tally)
    dropped = spec["first_compared_round"] == 2
    assert dropped == ("Undeclared Write-ins" in spec["withdrawn"])
    if dropped:
        assert expected["rounds"][0]["eliminated"] == ["Undeclared Write-ins"]
