"""Prints how many Scottish wards the suite found exact (works under pytest-xdist too: the
controller sees every worker's reports)."""

from __future__ import annotations

from typing import Any

_results: dict[str, str] = {}


def pytest_runtest_logreport(report: Any) -> None:
    if report.when == "call" and "test_scottish_ward_exact[" in report.nodeid:
        _results[report.nodeid] = report.outcome


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _results:
        from scottish_cases import EXPECTED_CASES

        exact = sum(1 for outcome in _results.values() if outcome == "passed")
        terminalreporter.write_line(
            f"Scottish STV conformance: {exact}/{EXPECTED_CASES} wards exact ({len(_results)} run)"
        )
