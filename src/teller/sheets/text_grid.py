"""Plain-text table layout: aligned columns, and wide tables wrapped into blocks of columns.

A wide table (stages or allocation rounds as columns) is cut into blocks that each fit the
sheet's width; every block repeats the row labels, so each block reads on its own.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

GAP = "  "
GROUP_GAP = "   "


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    align: str,
    *,
    rule_before: Sequence[int] = (),
) -> list[str]:
    """Aligned columns; ``align`` has one ``l`` or ``r`` per column; a rule above the rows
    listed in ``rule_before`` (the totals)."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    rule = _line(["-" * w for w in widths], widths, align)
    lines = [_line(headers, widths, align), rule]
    for index, row in enumerate(rows):
        if index in rule_before:
            lines.append(rule)
        lines.append(_line(row, widths, align))
    return lines


def _line(cells: Sequence[str], widths: Sequence[int], align: str) -> str:
    parts = [
        cell.rjust(w) if a == "r" else cell.ljust(w)
        for cell, w, a in zip(cells, widths, align, strict=True)
    ]
    return GAP.join(parts).rstrip()


@dataclass(frozen=True, slots=True)
class Group:
    """A column group: a heading over several sub-columns (e.g. a stage: transfer, total)."""

    heading: tuple[str, ...]
    """Heading paragraphs, each wrapped to the group's width (``Stage 2``, ``Surplus of X``)."""
    subheads: tuple[str, ...]
    """One per sub-column."""
    columns: tuple[tuple[str, ...], ...]
    """Sub-columns, each with one cell per row."""
    align: str
    """``l`` or ``r`` per sub-column."""

    def widths(self) -> list[int]:
        """Each sub-column's width; the first widens when a heading word needs the room."""
        widths = [
            max([len(sub), *(len(c) for c in col)])
            for sub, col in zip(self.subheads, self.columns, strict=True)
        ]
        longest = max((len(w) for text in self.heading for w in text.split()), default=0)
        short = longest - (sum(widths) + len(GAP) * (len(widths) - 1))
        if short > 0:
            widths[0] += short
        return widths

    def width(self) -> int:
        return sum(self.widths()) + len(GAP) * (len(self.columns) - 1)


def blocks(
    label_head: str,
    labels: Sequence[str],
    groups: Sequence[Group],
    *,
    width: int,
    what: str,
    rule_before: Sequence[int] = (),
) -> list[str]:
    """The groups cut into blocks no wider than ``width`` (a group wider than it stands alone).

    ``what`` names the groups for the block captions (``stages``); ``rule_before`` lists row
    indices to draw a dividing line above (before the totals).
    """
    label_width = max([len(label_head), *(len(x) for x in labels)])
    room = width - label_width - len(GROUP_GAP)
    packed: list[list[int]] = [[]]
    used = 0
    for index, group in enumerate(groups):
        need = group.width() + (len(GROUP_GAP) if packed[-1] else 0)
        if packed[-1] and used + need > room:
            packed.append([])
            need = group.width()
            used = 0
        packed[-1].append(index)
        used += need
    lines: list[str] = []
    for number, members in enumerate(packed):
        if len(packed) > 1:
            first, last = members[0] + 1, members[-1] + 1
            if first == last:
                lines.append(f"[{what.removesuffix('s')} {first} of {len(groups)}]")
            else:
                lines.append(f"[{what} {first}-{last} of {len(groups)}]")
        lines += _block(label_head, labels, [groups[i] for i in members], label_width, rule_before)
        if number < len(packed) - 1:
            lines.append("")
    return lines


def _block(
    label_head: str,
    labels: Sequence[str],
    groups: Sequence[Group],
    label_width: int,
    rule_before: Sequence[int],
) -> list[str]:
    heads = [_wrapped_heading(g) for g in groups]
    depth = max(len(h) for h in heads)
    lines = []
    for level in range(depth):
        cells = [
            h[level].ljust(g.width()) if level < len(h) else " " * g.width()
            for h, g in zip(heads, groups, strict=True)
        ]
        lines.append((" " * label_width + GROUP_GAP + GROUP_GAP.join(cells)).rstrip())
    subs = [
        GAP.join(_fit(s, w, a) for s, w, a in zip(g.subheads, g.widths(), g.align, strict=True))
        for g in groups
    ]
    lines.append((label_head.ljust(label_width) + GROUP_GAP + GROUP_GAP.join(subs)).rstrip())
    total_width = label_width + sum(len(GROUP_GAP) + g.width() for g in groups)
    lines.append("-" * total_width)
    for row, label in enumerate(labels):
        if row in rule_before:
            lines.append("-" * total_width)
        cells = [
            GAP.join(
                _fit(col[row], w, a)
                for col, w, a in zip(g.columns, g.widths(), g.align, strict=True)
            )
            for g in groups
        ]
        lines.append((label.ljust(label_width) + GROUP_GAP + GROUP_GAP.join(cells)).rstrip())
    return lines


def _fit(text: str, width: int, align: str) -> str:
    return text.rjust(width) if align == "r" else text.ljust(width)


def _wrapped_heading(group: Group) -> list[str]:
    lines: list[str] = []
    for paragraph in group.heading:
        lines += textwrap.wrap(paragraph, group.width(), break_long_words=False) or [""]
    return lines
