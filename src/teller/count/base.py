"""What every rule set shares: registry entries, the count context, record building."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from teller.arithmetic import Arithmetic
from teller.count.ties import TieBreaker
from teller.errors import CountError
from teller.model import Contest, Profile
from teller.record import (
    Action,
    CandidateInfo,
    CountRecord,
    Election,
    Stage,
    Tie,
)

Ballots = list[tuple[tuple[int, ...], int]]
"""Rankings (candidate indices, withdrawn candidates removed) with their weights."""


@dataclass(frozen=True, slots=True)
class CountContext:
    """Per-count inputs that are not the contest or the ballots."""

    arithmetic: Arithmetic
    """The arithmetic this count uses."""
    seed: int | None = None
    """Seed for any lot; None means a lot raises :class:`~teller.errors.LotRequired`."""
    engine: str = "auto"
    """Paper-moving engine: ``reference`` (plain Python), ``fast`` (NumPy) or ``auto`` (fast on
    large profiles). Both give identical records; rule sets without a fast engine ignore it."""


Runner = Callable[[Contest, Profile, CountContext], CountRecord]


@dataclass(frozen=True, slots=True)
class RuleSet:
    """A registered rule set: how a method is counted under one set of rules."""

    method: str
    """Voting-system slug this rule set counts."""
    name: str
    """Rule-set name (``scottish-2007``)."""
    title: str
    """Human title."""
    source: str
    """Legal or published source of the rules text."""
    arithmetic: Arithmetic
    """The arithmetic the rules state."""
    run: Runner
    """The count."""
    aliases: tuple[str, ...] = ()
    """Other names accepted for this rule set."""
    options: Mapping[str, str] = field(default_factory=dict)
    """Options this rule set accepts, with a one-line description each."""
    default: bool = False
    """Whether this is the method's rule set when none is named."""


def standing_ballots(contest: Contest, profile: Profile) -> Ballots:
    """The profile's rankings with withdrawn candidates struck out, as plain tuples."""
    if profile.n_candidates != len(contest.candidates):
        raise CountError(
            f"the ballots name {profile.n_candidates} candidates but the contest has "
            f"{len(contest.candidates)}"
        )
    withdrawn = contest.withdrawn
    if not withdrawn:
        return list(profile)
    return [(tuple(c for c in r if c not in withdrawn), w) for r, w in profile]


def check_options(contest: Contest, allowed: Mapping[str, str]) -> None:
    unknown = set(contest.options) - set(allowed)
    if unknown:
        known = ", ".join(sorted(allowed)) or "none"
        raise CountError(
            f"unknown option(s) for {contest.method}: {', '.join(sorted(unknown))} "
            f"(this rule set accepts: {known})"
        )


class RecordBuilder:
    """Collects stages and produces the :class:`CountRecord` of one count."""

    def __init__(
        self,
        contest: Contest,
        profile: Profile,
        ctx: CountContext,
        *,
        rules: str,
        source: str,
    ) -> None:
        self.contest = contest
        self.profile = profile
        self.ctx = ctx
        self.rules = rules
        self.source = source
        self.names: tuple[str, ...] = contest.names
        self.standing: tuple[int, ...] = contest.standing
        self.stages: list[Stage] = []
        self.elected: list[int] = []
        self.ties = TieBreaker(ctx.seed, self.names)
        self._last_totals: dict[int, Fraction] = {}

    # -- stage building -------------------------------------------------------------------------
    def history(self) -> list[dict[int, Fraction]]:
        """Totals of every stage so far, by candidate index, oldest first."""
        index = {n: i for i, n in enumerate(self.names)}
        return [{index[n]: v for n, v in s.totals.items()} for s in self.stages]

    def add_stage(
        self,
        action: Action,
        totals: Mapping[int, Fraction],
        *,
        exhausted: Fraction = Fraction(0),
        rounding: Fraction = Fraction(0),
        elected: Sequence[Election] = (),
        excluded: Sequence[int] = (),
        ties: Sequence[Tie] = (),
        quota: Fraction | None = None,
        keep_values: Mapping[int, Fraction] | None = None,
        notes: Sequence[str] = (),
    ) -> Stage:
        names = self.names
        full = {c: Fraction(totals.get(c, 0)) for c in self.standing}
        changes = (
            {names[c]: full[c] - self._last_totals.get(c, Fraction(0)) for c in self.standing}
            if self.stages
            else {}
        )
        stage = Stage(
            number=len(self.stages) + 1,
            action=action,
            totals={names[c]: full[c] for c in self.standing},
            changes=changes,
            exhausted=exhausted,
            rounding=rounding,
            elected=tuple(elected),
            excluded=tuple(names[c] for c in excluded),
            ties=tuple(ties),
            quota=quota,
            keep_values=None
            if keep_values is None
            else {names[c]: v for c, v in keep_values.items()},
            notes=tuple(notes),
        )
        self.stages.append(stage)
        self._last_totals = full
        return stage

    def amend_last(self, **changes: Any) -> None:
        """Replace fields of the latest stage (e.g. add candidates deemed elected to it)."""
        last = self.stages[-1]
        values = {name: getattr(last, name) for name in last.__dataclass_fields__}
        values.update(changes)
        self.stages[-1] = Stage(**values)

    # -- finishing ------------------------------------------------------------------------------
    def build(
        self,
        *,
        quota: Fraction | None = None,
        quota_criterion: str = "reach",
        valid_ballots: int,
        options: Mapping[str, Any] | None = None,
    ) -> CountRecord:
        contest = self.contest
        elected = tuple(e.name for s in self.stages for e in s.elected)
        candidates = tuple(
            CandidateInfo(
                name=c.name, party=c.party, gender=c.gender, withdrawn=i in contest.withdrawn
            )
            for i, c in enumerate(contest.candidates)
        )
        group = contest.group_minimum
        return CountRecord(
            method=contest.method,
            rules=self.rules,
            seats=contest.seats,
            arithmetic=self.ctx.arithmetic.describe(),
            candidates=candidates,
            stages=tuple(self.stages),
            elected=elected,
            valid_ballots=valid_ballots,
            quota=quota,
            quota_criterion=quota_criterion,
            seed=self.ctx.seed,
            title=contest.title,
            election_id=str(contest.election_id) if contest.election_id else None,
            electorate=contest.electorate,
            rejected=contest.rejected,
            options=dict(options if options is not None else contest.options),
            profile_sha256=self.profile.digest(),
            source=self.source,
            group_minimum=None
            if group is None
            else {
                "label": group.label,
                "members": sorted(group.members),
                "minimum": group.minimum,
            },
        )


def require_candidates(contest: Contest, *, at_least: int | None = None) -> None:
    standing = len(contest.standing)
    need = contest.seats if at_least is None else at_least
    if standing < need:
        raise CountError(
            f"{standing} candidate(s) standing for {contest.seats} seat(s): nothing to count"
        )
