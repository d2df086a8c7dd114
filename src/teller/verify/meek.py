"""Meek STV records (stages of type ``iteration`` with keep values): deliberately limited checks.

A Meek count's totals come from every ballot's whole ranking weighted by keep values; no parcel
says which papers moved, so the record alone cannot confirm a transfer. The verifier checks
what the record does determine (the generic checks already cover conservation, changes,
non-transferable = exhausted + rounding, exhausted never falling and the number elected):

* keep values: every standing candidate has one at each iteration, between 0 and 1; excluded
  candidates' are 0 and continuing (hopeful) candidates' are 1;
* quota consistency: each stage states a quota, positive and no more than the Droop quota of the
  valid papers (valid / (seats + 1), plus one unit of the arithmetic); a candidate elected by
  quota reaches that stage's quota;
* exclusions take the lowest continuing candidate on the stage's totals.

Not checked: that the keep values are the converged solution, that iteration stopped at the
right tolerance, or the quota's exact formula (variants differ). See docs/verify.md.
"""

from __future__ import annotations

from fractions import Fraction

from teller.verify.findings import Report
from teller.verify.model import Record
from teller.verify.status import Timeline


def check_meek(record: Record, line: Timeline, report: Report) -> None:
    show = record.show
    ceiling = Fraction(record.valid_ballots, record.seats + 1) + record.arith.unit
    for stage in record.stages:
        n = stage.number
        if stage.quota is None:
            report.add(n, "quota", "a Meek stage states no quota")
        elif not 0 < stage.quota <= ceiling:
            report.add(
                n,
                "quota",
                f"the quota {show(stage.quota)} is not between 0 and the Droop quota "
                f"{show(ceiling)} of {record.valid_ballots} valid papers",
            )
        else:
            for c, by in stage.elected:
                met = (
                    stage.totals[c] >= stage.quota
                    if record.quota_criterion == "reach"
                    else stage.totals[c] > stage.quota
                )
                if by == "quota" and not met:
                    report.add(
                        n,
                        "election",
                        f"{c} is elected by quota with {show(stage.totals[c])}, short of the "
                        f"quota {show(stage.quota)}",
                    )
        continuing = line.continuing_before(n)
        if stage.action.kind == "iteration":
            _keep_values(record, line, n, report)
        if stage.excluded:
            low = min(stage.totals[c] for c in continuing)
            for c in stage.excluded:
                if stage.totals[c] != low:
                    report.add(
                        n,
                        "exclusion-lowest",
                        f"{c} is excluded with {show(stage.totals[c])}, but the lowest "
                        f"continuing total is {show(low)}",
                    )


def _keep_values(record: Record, line: Timeline, n: int, report: Report) -> None:
    stage = record.stages[n - 1]
    keep = stage.keep_values
    if keep is None:
        report.add(n, "keep-values", "an iteration stage records no keep values")
        return
    for c in record.names:
        k = keep.get(c)
        if k is None:
            report.add(n, "keep-values", f"{c} has no keep value")
        elif not 0 <= k <= 1:
            report.add(n, "keep-values", f"{c}'s keep value {k} is not between 0 and 1")
        elif line.excluded_at.get(c, n) < n and k != 0:
            report.add(
                n, "keep-values", f"{c} was excluded at stage {line.excluded_at[c]} but keeps {k}"
            )
        elif c not in line.excluded_at and line.elected_at.get(c, n + 1) > n and k != 1:
            report.add(n, "keep-values", f"{c} is a hopeful candidate but keeps {k}, not 1")
