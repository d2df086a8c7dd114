"""The calculations of the ERS97 rules that decide without moving papers: the quota, the total
active vote, deferral of surpluses, bulk exclusion and forward ordering. Rule text: Electoral
Reform Society, *How to conduct an election by the Single Transferable Vote*, 3rd ed. (Newland &
Britton, 1997), section 5; paragraph numbers are cited inline. The flow of the count is in
:mod:`teller.count.stv.ers97`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from fractions import Fraction

from teller.arithmetic import Arithmetic, Rounding

History = Sequence[Mapping[int, Fraction]]


def ers_quota(arith: Arithmetic, votes: Fraction, seats: int) -> Fraction:
    """[5.1.6] votes / (seats + 1) to two decimals: exact if the division is exact, otherwise
    the remainder ignored and 0.01 added, which is the division rounded up to 0.01."""
    return arith.div(votes, seats + 1, Rounding.UP)


def total_active_vote(
    valid: int,
    elected: Collection[int],
    totals: Mapping[int, Fraction],
    quota: Fraction,
    non_transferable: Fraction,
) -> Fraction:
    """[5.6.1] the total valid vote, less the quota (or the actual vote if less) of each
    candidate deemed elected, less the non-transferable vote. This equals [6.20]: the votes of
    the continuing candidates plus any votes awaiting transfer."""
    kept = sum((min(totals[c], quota) for c in elected), Fraction(0))
    return Fraction(valid) - kept - non_transferable


def forward_key(candidate: int, history: History) -> tuple[Fraction, ...]:
    """A candidate's votes at the first stage and after each later transfer, in order: comparing
    two keys compares the candidates "at the first stage or at the earliest point in the count,
    after the transfer of a batch of papers, where they had unequal votes" [5.2.3, 5.2.5, 5.6.2].
    """
    return tuple(stage.get(candidate, Fraction(0)) for stage in history)


def first_difference(candidates: Sequence[int], history: History) -> int | None:
    """The stage number (from 1) at which ``candidates`` first had unequal votes, if any."""
    for number, stage in enumerate(history, start=1):
        if len({stage.get(c, Fraction(0)) for c in candidates}) > 1:
            return number
    return None


def forward_groups(candidates: Sequence[int], history: History) -> list[list[int]]:
    """``candidates`` ranked highest first by their earliest differing votes; candidates equal at
    every point share a group."""
    groups: dict[tuple[Fraction, ...], list[int]] = {}
    for c in sorted(candidates):
        groups.setdefault(forward_key(c, history), []).append(c)
    return [groups[k] for k in sorted(groups, reverse=True)]


def display_order(
    candidates: Sequence[int], totals: Mapping[int, Fraction], history: History
) -> list[int]:
    """[5.1.7] descending order of votes; equal votes by their earliest difference, then ballot
    order (the order among candidates all elected at one stage decides nothing)."""
    return sorted(candidates, key=lambda c: (-totals[c], _negated(forward_key(c, history)), c))


def _negated(key: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    return tuple(-v for v in key)


def bulk_exclusion_size(
    ascending: Sequence[Fraction], deferred: Fraction, most: int, *, at_least_one: bool
) -> int:
    """The largest k <= ``most`` such that the k fewest votes, together with ``deferred``
    surpluses, do not exceed the vote of the candidate next above [5.2.5(a)-(b)].

    ``at_least_one``: an exclusion must exclude somebody [5.2.5], so 1 when no larger k fits;
    otherwise (for deferral under [5.2.2]) 0 when no k fits.
    """
    best = 0
    running = deferred
    for k in range(1, min(most, len(ascending) - 1) + 1):
        running += ascending[k - 1]
        if running <= ascending[k]:
            best = k
    if best == 0 and at_least_one:
        return 1
    return best


def may_defer(total_surplus: Fraction, ascending: Sequence[Fraction], most: int) -> bool:
    """[5.2.2] surpluses are deferred if their total does not exceed (a) the difference between
    the votes of the two candidates with fewest votes, or (b) the difference between the total
    votes of two or more candidates with fewest votes who could be excluded under [5.2.5] and
    the vote of the candidate next above: i.e. if some k lowest could be excluded together with
    the surpluses counted as deferred."""
    if most < 1 or len(ascending) < 2:
        return False
    return bulk_exclusion_size(ascending, total_surplus, most, at_least_one=False) >= 1
