"""verify_file and verify_record never raise: unreadable files, malformed records are findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from verify_support import ward_record

from teller.verify import Finding, verify_file, verify_record


def _write(tmp_path: Path, content: str | bytes) -> str:
    path = tmp_path / "record.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def test_a_good_file_holds(tmp_path: Path) -> None:
    record = ward_record("aberdeen-city/bridge-of-don", "stv")
    assert verify_file(_write(tmp_path, json.dumps(record))) == []


def test_missing_file(tmp_path: Path) -> None:
    (finding,) = verify_file(str(tmp_path / "absent.json"))
    assert finding.check == "format" and "cannot be read" in finding.message


def test_bad_json_names_the_line(tmp_path: Path) -> None:
    (finding,) = verify_file(_write(tmp_path, '{\n "format": "teller-count/1",\n oops\n}'))
    assert finding.check == "format" and ":3: not valid JSON" in finding.message


def test_not_utf8(tmp_path: Path) -> None:
    (finding,) = verify_file(_write(tmp_path, b'{"format": "\xff"}'))
    assert "not UTF-8" in finding.message


def test_nan_is_rejected(tmp_path: Path) -> None:
    (finding,) = verify_file(_write(tmp_path, '{"seats": NaN}'))
    assert "NaN" in finding.message


def test_not_an_object(tmp_path: Path) -> None:
    (finding,) = verify_file(_write(tmp_path, "[1, 2]"))
    assert "JSON object" in finding.message


def test_wrong_format_and_missing_keys() -> None:
    assert [f.check for f in verify_record({"format": "teller-count/2"})] == ["format"]
    findings = verify_record({"format": "teller-count/1"})
    assert {f.check for f in findings} == {"format"} and len(findings) == 12


def test_numbers_must_be_exact_strings() -> None:
    record = ward_record("aberdeen-city/bridge-of-don", "stv")
    name = record["candidates"][0]["name"]
    for bad in (1610, "1.6e3", " 1610.00000", "1_610", "1610.", "0x10", "1/0"):
        record["stages"][0]["totals"][name] = bad
        assert "number" in {f.check for f in verify_record(record)}, bad


def test_unknown_candidate_names_are_reported() -> None:
    record = ward_record("aberdeen-city/bridge-of-don", "irv")
    record["stages"][1]["action"]["parcels"][0]["papers"]["Nobody"] = 1
    (finding,) = verify_record(record)
    assert finding.check == "candidates" and "'Nobody'" in finding.message


def test_stage_numbers_must_run_from_one() -> None:
    record = ward_record("aberdeen-city/bridge-of-don", "irv")
    record["stages"][2]["stage"] = 4
    assert [f.check for f in verify_record(record)] == ["stage-numbers"]


def test_findings_print_with_their_stage() -> None:
    assert str(Finding(3, "changes", "x")) == "stage 3 [changes]: x"
    assert str(Finding(None, "format", "y")) == "record [format]: y"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.text(max_size=4),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)
BASES = [
    ward_record("aberdeen-city/bridge-of-don", method, rules=rules)
    for method, rules in [
        ("stv", None),
        ("stv", "ers97"),
        ("stv", "meek"),
        ("irv", None),
        ("sv", None),
        ("block", None),
    ]
]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*path, i))
    return out


CELLS = [(i, p) for i, base in enumerate(BASES) for p in _paths(base) if p]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CELLS), JSON, st.booleans())
def test_any_corruption_gives_findings_not_exceptions(
    cell: tuple[int, tuple[Any, ...]], value: Any, delete: bool
) -> None:
    base, path = cell
    record = json.loads(json.dumps(BASES[base]))
    target: Any = record
    for step in path[:-1]:
        target = target[step]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    findings = verify_record(record)
    assert isinstance(findings, list)
    assert all(isinstance(f, Finding) for f in findings)
