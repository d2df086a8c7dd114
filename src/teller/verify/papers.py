"""Counting the papers themselves, not only their votes.

Stage 1 totals are papers: each candidate holds that many at value 1. Every later transfer says
how many papers went to whom at which transfer value, so the verifier can keep its own ledger of
the papers each candidate holds, grouped by value. When a candidate's papers move, the parcels
must account for exactly the papers held at each value: an exclusion moves all of them, and so
does a surplus under the inclusive (WIGM) rules such as the Scottish rule 48(1) ("the ballot
papers received by that candidate"). A parcel at a value the candidate never received, or a
paper gained or lost between stages, shows up here even where the votes happen to balance.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

from teller.verify.findings import Report
from teller.verify.model import Record


def check_papers(record: Record, report: Report, *, surplus_moves_all: bool = True) -> None:
    """Keep the ledger through every transfer; report parcels that do not match the papers held.

    ``surplus_moves_all``: a surplus transfer moves every paper the candidate holds (inclusive
    Gregory). Otherwise only a subset (e.g. ERS97's last parcel) must be held.
    """
    held: dict[str, dict[Fraction, int]] = defaultdict(lambda: defaultdict(int))
    first = record.stages[0]
    for c, total in first.totals.items():
        if total.denominator != 1:
            report.add(
                1,
                "papers",
                f"{c}'s first-preference total {record.show(total)} is not a whole number of "
                "papers",
            )
            return
        if total:
            held[c][Fraction(1)] = int(total)
    show = record.show
    for stage in record.stages[1:]:
        action = stage.action
        if action.kind not in ("surplus", "exclusion", "second-preferences"):
            continue
        n = stage.number
        moved: dict[Fraction, int] = defaultdict(int)
        for p in action.parcels:
            moved[p.value] += sum(p.papers.values()) + p.exhausted
        holding: dict[Fraction, int] = defaultdict(int)
        for c in action.candidates:
            for value, papers in held[c].items():
                holding[value] += papers
        whose = ", ".join(action.candidates)
        exact = action.kind != "surplus" or surplus_moves_all
        for value in sorted(set(moved) | set(holding), reverse=True):
            have, move = holding.get(value, 0), moved.get(value, 0)
            wrong = move != have if exact else move > have
            if wrong:
                report.add(
                    n,
                    "papers",
                    f"{whose} held {have} paper(s) at value {show(value)} but the parcels move "
                    f"{move}",
                )
        for c in action.candidates:
            if exact:
                held[c].clear()
            else:
                for value, papers in moved.items():
                    held[c][value] -= papers
        for p in action.parcels:
            for c, papers in p.papers.items():
                held[c][p.transfer_value] += papers
