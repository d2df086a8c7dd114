"""The CSV sheet parses back to the record's figures exactly, in the documented columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from fractions import Fraction

import pytest
from sheet_records import (
    WARDS,
    counted_ward,
    dhondt_record,
    hartlepool,
    labour_deputy,
    labour_deputy_rows,
    official,
    stv_record,
    synthetic_stv,
    west_midlands,
)

from teller.record import CountRecord
from teller.sheets import render

RECORDS: dict[str, Callable[[], CountRecord]] = {
    "hartlepool": hartlepool,
    "west-midlands": west_midlands,
    "labour-deputy": labour_deputy,
    "synthetic-stv": synthetic_stv,
    "bridge-of-don-counted": lambda: counted_ward("aberdeen-city/bridge-of-don"),
    "bridge-of-don-meek": lambda: counted_ward("aberdeen-city/bridge-of-don", "meek"),
    **{f"{w}-official": (lambda w=w: stv_record(w)) for w in WARDS},
}


def parse(text: str) -> list[dict[str, str]]:
    assert text.endswith("\n") and "\r" not in text
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_csv_parses_back_to_every_total_and_change(name: str) -> None:
    record = RECORDS[name]()
    text = render(record, "csv")
    rows = parse(text)
    header = next(csv.reader(io.StringIO(text)))
    fixed = ["kind", "name", "party", "status", "status_stage", "elected_by"]
    stage_columns = [
        f"stage_{s.number}_{part}" for s in record.stages for part in ("change", "total")
    ]
    assert header == fixed + stage_columns
    candidates = [r for r in rows if r["kind"] == "candidate"]
    assert [r["name"] for r in candidates] == [c.name for c in record.candidates]
    for row in candidates:
        for i, stage in enumerate(record.stages):
            total = row[f"stage_{stage.number}_total"]
            assert Fraction(total) == stage.totals[row["name"]]
            change = row[f"stage_{stage.number}_change"]
            if i == 0:
                assert change == ""
            else:
                assert Fraction(change) == stage.changes[row["name"]]
    by_kind = {r["kind"]: r for r in rows if r["kind"] != "candidate"}
    assert set(by_kind) >= {"non-transferable", "exhausted", "rounding", "total"}
    for stage in record.stages:
        column = f"stage_{stage.number}_total"
        assert Fraction(by_kind["non-transferable"][column]) == stage.non_transferable
        assert Fraction(by_kind["exhausted"][column]) == stage.exhausted
        assert Fraction(by_kind["rounding"][column]) == stage.rounding
        everything = sum(stage.totals.values(), Fraction(0)) + stage.non_transferable
        assert Fraction(by_kind["total"][column]) == everything
        if stage.quota is not None:
            assert Fraction(by_kind["quota"][column]) == stage.quota


@pytest.mark.parametrize("ward", WARDS)
def test_csv_cells_are_the_official_sheet_text(ward: str) -> None:
    """The official sheets write 5 decimals; so does the CSV of a 5-decimal count."""
    sheet = official(ward)
    parsed = parse(render(stv_record(ward), "csv"))
    rows = {r["name"]: r for r in parsed if r["kind"] == "candidate"}
    for stage in sheet["stages"]:
        for name, total in stage["totals"].items():
            assert rows[name][f"stage_{stage['stage']}_total"] == total
    (nt,) = [r for r in parsed if r["kind"] == "non-transferable"]
    for number, value in enumerate(sheet["non_transferable"], start=1):
        assert nt[f"stage_{number}_total"] == value
    for item in sheet["elected"]:
        assert (rows[item["name"]]["status"], rows[item["name"]]["status_stage"]) == (
            "elected",
            str(item["stage"]),
        )
    for item in sheet["excluded"]:
        assert (rows[item["name"]]["status"], rows[item["name"]]["status_stage"]) == (
            "excluded",
            str(item["stage"]),
        )


def test_csv_of_labour_rounds_matches_the_published_figures() -> None:
    rows = {r["name"]: r for r in parse(render(labour_deputy(), "csv"))}
    for published in labour_deputy_rows():
        cell = rows[published["candidate"]][f"stage_{published['round']}_total"]
        assert cell == published["votes"]


def test_allocation_csv_gives_every_quotient_and_award() -> None:
    record = dhondt_record()
    assert record.allocation is not None
    text = render(record, "csv")
    rows = parse(text)
    header = next(csv.reader(io.StringIO(text)))
    rounds = record.allocation.rounds
    assert header == [
        "kind",
        "name",
        "votes",
        "prior_seats",
        "seats",
        "total_seats",
        "status",
        *(f"round_{r.number}" for r in rounds),
    ]
    parties = [r for r in rows if r["kind"] == "party"]
    assert [r["name"] for r in parties] == list(record.allocation.votes)
    for row in parties:
        assert int(row["votes"]) == record.allocation.votes[row["name"]]
        assert int(row["seats"]) == sum(1 for r in rounds if r.awarded == row["name"])
        for rnd in rounds:
            assert Fraction(row[f"round_{rnd.number}"]) == rnd.quotients[row["name"]]
    (awarded,) = [r for r in rows if r["kind"] == "awarded"]
    assert [awarded[f"round_{r.number}"] for r in rounds] == [r.awarded for r in rounds]
