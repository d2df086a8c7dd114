"""A group minimum (record key ``group_minimum``: at least ``minimum`` seats to ``members``),
re-derived from the record alone.

The rule is teller's published one, as docs/stv.md ("Group minimum") states it for the rule
sets ``wigm``, ``ers97``, ``meek`` and ``meek-prf``:

* [G1] needed = the minimum less the members elected (never below 0); left = seats unfilled;
* [G2] when needed >= left, every continuing non-member is excluded at once (the record says
  so in a ``[G2]`` note on the stage whose totals exclude them) and their papers are
  transferred as an ordinary exclusion of the rule set;
* [G3] a non-member reaching the quota is elected only while a seat stays for each member still
  needed; otherwise passed over (a ``[G3]`` note) and then excluded under [G2];
* [G4] while the continuing members are no more than needed, none of them is excluded: the
  exclusion takes the lowest of the others (ERS97: bulk exclusion and deferral stop below the
  lowest of them);
* [G5] a group with fewer standing members than its minimum cannot be counted.

The rule-set checks (:mod:`.wigm`, :mod:`.ers97`, :mod:`.meek`) ask a :class:`GroupView` at each
decision which candidates [G2] forces out, which [G4] protects and which [G3] passes over, and
judge the rest of the decision by their own rules; :meth:`GroupView.check` then checks what the
record claims for the group: the minimum met, each forced exclusion exactly when and as the
rule requires and recorded as such, no needed member excluded, each passing-over recorded.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from teller.verify.findings import Report
from teller.verify.model import Record, Stage
from teller.verify.status import Timeline, continues_exclusion

GROUP_RULES = frozenset({"wigm", "ers97", "meek", "meek-prf"})
"""STV rule sets that apply a group minimum (docs/stv.md); the Scottish Order has none."""

_NEVER = 10**9


@dataclass(frozen=True, slots=True)
class GroupRule:
    """A contest's group minimum, by candidate name."""

    label: str
    """What the group is (``women``)."""
    members: frozenset[str]
    """The group's candidates."""
    minimum: int
    """Seats the group must win at least."""
    seats: int
    """Seats in the contest."""

    def needed(self, elected: Iterable[str]) -> int:
        """[G1] seats the group still needs."""
        return max(0, self.minimum - sum(1 for c in elected if c in self.members))

    def forced(self, continuing: Collection[str], elected: Collection[str]) -> frozenset[str]:
        """[G2] the continuing non-members to exclude now: every seat left must go to the group
        (nothing, when the continuing candidates already fit the seats left)."""
        left = self.seats - len(elected)
        if left <= 0 or len(continuing) <= left or self.needed(elected) < left:
            return frozenset()
        return frozenset(c for c in continuing if c not in self.members)

    def sift(self, ordered: Sequence[str], elected: Collection[str]) -> tuple[list[str], list[str]]:
        """[G3] candidates reaching the quota, highest first, split into (elected, passed over):
        a non-member is elected only while a seat stays for each member still needed."""
        chosen: list[str] = []
        passed: list[str] = []
        for c in ordered:
            now = [*elected, *chosen]
            if c in self.members or self.needed(now) <= self.seats - len(now) - 1:
                chosen.append(c)
            else:
                passed.append(c)
        return chosen, passed

    def protected(self, continuing: Iterable[str], elected: Iterable[str]) -> frozenset[str]:
        """[G4] continuing members who may not be excluded: the group needs every one."""
        members = frozenset(c for c in continuing if c in self.members)
        return members if len(members) <= self.needed(elected) else frozenset()

    def spare(self, continuing: Iterable[str], elected: Iterable[str]) -> int:
        """[G4] how many continuing members one exclusion may take: as many as leaves the group
        the candidates it still needs (none when it needs every one)."""
        members = sum(1 for c in continuing if c in self.members)
        return max(0, members - self.needed(elected))

    def bulk_limit(
        self,
        totals: Mapping[str, Fraction],
        continuing: Sequence[str],
        elected: Iterable[str],
        most: int,
    ) -> int:
        """ERS97 [G4]: how many of the lowest may go together, when ``most`` could otherwise:
        never past the lowest protected candidate, nor so far that the group is left fewer
        continuing candidates than it needs (equal votes in ballot order, as the count sorts)."""
        spare = self.spare(continuing, elected)
        for i, c in enumerate(sorted(continuing, key=lambda c: totals[c])):
            if c in self.members:
                if spare == 0:
                    return min(most, i)
                spare -= 1
        return most


def read_group(record: Record, report: Report) -> GroupRule | None:
    """The record's group minimum, if it has one that can be read and met [G5]."""
    data = record.group_minimum
    if not data:
        return None
    label, members, minimum = data.get("label"), data.get("members"), data.get("minimum")
    if (
        not isinstance(label, str)
        or not isinstance(members, list)
        or not all(isinstance(m, str) for m in members)
        or not isinstance(minimum, int)
        or isinstance(minimum, bool)
    ):
        report.add(
            None,
            "group-minimum",
            "group_minimum must hold a label (text), members (a list of names) and a minimum "
            f"(a whole number), not {dict(data)!r}",
        )
        return None
    known = {*record.names, *record.withdrawn}
    unknown = sorted(set(members) - known)
    if unknown:
        report.add(
            None, "group-minimum", f"group_minimum names unknown candidates: {', '.join(unknown)}"
        )
        return None
    if not 0 <= minimum <= record.seats:
        report.add(
            None,
            "group-minimum",
            f"a group minimum of {minimum} is not between 0 and the {record.seats} seat(s)",
        )
        return None
    standing = [m for m in members if m in record.names]
    if len(standing) < minimum:
        report.add(
            None,
            "group-minimum",
            f"{len(standing)} standing candidate(s) in {label!r} cannot meet a minimum of "
            f"{minimum}: no count can be made [G5]",
        )
        return None
    return GroupRule(label, frozenset(members), minimum, record.seats)


class GroupView:
    """The group minimum read against one record: what it requires at each decision.

    The decision on stage ``k``'s totals (what happens next) sees the candidates elected up to
    and including stage ``k`` and the others not yet excluded before it. Meek deems the last
    hopefuls elected after that stage's exclusion, so its deemed count as continuing there; an
    ERS97 exclusion's sub-stages are one decision, taken on the totals before the first.
    """

    def __init__(self, rule: GroupRule, record: Record, line: Timeline, *, meek: bool) -> None:
        self.rule = rule
        self.record = record
        self.line = line
        self.meek = meek
        self.passed: dict[int, set[str]] = {}
        """[G3] candidates passed over at each stage, as the rule-set checks found them."""

    # -- the decision on stage k's totals -------------------------------------------------------
    def _late(self, k: int) -> set[str]:
        stage = self.record.stages[k - 1]
        return {c for c, by in stage.elected if by == "deemed"} if self.meek else set()

    def elected(self, k: int) -> list[str]:
        """Elected when the decision on stage ``k``'s totals is taken."""
        late = self._late(k)
        at = self.line.elected_at
        return [c for c in self.record.names if at.get(c, _NEVER) <= k and c not in late]

    def continuing(self, k: int) -> list[str]:
        """Neither elected nor excluded when the decision on stage ``k``'s totals is taken."""
        late = self._late(k)
        at, out = self.line.elected_at, self.line.excluded_at
        return [
            c
            for c in self.record.names
            if (at.get(c, _NEVER) > k or c in late) and out.get(c, _NEVER) >= k
        ]

    def _decides(self, k: int) -> bool:
        stages = self.record.stages
        return (
            self.record.rules != "ers97"
            or k == len(stages)
            or not continues_exclusion(self.record, stages[k])
        )

    def forced(self, k: int) -> frozenset[str]:
        """[G2] who must be excluded on stage ``k``'s totals because of the minimum."""
        if not self._decides(k):
            return frozenset()  # ERS97 finishes an exclusion's sub-stages first
        return self.rule.forced(self.continuing(k), self.elected(k))

    def protected(self, k: int) -> frozenset[str]:
        """[G4] members who may not be excluded on stage ``k``'s totals."""
        return self.rule.protected(self.continuing(k), self.elected(k))

    def sift(
        self, stage: Stage, reaching: Iterable[str], elected: Collection[str], report: Report
    ) -> tuple[list[str], list[str]]:
        """[G3] split the candidates reaching the quota at ``stage`` into (may be elected,
        passed over), highest first; among equal votes those the record elects go first."""
        named = {c for c, _ in stage.elected}
        ordered = sorted(reaching, key=lambda c: (-stage.totals[c], c not in named))
        chosen, passed = self.rule.sift(ordered, elected)
        self.passed.setdefault(stage.number, set()).update(passed)
        for c in passed:
            if c in named:
                report.add(
                    stage.number,
                    "group-passed-over",
                    f"{c} is elected, but the group {self.rule.label} still needs "
                    f"{self.rule.needed(elected)} of the {self.rule.seats - len(elected)} seat(s) "
                    "left, so a candidate outside it who reaches the quota is passed over [G3]",
                )
        return chosen, passed

    # -- what the record claims -----------------------------------------------------------------
    def check(self, report: Report) -> None:
        """The record's own claims about the group (run after the rule-set checks)."""
        rule = self.rule
        won = [c for c in self.line.elected_at if c in rule.members]
        if len(won) < rule.minimum:
            report.add(
                None,
                "group-minimum",
                f"{rule.label} must win at least {rule.minimum} seat(s) but win {len(won)} "
                f"({', '.join(won) or 'none'}) [G1]",
            )
        for stage in self.record.stages:
            self._check_forced(stage, report)
            self._check_protected(stage, report)
            self._check_passed(stage, report)

    def _check_forced(self, stage: Stage, report: Report) -> None:
        k = stage.number
        rule = self.rule
        forced = self.forced(k)
        excluded = set(stage.excluded)
        noted = [t for t in stage.notes if t.startswith("[G2]")]
        if forced and excluded != forced:
            wrong = sorted(excluded & rule.members)
            report.add(
                k,
                "group-exclusion",
                f"{rule.label} need {rule.needed(self.elected(k))} of the "
                f"{rule.seats - len(self.elected(k))} seat(s) left, so every continuing "
                f"candidate outside the group ({', '.join(sorted(forced))}) is excluded on these "
                f"totals, but the record excludes {', '.join(stage.excluded) or 'nobody'}"
                + (f"; {', '.join(wrong)} belong(s) to {rule.label}" if wrong else "")
                + " [G2]",
            )
        elif forced and not noted:
            report.add(
                k,
                "group-exclusion",
                f"{', '.join(sorted(forced))} excluded because every seat left must go to "
                f"{rule.label}, but no [G2] note records why [G2]",
            )
        # A [G2] note or rule on the stage that moves the papers repeats the decision's claim:
        # it holds if that exclusion was forced, and is judged where it was decided if noted there.
        decided = self._decided_at(stage)
        carried = decided is not None and self.forced(decided) == set(stage.action.candidates)
        judged = decided is not None and any(
            t.startswith("[G2]") for t in self.record.stages[decided - 1].notes
        )
        if carried or judged:
            return
        if not forced and noted:
            self._unforced(stage, "notes an exclusion forced by the minimum", report)
        if stage.action.rule == "G2":
            self._unforced(stage, "cites [G2] for its action", report)

    def _decided_at(self, stage: Stage) -> int | None:
        """The earlier stage whose totals excluded the candidates ``stage`` excludes, if any."""
        out = set(stage.action.candidates)
        if stage.action.kind != "exclusion" or not out:
            return None
        at = {self.line.excluded_at.get(c) for c in out}
        (k,) = at if len(at) == 1 else (None,)
        return k if k is not None and k < stage.number else None

    def _unforced(self, stage: Stage, what: str, report: Report) -> None:
        k = stage.number
        rule = self.rule
        elected = self.elected(k)
        report.add(
            k,
            "group-exclusion",
            f"the stage {what}, but no exclusion is forced here: {rule.label} need "
            f"{rule.needed(elected)} with {rule.seats - len(elected)} seat(s) left and "
            f"{len(self.continuing(k))} continuing; only candidates outside the group are "
            "forced out, and only when every seat left must go to it [G2]",
        )

    def _check_protected(self, stage: Stage, report: Report) -> None:
        k = stage.number
        rule = self.rule
        going = [c for c in stage.excluded if c in rule.members]
        continuing, elected = self.continuing(k), self.elected(k)
        if len(going) <= rule.spare(continuing, elected):
            return
        left = sorted(c for c in continuing if c in rule.members and c not in going)
        report.add(
            k,
            "group-protected",
            f"{', '.join(going)} excluded, leaving {rule.label} {len(left)} continuing "
            f"candidate(s) ({', '.join(left) or 'none'}) for the {rule.needed(elected)} seat(s) "
            "they still need: no exclusion may take a member the group needs [G4]",
        )

    def _check_passed(self, stage: Stage, report: Report) -> None:
        k = stage.number
        passed = self.passed.get(k, set())
        noted = [t for t in stage.notes if t.startswith("[G3]")]
        for c in sorted(passed):
            if not any(c in t for t in noted):
                report.add(
                    k,
                    "group-passed-over",
                    f"{c} reaches the quota and is passed over for {self.rule.label}, but no "
                    "[G3] note records it [G3]",
                )
        for t in noted:
            if not any(c in t for c in passed):
                report.add(
                    k,
                    "group-passed-over",
                    f"the note {t!r} records a candidate passed over, but nobody outside "
                    f"{self.rule.label} reaching the quota here is passed over [G3]",
                )
