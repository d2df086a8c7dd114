"""The vectorised BLT reader against the exact line reader, on generated ballot lines.

Every line of a file with a trailing comment goes through the exact reader
(:mod:`teller.io.blt_lines`); the same lines without the comment go through the vectorised one
wherever it can read them. Both files must give the same profile, or fail at the same line with
the same problem. Weights of one to twelve digits, several spaces, tabs, CRLF line ends, blank
lines, zeros, repeats and out-of-range candidates are all generated.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import teller.io.blt as blt_module
from teller.errors import InputError
from teller.io import read_ballots

N_CANDIDATES = 7

numbers = st.one_of(
    st.integers(0, N_CANDIDATES + 2),  # candidates, including 0 and out of range
    st.integers(0, 10**12),  # weights of any length, past what the fast reader takes
)
gaps = st.sampled_from([" ", "  ", "\t", " \t "])


@st.composite
def ballot_line(draw: st.DrawFn) -> str:
    weight = draw(st.one_of(st.integers(1, 3), st.integers(1, 10**12)))
    places = draw(st.lists(st.integers(1, N_CANDIDATES), max_size=N_CANDIDATES + 1))
    if draw(st.integers(0, 9)) == 0:  # now and then, anything at all
        tokens = [str(t) for t in draw(st.lists(numbers, max_size=6))]
    else:
        tokens = [str(weight), *map(str, places), "0"]
    text = draw(gaps).join(tokens)
    lead = draw(st.sampled_from(["", " "]))
    return lead + text + draw(st.sampled_from(["", " ", "\r"]))


def _is_end_marker(line: str) -> bool:
    words = line.split()
    return len(words) == 1 and words[0].isdigit() and int(words[0]) == 0


def _read(path: Path) -> tuple[str, object]:
    try:
        return "ok", read_ballots(path).profile
    except InputError as exc:
        return "error", (exc.line, exc.problem)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@example(lines=["0", "1 0"], block_bytes=16)  # an end marker, then text that is not a name
@given(
    lines=st.lists(st.one_of(ballot_line(), st.just("")), min_size=1, max_size=40),
    block_bytes=st.sampled_from([16, 64, 1 << 20]),
)
def test_fast_reader_agrees_with_the_exact_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lines: list[str], block_bytes: int
) -> None:
    monkeypatch.setattr(blt_module, "BLOCK_BYTES", block_bytes)
    names = "".join(f'"C{i}"\n' for i in range(N_CANDIDATES)) + '"T"\n'
    head = f"{N_CANDIDATES} 1\n"
    plain = tmp_path / "plain.blt"
    plain.write_bytes((head + "\n".join(lines) + "\n0\n" + names).encode())
    commented = tmp_path / "commented.blt"
    # Lines after an end marker ('0' alone) are the names section: left alike in both files.
    end = next((i for i, line in enumerate(lines) if _is_end_marker(line)), len(lines))
    body = "\n".join(
        line + " # c" if line.strip() and i < end else line for i, line in enumerate(lines)
    )
    commented.write_bytes((head + body + "\n0\n" + names).encode())
    assert _read(plain) == _read(commented)
