"""The HTML sheet: one self-contained page (inline CSS, inline SVG, no external resources).

Rendered with Jinja2 from ``templates/`` with autoescaping on, so every name and note from the
record is escaped. The page holds the title, a summary, the declaration tables (the same tables
as the text sheet), the transfer chart (:mod:`teller.sheets.svg_chart`) for counts of more than
one stage, the plain-language account, and for list methods the votes, seats and quotients.
"""

from __future__ import annotations

from typing import Any

import jinja2

from teller.record import CountRecord
from teller.sheets.account import render_account
from teller.sheets.allocation_tables import (
    AWARDED_MARK,
    list_members,
    quotient_table,
    seats_statement,
)
from teller.sheets.facts import (
    PERCENT_NOTE,
    Numbers,
    about_facts,
    poll_facts,
    remarks,
    title_of,
)
from teller.sheets.svg_chart import transfer_chart
from teller.sheets.tables import (
    ELECTED_MARK,
    EXCLUDED_MARK,
    MARK_LEGEND,
    candidate_list,
    stage_table,
    statement,
    sv_statement,
)

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("teller.sheets", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def page_context(record: CountRecord) -> dict[str, Any]:
    """Everything the page template shows, computed from the record."""
    numbers = Numbers(record.arithmetic)
    context: dict[str, Any] = {
        "title": title_of(record),
        "about": about_facts(record),
        "poll": poll_facts(record, numbers),
        "elected": record.elected,
        "statement": None,
        "candidates": None,
        "stages": None,
        "chart": None,
        "allocation": None,
        "account": render_account(record).splitlines(),
        "remarks": remarks(record, numbers),
        "percent_note": PERCENT_NOTE,
        "legend": MARK_LEGEND,
        "elected_mark": ELECTED_MARK,
        "excluded_mark": EXCLUDED_MARK,
        "awarded_mark": AWARDED_MARK,
    }
    if record.allocation is not None:
        context["allocation"] = {
            "seats": seats_statement(record, numbers),
            "quotients": quotient_table(record, numbers),
            "members": list_members(record),
        }
    elif record.method in ("fptp", "block"):
        context["statement"] = statement(record, numbers)
    elif record.method == "sv":
        context["statement"] = sv_statement(record, numbers)
    else:
        context["candidates"] = candidate_list(record)
        context["stages"] = stage_table(record, numbers)
    if record.allocation is None and len(record.stages) > 1:
        context["chart"] = transfer_chart(record, numbers)
    return context


def render_html(record: CountRecord) -> str:
    return _ENVIRONMENT.get_template("page.html.j2").render(page_context(record))
