"""Suite-wide hooks. Prints how many Scottish wards the run found exact.

Lives at the top of tests/ so the pytest-xdist controller loads it: the controller receives every
worker's test reports, so the count is right however the suite is split.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

SCOTTISH = Path(__file__).parent / "conformance" / "scottish-stv"
_results: dict[str, str] = {}


def pytest_runtest_logreport(report: Any) -> None:
    if report.when == "call" and "test_scottish_ward_exact[" in report.nodeid:
        _results[report.nodeid] = report.outcome


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _results:
        return
    cases = len(list(SCOTTISH.glob("*/*/*/official.json")))
    exact = sum(1 for outcome in _results.values() if outcome == "passed")
    terminalreporter.write_line(
        f"Scottish STV conformance: {exact}/{cases} wards exact ({len(_results)} run)"
    )
