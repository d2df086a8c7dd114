"""Result sheets: every format is rendered from the :class:`~teller.record.CountRecord`.

>>> from teller import Candidate, Contest, Profile, count
>>> from teller.sheets import render
>>> contest = Contest((Candidate("Ann", "Red"), Candidate("Bob", "Blue")), method="fptp")
>>> record = count(contest, Profile.from_rankings(2, [((0,), 3), ((1,), 2)]))
>>> "Majority (Ann over Bob):" in render(record, "text")
True

Formats (see docs/sheets.md): ``text`` an official-style declaration; ``json`` the
``teller-count/1`` record; ``csv`` one row per candidate with every stage's change and total;
``html`` one self-contained page with a transfer chart; ``account`` a plain-language account,
one line per stage.
"""

from __future__ import annotations

import json

from teller.record import CountRecord
from teller.recordjson import record_to_dict
from teller.sheets.facts import SheetError

SHEET_FORMATS = ("text", "json", "csv", "html", "account")

__all__ = ["SHEET_FORMATS", "SheetError", "render"]


def render(record: CountRecord, fmt: str, *, width: int | None = None) -> str:
    """The sheet of ``record`` in format ``fmt``; ``width`` is the text sheet's line width.

    Raises :class:`SheetError` (a :class:`~teller.errors.TellerError`) for an unknown format
    or a width too narrow to lay out.
    """
    if fmt not in SHEET_FORMATS:
        raise SheetError(f"unknown sheet format {fmt!r}; choose one of {', '.join(SHEET_FORMATS)}")
    if width is not None and width < 40:
        raise SheetError(f"sheet width must be at least 40 characters, not {width}")
    # Each renderer is imported only when asked for: a count piped to JSON starts faster, and
    # Jinja2 loads only for a page.
    if fmt == "json":
        return json.dumps(record_to_dict(record), indent=2, ensure_ascii=False) + "\n"
    if fmt == "text":
        from teller.sheets.text_sheet import DEFAULT_WIDTH, render_text

        return render_text(record, DEFAULT_WIDTH if width is None else width)
    if fmt == "csv":
        from teller.sheets.csv_sheet import render_csv

        return render_csv(record)
    if fmt == "account":
        from teller.sheets.account import render_account

        return render_account(record)
    from teller.sheets.html_sheet import render_html

    return render_html(record)
