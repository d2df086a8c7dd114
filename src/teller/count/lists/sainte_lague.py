"""Sainte-Laguë highest averages, generic: divisors 1, 3, 5, ... (twice the seats won, plus one).

No UK statute uses it for seats (the Electoral Commission used it to share MEP seats among
regions); offered for comparison. Ties as :mod:`teller.count.lists.dhondt`.
"""

from __future__ import annotations

from teller.count.lists.build import list_rule_set
from teller.count.lists.highest_averages import Scheme, TieRule

SOURCE = (
    "Sainte-Laguë highest averages (divisors 1, 3, 5, ...); equal highest figures across the "
    "last seat settled by lot. Generic rules, no statute."
)

SAINTE_LAGUE = list_rule_set(
    method="sainte-lague",
    name="sainte-lague",
    title="Sainte-Laguë highest averages (generic party lists)",
    source=SOURCE,
    scheme=Scheme("sainte-lague", TieRule.LOT),
    aliases=("generic", "webster"),
    threshold_option=True,
    default=True,
)
