"""The generic ``wigm`` rule set on elections worked by hand (docs/stv.md, [W1]-[W7])."""

from __future__ import annotations

import pytest
from stv_helpers import F, assert_conserved, contest, profile, totals

from teller.arithmetic import Arithmetic
from teller.count import count
from teller.count.stv.generic import wigm_quota
from teller.errors import CountError
from teller.model import Profile
from teller.record import ElectedBy

BALLOTS = {"AB": 12, "AC": 4, "B": 3, "C": 5}


def test_droop_quota_reached() -> None:
    # 24 valid, 2 seats: quota 24 // 3 + 1 = 9 [W2]. A 16: surplus 7, all 16 papers at 7/16
    # [W4]: B 3 + 12 x 7/16 = 8.25, C 5 + 4 x 7/16 = 6.75. Nobody reaches 9: C excluded [W5];
    # "C" (5 at 1) and "AC" (4 at 7/16 = 1.75) exhaust: 6.75. B alone for one seat [W7].
    names = "ABC"
    record = count(contest(names, 2, "wigm"), profile(names, BALLOTS))
    assert record.quota == 9 and record.quota_criterion == "reach"
    assert record.arithmetic == "rational"
    assert totals(record, 2) == {"A": F(9), "B": F("8.25"), "C": F("6.75")}
    assert record.stages[2].exhausted == F("6.75") and record.stages[2].rounding == 0
    assert record.elected_at() == [("A", 1, ElectedBy.QUOTA), ("B", 3, ElectedBy.DEEMED)]
    assert_conserved(record)


def test_exact_quota_must_be_exceeded() -> None:
    # quota 24/3 = 8 exactly; A 16 > 8: surplus 8 at 8/16: B 3 + 6 = 9 > 8, elected.
    names = "ABC"
    record = count(contest(names, 2, "wigm", options={"quota": "exact"}), profile(names, BALLOTS))
    assert record.quota == 8 and record.quota_criterion == "exceed"
    assert totals(record, 2) == {"A": F(8), "B": F(9), "C": F(7)}
    assert record.elected_at() == [("A", 1, ElectedBy.QUOTA), ("B", 2, ElectedBy.QUOTA)]


def test_equal_to_the_exact_quota_is_not_enough() -> None:
    # 6 valid, 2 seats: exact quota 2. B (3) exceeds it; A has exactly 2 and is not elected
    # [W2]. B's surplus exhausts; C (1) is excluded and their paper takes A to 3.
    names = "ABC"
    record = count(
        contest(names, 2, "wigm", options={"quota": "exact"}),
        profile(names, {"A": 2, "B": 3, "CA": 1}),
    )
    assert [e.name for e in record.stages[0].elected] == ["B"]
    assert totals(record, 1)["A"] == record.quota == 2
    assert set(record.elected) == {"A", "B"}


def test_labour_nec_2020_style_quota() -> None:
    # Nine seats and 129,549 valid papers give the published kind of quota: 12,954.9.
    assert wigm_quota(129_549, 9, "exact") == (F("12954.9"), True)
    assert wigm_quota(129_549, 9, "droop") == (F(12955), False)


def test_fixed_point_arithmetic_truncates_transfer_values() -> None:
    # fixed:2: TV 7/16 = 0.4375 -> 0.43: B 3 + 12 x 0.43 = 8.16, C 5 + 4 x 0.43 = 6.72;
    # 16 x 0.43 = 6.88 carried, 0.12 lost to rounding.
    names = "ABC"
    record = count(
        contest(names, 2, "wigm"), profile(names, BALLOTS), arithmetic=Arithmetic.fixed(2)
    )
    assert record.arithmetic == "fixed:2"
    assert totals(record, 2) == {"A": F(9), "B": F("8.16"), "C": F("6.72")}
    assert record.stages[1].rounding == F("0.12")
    assert_conserved(record)


def test_unknown_quota_option_is_refused() -> None:
    names = "AB"
    with pytest.raises(CountError):
        count(contest(names, 1, "wigm", options={"quota": "hare"}), profile(names, {"A": 1}))


def test_empty_profile_is_refused() -> None:
    names = "AB"
    with pytest.raises(CountError):
        count(contest(names, 1, "wigm"), Profile.from_rankings(2, [((), 3)]))
