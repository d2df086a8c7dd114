"""``teller verify`` on counts with a group minimum ([G1]-[G5], docs/stv.md "Group minimum").

Records come from the real counter on real 2017 Scottish wards (tests/conformance/scottish-stv,
CC BY-SA 4.0 / MIT, see the LICENCE.md there), read with ``teller.io.read_ballots``, with
synthetic group labels ("women"). As in tests/stv/test_group_minimum.py, a group of the two
strongest candidates the unconstrained count did not elect, with a minimum of one, must change
the result. Correct counts must verify clean; real records with one claim altered, and counts
made by the counter with one group rule switched off, must be caught.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from teller.count import count
from teller.count.stv import group as counter_group
from teller.errors import CountError
from teller.io import read_ballots
from teller.model import GroupMinimum
from teller.recordjson import record_to_dict
from teller.verify import verify_record

ROOT = Path(__file__).resolve().parents[1] / "conformance" / "scottish-stv" / "2017"
WARDS = sorted(ROOT.glob("*/*/ballots.blt"))
SAMPLE = WARDS[::6]
RULES = ("wigm", "ers97", "meek", "meek-prf")
SHAPES = ("two-losers", "every-seat", "weakest")
GROUP_CHECKS = {"group-minimum", "group-exclusion", "group-protected", "group-passed-over"}
BOOKKEEPING = {"changes", "conservation", "non-transferable", "papers", "summary", "format"}
BOOKKEEPING |= {
    "number",
    *(f"transfer-{x}" for x in ("balance", "source", "exhausted", "recipient")),
}
NOTED = {"G2": "group-exclusion", "G3": "group-passed-over"}  # the check a wrong note meets

Record = dict[str, Any]


_ballots = cache(read_ballots)


def _count(path: Path, rules: str, members: frozenset[str] | None, minimum: int) -> str:
    """The JSON text of counting ``path`` under ``rules`` (with the group minimum, if given)."""
    ballots = _ballots(path)
    contest = ballots.contest.replace(method="stv", rules=rules)
    if members is not None:
        contest = contest.replace(group_minimum=GroupMinimum("women", members, minimum))
    return json.dumps(record_to_dict(count(contest, ballots.profile, seed=1)))


_counted = cache(_count)


def record(
    path: Path, rules: str, members: frozenset[str] | None = None, minimum: int = 1
) -> Record:
    """A fresh copy of a (cached) count, safe to alter."""
    return json.loads(_counted(path, rules, members, minimum))  # type: ignore[no-any-return]


@cache
def changing_group(path: Path, rules: str) -> frozenset[str] | None:
    """Two candidates the unconstrained count does not elect, strongest first preferences."""
    plain = record(path, rules)
    losers = [c for c in by_first_preferences(plain) if c not in plain["elected"]]
    return frozenset(losers[:2]) if len(losers) >= 2 else None


@cache
def every_seat_group(path: Path, rules: str) -> frozenset[str]:
    """The seats + 1 weakest candidates on first preferences (to take every seat)."""
    plain = record(path, rules)
    return frozenset(by_first_preferences(plain)[-(plain["seats"] + 1) :])


def grouped(
    rules: str, shape: str = "two-losers", wards: list[Path] = SAMPLE
) -> Iterator[tuple[Path, frozenset[str], Record]]:
    """(ward, group, record) for the sample wards: ``two-losers``, the wards whose result a
    minimum of one for :func:`changing_group` changes; ``every-seat``, a minimum of every seat
    for :func:`every_seat_group`; ``weakest``, a seat for the candidate with fewest first
    preferences (whom [G4] protects from the start)."""
    for path in wards:
        if shape == "every-seat":
            members = every_seat_group(path, rules)
            yield path, members, record(path, rules, members, record(path, rules)["seats"])
            continue
        if shape == "weakest":
            members = frozenset(by_first_preferences(record(path, rules))[-1:])
            yield path, members, record(path, rules, members, 1)
            continue
        two = changing_group(path, rules)
        if two is not None:
            yield path, two, record(path, rules, two)


def by_first_preferences(rec: Record) -> list[str]:
    """Standing candidates, most first preferences first (ballot order among equals)."""
    firsts = rec["stages"][0]["totals"]
    return sorted(firsts, key=lambda c: -Fraction(firsts[c]))


def checks(rec: Record) -> set[str]:
    return {f.check for f in verify_record(rec)}


def notes(stage: Record, rule: str) -> list[str]:
    return [n for n in stage.get("notes", []) if n.startswith(f"[{rule}]")]


def first_with(rules: str, rule: str) -> tuple[Path, frozenset[str], Record, int]:
    """The first sample ward whose group count has a ``[rule]`` note, and that stage's index
    (counts that verify clean only)."""
    for shape in SHAPES:
        for path, members, rec in grouped(rules, shape):
            if verify_record(rec):
                continue
            for i, stage in enumerate(rec["stages"]):
                if notes(stage, rule):
                    return path, members, rec, i
    raise AssertionError(f"no {rules} count in the sample has a [{rule}] note")


# -- correct counts --------------------------------------------------------------------------


@pytest.mark.parametrize("rules", RULES)
def test_group_counts_that_change_the_result_verify_clean(rules: str) -> None:
    seen = {"G2": 0, "G3": 0, "G4": 0}
    n = 0
    for path, members, rec in grouped(rules):
        plain = record(path, rules)
        assert rec["elected"] != plain["elected"], path
        assert set(rec["elected"]) & members, path
        assert verify_record(rec) == [], path
        for rule in seen:
            seen[rule] += any(notes(s, rule) for s in rec["stages"])
        n += 1
    assert n >= 50
    # forced exclusions and protected members are exercised here; passings-over mostly need a
    # larger minimum (test_a_group_that_must_take_every_seat)
    assert seen["G2"] and seen["G4"], seen


@pytest.mark.parametrize("rules", ["wigm", "meek"])
def test_a_minimum_of_two_for_the_three_weakest_verifies_clean(rules: str) -> None:
    for path in SAMPLE:
        weakest = frozenset(by_first_preferences(record(path, rules))[-3:])
        rec = record(path, rules, weakest, 2)
        assert verify_record(rec) == [], path
        assert len(set(rec["elected"]) & weakest) >= 2


@pytest.mark.parametrize("rules", RULES)
def test_records_without_a_group_minimum_are_unaffected(rules: str) -> None:
    for path in SAMPLE[:12]:
        plain = record(path, rules)
        assert verify_record(plain) == []
        # a minimum the unconstrained winners already meet changes nothing and verifies clean
        for minimum in (0, 1):
            met = record(path, rules, frozenset(plain["elected"][:1]), minimum)
            assert [s["totals"] for s in met["stages"]] == [s["totals"] for s in plain["stages"]]
            assert met["elected"] == plain["elected"]
            assert verify_record(met) == []
        # and an absent, null or empty group_minimum reads as none
        broken = record(path, rules)
        broken["stages"][-1]["totals"][plain["elected"][0]] = "1"
        expected = verify_record(broken)
        assert expected
        nothing: tuple[Any, ...] = (None, {})
        for value in nothing:
            broken["group_minimum"] = value
            assert verify_record(broken) == expected


# -- altered claims on real records ----------------------------------------------------------


@pytest.mark.parametrize("rules", RULES)
@pytest.mark.parametrize("rule", sorted(NOTED))
def test_dropping_a_forced_exclusion_or_passing_over_note_is_caught(rules: str, rule: str) -> None:
    _, _, rec, i = first_with(rules, rule)
    stage = rec["stages"][i]
    stage["notes"] = [n for n in stage["notes"] if not n.startswith(f"[{rule}]")]
    findings = verify_record(rec)
    assert {(f.stage, f.check) for f in findings} == {(i + 1, NOTED[rule])}, findings


@pytest.mark.parametrize("rules", RULES)
@pytest.mark.parametrize("rule", sorted(NOTED))
def test_a_forced_exclusion_or_passing_over_claimed_where_none_is_made_is_caught(
    rules: str, rule: str
) -> None:
    _, _, rec, i = first_with(rules, rule)
    note = notes(rec["stages"][i], rule)[0]
    out = set(rec["stages"][i]["excluded"])
    j = next(  # not a stage moving the papers of those excluded, which may repeat the note
        j
        for j, s in enumerate(rec["stages"])
        if not notes(s, rule) and not out & set(s["action"]["candidates"])
    )
    rec["stages"][j].setdefault("notes", []).append(note)
    findings = verify_record(rec)
    assert [(f.stage, f.check) for f in findings] == [(j + 1, NOTED[rule])], findings


def test_an_ordinary_exclusion_cited_as_forced_is_caught() -> None:
    for _, _, rec in grouped("wigm"):
        ordinary = [s for s in rec["stages"] if s["action"].get("rule") == "W5"]
        if ordinary:
            ordinary[0]["action"]["rule"] = "G2"
            n = ordinary[0]["stage"]
            assert [(f.stage, f.check) for f in verify_record(rec)] == [(n, "group-exclusion")]
            return
    raise AssertionError("no ordinary exclusion in the sample")


@pytest.mark.parametrize("rules", RULES)
def test_a_forced_exclusion_of_a_member_is_caught(rules: str) -> None:
    """Relabel one candidate [G2] forced out as a member: the forced exclusion now names a
    member, and the members it left no longer met the need."""
    _, members, rec, i = first_with(rules, "G2")
    forced = rec["stages"][i]["excluded"]
    rec["group_minimum"]["members"] = sorted({*members, forced[0]})
    found = verify_record(rec)
    assert "group-exclusion" in {f.check for f in found}, found
    assert any(forced[0] in f.message for f in found if f.check == "group-exclusion")


@pytest.mark.parametrize("rules", RULES)
def test_membership_relabelled_so_the_minimum_is_not_met_is_caught(rules: str) -> None:
    for _, _, rec in grouped(rules):
        losers = [c["name"] for c in rec["candidates"] if c["name"] not in rec["elected"]]
        rec["group_minimum"]["members"] = losers  # nobody elected is a member
        assert "group-minimum" in checks(rec)
        rec["group_minimum"]["members"] = [*rec["elected"][:1], *losers[:2]]
        rec["group_minimum"]["minimum"] = 2  # one elected member, two due
        assert "group-minimum" in checks(rec)
        return
    raise AssertionError("no group count in the sample")


@pytest.mark.parametrize("rules", RULES)
def test_raising_the_minimum_is_caught(rules: str) -> None:
    _, _, rec = next(grouped(rules))
    rec["group_minimum"]["minimum"] = 2  # the count was made for 1; both members would be due
    assert checks(rec) & GROUP_CHECKS


def test_malformed_or_impossible_group_minimums_are_findings() -> None:
    _, members, good, _ = first_with("wigm", "G2")
    cases: list[tuple[Any, Any]] = [
        (sorted(members), 7),  # above the seats
        (["Nobody STOOD"], 1),  # not a candidate
        (sorted(members)[:1], 2),  # [G5] fewer members than the minimum
        ("everyone", 1),
        (sorted(members), True),
    ]
    for names, minimum in cases:
        rec = json.loads(json.dumps(good))
        rec["group_minimum"] = {"label": "women", "members": names, "minimum": minimum}
        found = checks(rec)
        assert "group-minimum" in found, (names, minimum, found)


def test_a_group_minimum_under_the_scottish_rules_is_a_finding() -> None:
    path = SAMPLE[0]
    rec = record(path, "scottish-2007")
    assert verify_record(rec) == []
    rec["group_minimum"] = {"label": "women", "members": rec["elected"][:1], "minimum": 1}
    assert [f.check for f in verify_record(rec)] == ["group-minimum"]


def test_unknown_rules_with_a_group_minimum_say_rules_unknown_only() -> None:
    _, _, rec = next(grouped("wigm"))
    rec["rules"] = "cambridge"
    assert [f.check for f in verify_record(rec)] == ["rules-unknown"]


# -- counts made by the counter with one group rule switched off ------------------------------

_MUST_EXCLUDE = counter_group.GroupRule.must_exclude


def _forced_a_seat_early(self: Any, continuing: Any, elected: Any) -> list[int]:
    needed, left = self.needed(elected), self.seats - len(elected)
    if needed and left > 1 and needed == left - 1:
        return sorted(c for c in continuing if c not in self.members)
    return _MUST_EXCLUDE(self, continuing, elected)


WRONG: dict[str, tuple[str, Callable[..., Any], str]] = {
    # name: (the counter's group rule replaced, by what, the check that must catch it)
    "no-protection": ("protected", lambda self, continuing, elected: set(), "group-protected"),
    "never-forced": ("must_exclude", lambda self, continuing, elected: [], "group-exclusion"),
    "never-passed-over": (
        "filter_elect",
        lambda self, ordered, elected: (list(ordered), []),
        "group-passed-over",
    ),
    "forced-a-seat-early": ("must_exclude", _forced_a_seat_early, "group-exclusion"),
}


@pytest.mark.parametrize("rules", RULES)
@pytest.mark.parametrize("wrong", sorted(WRONG))
def test_counts_breaking_a_group_rule_are_caught(
    rules: str, wrong: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    method, replacement, check = WRONG[wrong]
    right = [(p, m, r) for shape in SHAPES for p, m, r in grouped(rules, shape, SAMPLE[::4])]
    right = [(p, m, r) for p, m, r in right if not verify_record(r)]
    with monkeypatch.context() as mp:
        mp.setattr(counter_group.GroupRule, method, replacement)
        made = [_wrong_count(p, rules, m, r["group_minimum"]["minimum"]) for p, m, r in right]
    differ = 0
    for (path, _, good), bad in zip(right, made, strict=True):
        if bad is None or decisions(bad) == decisions(good):
            continue  # the patched counter could not finish, or decided the same
        differ += 1
        found = checks(bad)
        assert check in found, (path, found)
        assert not found & BOOKKEEPING, (path, found)
    assert differ, f"switching off {wrong} changed no {rules} count in the sample"


def _wrong_count(path: Path, rules: str, members: frozenset[str], minimum: int) -> Record | None:
    try:
        return json.loads(_count(path, rules, members, minimum))  # type: ignore[no-any-return]
    except (CountError, ValueError, IndexError):
        return None  # the patched counter can leave itself nobody to exclude


def decisions(rec: Record) -> list[tuple[Any, Any]]:
    return [(s["elected"], s["excluded"]) for s in rec["stages"]]


# -- what today's counter does at the edges (the verdict must match the outcome) -------------


def test_ers97_bulk_exclusion_below_the_groups_need_is_caught() -> None:
    """The three weakest candidates, a minimum of two: ERS97 [5.2.5] may exclude several of the
    lowest together. An exclusion that leaves the group fewer continuing candidates than it
    needs is a finding; today's counter can do that (docs/verify.md), and then leaves seats
    unfilled. Once it does not, the record must verify clean."""
    for path in SAMPLE:
        weakest = frozenset(by_first_preferences(record(path, "ers97"))[-3:])
        rec = record(path, "ers97", weakest, 2)
        found = checks(rec)
        filled = len(rec["elected"]) == rec["seats"] and len(set(rec["elected"]) & weakest) >= 2
        if filled:
            assert found == set(), (path, found)
        else:
            assert {"group-protected", "group-minimum", "seats-filled"} <= found, (path, found)


@pytest.mark.parametrize("rules", RULES)
def test_a_group_that_must_take_every_seat(rules: str) -> None:
    """The seats + 1 weakest candidates must take every seat: [G2] excludes every non-member at
    once, before anything else, and the leaders who reach the quota are passed over [G3].
    Today's meek-prf counter, when nobody can be elected on the first stage, also defeats the
    lowest candidate by [B.3] there, a member: that must be a finding, and nothing else may be."""
    passed_over = 0
    for path, members, rec in grouped(rules, "every-seat"):
        assert set(rec["elected"]) <= members
        found = checks(rec)
        if set(rec["stages"][0]["excluded"]) & members:
            assert found == {"group-exclusion"}, (path, found)
        else:
            assert found == set(), (path, found)
            passed_over += any(notes(s, "G3") for s in rec["stages"])
    assert passed_over


@pytest.mark.slow
@pytest.mark.parametrize("rules", RULES)
def test_every_ward_every_group_shape(rules: str) -> None:
    """All 351 wards, the three group shapes: every count verifies clean, except the meek-prf
    first-stage [B.3] defeat of a member beside [G2] (see above), which is caught and alone."""
    counted = 0
    for shape in SHAPES:
        for path, members, rec in grouped(rules, shape, WARDS):
            found = checks(rec)
            known_defect = (
                rules == "meek-prf"
                and shape == "every-seat"
                and bool(set(rec["stages"][0]["excluded"]) & members)
            )
            assert found == ({"group-exclusion"} if known_defect else set()), (path, shape, found)
            counted += 1
    assert counted >= 3 * 351 - 30
