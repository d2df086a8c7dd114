"""The verifier's own reading of a count record: plain typed values, nothing from the counter.

:mod:`teller.verify.schema` builds these from the JSON dict after checking its shape, so the
checks can rely on every name being a known candidate and every figure an exact number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from teller.verify.numbers import Arith


@dataclass(frozen=True, slots=True)
class Parcel:
    """Papers moved together at one value."""

    value: Fraction
    """Value of each paper as the transferring candidate held it."""
    transfer_value: Fraction
    """Value each paper carries onwards."""
    papers: Mapping[str, int]
    """Papers passed to each receiving candidate."""
    exhausted: int
    """Papers with no next available preference."""


@dataclass(frozen=True, slots=True)
class Action:
    """What a stage did."""

    kind: str
    """``count``, ``first-preferences``, ``surplus``, ``exclusion``, ``second-preferences``,
    ``iteration`` or ``allocation``."""
    candidates: tuple[str, ...]
    """Whose surplus moved, or who was excluded."""
    surplus: Fraction | None
    """The surplus transferred (surplus stages)."""
    parcels: tuple[Parcel, ...]
    """The papers moved."""
    rule: str | None = None
    """The rule the record cites for the action (read only by the group-minimum checks)."""


@dataclass(frozen=True, slots=True)
class Tie:
    """A recorded tie and how it was settled."""

    kind: str
    """What was being decided (``exclusion``, ``surplus-order``, ``seat``, ``winner``, ...)."""
    candidates: tuple[str, ...]
    """The tied candidates."""
    resolved_by: str
    """``earlier-stage``, ``forward``, ``lot`` or ``not-needed``."""
    chosen: tuple[str, ...]
    """The outcome."""
    stage: int | None
    """The stage whose totals settled it, where one did."""
    seed: int | None
    """The seed a lot was drawn from."""


@dataclass(frozen=True, slots=True)
class Stage:
    """The state after one action."""

    number: int
    """Stage number, from 1."""
    action: Action
    """What was done to reach it."""
    totals: Mapping[str, Fraction]
    """Every standing candidate's votes after the action."""
    changes: Mapping[str, Fraction]
    """Each candidate's gain or loss at this stage (empty at stage 1)."""
    non_transferable: Fraction
    """Cumulative votes with no candidate."""
    exhausted: Fraction
    """Cumulative value of non-transferable papers."""
    rounding: Fraction
    """Cumulative value lost to rounding."""
    elected: tuple[tuple[str, str], ...]
    """``(name, by)`` declared elected at this stage."""
    excluded: tuple[str, ...]
    """Excluded on this stage's totals."""
    ties: tuple[Tie, ...]
    """Ties settled at this stage."""
    quota: Fraction | None
    """The votes that elect at this stage, where the method has a quota."""
    keep_values: Mapping[str, Fraction] | None
    """Meek keep values."""
    notes: tuple[str, ...] = ()
    """The record's notes on the stage (read only by the group-minimum checks)."""


@dataclass(frozen=True, slots=True)
class Round:
    """One round of a highest-averages allocation."""

    number: int
    """Round number, from 1."""
    quotients: Mapping[str, Fraction]
    """Each eligible party's quotient."""
    awarded: str
    """Who won the seat."""
    tie: Tie | None
    """A tie for the highest quotient."""
    adjusted: Mapping[str, Fraction]
    """The tied figures recalculated, where the rule does that."""


@dataclass(frozen=True, slots=True)
class Allocation:
    """A list allocation."""

    divisors: str
    """``dhondt`` or ``sainte-lague``."""
    votes: Mapping[str, int]
    """List votes."""
    prior_seats: Mapping[str, int]
    """Seats held before the allocation."""
    rounds: tuple[Round, ...]
    """One seat per round."""
    seats: Mapping[str, int]
    """Seats won in the allocation."""
    seats_by_party: Mapping[str, int]
    """Prior plus allocated seats."""
    threshold: Fraction | None
    """Vote share a party needs, if any."""
    below_threshold: tuple[str, ...]
    """Parties under the threshold."""
    ineligible: tuple[str, ...]
    """Parties not eligible for further seats at the end."""
    independents: frozenset[str]
    """Entries (and seat holders) that are individual candidates, not parties."""
    constituency_elected: tuple[tuple[str, str, str | None], ...]
    """``(constituency, member, party or None)``: seats held before the allocation (AMS)."""
    total_votes: int | None
    """All valid list votes, when the entries do not itemise every list."""


@dataclass(frozen=True, slots=True)
class Record:
    """A whole count record."""

    method: str
    """Voting-system slug."""
    rules: str
    """Rule-set name."""
    seats: int
    """Vacancies."""
    arith: Arith
    """The declared arithmetic."""
    quota: Fraction | None
    """The record's quota, if the method has one."""
    quota_criterion: str
    """``reach`` or ``exceed``."""
    elected: tuple[str, ...]
    """Elected, in order."""
    elected_at: tuple[tuple[str, int, str], ...]
    """``(name, stage, by)`` as the summary lists them."""
    excluded: tuple[tuple[str, int], ...]
    """``(name, stage)`` as the summary lists them."""
    valid_ballots: int
    """Valid papers."""
    names: tuple[str, ...]
    """Standing candidates in ballot-paper order."""
    withdrawn: frozenset[str]
    """Withdrawn candidates."""
    stages: tuple[Stage, ...]
    """The stages, numbered 1..n."""
    seed: int | None
    """Seed of any lot."""
    options: Mapping[str, Any]
    """Rule options in force."""
    allocation: Allocation | None
    """List allocation, for list methods."""
    group_minimum: Mapping[str, Any] | None = None
    """A group minimum the count applied, if any."""

    def show(self, x: Fraction) -> str:
        """A figure as this record's arithmetic writes it."""
        return self.arith.show(x)

    def previous(self, stage: Stage) -> Stage:
        """The stage before ``stage`` (stage numbers are checked to be 1..n)."""
        return self.stages[stage.number - 2]
