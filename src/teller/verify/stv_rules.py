"""What differs between STV rule sets, as one small table. The checks in :mod:`.stv` are generic.

Adding a rule set the verifier can vouch for means adding a row here, citing its rules text.
A record whose rule set has no row gets the generic checks and a ``rules-unknown`` finding (see
docs/verify.md for why that is a finding and not silence).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from teller.verify.numbers import truncate


@dataclass(frozen=True, slots=True)
class StvRules:
    """One STV rule set's formulas and choices."""

    name: str
    """The ``rules`` value of records counted under it."""
    source: str
    """Citation of the rules text."""
    arithmetic: str
    """The arithmetic the rules state."""
    criterion: str
    """``reach``: votes equal to the quota elect; ``exceed``: more are needed."""
    quota: Callable[[int, int], Fraction]
    """Quota from (valid papers, seats)."""
    transfer_value: Callable[[Fraction, Fraction, Fraction], Fraction]
    """Transfer value of a surplus parcel from (surplus, value of its papers, candidate's total)."""
    surplus_moves_all: bool
    """Whether a surplus transfer moves every paper the candidate holds (inclusive Gregory)."""
    bulk_exclusion: bool
    """Whether several candidates may be excluded in one stage."""
    tie_direction: str
    """``backward`` (most recent preceding stage) or ``forward`` (first stage)."""
    cite: Mapping[str, str]
    """Rule references by topic, for messages."""


def _droop_plus_one(valid: int, seats: int) -> Fraction:
    # [46] valid papers / (seats + 1), ignoring any decimal places, increased by one.
    return Fraction(valid // (seats + 1) + 1)


def _scottish_tv(surplus: Fraction, value: Fraction, total: Fraction) -> Fraction:
    # [48(3)] A / B, A = surplus x value of the paper when received, B = the candidate's total,
    # "to five decimal places (any remainder being ignored)".
    return truncate(surplus * value / total, 5)


SCOTTISH_2007 = StvRules(
    name="scottish-2007",
    source="Scottish Local Government Elections Order 2007 (SSI 2007/42), Sch. 1 rr. 45-52",
    arithmetic="fixed:5",
    criterion="reach",
    quota=_droop_plus_one,
    transfer_value=_scottish_tv,
    surplus_moves_all=True,
    bulk_exclusion=False,
    tie_direction="backward",
    cite={
        "quota": "46",
        "elect": "47(1)",
        "surplus": "48(1)",
        "tv": "48(3)",
        "order": "49",
        "exclude": "50(1)",
        "exclusion-tv": "50(4)",
        "tie-exclusion": "51",
        "tie-order": "49(2)-(3)",
        "deemed": "52(1)",
        "stop": "52(2)",
    },
)

STV_RULES: dict[str, StvRules] = {r.name: r for r in (SCOTTISH_2007,)}
