"""Shared helpers for the verifier's tests: real records from real ballots, and cell mutations.

Records are produced by the counter (``teller.count``) from the Scottish 2017 ballots in
tests/conformance/scottish-stv (CC BY-SA 4.0 / MIT, see the LICENCE.md there). The verifier
itself never imports the counter; only these tests do, to have real records to check.
"""

from __future__ import annotations

import copy
import json
import shlex
from collections.abc import Iterator, Mapping
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

from teller import Arithmetic, Candidate, Contest, Profile, count, record_to_dict

WARDS = Path(__file__).resolve().parents[1] / "conformance" / "scottish-stv" / "2017"


def read_blt(path: Path) -> tuple[list[str], int, list[tuple[tuple[int, ...], int]]]:
    """Candidate names, seats and ``(ranking, weight)`` ballots of a BLT file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    n, seats = (int(x) for x in lines[0].split()[:2])
    ballots = []
    i = 1
    while lines[i].strip() != "0":
        weight, *prefs = (int(x) for x in lines[i].split())
        ballots.append((tuple(p - 1 for p in prefs[:-1]), weight))
        i += 1
    quoted = [shlex.split(line)[0] for line in lines[i + 1 :] if line.strip()]
    return quoted[:n], seats, ballots


@cache
def _ward(ward: str) -> tuple[tuple[str, ...], int, Profile]:
    names, seats, ballots = read_blt(WARDS / ward / "ballots.blt")
    return tuple(names), seats, Profile.from_rankings(len(names), ballots)


def ward_seats(ward: str) -> int:
    return _ward(ward)[1]


@cache
def _counted(
    ward: str,
    method: str,
    seats: int | None,
    options: str,
    seed: int,
    rules: str | None,
    arith: str,
) -> str:
    names, ward_seats_, profile = _ward(ward)
    contest = Contest(
        tuple(Candidate(n) for n in names),
        seats=ward_seats_ if seats is None else seats,
        method=method,
        rules=rules,
        options=json.loads(options),
    )
    arithmetic = Arithmetic.parse(arith) if arith else None
    return json.dumps(record_to_dict(count(contest, profile, seed=seed, arithmetic=arithmetic)))


def ward_record(
    ward: str,
    method: str,
    *,
    rules: str | None = None,
    seats: int | None = None,
    options: Mapping[str, Any] | None = None,
    seed: int = 7,
    arithmetic: str = "",
) -> dict[str, Any]:
    """A fresh JSON dict of the count of a real ward (``seats`` None: the ward's own)."""
    if seats is None and method in ("fptp", "sv", "irv"):
        seats = 1
    key = json.dumps(dict(options or {}), sort_keys=True)
    text = _counted(ward, method, seats, key, seed, rules, arithmetic)
    return json.loads(text)  # type: ignore[no-any-return]


def count_ward(
    ward: str,
    method: str,
    *,
    rules: str | None = None,
    seats: int | None = None,
    options: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Count a real ward now, bypassing the cache (for tests that alter the counter)."""
    names, own_seats, profile = _ward(ward)
    if seats is None:
        seats = 1 if method in ("fptp", "sv", "irv") else own_seats
    contest = Contest(
        tuple(Candidate(n) for n in names),
        seats=seats,
        method=method,
        rules=rules,
        options=options or {},
    )
    record = record_to_dict(count(contest, profile, seed=7))
    return json.loads(json.dumps(record))  # type: ignore[no-any-return]


def synthetic_record(
    names: list[str],
    ballots: list[tuple[tuple[int, ...], int]],
    method: str,
    *,
    seats: int = 1,
    options: Mapping[str, Any] | None = None,
    seed: int | None = 3,
) -> dict[str, Any]:
    """The JSON dict of counting a small hand-made profile."""
    contest = Contest(
        tuple(Candidate(n) for n in names), seats=seats, method=method, options=options or {}
    )
    profile = Profile.from_rankings(len(names), ballots)
    return json.loads(json.dumps(record_to_dict(count(contest, profile, seed=seed))))  # type: ignore[no-any-return]


# -- mutations -------------------------------------------------------------------------------

Path_ = tuple[str | int, ...]


def _unit(record: Mapping[str, Any]) -> Fraction:
    arith = record["arithmetic"]
    if arith.startswith("fixed:"):
        return Fraction(1, 10 ** int(arith.split(":")[1]))
    return Fraction(1)


def _write(x: Fraction, record: Mapping[str, Any]) -> str:
    arith = record["arithmetic"]
    places = int(arith.split(":")[1]) if arith.startswith("fixed:") else 0
    if arith == "rational" or (x * 10**places).denominator != 1:
        return f"{x.numerator}/{x.denominator}" if x.denominator != 1 else str(x.numerator)
    scaled = int(x * 10**places)
    sign = "-" if scaled < 0 else ""
    whole, frac = divmod(abs(scaled), 10**places)
    return f"{sign}{whole}.{frac:0{places}d}" if places else f"{sign}{whole}"


def _numbers(record: Mapping[str, Any], path: Path_, text: str) -> Iterator[tuple[Path_, Any]]:
    value = Fraction(text)
    unit = _unit(record)
    for delta in (unit, -unit):
        yield path, _write(value + delta, record)


def _counts(path: Path_, n: int) -> Iterator[tuple[Path_, Any]]:
    yield path, n + 1
    if n > 0:
        yield path, n - 1


def _others(names: list[str], current: str) -> Iterator[str]:
    return (n for n in names if n != current)


def cells(record: Mapping[str, Any]) -> Iterator[tuple[Path_, Any]]:
    """``(path, new value)`` for every cell of the record that a count decides.

    Figures move by one unit of the record's arithmetic either way; paper counts by one; every
    candidate name in a decision is replaced by each other candidate; every reason and tie-break
    method by each other one; stage references by one either way.
    """
    names = [c["name"] for c in record["candidates"] if not c.get("withdrawn")]
    yield from _counts(("seats",), record["seats"])
    yield from _counts(("valid_ballots",), record["valid_ballots"])
    if record["quota"] is not None:
        yield from _numbers(record, ("quota",), record["quota"])
    for i, name in enumerate(record["elected"]):
        for other in _others(names, name):
            yield ("elected", i), other
    for i, e in enumerate(record["elected_at"]):
        yield from _counts(("elected_at", i, "stage"), e["stage"])
        for by in _others(["quota", "deemed", "most-votes", "lot"], e["by"]):
            yield ("elected_at", i, "by"), by
    for i, e in enumerate(record["excluded"]):
        yield from _counts(("excluded", i, "stage"), e["stage"])
        for other in _others(names, e["name"]):
            yield ("excluded", i, "name"), other
    for k, stage in enumerate(record["stages"]):
        yield from _stage_cells(record, names, ("stages", k), stage)


def _stage_cells(
    record: Mapping[str, Any], names: list[str], at: Path_, stage: Mapping[str, Any]
) -> Iterator[tuple[Path_, Any]]:
    for key in ("totals", "changes"):
        for c, v in stage[key].items():
            yield from _numbers(record, (*at, key, c), v)
    for key in ("non_transferable", "exhausted", "rounding", "quota"):
        if stage.get(key) is not None:
            yield from _numbers(record, (*at, key), stage[key])
    action = stage["action"]
    if action.get("surplus") is not None:
        yield from _numbers(record, (*at, "action", "surplus"), action["surplus"])
    for i, name in enumerate(action["candidates"]):
        for other in _others(names, name):
            yield (*at, "action", "candidates", i), other
    for j, p in enumerate(action.get("parcels", [])):
        pat = (*at, "action", "parcels", j)
        yield from _numbers(record, (*pat, "value"), p["value"])
        yield from _numbers(record, (*pat, "transfer_value"), p["transfer_value"])
        for c, n in p["papers"].items():
            yield from _counts((*pat, "papers", c), n)
        yield from _counts((*pat, "exhausted"), p["exhausted"])
    for i, e in enumerate(stage["elected"]):
        for other in _others(names, e["name"]):
            yield (*at, "elected", i, "name"), other
        for by in _others(["quota", "deemed", "most-votes", "lot"], e["by"]):
            yield (*at, "elected", i, "by"), by
    for i, name in enumerate(stage["excluded"]):
        for other in _others(names, name):
            yield (*at, "excluded", i), other
    for t, tie in enumerate(stage["ties"]):
        tat = (*at, "ties", t)
        for other in _others(tie["candidates"], tie["chosen"][0]):
            yield (*tat, "chosen", 0), other
        for how in _others(["earlier-stage", "forward", "lot", "not-needed"], tie["resolved_by"]):
            yield (*tat, "resolved_by"), how
        if tie.get("stage") is not None:
            yield from _counts((*tat, "stage"), tie["stage"])
        if tie.get("seed") is not None:
            yield (*tat, "seed"), tie["seed"] + 1


def mutated(record: Mapping[str, Any], path: Path_, value: Any) -> dict[str, Any]:
    """A deep copy of ``record`` with the cell at ``path`` set to ``value``."""
    out = copy.deepcopy(dict(record))
    target: Any = out
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return out


def describe(path: Path_, value: Any) -> str:
    return "/".join(str(p) for p in path) + f" := {value!r}"


def _exact(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def allocation_cells(record: Mapping[str, Any]) -> Iterator[tuple[Path_, Any]]:
    """``(path, new value)`` for every cell of a list record's allocation and its one stage."""
    alloc = record["allocation"]
    entries = list(alloc["votes"])
    at: Path_ = ("allocation",)
    yield from _counts(("valid_ballots",), record["valid_ballots"])
    yield from _counts(("seats",), record["seats"])
    for key in ("votes", "prior_seats", "seats", "seats_by_party"):
        for party, n in alloc[key].items():
            yield from _counts((*at, key, party), n)
    for party, v in record["stages"][0]["totals"].items():
        yield ("stages", 0, "totals", party), _exact(Fraction(v) + 1)
    for i, e in enumerate(record["stages"][0]["elected"]):
        for other in _others(entries, e["name"]):
            yield ("stages", 0, "elected", i, "name"), other
        for by in _others(["most-votes", "lot"], e["by"]):
            yield ("stages", 0, "elected", i, "by"), by
    for r, rnd in enumerate(alloc["rounds"]):
        rat = (*at, "rounds", r)
        for other in _others(entries, rnd["awarded"]):
            yield (*rat, "awarded"), other
        for key in ("quotients", "adjusted"):
            for party, q in rnd.get(key, {}).items():
                for delta in (Fraction(1, 1000), Fraction(-1, 1000)):
                    yield (*rat, key, party), _exact(Fraction(q) + delta)
        tie = rnd.get("tie")
        if tie:
            for other in _others(tie["candidates"], tie["chosen"][0]):
                yield (*rat, "tie", "chosen", 0), other
            for how in _others(["lot", "not-needed", "adjusted-figure"], tie["resolved_by"]):
                yield (*rat, "tie", "resolved_by"), how
