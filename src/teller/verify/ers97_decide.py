"""ERS97 decisions re-derived from a stage's figures: who is elected [5.1.7, 5.3.13, 5.4.9,
5.6.1-5.6.2], how many of the lowest go together [5.2.5], and who takes the last places when
the count ends [4.3, 5.5.1]. The sequence of stages is checked in :mod:`teller.verify.ers97`.
"""

from __future__ import annotations

from fractions import Fraction

from teller.verify.findings import Report
from teller.verify.group import GroupRule, GroupView
from teller.verify.model import Record, Stage
from teller.verify.status import Timeline
from teller.verify.ties import check_tie, find_tie


def forward_groups(record: Record, stage: Stage, candidates: list[str]) -> list[list[str]]:
    """``candidates`` highest first by their votes at the earliest point they differ [5.6.2]."""
    history = record.stages[: stage.number]
    groups: dict[tuple[Fraction, ...], list[str]] = {}
    for c in candidates:
        groups.setdefault(tuple(s.totals[c] for s in history), []).append(c)
    return [groups[k] for k in sorted(groups, reverse=True)]


def check_elections(
    record: Record,
    line: Timeline,
    stage: Stage,
    quotas: list[Fraction],
    report: Report,
    group: GroupView | None = None,
) -> None:
    n = stage.number
    quota = quotas[n - 1]
    totals = stage.totals
    elected = [c for c, k in line.elected_at.items() if k < n]
    continuing = line.continuing_before(n)
    left = record.seats - len(elected)
    kept = sum((min(totals[c], quota) for c in elected), Fraction(0))
    expect: dict[str, str] = {}
    while left > 0 and continuing:
        active = record.valid_ballots - kept - stage.non_transferable  # [5.6.1]
        threshold = min(quota, active / (left + 1))
        reached = [c for c in continuing if totals[c] >= threshold]
        if not reached:
            break
        top = max(totals[c] for c in reached)
        equal = [c for c in reached if totals[c] == top]
        chosen = equal
        if len(equal) > left:
            chosen = []
            for band in forward_groups(record, stage, equal):
                if len(chosen) + len(band) > left:
                    break
                chosen += band
            _check_boundary_tie(record, stage, equal, chosen, report)
        if group is not None:  # [G3] a non-member takes no seat the group still needs
            chosen = group.sift(stage, chosen, [*elected, *expect], report)[0]
        for c in chosen:
            expect[c] = "quota" if totals[c] >= quota else "deemed"
            kept += min(totals[c], quota)
            continuing.remove(c)
            left -= 1
        if len(chosen) < len(equal) or not chosen:
            break
    if n == len(record.stages) and left > 0 and continuing:
        # [4.3] / [5.5.1] the count ends with the last places going to continuing candidates.
        rule = group.rule if group is not None else None
        elected_now = [*elected, *expect]
        for c in _closing(record, stage, quota, elected_now, continuing, left, report, rule):
            expect[c] = "quota" if totals[c] >= quota else "deemed"
    got = dict(stage.elected)
    if got != expect:
        want = ", ".join(f"{c} ({by})" for c, by in expect.items()) or "nobody"
        have = ", ".join(f"{c} ({by})" for c, by in got.items()) or "nobody"
        report.add(
            n,
            "election",
            f"with quota {record.show(quota)} these totals elect {want}, but the record elects "
            f"{have} [5.1.7, 5.3.13, 5.4.9]",
        )


def _check_boundary_tie(
    record: Record, stage: Stage, equal: list[str], chosen: list[str], report: Report
) -> None:
    if not chosen:
        return  # [5.6.2] equal throughout: none elected now, and no tie is recorded
    tie = find_tie(record, stage, "seat", equal, report)
    if tie is None or set(tie.chosen) != set(chosen) or tie.resolved_by != "forward":
        report.add(
            stage.number,
            "tie",
            f"{', '.join(equal)} are equal for fewer places; the earliest difference elects "
            f"{', '.join(chosen)}, and the record must say so [5.6.2]",
        )


def bulk_size(
    ascending: list[Fraction], deferred: Fraction, most: int, *, at_least_one: bool
) -> int:
    """The most of the lowest that may go together: with ``deferred`` surpluses their votes do
    not exceed the next candidate's [5.2.5(a)-(b)]; ``most`` keeps enough candidates."""
    best = 0
    running = deferred
    for k in range(1, min(most, len(ascending) - 1) + 1):
        running += ascending[k - 1]
        if running <= ascending[k]:
            best = k
    return 1 if best == 0 and at_least_one else best


def losers(
    record: Record, stage: Stage, cont: list[str], k: int, report: Report
) -> set[str] | None:
    """The ``k`` lowest of ``cont``; equal at the boundary by earliest difference, then lot, as
    the recorded tie-breaks settle it (None when a needed tie-break is not recorded)."""
    totals = stage.totals
    ordered = sorted(cont, key=lambda c: totals[c])
    boundary = totals[ordered[k - 1]]
    expected = {c for c in cont if totals[c] < boundary}
    tied = [c for c in cont if totals[c] == boundary]
    slots = k - len(expected)
    if len(tied) == slots:
        return expected | set(tied)
    for _ in range(slots):
        tie = find_tie(record, stage, "exclusion", tied, report)
        if tie is None or not tie.chosen:
            report.add(
                stage.number,
                "tie",
                f"{', '.join(tied)} are equal at the exclusion boundary and no tie-break is "
                "recorded [5.2.5]",
            )
            return None
        problem = check_tie(
            record,
            report,
            stage,
            kind="exclusion",
            tied=tied,
            chosen=tie.chosen[0],
            lowest=True,
            direction="forward",
            rule="5.2.5",
        )
        if problem:
            report.add(stage.number, "tie", problem)
        expected.add(tie.chosen[0])
        tied = [c for c in tied if c != tie.chosen[0]]
    return expected


def _closing(
    record: Record,
    stage: Stage,
    quota: Fraction,
    elected: list[str],
    continuing: list[str],
    left: int,
    report: Report,
    group: GroupRule | None,
) -> list[str]:
    """Who takes the last places when the count ends at ``stage`` [4.3], [5.5.1]."""
    if len(continuing) <= left:
        return continuing  # [4.3]
    totals = stage.totals
    forced = group.forced(continuing, elected) if group is not None else frozenset()
    if forced:
        report.add(
            stage.number,
            "group-exclusion",
            f"the count ends, but every seat left must go to the group, so "
            f"{', '.join(sorted(forced))} must be excluded first [G2]",
        )
        return []
    protected = group.protected(continuing, elected) if group is not None else frozenset()
    surplus = sum((totals[c] - quota for c in elected if totals[c] > quota), Fraction(0))
    ascending = sorted(totals[c] for c in continuing)
    most = len(continuing) - left
    if group is not None:  # [G4]
        most = group.bulk_limit(totals, continuing, elected, most)
    if surplus and bulk_size(ascending, surplus, most, at_least_one=False) == 0:
        report.add(
            stage.number,
            "count-continued",
            f"the count ends with surpluses of {record.show(surplus)} that must be transferred "
            "first [5.2.2]",
        )
        return []
    k = bulk_size(ascending, surplus, most, at_least_one=True)
    eligible = [c for c in continuing if c not in protected]
    going = losers(record, stage, eligible, k, report)
    if going is None:
        return []
    rest = [c for c in continuing if c not in going]
    if len(rest) != left:
        report.add(
            stage.number,
            "count-continued",
            f"the count ends with {len(continuing)} continuing candidates for {left} place(s), "
            f"but excluding {', '.join(sorted(going))} would not leave as many as the places "
            "[5.5.1]",
        )
        return []
    return rest
