from fractions import Fraction

import pytest
from helpers import contest, profile

from teller.count import count
from teller.errors import CountError, LotRequired
from teller.record import ActionKind, ElectedBy, TieBreak


def test_fptp_most_votes_wins() -> None:
    r = count(contest("ABC", "fptp"), profile("ABC", {"A": 5, "B": 7, "C": 1}))
    assert r.elected == ("B",)
    assert r.stages[0].totals == {"A": 5, "B": 7, "C": 1}
    assert r.stages[0].elected[0].by is ElectedBy.MOST_VOTES


def test_fptp_equality_needs_a_lot_and_records_it() -> None:
    c, p = contest("AB", "fptp"), profile("AB", {"A": 4, "B": 4})
    with pytest.raises(LotRequired):
        count(c, p)
    one = count(c, p, seed=7)
    assert one.elected == count(c, p, seed=7).elected  # reproducible from the seed
    tie = one.stages[0].ties[0]
    assert tie.resolved_by is TieBreak.LOT and tie.seed == 7
    winners = {count(c, p, seed=s).elected[0] for s in range(20)}
    assert winners == {"A", "B"}  # the lot really is a lot


def test_block_vote_fills_seats_and_rejects_overvotes() -> None:
    c = contest("ABCD", "block", seats=2)
    p = profile("ABCD", {"AB": 3, "AC": 2, "D": 4, "ABC": 10})
    r = count(c, p)
    assert r.elected == ("A", "D")
    assert r.stages[0].totals == {"A": 5, "B": 3, "C": 2, "D": 4}
    assert r.valid_ballots == 9
    assert "rejected" in r.stages[0].notes[0]


def test_block_tie_only_matters_across_the_last_seat() -> None:
    c = contest("ABC", "block", seats=2)
    # A is clear; B and C tie for the second seat: a lot is needed.
    with pytest.raises(LotRequired):
        count(c, profile("ABC", {"A": 5, "B": 3, "C": 3}))
    # A and B tie above C: both elected, no lot.
    assert count(c, profile("ABC", {"A": 3, "B": 3, "C": 1})).elected == ("A", "B")


def test_sv_first_round_majority() -> None:
    r = count(contest("ABC", "sv"), profile("ABC", {"AB": 6, "BA": 3, "C": 2}))
    assert r.elected == ("A",) and len(r.stages) == 1


def test_sv_keeps_everyone_tied_for_second_place() -> None:
    # A 40, B 25, C 25, D 10: B and C tie for second: all three remain (not just two).
    c = contest("ABCD", "sv")
    p = profile("ABCD", {"A": 40, "BC": 25, "CB": 25, "DB": 6, "DC": 3, "D": 1})
    r = count(c, p)
    first = r.stages[0]
    assert first.excluded == ("D",)
    assert first.ties[0].resolved_by is TieBreak.NOT_NEEDED
    second = r.stages[1]
    assert second.action.kind is ActionKind.SECOND_PREFERENCES
    assert second.totals == {"A": 40, "B": 31, "C": 28, "D": 0}
    assert second.exhausted == 1
    assert r.elected == ("A",)


def test_sv_counts_only_second_preferences() -> None:
    # C's voters' third preferences never count; B's second preferences are not counted
    # because B remains.
    c = contest("ABC" + "D", "sv")
    p = profile("ABCD", {"A": 40, "B": 35, "CDA": 20, "CB": 4, "DA": 1})
    r = count(c, p)
    assert r.stages[1].totals["A"] == 41
    assert r.stages[1].totals["B"] == 39
    assert r.stages[1].exhausted == 20


def test_sv_final_equality_by_lot() -> None:
    c = contest("ABC", "sv")
    p = profile("ABC", {"A": 40, "B": 35, "CB": 5, "C": 20})
    with pytest.raises(LotRequired):
        count(c, p)
    r = count(c, p, seed=3)
    assert r.stages[-1].ties[-1].kind == "winner"


def test_irv_excludes_lowest_until_majority() -> None:
    c = contest("ABC", "irv")
    p = profile("ABC", {"A": 8, "BC": 7, "CB": 4, "C": 2})
    r = count(c, p)
    assert [s.excluded for s in r.stages] == [("C",), ()]
    assert r.elected == ("B",)
    assert r.stages[1].totals == {"A": 8, "B": 11, "C": 0}
    assert r.stages[1].exhausted == 2
    assert r.stages[1].quota == Fraction(19, 2)


def test_irv_tie_for_lowest_goes_to_the_earlier_round() -> None:
    # After round 1 (D out), B and C tie on 6; at round 1 B had 5 and C had 6: B goes.
    c = contest("ABCD", "irv")
    p = profile("ABCD", {"A": 9, "B": 5, "C": 6, "DB": 1})
    r = count(c, p)
    assert r.stages[1].excluded == ("B",)
    tie = r.stages[1].ties[0]
    assert tie.resolved_by is TieBreak.EARLIER_STAGE and tie.stage == 1


def test_irv_bulk_exclusion_is_an_option() -> None:
    c = contest("ABCDE", "irv", options={"bulk_exclusion": True})
    p = profile("ABCDE", {"A": 10, "B": 9, "CA": 1, "DB": 2, "E": 1})
    r = count(c, p)
    # C (1) + E (1) + D (2) = 4 < B (9): all three go at once.
    assert set(r.stages[0].excluded) == {"C", "D", "E"}
    assert len(count(c.replace(options={}), p, seed=1).stages[0].excluded) == 1


def test_single_seat_methods_refuse_more_seats() -> None:
    for method in ("fptp", "sv", "irv"):
        with pytest.raises(CountError):
            count(contest("ABC", method, seats=2), profile("ABC", {"A": 1}))


def test_unknown_option_is_an_error() -> None:
    with pytest.raises(CountError, match="unknown option"):
        count(contest("AB", "irv", options={"bulk": True}), profile("AB", {"A": 1}))
