"""The command line's allocator hint (teller.memory) and its progress bar."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from teller import memory


def test_off_linux_nothing_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert memory.keep_freed_memory() is False


def test_the_hint_is_taken_exactly_where_glibc_runs() -> None:
    import platform

    on_glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert memory.keep_freed_memory() is on_glibc


def test_progress_bar_on_a_terminal_for_a_large_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from teller import cliutil

    path = tmp_path / "big.blt"
    path.write_bytes(b"x" * 1000)
    monkeypatch.setattr(cliutil, "PROGRESS_MIN_BYTES", 100)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with cliutil.progress_bar(path) as update:
        assert update is not None
        update(500, 1000)
        update(1000, 1000)
    with cliutil.progress_bar(tmp_path / "missing.blt") as none:
        assert none is None
