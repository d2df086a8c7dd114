"""List PR and the additional member system: D'Hondt, Sainte-Laguë, closed lists, AMS.

A list count works from list votes, not rankings. Call :func:`count_lists` with a
:class:`RegionVotes`, or :func:`teller.count.count` with one single-preference ballot per vote
and the other facts in ``contest.options`` (see :mod:`teller.count.lists.votes`); both give the
same :class:`~teller.record.CountRecord`, whose ``allocation`` holds every round's quotients.
"""

from __future__ import annotations

from teller.count.lists.ams import SCOTLAND_1998, WALES_1998
from teller.count.lists.build import count_lists
from teller.count.lists.dhondt import DHONDT
from teller.count.lists.highest_averages import Scheme, TieRule, allocate
from teller.count.lists.london import LONDON_1999
from teller.count.lists.prcl import SENEDD_2024
from teller.count.lists.sainte_lague import SAINTE_LAGUE
from teller.count.lists.votes import ConstituencyResult, ListEntry, RegionVotes

LIST_RULE_SETS = (DHONDT, SAINTE_LAGUE, SENEDD_2024, SCOTLAND_1998, LONDON_1999, WALES_1998)
"""The list rule sets, in the order ``teller methods`` lists them."""

__all__ = [
    "DHONDT",
    "LIST_RULE_SETS",
    "LONDON_1999",
    "SAINTE_LAGUE",
    "SCOTLAND_1998",
    "SENEDD_2024",
    "WALES_1998",
    "ConstituencyResult",
    "ListEntry",
    "RegionVotes",
    "Scheme",
    "TieRule",
    "allocate",
    "count_lists",
]
