"""The count record: what a count did, stage by stage. Every output is rendered from it.

A count returns one :class:`CountRecord`. It holds :class:`Stage` objects; each stage is the state
after one action (stage 1 is first preferences), with every candidate's total, the cumulative
non-transferable figure, the action taken and any tie and how it was settled. The record's JSON
form (``teller-count/1``, see :mod:`teller.recordjson`) is a stable contract for other tools.

Conventions, matching official UK STV sheets:

* ``Stage.totals`` are the totals *after* that stage's action.
* A candidate is listed in ``Stage.elected`` at the stage whose totals elect them (or, when
  deemed elected, the stage at which that happened).
* A candidate is listed in ``Stage.excluded`` at the last stage at which they still hold votes:
  the exclusion is decided on that stage's totals and their papers move in the next stage, whose
  action is the exclusion.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import Any

FORMAT = "teller-count/1"


class ActionKind(StrEnum):
    """What a stage did."""

    COUNT = "count"
    """FPTP or block vote: the votes were counted; the only stage."""
    FIRST_PREFERENCES = "first-preferences"
    """Stage 1 of a preferential count."""
    SURPLUS = "surplus"
    """A surplus was transferred."""
    EXCLUSION = "exclusion"
    """The papers of one or more excluded candidates were transferred."""
    SECOND_PREFERENCES = "second-preferences"
    """Supplementary Vote: excluded candidates' papers went to their second choice."""
    ITERATION = "iteration"
    """Meek: keep values were recalculated until the surplus was small enough."""
    ALLOCATION = "allocation"
    """List PR: seats were allocated by highest averages."""


class ElectedBy(StrEnum):
    """Why a candidate was declared elected."""

    QUOTA = "quota"
    """Reached (or exceeded, where the rules say so) the quota or majority threshold."""
    DEEMED = "deemed"
    """Continuing candidates equalled the vacancies left; elected without reaching the quota."""
    MOST_VOTES = "most-votes"
    """Plurality: most votes (FPTP, block vote, SV final round)."""
    LOT = "lot"
    """Equal votes for the last seat, settled by lot."""


class TieBreak(StrEnum):
    """How a tie was settled."""

    EARLIER_STAGE = "earlier-stage"
    """The most recent preceding stage at which the tied candidates' totals differed."""
    FORWARD = "forward"
    """The first stage at which the tied candidates' totals differed."""
    LOT = "lot"
    """Drawn by lot from the recorded seed."""
    NOT_NEEDED = "not-needed"
    """Recorded for information: the rules keep every tied candidate (SV second place)."""
    ADJUSTED_FIGURE = "adjusted-figure"
    """List PR: the tied figures were recalculated as the statute directs (one vote added, or
    one more seat) and the highest recalculated figure won; see ``AllocationRound.adjusted``."""


@dataclass(frozen=True, slots=True)
class Tie:
    """Candidates with equal votes where the rules had to choose between them."""

    kind: str
    """What was being decided: ``exclusion``, ``surplus-order``, ``elected-order``, ``winner``,
    ``second-place``, ``seat``."""
    candidates: tuple[str, ...]
    """The tied candidates, as they were considered."""
    resolved_by: TieBreak
    """How the tie was settled."""
    chosen: tuple[str, ...]
    """The outcome: for an exclusion, who is excluded; for an order, the order decided."""
    stage: int | None = None
    """The stage whose totals settled it (earlier-stage / forward)."""
    seed: int | None = None
    """The seed the lot was drawn from (lot only)."""


@dataclass(frozen=True, slots=True)
class Parcel:
    """Papers moved together at one value in a transfer.

    Each continuing candidate named in ``papers`` receives ``papers[name] * transfer_value``
    votes; ``exhausted`` papers have no further usable preference.
    """

    value: Fraction
    """Value of each paper as it stood with the transferring candidate."""
    transfer_value: Fraction
    """Value each paper carries onwards."""
    papers: Mapping[str, int]
    """Papers moved to each continuing candidate."""
    exhausted: int = 0
    """Papers that became non-transferable."""
    origin: int | None = None
    """The stage at which this parcel was received, where the rules transfer by parcel."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "papers", MappingProxyType(dict(self.papers)))


@dataclass(frozen=True, slots=True)
class Action:
    """What was done to reach a stage."""

    kind: ActionKind
    """The kind of action."""
    candidates: tuple[str, ...] = ()
    """Whose surplus was transferred, or who was excluded (empty for first preferences)."""
    surplus: Fraction | None = None
    """The surplus transferred (surplus stages only)."""
    parcels: tuple[Parcel, ...] = ()
    """The papers moved, grouped by value."""
    rule: str | None = None
    """The rule paragraph carried out, e.g. ``48(3)`` or ``5.2.4``."""
    note: str | None = None
    """A short explanation, e.g. ``bulk exclusion`` or ``papers at transfer value 0.5``."""


@dataclass(frozen=True, slots=True)
class Election:
    """A candidate declared elected at a stage."""

    name: str
    """Who."""
    by: ElectedBy
    """Why."""


def _proxy(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True, slots=True)
class Stage:
    """The state after one action."""

    number: int
    """Stage number, from 1 (first preferences)."""
    action: Action
    """What was done to reach this stage."""
    totals: Mapping[str, Fraction]
    """Every candidate's votes after this stage (withdrawn candidates omitted)."""
    changes: Mapping[str, Fraction] = field(default_factory=dict)
    """Each candidate's gain or loss at this stage (empty at stage 1)."""
    exhausted: Fraction = Fraction(0)
    """Cumulative value of papers that became non-transferable."""
    rounding: Fraction = Fraction(0)
    """Cumulative value lost (positive) or gained (negative) to rounding of transfer values."""
    elected: tuple[Election, ...] = ()
    """Candidates declared elected at this stage, in order of election."""
    excluded: tuple[str, ...] = ()
    """Candidates excluded on this stage's totals (their papers move in the next stage)."""
    ties: tuple[Tie, ...] = ()
    """Ties settled at this stage."""
    quota: Fraction | None = None
    """The votes that elect at this stage (STV quota, or IRV's half of the votes in play)."""
    keep_values: Mapping[str, Fraction] | None = None
    """Meek: each candidate's keep value at this stage."""
    notes: tuple[str, ...] = ()
    """Plain-language remarks, e.g. why a group minimum excluded someone."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "totals", _proxy(self.totals))
        object.__setattr__(self, "changes", _proxy(self.changes))
        if self.keep_values is not None:
            object.__setattr__(self, "keep_values", _proxy(self.keep_values))

    @property
    def non_transferable(self) -> Fraction:
        """Cumulative value not with any candidate: exhausted papers plus rounding loss."""
        return self.exhausted + self.rounding


@dataclass(frozen=True, slots=True)
class CandidateInfo:
    """A candidate as the record lists them."""

    name: str
    """Ballot-paper name."""
    party: str | None = None
    """Party or description."""
    gender: str | None = None
    """Gender, where given."""
    withdrawn: bool = False
    """Withdrawn before the count: never credited with votes."""


@dataclass(frozen=True, slots=True)
class AllocationRound:
    """One round of a highest-averages allocation."""

    number: int
    """Round number, from 1."""
    quotients: Mapping[str, Fraction]
    """Each eligible party's (or independent's) quotient this round."""
    awarded: str
    """Who won the seat this round."""
    tie: Tie | None = None
    """A tie for the highest quotient, and how it was settled."""
    adjusted: Mapping[str, Fraction] = field(default_factory=dict)
    """The tied entries' recalculated figures, where the rules settle a tie that way."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "quotients", _proxy(self.quotients))
        object.__setattr__(self, "adjusted", _proxy(self.adjusted))


@dataclass(frozen=True, slots=True)
class Allocation:
    """A list allocation: D'Hondt, Sainte-Laguë or the list half of AMS."""

    divisors: str
    """``dhondt`` or ``sainte-lague``."""
    votes: Mapping[str, int]
    """List votes of each party or independent list candidate."""
    prior_seats: Mapping[str, int]
    """Seats each party already holds before the allocation (AMS constituency seats)."""
    rounds: tuple[AllocationRound, ...]
    """The rounds, one seat each."""
    seats: Mapping[str, int]
    """Seats each party won in this allocation."""
    seats_by_party: Mapping[str, int]
    """Prior seats plus allocated seats."""
    list_elected: tuple[tuple[str, str], ...] = ()
    """``(party, member)`` in order of allocation, where lists of names were given."""
    threshold: Fraction | None = None
    """Share of the vote a party needs to be eligible (London Assembly: 5%), if any."""
    below_threshold: tuple[str, ...] = ()
    """Parties excluded by the threshold."""
    ineligible: tuple[str, ...] = ()
    """Parties or independents not eligible for further seats (list exhausted, independent
    already elected)."""
    independents: tuple[str, ...] = ()
    """Entries in ``votes`` (and keys of ``seats_by_party``) that are individual candidates,
    not parties: one-person lists."""
    constituency_elected: tuple[tuple[str, str, str | None], ...] = ()
    """AMS: ``(constituency, member, party)`` returned for each constituency (party None for an
    independent, who is keyed by name in ``seats_by_party``)."""
    disregarded: tuple[tuple[str, str], ...] = ()
    """``(party, member)`` passed over on a list because already returned as a member."""
    total_votes: int | None = None
    """All valid list votes when more than ``votes`` itemise (the threshold is a share of it);
    None when ``votes`` are complete."""

    def __post_init__(self) -> None:
        for name in ("votes", "prior_seats", "seats", "seats_by_party"):
            object.__setattr__(self, name, _proxy(getattr(self, name)))


@dataclass(frozen=True, slots=True)
class CountRecord:
    """Everything a count did, enough to render any result sheet and to verify the count."""

    method: str
    """Voting-system slug."""
    rules: str
    """Rule-set name."""
    seats: int
    """Vacancies filled."""
    arithmetic: str
    """The arithmetic of the count (``integer``, ``fixed:5``, ``rational``)."""
    candidates: tuple[CandidateInfo, ...]
    """Candidates in ballot-paper order."""
    stages: tuple[Stage, ...]
    """The stages in order."""
    elected: tuple[str, ...]
    """Candidates elected, in order of election."""
    valid_ballots: int
    """Valid ballot papers counted."""
    quota: Fraction | None = None
    """The quota (initial, where it may change), for methods that have one."""
    quota_criterion: str = "reach"
    """``reach``: votes equal to the quota elect; ``exceed``: votes must be more."""
    seed: int | None = None
    """Seed of the random source any lot was drawn from, when one was given."""
    title: str | None = None
    """Contest title."""
    election_id: str | None = None
    """Democracy Club election id."""
    electorate: int | None = None
    """Registered electors, when known."""
    rejected: int | None = None
    """Rejected ballot papers, when known."""
    options: Mapping[str, Any] = field(default_factory=dict)
    """Rule options in force (JSON-compatible values)."""
    profile_sha256: str | None = None
    """Digest of the ballot profile counted."""
    allocation: Allocation | None = None
    """List allocation rounds, for list methods."""
    source: str | None = None
    """Citation of the rules text the count follows."""
    group_minimum: Mapping[str, Any] | None = None
    """``{"label", "members", "minimum"}`` when a group minimum applied."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", _proxy(self.options))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.candidates if not c.withdrawn)

    @property
    def final(self) -> Stage:
        return self.stages[-1]

    def elected_at(self) -> list[tuple[str, int, ElectedBy]]:
        """``(name, stage, reason)`` in order of election."""
        return [(e.name, s.number, e.by) for s in self.stages for e in s.elected]

    def excluded_at(self) -> list[tuple[str, int]]:
        """``(name, stage)`` in order of exclusion (stage = totals the decision was made on)."""
        return [(name, s.number) for s in self.stages for name in s.excluded]
