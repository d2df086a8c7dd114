"""STV: which checks a record gets, and the set-up every STV rule set shares.

* A rule set in :data:`~teller.verify.stv_rules.STV_RULES`: its arithmetic, quota and criterion
  (checked here), then :mod:`teller.verify.wigm` (Scottish 2007, generic WIGM) or
  :mod:`teller.verify.ers97`;
* Meek (rules in ``MEEK_RULES``, or stages with keep values): :mod:`teller.verify.meek`;
* any other rule set: the generic checks only, and a ``rules-unknown`` finding saying so;
* a group minimum ([G1]-[G5], :mod:`teller.verify.group`): read here, given to the rule set's
  checks, then checked as the record states it; under a rule set without one (Scottish 2007), a
  ``group-minimum`` finding.
"""

from __future__ import annotations

from dataclasses import replace

from teller.verify.ers97 import check_ers97
from teller.verify.findings import Report
from teller.verify.group import GROUP_RULES, GroupView, read_group
from teller.verify.meek import check_meek
from teller.verify.model import Record
from teller.verify.status import Timeline
from teller.verify.stv_rules import MEEK_RULES, STV_RULES, StvRules
from teller.verify.wigm import check_wigm


def check_stv(record: Record, line: Timeline, report: Report) -> None:
    meek = record.rules in MEEK_RULES or any(s.keep_values is not None for s in record.stages)
    group = _group(record, line, report, meek=meek)
    if meek:
        check_meek(record, line, report, group)
    else:
        _check_counted(record, line, report, group)
    if group is not None:
        group.check(report)


def _group(record: Record, line: Timeline, report: Report, *, meek: bool) -> GroupView | None:
    """The group minimum the checks apply, where the record's rule set has one."""
    if not record.group_minimum:
        return None
    if record.rules not in GROUP_RULES:
        if record.rules in STV_RULES or record.rules in MEEK_RULES:
            report.add(
                None,
                "group-minimum",
                f"the rule set {record.rules!r} has no group minimum (rule sets with one: "
                f"{', '.join(sorted(GROUP_RULES))}); the count is checked without it",
            )
        return None  # an unknown rule set is reported as such, its group rules with it
    rule = read_group(record, report)
    return None if rule is None else GroupView(rule, record, line, meek=meek)


def _check_counted(record: Record, line: Timeline, report: Report, group: GroupView | None) -> None:
    rules = STV_RULES.get(record.rules)
    if rules is None:
        known = ", ".join(sorted([*STV_RULES, *MEEK_RULES]))
        report.add(
            None,
            "rules-unknown",
            f"the verifier has no table entry for STV rules {record.rules!r} (it knows {known}): "
            "only the generic checks were run, not quota, transfer-value, ordering or exclusion "
            "rules",
        )
        return
    record = check_setup(record, rules, report, static_quota=rules.name != "ers97")
    if rules.name == "ers97":
        check_ers97(record, rules, line, report, group)
        return
    check_wigm(record, rules, line, report, group)


def check_setup(record: Record, rules: StvRules, report: Report, *, static_quota: bool) -> Record:
    """Arithmetic, quota and criterion as the rules state them; the record to judge by.

    The returned record carries the rules' quota and criterion, so every later check judges the
    count by the rules, whatever the record states (a difference is reported here once).
    """
    show = record.show
    quota = rules.quota(record)
    criterion = rules.criterion(record)
    if not rules.arithmetic(record.arith.name):
        report.add(
            None,
            "arithmetic",
            f"{rules.name} does not count in {record.arith.name} arithmetic",
        )
    if record.quota_criterion != criterion:
        report.add(
            None,
            "quota",
            f"under {rules.name} votes must {criterion} the quota, but the record says "
            f"{record.quota_criterion!r} [{rules.cite['elect']}]",
        )
    if record.quota != quota:
        shown = "none" if record.quota is None else show(record.quota)
        report.add(
            None,
            "quota",
            f"the quota for {record.valid_ballots} valid papers and {record.seats} seat(s) is "
            f"{show(quota)}, not {shown} [{rules.cite['quota']}]",
        )
    first = record.stages[0]
    for stage in record.stages if static_quota else [first]:
        if stage.quota is not None and stage.quota != quota:
            report.add(
                stage.number,
                "quota",
                f"the stage quota {show(stage.quota)} differs from the quota {show(quota)} "
                f"[{rules.cite['quota']}]",
            )
    if first.action.kind != "first-preferences":
        report.add(1, "stages", f"stage 1 counts first preferences, not {first.action.kind!r}")
    return replace(record, quota=quota, quota_criterion=criterion)
