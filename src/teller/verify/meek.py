"""Meek STV records (rule sets ``meek``, New Zealand Local Electoral Regulations 2001 Sch. 1A,
and ``meek-prf``, the PR Foundation's reference rule), as teller's docs/stv.md records them.

A Meek count's totals come from every ballot's whole ranking weighted by keep values; no parcel
says which papers moved, so the record alone cannot confirm a transfer, nor that the keep values
are the converged solution. What the record does determine is checked (the generic checks add
conservation, changes, non-transferable = exhausted + rounding, exhausted never falling, and
the number elected):

* arithmetic: nine decimals, as both rules state;
* quota, at every stage: NZ [5] (valid - exhausted) / (seats + 1) truncated to nine decimals,
  plus 0.000000001; PRF [B.2.b] total vote / (seats + 1), likewise;
* elections: a candidate elected by quota reaches that stage's quota [NZ 6; PRF B.2.c], a hopeful
  who reaches it is elected at that stage, and candidates deemed elected only at the last stage
  [NZ 3; PRF C.1];
* keep values: every candidate has one at every stage, between 0 and 1; excluded candidates'
  are 0 and hopeful candidates' 1;
* what each stage records as its action: after an exclusion decision, the exclusion of exactly
  those candidates; otherwise an iteration naming the elected candidates whose keep value is
  below 1;
* exclusions: the lowest hopeful [NZ 13]; under PRF [B.3] a candidate within the total surplus
  of the lowest may be chosen only by a recorded tie-break;
* with a group minimum, :mod:`.group` says who [G2] forces out, [G3] passes over and [G4]
  protects.

Not checked: the keep values' convergence, the iteration count, the stopping tolerance, NZ
pseudo-random tie-breaks (the PRN sequence is not recomputed) and PRF lots. See docs/verify.md.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from teller.verify.findings import Report
from teller.verify.group import GroupView
from teller.verify.model import Record, Stage
from teller.verify.numbers import truncate
from teller.verify.status import Timeline

_NINE = Fraction(1, 10**9)


def _nz_quota(record: Record, stage: Stage) -> Fraction:
    # [5] q = (v - vnt) / (n + 1), truncated to 9 decimals, + 0.000000001.
    return truncate((record.valid_ballots - stage.exhausted) / (record.seats + 1), 9) + _NINE


def _prf_quota(record: Record, stage: Stage) -> Fraction:
    # [B.2.b] quota = total vote / (seats + 1), truncated to 9 decimals, + 0.000000001.
    votes = sum(stage.totals.values(), Fraction(0))
    return truncate(votes / (record.seats + 1), 9) + _NINE


MEEK_QUOTAS: dict[str, Callable[[Record, Stage], Fraction]] = {
    "meek": _nz_quota,
    "meek-prf": _prf_quota,
}


def check_meek(
    record: Record, line: Timeline, report: Report, group: GroupView | None = None
) -> None:
    quota_of = MEEK_QUOTAS.get(record.rules)
    if quota_of is None:
        report.add(
            None,
            "rules-unknown",
            f"the verifier knows Meek rules {', '.join(sorted(MEEK_QUOTAS))}, not "
            f"{record.rules!r}: only the generic and keep-value checks were run",
        )
    if record.arith.name != "fixed:9":
        report.add(
            None,
            "arithmetic",
            f"Meek counts here use nine decimals (fixed:9), not {record.arith.name}",
        )
    last = len(record.stages)
    for stage in record.stages:
        n = stage.number
        quota = stage.quota
        if quota_of is not None:
            expect = quota_of(record, stage)
            if quota != expect:
                shown = "none" if quota is None else record.show(quota)
                report.add(
                    n, "quota", f"the quota at this stage is {record.show(expect)}, not {shown}"
                )
            quota = expect
        if n == 1 and record.quota != quota and quota is not None:
            report.add(
                None,
                "quota",
                "the record's quota "
                f"{record.show(record.quota) if record.quota is not None else 'none'} is not the "
                f"first stage's {record.show(quota)}",
            )
        if quota is not None:
            _elections(record, line, stage, quota, n == last, report, group)
        _action(record, line, stage, report)
        _keep_values(record, line, stage, report)
        if stage.excluded:
            _exclusion(record, line, stage, quota, report, group)


def _elections(
    record: Record,
    line: Timeline,
    stage: Stage,
    quota: Fraction,
    last: bool,
    report: Report,
    group: GroupView | None,
) -> None:
    n = stage.number
    show = record.show
    by = dict(stage.elected)
    # [NZ 3; PRF C.1] when the count ends, the hopeful candidates left fill the seats left:
    # deemed elected (whether or not they reach the quota), all of them.
    closing = last and "deemed" in by.values()
    if closing:
        deemed = {c for c, b in by.items() if b == "deemed"}
        left = [c for c in line.continuing_before(n) if by.get(c) != "quota"]
        left = [c for c in left if c not in stage.excluded]
        if set(left) != deemed:
            report.add(
                n,
                "deemed",
                f"the count ends deeming {', '.join(sorted(deemed))} elected, but the hopeful "
                f"candidates left are {', '.join(left) or 'none'}",
            )
    passed: list[str] = []
    if group is not None:  # [G3]
        before = [c for c, k in line.elected_at.items() if k < n]
        reaching = [c for c in line.continuing_before(n) if stage.totals[c] >= quota]
        passed = group.sift(stage, reaching, before, report)[1]
    for c in line.continuing_before(n):
        reaches = stage.totals[c] >= quota
        unelected = by.get(c) != "quota" and not (closing and by.get(c) == "deemed")
        if reaches and unelected and c not in passed:
            report.add(
                n,
                "election",
                f"{c} reaches the quota {show(quota)} with {show(stage.totals[c])} and is "
                "elected by quota at this stage",
            )
        if by.get(c) == "quota" and not reaches:
            report.add(
                n,
                "election",
                f"{c} is elected by quota with {show(stage.totals[c])}, short of the quota "
                f"{show(quota)}",
            )
        if by.get(c) == "deemed" and not last:
            report.add(n, "deemed", f"{c} is deemed elected before the count ends")
        if by.get(c) not in (None, "quota", "deemed"):
            report.add(
                n,
                "election",
                f"{c} is elected by {by[c]!r}; Meek elects by quota or deems elected at the end",
            )


def _action(record: Record, line: Timeline, stage: Stage, report: Report) -> None:
    n = stage.number
    action = stage.action
    if n == 1:
        if action.kind != "first-preferences":
            report.add(1, "stages", f"stage 1 counts first preferences, not {action.kind!r}")
        return
    before = record.previous(stage)
    if before.excluded:
        if action.kind != "exclusion" or set(action.candidates) != set(before.excluded):
            report.add(
                n,
                "exclusion-record",
                f"stage {n - 1} excluded {', '.join(before.excluded)}, so this stage is their "
                f"exclusion, not {action.kind} of {', '.join(action.candidates) or 'nobody'}",
            )
        return
    keep = stage.keep_values or {}
    expect = {c for c, k in line.elected_at.items() if k < n and keep.get(c, Fraction(1)) < 1}
    if action.kind != "iteration" or set(action.candidates) != expect:
        report.add(
            n,
            "stages",
            "this stage is an iteration naming the elected candidates with keep values below 1 "
            f"({', '.join(sorted(expect)) or 'none'}), not {action.kind} of "
            f"{', '.join(action.candidates) or 'nobody'}",
        )


def _keep_values(record: Record, line: Timeline, stage: Stage, report: Report) -> None:
    n = stage.number
    keep = stage.keep_values
    if keep is None:
        report.add(n, "keep-values", "a Meek stage records no keep values")
        return
    for c in record.names:
        k = keep.get(c)
        excluded = line.excluded_at.get(c, n) < n
        hopeful = not excluded and line.elected_at.get(c, n) >= n
        if k is None:
            report.add(n, "keep-values", f"{c} has no keep value")
        elif not 0 <= k <= 1:
            report.add(n, "keep-values", f"{c}'s keep value {k} is not between 0 and 1")
        elif excluded and k != 0:
            report.add(
                n, "keep-values", f"{c} was excluded at stage {line.excluded_at[c]} but keeps {k}"
            )
        elif hopeful and k != 1:
            report.add(n, "keep-values", f"{c} is a hopeful candidate but keeps {k}, not 1")


def _exclusion(
    record: Record,
    line: Timeline,
    stage: Stage,
    quota: Fraction | None,
    report: Report,
    group: GroupView | None,
) -> None:
    n = stage.number
    show = record.show
    hopeful = [c for c in line.continuing_before(n) if c not in dict(stage.elected)]
    if group is not None:
        if group.forced(n):
            return  # [G2] every non-member at once: group.check judges who
        protected = group.protected(n)  # [G4] the lowest of the others
        if any(c in protected for c in stage.excluded):
            return  # group.check reports it
        hopeful = [c for c in hopeful if c not in protected]
    if not hopeful:
        return
    low = min(stage.totals[c] for c in hopeful)
    surplus = Fraction(0)
    if quota is not None:
        surplus = sum(
            (
                max(stage.totals[c] - quota, Fraction(0))
                for c, k in line.elected_at.items()
                if k <= n
            ),
            Fraction(0),
        )
    for c in stage.excluded:
        votes = stage.totals[c]
        tied = any(c in t.candidates for t in stage.ties if t.kind == "exclusion")
        if votes == low:
            continue
        if record.rules == "meek-prf" and votes <= low + surplus and tied:
            continue  # [B.3] within the total surplus of the lowest: settled by the tie-break
        report.add(
            n,
            "exclusion-lowest",
            f"{c} is excluded with {show(votes)}, but the lowest hopeful total is {show(low)}",
        )
