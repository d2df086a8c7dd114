"""Checks every count record must pass whatever its method: the books balance.

* representable: every figure is a value the declared arithmetic can hold;
* changes: ``totals[k] - totals[k-1] == changes[k]`` for every candidate;
* non-transferable: ``non_transferable == exhausted + rounding``; exhausted never falls;
* conservation: ``sum(totals) + non_transferable == valid_ballots`` (transferable methods);
* transfers: in a stage that moves papers, each receiving candidate gains exactly
  ``sum(papers x transfer_value)``; the transferring candidates lose what is credited plus what
  exhausted and rounding gain; only continuing candidates receive papers. In an exclusion (or SV
  second preferences) papers move at their own value, so exhausted grows by
  ``sum(exhausted papers x transfer_value)``, rounding does not change, and once the exclusion
  is complete the excluded candidates hold nothing. How a *surplus*'s uncredited part divides
  between exhausted and rounding differs by rule set and is checked in stv.py / ers97.py.
"""

from __future__ import annotations

from fractions import Fraction

from teller.verify.findings import Report
from teller.verify.model import Record, Stage
from teller.verify.status import Timeline, continues_exclusion


def check_representable(record: Record, report: Report) -> None:
    arith = record.arith
    for stage in record.stages:
        n = stage.number
        cells: list[tuple[str, Fraction]] = [
            ("non-transferable", stage.non_transferable),
            ("exhausted", stage.exhausted),
            ("rounding", stage.rounding),
        ]
        cells += [(f"{c}'s total", v) for c, v in stage.totals.items()]
        cells += [(f"{c}'s change", v) for c, v in stage.changes.items()]
        if stage.action.surplus is not None:
            cells.append(("the surplus", stage.action.surplus))
        for i, p in enumerate(stage.action.parcels, start=1):
            cells += [
                (f"parcel {i}'s value", p.value),
                (f"parcel {i}'s transfer value", p.transfer_value),
            ]
        for what, value in cells:
            if not arith.holds(value):
                report.add(
                    n,
                    "arithmetic",
                    f"{what} {arith.show(value)} is not representable in {arith.name} arithmetic",
                )


def check_nonnegative(record: Record, report: Report) -> None:
    for stage in record.stages:
        for c, v in stage.totals.items():
            if v < 0:
                report.add(stage.number, "negative", f"{c} has a negative total {record.show(v)}")
        if stage.exhausted < 0:
            report.add(
                stage.number, "negative", f"exhausted is negative ({record.show(stage.exhausted)})"
            )
        for i, p in enumerate(stage.action.parcels, start=1):
            if p.transfer_value < 0 or p.value < 0:
                report.add(
                    stage.number, "negative", f"parcel {i} has a negative value or transfer value"
                )


def check_changes(record: Record, report: Report) -> None:
    show = record.show
    first = record.stages[0]
    for c, change in first.changes.items():
        if change != first.totals.get(c):
            report.add(
                1,
                "changes",
                f"{c}'s change {show(change)} at stage 1 differs from the total "
                f"{show(first.totals[c])}",
            )
    for stage in record.stages[1:]:
        before = record.previous(stage)
        for c in record.names:
            diff = stage.totals[c] - before.totals[c]
            if diff != stage.changes[c]:
                report.add(
                    stage.number,
                    "changes",
                    f"{c} goes from {show(before.totals[c])} to {show(stage.totals[c])}, a "
                    f"change of {show(diff)}, but the recorded change is {show(stage.changes[c])}",
                )


def check_non_transferable(record: Record, report: Report, *, accumulates: bool = True) -> None:
    """``accumulates``: exhausted papers stay exhausted, so the figure never falls (not Meek,
    whose exhausted figure is the weight left on exhausted papers at each iteration)."""
    show = record.show
    previous: Fraction | None = None
    for stage in record.stages:
        n = stage.number
        if stage.non_transferable != stage.exhausted + stage.rounding:
            report.add(
                n,
                "non-transferable",
                f"non-transferable {show(stage.non_transferable)} is not exhausted "
                f"{show(stage.exhausted)} plus rounding {show(stage.rounding)}",
            )
        if accumulates and previous is not None and stage.exhausted < previous:
            report.add(
                n,
                "exhausted-decreases",
                f"exhausted falls from {show(previous)} to {show(stage.exhausted)}",
            )
        previous = stage.exhausted


def check_conservation(record: Record, report: Report) -> None:
    """[all transferable methods] every valid paper's value is with a candidate or set aside."""
    for stage in record.stages:
        held = sum(stage.totals.values(), Fraction(0))
        if held + stage.non_transferable != record.valid_ballots:
            report.add(
                stage.number,
                "conservation",
                f"the totals sum to {record.show(held)} and non-transferable is "
                f"{record.show(stage.non_transferable)}, together "
                f"{record.show(held + stage.non_transferable)}, not the {record.valid_ballots} "
                "valid ballot papers",
            )


def check_transfers(record: Record, line: Timeline, report: Report) -> None:
    for stage in record.stages[1:]:
        if stage.action.kind in ("surplus", "exclusion", "second-preferences"):
            _check_transfer(record, line, stage, report)


def _check_transfer(record: Record, line: Timeline, stage: Stage, report: Report) -> None:
    n = stage.number
    show = record.show
    before = record.previous(stage)
    action = stage.action
    sources = set(action.candidates)
    if not sources:
        report.add(n, "transfer-source", f"a {action.kind} stage names no transferring candidate")
        return
    continuing = set(line.continuing_after(n - 1))
    gained: dict[str, Fraction] = {}
    exhausted = Fraction(0)
    for i, p in enumerate(action.parcels, start=1):
        for c, papers in p.papers.items():
            if c not in continuing:
                report.add(
                    n,
                    "transfer-recipient",
                    f"parcel {i} passes {papers} paper(s) to {c}, who is not a continuing "
                    f"candidate after stage {n - 1}",
                )
            gained[c] = gained.get(c, Fraction(0)) + papers * p.transfer_value
        exhausted += p.exhausted * p.transfer_value
    for c in record.names:
        if c in sources:
            continue
        expect = gained.get(c, Fraction(0))
        if stage.changes[c] != expect:
            report.add(
                n,
                "transfer-balance",
                f"{c} gains {show(stage.changes[c])} but the parcels pass {show(expect)} to them",
            )
    lost = -sum((stage.changes[c] for c in sources), Fraction(0))
    credited = sum(gained.values(), Fraction(0))
    grew = stage.exhausted - before.exhausted
    rounding = stage.rounding - before.rounding
    if lost != credited + grew + rounding:
        report.add(
            n,
            "transfer-source",
            f"{', '.join(action.candidates)} lose {show(lost)}, but the parcels credit "
            f"{show(credited)}, exhausted grows by {show(grew)} and rounding by {show(rounding)}",
        )
    if action.kind == "surplus":
        return  # how a surplus's uncredited part divides is the rule set's (see stv.py, ers97.py)
    if grew != exhausted:
        report.add(
            n,
            "transfer-exhausted",
            f"exhausted grows by {show(grew)} but the parcels' non-transferable papers carry "
            f"{show(exhausted)}",
        )
    if rounding != 0:
        report.add(
            n,
            "transfer-source",
            f"rounding changes by {show(rounding)} in a stage that moves papers at their own value",
        )
    nxt = record.stages[n] if n < len(record.stages) else None
    if nxt is not None and not continues_exclusion(record, nxt):
        for c in action.candidates:
            if stage.totals[c] != 0:
                report.add(
                    n,
                    "transfer-source",
                    f"{c}'s exclusion is complete, yet {c} still has {show(stage.totals[c])}",
                )
