"""BLT: the vectorised reader agrees with the exact one, and the extensions teller accepts."""

from __future__ import annotations

from pathlib import Path

import pytest
from io_helpers import SHARED, blt_text, random_ballots

import teller.io.blt as blt_module
import teller.io.keyset as keyset_module
from teller.errors import InputError
from teller.io import BallotFile, read_ballots, write_ballots
from teller.model import Candidate, Profile

NAMES = ["Ann Smith", "Bob Jones", "Cy Young", "Di Ward", "Ed Vale", "Flo Hart"]


def _write(tmp_path: Path, text: str, name: str = "b.blt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize("block_bytes", [37, 1000, 8 * 1024 * 1024])
def test_fast_and_exact_readers_agree_with_an_independent_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block_bytes: int
) -> None:
    ballots = random_ballots(1, 3000, len(NAMES))
    expected = Profile.from_rankings(len(NAMES), ballots)
    monkeypatch.setattr(blt_module, "BLOCK_BYTES", block_bytes)
    plain = read_ballots(_write(tmp_path, blt_text(ballots, NAMES), "plain.blt"))
    # A comment on every line sends every line through the exact reader.
    commented = read_ballots(_write(tmp_path, blt_text(ballots, NAMES, comment=" # c"), "c.blt"))
    assert plain.profile == expected
    assert commented.profile == expected
    assert plain.contest == commented.contest
    assert plain.contest.names == tuple(NAMES)


def test_small_merge_bound_gives_the_same_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ballots = random_ballots(2, 2000, len(NAMES))
    monkeypatch.setattr(blt_module, "BLOCK_BYTES", 500)
    monkeypatch.setattr(keyset_module, "MERGE_ROWS", 50)
    got = read_ballots(_write(tmp_path, blt_text(ballots, NAMES)))
    assert got.profile == Profile.from_rankings(len(NAMES), ballots)


def test_error_far_into_a_large_file_names_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ballots = random_ballots(3, 5000, len(NAMES))
    lines = blt_text(ballots, NAMES).split("\n")
    lines[4321] = "1 2 3 2 0"  # line 4322 of the file
    monkeypatch.setattr(blt_module, "BLOCK_BYTES", 4096)
    with pytest.raises(InputError) as caught:
        read_ballots(_write(tmp_path, "\n".join(lines)))
    assert caught.value.line == 4322
    assert caught.value.problem == "candidate 2 is ranked twice on one ballot"


def test_quotes_comments_crlf_and_party_labels(tmp_path: Path) -> None:
    text = (
        "3 1   # three candidates, one seat\r\n"
        "2 1 2 0 # two alike\r\n"
        "\r\n"
        "1 3 0\r\n"
        "0\r\n"
        '"Jim ""Jimmy"" SMITH (Lab)"  # doubled quotes\r\n'
        '"Jo \\"Jo\\" BLOGGS (Con)"\r\n'
        '"Ann # not a comment"\r\n'
        '"Ward 7: by-election"\r\n'
    )
    got = read_ballots(_write(tmp_path, text))
    assert got.contest.names == (
        'Jim "Jimmy" SMITH (Lab)',
        'Jo "Jo" BLOGGS (Con)',
        "Ann # not a comment",
    )
    assert all(c.party is None for c in got.contest.candidates)
    assert got.contest.title == "Ward 7: by-election"
    assert got.profile == Profile.from_rankings(3, [((0, 1), 2), ((2,), 1)])


def test_droop_extensions(tmp_path: Path) -> None:
    text = "3 1\n[nick a b c]\n[tie 3 2 1]\n[droop precision=5]\n-2\n(ballot-7) 1 a c 0\n2 c 0\n0\n"
    got = read_ballots(_write(tmp_path, text + '"A"\n"B"\n"C"\n"T"\n'))
    assert got.contest.withdrawn == frozenset({1})
    assert got.profile == Profile.from_rankings(3, [((0, 2), 1), ((2,), 2)])
    assert any("[tie 3 2 1]" in note for note in got.notes)
    assert any("[droop precision=5]" in note for note in got.notes)


def test_empty_ballots_are_kept_and_noted(tmp_path: Path) -> None:
    got = read_ballots(_write(tmp_path, '2 1\n3 1 0\n2 0\n0\n"A"\n"B"\n"T"\n'))
    assert got.profile == Profile.from_rankings(2, [((0,), 3), ((), 2)])
    assert got.notes == ("2 ballot(s) give no preference at all; they are kept as empty ballots",)


def test_progress_is_reported_up_to_the_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, blt_text(random_ballots(4, 500, 4), NAMES[:4]))
    monkeypatch.setattr(blt_module, "BLOCK_BYTES", 512)
    calls: list[tuple[int, int]] = []
    read_ballots(path, progress=lambda done, total: calls.append((done, total)))
    size = path.stat().st_size
    assert len(calls) > 3
    assert all(total == size for _, total in calls)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert calls[-1] == (size, size)


def test_writer_escapes_names_that_read_back(tmp_path: Path) -> None:
    names = ['Jim "Jimmy" Smith', "back\\slash", "ends\\", 'both\\"', "# hash", "Ann"]
    path = _write(tmp_path, blt_text([((0, 1), 1)], ["a", "b", "c", "d", "e", "f"]))
    original = read_ballots(path)
    renamed = original.contest.replace(
        candidates=tuple(Candidate(n) for n in names), title='Title with "quotes"'
    )
    out = tmp_path / "out.blt"
    write_ballots(out, BallotFile(renamed, original.profile, "blt"))
    again = read_ballots(out)
    assert again.contest.names == tuple(names)
    assert again.contest.title == 'Title with "quotes"'


DROOP_BLT = SHARED / "conformance" / "droop" / "blt"


@pytest.mark.skipif(
    not DROOP_BLT.is_dir(), reason="Droop's files are GPL: read from the shared folder, not copied"
)
def test_droop_test_files_read_as_documented() -> None:
    droop = DROOP_BLT
    sc_w = read_ballots(droop / "SCw.blt")
    sc_wopt = read_ballots(droop / "SCwopt.blt")
    assert sc_w.contest == sc_wopt.contest and sc_w.profile == sc_wopt.profile
    assert sc_w.contest.withdrawn == frozenset({3})
    plain, bom = read_ballots(droop / "42u.blt"), read_ballots(droop / "42ubom.blt")
    assert plain.contest == bom.contest and plain.contest.names[1] == "Pøllüx"
    m135 = read_ballots(droop / "M135.blt")
    assert (m135.profile.total, len(m135.contest.candidates), m135.contest.seats) == (679, 25, 7)
    assert m135.contest.title == "M135: Gen v1.1 1 3 45"
    with pytest.raises(InputError) as caught:
        read_ballots(droop / "meek" / "eq1.blt")
    assert caught.value.line == 4 and "equal rankings" in caught.value.problem


def test_long_numbers_go_to_the_exact_reader(tmp_path: Path) -> None:
    text = '2 1\n999999999 1 0\n1234567890 2 1 0\n9007199254740992 1 2 0\n0\n"A"\n"B"\n"T"\n'
    got = read_ballots(_write(tmp_path, text))
    assert got.profile == Profile.from_rankings(
        2, [((0,), 999999999), ((1, 0), 1234567890), ((0, 1), 2**53)]
    )
    with pytest.raises(InputError, match="ballot weight 9007199254740993 is too large"):
        read_ballots(_write(tmp_path, text.replace("740992", "740993"), "big.blt"))
