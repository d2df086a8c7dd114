"""The two entry points agree, the record's JSON round-trips, and bad list input is refused."""

from __future__ import annotations

import pytest
from list_cases import independent, party, run, won

from teller import Candidate, Contest, Profile, count
from teller.count import get_rule_set
from teller.count.lists import RegionVotes, count_lists
from teller.errors import CountError
from teller.recordjson import record_from_dict, record_to_dict


def _votes() -> RegionVotes:
    return RegionVotes(
        (
            party("A", 900, ("Ann", "Bea", "Cal")),
            party("B", 400),
            independent("Ivy", 300),
        ),
        won(("North", "Bea", "A"), ("South", "Sam", "C")),
    )


def test_count_and_count_lists_give_the_same_record() -> None:
    votes = _votes()
    contest = Contest((), seats=4, method="ams", title="Test region")
    via_lists = count_lists(contest, votes)
    full = Contest(votes.candidates(), seats=4, method="ams", title="Test region",
                   options=votes.options())  # fmt: skip
    via_count = count(full, votes.profile())
    assert record_to_dict(via_count) == record_to_dict(via_lists)


def test_record_json_round_trip_and_top_level_result() -> None:
    record = count_lists(Contest((), seats=4, method="ams"), _votes())
    data = record_to_dict(record)
    assert record_from_dict(data) == record
    assert data["seats_by_party"] == data["allocation"]["seats_by_party"]
    assert data["list_elected"] == data["allocation"]["list_elected"]
    # A holds North: 900/2 = 450 first, then B 400, then A 300 / Ivy 300 tie (each gets one).
    assert data["seats_by_party"] == {"A": 3, "B": 1, "Ivy": 1, "C": 1}
    # B gave no names, so its seat has no list member; Bea was returned for North.
    assert data["list_elected"] == [
        {"party": "A", "name": "Ann"},
        {"party": "A", "name": "Cal"},
        {"party": "Ivy", "name": "Ivy"},
    ]
    assert data["allocation"]["disregarded"] == [{"party": "A", "name": "Bea"}]
    assert data["allocation"]["constituency_elected"][1] == {
        "constituency": "South",
        "name": "Sam",
        "party": "C",
    }


def test_round_trip_keeps_adjusted_tie_figures() -> None:
    record = run("ams", 1, party("A", 100), party("B", 50),
                 constituencies=won(("C1", "Amy", "A")))  # fmt: skip
    data = record_to_dict(record)
    assert data["allocation"]["rounds"][0]["adjusted"] == {"A": "50.5", "B": "51"}
    assert data["allocation"]["rounds"][0]["tie"]["resolved_by"] == "adjusted-figure"
    assert record_from_dict(data) == record


def test_records_without_allocation_have_no_list_keys() -> None:
    contest = Contest((Candidate("Ann"), Candidate("Bob")), method="fptp")
    data = record_to_dict(count(contest, Profile.from_rankings(2, [((0,), 3), ((1,), 2)])))
    assert "seats_by_party" not in data and "list_elected" not in data


def test_ranked_ballots_are_refused() -> None:
    contest = Contest((Candidate("A", "A"), Candidate("B", "B")), method="dhondt")
    with pytest.raises(CountError, match="one vote"):
        count(contest, Profile.from_rankings(2, [((0, 1), 3)]))


def test_unknown_option_is_refused() -> None:
    contest = Contest((Candidate("A", "A"),), method="ams", options={"quota": "droop"})
    with pytest.raises(CountError, match="unknown option"):
        count(contest, Profile.from_rankings(1, [((0,), 3)]))


@pytest.mark.parametrize("value", ["1.5", "-0.1", "five"])
def test_bad_threshold_is_refused(value: str) -> None:
    with pytest.raises(CountError, match="threshold"):
        run("dhondt", 1, party("A", 1), threshold=value)


def test_london_has_no_threshold_option() -> None:
    with pytest.raises(CountError, match="unknown option"):
        run("ams", 1, party("A", 1), rules="london-1999", threshold="0.1")


def test_rule_sets_are_registered() -> None:
    assert get_rule_set("ams").name == "scotland-1998"
    assert get_rule_set("ams", "london").name == "london-1999"
    assert get_rule_set("ams", "wales-2006").name == "wales-1998"
    assert get_rule_set("pr-cl").name == "senedd-2024"
    assert get_rule_set("dhondt").name == "dhondt"
    assert get_rule_set("sainte-lague").name == "sainte-lague"


def test_contest_candidates_must_match_entries() -> None:
    contest = Contest((Candidate("X"),), seats=1, method="dhondt")
    with pytest.raises(CountError, match="not the list entries"):
        count_lists(contest, RegionVotes((party("A", 1),)))


def test_duplicate_entries_are_refused() -> None:
    with pytest.raises(CountError, match="repeated"):
        RegionVotes((party("A", 1), independent("A", 2)))
