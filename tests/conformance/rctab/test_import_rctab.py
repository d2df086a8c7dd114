"""The RCTab importer's ballot rules, and the consistency of what it wrote.

``tools/import_rctab.py`` turns cast vote records into rankings by applying RCTab's per-ballot
rules once. These tests pin those rules on hand-made ballots (the expected rankings are worked out
from RCTab's ``Tabulator.computeTalliesForRound``, not produced by the importer), and check that
every imported case agrees with the verbatim RCTab files kept beside it.
"""

from __future__ import annotations

import json
import sys
from fractions import Fraction
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2] / "tools"))

import import_rctab as imp  # noqa: E402
from rctab_cvr import OVERVOTE, UWI  # noqa: E402

CASES = sorted(p for p in HERE.iterdir() if (p / "case.json").is_file())
NAMES = {"a": "A", "b": "B", "c": "C", "d": "D"}


def rules(
    overvote_exhausts: bool, max_skipped: int | None, duplicate_exhausts: bool
) -> imp.BallotRules:
    return imp.BallotRules(overvote_exhausts, max_skipped, duplicate_exhausts)


@pytest.mark.parametrize(
    ("marks", "ballot_rules", "expected"),
    [
        # Plain ballot.
        ([(1, "a"), (2, "b"), (3, "c")], rules(True, 0, False), ("A", "B", "C")),
        # A skipped rank: allowed once, or the ballot ends there.
        ([(1, "a"), (3, "b")], rules(True, 1, False), ("A", "B")),
        ([(1, "a"), (3, "b")], rules(True, 0, False), ("A",)),
        ([(1, "a"), (4, "b")], rules(True, 1, False), ("A",)),
        ([(1, "a"), (4, "b")], rules(True, None, False), ("A", "B")),
        # Skips are counted from rank 0, so an empty first rank is itself a skip.
        ([(2, "a"), (3, "b")], rules(True, 0, False), ()),
        ([(2, "a"), (3, "b")], rules(True, 1, False), ("A", "B")),
        # An overvote ends the ballot, or is passed over.
        ([(1, "a"), (2, "b"), (2, "c"), (3, "d")], rules(True, 0, False), ("A",)),
        ([(1, "a"), (2, "b"), (2, "c"), (3, "d")], rules(False, 0, False), ("A", "D")),
        ([(1, OVERVOTE), (2, "b")], rules(True, 4, False), ()),
        ([(1, OVERVOTE), (2, "b")], rules(False, 4, False), ("B",)),
        # A candidate overvoted earlier may still be ranked alone later.
        ([(1, "a"), (1, "b"), (2, "b")], rules(False, 0, False), ("B",)),
        # A repeated candidate is passed over, or ends the ballot.
        ([(1, "a"), (2, "a"), (3, "b")], rules(True, 4, False), ("A", "B")),
        ([(1, "a"), (2, "a"), (3, "b")], rules(True, 4, True), ("A",)),
        # A candidate seen in an overvote counts as seen for the duplicate rule.
        ([(1, "a"), (1, "b"), (2, "b"), (3, "c")], rules(False, 4, True), ()),
        # Undeclared write-ins stay on the ranking under their RCTab name.
        ([(1, UWI), (2, "c")], rules(True, 0, False), (UWI, "C")),
        ([], rules(True, 0, False), ()),
    ],
)
def test_ballot_rules(
    marks: list[tuple[int, str]], ballot_rules: imp.BallotRules, expected: tuple[str, ...]
) -> None:
    assert imp.ranking(marks, ballot_rules, NAMES) == expected


def test_uk_practice_is_only_the_strict_rules() -> None:
    assert rules(True, 0, True).uk_practice
    assert not rules(False, 0, True).uk_practice
    assert not rules(True, 1, True).uk_practice
    assert not rules(True, 0, False).uk_practice


def test_index_lists_exactly_the_imported_cases() -> None:
    index = json.loads((HERE / "index.json").read_text(encoding="utf-8"))
    run = sorted(e["case"] for e in index if e["run"])
    assert run == [c.name for c in CASES]
    assert all(e["note"] for e in index)
    assert len({e["case"] for e in index}) == len(index)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_expected_matches_rctab_report(case: Path) -> None:
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    (report_path,) = case.glob("rctab_*_expected_detailed_report.json")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert len(expected["rounds"]) == len(report["results"])
    for ours, theirs in zip(expected["rounds"], report["results"], strict=True):
        assert ours["tally"] == theirs["tally"]
        assert ours["threshold"] == theirs["threshold"]
        assert Fraction(ours["inactive"]) == sum(
            Fraction(v) for v in theirs["inactiveBallots"].values()
        )
        events = [t.get("eliminated") or t.get("elected") for t in theirs["tallyResults"]]
        assert sorted(ours["eliminated"] + ours["elected"]) == sorted(events)
    spec = json.loads((case / "case.json").read_text(encoding="utf-8"))
    assert spec["records"] == int(report["summary"]["totalNumBallots"])
    assert spec["method"] == "irv"
    assert set(spec["options"]) <= {"bulk_exclusion", "tie_direction"}


def test_documentation_lists_every_folder() -> None:
    doc = (HERE.parents[2] / "docs" / "conformance-single-winner.md").read_text(encoding="utf-8")
    index = json.loads((HERE / "index.json").read_text(encoding="utf-8"))
    for entry in index:
        assert f"| `{entry['case']}` |" in doc, entry["case"]
    assert f"### Cases run ({sum(e['run'] for e in index)})" in doc
