"""List allocations, Meek records and rule sets the verifier does not know.

No list or Meek count exists in teller yet, so these records are written by hand from textbook
examples whose answers are known independently of any code here.
"""

from __future__ import annotations

import copy
from fractions import Fraction
from typing import Any

import pytest
from verify_support import ward_record

from teller.verify import verify_record


def _stage(totals: dict[str, str], **extra: Any) -> dict[str, Any]:
    stage = {
        "stage": 1,
        "action": {"type": "allocation", "candidates": []},
        "totals": totals,
        "changes": {},
        "non_transferable": "0",
        "exhausted": "0",
        "rounding": "0",
        "elected": [],
        "excluded": [],
        "ties": [],
    }
    stage.update(extra)
    return stage


def list_record(
    divisors: str,
    votes: dict[str, int],
    awarded: list[str],
    prior: dict[str, int] | None = None,
    tie_rounds: dict[int, list[str]] | None = None,
) -> dict[str, Any]:
    """A list-allocation record whose rounds award seats in the order ``awarded``."""
    prior = prior or {}
    step = 1 if divisors == "dhondt" else 2
    held = {p: prior.get(p, 0) for p in votes}
    rounds = []
    for i, party in enumerate(awarded, start=1):
        quotients = {p: Fraction(v, step * held[p] + 1) for p, v in votes.items()}
        rnd: dict[str, Any] = {
            "round": i,
            "quotients": {p: f"{q.numerator}/{q.denominator}" for p, q in quotients.items()},
            "awarded": party,
        }
        if tie_rounds and i in tie_rounds:
            rnd["tie"] = {
                "kind": "seat",
                "candidates": tie_rounds[i],
                "resolved_by": "lot",
                "chosen": [party],
                "seed": 5,
            }
        rounds.append(rnd)
        held[party] += 1
    won = {p: held[p] - prior.get(p, 0) for p in votes}
    return {
        "format": "teller-count/1",
        "method": divisors,
        "rules": divisors,
        "seats": len(awarded),
        "arithmetic": "rational",
        "quota": None,
        "quota_criterion": "reach",
        "elected": [],
        "elected_at": [],
        "excluded": [],
        "valid_ballots": sum(votes.values()),
        "candidates": [{"name": p} for p in votes],
        "stages": [_stage({p: str(v) for p, v in votes.items()})],
        "seed": 5,
        "allocation": {
            "divisors": divisors,
            "votes": votes,
            "prior_seats": prior,
            "rounds": rounds,
            "seats": won,
            "seats_by_party": held,
        },
    }


VOTES = {"A": 100000, "B": 80000, "C": 30000, "D": 20000}
# The standard worked example: 8 seats by D'Hondt go A 4, B 3, C 1, D 0 ...
DHONDT = ["A", "B", "A", "B", "A", "C", "B", "A"]
# ... and by Sainte-Laguë A 3, B 3, C 1, D 1, with A and D equal at 20,000 for the sixth seat.
SAINTE_LAGUE = ["A", "B", "A", "C", "B", "D", "A", "B"]


def test_dhondt_holds_and_every_change_is_caught() -> None:
    record = list_record("dhondt", VOTES, DHONDT)
    assert record["allocation"]["seats"] == {"A": 4, "B": 3, "C": 1, "D": 0}
    assert verify_record(record) == []
    for i in range(len(DHONDT)):
        for other in "ABCD":
            if other != DHONDT[i]:
                wrong = copy.deepcopy(record)
                wrong["allocation"]["rounds"][i]["awarded"] = other
                assert verify_record(wrong), (i, other)
    wrong = copy.deepcopy(record)
    wrong["allocation"]["rounds"][2]["quotients"]["A"] = "50001"
    assert {f.check for f in verify_record(wrong)} == {"allocation"}
    wrong = copy.deepcopy(record)
    wrong["allocation"]["seats_by_party"]["C"] = 2
    assert {f.check for f in verify_record(wrong)} == {"allocation"}


def test_sainte_lague_tie_needs_a_recorded_lot() -> None:
    tie = {6: ["A", "D"]}
    record = list_record("sainte-lague", VOTES, SAINTE_LAGUE, tie_rounds=tie)
    assert record["allocation"]["seats"] == {"A": 3, "B": 3, "C": 1, "D": 1}
    assert verify_record(record) == []
    untied = list_record("sainte-lague", VOTES, SAINTE_LAGUE)
    assert [f.check for f in verify_record(untied)] == ["tie"]


def test_prior_seats_change_the_divisors() -> None:
    prior = {"A": 2, "B": 0, "C": 0}
    votes = {"A": 100, "B": 80, "C": 30}
    # A's first quotient is 100 / 3: B wins twice, then A's 33 1/3 beats C's 30 and B's 26 2/3.
    record = list_record("dhondt", votes, ["B", "B", "A"], prior=prior)
    assert verify_record(record) == []
    assert verify_record(list_record("dhondt", votes, ["A", "B", "B"], prior=prior))


def test_unknown_divisors() -> None:
    record = list_record("dhondt", VOTES, DHONDT)
    record["allocation"]["divisors"] = "imperiali"
    assert [f.check for f in verify_record(record)] == ["allocation"]


def meek_record() -> dict[str, Any]:
    """Two seats, quota 3 of 9: Ann elected on first preferences, her keep value 3/5 passes 2
    votes to Bob, who is elected."""
    first = _stage(
        {"Ann": "5", "Bob": "3", "Cat": "1"},
        action={"type": "first-preferences", "candidates": []},
        quota="3",
        elected=[{"name": "Ann", "by": "quota"}],
        keep_values={"Ann": "1", "Bob": "1", "Cat": "1"},
    )
    second = _stage(
        {"Ann": "3", "Bob": "5", "Cat": "1"},
        stage=2,
        action={"type": "iteration", "candidates": []},
        changes={"Ann": "-2", "Bob": "2", "Cat": "0"},
        quota="3",
        elected=[{"name": "Bob", "by": "quota"}],
        keep_values={"Ann": "3/5", "Bob": "1", "Cat": "1"},
    )
    return {
        "format": "teller-count/1",
        "method": "stv",
        "rules": "meek",
        "seats": 2,
        "arithmetic": "rational",
        "quota": "3",
        "quota_criterion": "reach",
        "elected": ["Ann", "Bob"],
        "elected_at": [
            {"name": "Ann", "stage": 1, "by": "quota"},
            {"name": "Bob", "stage": 2, "by": "quota"},
        ],
        "excluded": [],
        "valid_ballots": 9,
        "candidates": [{"name": n} for n in ("Ann", "Bob", "Cat")],
        "stages": [first, second],
    }


@pytest.mark.parametrize(
    ("cell", "value", "check"),
    [
        (("keep_values", "Cat"), "1/2", "keep-values"),
        (("keep_values", "Ann"), "3/2", "keep-values"),
        (("quota",), "4", "quota"),
        (("quota",), "0", "quota"),
    ],
)
def test_meek_checks(cell: tuple[str, ...], value: str, check: str) -> None:
    record = meek_record()
    assert verify_record(record) == []
    target = record["stages"][1]
    for step in cell[:-1]:
        target = target[step]
    target[cell[-1]] = value
    assert check in {f.check for f in verify_record(record)}


def test_meek_conservation_still_applies() -> None:
    record = meek_record()
    record["stages"][1]["totals"]["Bob"] = "6"
    record["stages"][1]["changes"]["Bob"] = "3"
    assert "conservation" in {f.check for f in verify_record(record)}


def test_unknown_stv_rules_run_the_generic_checks_and_say_so() -> None:
    record = ward_record("aberdeen-city/bridge-of-don", "stv")
    record["rules"] = "ers97"
    assert [f.check for f in verify_record(record)] == ["rules-unknown"]
    record["stages"][3]["totals"]["Willie YOUNG (Lab)"] = "856.19205"
    assert {"changes", "conservation", "rules-unknown"} <= {f.check for f in verify_record(record)}


def test_unknown_method_and_unknown_rules() -> None:
    record = ward_record("aberdeen-city/bridge-of-don", "irv")
    record["rules"] = "rctab"
    assert [f.check for f in verify_record(record)] == ["rules-unknown"]
    record["method"] = "approval"
    assert [f.check for f in verify_record(record)] == ["method-unknown"]
