"""STV rule sets of the weighted inclusive Gregory family: Scottish 2007 and generic WIGM.

At every stage:

* everyone elected by quota reached it on that stage's totals; nobody continuing who reached it
  is left unelected; candidates deemed elected are exactly the continuing ones, and only when
  they equal the vacancies left, which they must then fill;
* while an elected candidate holds a surplus, the next stage transfers the largest surplus
  (equal surpluses by the tie-break rule); no exclusion happens first;
* a surplus is the candidate's total less the quota; the candidate keeps exactly the quota; each
  parcel's transfer value is the rules' formula; what the non-transferable papers carry at their
  transfer values is exhausted, and the rest of the surplus not credited is rounding;
* otherwise one candidate, the lowest continuing (or the recorded tie-break among the equal
  lowest), is excluded, and every parcel of theirs moves at the value it was received;
* no stage follows the one that fills the last seat.

With a group minimum, :mod:`.group` says who [G2] forces out, [G3] passes over and [G4] protects.
"""

from __future__ import annotations

from fractions import Fraction

from teller.verify.findings import Report
from teller.verify.group import GroupView
from teller.verify.model import Record, Stage
from teller.verify.papers import check_papers
from teller.verify.status import Timeline
from teller.verify.stv_rules import StvRules
from teller.verify.ties import check_tie


def check_wigm(
    record: Record,
    rules: StvRules,
    line: Timeline,
    report: Report,
    group: GroupView | None = None,
) -> None:
    """``record`` carries the rules' quota and criterion (see :func:`.stv.check_setup`)."""
    check_papers(record, line, report, surplus_papers=rules.surplus_papers)
    for stage in record.stages:
        _check_elections(record, rules, line, stage, report, group)
        _check_elected_order(record, rules, stage, report)
    transferred: set[str] = set()
    for stage in record.stages[1:]:
        if not _check_sequence(record, rules, line, stage, transferred, report, group):
            break


def _reaches(record: Record, votes: Fraction) -> bool:
    quota = record.quota
    assert quota is not None  # check_stv sets the rules' quota before any stage check
    return votes >= quota if record.quota_criterion == "reach" else votes > quota


def _check_elections(
    record: Record,
    rules: StvRules,
    line: Timeline,
    stage: Stage,
    report: Report,
    group: GroupView | None,
) -> None:
    n = stage.number
    show = record.show
    quota = record.quota
    assert quota is not None
    continuing = line.continuing_before(n)
    by_quota = [c for c, by in stage.elected if by == "quota"]
    deemed = [c for c, by in stage.elected if by == "deemed"]
    for c, by in stage.elected:
        if by not in ("quota", "deemed"):
            report.add(
                n,
                "election",
                f"{c} is elected by {by!r}; under STV a candidate is elected by quota or deemed "
                "elected",
            )
    for c in by_quota:
        if not _reaches(record, stage.totals[c]):
            report.add(
                n,
                "election",
                f"{c} is elected by quota with {show(stage.totals[c])}, short of the quota "
                f"{show(quota)} [{rules.cite['elect']}]",
            )
    passed: list[str] = []
    if group is not None:  # [G3]
        before = [c for c, k in line.elected_at.items() if k < n]
        reaching = [c for c in continuing if _reaches(record, stage.totals[c])]
        passed = group.sift(stage, reaching, before, report)[1]
    for c in continuing:
        if c in passed:
            continue
        if c not in by_quota and c not in deemed and _reaches(record, stage.totals[c]):
            report.add(
                n,
                "election",
                f"{c} reaches the quota {show(quota)} with {show(stage.totals[c])} but is not "
                f"elected at this stage [{rules.cite['elect']}]",
            )
    left = record.seats - line.elected_by_end_of(n - 1) - len(by_quota)
    remaining = [c for c in continuing if c not in by_quota]
    if deemed:
        if set(deemed) != set(remaining) or len(remaining) != left or stage.excluded:
            report.add(
                n,
                "deemed",
                f"{', '.join(deemed)} deemed elected, but the continuing candidates are "
                f"{', '.join(remaining) or 'none'} for {left} vacancy(ies) left "
                f"[{rules.cite['deemed']}]",
            )
        for c in deemed:
            if _reaches(record, stage.totals[c]):
                report.add(
                    n,
                    "election",
                    f"{c} reaches the quota and is elected by quota, not deemed elected "
                    f"[{rules.cite['elect']}]",
                )
    elif 0 < left == len(remaining):
        report.add(
            n,
            "deemed",
            f"the continuing candidates {', '.join(remaining)} equal the {left} vacancy(ies) "
            f"left and must be deemed elected [{rules.cite['deemed']}]",
        )


def _check_elected_order(record: Record, rules: StvRules, stage: Stage, report: Report) -> None:
    """A recorded order among candidates elected together with equal votes rests on the stages."""
    order = [c for c, _ in stage.elected]
    for tie in stage.ties:
        if tie.kind != "elected-order":
            continue
        listed = [c for c in order if c in tie.candidates]
        values = {stage.totals[c] for c in tie.candidates}
        if len(listed) != len(tie.candidates) or len(values) != 1:
            report.add(
                stage.number,
                "tie",
                f"an elected-order tie is recorded for {', '.join(tie.candidates)}, who are not "
                "all elected here with equal votes",
            )
            continue
        problem = check_tie(
            record,
            report,
            stage,
            kind="elected-order",
            tied=tie.candidates,
            chosen=listed[0],
            lowest=False,
            direction=rules.tie_direction,
            rule=rules.cite["tie-order"],
        )
        if problem:
            report.add(stage.number, "tie", problem)


def _check_sequence(
    record: Record,
    rules: StvRules,
    line: Timeline,
    stage: Stage,
    transferred: set[str],
    report: Report,
    group: GroupView | None,
) -> bool:
    """The stage did what the rules require next; False once there should be no more stages."""
    n = stage.number
    before = record.previous(stage)
    show = record.show
    quota = record.quota
    assert quota is not None
    if line.elected_by_end_of(n - 1) >= record.seats:
        report.add(
            n,
            "count-continued",
            f"every seat was filled at stage {n - 1}, so no further transfer is made "
            f"[{rules.cite['stop']}]",
        )
        return False
    pending = {
        c: before.totals[c] - quota
        for c, k in line.elected_at.items()
        if k < n and c not in transferred and before.totals[c] > quota
    }
    action = stage.action
    if action.kind == "surplus":
        _check_surplus(record, rules, stage, pending, report)
        transferred.update(action.candidates)
    elif action.kind == "exclusion" and group is not None and group.forced(n - 1):
        # [G2] before any surplus, every non-member at once: group.check judges who.
        _check_exclusion_values(record, rules, stage, report)
    elif action.kind == "exclusion":
        if pending:
            listed = ", ".join(f"{c} ({show(s)})" for c, s in pending.items())
            report.add(
                n,
                "surplus-first",
                f"a candidate is excluded while surpluses remain to transfer: {listed} "
                f"[{rules.cite['exclude']}]",
            )
        _check_exclusion(record, rules, line, stage, report, group)
    else:
        report.add(
            n,
            "stages",
            f"stage {n} transfers a surplus or excludes a candidate, not {action.kind!r}",
        )
    return True


def _check_surplus(
    record: Record, rules: StvRules, stage: Stage, pending: dict[str, Fraction], report: Report
) -> None:
    n = stage.number
    show = record.show
    before = record.previous(stage)
    action = stage.action
    quota = record.quota
    assert quota is not None
    if len(action.candidates) != 1:
        report.add(
            n, "surplus", f"one surplus is transferred per stage, not {len(action.candidates)}"
        )
        return
    (source,) = action.candidates
    if source not in pending:
        report.add(
            n,
            "surplus",
            f"{source} has no surplus awaiting transfer after stage {n - 1} "
            f"[{rules.cite['surplus']}]",
        )
        return
    total = before.totals[source]
    surplus = total - quota
    largest = max(pending.values())
    if surplus != largest:
        top = ", ".join(c for c, s in pending.items() if s == largest)
        report.add(
            n,
            "surplus-order",
            f"{source}'s surplus {show(surplus)} is transferred before the larger surplus of "
            f"{top} [{rules.cite['order']}]",
        )
    else:
        equal = [c for c, s in pending.items() if s == largest]
        if len(equal) > 1:
            problem = check_tie(
                record,
                report,
                before,
                kind="surplus-order",
                tied=equal,
                chosen=source,
                lowest=False,
                direction=rules.tie_direction,
                rule=rules.cite["tie-order"],
            )
            if problem:
                report.add(n, "tie", problem)
    if action.surplus != surplus:
        shown = "none" if action.surplus is None else show(action.surplus)
        report.add(
            n,
            "surplus",
            f"{source}'s surplus is {show(total)} less the quota {show(quota)}, {show(surplus)}, "
            f"not {shown}",
        )
    if stage.totals[source] != quota:
        report.add(
            n,
            "surplus",
            f"after transferring the surplus {source} keeps the quota {show(quota)}, not "
            f"{show(stage.totals[source])}",
        )
    # [48(3)] / [W4]: the value not carried by transferred papers of each parcel is rounding;
    # what the non-transferable papers carry at the transfer value is exhausted.
    carried = sum((p.exhausted * p.transfer_value for p in action.parcels), Fraction(0))
    grew = stage.exhausted - before.exhausted
    if grew != carried:
        report.add(
            n,
            "transfer-exhausted",
            f"exhausted grows by {show(grew)} but the non-transferable papers carry "
            f"{show(carried)} at their transfer values",
        )
    if total <= 0:
        return  # only a corrupt quota puts a surplus on no votes; the quota check reports it
    for i, p in enumerate(action.parcels, start=1):
        tv = rules.transfer_value(record, surplus, total, p)
        if p.transfer_value != tv:
            report.add(
                n,
                "transfer-value",
                f"parcel {i} of {source}'s papers at value {show(p.value)}: surplus "
                f"{show(surplus)} x {show(p.value)} / total {show(total)} gives {show(tv)}, not "
                f"{show(p.transfer_value)} [{rules.cite['tv']}]",
            )


def _check_exclusion_values(record: Record, rules: StvRules, stage: Stage, report: Report) -> None:
    show = record.show
    for i, p in enumerate(stage.action.parcels, start=1):
        if p.transfer_value != p.value:
            report.add(
                stage.number,
                "transfer-value",
                f"parcel {i} of the excluded papers was received at {show(p.value)} and moves at "
                f"that value, not {show(p.transfer_value)} [{rules.cite['exclusion-tv']}]",
            )


def _check_exclusion(
    record: Record,
    rules: StvRules,
    line: Timeline,
    stage: Stage,
    report: Report,
    group: GroupView | None,
) -> None:
    n = stage.number
    show = record.show
    before = record.previous(stage)
    action = stage.action
    _check_exclusion_values(record, rules, stage, report)
    if len(action.candidates) != 1:
        report.add(
            n,
            "exclusion-bulk",
            f"{rules.name} excludes one candidate at a time, not "
            f"{', '.join(action.candidates)} [{rules.cite['exclude']}]",
        )
        return
    (loser,) = action.candidates
    # Continuing when the exclusion was decided: not elected by stage n-1, not excluded earlier.
    pool = [c for c in line.continuing_before(n - 1) if line.elected_at.get(c, n) > n - 1]
    if group is not None:  # [G4] the lowest of those the group minimum does not protect
        protected = group.protected(n - 1)
        if loser in protected:
            return  # group.check reports it
        pool = [c for c in pool if c not in protected]
    if loser not in pool:
        report.add(
            n,
            "exclusion-lowest",
            f"{loser} is excluded but was not a continuing candidate at stage {n - 1}",
        )
        return
    low = min(before.totals[c] for c in pool)
    bottom = [c for c in pool if before.totals[c] == low]
    if before.totals[loser] != low:
        report.add(
            n,
            "exclusion-lowest",
            f"{loser} is excluded with {show(before.totals[loser])}, but {', '.join(bottom)} has "
            f"fewer ({show(low)}) at stage {n - 1} [{rules.cite['exclude']}]",
        )
    elif len(bottom) > 1:
        problem = check_tie(
            record,
            report,
            before,
            kind="exclusion",
            tied=bottom,
            chosen=loser,
            lowest=True,
            direction=rules.tie_direction,
            rule=rules.cite["tie-exclusion"],
        )
        if problem:
            report.add(n - 1, "tie", problem)
