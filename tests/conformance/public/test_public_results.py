"""Real UK results teller must reproduce (issue 2, section 8).

The published figures live in ``data/`` (with their provenance). Hartlepool's ballots follow
directly from the declared votes; for the SV and AV contests ``generate_profiles`` builds ballots
consistent with the published aggregates. Every figure asserted below is read from ``data/``,
never from teller, and is compared with what teller's count produced.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from fractions import Fraction

import generate_profiles as gen
import pytest

from teller.count import count
from teller.model import Contest, Profile
from teller.record import ActionKind, CountRecord, ElectedBy


def counted(built: tuple[Contest, Profile], engine: str = "auto") -> CountRecord:
    contest, profile = built
    return count(contest, profile, engine=engine)


def pct(part: int | Fraction, whole: int | Fraction) -> float:
    """A share rounded to one decimal place, as the sources print them."""
    return round(float(Fraction(part) * 100 / Fraction(whole)), 1)


# -- Hartlepool by-election 2021 (FPTP) ---------------------------------------------------------


def hartlepool_rows() -> list[dict[str, str]]:
    return [
        r
        for r in gen.read_rows("public-results/byelections_2021.csv")
        if r["election"] == "Hartlepool by-election"
    ]


def test_hartlepool_winner_votes_and_majority() -> None:
    rows = hartlepool_rows()
    record = counted(gen.hartlepool())
    (winner,) = (r for r in rows if r["elected"] == "1")
    assert record.elected == (winner["candidate"],) == ("Jill Mortimer",)
    assert record.elected_at()[0][2] is ElectedBy.MOST_VOTES
    (stage,) = record.stages
    assert stage.action.kind is ActionKind.COUNT
    assert stage.totals == {r["candidate"]: int(r["votes"]) for r in rows}
    assert stage.totals["Jill Mortimer"] == 15529
    runner_up = sorted(stage.totals.values())[-2]
    majority = gen.note_figure(rows, r"majority (\d+)")
    assert stage.totals[record.elected[0]] - runner_up == majority == 6940


def test_hartlepool_shares_and_turnout() -> None:
    rows = hartlepool_rows()
    record = counted(gen.hartlepool())
    assert len(record.candidates) == gen.note_figure(rows, r"(\d+) candidates") == 16
    for r in rows:
        assert pct(record.stages[0].totals[r["candidate"]], record.valid_ballots) == float(
            r["share_pct"]
        ), r["candidate"]
    # The Members' site turnout is valid votes / electorate.
    assert record.electorate == 70768
    (turnout,) = (m[1] for r in rows if (m := re.search(r"turnout ([\d.]+)%", r["note"])))
    assert pct(record.valid_ballots, record.electorate) == float(turnout) == 42.3


def test_hartlepool_two_transcriptions_agree() -> None:
    curated = gen.read_rows("uk-results-derived/curated-hartlepool-2021-by-election.csv")
    record = counted(gen.hartlepool())
    assert record.election_id == "parl.hartlepool.by.2021-05-06"
    assert {r["candidate"]: int(r["votes"]) for r in curated} == record.stages[0].totals
    assert [r["candidate"] for r in curated if r["elected"] == "true"] == list(record.elected)


# -- Supplementary Vote: London and West Midlands mayors 2021 -----------------------------------


@pytest.mark.parametrize(
    ("election", "build"),
    [
        ("London Mayor (SV)", gen.london_mayor),
        ("West Midlands Mayor (SV)", gen.west_midlands_mayor),
    ],
)
def test_sv_mayor_both_rounds(election: str, build: Callable[[], tuple[Contest, Profile]]) -> None:
    rows = gen.sv_rows(election)
    record = counted(build())
    first, second = record.stages
    finalists = {r["candidate"] for r in rows if r["final"]}
    # First round: every published first-preference figure, and no majority [5B 5(2)].
    for r in rows:
        assert first.totals[r["candidate"]] == int(r["first_round"]), r["candidate"]
    assert max(first.totals.values()) * 2 <= record.valid_ballots
    assert set(first.excluded) == set(first.totals) - finalists
    # Second round: first + second preferences = the published final totals.
    assert second.action.kind is ActionKind.SECOND_PREFERENCES
    for r in rows:
        if r["final"]:
            name = r["candidate"]
            assert second.changes[name] == int(r["second_prefs_added"]), name
            assert (
                second.totals[name]
                == int(r["final"])
                == int(r["first_round"]) + int(r["second_prefs_added"])
            )
    assert {n for n, v in second.totals.items() if v} == finalists
    eliminated = sum(v for n, v in first.totals.items() if n not in finalists)
    added = sum(int(r["second_prefs_added"]) for r in rows if r["final"])
    assert second.exhausted == eliminated - added
    assert record.elected == tuple(r["candidate"] for r in rows if r["elected"] == "1")
    assert record.elected_at()[0][1:] == (2, ElectedBy.MOST_VOTES)


def test_london_headline_figures() -> None:
    record = counted(gen.london_mayor())
    final = record.stages[-1].totals
    assert record.elected == ("Sadiq Khan",)
    assert final["Sadiq Khan"] == 1013721 + 192313 == 1206034
    assert final["Shaun Bailey"] == 893051 + 84550 == 977601
    assert len(record.stages[0].totals) == 20
    assert record.valid_ballots == gen.declared_total(
        "London Mayor 2021", "good first preference votes"
    )


def test_london_shares_match_the_curated_transcription() -> None:
    # The curated file's shares are of all 20 candidates' first preferences, so they confirm
    # the total that the 8 candidates missing from the excerpt bring.
    record = counted(gen.london_mayor())
    first, second = record.stages
    top_two = sum(second.totals.values())
    for r in gen.read_rows("uk-results-derived/curated-london-mayor-2021-sv.csv"):
        name = r["candidate"]
        assert first.totals[name] == int(r["first_pref_votes"]), name
        assert pct(first.totals[name], record.valid_ballots) == float(r["first_pref_pct"]), name
        if r["final_votes"]:
            assert second.totals[name] == int(r["final_votes"])
            assert pct(second.totals[name], top_two) == float(r["final_pct"])


def test_london_declaration_is_arithmetically_consistent() -> None:
    # Checks of the data itself, so a transcription slip cannot pass unnoticed.
    declared = gen.read_rows("declarations/london_mayor_2021_declaration.csv")
    total = gen.declared_total
    good_first = total("London Mayor 2021", "good first preference votes")
    assert sum(int(r["first_preference_votes"]) for r in declared) == good_first
    assert (
        sum(int(r["second_preference_votes"]) for r in declared)
        == total("London Mayor 2021", "good second preference votes")
        == good_first
        - total("London Mayor 2021", "second preference unused (unmarked)")
        - total("London Mayor 2021", "ballot papers rejected on second preference")
    )


def test_west_midlands_swapped_figures_do_not_add_up() -> None:
    # The Express & Star gives Street +23,617 and Byrne +15,351; only the BBC's way round
    # reproduces the declared final totals, and that is what the profile is built from.
    rows = {r["candidate"]: r for r in gen.sv_rows("West Midlands Mayor (SV)")}
    street, byrne = rows["Andy Street"], rows["Liam Byrne"]
    assert int(street["first_round"]) + 23617 != int(street["final"])
    assert int(byrne["first_round"]) + 15351 != int(byrne["final"])
    record = counted(gen.west_midlands_mayor())
    assert record.stages[-1].changes == {
        "Andy Street": 15351,
        "Liam Byrne": 23617,
        "Steve Caudwell": -35559,
        "Jenny Wilkinson": -21836,
        "Pete Durnell": -13568,
    }
    assert record.valid_ballots == gen.declared_total(
        "West Midlands Mayor 2021", "valid first preference votes"
    )
    assert record.valid_ballots + (record.rejected or 0) == gen.declared_total(
        "West Midlands Mayor 2021", "ballot papers verified"
    )


# -- Alternative Vote: Labour 2020 --------------------------------------------------------------


@pytest.mark.parametrize("engine", ["reference", "fast"])
def test_labour_deputy_every_published_round(engine: str) -> None:
    rounds = gen.labour_rounds("Deputy")
    record = counted(gen.labour_contest("Deputy"), engine)
    assert len(record.stages) == len(rounds) == 3
    for stage, published in zip(record.stages, rounds, strict=True):
        continuing = {n: v for n, v in stage.totals.items() if n in published}
        assert continuing == published, f"round {stage.number}"
        assert all(v == 0 for n, v in stage.totals.items() if n not in published)
        # Papers no longer with any candidate are exactly those the round totals lost.
        assert stage.exhausted == sum(rounds[0].values()) - sum(published.values())
    assert [(n, s) for n, s in record.excluded_at()] == [("Dawn Butler", 1), ("Ian Murray", 2)]
    assert record.elected == ("Angela Rayner",)
    assert record.elected_at() == [("Angela Rayner", 3, ElectedBy.QUOTA)]
    assert record.stages[-1].totals["Angela Rayner"] == 228944
    assert all(not s.ties for s in record.stages)


def test_labour_deputy_round_two_conflict_does_not_change_the_exclusion() -> None:
    # Sources disagree on Burgon's round-2 share (19.7% vs 19.2%); either way Ian Murray is the
    # lowest candidate in round 2 by more than 20,000 votes, so the count is the same.
    rows = [
        r
        for r in gen.read_rows("public-results/labour_2020_leadership.csv")
        if r["contest"] == "Deputy" and r["round"] == "2"
    ]
    assert any("CONFLICT" in r["note"] for r in rows)
    round_two = gen.labour_rounds("Deputy")[1]
    record = counted(gen.labour_contest("Deputy"))
    assert record.stages[1].excluded == ("Ian Murray",)
    lowest, next_lowest = sorted(round_two.values())[:2]
    assert next_lowest - lowest > 20000


def test_labour_leader_first_round_majority() -> None:
    (published,) = gen.labour_rounds("Leader")
    rows = [
        r
        for r in gen.read_rows("public-results/labour_2020_leadership.csv")
        if r["contest"] == "Leader"
    ]
    record = counted(gen.labour_contest("Leader"))
    (stage,) = record.stages
    assert stage.totals == published
    assert record.elected == ("Keir Starmer",)
    assert record.elected_at() == [("Keir Starmer", 1, ElectedBy.QUOTA)]
    assert stage.totals["Keir Starmer"] * 2 > record.valid_ballots
    returned = gen.note_figure(rows, r"(\d+) ballots returned")
    assert record.valid_ballots + (record.rejected or 0) == returned == 490731
    for r in rows:
        assert pct(stage.totals[r["candidate"]], record.valid_ballots) == float(r["share_pct"])
