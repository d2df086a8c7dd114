"""The result of reading a ballot file."""

from __future__ import annotations

from dataclasses import dataclass

from teller.model import Contest, Profile


@dataclass(frozen=True)
class BallotFile:
    """A contest and its ballots as read from (or to be written to) a file."""

    contest: Contest
    """Candidates in ballot-paper order, seats (from the file, else 1), title, withdrawn."""
    profile: Profile
    """The ballots, compressed to distinct rankings with counts."""
    fmt: str
    """Name of the format read (one of :data:`teller.io.FORMATS`)."""
    rejected: int = 0
    """Ballots rejected while reading (e.g. a .toi ballot tied at first place)."""
    notes: tuple[str, ...] = ()
    """Remarks for the user, e.g. ``"12 ballots truncated at an equal ranking"``."""
