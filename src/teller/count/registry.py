"""The table of rule sets. A constant: adding a rule set means adding its module here."""

from __future__ import annotations

from teller.count.base import RuleSet
from teller.count.fptp import BLOCK, FPTP
from teller.count.irv import IRV
from teller.count.stv.scottish import SCOTTISH_2007
from teller.count.sv import SV

RULE_SETS: tuple[RuleSet, ...] = (FPTP, BLOCK, SV, IRV, SCOTTISH_2007)
