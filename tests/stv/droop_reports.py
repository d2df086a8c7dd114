"""Reading Droop's JSON reports (GPL: read from /work/shared only, never copied here)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

SHARED = Path("/work/shared/conformance/droop")
CASES = ("42", "42t", "42u", "513", "M135", "SC", "SC-Vm-12", "SCw", "SCwopt")


@dataclass(frozen=True)
class Report:
    """One Droop report: the totals after each event, the winners, and the tie-breaks."""

    snapshots: list[dict[str, Fraction | None]]
    """Candidates' votes after each counted event (see the two readers below)."""
    nontransferable: list[Fraction | None]
    """Droop's non-transferable votes at each snapshot, where its report gives them."""
    winners: list[str]
    ties_at: list[int]
    """Indices into ``snapshots`` at which Droop broke a tie by its tie order."""


def _load(path: Path) -> tuple[dict[str, str], list[dict[str, object]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    names = {k: v["name"] for k, v in data["cdict"].items()}
    return names, data["actions"]


def _votes(names: dict[str, str], action: dict[str, object]) -> dict[str, Fraction | None]:
    cstate = action["cstate"]
    assert isinstance(cstate, dict)
    return {names[k]: (Fraction(v["vote"]) if "vote" in v else None) for k, v in cstate.items()}


def _nt(action: dict[str, object]) -> Fraction | None:
    value = action.get("nt_votes")
    return None if value is None else Fraction(str(value))


def meek_rounds(path: Path) -> Report:
    """Meek: the totals of each round's last iteration (stage k = round k)."""
    names, actions = _load(path)
    rounds: dict[int, dict[str, object]] = {}
    winners: list[str] = []
    ties: list[int] = []
    for a in actions:
        tag, msg = a["tag"], str(a["msg"])
        if tag == "elect":
            winners.append(msg.split(": ", 1)[1])
        if tag in ("elect", "defeat") and "remaining" not in msg:
            rounds.setdefault(int(str(a["round"])), a)
        if tag == "tie":
            ties.append(int(str(a["round"])) - 1)
    ordered = [rounds[k] for k in sorted(rounds)]
    return Report(
        [_votes(names, a) for a in ordered],
        [_nt(a) for a in ordered],
        winners,
        ties,
    )


def wigm_transfers(path: Path) -> Report:
    """WIGM: the totals at the start and after each transfer (stage k+1 = k-th transfer)."""
    names, actions = _load(path)
    snaps: list[dict[str, object]] = []
    winners: list[str] = []
    ties: list[int] = []
    for a in actions:
        tag, msg = a["tag"], str(a["msg"])
        if tag in ("begin", "transfer"):
            snaps.append(a)
        if tag == "elect":
            winners.append(msg.split(": ", 1)[1])
        if tag == "tie":
            ties.append(len(snaps))  # the tie decides the transfer that makes the next snapshot
    return Report(
        [_votes(names, a) for a in snaps],
        [_nt(a) for a in snaps],
        winners,
        ties,
    )
