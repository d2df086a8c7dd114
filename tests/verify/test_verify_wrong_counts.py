"""Counts that balance but break the rules are caught by the rule checks.

A changed cell (test_verify_mutations) usually unbalances the books. These records do not: they
come from the real counter made to take one wrong decision (one of its decision functions is
replaced for the duration of the test), or from a real record whose winner is relabelled
everywhere, so every figure is consistent with the wrong decision and only the rule checks can
tell. Each test also asserts that no bookkeeping check fired, to show the record was consistent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction
from types import SimpleNamespace
from typing import Any

import pytest
from verify_support import count_ward, ward_record

from teller.arithmetic import Rounding
from teller.count import irv as irv_module
from teller.count.stv import ers97 as ers97_module
from teller.count.stv import gregory, scottish
from teller.count.ties import TieBreaker
from teller.verify import verify_record

BOOKKEEPING = {
    "changes",
    "conservation",
    "non-transferable",
    "transfer-balance",
    "transfer-source",
    "transfer-exhausted",
    "transfer-recipient",
    "papers",
    "summary",
    "format",
    "number",
}


def checks_of(record: dict[str, Any]) -> set[str]:
    checks = {f.check for f in verify_record(record)}
    assert not checks & BOOKKEEPING, f"the wrong count should balance, yet {checks}"
    return checks


def first_call_only(original: Callable[..., Any], wrong: Callable[..., Any]) -> Callable[..., Any]:
    """``wrong`` on the first call where it returns something (not None), then ``original``."""
    used = []

    def call(*args: Any, **kwargs: Any) -> Any:
        if not used:
            result = wrong(*args, **kwargs)
            if result is not None:
                used.append(True)
                return result
        return original(*args, **kwargs)

    return call


# -- STV (Scottish 2007) ----------------------------------------------------------------------

BRIDGE_OF_DON = "aberdeen-city/bridge-of-don"


def test_stv_real_count_holds() -> None:
    assert verify_record(count_ward(BRIDGE_OF_DON, "stv")) == []


def test_stv_excluding_the_second_lowest(monkeypatch: pytest.MonkeyPatch) -> None:
    def wrong(rb: Any, candidates: Any, totals: Any, *, direction: str) -> Any:
        ordered = sorted(candidates, key=lambda c: totals[c])
        return ordered[1], None

    monkeypatch.setattr(gregory, "pick_lowest", first_call_only(gregory.pick_lowest, wrong))
    assert "exclusion-lowest" in checks_of(count_ward(BRIDGE_OF_DON, "stv"))


def test_stv_transferring_the_smaller_surplus_first(monkeypatch: pytest.MonkeyPatch) -> None:
    def wrong(rb: Any, candidates: Any, key: Any, *, kind: str, direction: str) -> Any:
        if len({key(c) for c in candidates}) < 2:
            return None
        return min(candidates, key=key), None

    monkeypatch.setattr(gregory, "pick_highest", first_call_only(gregory.pick_highest, wrong))
    assert "surplus-order" in checks_of(count_ward(BRIDGE_OF_DON, "stv"))


def test_stv_equal_surpluses_settled_the_wrong_way(monkeypatch: pytest.MonkeyPatch) -> None:
    original = gregory.pick_highest

    def wrong(rb: Any, candidates: Any, key: Any, *, kind: str, direction: str) -> Any:
        chosen, tie = original(rb, candidates, key, kind=kind, direction=direction)
        if tie is None:
            return None
        other = next(c for c in candidates if c != chosen and key(c) == key(chosen))
        return other, replace(tie, chosen=(rb.names[other],))

    monkeypatch.setattr(gregory, "pick_highest", first_call_only(original, wrong))
    record = count_ward("renfrewshire/paisley-northeast-and-ralston", "stv")
    assert "tie" in checks_of(record)


def test_stv_transfer_values_rounded_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scottish, "Rounding", SimpleNamespace(DOWN=Rounding.UP))
    assert "transfer-value" in checks_of(count_ward(BRIDGE_OF_DON, "stv"))


def test_stv_candidate_reaching_quota_not_elected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gregory, "reaching", first_call_only(gregory.reaching, lambda *a, **k: []))
    assert "election" in checks_of(count_ward(BRIDGE_OF_DON, "stv"))


def test_stv_deemed_candidate_relabelled_as_elected_by_quota() -> None:
    record = ward_record(BRIDGE_OF_DON, "stv")
    for e in record["stages"][-1]["elected"] + record["elected_at"]:
        e["by"] = "quota"
    assert "election" in checks_of(record)


# -- AV -----------------------------------------------------------------------------------------


def test_irv_excluding_the_second_lowest(monkeypatch: pytest.MonkeyPatch) -> None:
    def wrong(rb: Any, continuing: Any, totals: Any, *, bulk: bool, direction: str) -> Any:
        return [sorted(continuing, key=lambda c: totals[c])[1]], []

    original = irv_module._choose_exclusions
    monkeypatch.setattr(irv_module, "_choose_exclusions", first_call_only(original, wrong))
    assert "exclusion-lowest" in checks_of(count_ward(BRIDGE_OF_DON, "irv"))


def test_irv_unsafe_bulk_exclusion(monkeypatch: pytest.MonkeyPatch) -> None:
    def wrong(rb: Any, continuing: Any, totals: Any, *, bulk: bool, direction: str) -> Any:
        ordered = sorted(continuing, key=lambda c: totals[c])
        for k in range(2, len(ordered) - 1):
            if sum((totals[c] for c in ordered[:k]), Fraction(0)) >= totals[ordered[k]]:
                return ordered[:k], []
        return None

    original = irv_module._choose_exclusions
    monkeypatch.setattr(irv_module, "_choose_exclusions", first_call_only(original, wrong))
    record = count_ward(BRIDGE_OF_DON, "irv", options={"bulk_exclusion": True})
    assert "exclusion-bulk" in checks_of(record)


def test_irv_tie_settled_the_wrong_way(monkeypatch: pytest.MonkeyPatch) -> None:
    original = TieBreaker.pick

    def wrong(self: TieBreaker, tied: Any, **kwargs: Any) -> Any:
        chosen, tie = original(self, tied, **kwargs)
        other = next(c for c in tied if c != chosen)
        return other, replace(tie, chosen=(tie.candidates[list(sorted(tied)).index(other)],))

    monkeypatch.setattr(TieBreaker, "pick", first_call_only(original, wrong))
    record = count_ward("aberdeen-city/george-st-harbour", "irv")
    assert "tie" in checks_of(record)


# -- plurality and SV: the winner relabelled everywhere ---------------------------------------


@pytest.mark.parametrize("method", ["fptp", "sv", "block"])
def test_a_loser_declared_winner(method: str) -> None:
    record = ward_record(BRIDGE_OF_DON, method)
    final = record["stages"][-1]
    winners = {e["name"] for e in final["elected"]}
    standing = [c for c, v in final["totals"].items() if Fraction(v) > 0 and c not in winners]
    loser = max(standing, key=lambda c: Fraction(final["totals"][c]))
    old = final["elected"][-1]["name"]
    final["elected"][-1]["name"] = loser
    record["elected"] = [loser if n == old else n for n in record["elected"]]
    for e in record["elected_at"]:
        e["name"] = loser if e["name"] == old else e["name"]
    assert "winner" in checks_of(record)


# -- ERS97 and generic WIGM -------------------------------------------------------------------


def test_ers97_real_count_holds() -> None:
    assert verify_record(count_ward(BRIDGE_OF_DON, "stv", rules="ers97")) == []


def test_ers97_never_deferring_a_surplus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ers97_module, "may_defer", lambda *args, **kwargs: False)
    record = count_ward(BRIDGE_OF_DON, "stv", rules="ers97")
    assert "surplus-deferral" in checks_of(record)


def test_ers97_excluding_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ers97_module, "bulk_exclusion_size", lambda *args, **kwargs: 1)
    record = count_ward(BRIDGE_OF_DON, "stv", rules="ers97")
    assert "exclusion-bulk" in checks_of(record)


def test_ers97_transfer_values_rounded_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ers97_module, "Rounding", SimpleNamespace(DOWN=Rounding.UP))
    record = count_ward(BRIDGE_OF_DON, "stv", rules="ers97")
    assert "transfer-value" in checks_of(record)


def test_ers97_quota_never_recalculated(monkeypatch: pytest.MonkeyPatch) -> None:
    original = ers97_module.ers_quota
    first: list[Fraction] = []

    def frozen(arith: Any, votes: Fraction, seats: int) -> Fraction:
        first.append(original(arith, votes, seats))
        return first[0]

    monkeypatch.setattr(ers97_module, "ers_quota", frozen)
    record = count_ward("angus/arbroath-east-and-lunan", "stv", rules="ers97")
    assert "quota" in checks_of(record)


def test_wigm_excluding_the_second_lowest(monkeypatch: pytest.MonkeyPatch) -> None:
    def wrong(rb: Any, candidates: Any, totals: Any, *, direction: str) -> Any:
        return sorted(candidates, key=lambda c: totals[c])[1], None

    monkeypatch.setattr(gregory, "pick_lowest", first_call_only(gregory.pick_lowest, wrong))
    record = count_ward(BRIDGE_OF_DON, "stv", rules="wigm", options={"quota": "exact"})
    assert "exclusion-lowest" in checks_of(record)
