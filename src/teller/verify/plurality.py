"""First past the post and the block vote: the count is one stage of votes.

FPTP (Representation of the People Act 1983, Sch. 1): the candidate with most votes is returned
[r. 50]; an equality that decides the seat is settled by lot [r. 49]. Block vote (SI 2006/3304,
Sch. 2): the ``seats`` candidates with most votes are elected, equality for the last seat by lot.

Each valid FPTP paper is one vote, so the totals sum to the valid papers. A block-vote paper
gives each of up to ``seats`` candidates one vote, so the totals sum to between the valid papers
and ``seats`` times that, and no candidate has more votes than there are papers. Within those
bounds a changed block-vote total that does not change who is elected cannot be detected from
the record alone (see docs/verify.md).
"""

from __future__ import annotations

from fractions import Fraction

from teller.verify.accounts import check_conservation
from teller.verify.findings import Report
from teller.verify.model import Record
from teller.verify.status import Timeline
from teller.verify.ties import check_lot


def check_plurality(record: Record, line: Timeline, report: Report, *, block: bool) -> None:
    if len(record.stages) != 1 or record.stages[0].action.kind != "count":
        report.add(
            None,
            "stages",
            f"a {record.method} count is one stage of type 'count'; this record has "
            f"{len(record.stages)} stage(s) starting with {record.stages[0].action.kind!r}",
        )
        return
    stage = record.stages[0]
    if record.arith.name != "integer":
        report.add(
            None,
            "arithmetic",
            f"votes are whole numbers, but the record declares {record.arith.name}",
        )
    if not block and record.seats != 1:
        report.add(None, "seats", f"first past the post fills one seat, not {record.seats}")
    if stage.non_transferable != 0:
        report.add(
            1,
            "conservation",
            "a plurality count sets nothing aside, but non-transferable is "
            f"{record.show(stage.non_transferable)}",
        )
    if block:
        _block_bounds(record, report)
    else:
        check_conservation(record, report)
    _most_votes(record, line, report, rule="r. 49" if not block else "Sch. 2 / r. 49")


def _block_bounds(record: Record, report: Report) -> None:
    stage = record.stages[0]
    valid = record.valid_ballots
    votes = sum(stage.totals.values(), Fraction(0))
    if not valid <= votes <= record.seats * valid:
        report.add(
            1,
            "conservation",
            f"the totals sum to {record.show(votes)}, outside {valid} (one vote on each of the "
            f"{valid} valid papers) to {record.seats * valid} ({record.seats} votes on each)",
        )
    for c, v in stage.totals.items():
        if v > valid:
            report.add(
                1,
                "conservation",
                f"{c} has {record.show(v)} votes, more than the {valid} valid papers",
            )
        if v.denominator != 1:
            report.add(1, "arithmetic", f"{c} has {record.show(v)} votes, not a whole number")


def _most_votes(record: Record, line: Timeline, report: Report, *, rule: str) -> None:
    stage = record.stages[0]
    totals = stage.totals
    seats = min(record.seats, len(record.names))
    winners = [name for name, _ in stage.elected]
    if len(winners) != seats:
        return  # reported by seats-filled
    ranked = sorted(totals.values(), reverse=True)
    cutoff = ranked[seats - 1]
    above = {c for c, v in totals.items() if v > cutoff}
    at = {c for c, v in totals.items() if v == cutoff}
    show = record.show
    for c in winners:
        if totals[c] < cutoff:
            beaten = ", ".join(sorted(c2 for c2 in above | at if c2 not in winners))
            report.add(
                1, "winner", f"{c} is elected with {show(totals[c])} votes, fewer than {beaten}"
            )
    missing = above - set(winners)
    for c in sorted(missing):
        report.add(
            1,
            "winner",
            f"{c} has {show(totals[c])} votes, among the {seats} highest, but is not elected",
        )
    chosen = {c for c in winners if c in at}
    lot_needed = len(at) > seats - len(above)
    by = dict(stage.elected)
    for c in winners:
        expect = "lot" if lot_needed and c in at else "most-votes"
        if by[c] != expect:
            report.add(
                1, "winner", f"{c} is elected by {by[c]!r}; with these totals it is {expect!r}"
            )
    seat_ties = [t for t in stage.ties if t.kind == "seat"]
    if lot_needed:
        if not seat_ties:
            report.add(
                1,
                "tie",
                f"{', '.join(sorted(at))} have {show(cutoff)} votes each for "
                f"{seats - len(above)} remaining seat(s), and no lot is recorded [{rule}]",
            )
        for tie in seat_ties:
            check_lot(record, report, 1, tie, at, chosen, rule)
    elif seat_ties:
        report.add(
            1, "tie", f"a seat tie is recorded, but the {seats} highest totals decide every seat"
        )
