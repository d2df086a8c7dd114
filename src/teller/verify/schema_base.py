"""Typed access to a record's JSON values, each failure a finding naming the value's path."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from teller.verify.findings import Report
from teller.verify.model import Tie
from teller.verify.numbers import parse_exact

TIE_BREAKS = frozenset({"earlier-stage", "forward", "lot", "not-needed", "adjusted-figure"})


class Reader:
    """Typed access to JSON values; each failure is reported with the path to the value."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.ok = True

    def fail(self, check: str, where: str, problem: str, stage: int | None = None) -> None:
        self.ok = False
        self.report.add(stage, check, f"{where} {problem}")

    def obj(self, value: Any, where: str, stage: int | None = None) -> Mapping[str, Any]:
        if isinstance(value, Mapping) and all(isinstance(k, str) for k in value):
            return value
        self.fail("format", where, "must be an object", stage)
        return {}

    def key(self, d: Mapping[str, Any], name: str, where: str, stage: int | None = None) -> Any:
        if name not in d:
            self.fail("format", where, f"lacks the required key {name!r}", stage)
            return None
        return d[name]

    def text(self, value: Any, where: str, stage: int | None = None) -> str:
        if isinstance(value, str):
            return value
        self.fail("format", where, f"must be a string, not {value!r}", stage)
        return ""

    def integer(self, value: Any, where: str, stage: int | None = None) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.fail("format", where, f"must be a whole number, not {value!r}", stage)
        return 0

    def count(self, value: Any, where: str, stage: int | None = None) -> int:
        n = self.integer(value, where, stage)
        if n < 0:
            self.fail("format", where, f"must not be negative ({n})", stage)
        return n

    def opt_int(self, value: Any, where: str, stage: int | None = None) -> int | None:
        return None if value is None else self.integer(value, where, stage)

    def number(self, value: Any, where: str, stage: int | None = None) -> Fraction:
        if not isinstance(value, str):
            self.fail(
                "number", where, f"must be a number written as a string, not {value!r}", stage
            )
            return Fraction(0)
        parsed = parse_exact(value)
        if parsed is None:
            self.fail("number", where, f"is not an exact decimal or p/q: {value!r}", stage)
            return Fraction(0)
        return parsed

    def opt_number(self, value: Any, where: str, stage: int | None = None) -> Fraction | None:
        return None if value is None else self.number(value, where, stage)

    def seq(self, value: Any, where: str, stage: int | None = None) -> list[Any]:
        if isinstance(value, list):
            return value
        self.fail("format", where, "must be a list", stage)
        return []

    def names(
        self, value: Any, where: str, known: frozenset[str], stage: int | None = None
    ) -> tuple[str, ...]:
        out = tuple(
            self.text(v, f"{where}[{i}]", stage)
            for i, v in enumerate(self.seq(value, where, stage))
        )
        self.known(out, where, known, stage)
        return out

    def known(
        self, names: Any, where: str, known: frozenset[str], stage: int | None = None
    ) -> None:
        unknown = sorted(n for n in names if n not in known)
        if unknown:
            listed = ", ".join(repr(n) for n in unknown)
            self.fail("candidates", where, f"names no standing candidate: {listed}", stage)

    def figures(
        self, value: Any, where: str, known: frozenset[str], stage: int | None = None
    ) -> dict[str, Fraction]:
        d = self.obj(value, where, stage)
        self.known(d, where, known, stage)
        return {k: self.number(v, f"{where}[{k!r}]", stage) for k, v in d.items()}

    def counts(self, value: Any, where: str, stage: int | None = None) -> dict[str, int]:
        d = self.obj(value, where, stage)
        return {k: self.count(v, f"{where}[{k!r}]", stage) for k, v in d.items()}


def tie_from(r: Reader, value: Any, where: str, known: frozenset[str], n: int | None) -> Tie:
    d = r.obj(value, where, n)
    for name in ("kind", "candidates", "resolved_by", "chosen"):
        r.key(d, name, where, n)
    how = r.text(d.get("resolved_by", ""), f"{where}.resolved_by", n)
    if how not in TIE_BREAKS:
        r.fail("format", f"{where}.resolved_by", f"{how!r} is not one of {sorted(TIE_BREAKS)}", n)
    return Tie(
        kind=r.text(d.get("kind", ""), f"{where}.kind", n),
        candidates=r.names(d.get("candidates", []), f"{where}.candidates", known, n),
        resolved_by=how,
        chosen=r.names(d.get("chosen", []), f"{where}.chosen", known, n),
        stage=r.opt_int(d.get("stage"), f"{where}.stage", n),
        seed=r.opt_int(d.get("seed"), f"{where}.seed", n),
    )
