"""Who is elected, excluded or continuing at each stage, and the record's summary lists.

The record says a candidate is elected at the stage whose totals elect them, and excluded at
the last stage at which they still hold votes (their papers move in the next stage). A candidate
*continuing after* stage k is neither elected nor excluded at any stage up to k.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from teller.verify.findings import Report
from teller.verify.model import Record, Stage


@dataclass(frozen=True, slots=True)
class Timeline:
    """When each candidate was elected or excluded, as the stages record it."""

    standing: tuple[str, ...]
    """Standing candidates, ballot-paper order."""
    elected_at: dict[str, int]
    """Stage of election."""
    elected_by: dict[str, str]
    """Reason for election."""
    excluded_at: dict[str, int]
    """Stage whose totals excluded them."""

    def continuing_after(self, k: int) -> list[str]:
        """Candidates neither elected nor excluded at any stage up to and including ``k``."""
        return [c for c in self.standing if self._open(c, k)]

    def continuing_before(self, k: int) -> list[str]:
        """Candidates still continuing when stage ``k`` begins."""
        return self.continuing_after(k - 1)

    def elected_by_end_of(self, k: int) -> int:
        return sum(1 for s in self.elected_at.values() if s <= k)

    def _open(self, c: str, k: int) -> bool:
        return self.elected_at.get(c, k + 1) > k and self.excluded_at.get(c, k + 1) > k


def timeline(record: Record, report: Report) -> Timeline:
    """Read the stages' elected and excluded lists; report anyone listed twice."""
    elected_at: dict[str, int] = {}
    elected_by: dict[str, str] = {}
    excluded_at: dict[str, int] = {}
    for stage in record.stages:
        n = stage.number
        for name, by in stage.elected:
            if name in elected_at:
                report.add(
                    n,
                    "summary",
                    f"{name} is declared elected again (already at stage {elected_at[name]})",
                )
            elif name in excluded_at:
                report.add(
                    n,
                    "summary",
                    f"{name} is declared elected after being excluded at stage {excluded_at[name]}",
                )
            else:
                elected_at[name] = n
                elected_by[name] = by
        for name in stage.excluded:
            if name in excluded_at:
                report.add(
                    n, "summary", f"{name} is excluded again (already at stage {excluded_at[name]})"
                )
            elif name in elected_at:
                report.add(
                    n,
                    "summary",
                    f"{name} is excluded after being elected at stage {elected_at[name]}",
                )
            else:
                excluded_at[name] = n
    return Timeline(record.names, elected_at, elected_by, excluded_at)


def check_summary(record: Record, report: Report) -> None:
    """The top-level ``elected``, ``elected_at`` and ``excluded`` repeat the stages exactly."""
    from_stages = [(name, s.number, by) for s in record.stages for name, by in s.elected]
    if list(record.elected_at) != from_stages:
        report.add(
            None,
            "summary",
            f"elected_at lists {_people(record.elected_at)} but the stages elect "
            f"{_people(from_stages)}",
        )
    names = [name for name, _, _ in from_stages]
    if list(record.elected) != names:
        report.add(
            None,
            "summary",
            f"elected lists {', '.join(record.elected) or 'nobody'} but the stages elect "
            f"{', '.join(names) or 'nobody'}, in that order",
        )
    excluded = [(name, s.number) for s in record.stages for name in s.excluded]
    if list(record.excluded) != excluded:
        shown = "; ".join(f"{n} at stage {k}" for n, k in record.excluded) or "nobody"
        actual = "; ".join(f"{n} at stage {k}" for n, k in excluded) or "nobody"
        report.add(None, "summary", f"excluded lists {shown} but the stages exclude {actual}")


def check_seats_filled(record: Record, line: Timeline, report: Report) -> None:
    """Exactly ``seats`` candidates are elected (or every standing candidate, if fewer stood)."""
    want = min(record.seats, len(record.names))
    got = len(line.elected_at)
    if got != want:
        report.add(
            None,
            "seats-filled",
            f"{got} candidate(s) elected for {record.seats} seat(s) with {len(record.names)} "
            "standing",
        )


def check_exclusions_carried_out(record: Record, report: Report) -> None:
    """Candidates excluded on stage k's totals are the ones whose papers move at stage k+1."""
    moving = ("exclusion", "second-preferences")
    for stage in record.stages:
        n = stage.number
        if stage.action.kind in moving and not continues_exclusion(record, stage):
            before = set(record.previous(stage).excluded) if n > 1 else set()
            if set(stage.action.candidates) != before or not before:
                report.add(
                    n,
                    "exclusion-record",
                    f"the papers of {', '.join(stage.action.candidates) or 'nobody'} move, but "
                    f"stage {n - 1} excluded {', '.join(sorted(before)) or 'nobody'}",
                )
        if stage.excluded:
            nxt = record.stages[n] if n < len(record.stages) else None
            if nxt is None or nxt.action.kind not in moving or continues_exclusion(record, nxt):
                report.add(
                    n,
                    "exclusion-record",
                    f"{', '.join(stage.excluded)} excluded on these totals, but no following "
                    "stage moves their papers",
                )


def _people(items: Iterable[tuple[str, int, str]]) -> str:
    rows = [f"{n} (stage {k}, {by})" for n, k, by in items]
    return "; ".join(rows) or "nobody"


def continues_exclusion(record: Record, stage: Stage) -> bool:
    """Whether ``stage`` is a later sub-stage of the exclusion begun before it."""
    if stage.number == 1 or stage.action.kind != "exclusion":
        return False
    before = record.previous(stage)
    return (
        before.action.kind == "exclusion"
        and before.action.candidates == stage.action.candidates
        and not before.excluded
    )
