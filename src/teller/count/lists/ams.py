"""The additional member system: Scottish Parliament regions and the National Assembly for Wales.

Scotland Act 1998 ss. 7-8. For each party with a regional list the regional figure is its
regional votes divided by one plus the constituency seats it won in the region [s. 7(1)(a)],
and for later seats one plus those and the regional seats it has already been allocated
[s. 7(1)(b)]; an individual regional candidate's figure is their votes [s. 7(2)]. Each seat goes
to the highest figure [s. 8(1)-(2)]. An individual candidate already returned is disregarded
[s. 8(3)]; a party's seats are filled from its list in order [s. 8(4)], passing over anyone
already returned as a member [s. 8(5)]; a party whose list is exhausted is disregarded [s. 8(6)].
Equal highest figures: the seat goes to each of them [s. 8(7)]; where that would exceed the
seats to be filled, the tied figures are recalculated with one vote added to each party's (or
candidate's) votes, and if still equal the regional returning officer decides by lot (the rule
as modified under s. 12(2)(f); see docs/lists.md for what was and was not checked verbatim).

The Government of Wales Act 1998 (elections of 1999 and 2003) and 2006 ss. 8-9 (2007 to 2021)
set out the same allocation for the Assembly's electoral regions; s. 9(7) of the 2006 Act gives
a seat to each of equal highest figures, and s. 9(8)-(10) the one-vote recalculation and lot.
"""

from __future__ import annotations

from teller.count.lists.build import list_rule_set
from teller.count.lists.highest_averages import Scheme, TieRule

SCOTLAND_SOURCE = (
    "Scotland Act 1998 ss. 7-8 (regional figures; allocation of seats to regional members); "
    "equal highest figures s. 8(7), recalculated with one vote added, then by lot"
)

SCOTLAND_1998 = list_rule_set(
    method="ams",
    name="scotland-1998",
    title="Additional member system, Scottish Parliament regions (D'Hondt, 7 seats a region)",
    source=SCOTLAND_SOURCE,
    scheme=Scheme(
        "dhondt",
        TieRule.ADDED_VOTE,
        constituencies=True,
        cite={
            "figure": "s. 7",
            "allocate": "s. 8(1)-(2)",
            "returned": "s. 8(3), (5)",
            "exhausted": "s. 8(6)",
            "each": "s. 8(7)",
            "adjust": "s. 8(7)",
            "lot": "s. 8(7)",
        },
    ),
    aliases=("scotland", "scottish-parliament"),
    default=True,
)

WALES_SOURCE = (
    "Government of Wales Act 1998 (1999, 2003) and Government of Wales Act 2006 ss. 8-9 (2007 to "
    "2021): electoral region figures and allocation of seats; equal highest figures s. 9(7), "
    "recalculated with one vote added s. 9(8)-(9), then by lot s. 9(10)"
)

WALES_1998 = list_rule_set(
    method="ams",
    name="wales-1998",
    title="Additional member system, National Assembly for Wales regions 1999-2021 (D'Hondt)",
    source=WALES_SOURCE,
    scheme=Scheme(
        "dhondt",
        TieRule.ADDED_VOTE,
        constituencies=True,
        cite={
            "figure": "2006 s. 8",
            "allocate": "2006 s. 9(1)-(3)",
            "returned": "2006 s. 9(4)",
            "exhausted": "2006 s. 9(6)",
            "each": "2006 s. 9(7)",
            "adjust": "2006 s. 9(8)-(9)",
            "lot": "2006 s. 9(10)",
        },
    ),
    aliases=("wales", "wales-2006"),
)
