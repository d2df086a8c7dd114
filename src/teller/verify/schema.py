"""Reading a ``teller-count/1`` dict into :mod:`teller.verify.model`, checking its shape.

Every problem becomes a finding (``format``, ``number``, ``candidates``, ``stage-numbers``); if
there is any, no record is returned and the semantic checks do not run, since they would only
repeat the same fault in other words.
"""

from __future__ import annotations

from typing import Any

from teller.verify.findings import Report
from teller.verify.model import Action, Parcel, Record, Stage
from teller.verify.numbers import Arith
from teller.verify.schema_base import Reader, tie_from
from teller.verify.schema_lists import read_allocation

FORMAT = "teller-count/1"
ACTION_KINDS = frozenset(
    {
        "count",
        "first-preferences",
        "surplus",
        "exclusion",
        "second-preferences",
        "iteration",
        "allocation",
    }
)
ELECTED_BY = frozenset({"quota", "deemed", "most-votes", "lot"})


def read_record(data: Any, report: Report) -> Record | None:
    """The typed record, or None after reporting why the dict is not a readable record."""
    r = Reader(report)
    top = r.obj(data, "the record")
    if not r.ok:
        return None
    fmt = top.get("format")
    if fmt != FORMAT:
        r.fail("format", "the record", f"is not a {FORMAT} record (format = {fmt!r})")
        return None
    required = [
        "method",
        "rules",
        "seats",
        "arithmetic",
        "quota",
        "quota_criterion",
        "elected",
        "elected_at",
        "excluded",
        "valid_ballots",
        "candidates",
        "stages",
    ]
    for name in required:
        r.key(top, name, "the record")
    if not r.ok:
        return None
    arith_text = r.text(top["arithmetic"], "arithmetic")
    arith = Arith.parse(arith_text)
    if arith is None:
        r.fail("arithmetic", "arithmetic", f"{arith_text!r} is not integer, fixed:P or rational")
    names, withdrawn = _candidates(r, top["candidates"])
    known = frozenset(names)
    stages = tuple(_stage(r, s, i + 1, known) for i, s in enumerate(r.seq(top["stages"], "stages")))
    if not stages and r.ok:
        r.fail("format", "stages", "is empty: a count has at least one stage")
    record = Record(
        method=r.text(top["method"], "method"),
        rules=r.text(top["rules"], "rules"),
        seats=r.count(top["seats"], "seats"),
        arith=arith or Arith("rational", None),
        quota=r.opt_number(top["quota"], "quota"),
        quota_criterion=r.text(top["quota_criterion"], "quota_criterion"),
        elected=r.names(top["elected"], "elected", known),
        elected_at=tuple(
            _elected_at(r, e, i, known)
            for i, e in enumerate(r.seq(top["elected_at"], "elected_at"))
        ),
        excluded=tuple(
            _excluded(r, e, i, known) for i, e in enumerate(r.seq(top["excluded"], "excluded"))
        ),
        valid_ballots=r.count(top["valid_ballots"], "valid_ballots"),
        names=names,
        withdrawn=withdrawn,
        stages=stages,
        seed=r.opt_int(top.get("seed"), "seed"),
        options=r.obj(top.get("options") or {}, "options"),
        allocation=read_allocation(r, top["allocation"]) if top.get("allocation") else None,
        group_minimum=r.obj(top["group_minimum"], "group_minimum")
        if top.get("group_minimum")
        else None,
    )
    if record.quota_criterion not in ("reach", "exceed"):
        r.fail(
            "format",
            "quota_criterion",
            f"must be 'reach' or 'exceed', not {record.quota_criterion!r}",
        )
    return record if r.ok else None


def _candidates(r: Reader, value: Any) -> tuple[tuple[str, ...], frozenset[str]]:
    standing: list[str] = []
    withdrawn: set[str] = set()
    seen: set[str] = set()
    for i, c in enumerate(r.seq(value, "candidates")):
        d = r.obj(c, f"candidates[{i}]")
        name = r.text(r.key(d, "name", f"candidates[{i}]"), f"candidates[{i}].name")
        if not name:
            r.fail("candidates", f"candidates[{i}]", "has an empty name")
        if name in seen:
            r.fail("candidates", f"candidates[{i}]", f"repeats the name {name!r}")
        seen.add(name)
        if d.get("withdrawn", False) is True:
            withdrawn.add(name)
        elif d.get("withdrawn", False) is not False:
            r.fail("format", f"candidates[{i}].withdrawn", "must be true or false")
        else:
            standing.append(name)
    return tuple(standing), frozenset(withdrawn)


def _stage(r: Reader, value: Any, position: int, known: frozenset[str]) -> Stage:
    where = f"stages[{position - 1}]"
    d = r.obj(value, where, position)
    for name in [
        "stage",
        "action",
        "totals",
        "changes",
        "non_transferable",
        "exhausted",
        "rounding",
        "elected",
        "excluded",
        "ties",
    ]:
        r.key(d, name, where, position)
    number = r.integer(d.get("stage"), f"{where}.stage", position)
    if number != position:
        r.fail(
            "stage-numbers",
            where,
            f"is numbered {d.get('stage')!r}; stages must run 1, 2, 3, ... (expected {position})",
            position,
        )
    n = position
    totals = r.figures(d.get("totals", {}), f"stage {n} totals", known, n)
    missing = sorted(set(known) - set(totals))
    if missing:
        r.fail("candidates", f"stage {n} totals", f"lack a total for {', '.join(missing)}", n)
    changes = r.figures(d.get("changes", {}), f"stage {n} changes", known, n)
    if n > 1 and set(changes) != set(known):
        lacking = sorted(set(known) - set(changes))
        r.fail("candidates", f"stage {n} changes", f"lack a change for {', '.join(lacking)}", n)
    elected = []
    for i, e in enumerate(r.seq(d.get("elected", []), f"stage {n} elected", n)):
        ed = r.obj(e, f"stage {n} elected[{i}]", n)
        name = r.text(
            r.key(ed, "name", f"stage {n} elected[{i}]", n), f"stage {n} elected[{i}].name", n
        )
        by = r.text(r.key(ed, "by", f"stage {n} elected[{i}]", n), f"stage {n} elected[{i}].by", n)
        r.known([name], f"stage {n} elected", known, n)
        if by not in ELECTED_BY:
            r.fail(
                "format",
                f"stage {n} elected[{i}].by",
                f"{by!r} is not one of {sorted(ELECTED_BY)}",
                n,
            )
        elected.append((name, by))
    keep = d.get("keep_values")
    return Stage(
        number=n,
        action=_action(r, d.get("action", {}), n, known),
        totals=totals,
        changes=changes,
        non_transferable=r.number(d.get("non_transferable", "0"), f"stage {n} non_transferable", n),
        exhausted=r.number(d.get("exhausted", "0"), f"stage {n} exhausted", n),
        rounding=r.number(d.get("rounding", "0"), f"stage {n} rounding", n),
        elected=tuple(elected),
        excluded=r.names(d.get("excluded", []), f"stage {n} excluded", known, n),
        ties=tuple(
            tie_from(r, t, f"stage {n} ties[{i}]", known, n)
            for i, t in enumerate(r.seq(d.get("ties", []), f"stage {n} ties", n))
        ),
        quota=r.opt_number(d.get("quota"), f"stage {n} quota", n),
        keep_values=None if keep is None else r.figures(keep, f"stage {n} keep_values", known, n),
        notes=tuple(
            r.text(t, f"stage {n} notes[{i}]", n)
            for i, t in enumerate(r.seq(d.get("notes", []), f"stage {n} notes", n))
        ),
    )


def _action(r: Reader, value: Any, n: int, known: frozenset[str]) -> Action:
    where = f"stage {n} action"
    d = r.obj(value, where, n)
    kind = r.text(r.key(d, "type", where, n), f"{where}.type", n)
    if kind not in ACTION_KINDS:
        r.fail("format", f"{where}.type", f"{kind!r} is not one of {sorted(ACTION_KINDS)}", n)
    parcels = []
    for i, p in enumerate(r.seq(d.get("parcels", []), f"{where}.parcels", n)):
        pw = f"{where} parcel {i + 1}"
        pd = r.obj(p, pw, n)
        for name in ("value", "transfer_value", "papers", "exhausted"):
            r.key(pd, name, pw, n)
        papers = r.counts(pd.get("papers", {}), f"{pw} papers", n)
        r.known(papers, f"{pw} papers", known, n)
        parcels.append(
            Parcel(
                value=r.number(pd.get("value", "0"), f"{pw} value", n),
                transfer_value=r.number(pd.get("transfer_value", "0"), f"{pw} transfer_value", n),
                papers=papers,
                exhausted=r.count(pd.get("exhausted", 0), f"{pw} exhausted", n),
            )
        )
    return Action(
        kind=kind,
        candidates=r.names(r.key(d, "candidates", where, n) or [], f"{where}.candidates", known, n),
        surplus=r.opt_number(d.get("surplus"), f"{where}.surplus", n),
        parcels=tuple(parcels),
        rule=None if d.get("rule") is None else r.text(d["rule"], f"{where}.rule", n),
    )


def _elected_at(r: Reader, value: Any, i: int, known: frozenset[str]) -> tuple[str, int, str]:
    where = f"elected_at[{i}]"
    d = r.obj(value, where)
    name = r.text(r.key(d, "name", where), f"{where}.name")
    r.known([name], where, known)
    return (
        name,
        r.integer(r.key(d, "stage", where), f"{where}.stage"),
        r.text(r.key(d, "by", where), f"{where}.by"),
    )


def _excluded(r: Reader, value: Any, i: int, known: frozenset[str]) -> tuple[str, int]:
    where = f"excluded[{i}]"
    d = r.obj(value, where)
    name = r.text(r.key(d, "name", where), f"{where}.name")
    r.known([name], where, known)
    return name, r.integer(r.key(d, "stage", where), f"{where}.stage")
