"""The region file reader: good files read, bad ones named by file, line and JSON path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from teller.errors import InputError
from teller.io.region import count_region, load_region, looks_like_region, read_region

GOOD = {
    "format": "teller-region/1",
    "title": "A region",
    "election_id": "sp.r.test.2007-05-03",
    "method": "ams",
    "seats": 2,
    "constituencies": [
        {
            "name": "North",
            "candidates": [
                {"name": "Ann", "party": "A", "votes": 10},
                {"name": "Ivy", "votes": 4},
            ],
        },
        {"name": "South", "candidates": [{"name": "Bob", "party": "B"}], "elected": "Bob"},
    ],
    "lists": [
        {"party": "A", "votes": 100, "candidates": ["Ann", "Cat"]},
        {"party": "B", "votes": 60},
        {"independent": "Ivy", "votes": 45},
    ],
    "declared": {"list_seats": {"B": 1, "Ivy": 1}},
}


def _write(tmp_path: Path, doc: object, text: str | None = None) -> Path:
    path = tmp_path / "region.json"
    path.write_text(text if text is not None else json.dumps(doc, indent=1), encoding="utf-8")
    return path


def test_reads_a_good_file(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    assert looks_like_region(path)
    region = load_region(path)
    contest, votes = read_region(path)
    assert contest == region.contest
    assert contest.names == ("A", "B", "Ivy")
    assert contest.seats == 2 and contest.method == "ams" and contest.rules is None
    assert str(contest.election_id) == "sp.r.test.2007-05-03"
    assert [(c.constituency, c.elected, c.party) for c in votes.constituencies] == [
        ("North", "Ann", "A"),
        ("South", "Bob", "B"),
    ]
    assert votes.entries[0].members == ("Ann", "Cat")
    assert votes.entries[2].independent
    assert region.declared == {"B": 1, "Ivy": 1}


def test_count_region_and_method_override(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD)
    # A holds North: 100/2 = 50 beats Ivy's 45 and B's 60/2 = 30 (B holds South); then Ivy's
    # 45 beats A's 100/3. Ivy lost North to Ann, so Ivy is not disregarded.
    record = count_region(path)
    assert record.rules == "scotland-1998"
    assert record.allocation is not None
    assert [r.awarded for r in record.allocation.rounds] == ["A", "Ivy"]
    london = count_region(path, method="ams", rules="london-1999")
    assert london.rules == "london-1999"


def _error(tmp_path: Path, doc: object = None, text: str | None = None) -> InputError:
    path = _write(tmp_path, doc, text)
    with pytest.raises(InputError) as info:
        load_region(path)
    assert info.value.path == str(path)
    return info.value


def test_syntax_error_has_the_parser_line(tmp_path: Path) -> None:
    err = _error(tmp_path, text='{"format": "teller-region/1",\n"seats": 2,\n"lists": [,]}')
    assert err.line == 3 and "not valid JSON" in str(err)


def test_duplicate_key(tmp_path: Path) -> None:
    err = _error(tmp_path, text='{"format": "teller-region/1",\n "seats": 2,\n "seats": 3}')
    assert err.line == 1 and "twice" in err.problem


def _bad(**changes: object) -> dict[str, object]:
    doc = json.loads(json.dumps(GOOD))
    for dotted, value in changes.items():
        node = doc
        *head, last = dotted.split("__")
        for key in head:
            node = node[int(key)] if key.isdigit() else node[key]
        if value is None:
            del node[last]
        else:
            node[last] = value
    return doc


@pytest.mark.parametrize(
    ("changes", "path_text", "anchor"),
    [
        ({"format": "teller-count/1"}, "$.format", '"format"'),
        ({"seats": 0}, "$.seats", '"format"'),
        ({"lists": []}, "$.lists", '"lists": []'),
        ({"lists__1__votes": -1}, "$.lists[1].votes", '"party": "B"'),
        ({"lists__1__independent": "X"}, "$.lists[1]", '"party": "B"'),
        ({"lists__2__candidates": ["Z"]}, "$.lists[2]", '"independent": "Ivy"'),
        ({"lists__0__candidates": ["Ann", "Ann"]}, "$.lists[0].candidates[1]", '"Ann"'),
        ({"constituencies__0__elected": "Ivy"}, "$.constituencies[0].elected", '"North"'),
        ({"constituencies__1__elected": None}, "$.constituencies[1].elected", '"South"'),
        ({"constituencies__0__candidates__1__votes": 10}, "$.constituencies[0].elected", '"North"'),
        ({"colour": "red"}, "$", '"format"'),
        ({"election_id": "not an id"}, "$.election_id", '"format"'),
        ({"declared__list_seats__B": "one"}, "$.declared.list_seats.B", '"B": "one"'),
    ],
)
def test_schema_errors_name_path_and_line(
    tmp_path: Path, changes: dict[str, object], path_text: str, anchor: str
) -> None:
    doc = _bad(**changes)
    lines = _write(tmp_path, doc).read_text().splitlines()
    err = _error(tmp_path, doc)
    assert err.problem.startswith(path_text + ":"), err.problem
    # The line is where the object (or array) holding the bad value opens: json.dumps(indent=1)
    # puts the opening bracket there and the anchor text of that object just below it.
    assert err.line is not None
    opening = lines[err.line - 1].rstrip()
    assert opening.endswith(("{", "[", "[],")) or opening.endswith("[]")
    assert any(anchor in line for line in lines[err.line - 1 : err.line + 2]), (err, anchor)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_region(tmp_path / "nope.json")


def test_not_a_region_file(tmp_path: Path) -> None:
    path = _write(tmp_path, {"format": "teller-count/1"})
    assert not looks_like_region(path)


def test_region_as_contest_and_profile_counts_the_same(tmp_path: Path) -> None:
    from teller import count
    from teller.io.region import read_region_ballots
    from teller.recordjson import record_to_dict

    path = _write(tmp_path, GOOD)
    contest, profile = read_region_ballots(path)
    assert profile.total == 205
    assert contest.options["independents"] == ["Ivy"]
    assert record_to_dict(count(contest, profile)) == record_to_dict(count_region(path))
