"""The text sheet: a declaration of result laid out as UK returning officers publish them.

FPTP and block vote: the statement of persons nominated and votes, then the poll figures.
Supplementary Vote: first choice, second choice and total columns. AV and STV: the candidates
with their outcome, then the count with stages (rounds) as columns, each with the transfer and
the total, wrapped into blocks that fit ``width``. List methods: votes, seats and quotients.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from teller.record import CountRecord
from teller.sheets.allocation_tables import (
    AWARDED_MARK,
    list_members,
    quotient_table,
    seats_statement,
)
from teller.sheets.facts import (
    PERCENT_NOTE,
    Fact,
    Numbers,
    about_facts,
    poll_facts,
    remarks,
    result_line,
    stage_word,
    title_of,
)
from teller.sheets.tables import (
    MARK_LEGEND,
    StageTable,
    Statement,
    candidate_list,
    stage_table,
    statement,
    sv_statement,
)
from teller.sheets.text_grid import Group, blocks, table

DEFAULT_WIDTH = 100


def render_text(record: CountRecord, width: int = DEFAULT_WIDTH) -> str:
    numbers = Numbers(record.arithmetic)
    title = title_of(record)
    lines = [title.upper(), "=" * len(title), ""]
    lines += _facts(about_facts(record), width)
    lines.append("")
    if record.allocation is not None:
        lines += _allocation(record, numbers, width)
    elif record.method in ("fptp", "block"):
        lines += _statement(statement(record, numbers))
    elif record.method == "sv":
        lines += _statement(sv_statement(record, numbers))
    else:
        lines += _statement(candidate_list(record))
        lines += ["COUNT", ""]
        lines += _stage_blocks(stage_table(record, numbers), width, stage_word(record))
        lines += ["", *MARK_LEGEND, ""]
    lines += _facts(poll_facts(record, numbers), width)
    lines += ["", *textwrap.wrap(result_line(record), width, subsequent_indent="  ")]
    notes = remarks(record, numbers)
    if notes:
        lines += ["", "Ties and notes:", *(f"  {x}" for x in notes)]
    lines += ["", PERCENT_NOTE]
    return "\n".join(lines) + "\n"


def _facts(facts: Sequence[Fact], width: int) -> list[str]:
    """``Label: value`` lines, values aligned and wrapped to the sheet's width."""
    if not facts:
        return []
    label_width = max(len(f.label) for f in facts) + 1
    room = max(20, width - label_width - 1)
    lines = []
    for fact in facts:
        wrapped = textwrap.wrap(fact.value, room) or [""]
        lines.append(f"{(fact.label + ':').ljust(label_width)} {wrapped[0]}")
        lines += [" " * (label_width + 1) + more for more in wrapped[1:]]
    return lines


def _statement(sheet: Statement) -> list[str]:
    described = ["Description"] if sheet.describe else []
    headers = [sheet.name_head, *described, *sheet.columns, "Result"]
    align = "l" * (1 + len(described)) + "r" * len(sheet.columns) + "l"
    rows = [
        [r.name, *([r.party] if sheet.describe else []), *r.values, r.result] for r in sheet.rows
    ]
    totals = [i for i, r in enumerate(sheet.rows) if r.kind == "total"][:1]
    return [sheet.title.upper(), "", *table(headers, rows, align, rule_before=totals), ""]


def _stage_blocks(tab: StageTable, width: int, word: str) -> list[str]:
    groups = []
    for index, head in enumerate(tab.heads):
        totals = tuple(row.cells[index].total for row in tab.rows)
        marks = tuple(row.cells[index].mark for row in tab.rows)
        if head.shows_change:
            changes = tuple(row.cells[index].change for row in tab.rows)
            groups.append(
                Group(
                    (head.label, head.action),
                    ("Transfer", "Total", ""),
                    (changes, totals, marks),
                    "rrl",
                )
            )
        else:
            groups.append(Group((head.label, head.action), ("Total", ""), (totals, marks), "rl"))
    labels = [row.label for row in tab.rows]
    first_total = next(
        (i for i, row in enumerate(tab.rows) if row.kind != "candidate"), len(labels)
    )
    return blocks(
        "Candidate",
        labels,
        groups,
        width=width,
        what=f"{word.lower()}s",
        rule_before=(first_total,),
    )


def _allocation(record: CountRecord, numbers: Numbers, width: int) -> list[str]:
    lines = _statement(seats_statement(record, numbers))
    quotients = quotient_table(record, numbers)
    groups = [
        Group(
            (f"Round {number}",),
            ("Quotient", ""),
            (
                tuple(row[index] for row in quotients.cells),
                tuple(AWARDED_MARK if row[index] else "" for row in quotients.awarded),
            ),
            "rl",
        )
        for index, number in enumerate(quotients.rounds)
    ]
    lines += ["QUOTIENTS", ""]
    lines += blocks("Party", quotients.parties, groups, width=width, what="rounds")
    lines += ["", f"{AWARDED_MARK} = awarded the seat in this round", ""]
    members = list_members(record)
    if members:
        lines += ["MEMBERS ELECTED FROM LISTS", ""]
        lines += table(["Order", "Party", "Member"], [list(m) for m in members], "rll")
        lines.append("")
    return lines
