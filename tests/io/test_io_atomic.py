"""atomic_write: a failure part way leaves the old file as it was and no temporary file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from teller.errors import InputError
from teller.io import BallotFile, atomic_write, read_ballots, write_ballots
from teller.io._files import atomic_writer
from teller.model import Candidate, Contest, Profile


def test_atomic_write_replaces_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old contents that are longer")
    atomic_write(target, "new")
    assert target.read_text() == "new"
    assert sorted(os.listdir(tmp_path)) == ["out.txt"]


def test_failure_after_writing_part_leaves_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write(b"half of the new")
        raise RuntimeError("disk pulled out")
    assert target.read_text() == "old"
    assert sorted(os.listdir(tmp_path)) == ["out.txt"]


def test_failure_to_sync_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    target = tmp_path / "new.blt"
    contest = Contest((Candidate("Ann"), Candidate("Bob")))
    ballots = BallotFile(contest, Profile.from_rankings(2, [((0, 1), 3)]), "blt")
    with pytest.raises(OSError):
        write_ballots(target, ballots)
    assert os.listdir(tmp_path) == []


def test_unwritable_names_fail_before_anything_is_written(tmp_path: Path) -> None:
    contest = Contest((Candidate("Ann\nBob"), Candidate("Cy")))
    ballots = BallotFile(contest, Profile.from_rankings(2, [((0,), 1)]), "blt")
    for fmt in ("blt", "soi", "csv", "csv-ranks", "dat", "table"):
        with pytest.raises(InputError, match="line break"):
            write_ballots(tmp_path / f"x.{fmt}", ballots, fmt)
    assert os.listdir(tmp_path) == []


def test_new_files_get_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "x.blt"
    atomic_write(target, b'1 1\n0\n"A"\n"T"\n')
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    assert read_ballots(target).contest.names == ("A",)
