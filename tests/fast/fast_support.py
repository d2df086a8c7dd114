"""Shared by the fast-engine tests: a minimal BLT reader and the engine comparison."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

from teller.count import count
from teller.errors import TellerError
from teller.model import Candidate, Contest, Profile
from teller.recordjson import record_to_dict

CONFORMANCE = Path(__file__).parents[1] / "conformance" / "scottish-stv"


def read_blt(path: Path) -> tuple[Contest, Profile]:
    """The ballots and candidates of a conformance BLT file (weights, 1-based preferences)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    n, seats = map(int, lines[0].split())
    ballots = []
    i = 1
    while lines[i].strip() != "0":
        parts = [int(x) for x in lines[i].split()]
        ballots.append((tuple(c - 1 for c in parts[1:-1]), parts[0]))
        i += 1
    names = [shlex.split(line)[0] for line in lines[i + 1 : i + 1 + n]]
    contest = Contest(tuple(Candidate(x) for x in names), seats=seats, method="stv")
    return contest, Profile.from_rankings(n, ballots)


def both_engines(contest: Contest, profile: Profile, seed: int | None = 7) -> tuple[Any, Any]:
    """The whole JSON record from each engine, or the error each raised (type and message)."""
    out = []
    for engine in ("reference", "fast"):
        try:
            out.append(record_to_dict(count(contest, profile, seed=seed, engine=engine)))
        except TellerError as exc:
            out.append((type(exc).__name__, str(exc)))
    return out[0], out[1]
