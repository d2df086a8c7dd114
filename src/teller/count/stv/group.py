"""A minimum number of seats for a group of candidates (e.g. at least half women), in the count.

The rule applied (published in docs/stv.md, "Group minimum"; issue 3 section 2):

* [G1] ``needed`` = the group's minimum less the group members already elected (never below
  0); ``left`` = seats not yet filled.
* [G2] When ``needed >= left`` every remaining seat must go to the group, so every continuing
  candidate outside the group is excluded at once and their papers are transferred, as in an
  ordinary exclusion of the rule set. The record shows the exclusion and why.
* [G3] A candidate outside the group who reaches the quota is elected only while a seat would
  be left for each member the group still needs; otherwise [G2] applies to them first.
* [G4] While the group's continuing candidates are no more than ``needed``, none of them is
  excluded: the candidate excluded is the lowest among the others.
* [G5] A group with fewer standing candidates than its minimum cannot be satisfied: the count
  refuses to start.

This module decides who is affected; each rule set carries out the exclusion its own way.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from teller.errors import CountError
from teller.model import Contest

RULE_TEXT = "docs/stv.md, Group minimum [G1]-[G5]"


@dataclass(frozen=True, slots=True)
class GroupRule:
    """The group minimum of one contest, by candidate index."""

    label: str
    """What the group is (``women``)."""
    members: frozenset[int]
    """Indices of the group's candidates."""
    minimum: int
    """Seats the group must win at least."""
    seats: int
    """Seats in the contest."""

    @classmethod
    def of(cls, contest: Contest) -> GroupRule | None:
        """The contest's group minimum, checked against the standing candidates [G5]."""
        group = contest.group_minimum
        if group is None:
            return None
        index = {name: i for i, name in enumerate(contest.names)}
        members = frozenset(index[n] for n in group.members)
        standing = members & set(contest.standing)
        if group.minimum < 0 or group.minimum > contest.seats:
            raise CountError(
                f"group minimum {group.minimum} for {group.label!r} must be 0..{contest.seats}"
            )
        if len(standing) < group.minimum:
            raise CountError(
                f"group minimum cannot be met: {len(standing)} standing candidate(s) in "
                f"{group.label!r} for a minimum of {group.minimum} [G5]"
            )
        return cls(group.label, members, group.minimum, contest.seats)

    # -- [G1] -------------------------------------------------------------------------------
    def needed(self, elected: Collection[int]) -> int:
        """Seats the group still needs."""
        return max(0, self.minimum - sum(1 for c in elected if c in self.members))

    # -- [G2] -------------------------------------------------------------------------------
    def must_exclude(self, continuing: Iterable[int], elected: Collection[int]) -> list[int]:
        """Continuing non-members to exclude now because every seat left must go to the group."""
        left = self.seats - len(elected)
        if left <= 0 or self.needed(elected) < left:
            return []
        return sorted(c for c in continuing if c not in self.members)

    # -- [G3] -------------------------------------------------------------------------------
    def may_elect(self, candidate: int, elected: Collection[int]) -> bool:
        """Whether electing ``candidate`` now still leaves a seat for each member needed."""
        if candidate in self.members:
            return True
        return self.needed(elected) <= self.seats - len(elected) - 1

    def filter_elect(
        self, ordered: Sequence[int], elected: Sequence[int]
    ) -> tuple[list[int], list[int]]:
        """Split candidates reaching the quota, highest first, into (elect, pass over) [G3]."""
        chosen: list[int] = []
        passed: list[int] = []
        for c in ordered:
            if self.may_elect(c, [*elected, *chosen]):
                chosen.append(c)
            else:
                passed.append(c)
        return chosen, passed

    # -- [G4] -------------------------------------------------------------------------------
    def protected(self, continuing: Iterable[int], elected: Collection[int]) -> set[int]:
        """Continuing members who may not be excluded: the group needs every one of them."""
        members = {c for c in continuing if c in self.members}
        return members if len(members) <= self.needed(elected) else set()

    # -- notes ------------------------------------------------------------------------------
    def exclusion_note(self, names: Sequence[str], excluded: Sequence[int], elected: int) -> str:
        left = self.seats - elected
        who = ", ".join(names[c] for c in excluded)
        return (
            f"[G2] group minimum: {self.label} need at least {self.minimum} seat(s); the "
            f"{left} seat(s) left must all go to {self.label}, so {who} "
            f"{'is' if len(excluded) == 1 else 'are'} excluded"
        )

    def passed_over_note(self, names: Sequence[str], passed: Sequence[int]) -> str:
        who = ", ".join(names[c] for c in passed)
        return (
            f"[G3] group minimum: {who} reached the quota but the seat(s) left are needed "
            f"for {self.label}"
        )

    def protected_note(self, names: Sequence[str], protected: Iterable[int]) -> str:
        who = ", ".join(names[c] for c in sorted(protected))
        return f"[G4] group minimum: {who} may not be excluded; {self.label} need every one"
