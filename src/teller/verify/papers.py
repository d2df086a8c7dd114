"""Counting the papers themselves, not only their votes.

Stage 1 totals are papers: each candidate holds that many at value 1. Every later transfer says
how many papers went to whom at which transfer value, so the verifier keeps its own ledger of
the papers each candidate received, stage by stage and value by value. When papers move, the
parcels must account for exactly the papers the rules say move:

* an exclusion moves, for every value it moves, all the excluded candidates' papers at that
  value; when the exclusion is complete (ERS97 spreads it over sub-stages, one value each) none
  are left;
* a surplus moves every paper the candidate holds under the inclusive rules (Scottish r. 48(1),
  "the ballot papers received by that candidate"; generic WIGM); under ERS97 [5.3.1-5.3.2] all
  papers for a surplus arising at the first stage, otherwise the last batch received.

A parcel at a value the candidate never received, or a paper gained or lost between stages,
shows up here even where the votes happen to balance.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from teller.verify.findings import Report
from teller.verify.model import Record, Stage
from teller.verify.status import Timeline, continues_exclusion


@dataclass(slots=True)
class Ledger:
    """Papers each candidate holds: ``receipts[c]`` = ``[(stage, value, papers)]``."""

    receipts: dict[str, list[tuple[int, Fraction, int]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def by_value(self, candidates: tuple[str, ...]) -> dict[Fraction, int]:
        held: dict[Fraction, int] = defaultdict(int)
        for c in candidates:
            for _, value, papers in self.receipts[c]:
                held[value] += papers
        return held


def check_papers(
    record: Record,
    line: Timeline,
    report: Report,
    *,
    surplus_papers: str = "all",
    exclusion_batches: bool = False,
) -> None:
    """Keep the ledger through every transfer; report parcels that do not match the papers held.

    ``surplus_papers``: ``all`` (inclusive Gregory) or ``last-batch`` (ERS97).
    ``exclusion_batches``: an exclusion moves one value per stage, highest first (ERS97 [5.4]);
    otherwise all the excluded candidates' papers move in one stage.
    """
    ledger = Ledger()
    first = record.stages[0]
    for c, total in first.totals.items():
        if total.denominator != 1:
            report.add(
                1,
                "papers",
                f"{c}'s first preferences {record.show(total)} are not a whole number of papers",
            )
            return
        if total:
            ledger.receipts[c].append((1, Fraction(1), int(total)))
    for stage in record.stages[1:]:
        if stage.action.kind in ("surplus", "exclusion", "second-preferences"):
            _move(record, line, ledger, stage, report, surplus_papers, exclusion_batches)


def _move(
    record: Record,
    line: Timeline,
    ledger: Ledger,
    stage: Stage,
    report: Report,
    surplus_papers: str,
    batches: bool,
) -> None:
    n = stage.number
    show = record.show
    action = stage.action
    moved: dict[Fraction, int] = defaultdict(int)
    for p in action.parcels:
        moved[p.value] += sum(p.papers.values()) + p.exhausted
    whose = ", ".join(action.candidates)
    sources = action.candidates
    if not sources:
        return  # reported by the transfer checks: a transfer from nobody
    if (
        action.kind == "surplus"
        and surplus_papers == "last-batch"
        and line.elected_at.get(sources[0], 1) > 1
    ):
        receipts = ledger.receipts[sources[0]]
        last = max((s for s, _, _ in receipts), default=0)
        taking = [r for r in receipts if r[0] == last]
        held: dict[Fraction, int] = defaultdict(int)
        for _, value, papers in taking:
            held[value] += papers
        for value in sorted(set(moved) | set(held), reverse=True):
            if moved.get(value, 0) != held.get(value, 0):
                report.add(
                    n,
                    "papers",
                    f"{whose}'s last batch (received at stage {last}) has {held.get(value, 0)} "
                    f"paper(s) at value {show(value)} but the parcels move {moved.get(value, 0)} "
                    "[5.3.2]",
                )
        ledger.receipts[sources[0]] = [r for r in receipts if r[0] != last]
    else:
        held = ledger.by_value(sources)
        values = set(moved) if action.kind == "exclusion" and batches else set(held)
        if action.kind == "exclusion" and batches:
            top = max((v for v, k in held.items() if k), default=None)
            if len(moved) > 1 or (moved and top is not None and min(moved) != top):
                shown = ", ".join(show(v) for v in sorted(moved, reverse=True))
                report.add(
                    n,
                    "papers",
                    "a sub-stage moves the batch of highest value only "
                    f"({show(top) if top is not None else 'none'}), not papers at {shown} [5.4]",
                )
        for value in sorted(values | set(moved), reverse=True):
            if moved.get(value, 0) != held.get(value, 0):
                report.add(
                    n,
                    "papers",
                    f"{whose} held {held.get(value, 0)} paper(s) at value {show(value)} but the "
                    f"parcels move {moved.get(value, 0)}",
                )
        for c in sources:
            ledger.receipts[c] = [r for r in ledger.receipts[c] if r[1] not in values]
        nxt = record.stages[n] if n < len(record.stages) else None
        if action.kind == "exclusion" and nxt is not None and not continues_exclusion(record, nxt):
            left = ledger.by_value(sources)
            if any(left.values()):
                shown = ", ".join(
                    f"{k} at {show(v)}" for v, k in sorted(left.items(), reverse=True) if k
                )
                report.add(
                    n, "papers", f"the exclusion of {whose} ends with papers still held: {shown}"
                )
    for p in action.parcels:
        for c, papers in p.papers.items():
            if papers:
                ledger.receipts[c].append((n, p.transfer_value, papers))
