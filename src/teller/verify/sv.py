"""The Supplementary Vote (Local Democracy, Economic Development and Construction Act 2009,
Sch. 5B para. 5; SI 2017/67 Sch. 1 rr. 55-56).

* [5B 5(2)] more than half of the valid first preferences elects at stage 1, and the count ends;
* [5B 5(4)-(6)] otherwise the two highest remain, with everyone tied into second place, and all
  others are eliminated on the stage 1 totals;
* [r. 55(1)] the eliminated candidates' papers pass to their second preference only if it is for
  a remaining candidate (the generic transfer checks enforce "remaining only");
* [r. 56] the remaining candidate with the highest total wins; equal highest by lot.
"""

from __future__ import annotations

from fractions import Fraction

from teller.verify.findings import Report
from teller.verify.model import Record
from teller.verify.status import Timeline
from teller.verify.ties import check_lot


def check_sv(record: Record, line: Timeline, report: Report) -> None:
    show = record.show
    stages = record.stages
    first = stages[0]
    if first.action.kind != "first-preferences" or len(stages) > 2:
        report.add(
            None,
            "stages",
            "a Supplementary Vote count is first preferences, then at most one stage of second "
            "preferences",
        )
        return
    if record.seats != 1:
        report.add(None, "seats", f"the Supplementary Vote fills one seat, not {record.seats}")
    half = Fraction(record.valid_ballots, 2)
    if first.quota is not None and first.quota != half:
        report.add(
            1,
            "quota",
            f"the majority threshold is half the {record.valid_ballots} valid papers, "
            f"{show(half)}, not {show(first.quota)} [5B 5(2)]",
        )
    totals = first.totals
    leader = max(totals.values())
    if leader > half:
        winners = [c for c, v in totals.items() if v == leader]
        if [n for n, _ in first.elected] != winners or len(stages) != 1 or first.excluded:
            report.add(
                1,
                "majority",
                f"{winners[0]} has {show(leader)} of {record.valid_ballots} first preferences, "
                "more than half, and must be returned at stage 1 with no further count [5B 5(2)]",
            )
        for name, by in first.elected:
            if by != "quota":
                report.add(
                    1,
                    "election",
                    f"{name} has a first-round majority and is elected by 'quota', not {by!r} "
                    "[5B 5(2)]",
                )
        return
    ranked = sorted(totals.values(), reverse=True)
    second = ranked[1] if len(ranked) > 1 else ranked[0]
    remaining = {c for c, v in totals.items() if v >= second}
    eliminated = set(record.names) - remaining
    _second_place(record, remaining, second, report)
    if set(first.excluded) != eliminated:
        report.add(
            1,
            "exclusion-lowest",
            "the two highest (with any tied into second place) remain: "
            f"{', '.join(sorted(remaining))}; so {', '.join(sorted(eliminated)) or 'nobody'} "
            "must be eliminated, but the record eliminates "
            f"{', '.join(sorted(first.excluded)) or 'nobody'} [5B 5(4)-(6)]",
        )
    final = stages[-1]
    if eliminated:
        # Without a majority, nobody is returned before the second preferences are counted.
        for name, _ in first.elected:
            report.add(
                1,
                "majority",
                f"{name} is elected at stage 1 with {show(totals[name])}, not more than half "
                f"of {record.valid_ballots} [5B 5(2)]",
            )
    if eliminated and len(stages) != 2:
        report.add(
            None,
            "stages",
            "candidates were eliminated but no second-preference stage follows [r. 55]",
        )
    if len(stages) == 2 and final.action.kind != "second-preferences":
        report.add(
            2,
            "stages",
            "stage 2 of a Supplementary Vote count counts second preferences, not "
            f"{final.action.kind!r}",
        )
    _winner(record, final.number, remaining, report)


def _winner(record: Record, n: int, remaining: set[str], report: Report) -> None:
    """[r. 56] the remaining candidate with the highest total; equality by lot."""
    stage = record.stages[n - 1]
    totals = stage.totals
    best = max(totals[c] for c in remaining)
    top = {c for c in remaining if totals[c] == best}
    winners = [name for name, _ in stage.elected]
    if len(winners) != 1:
        return  # seats-filled reports it
    (winner,) = winners
    if winner not in top:
        report.add(
            n,
            "winner",
            f"{winner} is returned with {record.show(totals[winner])}, but "
            f"{', '.join(sorted(top))} has {record.show(best)} [r. 56]",
        )
        return
    by = stage.elected[0][1]
    expect = "lot" if len(top) > 1 else "most-votes"
    if by != expect:
        report.add(
            n, "winner", f"{winner} is returned by {by!r}; with these totals it is {expect!r}"
        )
    ties = [t for t in stage.ties if t.kind == "winner"]
    if len(top) > 1:
        if not ties:
            report.add(
                n,
                "tie",
                f"{', '.join(sorted(top))} are equal highest with {record.show(best)} and no lot "
                "is recorded [r. 56]",
            )
        for tie in ties:
            check_lot(record, report, n, tie, top, {winner}, "r. 56")
    elif ties:
        report.add(n, "tie", "a winner tie is recorded, but one candidate has the highest total")


def _second_place(record: Record, remaining: set[str], second: Fraction, report: Report) -> None:
    """[5B 5(5)] all tied into second place remain: an informational tie, if recorded, says so."""
    first = record.stages[0]
    tied = {c for c in remaining if first.totals[c] == second}
    for i, tie in enumerate(first.ties):
        if tie.kind != "second-place":
            continue
        report.vouched.add((1, i))
        if len(remaining) <= 2 or set(tie.candidates) != tied or set(tie.chosen) != tied:
            report.add(
                1,
                "tie",
                f"the second-place tie records {', '.join(tie.candidates)}, but those tied into "
                f"second place with {record.show(second)} are {', '.join(sorted(tied))} and all "
                "of them remain [5B 5(5)]",
            )
        if tie.resolved_by != "not-needed":
            report.add(
                1,
                "tie",
                "everyone tied into second place remains, so no tie-break is made, yet the "
                f"record says {tie.resolved_by} [5B 5(5)]",
            )
