"""Peer cross-checks against Droop's own reports (/work/shared/conformance/droop; GPL, read in
place, never copied). Droop's figures are not official results; the comparisons and every
disagreement are described in docs/stv.md ("Cross-checks against Droop")."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from droop_reports import CASES, SHARED, Report, meek_rounds, wigm_transfers

from teller.arithmetic import Arithmetic
from teller.count import count
from teller.io import read_ballots
from teller.record import CountRecord

pytestmark = pytest.mark.skipif(
    not SHARED.exists(), reason="Droop's reports are read from /work/shared (GPL, not copied)"
)


def _count(
    case: str, rules: str, options: dict[str, str], arithmetic: Arithmetic | None
) -> CountRecord:
    ballots = read_ballots(SHARED / "blt" / f"{case}.blt")
    contest = ballots.contest.replace(method="stv", rules=rules, options=options)
    return count(contest, ballots.profile, seed=1, arithmetic=arithmetic)


def _differences(record: CountRecord, report: Report, tolerance: Fraction, upto: int) -> list[str]:
    found = []
    for stage, snapshot in list(zip(record.stages, report.snapshots, strict=False))[:upto]:
        for name, votes in snapshot.items():
            if votes is not None and abs(stage.totals[name] - votes) > tolerance:
                found.append(f"stage {stage.number} {name}: {stage.totals[name]} vs {votes}")
    return found


def _ref(name: str) -> Path:
    return SHARED / "ref" / "json" / name


MEEK_PRF = [c for c in CASES if _ref(f"{c}-meek-prf-o6-fixed-p9-d9.txt").exists()]


@pytest.mark.parametrize("case", MEEK_PRF)
def test_meek_prf_every_round_exact(case: str) -> None:
    """meek-prf, fixed 9 decimals, with Droop's tiebreak (ballot order): every round's totals,
    the non-transferable votes, the number of rounds and the winners agree exactly."""
    report = meek_rounds(_ref(f"{case}-meek-prf-o6-fixed-p9-d9.txt"))
    record = _count(case, "meek-prf", {"tie_order": "ballot"}, None)
    assert len(record.stages) == len(report.snapshots)
    assert _differences(record, report, Fraction(0), len(record.stages)) == []
    assert set(record.elected) == set(report.winners)


WIGM = [
    (c, ref)
    for c in CASES
    for ref in (f"{c}-wigm-rational-d12.txt", f"{c}-wigm-guarded-p18-g9-d18.txt")
    if _ref(ref).exists()
]


@pytest.mark.parametrize(("case", "ref"), WIGM)
def test_wigm_exact_quota_agrees_until_droops_first_tie(case: str, ref: str) -> None:
    """wigm with ``quota: exact`` and rational arithmetic against Droop's ``wigm`` (exact quota,
    exceed to be elected). Droop shows 12 (rational) or 18 (guarded) decimals: totals agree to
    1e-12. Droop settles ties by its tie order, teller by earlier stages then lot [W6]: the
    stages are compared up to Droop's first tie-break; with no tie, to the end, winners too."""
    report = wigm_transfers(_ref(ref))
    record = _count(case, "wigm", {"quota": "exact"}, Arithmetic.rational())
    upto = min(report.ties_at) if report.ties_at else len(record.stages)
    assert _differences(record, report, Fraction(1, 10**12), upto) == []
    for stage, nt in list(zip(record.stages, report.nontransferable, strict=False))[:upto]:
        assert nt is not None and abs(stage.non_transferable - nt) <= Fraction(1, 10**12)
    if not report.ties_at:
        assert len(record.stages) == len(report.snapshots)
        assert set(record.elected) == set(report.winners)


def _untied_meek(case: str) -> bool:
    path = _ref(f"{case}-meek-o9-guarded-p18-g9-d18.txt")
    return path.exists() and not meek_rounds(path).ties_at


NZ = [c for c in CASES if SHARED.exists() and _untied_meek(c)]


@pytest.mark.parametrize("case", NZ)
def test_nz_meek_elects_droops_meek_winners(case: str) -> None:
    """Droop has no NZ rule; its generic ``meek`` (omega 1e-9, 18 digits) is another Meek
    variant, so only the winners are compared, and only where Droop broke no tie."""
    report = meek_rounds(_ref(f"{case}-meek-o9-guarded-p18-g9-d18.txt"))
    record = _count(case, "meek", {}, None)
    assert set(record.elected) == set(report.winners)
