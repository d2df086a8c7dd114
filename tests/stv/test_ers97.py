"""ERS97 rules on small elections worked by hand from the rule text (section 5 of Newland &
Britton, 3rd ed., 1997). Each expected figure below was computed by hand, step by step, in the
comment beside it; none was produced by the code under test."""

from __future__ import annotations

import pytest
from stv_helpers import F, assert_conserved, contest, profile, totals

from teller.arithmetic import Arithmetic
from teller.count import count
from teller.count.stv.ers97_steps import bulk_exclusion_size, ers_quota, may_defer
from teller.errors import CountError
from teller.record import ActionKind, ElectedBy


def test_quota_is_exact_or_truncated_plus_a_hundredth() -> None:
    two = Arithmetic.fixed(2)
    assert ers_quota(two, F(69), 2) == F(23)  # 69/3 = 23 exactly [5.1.6]
    assert ers_quota(two, F(74), 2) == F("24.67")  # 24.666.. -> 24.66 + 0.01
    assert ers_quota(two, F(76), 2) == F("25.34")  # 25.333.. -> 25.33 + 0.01


def test_surplus_transfer_truncates_and_keeps_the_difference() -> None:
    # 53 valid, 2 seats: quota 53/3 = 17.66.. -> 17.67. A has 34, surplus 16.33; all 34 papers
    # are transferable, 34 > 16.33, so TV = 16.33/34 = 0.4802.. -> 0.48 [5.3.7].
    # B gets 25 x 0.48 = 12.00, C 9 x 0.48 = 4.32; credited 16.32; difference 0.01 [6.11].
    names = "ABCD"
    record = count(
        contest(names, 2, "ers97"),
        profile(names, {"AB": 25, "AC": 9, "B": 10, "CB": 6, "DC": 3}),
    )
    assert record.quota == F("17.67")
    second = record.stages[1]
    assert second.action.kind is ActionKind.SURPLUS
    assert second.action.surplus == F("16.33")
    assert second.action.parcels[0].transfer_value == F("0.48")
    assert totals(record, 2) == {"A": F("17.67"), "B": F(22), "C": F("10.32"), "D": F(3)}
    assert second.rounding == F("0.01") and second.exhausted == 0
    assert record.elected == ("A", "B")
    assert_conserved(record)


def test_quota_recalculated_when_papers_exhaust_before_anyone_is_elected() -> None:
    # 9 valid, 1 seat: quota 4.50. Nobody elected; C (2) excluded: 1 paper exhausts, 1 to A.
    # [5.4.8] quota recalculated: (9 - 1)/2 = 4.00; A has 5 and is elected.
    names = "ABC"
    record = count(contest(names, 1, "ers97"), profile(names, {"A": 4, "B": 3, "C": 1, "CA": 1}))
    assert record.quota == F("4.50")
    assert record.stages[1].quota == F(4)
    assert any("[5.4.8]" in n for n in record.stages[1].notes)
    assert record.elected_at() == [("A", 2, ElectedBy.QUOTA)]
    assert_conserved(record)


def test_deferred_surplus_and_the_total_active_vote() -> None:
    # 74 valid, 2 seats: quota 24.67. Stage 1: A 30 (surplus 5.33), B 16, C 4, D 10, E 14.
    # [5.2.2](a) 5.33 <= D - C = 6: deferred; C excluded alone (4 + 5.33 <= 10; 4+10+5.33 > 14).
    # Stage 2: C's 4 papers go to D (14). Now 5.33 + 14 > 14: A's surplus moves [5.3.1]: all
    # 30 papers skip C and go to E at 5.33/30 = 0.177.. -> 0.17: E 14 + 5.10 = 19.10; 0.23 lost.
    # Stage 3: total active vote 74 - 24.67 - 0.23 = 49.10, / 2 = 24.55: nobody. D (14) is
    # excluded; all 14 of his papers exhaust. Stage 4: 74 - 24.67 - 14.23 = 35.10, / 2 = 17.55:
    # E (19.10) is deemed elected under [5.4.9(b)] below the quota.
    names = "ABCDE"
    record = count(
        contest(names, 2, "ers97"),
        profile(names, {"ACE": 30, "B": 16, "CD": 4, "D": 10, "E": 14}),
    )
    first, second, third, fourth = record.stages
    assert first.excluded == ("C",) and any("[5.2.2]" in n for n in first.notes)
    assert second.action.kind is ActionKind.EXCLUSION and totals(record, 2)["D"] == 14
    assert third.action.kind is ActionKind.SURPLUS
    assert third.action.parcels[0].transfer_value == F("0.17")
    assert totals(record, 3)["E"] == F("19.10") and third.rounding == F("0.23")
    assert third.excluded == ("D",)
    assert fourth.exhausted == 14
    assert record.elected_at() == [("A", 1, ElectedBy.QUOTA), ("E", 4, ElectedBy.DEEMED)]
    assert any("[5.4.9(b)]" in n for n in fourth.notes)
    assert_conserved(record)


def test_exclusion_in_sub_stages_by_descending_value() -> None:
    # 76 valid, 2 seats: quota 25.34. A 30 (surplus 4.66: not deferred, since 4.66 + 5 > 9).
    # TV 4.66/30 -> 0.15: C 9 + 4.50 = 13.50; 0.16 lost. E (5) excluded, to D (17). C (13.50)
    # excluded [5.4.1]: batch at 1.00 (9 papers, exhaust) then batch at 0.15 (30 papers,
    # exhaust): two sub-stages, each a record stage. After the second, total active vote
    # 76 - 25.34 - 13.66 = 37, / 2 = 18.50: B (20) deemed elected.
    names = "ABCDE"
    record = count(
        contest(names, 2, "ers97"),
        profile(names, {"AC": 30, "B": 20, "C": 9, "D": 12, "ED": 5}),
    )
    assert [s.action.kind for s in record.stages] == [
        ActionKind.FIRST_PREFERENCES,
        ActionKind.SURPLUS,
        ActionKind.EXCLUSION,
        ActionKind.EXCLUSION,
        ActionKind.EXCLUSION,
    ]
    fourth, fifth = record.stages[3], record.stages[4]
    assert fourth.action.candidates == fifth.action.candidates == ("C",)
    assert [p.value for p in fourth.action.parcels] == [F(1)]
    assert [p.value for p in fifth.action.parcels] == [F("0.15")]
    assert totals(record, 4)["C"] == F("4.50") and fourth.exhausted == 9
    assert totals(record, 5)["C"] == 0 and fifth.exhausted == F("13.50")
    assert "sub-stage 1 of 2" in (fourth.action.note or "")
    assert record.elected_at() == [("A", 1, ElectedBy.QUOTA), ("B", 5, ElectedBy.DEEMED)]
    assert_conserved(record)


def test_equal_votes_for_the_last_place_then_lot_then_deemed() -> None:
    # 4 valid, 1 seat: quota 2.00; A and B both reach it with equal votes at every stage:
    # [5.6.2] neither is deemed elected. [5.2.5] equal lowest: equal at every point, so lot.
    # [5.5.1] excluding the one drawn would leave one candidate for one place: deemed elected.
    names = "AB"
    record = count(contest(names, 1, "ers97"), profile(names, {"A": 2, "B": 2}), seed=7)
    (only,) = record.stages
    assert any("[5.6.2]" in n for n in only.notes)
    assert any("[5.5.1]" in n for n in only.notes)
    assert [t.resolved_by.value for t in only.ties] == ["lot"]
    (winner,) = record.elected
    assert winner != only.ties[0].chosen[0]


def test_bulk_exclusion_and_deferral_arithmetic() -> None:
    # [5.2.5] 1 + 2 <= 4, 1 + 2 + 4 <= 10, 17 > 12: three together.
    assert bulk_exclusion_size([F(1), F(2), F(4), F(10), F(12)], F(0), 4, at_least_one=True) == 3
    # [5.2.5(a)] at most two, leaving enough candidates.
    assert bulk_exclusion_size([F(1), F(2), F(4), F(10)], F(0), 2, at_least_one=True) == 2
    # deferred surpluses count towards (b): 3 + 1 > 2 but 3 + 1 + 2 <= 9: two together.
    assert bulk_exclusion_size([F(1), F(2), F(9)], F(3), 2, at_least_one=True) == 2
    # 3 + 1 > 2 and 3 + 1 + 2 > 3: nothing fits, but an exclusion excludes one [5.2.5].
    assert bulk_exclusion_size([F(1), F(2), F(3)], F(3), 2, at_least_one=True) == 1
    assert may_defer(F(1), [F(1), F(2), F(9)], 2)  # 1 + 1 <= 2
    assert not may_defer(F(8), [F(1), F(2), F(9)], 2)  # 8 + 1 > 2 and 8 + 3 > 9


def test_ers97_insists_on_two_decimals() -> None:
    names = "AB"
    with pytest.raises(CountError):
        count(
            contest(names, 1, "ers97"), profile(names, {"A": 2}), arithmetic=Arithmetic.rational()
        )
