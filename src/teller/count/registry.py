"""The table of rule sets: a constant index, each rule set's module imported when first used.

Adding a rule set means adding its row here. Importing only the module a count needs keeps
start-up short for the command line (every rule module at once costs about 50 ms). A test checks
that every row agrees with the RuleSet its module defines.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import import_module

from teller.count.base import RuleSet


@dataclass(frozen=True, slots=True)
class Entry:
    """Where a rule set is defined, and the names it answers to."""

    method: str
    """Voting-system slug."""
    name: str
    """Rule-set name."""
    aliases: tuple[str, ...]
    """Other accepted names."""
    default: bool
    """The method's rule set when none is named."""
    module: str
    """Module defining it."""
    attribute: str
    """Name of the RuleSet in that module."""

    def load(self) -> RuleSet:
        return _load(self.module, self.attribute)


@cache
def _load(module: str, attribute: str) -> RuleSet:
    rule_set = getattr(import_module(module), attribute)
    assert isinstance(rule_set, RuleSet)
    return rule_set


ENTRIES: tuple[Entry, ...] = (
    Entry("fptp", "fptp", (), True, "teller.count.fptp", "FPTP"),
    Entry("block", "block", (), True, "teller.count.fptp", "BLOCK"),
    Entry("sv", "sv", (), True, "teller.count.sv", "SV"),
    Entry("irv", "labour", ("av", "irv"), True, "teller.count.irv", "IRV"),
    Entry(
        "stv",
        "scottish-2007",
        ("scottish-2011", "scotland", "scottish"),
        True,
        "teller.count.stv.scottish",
        "SCOTTISH_2007",
    ),
    Entry("stv", "ers97", ("ers", "ers-1997"), False, "teller.count.stv.ers97", "ERS97"),
    Entry("stv", "meek", ("meek-nz", "nz-meek"), False, "teller.count.stv.meek_nz", "MEEK_NZ"),
    Entry("stv", "meek-prf", ("prf-meek",), False, "teller.count.stv.meek_prf", "MEEK_PRF"),
    Entry("stv", "wigm", ("generic", "wigm-generic"), False, "teller.count.stv.generic", "WIGM"),
    Entry(
        "dhondt", "dhondt", ("generic", "jefferson"), True, "teller.count.lists.dhondt", "DHONDT"
    ),
    Entry(
        "sainte-lague",
        "sainte-lague",
        ("generic", "webster"),
        True,
        "teller.count.lists.sainte_lague",
        "SAINTE_LAGUE",
    ),
    Entry(
        "pr-cl",
        "senedd-2024",
        ("senedd", "wales-2024"),
        True,
        "teller.count.lists.prcl",
        "SENEDD_2024",
    ),
    Entry(
        "ams",
        "scotland-1998",
        ("scotland", "scottish-parliament"),
        True,
        "teller.count.lists.ams",
        "SCOTLAND_1998",
    ),
    Entry(
        "ams",
        "london-1999",
        ("london", "gla-1999"),
        False,
        "teller.count.lists.london",
        "LONDON_1999",
    ),
    Entry(
        "ams", "wales-1998", ("wales", "wales-2006"), False, "teller.count.lists.ams", "WALES_1998"
    ),
)


def all_rule_sets() -> tuple[RuleSet, ...]:
    """Every rule set, loaded, in table order."""
    return tuple(entry.load() for entry in ENTRIES)
