"""The tables a sheet shows, as plain data: the text and HTML sheets lay out the same tables.

* :func:`statement` - FPTP and block vote: the statement of persons nominated and votes;
* :func:`sv_statement` - Supplementary Vote: first choice, second choice, total;
* :func:`candidate_list` - every candidate with description and outcome (preferential counts);
* :func:`stage_table` - stages as columns, each with the transfer and the total, as Scottish
  STV declarations show them (AV rounds use it too).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from teller.record import CountRecord
from teller.sheets.facts import (
    Numbers,
    action_heading,
    changes_of,
    outcome_text,
    outcomes,
    parties,
    percent,
    stage_word,
    standing_names,
)

ELECTED_MARK = "E"
EXCLUDED_MARK = "X"
MARK_LEGEND = (
    f"{ELECTED_MARK} = elected at this stage",
    f"{EXCLUDED_MARK} = excluded on this stage's totals (papers transferred at the next stage)",
)


@dataclass(frozen=True, slots=True)
class Row:
    """One candidate (or a total) in a statement: name, description, figures, outcome."""

    name: str
    """Candidate name, or the label of a total."""
    party: str
    """Description (party), empty for none."""
    values: tuple[str, ...]
    """Figures, one per column."""
    result: str
    """``Elected``, ``Excluded at stage 3``, ..., or empty."""
    kind: str = "candidate"
    """``candidate`` or ``total``."""


@dataclass(frozen=True, slots=True)
class Statement:
    """A table of candidates with named figure columns."""

    title: str
    """Heading, as declarations print it."""
    columns: tuple[str, ...]
    """Names of the figure columns."""
    rows: tuple[Row, ...]
    """Candidates then totals."""
    name_head: str = "Candidate"
    """Heading of the name column."""
    describe: bool = True
    """Whether the table has a description (party) column."""


def statement(record: CountRecord, numbers: Numbers) -> Statement:
    """FPTP / block vote: votes and share of each candidate, in ballot-paper order."""
    stage = record.final
    info = parties(record)
    ends = outcomes(record)
    rows = []
    for cand in record.candidates:
        if cand.withdrawn:
            rows.append(Row(cand.name, cand.party or "", ("", ""), "Withdrawn"))
            continue
        votes = stage.totals.get(cand.name, Fraction(0))
        share = percent(votes, record.valid_ballots)
        result = (
            outcome_text(ends[cand.name], record) if ends[cand.name].status == "elected" else ""
        )
        rows.append(Row(cand.name, info.get(cand.name, ""), (numbers.show(votes), share), result))
    cast = sum(stage.totals.values(), Fraction(0))
    if record.method == "block":
        rows.append(Row("Total votes given", "", (numbers.show(cast), ""), "", "total"))
    else:
        rows.append(
            Row("Total valid votes", "", (numbers.show(cast), percent(cast, cast)), "", "total")
        )
    share = "Share (of valid ballot papers)" if record.method == "block" else "Share"
    return Statement("Statement of persons nominated and votes", ("Votes", share), tuple(rows))


def sv_statement(record: CountRecord, numbers: Numbers) -> Statement:
    """Supplementary Vote: first choices, second choices added, and totals, as mayors' sheets."""
    first = record.stages[0]
    second = record.stages[1] if len(record.stages) > 1 else None
    added = changes_of(record, 1) if second is not None else {}
    out_at_first = set(first.excluded)
    ends = outcomes(record)
    info = parties(record)
    rows = []
    for name in standing_names(record):
        values = [numbers.show(first.totals.get(name, Fraction(0)))]
        if second is not None:
            if name in out_at_first:
                values += ["", ""]
            else:
                values += [
                    numbers.show(added.get(name, Fraction(0))),
                    numbers.show(second.totals.get(name, Fraction(0))),
                ]
        rows.append(Row(name, info.get(name, ""), tuple(values), _sv_result(ends[name].status)))
    totals = [numbers.show(sum(first.totals.values(), Fraction(0)))]
    if second is not None:
        totals += [
            numbers.show(sum((v for n, v in added.items() if n not in out_at_first), Fraction(0))),
            numbers.show(sum(second.totals.values(), Fraction(0))),
        ]
    rows.append(Row("Total", "", tuple(totals), "", "total"))
    if second is not None:
        unused = numbers.show(second.exhausted - first.exhausted)
        rows.append(
            Row("No second choice for a remaining candidate", "", ("", unused, ""), "", "total")
        )
    columns: tuple[str, ...] = ("First choice",)
    if second is not None:
        columns += ("Second choice", "Total")
    return Statement("Statement of persons nominated and votes", columns, tuple(rows))


def _sv_result(status: str) -> str:
    return {"elected": "Elected", "excluded": "Eliminated after first count"}.get(status, "")


def candidate_list(record: CountRecord) -> Statement:
    """Every candidate with description and outcome (for preferential counts)."""
    ends = outcomes(record)
    rows = tuple(
        Row(c.name, c.party or "", (), outcome_text(ends[c.name], record))
        for c in record.candidates
    )
    return Statement("Statement of persons nominated", (), rows)


@dataclass(frozen=True, slots=True)
class StageHead:
    """The heading of one stage column group."""

    number: int
    """Stage number."""
    label: str
    """``Stage 2`` or ``Round 2``."""
    action: str
    """``Surplus of X``, ``Exclusion of Y``, ``First preferences``."""
    shows_change: bool
    """Whether the group has a transfer column (every stage after the first)."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One stage's figures for one row."""

    change: str
    """The transfer at this stage, signed; empty for none."""
    total: str
    """The total after this stage."""
    mark: str = ""
    """:data:`ELECTED_MARK`, :data:`EXCLUDED_MARK` or empty."""


@dataclass(frozen=True, slots=True)
class StageRow:
    """A row of the stage table."""

    label: str
    """Candidate name or row label."""
    kind: str
    """``candidate``, ``non-transferable``, ``exhausted``, ``rounding``, ``total`` or ``quota``."""
    cells: tuple[Cell, ...]
    """One per stage."""


@dataclass(frozen=True, slots=True)
class StageTable:
    """Stages as columns, candidates as rows."""

    heads: tuple[StageHead, ...]
    """One per stage."""
    rows: tuple[StageRow, ...]
    """Candidates in ballot-paper order, then non-transferable, totals and quota."""


def stage_table(record: CountRecord, numbers: Numbers) -> StageTable:
    """The stage-by-stage table of a preferential count."""
    word = stage_word(record)
    stages = record.stages
    heads = tuple(
        StageHead(s.number, f"{word} {s.number}", action_heading(s), i > 0)
        for i, s in enumerate(stages)
    )
    all_changes = [changes_of(record, i) for i in range(len(stages))]
    rows = []
    for name in standing_names(record):
        cells = []
        for stage, changes in zip(stages, all_changes, strict=True):
            mark = ""
            if any(e.name == name for e in stage.elected):
                mark = ELECTED_MARK
            elif name in stage.excluded:
                mark = EXCLUDED_MARK
            total = numbers.show(stage.totals.get(name, Fraction(0)))
            cells.append(Cell(numbers.signed(changes.get(name, Fraction(0))), total, mark))
        rows.append(StageRow(name, "candidate", tuple(cells)))
    rows.append(_running_row(record, numbers, "Non-transferable", "non-transferable", _nt))
    if any(s.rounding for s in stages):
        rows.append(_running_row(record, numbers, "  of which exhausted", "exhausted", _ex))
        rows.append(_running_row(record, numbers, "  of which rounding", "rounding", _rd))
    rows.append(_running_row(record, numbers, "Total", "total", _all))
    quotas = [s.quota for s in stages]
    if any(q is not None for q in quotas) and (
        len(set(quotas)) > 1 or record.quota is None or record.quota_criterion == "exceed"
    ):
        label = "Half the votes in play" if record.method == "irv" else "Quota"
        if record.quota_criterion == "exceed":
            label += " (to exceed)"
        cells = [Cell("", "" if q is None else numbers.show(q)) for q in quotas]
        rows.append(StageRow(label, "quota", tuple(cells)))
    return StageTable(heads, tuple(rows))


def _nt(record: CountRecord, index: int) -> Fraction:
    return record.stages[index].non_transferable


def _ex(record: CountRecord, index: int) -> Fraction:
    return record.stages[index].exhausted


def _rd(record: CountRecord, index: int) -> Fraction:
    return record.stages[index].rounding


def _all(record: CountRecord, index: int) -> Fraction:
    stage = record.stages[index]
    return sum(stage.totals.values(), Fraction(0)) + stage.non_transferable


def _running_row(
    record: CountRecord,
    numbers: Numbers,
    label: str,
    kind: str,
    value: Callable[[CountRecord, int], Fraction],
) -> StageRow:
    cells = []
    for i in range(len(record.stages)):
        now = value(record, i)
        change = "" if i == 0 else numbers.signed(now - value(record, i - 1))
        cells.append(Cell(change, numbers.show(now)))
    return StageRow(label, kind, tuple(cells))
