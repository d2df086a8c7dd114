"""Which RCTab test cases teller's AV count can follow, and why the others cannot.

A case runs when RCTab counts it as teller's AV count does (Labour Party rules: the lowest
candidate is excluded until one has more than half of the votes still in play), with any RCTab
option that teller also has set the same way (batch elimination = ``bulk_exclusion``; ties settled
by previous rounds = ``tie_direction="backward"``), and with ballot rules that depend only on the
ballot, so they can be applied once when the cast vote records are turned into rankings.
:func:`why_not` gives the one-line reason for every other case, decided from RCTab's config and
its own expected report (never from teller's count).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

UWI = "Undeclared Write-ins"


@dataclass(frozen=True)
class Case:
    """One RCTab test case folder."""

    name: str
    """Folder name."""
    folder: Path
    """The case folder."""
    config_path: Path
    """``<case>_config.json``."""
    config: Mapping[str, Any]
    """The parsed config."""
    reports: tuple[Path, ...]
    """Every ``*_expected_detailed_report.json`` (several for multi-pass cases)."""

    @property
    def report_path(self) -> Path:
        return self.reports[0]

    @property
    def report(self) -> Mapping[str, Any]:
        data: Mapping[str, Any] = json.loads(self.report_path.read_text(encoding="utf-8"))
        return data

    @property
    def title(self) -> str:
        return str(self.config["outputSettings"].get("contestName") or self.name)

    @property
    def max_rankings(self) -> int:
        raw = str(self.config["rules"].get("maxRankingsAllowed", "max"))
        # "max": one rank per declared candidate (ContestConfig.getMaxRankingsAllowed).
        return len(self.config["candidates"]) if raw.lower() == "max" else int(raw)


def load_case(folder: Path) -> Case | None:
    """The case in ``folder``, or None when it has no config of its own."""
    configs = sorted(folder.glob(f"{folder.name}_config.json")) or sorted(
        folder.glob("*config.json")
    )
    if not configs:
        return None
    config = json.loads(configs[0].read_text(encoding="utf-8"))
    reports = tuple(sorted(folder.glob("*_expected_detailed_report.json")))
    return Case(folder.name, folder, configs[0], config, reports)


def _tallies(report: Mapping[str, Any]) -> list[dict[str, Fraction]]:
    return [{n: Fraction(v) for n, v in r["tally"].items()} for r in report["results"]]


def _eliminated(result: Mapping[str, Any]) -> list[str]:
    return [e for t in result["tallyResults"] if (e := t.get("eliminated"))]


def _by_previous_rounds(
    tied: Sequence[str], history: Sequence[Mapping[str, Fraction]]
) -> str | None:
    """RCTab's previous-round tiebreak (Tiebreak.doPreviousRounds): fewest at the latest round."""
    contention = list(tied)
    for tally in reversed(history):
        low = min(tally.get(c, Fraction(0)) for c in contention)
        contention = [c for c in contention if tally.get(c, Fraction(0)) == low]
        if len(contention) == 1:
            return contention[0]
    return None


def _tie_problem(case: Case, first_round: int) -> str | None:
    """Why a tie in RCTab's count would not be settled as teller settles it, if so."""
    report = case.report
    mode = str(case.config["rules"]["tiebreakMode"])
    tallies = _tallies(report)
    for index, result in enumerate(report["results"]):
        if index + 1 < first_round:
            continue  # RCTab's write-in drop before teller's stage 1 is not a choice
        gone = _eliminated(result)
        tally = tallies[index]
        if len(tally) == 2 and len(set(tally.values())) == 1:
            return f"round {result['round']}: the last two tie; RCTab picks the winner by {mode}"
        if len(gone) != 1:
            continue  # no elimination, or a batch elimination (which needs no tiebreak)
        low = tally[gone[0]]
        tied = sorted(c for c, v in tally.items() if v == low)
        if len(tied) < 2:
            continue
        where = f"round {result['round']}: tie for last place ({', '.join(tied)})"
        if not mode.startswith("previousRoundCounts"):
            return f"{where} settled by RCTab's {mode}; teller uses earlier rounds, then a lot"
        # teller looks back over its own stages only, which start at first_round.
        ours = _by_previous_rounds(tied, tallies[first_round - 1 : index])
        theirs = _by_previous_rounds(tied, tallies[:index])
        if ours is None or ours != theirs or theirs != gone[0]:
            return f"{where}: previous rounds do not settle it the same way"
    return None


def why_not(case: Case | None) -> str | None:
    """One line saying why teller cannot run ``case`` as RCTab does, or None if it can."""
    if case is None:
        return "not a test case: input files shared by other cases"
    rules = case.config["rules"]
    mode = rules.get("winnerElectionMode")
    seats = str(rules.get("numberOfWinners"))
    checks: list[tuple[bool, str]] = [
        (
            not case.reports,
            "no expected round-by-round report (RCTab tests an error, a conversion or the GUI)",
        ),
        (
            mode != "singleWinnerMajority" or seats != "1",
            f"{mode}, {seats} seat(s): not single-winner IRV (teller's AV fills one seat)",
        ),
        (
            bool(rules.get("doesFirstRoundDetermineThreshold")),
            "RCTab keeps round 1's threshold in later rounds; teller's AV needs more than half "
            "of the votes still in play",
        ),
        (
            bool(rules.get("continueUntilTwoCandidatesRemain")),
            "RCTab continues past a majority until two candidates remain; teller's AV stops at "
            "a majority and has no such option",
        ),
        (
            bool(str(rules.get("stopTabulationEarlyAfterRound") or "").strip()),
            f"RCTab stops after round {rules.get('stopTabulationEarlyAfterRound')} by "
            "configuration; teller counts to a result",
        ),
        (
            Fraction(str(rules.get("minimumVoteThreshold") or "0")) > 0,
            "RCTab first drops candidates below a minimum vote threshold; teller has no such rule",
        ),
        (
            rules.get("overvoteRule") == "exhaustIfMultipleContinuing",
            "overvote rule 'exhaust if multiple continuing' depends on who is still continuing, "
            "so no fixed ranking expresses it (a UK paper ends at an unclear preference)",
        ),
    ]
    for failed, reason in checks:
        if failed:
            return reason
    missing = [
        s["filePath"]
        for s in case.config["cvrFileSources"]
        if not (case.folder / s["filePath"]).exists()
        or (
            s.get("provider") == "dominion"
            and not any((case.folder / s["filePath"]).glob("CvrExport*.json"))
        )
    ]
    if missing:
        listed = (
            ", ".join(missing) if len(missing) < 3 else f"{len(missing)} files ({missing[0]}, ...)"
        )
        return f"cast vote records not in the shared snapshot: {listed}"
    results = case.report["results"]
    first_uwi = Fraction(results[0]["tally"].get(UWI, "0"))
    later_uwi = [r["round"] for r in results[1:] if UWI in _eliminated(r)]
    if later_uwi and first_uwi == 0:
        return (
            f"round {later_uwi[0]}: RCTab drops write-ins that gained votes ahead of every other "
            "elimination; teller has no such rule"
        )
    return _tie_problem(case, 2 if first_uwi > 0 else 1)
