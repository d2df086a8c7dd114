"""The text sheet against published results: every figure the declaration shows must be there."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from sheet_records import (
    WARDS,
    counted_ward,
    dhondt_record,
    hartlepool,
    hartlepool_rows,
    labour_deputy,
    labour_deputy_rows,
    official,
    stv_record,
    synthetic_stv,
    west_midlands,
    west_midlands_rows,
)

from teller.count import count
from teller.errors import TellerError
from teller.model import Candidate, Contest, Profile
from teller.sheets import render

NUMBER = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?(?:/\d+)?")


def tokens(text: str) -> set[str]:
    """Every number in ``text``, thousands separators and signs removed."""
    return {m.replace(",", "").lstrip("+-") for m in NUMBER.findall(text)}


def grouped(text: str) -> str:
    """``1448.00000`` -> ``1,448.00000`` (written here, not with teller's helper)."""
    whole, dot, frac = text.partition(".")
    return f"{int(whole):,}{dot}{frac}"


def line_with(sheet: str, start: str, *needles: str) -> str:
    """The one line that starts with ``start`` and contains every needle."""
    found = [
        line
        for line in sheet.splitlines()
        if line.startswith(start) and all(n in line for n in needles)
    ]
    assert len(found) == 1, (start, needles, found)
    return found[0]


def count_section(sheet: str) -> list[str]:
    lines = sheet.splitlines()
    start = lines.index("COUNT")
    end = next(i for i, line in enumerate(lines) if line.startswith("E = elected at this stage"))
    return lines[start + 1 : end]


@pytest.mark.parametrize("ward", WARDS)
def test_stv_sheet_shows_every_official_figure(ward: str) -> None:
    sheet_data = official(ward)
    text = render(stv_record(ward), "text")
    found = tokens(text)
    for stage in sheet_data["stages"]:
        for total in stage["totals"].values():
            assert total in found, (stage["stage"], total)
    for value in sheet_data["non_transferable"]:
        assert value in found
    for name in sheet_data["candidates"]:
        assert name in text
    assert "Quota:" in text and grouped(f"{sheet_data['quota']}.00000") in text
    assert re.search(rf"Valid ballot papers:\s+{grouped(str(sheet_data['valid_poll']))}\n", text)


@pytest.mark.parametrize("ward", WARDS)
def test_stv_statement_gives_each_outcome_with_its_stage(ward: str) -> None:
    sheet_data = official(ward)
    text = render(stv_record(ward), "text")
    several = len(sheet_data["stages"]) > 1
    for item in sheet_data["elected"]:
        where = f" at stage {item['stage']}" if several else ""
        row = line_with(text, item["name"], "lected" + where)
        assert "Excluded" not in row
    for item in sheet_data["excluded"]:
        line_with(text, item["name"], f"Excluded at stage {item['stage']}")


def percent_half_up(part: int, whole: int) -> str:
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"{value}%"


@pytest.mark.parametrize("ward", WARDS)
def test_stv_poll_figures_and_both_turnouts(ward: str) -> None:
    sheet = official(ward)
    text = render(stv_record(ward), "text")
    valid, electorate, poll = sheet["valid_poll"], sheet["electorate"], sheet["total_poll"]
    assert re.search(rf"^Rejected ballot papers:\s+{sheet['rejected']:,}$", text, re.M)
    assert re.search(rf"^Total poll \(valid \+ rejected\):\s+{poll:,}$", text, re.M)
    assert re.search(rf"^Electorate:\s+{electorate:,}$", text, re.M)
    valid_turnout = re.escape(percent_half_up(valid, electorate))
    all_turnout = re.escape(percent_half_up(poll, electorate))
    assert re.search(
        rf"^Turnout \(valid ballot papers / electorate\):\s+{valid_turnout}$", text, re.M
    )
    assert re.search(
        rf"^Turnout \(all ballot papers incl\. rejected / electorate\):\s+{all_turnout}$",
        text,
        re.M,
    )


@pytest.mark.parametrize("width", [60, 80, 100, 140])
def test_stage_blocks_fit_the_width_and_cover_every_stage_once(width: int) -> None:
    ward = "highland/eilean-a-cho"
    text = render(stv_record(ward), "text", width=width)
    section = count_section(text)
    names = official(ward)["candidates"]
    label = max(len(n) for n in names)
    for line in section:
        # A block holds at least one stage, so only a one-stage block may overflow.
        assert len(line) <= max(width, label + 3 + 40), line
    heads = [int(n) for line in section for n in re.findall(r"Stage (\d+)", line)]
    assert heads == list(range(1, 13))
    captions = [line for line in section if line.startswith("[stage")]
    assert len(captions) >= (2 if width <= 100 else 1)


def test_wider_sheets_use_fewer_blocks() -> None:
    record = stv_record("highland/eilean-a-cho")
    blocks = [
        sum(1 for line in count_section(render(record, "text", width=w)) if line.startswith("[st"))
        for w in (60, 100, 200, 400)
    ]
    assert blocks == sorted(blocks, reverse=True)
    assert blocks[0] > blocks[-1]
    assert blocks[-1] == 0  # everything in one block: no captions


def test_counted_stv_marks_elected_and_excluded_at_their_stage() -> None:
    ward = "aberdeen-city/bridge-of-don"
    record = counted_ward(ward)
    text = render(record, "text", width=400)  # one block: one line per candidate
    section = count_section(text)
    stages = len(record.stages)
    for item in official(ward)["elected"] + official(ward)["excluded"]:
        row = next(line for line in section if line.startswith(item["name"]))
        cells = re.findall(r"(\S+)(?:  ([EX]))?(?=\s{2,}|$)", row[len(item["name"]) :])
        totals = [c for c in cells if "." in c[0] and not c[0].startswith(("+", "-"))]
        assert len(totals) == stages
        marked = [i + 1 for i, c in enumerate(totals) if c[1]]
        assert marked == [item["stage"]], (item, row)


def test_hartlepool_declaration() -> None:
    rows = hartlepool_rows()
    text = render(hartlepool(), "text")
    assert "STATEMENT OF PERSONS NOMINATED AND VOTES" in text
    for row in rows:
        line = line_with(text, row["candidate"] + " ", row["party"])
        assert f"{int(row['votes']):,}" in line.split()
        assert ("Elected" in line) == (row["elected"] == "1")
    assert re.search(r"^Majority \(Jill Mortimer over Paul Williams\):\s+6,940$", text, re.M)
    assert re.search(r"^Electorate:\s+70,768$", text, re.M)
    valid = sum(int(r["votes"]) for r in rows)
    percent = (Fraction(valid * 100, 70768) * 100 + Fraction(1, 2)) // 1 / 100
    assert f"{float(percent):.2f}%" == "42.30%"
    assert re.search(r"^Turnout \(valid ballot papers / electorate\):\s+42\.30%$", text, re.M)
    assert re.search(rf"^Total valid votes\s+{valid:,}\s", text, re.M)


def test_west_midlands_supplementary_vote_columns() -> None:
    text = render(west_midlands(), "text")
    assert re.search(r"First choice\s+Second choice\s+Total", text)
    for row in west_midlands_rows():
        line = line_with(text, row["candidate"] + " ")
        figures = [f for f in line.split() if re.fullmatch(r"[\d,]+", f)]
        if row["final"]:
            expected = [row["first_round"], row["second_prefs_added"], row["final"]]
            assert figures == [f"{int(x):,}" for x in expected]
        else:
            assert figures == [f"{int(row['first_round']):,}"]
        assert ("Elected" in line) == (row["elected"] == "1")


def test_labour_deputy_rounds_as_columns() -> None:
    text = render(labour_deputy(), "text", width=200)
    section = count_section(text)
    assert re.search(r"Round 1\s+Round 2\s+Round 3", "\n".join(section))
    for row in labour_deputy_rows():
        line = next(x for x in section if x.startswith(row["candidate"]))
        assert f"{int(row['votes']):,}" in line.split()
    assert "Elected at round 3" in line_with(text, "Angela Rayner", "Labour")


def test_list_allocation_sheet() -> None:
    record = dhondt_record()
    text = render(record, "text")
    assert record.allocation is not None
    for rnd in record.allocation.rounds:
        for party, quotient in rnd.quotients.items():
            shown = str(quotient) if quotient.denominator > 1 else f"{quotient.numerator:,}"
            assert shown in text, (rnd.number, party)
    won = {p: sum(1 for r in record.allocation.rounds if r.awarded == p) for p in ("Red", "Blue")}
    assert re.search(rf"^Red\s+100,000\s+\S+\s+{won['Red']}\s+{won['Red']}\s*$", text, re.M)
    assert f"Seats won: Red {won['Red']}, Blue {won['Blue']}" in text
    assert "Red member 1" in text


def test_withdrawn_candidate_is_listed_as_withdrawn() -> None:
    contest = Contest(
        (Candidate("Ann", "Red"), Candidate("Bob", "Blue"), Candidate("Cy", "Green")),
        method="fptp",
        withdrawn=frozenset({2}),
    )
    record = count(contest, Profile.from_rankings(3, [((0,), 5), ((1,), 3), ((2, 0), 4)]))
    text = render(record, "text")
    assert "Withdrawn" in line_with(text, "Cy ", "Green")


def test_ties_are_reported_with_the_seed() -> None:
    text = render(synthetic_stv(), "text")
    assert "D and E were tied on 10.00 for exclusion; settled by lot drawn from seed 42: E." in text


@pytest.mark.parametrize(("fmt", "width"), [("pdf", None), ("text", 39), ("text", 0)])
def test_bad_requests_raise_teller_errors(fmt: str, width: int | None) -> None:
    with pytest.raises(TellerError):
        render(hartlepool(), fmt, width=width)
