"""Every file in tests/data/malformed must raise InputError naming its line, with the message in
the ``.expected`` file beside it (``LINE: message``, or ``re:LINE: regex``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from teller.errors import InputError
from teller.io import read_ballots

CORPUS = Path(__file__).parent.parent / "data" / "malformed"


def _cases() -> list[tuple[Path, str]]:
    cases = []
    for expected in sorted(CORPUS.glob("*.expected")):
        data = [p for p in CORPUS.glob(expected.stem + ".*") if p.suffix != ".expected"]
        assert len(data) == 1, f"{expected.name} needs exactly one data file beside it"
        cases.append((data[0], expected.read_text(encoding="utf-8").rstrip("\n")))
    return cases


CASES = _cases()


def test_the_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30
    assert {p.suffix for p, _ in CASES} >= {".blt", ".soi", ".toi", ".csv", ".dat"}


@pytest.mark.parametrize(("path", "expected"), CASES, ids=[p.name for p, _ in CASES])
def test_malformed_file_is_reported_at_its_line(path: Path, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        read_ballots(path)
    error = caught.value
    if expected.startswith("re:"):
        line, _, pattern = expected[3:].partition(": ")
        assert re.fullmatch(pattern, error.problem), str(error)
    else:
        line, _, problem = expected.partition(": ")
        assert str(error) == f"{path}:{expected}"
        assert error.problem == problem
    assert error.line == int(line)
    assert error.path == str(path)
