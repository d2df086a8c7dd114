"""D'Hondt highest averages, generic: divisors 1, 2, 3, ... (seats won plus one).

No statute: the textbook method, for party lists and one-person (independent) lists alike. An
optional ``threshold`` option ignores lists under a share of the valid votes. Equal highest
figures across the last seat are settled by lot from the recorded seed; a tie that every tied
list survives (no more of them than seats left) needs no lot.
"""

from __future__ import annotations

from teller.count.lists.build import list_rule_set
from teller.count.lists.highest_averages import Scheme, TieRule

SOURCE = (
    "D'Hondt highest averages (divisors 1, 2, 3, ...); equal highest figures across the last "
    "seat settled by lot. Generic rules, no statute."
)

DHONDT = list_rule_set(
    method="dhondt",
    name="dhondt",
    title="D'Hondt highest averages (generic party lists)",
    source=SOURCE,
    scheme=Scheme("dhondt", TieRule.LOT),
    aliases=("generic", "jefferson"),
    threshold_option=True,
    default=True,
)
