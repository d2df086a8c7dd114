"""Count records for the sheet tests, built from real published results.

Data: the project's conformance folders (tests/conformance/scottish-stv, CC BY-SA 4.0 sheets and
MIT ballots; tests/conformance/public, transcribed public results), read where they are.

* STV counted by teller from a Scottish ward's real ballots, and STV built by hand from the
  ward's official stage totals (independent of teller's counting). The sheet does not say what
  each stage did, so it is inferred: stage k is the exclusion of the candidates the sheet
  excludes at stage k-1, else the surplus of the candidate whose total fell.
* FPTP, SV, AV: ballot profiles that reproduce published totals exactly, counted by teller.
* A small synthetic STV record with parcels, a tie settled by lot and rule citations, and a
  D'Hondt allocation computed here, independently of any teller code.
"""

from __future__ import annotations

import csv
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

from teller.count import count
from teller.io import read_ballots
from teller.model import Candidate, Contest, ElectionId, Profile
from teller.record import (
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

TESTS = Path(__file__).parent.parent
SCOTTISH = TESTS / "conformance" / "scottish-stv" / "2017"
PUBLIC = TESTS / "conformance" / "public" / "data" / "public-results"
WARDS = (
    "aberdeen-city/bridge-of-don",  # 9 stages; last seat filled without the quota
    "highland/eilean-a-cho",  # 12 candidates, 12 stages: the widest sheet
    "moray/fochabers-lhanbryde",  # two candidates deemed elected at the last stage
    "aberdeenshire/banff-and-district",  # one stage: every seat filled on first preferences
)


def official(ward: str) -> dict:
    return json.loads((SCOTTISH / ward / "official.json").read_text("utf-8"))


def counted_ward(ward: str, rules: str = "scottish-2007") -> CountRecord:
    """The ward's real ballots counted by teller."""
    ballots = read_ballots(SCOTTISH / ward / "ballots.blt")
    sheet = official(ward)
    contest = ballots.contest.replace(
        method="stv",
        rules=rules,
        electorate=sheet["electorate"],
        rejected=sheet["rejected"],
        election_id=ElectionId.parse(sheet["election_id"]),
    )
    return count(contest, ballots.profile, seed=2017)


def stv_record(ward: str) -> CountRecord:
    sheet = official(ward)
    names = sheet["candidates"]
    quota = Fraction(sheet["quota"])
    elected_at: dict[int, list[str]] = {}
    for item in sheet["elected"]:
        elected_at.setdefault(item["stage"], []).append(item["name"])
    excluded_at: dict[int, list[str]] = {}
    for item in sheet["excluded"]:
        excluded_at.setdefault(item["stage"], []).append(item["name"])
    stages = []
    previous: dict[str, Fraction] = {}
    for number, raw in enumerate(sheet["stages"], start=1):
        totals = {n: Fraction(raw["totals"][n]) for n in names}
        if number == 1:
            action = Action(ActionKind.FIRST_PREFERENCES)
            changes: dict[str, Fraction] = {}
        else:
            changes = {n: totals[n] - previous[n] for n in names}
            if excluded_at.get(number - 1):
                action = Action(ActionKind.EXCLUSION, tuple(excluded_at[number - 1]))
            else:
                (giver,) = [n for n in names if changes[n] < 0]
                assert totals[giver] == quota, (ward, number, giver)
                action = Action(ActionKind.SURPLUS, (giver,), surplus=-changes[giver])
        elected = tuple(
            Election(n, ElectedBy.QUOTA if totals[n] >= quota else ElectedBy.DEEMED)
            for n in elected_at.get(number, ())
        )
        stages.append(
            Stage(
                number=number,
                action=action,
                totals=totals,
                changes=changes,
                exhausted=Fraction(sheet["non_transferable"][number - 1]),
                elected=elected,
                excluded=tuple(excluded_at.get(number, ())),
                quota=quota,
            )
        )
        previous = totals
    return CountRecord(
        method="stv",
        rules="scottish-2007",
        seats=sheet["seats"],
        arithmetic="fixed:5",
        candidates=tuple(CandidateInfo(n, p) for n, p in zip(names, sheet["parties"], strict=True)),
        stages=tuple(stages),
        elected=tuple(e["name"] for e in sheet["elected"]),
        valid_ballots=sheet["valid_poll"],
        quota=quota,
        title=f"{sheet['council']} {sheet['year']}: {sheet['ward']}",
        election_id=sheet["election_id"],
        electorate=sheet["electorate"],
        rejected=sheet["rejected"],
    )


def _rows(file: str, column: str, prefix: str) -> list[dict[str, str]]:
    with (PUBLIC / file).open(encoding="utf-8", newline="") as handle:
        return [r for r in csv.DictReader(handle) if r[column].startswith(prefix)]


def hartlepool_rows() -> list[dict[str, str]]:
    return _rows("byelections_2021.csv", "election", "Hartlepool")


def hartlepool() -> CountRecord:
    """Hartlepool by-election 2021: one ballot per vote for each candidate's published total."""
    rows = hartlepool_rows()
    contest = Contest(
        tuple(Candidate(r["candidate"], r["party"]) for r in rows),
        method="fptp",
        title="Hartlepool by-election 2021",
        election_id=ElectionId.parse("parl.hartlepool.by.2021-05-06"),
        electorate=70768,  # the row's note: "electorate 70768"
    )
    profile = Profile.from_rankings(
        len(rows), [((i,), int(r["votes"])) for i, r in enumerate(rows)]
    )
    return count(contest, profile)


def west_midlands_rows() -> list[dict[str, str]]:
    return _rows("mayoral_sv_2021.csv", "election", "West Midlands")


def west_midlands() -> CountRecord:
    """West Midlands mayor 2021 (SV): the eliminated candidates' papers carry exactly the
    published second choices for Street and Byrne; the rest have no usable second choice."""
    rows = west_midlands_rows()
    first = [int(r["first_round"]) for r in rows]
    street, byrne, caudwell, wilkinson, durnell = range(5)
    to_street = int(rows[street]["second_prefs_added"])
    to_byrne = int(rows[byrne]["second_prefs_added"])
    ballots = [
        ((street,), first[street]),
        ((byrne,), first[byrne]),
        ((caudwell, byrne), to_byrne),
        ((caudwell,), first[caudwell] - to_byrne),
        ((wilkinson, street), to_street),
        ((wilkinson,), first[wilkinson] - to_street),
        ((durnell,), first[durnell]),
    ]
    contest = Contest(
        tuple(Candidate(r["candidate"], r["party"]) for r in rows),
        method="sv",
        title="West Midlands mayor 2021",
        electorate=1968302,  # the Caudwell row's note
    )
    return count(contest, Profile.from_rankings(5, ballots))


def labour_deputy_rows() -> list[dict[str, str]]:
    return _rows("labour_2020_leadership.csv", "contest", "Deputy")


def labour_deputy() -> CountRecord:
    """Labour deputy leader 2020 (AV): papers whose next preferences give the published rounds."""
    names = ["Angela Rayner", "Richard Burgon", "Rosena Allin-Khan", "Ian Murray", "Dawn Butler"]
    votes = {(int(r["round"]), r["candidate"]): int(r["votes"]) for r in labour_deputy_rows()}
    rayner, burgon, allin_khan, murray, butler = range(5)

    def gain(rnd: int, who: int) -> int:
        return votes[(rnd, names[who])] - votes[(rnd - 1, names[who])]

    butler_on = {c: gain(2, c) for c in (rayner, burgon, allin_khan, murray)}
    murray_on = {c: gain(3, c) for c in (rayner, burgon, allin_khan)}
    ballots = [((c,), votes[(1, names[c])]) for c in (rayner, burgon, allin_khan)]
    ballots += [((butler, c), n) for c, n in butler_on.items() if c != murray]
    # Butler's papers that went on to Murray stop there when Murray is excluded.
    ballots += [((butler, murray), butler_on[murray])]
    ballots += [((butler,), votes[(1, names[butler])] - sum(butler_on.values()))]
    ballots += [((murray, c), n) for c, n in murray_on.items()]
    ballots += [((murray,), votes[(1, names[murray])] - sum(murray_on.values()))]
    contest = Contest(
        tuple(Candidate(n, "Labour") for n in names),
        method="irv",
        title="Labour Party deputy leader 2020",
    )
    return count(contest, Profile.from_rankings(5, ballots))


def synthetic_stv() -> CountRecord:
    """A made-up 2-seat STV count with parcels, a tie settled by lot and made-up rule labels."""
    f = Fraction
    tv = f(15, 100)

    def stage(
        number: int, action: Action, totals: dict[str, Fraction], nt: Fraction, **more: Any
    ) -> Stage:
        return Stage(number=number, action=action, totals=totals, exhausted=nt, quota=f(34), **more)

    s1 = {"A": f(40), "B": f(22), "C": f(18), "D": f(10), "E": f(10)}
    s2 = {"A": f(34), "B": f(25), "C": f("19.5"), "D": f(10), "E": f(10)}
    s3 = {"A": f(34), "B": f(25), "C": f("22.5"), "D": f(14), "E": f(0)}
    s4 = {"A": f(34), "B": f(28), "C": f("30.5"), "D": f(0), "E": f(0)}
    s5 = {"A": f(34), "B": f(0), "C": f(47), "D": f(0), "E": f(0)}
    chain = [s1, s2, s3, s4, s5]

    def delta(k: int) -> dict[str, Fraction]:
        return {n: chain[k][n] - chain[k - 1][n] for n in s1}

    tie = Tie("exclusion", ("D", "E"), TieBreak.LOT, ("E",), seed=42)
    stages = (
        stage(
            1,
            Action(ActionKind.FIRST_PREFERENCES, rule="T1"),
            s1,
            f(0),
            elected=(Election("A", ElectedBy.QUOTA),),
        ),
        stage(
            2,
            Action(
                ActionKind.SURPLUS,
                ("A",),
                surplus=f(6),
                rule="T2",
                parcels=(Parcel(f(1), tv, {"B": 20, "C": 10}, exhausted=10),),
            ),
            s2,
            f("1.5"),
            changes=delta(1),
            excluded=("E",),
            ties=(tie,),
        ),
        stage(
            3,
            Action(
                ActionKind.EXCLUSION,
                ("E",),
                rule="T3",
                parcels=(Parcel(f(1), f(1), {"D": 4, "C": 3}, exhausted=3),),
            ),
            s3,
            f("4.5"),
            changes=delta(2),
            excluded=("D",),
        ),
        stage(
            4,
            Action(
                ActionKind.EXCLUSION,
                ("D",),
                rule="T3",
                parcels=(
                    Parcel(f(1), f(1), {"B": 2, "C": 6}, exhausted=2, origin=1),
                    Parcel(f(1), f(1), {"B": 1, "C": 2}, exhausted=1, origin=3),
                ),
            ),
            s4,
            f("7.5"),
            changes=delta(3),
            excluded=("B",),
        ),
        stage(
            5,
            Action(
                ActionKind.EXCLUSION,
                ("B",),
                rule="T3",
                parcels=(
                    Parcel(f(1), f(1), {"C": 15}, exhausted=10),
                    Parcel(f(1), tv, {"C": 10}, exhausted=10),
                ),
            ),
            s5,
            f(19),
            changes=delta(4),
            elected=(Election("C", ElectedBy.QUOTA),),
        ),
    )
    return CountRecord(
        method="stv",
        rules="synthetic",
        seats=2,
        arithmetic="fixed:2",
        candidates=tuple(CandidateInfo(n, "P" + n) for n in s1),
        stages=stages,
        elected=("A", "C"),
        valid_ballots=100,
        quota=f(34),
        seed=42,
        title="A made-up count",
    )


def dhondt_record() -> CountRecord:
    """A D'Hondt allocation of 7 seats, computed here by dividing by 1, 2, 3, ..."""
    votes = {"Red": 100_000, "Blue": 80_000, "Yellow": 30_000, "Green": 20_000}
    won = dict.fromkeys(votes, 0)
    rounds = []
    for number in range(1, 8):
        quotients = {p: Fraction(v, won[p] + 1) for p, v in votes.items()}
        best = max(quotients, key=lambda p: quotients[p])
        won[best] += 1
        rounds.append(AllocationRound(number, quotients, best))
    allocation = Allocation(
        divisors="dhondt",
        votes=votes,
        prior_seats=dict.fromkeys(votes, 0),
        rounds=tuple(rounds),
        seats=won,
        seats_by_party=won,
        list_elected=tuple((r.awarded, f"{r.awarded} member {i}") for i, r in enumerate(rounds, 1)),
    )
    stage = Stage(
        number=1,
        action=Action(ActionKind.ALLOCATION),
        totals={p: Fraction(v) for p, v in votes.items()},
    )
    return CountRecord(
        method="dhondt",
        rules="dhondt",
        seats=7,
        arithmetic="rational",
        candidates=tuple(CandidateInfo(p) for p in votes),
        stages=(stage,),
        elected=tuple(name for _, name in allocation.list_elected),
        valid_ballots=sum(votes.values()),
        allocation=allocation,
        title="Made-up region",
    )
