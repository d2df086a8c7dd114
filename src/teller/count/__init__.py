"""The counting core: pure functions from a contest and its ballots to a count record.

No I/O, no global state. The ballot service and the results pillar call :func:`count` in
process and read the :class:`~teller.record.CountRecord` it returns.

>>> from teller import Candidate, Contest, Profile, count
>>> contest = Contest((Candidate("Ann"), Candidate("Bob")), method="fptp")
>>> record = count(contest, Profile.from_rankings(2, [((0,), 3), ((1,), 2)]))
>>> record.elected
('Ann',)
"""

from __future__ import annotations

from teller.arithmetic import Arithmetic
from teller.count.base import CountContext, RuleSet
from teller.count.registry import ENTRIES, all_rule_sets
from teller.errors import UnknownMethod
from teller.model import Contest, Profile
from teller.record import CountRecord

__all__ = ["CountContext", "RuleSet", "count", "get_rule_set", "rule_sets"]


def rule_sets() -> tuple[RuleSet, ...]:
    """Every registered rule set, in the order ``teller methods`` lists them."""
    return all_rule_sets()


def get_rule_set(method: str, rules: str | None = None) -> RuleSet:
    """The rule set for ``method`` named ``rules`` (or the method's default).

    Only that rule set's module is imported.
    """
    method = method.lower()
    entries = [e for e in ENTRIES if e.method == method]
    if not entries:
        known = ", ".join(sorted({e.method for e in ENTRIES}))
        raise UnknownMethod(f"unknown method {method!r}; known methods: {known}")
    if rules is None:
        return next((e for e in entries if e.default), entries[0]).load()
    for e in entries:
        if rules == e.name or rules in e.aliases:
            return e.load()
    known = ", ".join(e.name for e in entries)
    raise UnknownMethod(f"method {method!r} has no rule set {rules!r}; it has: {known}")


def count(
    contest: Contest,
    profile: Profile,
    *,
    seed: int | None = None,
    arithmetic: Arithmetic | None = None,
    engine: str = "auto",
) -> CountRecord:
    """Count ``profile`` under ``contest.method`` / ``contest.rules``.

    ``seed`` feeds any lot the rules require (recorded in the result); without one a needed lot
    raises :class:`~teller.errors.LotRequired`. ``arithmetic`` overrides the rule set's own
    (for rule sets that allow a choice, e.g. generic WIGM); statutory rule sets keep theirs.
    ``engine`` chooses how papers move: ``reference``, ``fast`` (NumPy) or ``auto``; the record
    is the same whichever runs.
    """
    rule_set = get_rule_set(contest.method, contest.rules)
    ctx = CountContext(arithmetic=arithmetic or rule_set.arithmetic, seed=seed, engine=engine)
    return rule_set.run(contest, profile, ctx)
