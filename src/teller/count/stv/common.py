"""Steps many STV rule sets share, each parameterised by what the rules say.

Rule modules compose these; none of them holds a switch for a particular rule set.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

from teller.count.base import RecordBuilder
from teller.record import ElectedBy, Election, Tie


def order_elected(
    rb: RecordBuilder,
    reached: Sequence[int],
    totals: dict[int, Fraction],
    *,
    direction: str = "backward",
) -> tuple[list[int], list[Tie]]:
    """Order candidates elected at one stage: highest total first; equal totals by earlier stages
    (``direction``), then lot. Ties are recorded only where a choice was actually needed."""
    return rb.ties.order(
        reached, totals, kind="elected-order", history=rb.history(), direction=direction
    )


def reaching(
    totals: dict[int, Fraction],
    continuing: set[int],
    quota: Fraction,
    *,
    exceed: bool = False,
) -> list[int]:
    """Continuing candidates whose votes reach (or, if ``exceed``, are more than) the quota."""
    if exceed:
        return [c for c in continuing if totals[c] > quota]
    return [c for c in continuing if totals[c] >= quota]


def pick_highest(
    rb: RecordBuilder,
    candidates: Sequence[int],
    key: Callable[[int], Fraction],
    *,
    kind: str,
    direction: str,
) -> tuple[int, Tie | None]:
    """The candidate with the highest ``key``; equal highest settled by earlier stages, then lot."""
    best = max(key(c) for c in candidates)
    top = [c for c in candidates if key(c) == best]
    if len(top) == 1:
        return top[0], None
    chosen, tie = rb.ties.pick(
        top, kind=kind, lowest=False, history=rb.history(), direction=direction
    )
    return chosen, tie


def pick_lowest(
    rb: RecordBuilder,
    candidates: Sequence[int],
    totals: dict[int, Fraction],
    *,
    direction: str,
) -> tuple[int, Tie | None]:
    """The continuing candidate with fewest votes; equal lowest by earlier stages, then lot."""
    low = min(totals[c] for c in candidates)
    bottom = [c for c in candidates if totals[c] == low]
    if len(bottom) == 1:
        return bottom[0], None
    chosen, tie = rb.ties.pick(
        bottom, kind="exclusion", lowest=True, history=rb.history(), direction=direction
    )
    return chosen, tie


def elections(candidates: Sequence[int], names: Sequence[str], by: ElectedBy) -> list[Election]:
    return [Election(names[c], by) for c in candidates]
