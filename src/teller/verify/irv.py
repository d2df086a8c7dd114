"""The Alternative Vote / instant-runoff (Labour Party Rule Book Ch. 4 Cl. II; teller's step
labels 2.A-2.D).

* [2.B] a candidate with more than half of the votes still in play is elected (the stage quota is
  that half: the continuing candidates' votes / 2), as is the last continuing candidate;
* [2.C] otherwise the continuing candidate with fewest votes is excluded; with the option
  ``bulk_exclusion`` several lowest candidates may go together only if their combined votes are
  fewer than the next candidate's, so that none of them could have overtaken;
* [2.D] equal lowest: earlier rounds (most recent first, or the first round with option
  ``tie_direction = forward``), then lot.
"""

from __future__ import annotations

from fractions import Fraction

from teller.verify.findings import Report
from teller.verify.model import Record
from teller.verify.status import Timeline
from teller.verify.ties import check_tie


def check_irv(record: Record, line: Timeline, report: Report) -> None:
    show = record.show
    direction = str(record.options.get("tie_direction", "backward"))
    bulk_allowed = record.options.get("bulk_exclusion", False) is True
    if record.seats != 1:
        report.add(None, "seats", f"the Alternative Vote fills one seat, not {record.seats}")
    if direction not in ("backward", "forward"):
        report.add(
            None, "options", f"tie_direction must be 'backward' or 'forward', not {direction!r}"
        )
        return
    last = len(record.stages)
    for stage in record.stages:
        n = stage.number
        kind = "first-preferences" if n == 1 else "exclusion"
        if stage.action.kind != kind:
            report.add(
                n, "stages", f"stage {n} of an AV count is {kind!r}, not {stage.action.kind!r}"
            )
        continuing = line.continuing_before(n)
        if not continuing:
            report.add(n, "stages", "the count goes on after the last candidate was decided")
            return
        in_play = sum((stage.totals[c] for c in continuing), Fraction(0))
        half = in_play / 2
        if stage.quota is not None and stage.quota != half:
            report.add(
                n,
                "quota",
                f"half of the {show(in_play)} votes in play is {show(half)}, not "
                f"{show(stage.quota)} [2.B]",
            )
        leader = max(continuing, key=lambda c: stage.totals[c])
        wins = stage.totals[leader] > half or len(continuing) == 1
        elected = [name for name, _ in stage.elected]
        for name, by in stage.elected:
            if by != "quota":
                report.add(
                    n,
                    "election",
                    f"{name} is elected by {by!r}; AV elects by a majority of the votes in play "
                    "('quota')",
                )
        if wins:
            if elected != [leader] or n != last or stage.excluded:
                why = (
                    "more than half the votes in play"
                    if len(continuing) > 1
                    else "the last continuing candidate"
                )
                report.add(
                    n,
                    "majority",
                    f"{leader} has {show(stage.totals[leader])} of {show(in_play)}, {why}, and "
                    "must be elected here, ending the count [2.B]",
                )
            continue
        for name in elected:
            report.add(
                n,
                "majority",
                f"{name} is elected with {show(stage.totals[name])}, not more than half of the "
                f"{show(in_play)} votes in play [2.B]",
            )
        if n == last:
            report.add(n, "seats-filled", "the count ends with nobody elected")
        elif not stage.excluded:
            report.add(n, "exclusion-lowest", "nobody has a majority, yet nobody is excluded [2.C]")
        else:
            _check_exclusion(record, n, continuing, stage.excluded, bulk_allowed, direction, report)


def _check_exclusion(
    record: Record,
    n: int,
    continuing: list[str],
    excluded: tuple[str, ...],
    bulk_allowed: bool,
    direction: str,
    report: Report,
) -> None:
    stage = record.stages[n - 1]
    totals = stage.totals
    show = record.show
    others = [c for c in continuing if c not in excluded]
    if len(excluded) > 1:
        combined = sum((totals[c] for c in excluded), Fraction(0))
        nxt = min(totals[c] for c in others) if others else None
        if not bulk_allowed:
            report.add(
                n,
                "exclusion-bulk",
                f"{', '.join(excluded)} are excluded together, but the count's options do not "
                "allow bulk exclusion [2.C]",
            )
        if nxt is None or combined >= nxt:
            report.add(
                n,
                "exclusion-bulk",
                f"{', '.join(excluded)} together have {show(combined)}, not fewer than the next "
                f"candidate's {show(nxt) if nxt is not None else 'nothing'}, so excluding them "
                "together is not safe [2.C]",
            )
        return
    (loser,) = excluded
    low = min(totals[c] for c in continuing)
    bottom = [c for c in continuing if totals[c] == low]
    if totals[loser] != low:
        report.add(
            n,
            "exclusion-lowest",
            f"{loser} is excluded with {show(totals[loser])}, but {', '.join(bottom)} has fewer "
            f"({show(low)}) [2.C]",
        )
    elif len(bottom) > 1:
        problem = check_tie(
            record,
            report,
            stage,
            kind="exclusion",
            tied=bottom,
            chosen=loser,
            lowest=True,
            direction=direction,
            rule="2.D",
        )
        if problem:
            report.add(n, "tie", problem)
