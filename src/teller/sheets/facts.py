"""What every sheet says the same way: numbers, percentages, titles, outcomes, poll facts.

Votes are shown exactly as the record's arithmetic writes them
(:meth:`teller.arithmetic.Arithmetic.format`); human sheets only add thousands separators to
that text, never re-round it. Percentages are the one approximation: they are computed from
exact fractions and rounded half up to two decimal places (no floats anywhere).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from teller.arithmetic import Arithmetic, Rounding, decimal_str
from teller.errors import TellerError
from teller.record import ActionKind, CountRecord, ElectedBy, Stage, Tie, TieBreak

PERCENT_NOTE = "Percentages are rounded half up to 2 decimal places; every other figure is exact."

_PLAIN_DECIMAL = re.compile(r"^(-?)(\d+)(\.\d+)?$")
_PERCENT = Arithmetic.fixed(2)

# Titles for methods whose rule set is not (yet) registered in this build of teller.
_FALLBACK_TITLES = {
    "fptp": "First past the post",
    "block": "Block vote",
    "sv": "Supplementary Vote",
    "irv": "Alternative Vote (instant runoff)",
    "stv": "Single transferable vote",
    "meek": "Single transferable vote (Meek)",
    "dhondt": "D'Hondt list allocation",
    "sainte-lague": "Sainte-Laguë list allocation",
    "ams": "Additional member system",
}

SINGLE_WINNER_MARGIN = frozenset({"fptp", "sv", "irv"})
"""Methods whose sheets state a majority: the winner's votes less the runner-up's."""


class SheetError(TellerError, ValueError):
    """A sheet cannot be rendered as asked (unknown format, impossible width)."""


def group_digits(text: str) -> str:
    """Thousands separators in the whole part of a plain decimal; other text unchanged."""
    match = _PLAIN_DECIMAL.match(text)
    if match is None:
        return text
    sign, whole, frac = match.groups()
    return f"{sign}{int(whole):,}{frac or ''}"


class Numbers:
    """Formats a record's values: ``exact`` for machines, ``show`` for people."""

    def __init__(self, arithmetic: str) -> None:
        self.arithmetic = Arithmetic.parse(arithmetic)

    def exact(self, value: Fraction | int) -> str:
        """The arithmetic's own text, e.g. ``1448.00000``."""
        return self.arithmetic.format(value)

    def show(self, value: Fraction | int) -> str:
        """The exact text with thousands separators, e.g. ``1,448.00000``."""
        return group_digits(self.exact(value))

    def signed(self, value: Fraction | int) -> str:
        """A change: ``+12.50000`` or ``-3.00000``; empty for no change."""
        if value == 0:
            return ""
        text = self.show(value)
        return f"+{text}" if value > 0 else text


def count_of(value: int) -> str:
    """A number of ballot papers or electors, with thousands separators."""
    return f"{value:,}"


def percent(part: Fraction | int, whole: Fraction | int) -> str:
    """``part`` as a percentage of ``whole``, half up to 2 places: ``42.30%``."""
    if whole == 0:
        return "n/a"
    value = _PERCENT.quantize(Fraction(part) * 100 / Fraction(whole), Rounding.HALF_UP)
    return f"{decimal_str(value, 2)}%"


def method_title(record: CountRecord) -> str:
    """The rule set's title, or a plain name for methods not registered here."""
    # Imported here: the rule-set table loads the counting core (and NumPy), which rendering a
    # saved record does not otherwise need; ``import teller.sheets`` stays light.
    from teller.count import get_rule_set

    try:
        return get_rule_set(record.method, record.rules).title
    except TellerError:
        return _FALLBACK_TITLES.get(record.method, record.method)


def join_names(names: Iterable[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def stage_word(record: CountRecord) -> str:
    """``Round`` for the Alternative Vote (as Labour's results say), else ``Stage``."""
    return "Round" if record.method == "irv" else "Stage"


def rule_ref(rule: str | None) -> str:
    """`` [rule 48(3)]`` or nothing."""
    return f" [rule {rule}]" if rule else ""


def standing_names(record: CountRecord) -> tuple[str, ...]:
    """Candidates with totals, in ballot-paper order, then any names only the stages know."""
    names = list(record.names)
    seen = set(names)
    for stage in record.stages:
        for name in stage.totals:
            if name not in seen:
                seen.add(name)
                names.append(name)
    return tuple(names)


def parties(record: CountRecord) -> Mapping[str, str]:
    return {c.name: c.party for c in record.candidates if c.party}


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a candidate's count ended."""

    status: str
    """``elected``, ``excluded``, ``withdrawn`` or ``not elected``."""
    stage: int | None = None
    """The stage at which they were elected or excluded."""
    by: ElectedBy | None = None
    """Why they were elected."""


def outcomes(record: CountRecord) -> dict[str, Outcome]:
    """Every candidate's outcome, keyed by name."""
    out = {
        c.name: Outcome("withdrawn" if c.withdrawn else "not elected") for c in record.candidates
    }
    for name, number in record.excluded_at():
        out[name] = Outcome("excluded", number)
    for name, number, by in record.elected_at():
        out[name] = Outcome("elected", number, by)
    return out


def outcome_text(outcome: Outcome, record: CountRecord) -> str:
    """``Elected at stage 7``, ``Deemed elected at stage 9``, ``Excluded at round 2``, ..."""
    if outcome.status in ("withdrawn", "not elected"):
        return outcome.status.capitalize()
    where = ""
    if len(record.stages) > 1 and outcome.stage is not None:
        where = f" at {stage_word(record).lower()} {outcome.stage}"
    if outcome.status == "excluded":
        return f"Excluded{where}"
    prefix = {ElectedBy.DEEMED: "Deemed elected", ElectedBy.LOT: "Elected by lot"}
    return f"{prefix.get(outcome.by, 'Elected') if outcome.by else 'Elected'}{where}"


def action_heading(stage: Stage) -> str:
    """The heading of a stage column, as declarations print it."""
    action = stage.action
    who = join_names(action.candidates)
    if action.kind is ActionKind.SURPLUS:
        return f"Surplus of {who}" if who else "Surplus"
    if action.kind is ActionKind.EXCLUSION:
        return f"Exclusion of {who}" if who else "Exclusion"
    headings = {
        ActionKind.COUNT: "Votes",
        ActionKind.FIRST_PREFERENCES: "First preferences",
        ActionKind.SECOND_PREFERENCES: "Second preferences",
        ActionKind.ITERATION: "Keep values recalculated",
        ActionKind.ALLOCATION: "Allocation",
    }
    return headings[action.kind]


def changes_of(record: CountRecord, index: int) -> dict[str, Fraction]:
    """Each candidate's change at ``record.stages[index]``, recomputed if the record omits it."""
    stage = record.stages[index]
    if index == 0:
        return {}
    before = record.stages[index - 1].totals
    return {
        name: stage.changes.get(name, stage.totals.get(name, Fraction(0)) - before.get(name, 0))
        for name in standing_names(record)
    }


@dataclass(frozen=True, slots=True)
class Margin:
    """The winner's lead over the runner-up (or the last seat's over the first loser)."""

    label: str
    """``Majority`` or ``Margin for the last seat``."""
    winner: str
    """Who leads."""
    runner_up: str
    """Who follows."""
    votes: Fraction
    """The difference in votes."""


def margin(record: CountRecord) -> Margin | None:
    """FPTP, SV, AV: winner minus runner-up on the final totals; block: last seat's margin."""
    if not record.elected or not record.stages:
        return None
    totals = record.final.totals
    if record.method in SINGLE_WINNER_MARGIN and record.seats == 1:
        winner = record.elected[0]
        others = [n for n in totals if n != winner]
        label = "Majority"
    elif record.method == "block":
        elected = [n for n in record.elected if n in totals]
        if not elected:
            return None
        winner = min(elected, key=lambda n: totals[n])
        others = [n for n in totals if n not in record.elected]
        label = "Margin for the last seat"
    else:
        return None
    if not others or winner not in totals:
        return None
    runner_up = max(others, key=lambda n: totals[n])
    return Margin(label, winner, runner_up, totals[winner] - totals[runner_up])


@dataclass(frozen=True, slots=True)
class Fact:
    """One labelled figure in a sheet's summary."""

    label: str
    """What it is."""
    value: str
    """The figure, formatted."""


def poll_facts(record: CountRecord, numbers: Numbers) -> list[Fact]:
    """Valid poll, rejected, electorate, turnout (both conventions, named), quota, majority."""
    valid = record.valid_ballots
    facts = [Fact("Valid ballot papers", count_of(valid))]
    if record.rejected is not None:
        facts.append(Fact("Rejected ballot papers", count_of(record.rejected)))
        facts.append(Fact("Total poll (valid + rejected)", count_of(valid + record.rejected)))
    if record.electorate is not None:
        facts.append(Fact("Electorate", count_of(record.electorate)))
        facts.append(
            Fact("Turnout (valid ballot papers / electorate)", percent(valid, record.electorate))
        )
        if record.rejected is not None:
            facts.append(
                Fact(
                    "Turnout (all ballot papers incl. rejected / electorate)",
                    percent(valid + record.rejected, record.electorate),
                )
            )
    if record.quota is not None and record.method not in ("irv", "sv"):
        rule = " (votes must exceed it)" if record.quota_criterion == "exceed" else ""
        facts.append(Fact("Quota", numbers.show(record.quota) + rule))
    lead = margin(record)
    if lead is not None:
        facts.append(
            Fact(f"{lead.label} ({lead.winner} over {lead.runner_up})", numbers.show(lead.votes))
        )
    return facts


def about_facts(record: CountRecord) -> list[Fact]:
    """Method, seats, arithmetic, seed and source: how the count was made."""
    facts = []
    if record.election_id:
        facts.append(Fact("Election", record.election_id))
    facts.append(Fact("Method", f"{method_title(record)}; rules: {record.rules}"))
    facts.append(Fact("Seats to fill", str(record.seats)))
    arithmetic = Arithmetic.parse(record.arithmetic)
    how = {
        "integer": "whole votes",
        "fixed": f"{arithmetic.places} decimal places, as the rules set",
        "rational": "exact fractions",
    }[arithmetic.kind]
    facts.append(Fact("Arithmetic", f"{record.arithmetic} ({how})"))
    if record.seed is not None:
        facts.append(Fact("Seed for any drawing of lots", str(record.seed)))
    if record.source:
        facts.append(Fact("Rules followed", record.source))
    return facts


_TIE_KINDS = {
    "exclusion": "for exclusion",
    "surplus-order": "for the order in which surpluses are transferred",
    "elected-order": "for the order of election",
    "winner": "for the seat",
    "second-place": "for second place",
    "seat": "for the last seat",
}


def tie_text(tie: Tie, stage: Stage | None, numbers: Numbers) -> str:
    """``Cy and Di were tied on 5 for exclusion; settled by lot drawn from seed 7: Cy.``"""
    kind = _TIE_KINDS.get(tie.kind, f"({tie.kind})")
    on = ""
    if stage is not None:
        values = {stage.totals.get(name) for name in tie.candidates}
        value = values.pop() if len(values) == 1 else None
        if value is not None:
            on = f" on {numbers.show(value)}"
    where = f"stage {tie.stage}" if tie.stage is not None else "an earlier stage"
    how = {
        TieBreak.EARLIER_STAGE: f"settled by the totals at {where}, the most recent at which "
        "they differed",
        TieBreak.FORWARD: f"settled by the totals at {where}, the first at which they differed",
        TieBreak.LOT: f"settled by lot drawn from seed {tie.seed}"
        if tie.seed is not None
        else "settled by lot",
        TieBreak.NOT_NEEDED: "no choice was needed: the rules keep every tied candidate",
    }[tie.resolved_by]
    outcome = f": {join_names(tie.chosen)}" if tie.resolved_by is not TieBreak.NOT_NEEDED else ""
    return f"{join_names(tie.candidates)} were tied{on} {kind}; {how}{outcome}."


def title_of(record: CountRecord) -> str:
    return record.title or record.election_id or f"{method_title(record)}: result"


def remarks(record: CountRecord, numbers: Numbers) -> list[str]:
    """Ties and how they were settled, and the stages' notes, each naming its stage."""
    word = stage_word(record)
    lines = []
    for stage in record.stages:
        for tie in stage.ties:
            lines.append(f"{word} {stage.number}: {tie_text(tie, stage, numbers)}")
        for note in stage.notes:
            lines.append(f"{word} {stage.number}: {note}")
    if record.allocation is not None:
        for rnd in record.allocation.rounds:
            if rnd.tie is not None:
                lines.append(f"Seat {rnd.number}: {tie_text(rnd.tie, None, numbers)}")
    return lines


def result_line(record: CountRecord) -> str:
    """``Elected: A, B and C`` or, for a list allocation, ``Seats won: Red 3, Blue 2``."""
    if record.allocation is not None:
        alloc = record.allocation
        won = ", ".join(f"{p} {n}" for p, n in alloc.seats.items() if n) or "none"
        if not any(alloc.prior_seats.values()):
            return f"Seats won: {won}"
        held = ", ".join(f"{p} {n}" for p, n in alloc.seats_by_party.items() if n)
        return f"Seats won: {won} (with the seats already held: {held})"
    return f"Elected: {join_names(record.elected) or 'nobody'}"
