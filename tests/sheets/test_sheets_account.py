"""The plain-language account: one line per stage, saying who was elected or excluded and why."""

from __future__ import annotations

import re

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

STAGE_LINE = re.compile(r"^(?:Stage|Round) (\d+): ")


def stage_lines(record: CountRecord) -> dict[int, str]:
    text = render(record, "account")
    lines = text.splitlines()
    numbered = [(int(m.group(1)), line) for line in lines if (m := STAGE_LINE.match(line))]
    assert [n for n, _ in numbered] == [s.number for s in record.stages]
    return dict(numbered)


def grouped(text: str) -> str:
    whole, dot, frac = text.partition(".")
    return f"{int(whole):,}{dot}{frac}"


@pytest.mark.parametrize("ward", WARDS)
def test_one_line_per_stage_naming_each_election_and_exclusion(ward: str) -> None:
    sheet = official(ward)
    for record in (stv_record(ward), counted_ward(ward)):
        lines = stage_lines(record)
        text = render(record, "account")
        assert text.splitlines()[-1].startswith("Elected: ")
        for item in sheet["elected"]:
            line = lines[item["stage"]]
            total = sheet["stages"][item["stage"] - 1]["totals"][item["name"]]
            assert f"{item['name']} ({grouped(total)})" in line
            if float(total) >= sheet["quota"]:
                assert "reached the quota" in line
            else:
                assert "deemed elected" in line
            assert item["name"] in text.splitlines()[-1]
        for item in sheet["excluded"]:
            # Excluded on stage k's totals; the next stage moves the papers and says why.
            line = lines[item["stage"] + 1]
            total = sheet["stages"][item["stage"] - 1]["totals"][item["name"]]
            assert (
                f"{item['name']} had the fewest votes ({grouped(total)}) and was excluded" in line
            )


def test_surplus_lines_give_the_surplus_and_where_it_went() -> None:
    ward = "aberdeen-city/bridge-of-don"
    sheet = official(ward)
    lines = stage_lines(stv_record(ward))
    # Stage 2 is Brett HUNT's surplus: 1868 - 1448 = 420.
    assert "Brett HUNT (Con) had 1,868.00000; the surplus of 420.00000 over the quota" in lines[2]
    for name, total in sheet["stages"][1]["totals"].items():
        before = sheet["stages"][0]["totals"][name]
        gain = round(float(total) - float(before), 5)
        if gain > 0:
            assert f"{name} +{gain:,.5f}" in lines[2]
    nt = float(sheet["non_transferable"][1])
    assert f"non-transferable +{nt:,.5f}" in lines[2]


def test_rules_parcels_and_lot_are_explained() -> None:
    lines = stage_lines(synthetic_stv())
    assert lines[1].endswith("[rule T1]. A (40.00) reached the quota (34.00) and was elected.")
    assert (
        "surplus of 6.00 over the quota was transferred at a transfer value of 0.15 [rule T2]"
        in (lines[2])
    )
    assert (
        "D and E were tied on 10.00 for exclusion; settled by lot drawn from seed 42: E."
        in (lines[2])
    )
    assert (
        "E had the fewest votes (10.00, tied; see stage 2) and was excluded [rule T3]" in lines[3]
    )
    assert "C (47.00) reached the quota (34.00) and was elected" in lines[5]


def test_real_count_cites_its_rules() -> None:
    record = counted_ward("aberdeen-city/bridge-of-don")
    lines = stage_lines(record)
    for stage in record.stages:
        if stage.action.rule:
            assert f"[rule {stage.action.rule}]" in lines[stage.number]
    assert "in 3 parcels at transfer values" in lines[8]


def test_alternative_vote_rounds() -> None:
    lines = stage_lines(labour_deputy())
    final = {r["candidate"]: r["votes"] for r in labour_deputy_rows() if r["round"] == "3"}
    assert lines[1].startswith("Round 1: the first preferences on 461,006 valid ballot papers")
    assert "Dawn Butler had the fewest votes (50,255) and was excluded" in lines[2]
    assert "Ian Murray had the fewest votes (64,560) and was excluded" in lines[3]
    rayner = f"{int(final['Angela Rayner']):,}"
    assert f"Angela Rayner ({rayner}) had more than half of the votes" in lines[3]


def test_plurality_and_supplementary_vote_accounts() -> None:
    (line,) = stage_lines(hartlepool()).values()
    assert "Jill Mortimer (15,529) had the most votes and was elected" in line
    assert "Majority: 6,940 (Jill Mortimer over Paul Williams)" in line
    lines = stage_lines(west_midlands())
    assert "Andy Street (314,669) had the most votes after second choices" in lines[2]
    assert "Andy Street +15,351, Liam Byrne +23,617; non-transferable +31,995" in lines[2]


def test_list_account_gives_one_line_per_seat() -> None:
    record = dhondt_record()
    assert record.allocation is not None
    text = render(record, "account")
    seats = re.findall(r"^Seat (\d+): (\S+) had the highest quotient", text, re.M)
    assert seats == [(str(r.number), r.awarded) for r in record.allocation.rounds]
    for i, rnd in enumerate(record.allocation.rounds):
        divisor = 1 + sum(1 for r in record.allocation.rounds[:i] if r.awarded == rnd.awarded)
        votes = record.allocation.votes[rnd.awarded]
        quotient = rnd.quotients[rnd.awarded]
        shown = str(quotient) if quotient.denominator > 1 else f"{quotient.numerator:,}"
        assert f"Seat {rnd.number}: {rnd.awarded} had the highest quotient ({shown} = " in text
        assert f"({shown} = {votes:,} votes / {divisor}) and won the seat." in text
