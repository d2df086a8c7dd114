"""Whole-process measurement: wall time and peak resident memory of one command.

The child is started with :class:`subprocess.Popen` and reaped with :func:`os.wait4`, whose
rusage gives that child's own peak RSS (``ru_maxrss``, KiB on Linux), so each measurement is of
exactly one process tree leader from interpreter start to exit. A command past its time limit is
killed (its process group) and recorded as a time-out.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Run:
    """One measured process."""

    tool: str
    """``teller`` or the peer's name."""
    rule: str
    """Rule set asked for."""
    data: str
    """Profile file name."""
    seconds: float | None
    """Wall time, interpreter start to exit (None if it timed out)."""
    peak_mib: float | None
    """Peak resident memory of the process, MiB."""
    status: str
    """``ok``, ``timeout``, or ``failed: <last line of stderr>``."""
    winners: tuple[str, ...] = ()
    """Winners the tool reported."""
    command: str = ""
    """The command line, for the report."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def measure(
    argv: list[str], *, timeout: float, stdout: Path, env: dict[str, str] | None = None
) -> tuple[float | None, float | None, str]:
    """Run ``argv``; return (wall seconds, peak MiB, status). Standard output goes to ``stdout``."""
    stdout.parent.mkdir(parents=True, exist_ok=True)
    with stdout.open("wb") as out, stdout.with_suffix(".err").open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdout=out, stderr=err, env=env, start_new_session=True, stdin=subprocess.DEVNULL
        )
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                wall = time.perf_counter() - start
                break
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                _, status, usage = os.wait4(proc.pid, 0)
                return None, usage.ru_maxrss / 1024, "timeout"
            time.sleep(0.002 if time.perf_counter() - start < 2 else 0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss / 1024
    if proc.returncode != 0:
        lines = stdout.with_suffix(".err").read_text(errors="replace").strip().splitlines()
        return wall, peak, "failed: " + (lines[-1][:160] if lines else f"exit {proc.returncode}")
    return wall, peak, "ok"
