"""Checking a recorded tie-break against the stages it claims to rest on.

The UK rules settle equal candidates by looking at earlier stages: the most recent preceding
stage at which their votes were unequal (Scottish rr. 49(2) and 51(2); ``earlier-stage``), or
for some rule sets the first stage at which they differed (``forward``); failing that, by lot.
Where several candidates are tied, a stage at which they differ keeps only those lowest
(highest) there, and the search goes on among them. The verifier repeats that search on the
record's own totals; a lot cannot be redrawn, so it checks only that the lot was needed, chose
among the candidates still tied, and names the record's seed.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from fractions import Fraction

from teller.verify.findings import Report
from teller.verify.model import Record, Stage, Tie


def narrow(
    tied: Collection[str], history: Sequence[Stage], *, lowest: bool, direction: str
) -> tuple[set[str], int | None]:
    """Who is still tied after looking at ``history`` in ``direction``; the last deciding stage."""
    remaining = set(tied)
    order = list(history) if direction == "forward" else list(reversed(history))
    decided: int | None = None
    for stage in order:
        values = {c: stage.totals.get(c, Fraction(0)) for c in remaining}
        if len(set(values.values())) < 2:
            continue
        target = min(values.values()) if lowest else max(values.values())
        remaining = {c for c in remaining if values[c] == target}
        decided = stage.number
        if len(remaining) == 1:
            break
    return remaining, decided


def find_tie(
    record: Record, stage: Stage, kind: str, tied: Collection[str], report: Report
) -> Tie | None:
    """The tie of ``kind`` between exactly ``tied`` recorded at ``stage`` or the next stage.

    The tie found is marked as examined, so that :func:`check_unexamined` passes over it.
    """
    places = [stage]
    if stage.number < len(record.stages):
        places.append(record.stages[stage.number])
    for place in places:
        for i, tie in enumerate(place.ties):
            if tie.kind == kind and set(tie.candidates) == set(tied):
                report.vouched.add((place.number, i))
                return tie
    return None


def check_unexamined(record: Record, report: Report) -> None:
    """A recorded tie that no decision of the count needed is itself a finding."""
    for stage in record.stages:
        for i, tie in enumerate(stage.ties):
            if (stage.number, i) not in report.vouched:
                names = ", ".join(tie.candidates)
                report.add(
                    stage.number,
                    "tie",
                    f"a {tie.kind} tie between {names} is recorded, but no decision at this "
                    "stage needed one",
                )


def check_tie(
    record: Record,
    report: Report,
    stage: Stage,
    *,
    kind: str,
    tied: Collection[str],
    chosen: str,
    lowest: bool,
    direction: str,
    rule: str,
) -> str | None:
    """Why the choice of ``chosen`` among equal ``tied`` is not justified, or None if it is.

    ``stage`` is the stage whose totals the decision was made on; the search looks at it and
    every earlier stage (at ``stage`` itself the candidates are equal, so it never decides).
    """
    names = ", ".join(sorted(tied))
    tie = find_tie(record, stage, kind, tied, report)
    if tie is None:
        return f"{names} are equal, and no {kind} tie between them is recorded [{rule}]"
    if tuple(tie.chosen[:1]) != (chosen,):
        shown = ", ".join(tie.chosen) or "nobody"
        return f"the recorded {kind} tie chose {shown}, but the count took {chosen}"
    history = record.stages[: stage.number]
    remaining, decided = narrow(tied, history, lowest=lowest, direction=direction)
    if len(remaining) == 1:
        (expected,) = remaining
        if tie.resolved_by == "lot":
            return (
                f"{names} were settled by lot, but stage {decided} already separates them [{rule}]"
            )
        if expected != chosen:
            word = "fewest" if lowest else "most"
            return (
                f"{expected}, not {chosen}, had the {word} votes at stage {decided}, "
                f"the stage that settles the tie between {names} [{rule}]"
            )
        wanted = "forward" if direction == "forward" else "earlier-stage"
        if tie.resolved_by != wanted or tie.stage != decided:
            return (
                f"the tie between {names} is settled {wanted} at stage {decided}, "
                f"but the record says {tie.resolved_by} at stage {tie.stage} [{rule}]"
            )
        return None
    if tie.resolved_by != "lot":
        return (
            f"{', '.join(sorted(remaining))} were never unequal at an earlier stage, so only a "
            f"lot can settle it, but the record says {tie.resolved_by} [{rule}]"
        )
    if chosen not in remaining:
        still = ", ".join(sorted(remaining))
        return f"the lot chose {chosen}, who was not among those still tied ({still}) [{rule}]"
    if record.seed is None or tie.seed != record.seed:
        return (
            f"a lot was drawn between {names} with seed {tie.seed}, "
            f"but the record's seed is {record.seed}"
        )
    return None


def check_lot(
    record: Record,
    report: Report,
    stage: int,
    tie: Tie,
    at: Collection[str],
    chosen: Collection[str],
    rule: str,
) -> None:
    """A tie that only a lot can settle (plurality seats, SV winner): the right people, the seed."""
    place = record.stages[stage - 1]
    report.vouched.update((stage, i) for i, t in enumerate(place.ties) if t is tie)
    names = ", ".join(sorted(at))
    if set(tie.candidates) != set(at):
        report.add(
            stage,
            "tie",
            f"the recorded {tie.kind} tie is between {', '.join(sorted(tie.candidates))}, but "
            f"{names} are equal [{rule}]",
        )
    if tie.resolved_by != "lot":
        report.add(
            stage,
            "tie",
            f"the {tie.kind} tie between {names} must be settled by lot, not {tie.resolved_by} "
            f"[{rule}]",
        )
    if set(tie.chosen) != set(chosen):
        report.add(
            stage,
            "tie",
            f"the lot chose {', '.join(tie.chosen) or 'nobody'}, but the count elected "
            f"{', '.join(sorted(chosen))} from the tie [{rule}]",
        )
    if record.seed is None or tie.seed != record.seed:
        report.add(
            stage,
            "tie",
            f"a lot was drawn with seed {tie.seed}, but the record's seed is {record.seed}",
        )
