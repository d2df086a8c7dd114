"""What differs between STV rule sets, as one small table. The checks in :mod:`.stv` (and the
ERS97 sequence in :mod:`.ers97`) are generic; the formulas are here.

Adding a rule set the verifier can vouch for means adding a row, citing its rules text. A record
whose rule set has no row gets the generic checks and a ``rules-unknown`` finding (see
docs/verify.md for why that is a finding and not silence). Meek rule sets are listed in
:data:`MEEK_RULES`: their records are checked by :mod:`.meek`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from teller.verify.model import Parcel, Record
from teller.verify.numbers import truncate


@dataclass(frozen=True, slots=True)
class StvRules:
    """One STV rule set's formulas and choices."""

    name: str
    """The ``rules`` value of records counted under it."""
    source: str
    """Citation of the rules text."""
    arithmetic: Callable[[str], bool]
    """Whether the rules allow the record's declared arithmetic."""
    quota: Callable[[Record], Fraction]
    """The (initial) quota of a record."""
    criterion: Callable[[Record], str]
    """``reach``: votes equal to the quota elect; ``exceed``: more are needed."""
    transfer_value: Callable[[Record, Fraction, Fraction, Parcel], Fraction]
    """Transfer value of a surplus parcel from (record, surplus, candidate's total, parcel)."""
    surplus_papers: str
    """``all`` papers move with a surplus (inclusive Gregory) or the ``last-batch`` (ERS97)."""
    tie_direction: str
    """``backward`` (most recent preceding stage first) or ``forward`` (first stage first)."""
    cite: Mapping[str, str]
    """Rule references by topic, for messages."""


def _places(record: Record) -> int | None:
    return record.arith.places


def _round_up(x: Fraction, places: int) -> Fraction:
    cut = truncate(x, places)
    return cut if cut == x else cut + Fraction(1, 10**places)


# -- Scottish Local Government Elections Order 2007 --------------------------------------------


def _droop_plus_one(record: Record) -> Fraction:
    # [46] valid papers / (seats + 1), ignoring any decimal places, increased by one.
    return Fraction(record.valid_ballots // (record.seats + 1) + 1)


def _scottish_tv(record: Record, surplus: Fraction, total: Fraction, parcel: Parcel) -> Fraction:
    # [48(3)] A / B, A = surplus x value of the paper when received, B = the candidate's total,
    # "to five decimal places (any remainder being ignored)".
    return truncate(surplus * parcel.value / total, 5)


SCOTTISH_2007 = StvRules(
    name="scottish-2007",
    source="Scottish Local Government Elections Order 2007 (SSI 2007/42), Sch. 1 rr. 45-52",
    arithmetic=lambda a: a == "fixed:5",
    quota=_droop_plus_one,
    criterion=lambda record: "reach",
    transfer_value=_scottish_tv,
    surplus_papers="all",
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

# -- generic weighted inclusive Gregory (teller's published rules, docs/stv.md [W1]-[W7]) -------


def _wigm_quota(record: Record) -> Fraction:
    # [W2] droop: floor(v / (s + 1)) + 1; exact: v / (s + 1).
    if record.options.get("quota") == "exact":
        return Fraction(record.valid_ballots, record.seats + 1)
    return _droop_plus_one(record)


def _wigm_tv(record: Record, surplus: Fraction, total: Fraction, parcel: Parcel) -> Fraction:
    # [W4] value x surplus / total, rounded down to the arithmetic (exact when rational).
    tv = parcel.value * surplus / total
    places = _places(record)
    return tv if places is None else truncate(tv, places)


WIGM = StvRules(
    name="wigm",
    source="teller's generic weighted inclusive Gregory method, docs/stv.md [W1]-[W7]",
    arithmetic=lambda a: a == "rational" or a.startswith("fixed:"),
    quota=_wigm_quota,
    criterion=lambda record: "exceed" if record.options.get("quota") == "exact" else "reach",
    transfer_value=_wigm_tv,
    surplus_papers="all",
    tie_direction="backward",
    cite={
        "quota": "W2",
        "elect": "W3",
        "surplus": "W4",
        "tv": "W4",
        "order": "W4",
        "exclude": "W5",
        "exclusion-tv": "W5",
        "tie-exclusion": "W6",
        "tie-order": "W6",
        "deemed": "W7",
        "stop": "W7",
    },
)

# -- ERS97 (Newland & Britton 1997), as docs/stv.md states it ----------------------------------


def _ers97_quota(record: Record) -> Fraction:
    # [5.1.6] valid / (seats + 1) to two decimals, rounded up unless exact.
    return _round_up(Fraction(record.valid_ballots, record.seats + 1), 2)


def _ers97_tv(record: Record, surplus: Fraction, total: Fraction, parcel: Parcel) -> Fraction:
    # [5.3.7] surplus / transferable papers to two decimals, remainder ignored, if the
    # transferable papers are worth more than the surplus; otherwise their own value.
    transferable = sum(parcel.papers.values())
    if transferable * parcel.value > surplus:
        return truncate(surplus / transferable, 2)
    return parcel.value


ERS97 = StvRules(
    name="ers97",
    source="ERS, How to conduct an election by STV, 3rd ed. (Newland & Britton 1997), s. 5",
    arithmetic=lambda a: a == "fixed:2",
    quota=_ers97_quota,
    criterion=lambda record: "reach",
    transfer_value=_ers97_tv,
    surplus_papers="last-batch",
    tie_direction="forward",
    cite={
        "quota": "5.1.6",
        "elect": "5.1.7",
        "surplus": "5.3.1-5.3.2",
        "tv": "5.3.7",
        "order": "5.2.3",
        "defer": "5.2.2",
        "exclude": "5.2.5",
        "exclusion-tv": "5.4",
        "tie-exclusion": "5.2.5",
        "tie-order": "5.2.3",
        "deemed": "5.5.1",
        "stop": "5.5.2",
    },
)

STV_RULES: dict[str, StvRules] = {r.name: r for r in (SCOTTISH_2007, WIGM, ERS97)}

MEEK_RULES = frozenset({"meek", "meek-prf"})
"""Meek rule sets: checked by :mod:`teller.verify.meek` (keep values, quota, conservation)."""
