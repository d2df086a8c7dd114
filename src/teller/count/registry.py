"""The table of rule sets. A constant: adding a rule set means adding its module here."""

from __future__ import annotations

from teller.count.base import RuleSet
from teller.count.fptp import BLOCK, FPTP
from teller.count.irv import IRV
from teller.count.lists import LIST_RULE_SETS
from teller.count.stv.ers97 import ERS97
from teller.count.stv.generic import WIGM
from teller.count.stv.meek_nz import MEEK_NZ
from teller.count.stv.meek_prf import MEEK_PRF
from teller.count.stv.scottish import SCOTTISH_2007
from teller.count.sv import SV

RULE_SETS: tuple[RuleSet, ...] = (
    FPTP,
    BLOCK,
    SV,
    IRV,
    SCOTTISH_2007,
    ERS97,
    MEEK_NZ,
    MEEK_PRF,
    WIGM,
    *LIST_RULE_SETS,
)
