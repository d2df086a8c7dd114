"""Running a list rule set and writing its count record.

Every list rule set is a :class:`~teller.count.base.RuleSet` whose ``run`` reads the
:class:`RegionVotes` back from the contest and its single-preference ballots, allocates with
:func:`~teller.count.lists.highest_averages.allocate`, and records one stage (the list votes and
the seats won) plus the :class:`~teller.record.Allocation`: every round's quotients and the seat
it awarded.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from teller.arithmetic import Arithmetic, parse_number
from teller.count.base import CountContext, RecordBuilder, RuleSet, Runner, check_options
from teller.count.lists.highest_averages import Allocated, Scheme, allocate
from teller.count.lists.votes import DATA_OPTIONS, RegionVotes
from teller.errors import CountError, ModelError
from teller.model import Contest, Profile
from teller.record import Action, ActionKind, Allocation, CountRecord, Election

#: Rule option a generic rule set accepts: a share of the vote below which a list is ignored.
THRESHOLD_OPTION = {"threshold": "share of all valid list votes a list needs, e.g. '0.05'"}


def list_rule_set(
    *,
    method: str,
    name: str,
    title: str,
    source: str,
    scheme: Scheme,
    aliases: tuple[str, ...] = (),
    threshold_option: bool = False,
    default: bool = False,
) -> RuleSet:
    """A registry entry counting ``method`` lists under ``scheme``."""
    options = dict(THRESHOLD_OPTION) if threshold_option else {}
    return RuleSet(
        method=method,
        name=name,
        title=title,
        source=source,
        arithmetic=Arithmetic.rational(),
        run=_runner(name, source, scheme, options),
        aliases=aliases,
        options=options,
        default=default,
    )


def _runner(name: str, source: str, scheme: Scheme, options: Mapping[str, str]) -> Runner:
    def run(contest: Contest, profile: Profile, ctx: CountContext) -> CountRecord:
        check_options(contest, {**DATA_OPTIONS, **options})
        votes = RegionVotes.from_contest(contest, profile)
        used = _with_threshold(scheme, contest.options.get("threshold"))
        allocated = allocate(votes, contest.seats, used, ctx.seed)
        rule_options = {k: contest.options[k] for k in options if k in contest.options}
        return _record(contest, profile, ctx, votes, used, allocated, name, source, rule_options)

    return run


def _with_threshold(scheme: Scheme, value: Any) -> Scheme:
    if value is None:
        return scheme
    if not isinstance(value, str):
        raise CountError("option threshold must be text such as '0.05' or '1/20' (exact)")
    try:
        share = parse_number(value)
    except ModelError as exc:
        raise CountError(f"option threshold: {exc}") from exc
    if not 0 <= share < 1:
        raise CountError(f"option threshold must be a share from 0 up to 1, not {value}")
    return dataclasses.replace(scheme, threshold=share)


def _record(
    contest: Contest,
    profile: Profile,
    ctx: CountContext,
    votes: RegionVotes,
    scheme: Scheme,
    allocated: Allocated,
    name: str,
    source: str,
    rule_options: Mapping[str, Any],
) -> CountRecord:
    rb = RecordBuilder(contest, profile, ctx, rules=name, source=source)
    kind = "D'Hondt" if scheme.divisors == "dhondt" else "Sainte-Laguë"
    rb.add_stage(
        Action(
            ActionKind.ALLOCATION,
            rule=scheme.cite.get("allocate"),
            note=f"{contest.seats} seat(s) by {kind} highest averages",
        ),
        {i: Fraction(e.votes) for i, e in enumerate(votes.entries)},
        elected=[Election(who, by) for who, by in allocated.by],
        ties=[r.tie for r in allocated.rounds if r.tie is not None],
        notes=allocated.notes,
    )
    record = rb.build(valid_ballots=votes.total, options=rule_options)
    return dataclasses.replace(record, allocation=_allocation(votes, scheme, allocated))


def _allocation(votes: RegionVotes, scheme: Scheme, allocated: Allocated) -> Allocation:
    prior = votes.prior_seats()
    combined: dict[str, int] = {}
    for holder in (*votes.names, *prior):
        if holder not in combined:
            combined[holder] = prior.get(holder, 0) + allocated.won.get(holder, 0)
    independents = [e.name for e in votes.entries if e.independent]
    independents += [c.elected for c in votes.constituencies if c.party is None]
    return Allocation(
        divisors=scheme.divisors,
        votes={e.name: e.votes for e in votes.entries},
        prior_seats=prior,
        rounds=tuple(allocated.rounds),
        seats=dict(allocated.won),
        seats_by_party={k: v for k, v in combined.items() if v},
        list_elected=tuple(allocated.list_elected),
        threshold=scheme.threshold,
        below_threshold=tuple(allocated.below_threshold),
        ineligible=tuple(allocated.ineligible),
        independents=tuple(dict.fromkeys(independents)),
        constituency_elected=tuple(
            (c.constituency, c.elected, c.party) for c in votes.constituencies
        ),
        disregarded=tuple(allocated.disregarded),
        total_votes=votes.valid_votes if votes.total > votes.itemised else None,
    )


def count_lists(contest: Contest, votes: RegionVotes, *, seed: int | None = None) -> CountRecord:
    """Count ``votes`` under ``contest.method`` / ``contest.rules`` (a list method).

    The contest gives the method, rules, seats and titles; its candidates, when given, must be
    the entries of ``votes`` in order (leave them empty to take them from ``votes``). The count
    runs through :func:`teller.count.count`, so both routes give the same record.
    """
    from teller.count import count  # the package imports this module: import when called

    candidates = votes.candidates()
    if contest.candidates and contest.names != votes.names:
        raise CountError("the contest's candidates are not the list entries, in order")
    data = votes.options()
    clash = sorted(set(data) & set(contest.options))
    if clash:
        raise CountError(f"the contest options already carry list data: {', '.join(clash)}")
    full = contest.replace(candidates=candidates, options={**contest.options, **data})
    return count(full, votes.profile(), seed=seed)
