"""The London Assembly's eleven London members: AMS with a 5% threshold.

Greater London Authority Act 1999 s. 4 and Sch. 2 Part II. A party's London figure is its London
votes divided by one plus the Assembly constituency seats its candidates won and the London
member seats it has already been allocated; an individual candidate's figure is their London
votes. Each seat goes to the highest London figure. A party or individual candidate with less
than 5% of the total London votes is not allocated any seat [Sch. 2 para 7]. Should two figures
tie for the last seat, they are recalculated as though each party had one more seat and the
higher takes it; if the tie continues, it is settled by lot (Explanatory Notes, para 53: the
statutory text itself was not retrieved, see docs/lists.md).
"""

from __future__ import annotations

from fractions import Fraction

from teller.count.lists.build import list_rule_set
from teller.count.lists.highest_averages import Scheme, TieRule

SCHEDULE = "Sch. 2 Pt II"

SOURCE = (
    "Greater London Authority Act 1999 s. 4 and Sch. 2 Part II (London figures, 5% threshold in "
    "para 7); a tie for the last seat recalculated as though each party had one more seat, then "
    "by lot (Explanatory Notes para 53)"
)

LONDON_1999 = list_rule_set(
    method="ams",
    name="london-1999",
    title="Additional member system, London Assembly (11 London members, 5% threshold)",
    source=SOURCE,
    scheme=Scheme(
        "dhondt",
        TieRule.NEXT_SEAT,
        threshold=Fraction(5, 100),
        constituencies=True,
        cite={
            "figure": SCHEDULE,
            "allocate": SCHEDULE,
            "threshold": "Sch. 2 para 7",
            "exhausted": SCHEDULE,
            "adjust": "EN para 53",
            "lot": "EN para 53",
        },
    ),
    aliases=("london", "gla-1999"),
)
