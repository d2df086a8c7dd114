"""Closed-list PR: the Senedd from 2026.

Senedd Cymru (Members and Elections) Act 2024, s. 8, substituting ss. 6-9 of the Government of
Wales Act 2006: in each Senedd constituency a voter gives one vote to a registered party's list
(closed, at most eight names) or to an individual candidate; six seats are allocated by D'Hondt.
A party's figure is its votes divided by the seats it has been allocated plus one; an individual
candidate's figure is their votes; a party whose list is used up, or an individual candidate
once allocated a seat, is left out. Equal highest figures are decided by lot (Electoral
Commission, guidance for candidates and agents at Senedd elections, "Allocation of seats").
"""

from __future__ import annotations

from teller.count.lists.build import list_rule_set
from teller.count.lists.highest_averages import Scheme, TieRule

ACT = "2024 Act s. 8"

SOURCE = (
    "Senedd Cymru (Members and Elections) Act 2024 s. 8 (substituting Government of Wales Act "
    "2006 ss. 6-9): closed lists and individual candidates, D'Hondt, equal highest figures "
    "decided by lot"
)

SENEDD_2024 = list_rule_set(
    method="pr-cl",
    name="senedd-2024",
    title="Closed-list PR, D'Hondt (Senedd from 2026)",
    source=SOURCE,
    scheme=Scheme(
        "dhondt",
        TieRule.LOT,
        cite={"allocate": ACT, "exhausted": ACT, "lot": ACT},
    ),
    aliases=("senedd", "wales-2024"),
    default=True,
)
