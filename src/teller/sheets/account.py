"""The account: a plain-language story of the count, one line per stage.

Every line that narrates a stage starts ``Stage N:`` (``Round N:`` for the Alternative Vote)
and says what was done and why: whose surplus moved and where it went, who had the fewest votes
and was excluded, who reached the quota or was deemed elected, how ties were settled (with the
seed of any lot) and the rule carried out, where the record cites one. A list allocation adds
one ``Seat N:`` line per seat. The first line names the contest; the last lists who was elected.
Figures are the record's exact figures (with thousands separators).
"""

from __future__ import annotations

from fractions import Fraction

from teller.record import ActionKind, CountRecord, ElectedBy, Stage
from teller.sheets.facts import (
    Numbers,
    changes_of,
    count_of,
    join_names,
    margin,
    method_title,
    result_line,
    rule_ref,
    stage_word,
    standing_names,
    tie_text,
)


def render_account(record: CountRecord) -> str:
    numbers = Numbers(record.arithmetic)
    word = stage_word(record)
    seats = f"{record.seats} seat" + ("s" if record.seats != 1 else "")
    named = record.title or record.election_id
    lines = [f"{named + ': ' if named else ''}{method_title(record)}, {seats}."]
    for index, stage in enumerate(record.stages):
        lines.append(f"{word} {stage.number}: {_stage_line(record, index, numbers)}")
    if record.allocation is not None:
        for rnd in record.allocation.rounds:
            quotient = rnd.quotients.get(rnd.awarded)
            votes = record.allocation.votes.get(rnd.awarded)
            line = f"Seat {rnd.number}: {rnd.awarded} had the highest quotient"
            if quotient is not None:
                line += f" ({numbers.show(quotient)}"
                if votes is not None and quotient:
                    line += f" = {count_of(votes)} votes / {numbers.show(votes / quotient)}"
                line += ")"
            line += " and won the seat."
            if rnd.tie is not None:
                line += " " + tie_text(rnd.tie, None, numbers)
            lines.append(line)
    lines.append(result_line(record) + ".")
    return "\n".join(lines) + "\n"


def _stage_line(record: CountRecord, index: int, numbers: Numbers) -> str:
    stage = record.stages[index]
    action = _action(record, index, numbers)
    if stage.action.note:
        action += f" ({stage.action.note})"
    parts = [action]
    if stage.action.kind is not ActionKind.ALLOCATION:
        parts += _elections(record, index, numbers)
    parts += _unnarrated_exclusions(record, index, numbers)
    parts += [tie_text(tie, stage, numbers) for tie in stage.ties]
    parts += [f"Note: {note}" for note in stage.notes if note != stage.action.note]
    return " ".join(p if p.endswith(".") else p + "." for p in parts)


def _action(record: CountRecord, index: int, numbers: Numbers) -> str:
    stage = record.stages[index]
    action = stage.action
    rule = rule_ref(action.rule)
    kind = action.kind
    if kind is ActionKind.COUNT:
        return (
            f"the votes on {count_of(record.valid_ballots)} valid ballot papers were counted{rule}"
        )
    if kind is ActionKind.FIRST_PREFERENCES:
        what = "first choices" if record.method == "sv" else "first preferences"
        text = f"the {what} on {count_of(record.valid_ballots)} valid ballot papers were counted"
        if record.quota is not None and record.method not in ("sv", "irv"):
            text += f"; the quota is {numbers.show(record.quota)}"
        text += rule
        if not stage.elected and stage.quota is not None and record.quota_criterion == "exceed":
            text += f"; no candidate had more than half of the votes ({numbers.show(stage.quota)})"
        return text
    moves = _transfers(record, index, numbers)
    if kind is ActionKind.SURPLUS:
        return _surplus(record, index, numbers) + f"{rule}: {moves}"
    if kind is ActionKind.EXCLUSION:
        return _exclusion(record, index, numbers) + f"{rule}; the papers went: {moves}"
    if kind is ActionKind.SECOND_PREFERENCES:
        out = join_names(action.candidates) or "the eliminated candidates"
        return (
            f"the second choices on the papers of {out} were counted for the candidates "
            f"remaining in the contest{rule}: {moves}"
        )
    if kind is ActionKind.ITERATION:
        return f"keep values were recalculated and the votes counted again{rule}: {moves}"
    text = f"seats were allocated by highest averages{rule}"
    if record.allocation is not None:
        won = [f"{p} {n}" for p, n in record.allocation.seats.items() if n]
        text += f": {', '.join(won) or 'no seats'}"
    return text


def _transfers(record: CountRecord, index: int, numbers: Numbers) -> str:
    """``A +12.00000, B +3.00000; non-transferable +1.00000`` (gains only, ballot order)."""
    stage = record.stages[index]
    changes = changes_of(record, index)
    gains = [
        f"{name} {numbers.signed(changes[name])}"
        for name in standing_names(record)
        if changes.get(name, Fraction(0)) > 0
    ]
    lost = stage.non_transferable - record.stages[index - 1].non_transferable
    text = ", ".join(gains) if gains else "no continuing candidate gained votes"
    if lost:
        text += f"; non-transferable {numbers.signed(lost)}"
    return text


def _surplus(record: CountRecord, index: int, numbers: Numbers) -> str:
    stage = record.stages[index]
    before = record.stages[index - 1].totals
    who = stage.action.candidates
    held = join_names(f"{numbers.show(before.get(n, Fraction(0)))}" for n in who)
    surplus = stage.action.surplus
    if surplus is None:
        surplus = sum(
            (before.get(n, Fraction(0)) - stage.totals.get(n, Fraction(0)) for n in who),
            Fraction(0),
        )
    values = sorted({p.transfer_value for p in stage.action.parcels})
    at = ""
    if len(values) == 1:
        at = f" at a transfer value of {numbers.exact(values[0])}"
    elif values:
        listed = join_names(numbers.exact(v) for v in values)
        at = f" in {len(stage.action.parcels)} parcels at transfer values {listed}"
    return (
        f"{join_names(who)} had {held}; the surplus of {numbers.show(surplus)} over the quota "
        f"was transferred{at}"
    )


def _continuing(record: CountRecord, decided: int) -> list[str]:
    """Candidates still in the count when stage ``decided`` (0-based) was totalled."""
    gone: set[str] = set()
    for i, stage in enumerate(record.stages[: decided + 1]):
        gone |= {e.name for e in stage.elected}
        if i < decided:
            gone |= set(stage.excluded)
    return [n for n in standing_names(record) if n not in gone]


def _exclusion(record: CountRecord, index: int, numbers: Numbers) -> str:
    """Why the candidates were excluded, judged on the previous stage's totals."""
    who = list(record.stages[index].action.candidates)
    decided = record.stages[index - 1]
    before = decided.totals
    continuing = _continuing(record, index - 1)
    values = {n: before.get(n, Fraction(0)) for n in who}
    others = [before.get(n, Fraction(0)) for n in continuing if n not in who]
    tied = any(t.kind == "exclusion" and set(who) & set(t.chosen) for t in decided.ties)
    word = stage_word(record).lower()
    tie_note = f", tied; see {word} {decided.number}" if tied else ""
    if len(who) == 1:
        name = who[0]
        lowest = min([values[name], *others])
        if values[name] == lowest:
            shown = numbers.show(values[name])
            return f"{name} had the fewest votes ({shown}{tie_note}) and was excluded"
        return f"{name} ({numbers.show(values[name])}{tie_note}) was excluded"
    together = sum(values.values(), Fraction(0))
    listed = ", ".join(numbers.show(values[n]) for n in who)
    why = f"{join_names(who)} had the fewest votes ({listed}; together {numbers.show(together)}"
    if others and together < min(others):
        why += f", fewer than the next candidate's {numbers.show(min(others))}"
    return why + f"{tie_note}) and were excluded together"


def _elections(record: CountRecord, index: int, numbers: Numbers) -> list[str]:
    stage = record.stages[index]
    parts = []
    by_reason: dict[ElectedBy, list[str]] = {}
    for election in stage.elected:
        by_reason.setdefault(election.by, []).append(election.name)
    for by, names in by_reason.items():
        were = "was" if len(names) == 1 else "were"
        shown = join_names(f"{n} ({numbers.show(stage.totals.get(n, Fraction(0)))})" for n in names)
        if by is ElectedBy.QUOTA:
            parts.append(_by_quota(record, stage, names, shown, were, numbers))
        elif by is ElectedBy.DEEMED:
            parts.append(
                f"{shown} {were} deemed elected: continuing candidates equalled the seats left"
            )
        elif by is ElectedBy.LOT:
            parts.append(f"{join_names(names)} {were} elected by lot (see the tie below)")
        else:
            after = (
                " after second choices"
                if stage.action.kind is ActionKind.SECOND_PREFERENCES
                else ""
            )
            parts.append(f"{shown} had the most votes{after} and {were} elected")
    lead = margin(record)
    if lead is not None and index == len(record.stages) - 1:
        parts.append(
            f"{lead.label}: {numbers.show(lead.votes)} ({lead.winner} over {lead.runner_up})"
        )
    return parts


def _by_quota(
    record: CountRecord, stage: Stage, names: list[str], shown: str, were: str, numbers: Numbers
) -> str:
    quota = stage.quota if stage.quota is not None else record.quota
    if record.method in ("irv", "sv") and quota is not None:
        return f"{shown} had more than half of the votes ({numbers.show(quota)}) and {were} elected"
    if quota is None:
        return f"{shown} reached the quota and {were} elected"
    if record.quota_criterion == "exceed":
        return f"{shown} exceeded the quota ({numbers.show(quota)}) and {were} elected"
    return f"{shown} reached the quota ({numbers.show(quota)}) and {were} elected"


def _unnarrated_exclusions(record: CountRecord, index: int, numbers: Numbers) -> list[str]:
    """Exclusions decided on this stage whose papers no later stage moves (end of count)."""
    stage = record.stages[index]
    following = record.stages[index + 1] if index + 1 < len(record.stages) else None
    moved = set(following.action.candidates) if following is not None else set()
    left = [n for n in stage.excluded if n not in moved]
    if not left:
        return []
    if record.method == "sv" and following is not None:
        return []  # the second-preference stage names them
    were = "was" if len(left) == 1 else "were"
    shown = join_names(f"{n} ({numbers.show(stage.totals.get(n, Fraction(0)))})" for n in left)
    return [f"{shown} {were} excluded on these totals"]
