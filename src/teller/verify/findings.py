"""What the verifier reports: one :class:`Finding` per way the record fails to hold."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One thing the record gets wrong (or a check that could not be run)."""

    stage: int | None
    """The stage the finding is about; None for the record as a whole."""
    check: str
    """Short id of the check that failed, e.g. ``conservation`` or ``transfer-value``."""
    message: str
    """A sentence naming the candidates and figures involved."""

    def __str__(self) -> str:
        where = "record" if self.stage is None else f"stage {self.stage}"
        return f"{where} [{self.check}]: {self.message}"


class Report:
    """Collects findings in the order the checks make them, without repeats."""

    def __init__(self) -> None:
        self._items: list[Finding] = []
        self._seen: set[Finding] = set()
        self.vouched: set[tuple[int, int]] = set()
        """``(stage, index)`` of each recorded tie some check has examined."""

    def add(self, stage: int | None, check: str, message: str) -> None:
        finding = Finding(stage, check, message)
        if finding not in self._seen:
            self._seen.add(finding)
            self._items.append(finding)

    def __bool__(self) -> bool:
        return bool(self._items)

    def findings(self) -> list[Finding]:
        """Whole-record findings first, then by stage; within that, in the order found."""
        return sorted(self._items, key=lambda f: -1 if f.stage is None else f.stage)
