"""Small builders for the io tests."""

from __future__ import annotations

import os
import random
from pathlib import Path

SHARED = Path(os.environ.get("TELLER_SHARED", "/work/shared"))
"""Shared reference data (Droop's BLT files are GPL: read from here, never copied)."""


def random_ballots(
    seed: int, n_ballots: int, n_candidates: int
) -> list[tuple[tuple[int, ...], int]]:
    """Random rankings (0-based) with weights 1..3, some empty."""
    rng = random.Random(seed)
    out = []
    for _ in range(n_ballots):
        length = rng.randint(0, n_candidates)
        out.append((tuple(rng.sample(range(n_candidates), length)), rng.randint(1, 3)))
    return out


def blt_text(
    ballots: list[tuple[tuple[int, ...], int]], names: list[str], seats: int = 1, comment: str = ""
) -> str:
    """A BLT file written independently of teller's writer."""
    lines = [f"{len(names)} {seats}"]
    lines += [" ".join([str(w), *(str(c + 1) for c in r), "0"]) + comment for r, w in ballots]
    lines.append("0")
    lines += [f'"{n}"' for n in names]
    lines.append('"Test"')
    return "\n".join(lines) + "\n"
