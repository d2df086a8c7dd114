"""Whole-process measurement: wall time and peak resident memory of one command.

The command runs under GNU ``/usr/bin/time -f %M``, which reports the peak resident set of that
command alone (a child forked straight from this runner would also count the runner's own pages
from before its exec). Wall time is taken here around the whole thing. A command past its time
limit is killed (its process group) and recorded as a time-out.
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
    section: str = ""
    """Which part of the report the run belongs to (``main``, ``meek``, ``big``, ...)."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def measure(
    argv: list[str], *, timeout: float, stdout: Path, env: dict[str, str] | None = None
) -> tuple[float | None, float | None, str]:
    """Run ``argv``; return (wall seconds, peak MiB, status). Standard output goes to ``stdout``."""
    stdout.parent.mkdir(parents=True, exist_ok=True)
    peak_file = stdout.with_suffix(".rss")
    argv = ["/usr/bin/time", "-f", "%M", "-o", str(peak_file), *argv]
    with stdout.open("wb") as out, stdout.with_suffix(".err").open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, stdout=out, stderr=err, env=env, start_new_session=True, stdin=subprocess.DEVNULL
        )
        deadline = start + timeout
        while True:
            pid, status, _usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                wall = time.perf_counter() - start
                break
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)
                os.wait4(proc.pid, 0)
                return None, None, "timeout"
            time.sleep(0.002 if time.perf_counter() - start < 2 else 0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    try:
        peak: float | None = int(peak_file.read_text().split()[-1]) / 1024
    except (OSError, ValueError, IndexError):
        peak = None
    if proc.returncode != 0:
        lines = stdout.with_suffix(".err").read_text(errors="replace").strip().splitlines()
        return wall, peak, "failed: " + (lines[-1][:160] if lines else f"exit {proc.returncode}")
    return wall, peak, "ok"
