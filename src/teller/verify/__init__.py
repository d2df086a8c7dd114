"""``teller verify``: check a finished count from its ``teller-count/1`` JSON record alone.

An independent program: it imports nothing from teller outside this package (a test enforces
it), re-reads every figure from its exact string, and re-derives what the rules require from the
record's own numbers. :func:`verify_record` returns the findings; an empty list means the record
holds. docs/verify.md lists every check and the rule it comes from.

>>> verify_record({"format": "teller-count/0"})[0].check
'format'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from teller.verify.accounts import (
    check_changes,
    check_conservation,
    check_non_transferable,
    check_nonnegative,
    check_representable,
    check_transfers,
)
from teller.verify.findings import Finding, Report
from teller.verify.irv import check_irv
from teller.verify.lists import check_allocation
from teller.verify.model import Record
from teller.verify.papers import check_papers
from teller.verify.plurality import check_plurality
from teller.verify.schema import read_record
from teller.verify.status import (
    Timeline,
    check_exclusions_carried_out,
    check_seats_filled,
    check_summary,
    timeline,
)
from teller.verify.stv import check_stv
from teller.verify.stv_rules import MEEK_RULES, STV_RULES
from teller.verify.sv import check_sv
from teller.verify.ties import check_unexamined

__all__ = ["Finding", "verify_file", "verify_record"]

KNOWN_RULES: dict[str, frozenset[str]] = {
    "fptp": frozenset({"fptp"}),
    "block": frozenset({"block"}),
    "sv": frozenset({"sv"}),
    "irv": frozenset({"labour"}),
}
"""Rule sets whose method checks are implemented, for the methods without a rules table.
STV rule sets are in :data:`teller.verify.stv_rules.STV_RULES`."""


def verify_record(data: Mapping[str, Any]) -> list[Finding]:
    """Every way the record fails to hold; ``[]`` means it holds."""
    report = Report()
    record = read_record(data, report)
    if record is None:
        return report.findings()
    check_summary(record, report)
    check_representable(record, report)
    check_nonnegative(record, report)
    check_changes(record, report)
    check_non_transferable(record, report, accumulates=not _is_meek(record))
    if record.allocation is not None:
        # A list count elects a list once per seat it wins: no per-candidate timeline.
        check_allocation(record, report)
    else:
        line = timeline(record, report)
        _check_method(record, line, report)
        check_seats_filled(record, line, report)
    return report.findings()


def _check_method(record: Record, line: Timeline, report: Report) -> None:
    method = record.method
    if method not in KNOWN_RULES and method != "stv":
        report.add(
            None,
            "method-unknown",
            f"the verifier has no checks for method {method!r}: only the generic checks were run",
        )
        return
    if method in ("fptp", "block", "sv", "irv") and record.rules not in KNOWN_RULES[method]:
        report.add(
            None,
            "rules-unknown",
            f"the verifier knows {method} under rules {', '.join(sorted(KNOWN_RULES[method]))}, "
            f"not {record.rules!r}: only the generic checks were run",
        )
        if method in ("fptp", "block"):
            return
    if method in ("fptp", "block"):
        check_plurality(record, line, report, block=method == "block")
        check_unexamined(record, report)
        return
    check_conservation(record, report)
    # Meek records move no parcels: their exclusions and iterations re-weight every paper.
    if not _is_meek(record):
        check_transfers(record, line, report)
        check_exclusions_carried_out(record, report)
    if method == "stv":
        check_stv(record, line, report)
        if not _is_meek(record) and record.rules in STV_RULES:
            check_unexamined(record, report)
    elif record.rules in KNOWN_RULES[method]:
        check_papers(record, line, report)
        (check_sv if method == "sv" else check_irv)(record, line, report)
        check_unexamined(record, report)


def _is_meek(record: Record) -> bool:
    return record.rules in MEEK_RULES or any(s.keep_values is not None for s in record.stages)


def verify_file(path: str) -> list[Finding]:
    """Read a JSON record and verify it; an unreadable or malformed file is itself a finding."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        return [Finding(None, "format", f"{path}: cannot be read ({exc.strerror or exc})")]
    except UnicodeDecodeError as exc:
        return [
            Finding(None, "format", f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})")
        ]
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        return [Finding(None, "format", f"{path}:{exc.lineno}: not valid JSON: {exc.msg}")]
    except ValueError as exc:
        return [Finding(None, "format", f"{path}: not valid JSON: {exc}")]
    except RecursionError:
        return [Finding(None, "format", f"{path}: JSON nested too deeply to read")]
    if not isinstance(data, Mapping):
        return [
            Finding(None, "format", f"{path}: a record is a JSON object, not {type(data).__name__}")
        ]
    return verify_record(data)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a count record can hold")
