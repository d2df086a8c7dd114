"""What a list count counts: votes for parties and individual candidates, and (for AMS) the
constituency results that came before.

A list ballot is one cross for a party or for an individual (independent) candidate. So a list
count needs no rankings: :class:`RegionVotes` holds each entry's vote total, the party lists of
names where known, and the constituency members already returned. It is the input of
:func:`teller.count.lists.count_lists`.

The generic :func:`teller.count.count` API carries the same facts in a
:class:`~teller.model.Contest` and a :class:`~teller.model.Profile`: one candidate per entry (in
ballot-paper order), one single-preference ballot per vote, and the rest in ``contest.options``
(see :data:`DATA_OPTIONS`). :meth:`RegionVotes.from_contest` and :meth:`RegionVotes.options` go
between the two forms.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from teller.errors import CountError
from teller.model import Candidate, Contest, Profile

#: ``contest.options`` keys that carry list-count data (not rules) on the ``count()`` route.
DATA_OPTIONS: Mapping[str, str] = {
    "independents": "names of the entries that are individual candidates (one-person lists)",
    "lists": "party -> its list of names, in list order",
    "constituencies": "AMS: [{name, elected, party}] constituency members already returned",
    "valid_votes": "all valid list votes, when the entries do not itemise every list",
}


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One party list or individual candidate on the list ballot paper."""

    name: str
    """The party's label, or the individual candidate's name; unique on the paper."""
    votes: int
    """Valid list votes given for it."""
    independent: bool = False
    """An individual candidate: a one-person list that can win one seat at most."""
    members: tuple[str, ...] | None = None
    """The party's list of names in order; None when not given (seats then carry no name)."""

    def __post_init__(self) -> None:
        if not self.name or self.name != self.name.strip():
            raise CountError(f"list entry name {self.name!r} is empty or has outer spaces")
        if self.votes < 0:
            raise CountError(f"{self.name}: votes cannot be negative ({self.votes})")
        if self.independent and self.members is not None:
            raise CountError(f"{self.name}: an individual candidate has no list of names")
        if self.members is not None and len(set(self.members)) != len(self.members):
            raise CountError(f"{self.name}: a name appears twice on the list")


@dataclass(frozen=True, slots=True)
class ConstituencyResult:
    """A constituency member returned before the list seats are allocated (AMS)."""

    constituency: str
    """The constituency."""
    elected: str
    """The member returned."""
    party: str | None
    """The member's party label (as on the list ballot), or None for an independent."""

    @property
    def holder(self) -> str:
        """Who the seat counts for: the party, or the independent member by name."""
        return self.party if self.party is not None else self.elected


@dataclass(frozen=True, slots=True)
class RegionVotes:
    """The list votes of one region (or constituency, or the whole area) and what preceded."""

    entries: tuple[ListEntry, ...]
    """The parties and individual candidates in ballot-paper order."""
    constituencies: tuple[ConstituencyResult, ...] = ()
    """AMS: the constituency members returned in the region."""
    valid_votes: int | None = None
    """All valid list votes, when more than the entries' total (lists not itemised)."""

    def __post_init__(self) -> None:
        if not self.entries:
            raise CountError("a list count needs at least one party or individual candidate")
        names = [e.name for e in self.entries]
        if len(set(names)) != len(names):
            dupes = sorted({n for n in names if names.count(n) > 1})
            raise CountError(f"list entries must be unique; repeated: {', '.join(dupes)}")
        seen = [c.constituency for c in self.constituencies]
        if len(set(seen)) != len(seen):
            raise CountError("a constituency is given twice")
        if self.valid_votes is not None and self.valid_votes < self.itemised:
            raise CountError(
                f"valid_votes {self.valid_votes} is less than the entries' total {self.itemised}"
            )

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(e.name for e in self.entries)

    @property
    def itemised(self) -> int:
        """The entries' total votes."""
        return sum(e.votes for e in self.entries)

    @property
    def total(self) -> int:
        """All valid list votes: ``valid_votes`` when given, else the entries' total."""
        return self.itemised if self.valid_votes is None else self.valid_votes

    def prior_seats(self) -> dict[str, int]:
        """Constituency seats held by each party (or independent member), in order won."""
        held: dict[str, int] = {}
        for c in self.constituencies:
            held[c.holder] = held.get(c.holder, 0) + 1
        return held

    # -- the count() route ----------------------------------------------------------------------
    def candidates(self) -> tuple[Candidate, ...]:
        """The entries as contest candidates (a party's candidate is its own party)."""
        return tuple(Candidate(e.name, None if e.independent else e.name) for e in self.entries)

    def profile(self) -> Profile:
        """One single-preference ballot per vote."""
        return Profile.from_rankings(
            len(self.entries), [((i,), e.votes) for i, e in enumerate(self.entries)]
        )

    def options(self) -> dict[str, Any]:
        """The ``contest.options`` that carry everything but the votes (JSON-compatible)."""
        out: dict[str, Any] = {}
        independents = [e.name for e in self.entries if e.independent]
        if independents:
            out["independents"] = independents
        lists = {e.name: list(e.members) for e in self.entries if e.members is not None}
        if lists:
            out["lists"] = lists
        if self.constituencies:
            out["constituencies"] = [
                {"name": c.constituency, "elected": c.elected, "party": c.party}
                for c in self.constituencies
            ]
        if self.valid_votes is not None:
            out["valid_votes"] = self.valid_votes
        return out

    @classmethod
    def from_contest(cls, contest: Contest, profile: Profile) -> RegionVotes:
        """Read the list votes back from a contest and its single-preference ballots."""
        if profile.n_candidates != len(contest.candidates):
            raise CountError(
                f"the ballots name {profile.n_candidates} entries but the contest has "
                f"{len(contest.candidates)}"
            )
        if contest.withdrawn:
            raise CountError("a list count has no withdrawn candidates: leave the entry out")
        votes = [0] * len(contest.candidates)
        for ranking, weight in profile:
            if len(ranking) > 1:
                raise CountError(
                    "a list ballot is one vote for one party or individual candidate; "
                    f"a ballot here ranks {len(ranking)}"
                )
            if ranking:
                votes[ranking[0]] += weight
        options = contest.options
        independents = set(_strings(options.get("independents", []), "independents"))
        lists = _lists(options.get("lists", {}))
        unknown = (independents | set(lists)) - set(contest.names)
        if unknown:
            raise CountError(f"options name entries not on the ballot: {sorted(unknown)}")
        entries = tuple(
            ListEntry(
                name=c.name,
                votes=votes[i],
                independent=c.name in independents,
                members=lists.get(c.name),
            )
            for i, c in enumerate(contest.candidates)
        )
        valid = options.get("valid_votes")
        if valid is not None and not isinstance(valid, int):
            raise CountError("option valid_votes must be a whole number")
        return cls(entries, _constituencies(options.get("constituencies", [])), valid)


def _strings(value: Any, what: str) -> list[str]:
    if not isinstance(value, Sequence) or isinstance(value, str):
        raise CountError(f"option {what} must be a list of names")
    if not all(isinstance(v, str) for v in value):
        raise CountError(f"option {what} must be a list of names")
    return list(value)


def _lists(value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, Mapping):
        raise CountError("option lists must map each party to its list of names")
    return {str(k): tuple(_strings(v, f"lists[{k!r}]")) for k, v in value.items()}


def _constituencies(value: Any) -> tuple[ConstituencyResult, ...]:
    if not isinstance(value, Sequence) or isinstance(value, str):
        raise CountError("option constituencies must be a list of {name, elected, party}")
    out = []
    for item in value:
        if not isinstance(item, Mapping) or not {"name", "elected"} <= set(item):
            raise CountError("each constituency needs a name and the member elected")
        party = item.get("party")
        out.append(
            ConstituencyResult(
                str(item["name"]), str(item["elected"]), None if party is None else str(party)
            )
        )
    return tuple(out)
