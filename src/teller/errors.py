"""Errors teller raises on purpose. The CLI translates every one of them in one place.

Each carries what a user needs to fix the problem; the CLI prints ``str(error)`` and exits 2.
"""

from __future__ import annotations


class TellerError(Exception):
    """Base of every error teller raises deliberately."""


class ModelError(TellerError, ValueError):
    """A domain object was built with values that cannot describe a real contest."""


class InputError(TellerError):
    """Malformed input: names the file and line (``FILE:LINE: problem``)."""

    def __init__(self, problem: str, *, path: str | None = None, line: int | None = None) -> None:
        self.problem = problem
        self.path = path
        self.line = line
        where = path or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {problem}")


class CountError(TellerError):
    """A count cannot proceed under its rules (e.g. more seats than candidates)."""


class LotRequired(CountError):
    """A tie must be settled by lot, and no seed was given to draw it from."""


class UnknownMethod(TellerError):
    """No rule set of that name is registered."""
