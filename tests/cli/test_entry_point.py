"""The installed ``teller`` command (``teller.cli:run``): output complete, statuses kept, even
though it skips the interpreter's shutdown."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

TELLER = Path(sys.executable).with_name("teller")
WARD = Path(__file__).parents[1] / "data" / "scottish" / "moray-buckie-2017.blt"


def _teller(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(TELLER), *args], capture_output=True, timeout=120, **kwargs)  # type: ignore[call-overload, no-any-return]


def test_a_record_on_standard_output_is_complete() -> None:
    done = _teller("count", str(WARD), "--method", "stv", "--rules", "scottish-2007", "-f", "json")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)  # the whole document arrived
    assert record["format"] == "teller-count/1"
    assert len(record["elected"]) == record["seats"] == 3
    assert done.stderr == b""


def test_bad_input_keeps_its_status_and_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.blt"
    bad.write_text("3 1\n1 1 4 0\n0\n", encoding="utf-8")
    done = _teller("count", str(bad), "--method", "irv")
    assert done.returncode == 2
    assert done.stderr.decode().startswith(f"{bad}:2:")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_failed_write_to_standard_output_is_reported() -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [str(TELLER), "count", str(WARD), "--method", "stv", "-f", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    assert done.returncode == 2
    assert b"No space left on device" in done.stderr
    assert b"Traceback" not in done.stderr


class _Stdout:
    """A standard output whose flush fails as given."""

    def __init__(self, error: OSError) -> None:
        self.error = error

    def flush(self) -> None:
        raise self.error


class _Exited(Exception):
    def __init__(self, code: int) -> None:
        self.code = code


def _run_with_stdout(monkeypatch: pytest.MonkeyPatch, stdout: object, status: int = 0) -> int:
    import os

    from teller import cli

    def fake_exit(code: int) -> None:
        raise _Exited(code)

    monkeypatch.setattr(cli, "main", lambda: status)
    monkeypatch.setattr(sys, "stdout", stdout)
    monkeypatch.setattr(os, "_exit", fake_exit)
    with pytest.raises(_Exited) as exited:
        cli.run()
    return exited.value.code


def test_a_reader_that_stops_early_is_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # (Pipes on this project's machines do not report a closed reader, so this is checked
    # in-process rather than with '| head'.)
    assert _run_with_stdout(monkeypatch, _Stdout(BrokenPipeError(32, "Broken pipe"))) == 0
    assert _run_with_stdout(monkeypatch, _Stdout(BrokenPipeError(32, "Broken pipe")), 1) == 1


def test_a_full_disk_on_flush_turns_success_into_status_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    error = OSError(28, "No space left on device")
    assert _run_with_stdout(monkeypatch, _Stdout(error)) == 2
    assert "could not write standard output: No space left on device" in capsys.readouterr().err
