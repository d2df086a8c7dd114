"""Ties in New Zealand Meek counts: the Ahead At First Difference method and the pseudo-random
number generator of the Local Electoral Regulations 2001, Schedule 1A, Part 5 (clauses 40-48).

The schedule fixes the generator's starting values from the count itself (the number of
candidates, of vacancies and of valid voting documents), so a lot drawn this way needs no seed
and is the same in every count of the same election; the count's seed is not used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from teller.count.base import RecordBuilder
from teller.record import Tie, TieBreak


def prns(candidates: int, vacancies: int, valid: int) -> list[int]:
    """Each candidate's PRN at the first step, in ballot-paper order [41]-[47]."""
    # [42] starting values.
    x = candidates + 5
    y = vacancies
    z = (valid + 1000 * (valid % 10)) % 30323

    def rc() -> int:
        # [43] one pseudo-random whole number.
        nonlocal x, y, z
        x = (171 * x) % 30269
        y = (172 * y) % 30307
        z = (170 * z) % 30323
        return (10000 * x) // 30269 + (10000 * y) // 30307 + (10000 * z) // 30323

    for _ in range(4):
        rc()  # [44] four values generated and discarded
    assigned: list[int] = []
    for _ in range(candidates):
        value = rc()  # [45] / [47] the next value for the next candidate
        while value in assigned:
            value = rc()  # [46] until distinct from every PRN already assigned
        assigned.append(value)
    return assigned


def prn_at_step(base: int, step: int) -> int:
    """[48] from the second step on, each PRN is 10 000 less the previous step's."""
    return base if step % 2 == 1 else 10000 - base


def aafd_then_prn(
    tied: Sequence[int],
    steps: Sequence[Mapping[int, Fraction]],
    step: int,
    rb: RecordBuilder,
    valid: int,
) -> tuple[int, Tie | None, str | None]:
    """[19] the candidate to exclude among ``tied`` (equal lowest): by the AAFD method [40],
    else the lowest PRN [41]-[48] among those the AAFD method left."""
    names = rb.names
    if len(tied) == 1:
        return tied[0], None, None
    remaining = sorted(tied)
    decided_at: int | None = None
    for number, votes in enumerate(steps, start=1):
        values = {c: votes.get(c, Fraction(0)) for c in remaining}
        if len(set(values.values())) > 1:
            # [40] those that did not have more votes than another tied candidate at the
            # earliest step at which the candidates had different numbers of votes.
            low = min(values.values())
            remaining = [c for c in remaining if values[c] == low]
            decided_at = number
            break
    if len(remaining) == 1:
        tie = Tie(
            kind="exclusion",
            candidates=tuple(names[c] for c in sorted(tied)),
            resolved_by=TieBreak.FORWARD,
            chosen=(names[remaining[0]],),
        )
        return remaining[0], tie, f"[19] AAFD method [40]: fewest votes at iteration {decided_at}"
    standing = list(rb.standing)
    base = dict(zip(standing, prns(len(standing), rb.contest.seats, valid), strict=True))
    loser = min(remaining, key=lambda c: prn_at_step(base[c], step))
    tie = Tie(
        kind="exclusion",
        candidates=tuple(names[c] for c in sorted(tied)),
        resolved_by=TieBreak.LOT,
        chosen=(names[loser],),
    )
    shown = ", ".join(f"{names[c]} {prn_at_step(base[c], step)}" for c in remaining)
    return loser, tie, f"[19] lowest PRN at step {step} [41]-[48]: {shown}"
