"""ERS97 STV (Newland & Britton 1997, s. 5), as teller's docs/stv.md states the rules.

The verifier re-derives every decision from the record's own figures:

* [5.1.6] the quota, rounded up to two decimals; [5.4.8] while nobody is elected, each exclusion
  sub-stage recalculates it from the valid vote less the non-transferable vote;
* [5.1.7, 5.3.13, 5.4.9] after every stage, continuing candidates reaching the quota, or the
  total active vote / (places unfilled + 1) [5.6.1], are elected highest first (``by: deemed``
  when below the quota); [5.6.2] equal votes for too few places: earliest difference, else none;
  [4.3], [5.5.1] the last places go to the continuing candidates when no more can be excluded;
* [5.2.2] surpluses are deferred exactly when their total could not change who is excluded;
  [5.2.3] otherwise the largest goes first (equal: earliest difference, then lot);
* [5.3.1-5.3.2] a first-stage surplus moves all the candidate's papers, a later one the last
  batch received; [5.3.7] transfer value = surplus / transferable papers to two decimals
  (remainder ignored), or the papers' own value if they are worth no more than the surplus;
  what is not credited is rounding [6.11] in the first case and exhausted in the second;
* [5.2.5] as many of the lowest as may go together without their votes (with any deferred
  surpluses) exceeding the next candidate's are excluded; equal at the boundary: earliest
  difference, then lot; [5.4] their papers move one value per sub-stage, highest first, each at
  its own value; [5.5.2] no transfer once the places are filled.

With a group minimum, :mod:`.group` says who [G2] forces out, [G3] passes over and [G4] protects.
"""

from __future__ import annotations

from fractions import Fraction

from teller.verify.ers97_decide import bulk_size, check_elections, losers
from teller.verify.findings import Report
from teller.verify.group import GroupView
from teller.verify.model import Record, Stage
from teller.verify.numbers import truncate
from teller.verify.papers import check_papers
from teller.verify.status import Timeline, continues_exclusion
from teller.verify.stv_rules import StvRules
from teller.verify.ties import check_tie

_NEVER = 10**9


def check_ers97(
    record: Record,
    rules: StvRules,
    line: Timeline,
    report: Report,
    group: GroupView | None = None,
) -> None:
    quotas = _quotas(record, line, report)
    check_papers(record, line, report, surplus_papers="last-batch", exclusion_batches=True)
    for stage in record.stages:
        check_elections(record, line, stage, quotas, report, group)
    for stage in record.stages[1:]:
        if not _check_step(record, rules, line, stage, quotas, report, group):
            break


def _round_up(x: Fraction) -> Fraction:
    cut = truncate(x, 2)
    return cut if cut == x else cut + Fraction(1, 100)


def _quotas(record: Record, line: Timeline, report: Report) -> list[Fraction]:
    """The quota in force at each stage [5.1.6, 5.4.8]."""
    assert record.quota is not None
    out = [record.quota]
    for stage in record.stages[1:]:
        n = stage.number
        quota = out[-1]
        if stage.action.kind == "exclusion" and line.elected_by_end_of(n - 1) == 0:
            valid = Fraction(record.valid_ballots) - stage.non_transferable
            quota = _round_up(valid / (record.seats + 1))
        if stage.quota is not None and stage.quota != quota:
            report.add(
                n,
                "quota",
                f"the quota at this stage is {record.show(quota)}, not "
                f"{record.show(stage.quota)} [5.4.8]",
            )
        out.append(quota)
    return out


def _check_step(
    record: Record,
    rules: StvRules,
    line: Timeline,
    stage: Stage,
    quotas: list[Fraction],
    report: Report,
    group: GroupView | None,
) -> bool:
    """Stage ``n`` is what the rules require after stage ``n - 1``; False if none should be."""
    n = stage.number
    p = n - 1
    before = record.previous(stage)
    left = record.seats - line.elected_by_end_of(p)
    if left <= 0:
        report.add(
            n,
            "count-continued",
            f"every place was filled at stage {p}: no further transfer [5.5.2]",
        )
        return False
    if continues_exclusion(record, stage):
        if len(line.continuing_after(p)) <= left:
            report.add(
                n,
                "deemed",
                f"after stage {p} the continuing candidates fit the {left} place(s) left and are "
                "elected; no further batch moves [4.3]",
            )
        _check_exclusion_values(record, stage, report)
        return True
    quota = quotas[p - 1]
    cont = [
        c
        for c in record.names
        if line.elected_at.get(c, _NEVER) > p and line.excluded_at.get(c, _NEVER) >= p
    ]
    if len(cont) <= left:
        report.add(
            n,
            "deemed",
            f"after stage {p} the continuing candidates fit the {left} place(s) left and are "
            "elected; the count ends [4.3]",
        )
        return False
    if group is not None and group.forced(p):
        # [G2] before any surplus, every non-member at once: group.check judges who.
        _check_exclusion_values(record, stage, report)
        return True
    protected = group.protected(p) if group is not None else frozenset()
    pending = {
        c: before.totals[c] - quota
        for c, k in line.elected_at.items()
        if k <= p and before.totals[c] > quota
    }
    ascending = sorted(before.totals[c] for c in cont)
    most = len(cont) - left
    if group is not None:  # [G4]
        most = group.rule.bulk_limit(before.totals, cont, group.elected(p), most)
    total_surplus = sum(pending.values(), Fraction(0))
    defer = bool(pending) and bulk_size(ascending, total_surplus, most, at_least_one=False) >= 1
    if pending and not defer:
        if stage.action.kind != "surplus":
            listed = ", ".join(f"{c} ({record.show(s)})" for c, s in pending.items())
            report.add(
                n,
                "surplus-first",
                f"surpluses totalling {record.show(total_surplus)} could change who is excluded, "
                f"so they are transferred first: {listed} [5.2.2]",
            )
            return True
        _check_surplus(record, rules, stage, quota, pending, report)
        return True
    if stage.action.kind == "surplus":
        report.add(
            n,
            "surplus-deferral",
            f"surpluses totalling {record.show(total_surplus)} cannot change who is excluded, so "
            "they are deferred and an exclusion comes first [5.2.2]",
        )
        return True
    k = bulk_size(ascending, total_surplus, most, at_least_one=True)
    if len(cont) - k == left:
        report.add(
            n,
            "deemed",
            f"excluding {k} candidate(s) would leave as many as the {left} place(s) left, so "
            f"they are elected at stage {p} instead [5.5.1]",
        )
        return False
    _checklosers(record, before, [c for c in cont if c not in protected], k, report)
    _check_exclusion_values(record, stage, report)
    return True


def _checklosers(record: Record, before: Stage, cont: list[str], k: int, report: Report) -> None:
    """[5.2.5] the ``k`` lowest are excluded on stage ``before``'s totals."""
    expected = losers(record, before, cont, k, report)
    if expected is not None and set(before.excluded) != expected:
        want = ", ".join(sorted(expected))
        have = ", ".join(before.excluded) or "nobody"
        check = "exclusion-bulk" if len(before.excluded) != k else "exclusion-lowest"
        report.add(
            before.number,
            check,
            f"the rules exclude {want} on these totals, but the record excludes {have} [5.2.5]",
        )


def _check_surplus(
    record: Record,
    rules: StvRules,
    stage: Stage,
    quota: Fraction,
    pending: dict[str, Fraction],
    report: Report,
) -> None:
    n = stage.number
    show = record.show
    before = record.previous(stage)
    action = stage.action
    (source,) = action.candidates[:1] or ("",)
    if source not in pending or len(action.candidates) != 1:
        report.add(
            n,
            "surplus",
            f"{', '.join(action.candidates) or 'nobody'} has no surplus awaiting transfer [5.2.3]",
        )
        return
    largest = max(pending.values())
    top = [c for c, s in pending.items() if s == largest]
    if pending[source] != largest:
        report.add(
            n,
            "surplus-order",
            f"{source}'s surplus {show(pending[source])} goes before the larger surplus of "
            f"{', '.join(top)} [5.2.3]",
        )
    elif len(top) > 1:
        problem = check_tie(
            record,
            report,
            before,
            kind="surplus-order",
            tied=top,
            chosen=source,
            lowest=False,
            direction="forward",
            rule="5.2.3",
        )
        if problem:
            report.add(n, "tie", problem)
    surplus = pending[source]
    if action.surplus != surplus:
        report.add(
            n,
            "surplus",
            f"{source}'s surplus is {show(surplus)}, not "
            f"{show(action.surplus) if action.surplus is not None else 'none'} [6.18]",
        )
    if stage.totals[source] != quota:
        report.add(
            n,
            "surplus",
            f"after its surplus moves {source} keeps the quota {show(quota)}, not "
            f"{show(stage.totals[source])}",
        )
    if len(action.parcels) != 1:
        report.add(
            n,
            "papers",
            f"a surplus moves one batch of papers at one value, not {len(action.parcels)} "
            "parcels [5.3.1-5.3.2]",
        )
        return
    (parcel,) = action.parcels
    tv = rules.transfer_value(record, surplus, before.totals[source], parcel)
    if parcel.transfer_value != tv:
        report.add(
            n,
            "transfer-value",
            f"{sum(parcel.papers.values())} transferable papers at {show(parcel.value)} carrying "
            f"the surplus {show(surplus)} move at {show(tv)}, not {show(parcel.transfer_value)} "
            "[5.3.7]",
        )
    credited = sum(parcel.papers.values()) * parcel.transfer_value
    truncated = sum(parcel.papers.values()) * parcel.value > surplus
    grew = stage.exhausted - before.exhausted
    rounding = stage.rounding - before.rounding
    want = (Fraction(0), surplus - credited) if truncated else (surplus - credited, Fraction(0))
    if (grew, rounding) != want:
        where = (
            "the non-transferable difference, to rounding [6.11]"
            if truncated
            else "exhausted (no paper carries it)"
        )
        report.add(
            n,
            "transfer-exhausted",
            f"the {show(surplus - credited)} of the surplus not credited goes to {where}; "
            f"exhausted grows by {show(grew)} and rounding by {show(rounding)}",
        )


def _check_exclusion_values(record: Record, stage: Stage, report: Report) -> None:
    for i, p in enumerate(stage.action.parcels, start=1):
        if p.transfer_value != p.value:
            report.add(
                stage.number,
                "transfer-value",
                f"parcel {i} of the excluded papers was received at {record.show(p.value)} and "
                f"moves at that value, not {record.show(p.transfer_value)} [5.4]",
            )
