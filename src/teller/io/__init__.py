"""Ballot files in and out: BLT, PrefLib .soi/.toi, two CSV layouts, rank-vector .dat, and
candidate/party/votes tables. Every reader returns a :class:`BallotFile`; every parse error is an
:class:`~teller.errors.InputError` naming the file and line. See docs/formats.md.
"""

from __future__ import annotations

from teller.io._files import atomic_write
from teller.io.ballotfile import BallotFile
from teller.io.registry import FORMATS, detect_format, read_ballots, write_ballots

__all__ = [
    "FORMATS",
    "BallotFile",
    "atomic_write",
    "detect_format",
    "read_ballots",
    "write_ballots",
]
