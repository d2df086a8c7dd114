"""Rule sets and methods the verifier does not know: generic checks, and a finding saying so."""

from __future__ import annotations

from verify_support import ward_record

from teller.verify import verify_record


def test_unknown_stv_rules_run_the_generic_checks_and_say_so() -> None:
    record = ward_record("aberdeen-city/bridge-of-don", "stv")
    record["rules"] = "cambridge"
    assert [f.check for f in verify_record(record)] == ["rules-unknown"]
    record["stages"][3]["totals"]["Willie YOUNG (Lab)"] = "856.19205"
    assert {"changes", "conservation", "rules-unknown"} <= {f.check for f in verify_record(record)}


def test_unknown_method_and_unknown_rules() -> None:
    record = ward_record("aberdeen-city/bridge-of-don", "irv")
    record["rules"] = "rctab"
    assert [f.check for f in verify_record(record)] == ["rules-unknown"]
    record["method"] = "approval"
    assert [f.check for f in verify_record(record)] == ["method-unknown"]


def test_group_minimum_counts_are_checked_not_waved_through() -> None:
    # the group rules themselves are tested in test_verify_group.py
    record = ward_record("aberdeen-city/bridge-of-don", "stv", rules="wigm")
    assert verify_record(record) == []
    record["group_minimum"] = {"label": "women", "members": ["Alison ALPHONSE (SNP)"], "minimum": 1}
    assert verify_record(record) == []  # elected at stage 1: the minimum never binds
    record["group_minimum"]["members"] = ["Simon MCLEAN (Ind)"]
    assert "group-minimum" in {f.check for f in verify_record(record)}


def test_unknown_list_rules() -> None:
    from test_verify_lists import lists

    from teller.count.lists import ListEntry

    record = lists("dhondt", "dhondt", 3, [ListEntry("A", 100), ListEntry("B", 60)])
    assert verify_record(record) == []
    record["rules"] = "imperiali"
    assert [f.check for f in verify_record(record)] == ["rules-unknown"]
