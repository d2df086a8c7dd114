"""PrefLib, the CSV layouts, rank-vector .dat and tables: what each accepts and how it is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from teller.errors import InputError
from teller.io import FORMATS, detect_format, read_ballots, write_ballots
from teller.model import Profile


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


PREFLIB_HEAD = (
    "# FILE NAME: x.toi\n# TITLE: Club chair\n# DATA TYPE: toi\n# NUMBER ALTERNATIVES: 3\n"
    "# NUMBER VOTERS: {voters}\n# NUMBER UNIQUE ORDERS: 4\n"
    "# ALTERNATIVE NAME 1: Ann\n# ALTERNATIVE NAME 2: Bob\n# ALTERNATIVE NAME 3: Cy\n"
)


def test_toi_tie_truncates_and_first_place_tie_is_rejected(tmp_path: Path) -> None:
    body = "5: 1,2,3\n4: 2,{1,3}\n3: {1,2},3\n2: 3,{2}\n"
    got = read_ballots(_write(tmp_path, "x.toi", PREFLIB_HEAD.format(voters=14) + body))
    assert got.fmt == "toi" and got.rejected == 3
    assert got.profile == Profile.from_rankings(3, [((0, 1, 2), 5), ((1,), 4), ((2, 1), 2)])
    assert got.notes == (
        "4 ballot(s) truncated at an equal ranking (a tie ends the paper's preferences)",
        "3 ballot(s) rejected: a tie at first preference",
    )
    assert got.contest.title == "Club chair"
    assert got.contest.rejected == 3


def test_preflib_legacy_format(tmp_path: Path) -> None:
    text = "3\n1,Ann\n2,Bob\n3,Cy\n9,9,3\n4,1,2\n3,3\n2,2,1,3\n"
    got = read_ballots(_write(tmp_path, "old.soi", text))
    assert got.contest.names == ("Ann", "Bob", "Cy")
    assert got.profile == Profile.from_rankings(3, [((0, 1), 4), ((2,), 3), ((1, 0, 2), 2)])


def test_csv_rank_columns_header_weight_and_first_appearance(tmp_path: Path) -> None:
    text = "Preference 1,Preference 2,Count\nBob,Ann,3\nCy,,2\nAnn,Cy,1\n"
    got = read_ballots(_write(tmp_path, "b.csv", text))
    assert got.fmt == "csv"
    assert got.contest.names == ("Bob", "Ann", "Cy")  # order of first appearance
    assert got.profile == Profile.from_rankings(3, [((0, 1), 3), ((2,), 2), ((1, 2), 1)])


def test_csv_without_header_uses_declared_candidate_order(tmp_path: Path) -> None:
    text = '# candidates: Ann,"Smith, Bob",Cy\n# seats: 2\n# title: Ward 1\nCy,"Smith, Bob"\n'
    got = read_ballots(_write(tmp_path, "b.csv", text))
    assert got.contest.names == ("Ann", "Smith, Bob", "Cy")
    assert (got.contest.seats, got.contest.title) == (2, "Ward 1")
    assert got.profile == Profile.from_rankings(3, [((2, 1), 1)])


def test_csv_ranks_is_detected_and_reads_ranks(tmp_path: Path) -> None:
    text = "Weight,Ann,Bob,Cy\n4,1,2,\n2,0,,1\n1,3,1,2\n"
    path = _write(tmp_path, "r.csv", text)
    assert detect_format(path) == "csv-ranks"
    got = read_ballots(path)
    assert got.profile == Profile.from_rankings(3, [((0, 1), 4), ((2,), 2), ((1, 2, 0), 1)])


def test_dat_with_and_without_weights(tmp_path: Path) -> None:
    text = "# comment\n3: 1 2 0\n0,1,2\n1 0 0\n"
    got = read_ballots(_write(tmp_path, "v.dat", text))
    assert got.contest.names == ("Candidate 1", "Candidate 2", "Candidate 3")
    assert got.profile == Profile.from_rankings(3, [((0, 1), 3), ((1, 2), 1), ((0,), 1)])


def test_table_for_block_vote(tmp_path: Path) -> None:
    text = (
        '# seats: 2\nCandidate,Party,Votes\nAnn SMITH (Lab),Labour,"1,204"\nBob,,980\nCy,Green,0\n'
    )
    path = _write(tmp_path, "t.csv", text)
    assert detect_format(path) == "table"
    got = read_ballots(path)
    assert got.contest.names[0] == "Ann SMITH (Lab)"
    assert [c.party for c in got.contest.candidates] == ["Labour", None, "Green"]
    assert got.contest.seats == 2
    assert got.profile == Profile.from_rankings(3, [((0,), 1204), ((1,), 980)])
    assert "total of votes" in got.notes[0]


def test_table_cannot_hold_rankings(tmp_path: Path) -> None:
    ballots = read_ballots(_write(tmp_path, "b.csv", "Ann,Bob\n"))
    with pytest.raises(InputError, match="cannot hold rankings"):
        write_ballots(tmp_path / "t.csv", ballots, "table")
    assert not (tmp_path / "t.csv").exists()


def test_detection_by_extension_and_unknown_formats(tmp_path: Path) -> None:
    assert [detect_format(f"x{e}") for e in (".blt", ".soi", ".soc", ".toi", ".toc", ".dat")] == [
        "blt",
        "soi",
        "soi",
        "toi",
        "toi",
        "dat",
    ]
    assert set(FORMATS) == {"blt", "soi", "toi", "csv", "csv-ranks", "dat", "table"}
    with pytest.raises(InputError, match="cannot tell the ballot format"):
        detect_format(tmp_path / "ballots.txt")
    with pytest.raises(InputError, match="unknown ballot format 'xml'"):
        read_ballots(tmp_path / "ballots.txt", fmt="xml")


def test_names_that_look_like_parties_are_not_split(tmp_path: Path) -> None:
    got = read_ballots(
        _write(
            tmp_path,
            "x.soi",
            PREFLIB_HEAD.format(voters=1).replace("Ann", "Ann SMITH (SNP)") + "1: 1\n",
        )
    )
    assert got.contest.candidates[0].name == "Ann SMITH (SNP)"
    assert got.contest.candidates[0].party is None
