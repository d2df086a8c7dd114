"""The CSV sheet: one rectangular table, no header block, every figure exact.

Counts: one row per candidate (ballot-paper order, withdrawn candidates included with empty
figures), then rows for the non-transferable, exhausted and rounding figures, the total, and
the quota where stages have one. Columns: ``kind, name, party, status, status_stage,
elected_by``, then ``stage_K_change, stage_K_total`` for every stage K. ``stage_1_change`` is
empty (stage 1 has no transfer); later changes are always written, ``0`` included.

List allocations: one row per party (``kind=party``): ``kind, name, votes, prior_seats, seats,
total_seats, status, round_K`` (the party's quotient in round K, empty if not eligible); then
one ``kind=awarded`` row whose ``round_K`` cells name the party that won round K's seat.

Figures are the record's arithmetic's exact text (``Arithmetic.format``: ``1448.00000``,
``12``, or ``p/q`` for a rational that does not terminate); no thousands separators. Lines end
with ``\\n``. The metadata (quota, valid poll, method, seed) is in the JSON sheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from fractions import Fraction

from teller.record import CountRecord, Stage
from teller.sheets.allocation_tables import party_order
from teller.sheets.facts import Numbers, changes_of, outcomes


def render_csv(record: CountRecord) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if record.allocation is not None:
        writer.writerows(_allocation_rows(record))
    else:
        writer.writerows(_count_rows(record))
    return buffer.getvalue()


def _count_rows(record: CountRecord) -> list[list[str]]:
    numbers = Numbers(record.arithmetic)
    stages = record.stages
    header = ["kind", "name", "party", "status", "status_stage", "elected_by"]
    for stage in stages:
        header += [f"stage_{stage.number}_change", f"stage_{stage.number}_total"]
    rows = [header]
    ends = outcomes(record)
    changes = [changes_of(record, i) for i in range(len(stages))]
    known = {c.name for c in record.candidates}
    extra = [n for s in stages for n in s.totals if n not in known]
    for cand_name, party in [(c.name, c.party or "") for c in record.candidates] + [
        (n, "") for n in dict.fromkeys(extra)
    ]:
        end = ends.get(cand_name)
        row = [
            "candidate",
            cand_name,
            party,
            end.status if end else "",
            "" if end is None or end.stage is None else str(end.stage),
            "" if end is None or end.by is None else str(end.by),
        ]
        for i, stage in enumerate(stages):
            if cand_name not in stage.totals:
                row += ["", ""]
                continue
            change = "" if i == 0 else numbers.exact(changes[i].get(cand_name, Fraction(0)))
            row += [change, numbers.exact(stage.totals[cand_name])]
        rows.append(row)
    running: list[tuple[str, Callable[[Stage], Fraction | None]]] = [
        ("non-transferable", lambda s: s.non_transferable),
        ("exhausted", lambda s: s.exhausted),
        ("rounding", lambda s: s.rounding),
        ("total", lambda s: sum(s.totals.values(), Fraction(0)) + s.non_transferable),
    ]
    if any(s.quota is not None for s in stages):
        running.append(("quota", lambda s: s.quota))
    for kind, value in running:
        row = [kind, "", "", "", "", ""]
        previous: Fraction | None = None
        for i, stage in enumerate(stages):
            now = value(stage)
            change = ""
            if i > 0 and now is not None and previous is not None:
                change = numbers.exact(now - previous)
            row += [change, "" if now is None else numbers.exact(now)]
            previous = now
        rows.append(row)
    return rows


def _allocation_rows(record: CountRecord) -> list[list[str]]:
    alloc = record.allocation
    assert alloc is not None  # only called for list records
    numbers = Numbers(record.arithmetic)
    header = ["kind", "name", "votes", "prior_seats", "seats", "total_seats", "status"]
    header += [f"round_{r.number}" for r in alloc.rounds]
    rows = [header]
    for party in party_order(alloc):
        status = ""
        if party in alloc.below_threshold:
            status = "below-threshold"
        elif party in alloc.ineligible:
            status = "ineligible"
        row = [
            "party",
            party,
            str(alloc.votes.get(party, "")),
            str(alloc.prior_seats.get(party, 0)),
            str(alloc.seats.get(party, 0)),
            str(alloc.seats_by_party.get(party, 0)),
            status,
        ]
        row += [
            numbers.exact(r.quotients[party]) if party in r.quotients else "" for r in alloc.rounds
        ]
        rows.append(row)
    rows.append(["awarded", "", "", "", "", "", "", *(r.awarded for r in alloc.rounds)])
    return rows
