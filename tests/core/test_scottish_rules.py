"""The Scottish 2007 Order's rules on hand-built contests, one rule at a time."""

from fractions import Fraction

import pytest
from helpers import contest, profile

from teller.count import count
from teller.errors import LotRequired
from teller.record import ActionKind, ElectedBy, TieBreak


def stv(names: str, seats: int, ballots: dict[str, int], seed: int | None = None):  # type: ignore[no-untyped-def]
    return count(contest(names, "stv", seats=seats), profile(names, ballots), seed=seed)


def test_quota_and_transfer_value_truncated_to_five_places() -> None:
    # [46] quota = floor(100 / 3) + 1 = 34; [48(3)] tv = 11 x 1 / 45 = 0.24444 (remainder ignored)
    r = stv("ABC", 2, {"AC": 45, "B": 30, "C": 25})
    assert r.quota == 34
    surplus = r.stages[1]
    assert surplus.action.kind is ActionKind.SURPLUS
    assert surplus.action.parcels[0].transfer_value == Fraction("0.24444")
    assert surplus.totals["C"] == 25 + 45 * Fraction("0.24444")
    # what truncation lost is non-transferable, so votes are conserved
    assert surplus.rounding == 11 - 45 * Fraction("0.24444")
    assert sum(surplus.totals.values()) + surplus.non_transferable == 100


def test_highest_surplus_first_even_if_it_arose_later() -> None:
    # Stage 1: Z (40) and X (22) elected, quota 21. Z's surplus 19 goes first and elects Y with a
    # surplus of 18, which then goes before X's older surplus of 1 [49(1)].
    r = stv("ZXYWV", 4, {"ZY": 40, "XW": 22, "YV": 20, "W": 10, "V": 8})
    actions = [(s.action.kind, s.action.candidates) for s in r.stages[1:4]]
    assert actions == [
        (ActionKind.SURPLUS, ("Z",)),
        (ActionKind.SURPLUS, ("Y",)),
        (ActionKind.SURPLUS, ("X",)),
    ]


def test_deemed_elected_before_a_pending_surplus_is_transferred() -> None:
    # C's exclusion elects B with a surplus and leaves D alone for the last seat: D is deemed
    # elected at once and B's surplus is never transferred [52].
    r = stv("ABCD", 3, {"A": 40, "B": 25, "CB": 15, "D": 20})
    assert len(r.stages) == 3
    last = r.stages[-1]
    assert [(e.name, e.by) for e in last.elected] == [
        ("B", ElectedBy.QUOTA),
        ("D", ElectedBy.DEEMED),
    ]
    assert last.totals["B"] == 40  # surplus of 14 stays where it is


def test_equal_lowest_settled_by_the_most_recent_stage_they_differed() -> None:
    # Stage 3: B and C both on 20; equal at stage 2 too, but at stage 1 C had 19: C goes [51].
    r = stv("ABCDE", 1, {"A": 30, "B": 20, "C": 19, "D": 11, "EC": 1, "E": 9})
    third = r.stages[2]
    assert third.totals["B"] == third.totals["C"] == 20
    assert third.excluded == ("C",)
    tie = third.ties[0]
    assert tie.resolved_by is TieBreak.EARLIER_STAGE and tie.stage == 1


def test_equal_surpluses_with_no_earlier_stage_go_to_lot() -> None:
    names, ballots = "ABCD", {"AD": 30, "BD": 30, "C": 20, "D": 20}
    with pytest.raises(LotRequired):
        stv(names, 3, ballots)
    r = stv(names, 3, ballots, seed=11)
    tie = r.stages[0].ties[-1]
    assert tie.kind == "surplus-order" and tie.resolved_by is TieBreak.LOT and tie.seed == 11
    assert r.stages[1].action.candidates == tie.chosen


def test_exclusion_moves_every_paper_in_one_stage_at_its_value() -> None:
    # C is excluded holding papers at two values; both move in one stage.
    r = stv("ABCD", 2, {"AC": 45, "B": 30, "CD": 5, "D": 20})
    exclusion = next(s for s in r.stages if s.action.kind is ActionKind.EXCLUSION)
    values = sorted(p.value for p in exclusion.action.parcels)
    assert values == [Fraction("0.24444"), Fraction(1)]
    assert all(p.transfer_value == p.value for p in exclusion.action.parcels)
