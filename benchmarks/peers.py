"""Run one peer library on one BLT file, inside the peers venv; print its winners as JSON.

    peers-venv/bin/python benchmarks/peers.py PEER RULE FILE.blt SEATS

Each peer gets the ballots in the form its documentation shows, built the cheapest way it
accepts (weighted where it takes weights, one object per ballot where it does not). The BLT file
is parsed here in plain Python, as a peer's user would have to. Everything from interpreter
start to the printed winners is part of the peer's measured time. Standard library + the peer.
"""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Callable

Ballots = list[tuple[tuple[int, ...], int]]


def read_blt(path: str) -> tuple[list[str], Ballots]:
    with open(path, encoding="utf-8") as f:
        n, _seats = map(int, f.readline().split())
        ballots: Ballots = []
        for line in f:
            parts = line.split()
            if parts == ["0"]:
                break
            ballots.append((tuple(int(c) - 1 for c in parts[1:-1]), int(parts[0])))
        names = [shlex.split(f.readline())[0] for _ in range(n)]
    return names, ballots


def pyrankvote(rule: str, names: list[str], ballots: Ballots, seats: int) -> list[str]:
    import pyrankvote as prv

    cands = [prv.Candidate(n) for n in names]
    objs = [
        prv.Ballot(ranked_candidates=[cands[c] for c in r]) for r, w in ballots for _ in range(w)
    ]
    if rule == "irv":
        result = prv.instant_runoff_voting(cands, objs)
    else:
        result = prv.single_transferable_vote(cands, objs, number_of_seats=seats)
    return [c.name for c in result.get_winners()]


def votelib(rule: str, names: list[str], ballots: Ballots, seats: int) -> list[str]:
    if rule == "fptp":
        from votelib.evaluate.core import Plurality

        firsts: dict[str, int] = {}
        for r, w in ballots:
            if r:
                firsts[names[r[0]]] = firsts.get(names[r[0]], 0) + w
        return list(Plurality().evaluate(firsts, 1))
    from votelib.evaluate.sequential import TransferableVoteSelector

    votes = {tuple(names[c] for c in r): w for r, w in ballots if r}
    selector = TransferableVoteSelector(transferer="Gregory", quota_function="droop")
    return list(selector.evaluate(votes, 1 if rule == "irv" else seats))


def pyrcv(rule: str, names: list[str], ballots: Ballots, seats: int) -> list[str]:
    from pyrcv.pyrcv import run_rcv
    from pyrcv.types import RaceData, RaceMetadata

    width = max(len(r) for r, _ in ballots)
    rows = [[c + 1 for c in r] + [0] * (width - len(r)) for r, _ in ballots if r]
    votes = [w for r, w in ballots if r]
    meta = RaceMetadata("bench", 1 if rule == "irv" else seats, list(names))
    result = run_rcv(RaceData(meta, rows, votes))
    won: list[str] = []
    for rnd in result.rounds:
        won += [names[i - 1] for i in rnd.elected if names[i - 1] not in won]
    return won


def votekit(rule: str, names: list[str], ballots: Ballots, seats: int) -> list[str]:
    import pandas as pd
    from votekit.elections import FastSTV
    from votekit.elections.election_types.ranking.stv.stv import FastIRV
    from votekit.pref_profile import RankProfile

    width = max(len(r) for r, _ in ballots)
    empty = frozenset({"~"})
    sets = [frozenset({n}) for n in names]
    cols = {
        f"Ranking_{k + 1}": [sets[r[k]] if k < len(r) else empty for r, _ in ballots]
        for k in range(width)
    }
    df = pd.DataFrame(cols)
    df["Weight"] = [float(w) for _, w in ballots]
    df["Voter Set"] = [set() for _ in ballots]
    df.index.name = "Ballot Index"
    profile = RankProfile(df=df, candidates=tuple(names), max_ranking_length=width)
    if rule == "fptp":
        from votekit.elections import Plurality

        return [c for group in Plurality(profile, n_seats=1).get_elected() for c in sorted(group)]
    if rule == "irv":
        election = FastIRV(profile)
    else:
        election = FastSTV(profile, n_seats=seats, transfer="fractional", quota="droop")
    return [c for group in election.get_elected() for c in sorted(group)]


def stvpoll(rule: str, names: list[str], ballots: Ballots, seats: int) -> list[str]:
    from stvpoll.irv import calculate_irv
    from stvpoll.scottish_stv import calculate_scottish_stv

    data = {tuple(names[c] for c in r): w for r, w in ballots}
    if rule == "irv":
        result = calculate_irv(tuple(names), data, random_shuffle=False)
    else:
        result = calculate_scottish_stv(tuple(names), data, seats, random_shuffle=False)
    return [str(c) for c in result]


def hcvote(rule: str, names: list[str], ballots: Ballots, seats: int) -> list[str]:
    from hcvote.position import Position

    pos = Position(1 if rule == "irv" else seats, list(names), opt_pref=True)
    for r, w in ballots:
        if r:
            prefs = [names[c] for c in r]
            for _ in range(w):
                pos.add_vote(prefs)
    return list(pos.count_vote())


def pref_voting(rule: str, names: list[str], ballots: Ballots, seats: int) -> list[str]:
    from pref_voting import proportional_methods as pm
    from pref_voting.iterative_methods import instant_runoff
    from pref_voting.profiles_with_ties import ProfileWithTies

    rankings = [{c: k + 1 for k, c in enumerate(r)} for r, _ in ballots if r]
    counts = [w for r, w in ballots if r]
    profile = ProfileWithTies(rankings, rcounts=counts, candidates=list(range(len(names))))
    if rule == "fptp":
        from pref_voting.scoring_methods import plurality

        return [names[c] for c in plurality(profile)]
    if rule == "irv":
        return [names[c] for c in instant_runoff(profile)]
    method: Callable[..., list[int]] = {
        "scottish-2007": pm.stv_scottish,
        "ers97": lambda p, num_seats: pm.stv_nb(p, num_seats=num_seats, ers_rounding=True),
        "meek": pm.stv_meek,
    }[rule]
    return [names[c] for c in method(profile, num_seats=seats)]


def rcv_cruncher(rule: str, names: list[str], ballots: Ballots, seats: int) -> list[str]:
    from rcv_cruncher.rcv.variants import Sequential, STVFractionalBallot

    width = max(len(r) for r, _ in ballots)
    from rcv_cruncher.marks import BallotMarks

    pad = BallotMarks.SKIPPED
    cvr = {
        "ranks": [[names[c] for c in r] + [pad] * (width - len(r)) for r, _ in ballots],
        "weight": [w for _, w in ballots],
    }
    if rule == "irv":
        rcv = Sequential(parsed_cvr=cvr, n_winners=1)
    else:
        rcv = STVFractionalBallot(parsed_cvr=cvr, n_winners=seats, multi_winner_rounds=False)
    won = [o for o in rcv.get_candidate_outcomes() if o["round_elected"] is not None]
    won.sort(key=lambda o: o["round_elected"])
    return [o["name"] for o in won]


PEERS: dict[str, Callable[[str, list[str], Ballots, int], list[str]]] = {
    "pyrankvote": pyrankvote,
    "votelib": votelib,
    "pyrcv": pyrcv,
    "votekit": votekit,
    "stvpoll": stvpoll,
    "hcvote": hcvote,
    "pref_voting": pref_voting,
    "rcv_cruncher": rcv_cruncher,
}


def main() -> int:
    peer, rule, path, seats = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    names, ballots = read_blt(path)
    winners = PEERS[peer](rule, names, ballots, seats)
    print(json.dumps({"winners": [str(w) for w in winners]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
