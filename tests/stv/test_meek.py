"""Meek rule sets (``meek``: NZ Schedule 1A; ``meek-prf``) on elections worked by hand, the
NZ pseudo-random generator, and how Meek counts are recorded."""

from __future__ import annotations

import pytest
from stv_helpers import F, assert_conserved, contest, profile, totals

from teller.count import count
from teller.count.stv.nzprng import prn_at_step, prns
from teller.errors import CountError
from teller.record import ActionKind, ElectedBy

BALLOTS = {"AB": 6, "B": 1, "C": 2}
# 9 valid, 2 seats. Quota 9/3 = 3, truncated to 9 decimals, + 0.000000001 = 3.000000001.
# A (6) is elected on first preferences. A's keep value: 3.000000001 x 1 / 6 =
# 0.50000000016.. -> 0.500000001 (9 decimals, rounded up). Each AB paper then gives A
# 0.500000001 and carries 0.499999999 to B: A 6 x 0.500000001 = 3.000000006,
# B 1 + 6 x 0.499999999 = 3.999999994, C 2. B reaches the quota.
A_VOTES = F("3.000000006")
B_VOTES = F("3.999999994")


@pytest.mark.parametrize("rules", ["meek", "meek-prf"])
def test_keep_value_and_second_election_by_hand(rules: str) -> None:
    names = "ABC"
    record = count(contest(names, 2, rules), profile(names, BALLOTS), seed=1)
    first, second = record.stages
    assert first.action.kind is ActionKind.FIRST_PREFERENCES
    assert first.quota == F("3.000000001")
    assert [e.name for e in first.elected] == ["A"]
    assert second.action.kind is ActionKind.ITERATION
    assert second.keep_values is not None and second.keep_values["A"] == F("0.500000001")
    assert totals(record, 2) == {"A": A_VOTES, "B": B_VOTES, "C": F(2)}
    assert record.elected_at() == [("A", 1, ElectedBy.QUOTA), ("B", 2, ElectedBy.QUOTA)]
    assert any("iteration" in n for n in second.notes)
    assert_conserved(record)


def test_exclusion_is_the_next_stages_action() -> None:
    # 1 seat, nobody has a majority: C is excluded on stage 1 (total surplus 0 < 0.0001 [13]),
    # and stage 2's action is that exclusion; C's papers reach A.
    names = "ABC"
    record = count(contest(names, 1, "meek"), profile(names, {"A": 4, "B": 3, "CA": 2}))
    assert record.stages[0].excluded == ("C",)
    assert record.stages[1].action.kind is ActionKind.EXCLUSION
    assert record.stages[1].action.candidates == ("C",)
    assert record.elected == ("A",)
    assert totals(record, 2) == {"A": F(6), "B": F(3), "C": F(0)}


def test_nz_prng_is_the_schedule_generator() -> None:
    values = prns(5, 2, 1000)
    assert len(set(values)) == 5  # [46] distinct
    assert all(0 <= v < 30000 for v in values)
    assert values == prns(5, 2, 1000)  # no seed: fixed by the count itself [42]
    assert values != prns(5, 2, 1001)
    assert prn_at_step(1234, 1) == 1234 and prn_at_step(1234, 2) == 10000 - 1234  # [48]


def test_nz_tie_settled_without_a_seed() -> None:
    # A and B equal at every step and lowest: [19] AAFD finds no difference, lowest PRN decides.
    names = "ABC"
    record = count(contest(names, 1, "meek"), profile(names, {"A": 2, "B": 2, "C": 3}))
    tie = record.stages[0].ties[0]
    assert tie.resolved_by.value == "lot" and tie.seed is None
    assert any("[19] lowest PRN" in n for n in record.stages[0].notes)


def test_prf_tie_needs_a_seed_unless_ballot_order() -> None:
    names = "ABC"
    ballots = profile(names, {"A": 2, "B": 2, "C": 3})
    with pytest.raises(CountError):
        count(contest(names, 1, "meek-prf"), ballots)
    record = count(contest(names, 1, "meek-prf", options={"tie_order": "ballot"}), ballots)
    assert record.stages[0].excluded == ("A",)


@pytest.mark.parametrize("rules", ["meek", "meek-prf"])
def test_meek_keeps_nine_decimals_only(rules: str) -> None:
    from teller.arithmetic import Arithmetic

    names = "AB"
    with pytest.raises(CountError):
        count(contest(names, 1, rules), profile(names, {"A": 2}), arithmetic=Arithmetic.rational())
