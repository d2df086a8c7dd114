"""The ``teller-count/1`` JSON form of a :class:`~teller.record.CountRecord`, both ways.

Numbers are strings so that decimals stay exact: fixed-point values carry exactly their
arithmetic's places (``"1448.00000"``), integers none, and rationals that do not terminate are
written ``"p/q"``. This module builds and reads plain dicts; writing files is the caller's job.

Top-level keys: ``format``, ``method``, ``rules``, ``seats``, ``arithmetic``, ``quota``,
``quota_criterion``, ``elected``, ``elected_at``, ``excluded``, ``valid_ballots``,
``candidates``, ``stages``, and where known ``seed``, ``title``, ``election_id``,
``electorate``, ``rejected``, ``options``, ``profile_sha256``, ``source``, ``allocation``,
``group_minimum``. A record with an ``allocation`` (list PR, AMS) also carries
``seats_by_party`` and ``list_elected`` at the top level, copied from the allocation for
readers that want only the result; reading ignores the copies. Each stage has ``stage``,
``action``, ``totals``, ``changes``, ``non_transferable``, ``exhausted``, ``rounding``,
``elected``, ``excluded``, ``ties`` and, where the method has them, ``quota`` and
``keep_values``.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from teller.arithmetic import Arithmetic, exact_str, parse_number
from teller.errors import ModelError
from teller.record import (
    FORMAT,
    Action,
    ActionKind,
    Allocation,
    AllocationRound,
    CandidateInfo,
    CountRecord,
    ElectedBy,
    Election,
    Parcel,
    Stage,
    Tie,
    TieBreak,
)


def record_to_dict(record: CountRecord) -> dict[str, Any]:
    """The JSON-ready dict of a record."""
    arith = Arithmetic.parse(record.arithmetic)
    num = arith.format
    out: dict[str, Any] = {
        "format": FORMAT,
        "method": record.method,
        "rules": record.rules,
        "seats": record.seats,
        "arithmetic": record.arithmetic,
        "quota": None if record.quota is None else num(record.quota),
        "quota_criterion": record.quota_criterion,
        "elected": list(record.elected),
        "elected_at": [{"name": n, "stage": s, "by": str(b)} for n, s, b in record.elected_at()],
        "excluded": [{"name": n, "stage": s} for n, s in record.excluded_at()],
        "valid_ballots": record.valid_ballots,
        "candidates": [
            _drop_none({"name": c.name, "party": c.party, "gender": c.gender})
            | ({"withdrawn": True} if c.withdrawn else {})
            for c in record.candidates
        ],
        "stages": [_stage_to_dict(s, num) for s in record.stages],
    }
    optional = {
        "seed": record.seed,
        "title": record.title,
        "election_id": record.election_id,
        "electorate": record.electorate,
        "rejected": record.rejected,
        "options": dict(record.options) or None,
        "profile_sha256": record.profile_sha256,
        "source": record.source,
        "group_minimum": dict(record.group_minimum) if record.group_minimum else None,
    }
    out.update(_drop_none(optional))
    if record.allocation is not None:
        allocation = _allocation_to_dict(record.allocation, num)
        out["allocation"] = allocation
        # Copies for readers that want only the result; the allocation is the source.
        out["seats_by_party"] = dict(allocation["seats_by_party"])
        out["list_elected"] = [dict(e) for e in allocation.get("list_elected", [])]
    return out


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def _tie_to_dict(tie: Tie) -> dict[str, Any]:
    return _drop_none(
        {
            "kind": tie.kind,
            "candidates": list(tie.candidates),
            "resolved_by": str(tie.resolved_by),
            "chosen": list(tie.chosen),
            "stage": tie.stage,
            "seed": tie.seed,
        }
    )


def _stage_to_dict(stage: Stage, num: Any) -> dict[str, Any]:
    action = stage.action
    act: dict[str, Any] = {"type": str(action.kind), "candidates": list(action.candidates)}
    if action.surplus is not None:
        act["surplus"] = num(action.surplus)
    if action.parcels:
        act["parcels"] = [
            _drop_none(
                {
                    "value": num(p.value),
                    "transfer_value": num(p.transfer_value),
                    "papers": dict(p.papers),
                    "exhausted": p.exhausted,
                    "origin": p.origin,
                }
            )
            for p in action.parcels
        ]
    if action.rule:
        act["rule"] = action.rule
    if action.note:
        act["note"] = action.note
    out: dict[str, Any] = {
        "stage": stage.number,
        "action": act,
        "totals": {k: num(v) for k, v in stage.totals.items()},
        "changes": {k: num(v) for k, v in stage.changes.items()},
        "non_transferable": num(stage.non_transferable),
        "exhausted": num(stage.exhausted),
        "rounding": num(stage.rounding),
        "elected": [{"name": e.name, "by": str(e.by)} for e in stage.elected],
        "excluded": list(stage.excluded),
        "ties": [_tie_to_dict(t) for t in stage.ties],
    }
    if stage.quota is not None:
        out["quota"] = num(stage.quota)
    if stage.keep_values is not None:
        out["keep_values"] = {k: exact_str(v) for k, v in stage.keep_values.items()}
    if stage.notes:
        out["notes"] = list(stage.notes)
    return out


def _allocation_to_dict(alloc: Allocation, num: Any) -> dict[str, Any]:
    return _drop_none(
        {
            "divisors": alloc.divisors,
            "votes": dict(alloc.votes),
            "prior_seats": dict(alloc.prior_seats),
            "rounds": [
                _drop_none(
                    {
                        "round": r.number,
                        "quotients": {k: exact_str(v) for k, v in r.quotients.items()},
                        "awarded": r.awarded,
                        "tie": _tie_to_dict(r.tie) if r.tie else None,
                        "adjusted": {k: exact_str(v) for k, v in r.adjusted.items()} or None,
                    }
                )
                for r in alloc.rounds
            ],
            "seats": dict(alloc.seats),
            "seats_by_party": dict(alloc.seats_by_party),
            "list_elected": [{"party": p, "name": n} for p, n in alloc.list_elected],
            "threshold": None if alloc.threshold is None else exact_str(alloc.threshold),
            "below_threshold": list(alloc.below_threshold),
            "ineligible": list(alloc.ineligible),
            "independents": list(alloc.independents),
            "constituency_elected": [
                {"constituency": c, "name": n, "party": p} for c, n, p in alloc.constituency_elected
            ],
            "disregarded": [{"party": p, "name": n} for p, n in alloc.disregarded],
            "total_votes": alloc.total_votes,
        }
    )


# -- reading ------------------------------------------------------------------------------------


def record_from_dict(data: Mapping[str, Any]) -> CountRecord:
    """Rebuild a record from its JSON dict. Raises :class:`ModelError` on a malformed record."""
    if data.get("format") != FORMAT:
        raise ModelError(f"not a {FORMAT} record (format = {data.get('format')!r})")
    try:
        return _record_from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"malformed {FORMAT} record: {exc!r}") from exc


def _num(text: Any) -> Fraction:
    return parse_number(str(text))


def _opt_num(text: Any) -> Fraction | None:
    return None if text is None else _num(text)


def _tie_from_dict(d: Mapping[str, Any]) -> Tie:
    return Tie(
        kind=d["kind"],
        candidates=tuple(d["candidates"]),
        resolved_by=TieBreak(d["resolved_by"]),
        chosen=tuple(d["chosen"]),
        stage=d.get("stage"),
        seed=d.get("seed"),
    )


def _stage_from_dict(d: Mapping[str, Any]) -> Stage:
    act = d["action"]
    action = Action(
        kind=ActionKind(act["type"]),
        candidates=tuple(act.get("candidates", ())),
        surplus=_opt_num(act.get("surplus")),
        parcels=tuple(
            Parcel(
                value=_num(p["value"]),
                transfer_value=_num(p["transfer_value"]),
                papers={k: int(v) for k, v in p["papers"].items()},
                exhausted=int(p.get("exhausted", 0)),
                origin=p.get("origin"),
            )
            for p in act.get("parcels", ())
        ),
        rule=act.get("rule"),
        note=act.get("note"),
    )
    keep = d.get("keep_values")
    return Stage(
        number=int(d["stage"]),
        action=action,
        totals={k: _num(v) for k, v in d["totals"].items()},
        changes={k: _num(v) for k, v in d.get("changes", {}).items()},
        exhausted=_num(d.get("exhausted", "0")),
        rounding=_num(d.get("rounding", "0")),
        elected=tuple(Election(e["name"], ElectedBy(e["by"])) for e in d.get("elected", ())),
        excluded=tuple(d.get("excluded", ())),
        ties=tuple(_tie_from_dict(t) for t in d.get("ties", ())),
        quota=_opt_num(d.get("quota")),
        keep_values=None if keep is None else {k: _num(v) for k, v in keep.items()},
        notes=tuple(d.get("notes", ())),
    )


def _allocation_from_dict(d: Mapping[str, Any]) -> Allocation:
    return Allocation(
        divisors=d["divisors"],
        votes={k: int(v) for k, v in d["votes"].items()},
        prior_seats={k: int(v) for k, v in d.get("prior_seats", {}).items()},
        rounds=tuple(
            AllocationRound(
                number=int(r["round"]),
                quotients={k: _num(v) for k, v in r["quotients"].items()},
                awarded=r["awarded"],
                tie=_tie_from_dict(r["tie"]) if r.get("tie") else None,
                adjusted={k: _num(v) for k, v in r.get("adjusted", {}).items()},
            )
            for r in d["rounds"]
        ),
        seats={k: int(v) for k, v in d["seats"].items()},
        seats_by_party={k: int(v) for k, v in d["seats_by_party"].items()},
        list_elected=tuple((e["party"], e["name"]) for e in d.get("list_elected", ())),
        threshold=_opt_num(d.get("threshold")),
        below_threshold=tuple(d.get("below_threshold", ())),
        ineligible=tuple(d.get("ineligible", ())),
        independents=tuple(d.get("independents", ())),
        constituency_elected=tuple(
            (e["constituency"], e["name"], e.get("party"))
            for e in d.get("constituency_elected", ())
        ),
        disregarded=tuple((e["party"], e["name"]) for e in d.get("disregarded", ())),
        total_votes=None if d.get("total_votes") is None else int(d["total_votes"]),
    )


def _record_from_dict(data: Mapping[str, Any]) -> CountRecord:
    return CountRecord(
        method=data["method"],
        rules=data["rules"],
        seats=int(data["seats"]),
        arithmetic=data["arithmetic"],
        candidates=tuple(
            CandidateInfo(
                name=c["name"],
                party=c.get("party"),
                gender=c.get("gender"),
                withdrawn=bool(c.get("withdrawn", False)),
            )
            for c in data["candidates"]
        ),
        stages=tuple(_stage_from_dict(s) for s in data["stages"]),
        elected=tuple(data["elected"]),
        valid_ballots=int(data["valid_ballots"]),
        quota=_opt_num(data.get("quota")),
        quota_criterion=data.get("quota_criterion", "reach"),
        seed=data.get("seed"),
        title=data.get("title"),
        election_id=data.get("election_id"),
        electorate=data.get("electorate"),
        rejected=data.get("rejected"),
        options=data.get("options") or {},
        profile_sha256=data.get("profile_sha256"),
        allocation=_allocation_from_dict(data["allocation"]) if data.get("allocation") else None,
        source=data.get("source"),
        group_minimum=data.get("group_minimum"),
    )
