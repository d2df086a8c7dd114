"""The render() interface: the JSON sheet, and every format on counts Hypothesis makes up."""

from __future__ import annotations

import csv
import io
import json
import re
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sheet_records import counted_ward, dhondt_record, synthetic_stv

from teller.count import count
from teller.model import Candidate, Contest, Profile
from teller.record import CountRecord
from teller.recordjson import record_from_dict, record_to_dict
from teller.sheets import SHEET_FORMATS, render


def test_formats() -> None:
    assert SHEET_FORMATS == ("text", "json", "csv", "html", "account")


def test_json_sheet_is_the_teller_count_record() -> None:
    for record in (counted_ward("aberdeen-city/bridge-of-don"), synthetic_stv(), dhondt_record()):
        text = render(record, "json")
        assert text.endswith("}\n")
        data = json.loads(text)
        assert data["format"] == "teller-count/1"
        assert data == json.loads(json.dumps(record_to_dict(record)))
        assert record_from_dict(data) == record
        assert text.splitlines()[1].startswith('  "format"')  # indent=2


def test_json_keeps_non_ascii_names() -> None:
    contest = Contest((Candidate("Seonaidh MacÌomhair", "Alba"), Candidate("Zoë")), method="fptp")
    record = count(contest, Profile.from_rankings(2, [((0,), 2), ((1,), 1)]))
    text = render(record, "json")
    assert "Seonaidh MacÌomhair" in text and "\\u" not in text


METHODS = st.sampled_from(
    [
        ("fptp", None, 1),
        ("block", None, 2),
        ("sv", None, 1),
        ("irv", None, 1),
        ("stv", "scottish-2007", 2),
        ("stv", "meek", 2),
    ]
)


@st.composite
def counts(draw: st.DrawFn) -> CountRecord:
    method, rules, seats = draw(METHODS)
    n = draw(st.integers(min_value=3, max_value=6))
    rankings = st.lists(st.integers(0, n - 1), min_size=1, max_size=n, unique=True)
    if method in ("fptp",):
        rankings = st.lists(st.integers(0, n - 1), min_size=1, max_size=1)
    if method == "block":
        rankings = st.lists(st.integers(0, n - 1), min_size=1, max_size=seats, unique=True)
    ballots = draw(st.lists(st.tuples(rankings, st.integers(1, 40)), min_size=1, max_size=25))
    names = draw(
        st.lists(
            st.text(
                st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Z")),
                min_size=1,
                max_size=12,
            ),
            min_size=n,
            max_size=n,
            unique=True,
        )
    )
    contest = Contest(
        tuple(Candidate(name, draw(st.sampled_from([None, "Red", "<b>&"]))) for name in names),
        seats=seats,
        method=method,
        rules=rules,
        electorate=draw(st.one_of(st.none(), st.integers(2000, 5000))),
        rejected=draw(st.one_of(st.none(), st.integers(0, 30))),
    )
    profile = Profile.from_rankings(n, [(tuple(r), w) for r, w in ballots])
    return count(contest, profile, seed=draw(st.integers(0, 2**31)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(counts())
def test_every_format_renders_any_count(record: CountRecord) -> None:
    sheets = {fmt: render(record, fmt) for fmt in SHEET_FORMATS}
    # CSV: exact totals back.
    rows = [r for r in csv.DictReader(io.StringIO(sheets["csv"])) if r["kind"] == "candidate"]
    for row in rows:
        for stage in record.stages:
            if row["name"] in stage.totals:
                assert Fraction(row[f"stage_{stage.number}_total"]) == stage.totals[row["name"]]
    # Account: one line per stage, everyone elected named on the last line.
    numbered = re.findall(r"^(?:Stage|Round) (\d+): ", sheets["account"], re.M)
    assert [int(n) for n in numbered] == [s.number for s in record.stages]
    last = sheets["account"].splitlines()[-1]
    assert all(name in last for name in record.elected)
    # Text: every candidate named; HTML: names escaped.
    for name in record.names:
        assert name in sheets["text"]
    assert "<b>&" not in sheets["html"]
    assert sheets["html"].count("<html") == 1
