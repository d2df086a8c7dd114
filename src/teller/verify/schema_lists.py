"""Reading the ``allocation`` of a list-count record (see :mod:`teller.verify.schema`)."""

from __future__ import annotations

from typing import Any

from teller.verify.model import Allocation, Round
from teller.verify.schema_base import Reader, tie_from


def read_allocation(r: Reader, value: Any) -> Allocation:
    where = "allocation"
    d = r.obj(value, where)
    for name in ("divisors", "votes", "rounds", "seats", "seats_by_party"):
        r.key(d, name, where)
    parties = frozenset(r.obj(d.get("votes", {}), f"{where}.votes"))
    rounds = []
    for i, rv in enumerate(r.seq(d.get("rounds", []), f"{where}.rounds")):
        rw = f"{where} round {i + 1}"
        rd = r.obj(rv, rw)
        awarded = r.text(r.key(rd, "awarded", rw), f"{rw}.awarded")
        r.known([awarded], f"{rw}.awarded", parties)
        tie = rd.get("tie")
        rounds.append(
            Round(
                number=r.integer(r.key(rd, "round", rw), f"{rw}.round"),
                quotients=r.figures(r.key(rd, "quotients", rw) or {}, f"{rw}.quotients", parties),
                awarded=awarded,
                tie=None if not tie else tie_from(r, tie, f"{rw}.tie", parties, None),
                adjusted=r.figures(rd.get("adjusted") or {}, f"{rw}.adjusted", parties),
            )
        )
    return Allocation(
        divisors=r.text(d.get("divisors", ""), f"{where}.divisors"),
        votes=r.counts(d.get("votes", {}), f"{where}.votes"),
        prior_seats=r.counts(d.get("prior_seats", {}), f"{where}.prior_seats"),
        rounds=tuple(rounds),
        seats=r.counts(d.get("seats", {}), f"{where}.seats"),
        seats_by_party=r.counts(d.get("seats_by_party", {}), f"{where}.seats_by_party"),
        threshold=r.opt_number(d.get("threshold"), f"{where}.threshold"),
        below_threshold=tuple(
            r.text(x, f"{where}.below_threshold")
            for x in r.seq(d.get("below_threshold", []), f"{where}.below_threshold")
        ),
        ineligible=tuple(
            r.text(x, f"{where}.ineligible")
            for x in r.seq(d.get("ineligible", []), f"{where}.ineligible")
        ),
        independents=frozenset(
            r.text(x, f"{where}.independents")
            for x in r.seq(d.get("independents", []), f"{where}.independents")
        ),
        constituency_elected=tuple(
            _held_seat(r, x, f"{where}.constituency_elected[{i}]")
            for i, x in enumerate(
                r.seq(d.get("constituency_elected", []), f"{where}.constituency_elected")
            )
        ),
        total_votes=r.opt_int(d.get("total_votes"), f"{where}.total_votes"),
    )


def _held_seat(r: Reader, value: Any, where: str) -> tuple[str, str, str | None]:
    d = r.obj(value, where)
    party = d.get("party")
    return (
        r.text(r.key(d, "constituency", where), f"{where}.constituency"),
        r.text(r.key(d, "name", where), f"{where}.name"),
        None if party is None else r.text(party, f"{where}.party"),
    )
