"""Every single-cell change to a real record is caught.

For several real counts (Scottish 2017 ballots counted by teller under each method), every cell
the count decides is changed in turn: each total, change, non-transferable, exhausted and
rounding figure by one unit of the arithmetic either way; each surplus, parcel value, transfer
value and quota likewise; each paper count by one; each candidate named in an election,
exclusion, transfer or tie replaced by every other candidate; each reason and tie-break method by
every other one. The verifier must report at least one finding for every one of them.

The block vote is the exception the record cannot support (docs/verify.md): there a changed
total or valid-paper count is detectable only if it breaks the vote's bounds or changes who is
elected; the test states exactly that predicate and holds the verifier to it both ways.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from verify_support import cells, describe, mutated, ward_record

from teller.verify import verify_record

CASES: list[tuple[str, str, dict[str, Any]]] = [
    # STV: two first-stage surpluses, five exclusions, the last seat deemed elected.
    ("aberdeen-city/bridge-of-don", "stv", {}),
    # STV: equal surpluses settled by an earlier stage (rule 49(2)) and an elected-order tie.
    ("renfrewshire/paisley-northeast-and-ralston", "stv", {}),
    # STV: a short count (2 stages).
    ("aberdeen-city/airyhall-broomhill-garthdee", "stv", {}),
    # AV with an exclusion tie settled by an earlier round.
    ("aberdeen-city/george-st-harbour", "irv", {}),
    # AV with bulk exclusions.
    ("aberdeen-city/bridge-of-don", "irv", {"options": {"bulk_exclusion": True}}),
    # SV: second preferences.
    ("aberdeen-city/bridge-of-don", "sv", {}),
    # SV: three candidates tied into second place all remain.
    ("eilean-siar/loch-a-tuath", "sv", {}),
    # FPTP.
    ("aberdeen-city/bridge-of-don", "fptp", {}),
    # ERS97: deferred surpluses, bulk exclusions in sub-stages, deemed elections [5.3.13(b)].
    ("aberdeen-city/bridge-of-don", "stv", {"rules": "ers97"}),
    # ERS97: the quota recalculated while nobody is elected [5.4.8].
    ("angus/arbroath-east-and-lunan", "stv", {"rules": "ers97"}),
    # Generic WIGM, exact quota (exceed) in rational arithmetic, and Droop quota to 4 decimals.
    ("aberdeen-city/bridge-of-don", "stv", {"rules": "wigm", "options": {"quota": "exact"}}),
    ("aberdeen-city/bridge-of-don", "stv", {"rules": "wigm", "arithmetic": "fixed:4"}),
    # Meek: New Zealand and PR Foundation rules.
    ("aberdeen-city/bridge-of-don", "stv", {"rules": "meek"}),
    ("aberdeen-city/bridge-of-don", "stv", {"rules": "meek-prf"}),
]


@pytest.mark.parametrize(
    ("ward", "method", "how"),
    CASES,
    ids=[f"{m}{sorted(map(str, o.values()))}:{w}" for w, m, o in CASES],
)
def test_every_cell_change_is_caught(ward: str, method: str, how: dict[str, Any]) -> None:
    record = ward_record(ward, method, **how)
    assert verify_record(record) == []
    missed = []
    tried = 0
    for path, value in cells(record):
        tried += 1
        if not verify_record(mutated(record, path, value)):
            missed.append(describe(path, value))
    assert tried > 50
    assert missed == [], f"{len(missed)} of {tried} changes not caught, e.g. {missed[:5]}"


def _block_outcome_holds(record: dict[str, Any]) -> bool:
    """Whether a block-vote record's totals stay within the vote's bounds and elect the same."""
    stage = record["stages"][0]
    totals = {c: Fraction(v) for c, v in stage["totals"].items()}
    valid = record["valid_ballots"]
    seats = record["seats"]
    if not valid <= sum(totals.values()) <= seats * valid:
        return False
    if any(v > valid or v < 0 for v in totals.values()):
        return False
    elected = {e["name"] for e in stage["elected"]}
    lowest_in = min(totals[c] for c in elected)
    highest_out = max((v for c, v in totals.items() if c not in elected), default=Fraction(-1))
    by_lot = any(e["by"] == "lot" for e in stage["elected"])
    # Same winners by most votes: everyone in beats everyone out, or the lot still decides.
    return lowest_in > highest_out if not by_lot else lowest_in == highest_out


@pytest.mark.parametrize(
    "ward",
    ["aberdeen-city/bridge-of-don", "south-ayrshire/maybole-north-carrick-and-coylton"],
)
def test_block_vote_cell_changes(ward: str) -> None:
    record = ward_record(ward, "block")
    assert verify_record(record) == []
    wrong = []
    undetectable = 0
    for path, value in cells(record):
        changed = mutated(record, path, value)
        found = bool(verify_record(changed))
        figure = path[0] == "valid_ballots" or (len(path) == 4 and path[2] == "totals")
        expect = not (figure and _block_outcome_holds(changed))
        undetectable += not expect
        if found != expect:
            wrong.append(describe(path, value))
    assert undetectable > 0
    assert wrong == [], f"verifier disagrees with the block-vote predicate on {wrong[:5]}"
