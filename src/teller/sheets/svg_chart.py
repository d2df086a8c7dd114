"""The transfer chart: a Sankey-style diagram of votes moving between stages, as plain geometry.

Each stage is a column of bars, one per candidate in ballot-paper order plus the
non-transferable pile at the foot, each as tall as its total. Between two stages a band carries
what each candidate kept, and ribbons carry what moved: from every candidate who lost votes to
every candidate (and the non-transferable pile) who gained them, each ribbon as thick as the
votes it carries. With one candidate giving (one surplus or one exclusion) a ribbon's value is
exactly the recipient's change; with several, each recipient's gain is shared among them in
proportion to what each gave (exact fractions), so a recipient's ribbons still sum exactly to
its change. Each ribbon keeps its exact value for the page (``data-value``) and its tooltip.

Coordinates are computed with exact fractions and written to 2 decimal places; no floats.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from teller.arithmetic import Arithmetic, Rounding, decimal_str
from teller.record import CountRecord
from teller.sheets.facts import Numbers, action_heading, changes_of, stage_word, standing_names

NON_TRANSFERABLE = "Non-transferable"
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#17becf",
    "#8c564b",
    "#bcbd22",
)
GREY = "#9d9d9d"

BAR_WIDTH = 16
COLUMN_GAP = 120
ROW_GAP = 6
MIN_SLOT = 14  # px: every row keeps room for its label even when its bar is thin
TOP = 44
BOTTOM = 16
RIGHT = 24
CHAR_WIDTH = 7  # px per character of 12px labels, for the left margin
_PIXELS = Arithmetic.fixed(2)


def px(value: Fraction | int) -> str:
    """A coordinate to 2 decimal places."""
    return decimal_str(_PIXELS.quantize(Fraction(value), Rounding.HALF_EVEN), 2)


@dataclass(frozen=True, slots=True)
class Bar:
    """One candidate's total at one stage."""

    x: str
    y: str
    width: str
    height: str
    colour: str
    name: str
    """Candidate name or :data:`NON_TRANSFERABLE`."""
    stage: int
    """Stage number."""
    value: str
    """The exact total."""
    state: str
    """``elected``, ``excluded`` (on this stage's totals) or empty."""
    tip: str
    """Tooltip text."""


@dataclass(frozen=True, slots=True)
class Flow:
    """A band between two stages: votes kept, or votes transferred."""

    path: str
    """SVG path data."""
    colour: str
    kind: str
    """``keep`` or ``transfer``."""
    stage: int
    """The stage the votes arrive at."""
    source: str
    """Who the votes come from."""
    target: str
    """Who receives them (the same as ``source`` for ``keep``)."""
    value: str
    """Exact votes carried."""
    tip: str
    """Tooltip text."""


@dataclass(frozen=True, slots=True)
class Label:
    """A piece of text on the chart."""

    x: str
    y: str
    text: str
    anchor: str
    """``start``, ``middle`` or ``end``."""
    css: str
    """Class: ``name`` or ``stage``."""
    tip: str = ""
    """Tooltip, if any."""


@dataclass(frozen=True, slots=True)
class Chart:
    """Everything the template draws."""

    width: str
    height: str
    bars: tuple[Bar, ...]
    flows: tuple[Flow, ...]
    labels: tuple[Label, ...]
    description: str
    """Text alternative for the figure."""


def transfer_chart(record: CountRecord, numbers: Numbers) -> Chart:
    names = list(standing_names(record))
    rows = [*names, NON_TRANSFERABLE]
    colour = {n: PALETTE[i % len(PALETTE)] for i, n in enumerate(names)}
    colour[NON_TRANSFERABLE] = GREY
    values = [_column(record, i) for i in range(len(record.stages))]
    changes = [_changes(record, i) for i in range(len(record.stages))]
    biggest = max((sum(v.values(), Fraction(0)) for v in values), default=Fraction(0))
    plot = Fraction(max(320, 40 * len(rows)))
    room = plot - (ROW_GAP + MIN_SLOT) * (len(rows) - 1)
    scale = room / biggest if biggest > 0 else Fraction(0)
    left = Fraction(min(320, CHAR_WIDTH * max(len(r) for r in rows) + 16))
    step = BAR_WIDTH + COLUMN_GAP
    tops: list[dict[str, Fraction]] = []
    for column in values:
        y = Fraction(TOP)
        top = {}
        for row in rows:
            top[row] = y
            y += max(column[row] * scale, Fraction(MIN_SLOT)) + ROW_GAP
        tops.append(top)
    word = stage_word(record)
    bars: list[Bar] = []
    labels: list[Label] = []
    flows: list[Flow] = []
    for i, stage in enumerate(record.stages):
        x = left + i * step
        labels.append(
            Label(
                px(x + Fraction(BAR_WIDTH, 2)),
                px(TOP - 16),
                f"{word} {stage.number}",
                "middle",
                "stage",
                action_heading(stage),
            )
        )
        elected = {e.name for e in stage.elected}
        for row in rows:
            value = values[i][row]
            if value <= 0:
                continue
            state = "elected" if row in elected else "excluded" if row in stage.excluded else ""
            tip = f"{row}: {numbers.show(value)} at {word.lower()} {stage.number}"
            if state:
                tip += f" ({state})"
            bars.append(
                Bar(
                    px(x),
                    px(tops[i][row]),
                    str(BAR_WIDTH),
                    px(value * scale),
                    colour[row],
                    row,
                    stage.number,
                    numbers.exact(value),
                    state,
                    tip,
                )
            )
        if i > 0:
            flows += _flows(
                rows,
                values[i - 1],
                values[i],
                changes[i],
                (tops[i - 1], tops[i]),
                (left + (i - 1) * step + BAR_WIDTH, x),
                scale,
                colour,
                stage.number,
                numbers,
                word,
            )
    last = len(record.stages) - 1
    end = left + last * step + BAR_WIDTH
    widest = 0
    for row in rows:
        mid = tops[0][row] + max(values[0][row] * scale, Fraction(MIN_SLOT)) / 2
        labels.append(Label(px(left - 6), px(mid + 4), row, "end", "name"))
        final = values[last][row]
        if final > 0:
            text = numbers.show(final)
            widest = max(widest, len(text))
            mid = tops[last][row] + max(final * scale, Fraction(MIN_SLOT)) / 2
            labels.append(Label(px(end + 6), px(mid + 4), text, "start", "total", f"{row}: {text}"))
    width = end + CHAR_WIDTH * widest + RIGHT
    height = (
        max(
            t[rows[-1]] + max(values[i][rows[-1]] * scale, Fraction(MIN_SLOT))
            for i, t in enumerate(tops)
        )
        + BOTTOM
    )
    description = (
        f"Transfer chart, {len(record.stages)} {word.lower()}s: each bar is a total, pale bands "
        "the votes each candidate kept, coloured ribbons the votes transferred."
    )
    if any(len([v for v in c.values() if v < 0]) > 1 for c in changes):
        description += (
            " Where several candidates' papers moved at one stage, each recipient's gain is "
            "drawn from them in proportion to what each gave: the record gives each "
            "candidate's change, not who gave to whom."
        )
    return Chart(px(width), px(height), tuple(bars), tuple(flows), tuple(labels), description)


def _column(record: CountRecord, index: int) -> dict[str, Fraction]:
    stage = record.stages[index]
    column = {n: stage.totals.get(n, Fraction(0)) for n in standing_names(record)}
    column[NON_TRANSFERABLE] = stage.non_transferable
    return column


def _changes(record: CountRecord, index: int) -> dict[str, Fraction]:
    if index == 0:
        return {}
    change = changes_of(record, index)
    previous = record.stages[index - 1].non_transferable
    change[NON_TRANSFERABLE] = record.stages[index].non_transferable - previous
    return change


def _flows(
    rows: list[str],
    before: dict[str, Fraction],
    after: dict[str, Fraction],
    change: dict[str, Fraction],
    tops: tuple[dict[str, Fraction], dict[str, Fraction]],
    xs: tuple[Fraction, Fraction],
    scale: Fraction,
    colour: dict[str, str],
    stage: int,
    numbers: Numbers,
    word: str,
) -> list[Flow]:
    gives = {r: -change[r] for r in rows if change.get(r, 0) < 0}
    gains = {r: change[r] for r in rows if change.get(r, 0) > 0}
    flows = []
    out_at: dict[str, Fraction] = {}
    in_at: dict[str, Fraction] = {}
    for row in rows:
        kept = min(before[row], after[row]) if row in gives else before[row]
        kept = max(kept, Fraction(0))
        out_at[row] = tops[0][row] + kept * scale
        in_at[row] = tops[1][row] + kept * scale
        if kept > 0:
            tip = f"{row} kept {numbers.show(kept)} at {word.lower()} {stage}"
            path = _ribbon(xs, (tops[0][row], out_at[row]), (tops[1][row], in_at[row]))
            flows.append(Flow(path, colour[row], "keep", stage, row, row, numbers.exact(kept), tip))
    given = sum(gives.values(), Fraction(0))
    if given == 0:
        return flows
    for source, amount in gives.items():
        for target, gained in gains.items():
            value = gained * amount / given
            height = value * scale
            tip = f"{word} {stage}: {numbers.show(value)} from {source} to {target}"
            path = _ribbon(
                xs,
                (out_at[source], out_at[source] + height),
                (in_at[target], in_at[target] + height),
            )
            out_at[source] += height
            in_at[target] += height
            flows.append(
                Flow(
                    path,
                    colour[source],
                    "transfer",
                    stage,
                    source,
                    target,
                    numbers.exact(value),
                    tip,
                )
            )
    return flows


def _ribbon(
    xs: tuple[Fraction, Fraction], start: tuple[Fraction, Fraction], end: tuple[Fraction, Fraction]
) -> str:
    """A band from ``start`` (top, bottom) at ``xs[0]`` to ``end`` at ``xs[1]``, curved."""
    x0, x1 = xs
    mid = (x0 + x1) / 2
    (a0, b0), (a1, b1) = start, end
    return (
        f"M{px(x0)},{px(a0)} C{px(mid)},{px(a0)} {px(mid)},{px(a1)} {px(x1)},{px(a1)} "
        f"L{px(x1)},{px(b1)} C{px(mid)},{px(b1)} {px(mid)},{px(b0)} {px(x0)},{px(b0)} Z"
    )
