"""The highest-averages mechanism every list rule set shares: D'Hondt or Sainte-Laguë divisors,
seats already held (AMS), individual candidates, exhausted lists, a threshold, and ties.

Each round gives one seat to the entry with the highest figure (votes / divisor). A party's
divisor counts the seats it already holds: its constituency seats (AMS) plus the list seats it
has won so far. An individual candidate's figure is their votes, undivided; once elected they
are disregarded, as is a party whose list of names has run out. Figures are exact fractions.

Equal highest figures settle as the rule set's :class:`TieRule` says. When every entry in the
tie can still have a seat (no more of them than seats left), each gets one in turn, in
ballot-paper order, and the order changes nothing; only a tie across the last seat(s) needs the
rule. The citations (``Scheme.cite``) name the paragraph each step carries out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from teller.arithmetic import exact_str
from teller.count.lists.votes import RegionVotes
from teller.count.ties import TieBreaker
from teller.errors import CountError
from teller.record import AllocationRound, ElectedBy, Tie, TieBreak


class TieRule(StrEnum):
    """How equal highest figures across the last seat(s) are settled."""

    LOT = "lot"
    """Drawn by lot."""
    ADDED_VOTE = "added-vote"
    """Each tied figure is recalculated with one vote added to the votes; the highest wins; still
    equal, by lot (Scotland Act 1998 s. 8; Government of Wales Act 2006 s. 9)."""
    NEXT_SEAT = "next-seat"
    """Each tied figure is recalculated as though the party had one more seat; the highest wins;
    still equal, by lot (Greater London Authority Act 1999, as its Explanatory Notes put it)."""


@dataclass(frozen=True, slots=True)
class Scheme:
    """How one rule set allocates list seats."""

    divisors: str
    """``dhondt`` (1, 2, 3, ...) or ``sainte-lague`` (1, 3, 5, ...)."""
    tie_rule: TieRule
    """How a tie across the last seat(s) is settled."""
    threshold: Fraction | None = None
    """Share of all valid list votes an entry needs to be considered at all, if any."""
    constituencies: bool = False
    """Whether constituency seats already held count in the divisor (AMS)."""
    cite: Mapping[str, str] = field(default_factory=dict)
    """Paragraph carried out by each step: ``figure``, ``allocate``, ``each``, ``adjust``,
    ``lot``, ``returned``, ``exhausted``, ``threshold`` (missing: none cited)."""

    def __post_init__(self) -> None:
        if self.divisors not in ("dhondt", "sainte-lague"):
            raise ValueError(f"unknown divisors {self.divisors!r}")

    def divisor(self, seats_held: int) -> int:
        """The divisor of a party holding ``seats_held`` seats."""
        return seats_held + 1 if self.divisors == "dhondt" else 2 * seats_held + 1

    def tag(self, step: str) -> str:
        """``" [para]"`` for notes, or empty when the step has no citation."""
        where = self.cite.get(step)
        return f" [{where}]" if where else ""


@dataclass
class Allocated:
    """What the rounds decided (mutable while allocating, read once at the end)."""

    rounds: list[AllocationRound] = field(default_factory=list)
    """The rounds in order."""
    won: dict[str, int] = field(default_factory=dict)
    """List seats each entry won."""
    by: list[tuple[str, ElectedBy]] = field(default_factory=list)
    """Each seat's winner and why, in order."""
    list_elected: list[tuple[str, str]] = field(default_factory=list)
    """``(entry, member)`` for each seat whose member is known."""
    disregarded: list[tuple[str, str]] = field(default_factory=list)
    """``(party, member)`` passed over because already returned."""
    below_threshold: list[str] = field(default_factory=list)
    """Entries under the threshold."""
    ineligible: list[str] = field(default_factory=list)
    """Entries that could take no further seat by the end."""
    notes: list[str] = field(default_factory=list)
    """Plain-language remarks for the record."""


class _Entry:
    """One entry's running state."""

    __slots__ = ("held", "independent", "index", "members", "name", "votes", "won")

    def __init__(self, index: int, name: str, votes: int, independent: bool) -> None:
        self.index = index
        self.name = name
        self.votes = votes
        self.independent = independent
        self.held = 0
        self.won = 0
        self.members: list[str] | None = None


def allocate(votes: RegionVotes, seats: int, scheme: Scheme, seed: int | None) -> Allocated:
    """Allocate ``seats`` list seats among ``votes.entries`` under ``scheme``."""
    if votes.constituencies and not scheme.constituencies:
        raise CountError(
            "constituency results apply to the additional member system only (method ams)"
        )
    out = Allocated(won={e.name: 0 for e in votes.entries})
    entries = _prepare(votes, scheme, out)
    ties = TieBreaker(seed, votes.names)
    for number in range(1, seats + 1):
        open_ = [e for e in entries if _eligible(e)]
        if not open_:
            left = seats - number + 1
            raise CountError(f"{left} seat(s) cannot be filled: every list is exhausted or elected")
        figures = {e.index: _figure(e, scheme) for e in open_}
        best = max(figures.values())
        top = [e for e in open_ if figures[e.index] == best]
        winner, by, tie, adjusted = _settle(top, seats - number + 1, scheme, ties)
        _award(winner, out, by, scheme)
        out.rounds.append(
            AllocationRound(
                number=number,
                quotients={votes.names[i]: f for i, f in figures.items()},
                awarded=winner.name,
                tie=tie,
                adjusted={e.name: v for e, v in adjusted.items()},
            )
        )
    out.ineligible = [
        e.name for e in entries if e.name not in out.below_threshold and not _eligible(e)
    ]
    return out


def _prepare(votes: RegionVotes, scheme: Scheme, out: Allocated) -> list[_Entry]:
    """Running state for each entry: seats held, remaining names, threshold, disregards."""
    prior = votes.prior_seats()
    returned = {c.elected for c in votes.constituencies}
    entries: list[_Entry] = []
    total = votes.total
    for i, e in enumerate(votes.entries):
        state = _Entry(i, e.name, e.votes, e.independent)
        if not e.independent:
            state.held = prior.get(e.name, 0)
        if e.members is not None:
            # A list member already returned for a constituency is no longer on the list.
            state.members = [m for m in e.members if m not in returned]
            for m in e.members:
                if m in returned:
                    out.disregarded.append((e.name, m))
                    out.notes.append(
                        f"{m} ({e.name}) was returned for a constituency and is passed over "
                        f"on the list{scheme.tag('returned')}"
                    )
        if e.independent and e.name in returned:
            state.won = 1  # already a member: disregarded from the start
            out.notes.append(
                f"{e.name} was returned for a constituency and is disregarded"
                f"{scheme.tag('returned')}"
            )
        entries.append(state)
    if scheme.threshold is not None and total > 0:
        for state in entries:
            if Fraction(state.votes, total) < scheme.threshold:
                out.below_threshold.append(state.name)
        if out.below_threshold:
            out.notes.append(
                f"{len(out.below_threshold)} list(s) had less than {_percent(scheme.threshold)} "
                f"of the {total} valid list votes and are not considered"
                f"{scheme.tag('threshold')}: {', '.join(out.below_threshold)}"
            )
        below = set(out.below_threshold)
        entries = [e for e in entries if e.name not in below]
    if votes.valid_votes is not None and votes.valid_votes > votes.itemised:
        out.notes.append(
            f"{votes.valid_votes - votes.itemised} valid list vote(s) went to lists not "
            "itemised in the input; they count towards the total only"
        )
    return entries


def _eligible(e: _Entry) -> bool:
    if e.independent:
        return e.won == 0
    return e.members is None or e.won < len(e.members)


def _figure(e: _Entry, scheme: Scheme) -> Fraction:
    """Votes / divisor; an individual candidate's figure is their votes."""
    if e.independent:
        return Fraction(e.votes)
    return Fraction(e.votes, scheme.divisor(e.held + e.won))


def _settle(
    top: list[_Entry], left: int, scheme: Scheme, ties: TieBreaker
) -> tuple[_Entry, ElectedBy, Tie | None, dict[_Entry, Fraction]]:
    """The round's winner among the entries with the highest figure."""
    if len(top) == 1:
        return top[0], ElectedBy.MOST_VOTES, None, {}
    names = tuple(e.name for e in top)
    if len(top) <= left:
        # Each of them can have a seat: take them in ballot-paper order.
        tie = Tie(kind="seat", candidates=names, resolved_by=TieBreak.NOT_NEEDED, chosen=names)
        return top[0], ElectedBy.MOST_VOTES, tie, {}
    adjusted: dict[_Entry, Fraction] = {}
    remaining = top
    if scheme.tie_rule is not TieRule.LOT:
        for e in top:
            adjusted[e] = _adjusted(e, scheme)
        best = max(adjusted.values())
        remaining = [e for e in top if adjusted[e] == best]
        if len(remaining) == 1:
            tie = Tie(
                kind="seat",
                candidates=names,
                resolved_by=TieBreak.ADJUSTED_FIGURE,
                chosen=(remaining[0].name,),
            )
            return remaining[0], ElectedBy.MOST_VOTES, tie, adjusted
    drawn = ties.draw_order([e.index for e in remaining])[0]
    winner = next(e for e in remaining if e.index == drawn)
    tie = Tie(
        kind="seat",
        candidates=names,
        resolved_by=TieBreak.LOT,
        chosen=(winner.name,),
        seed=ties.seed,
    )
    return winner, ElectedBy.LOT, tie, adjusted


def _adjusted(e: _Entry, scheme: Scheme) -> Fraction:
    """The figure recalculated as the tie rule directs."""
    if scheme.tie_rule is TieRule.ADDED_VOTE:
        if e.independent:
            return Fraction(e.votes + 1)
        return Fraction(e.votes + 1, scheme.divisor(e.held + e.won))
    # NEXT_SEAT: as though one more seat were held (an individual candidate included).
    return Fraction(e.votes, scheme.divisor(e.held + e.won + 1))


def _award(e: _Entry, out: Allocated, by: ElectedBy, scheme: Scheme) -> None:
    if e.independent:
        member: str | None = e.name
    elif e.members is not None:
        member = e.members[e.won]
    else:
        member = None
    e.won += 1
    out.won[e.name] += 1
    out.by.append((e.name, by))
    if member is not None:
        out.list_elected.append((e.name, member))
    if not e.independent and e.members is not None and e.won == len(e.members):
        out.notes.append(f"the {e.name} list is exhausted{scheme.tag('exhausted')}")


def _percent(share: Fraction) -> str:
    return f"{exact_str(share * 100)}%"
