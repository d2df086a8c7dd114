"""Ballot profiles that reproduce published UK results exactly, built from the published figures.

For the Supplementary Vote and Alternative Vote contests only aggregates were published: each
candidate's first preferences, and how many votes each remaining candidate gained at each later
round. No one knows the ballots themselves, so this module builds *a* set of ballots whose count
must reproduce every published aggregate. The published figures (in ``data/``) are the input;
teller's count of the profile is what the tests check against those same figures.

Assumptions, all deterministic and all invisible in the published aggregates:

* **Proportional splitting.** When a group of ballots must be divided between destinations (a
  remaining candidate, or none), every group is divided in the same proportions as the whole,
  rounded so that both the group sizes and the published totals are met exactly
  (:func:`apportion`).
* **SV.** Each eliminated candidate's voters give a second preference to one of the two remaining
  candidates, or to neither, in the proportions of the published second-round additions. Half
  (rounded down) of each "neither" share name another eliminated candidate second (the next one
  in first-preference order); half of each finalist's own voters name the other finalist second.
  Neither kind may count [r. 55(1)], so a count that wrongly counted them would be caught.
* **AV.** The papers of each excluded candidate are split between the continuing candidates and
  exhaustion as the published round-to-round gains say. Where a paper passes through a candidate
  excluded earlier, half (rounded down) of each share name that earlier-excluded candidate just
  before their destination, so the count must skip a candidate who is no longer continuing.
* Ballots are recorded only as far as the count reads them; later preferences are not invented.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

from teller.model import Candidate, Contest, ElectionId, Profile

DATA = Path(__file__).parent / "data"

Ballot = tuple[tuple[str, ...], int]
"""A ranking by candidate name and the number of ballots that cast it."""


def read_rows(relative: str) -> list[dict[str, str]]:
    """Rows of a CSV file under ``data/``."""
    with (DATA / relative).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def note_figure(rows: Sequence[dict[str, str]], pattern: str) -> int:
    """The number captured by ``pattern`` (one group) in the ``note`` column of any row."""
    for row in rows:
        found = re.search(pattern, row.get("note", ""))
        if found:
            return int(found.group(1))
    raise LookupError(f"no {pattern!r} in the notes")


def apportion(sizes: Sequence[int], amounts: Sequence[int]) -> list[list[int]]:
    """Split groups of ``sizes`` ballots into ``amounts`` per destination, proportionally.

    Returns ``m`` with ``sum(m[g]) == sizes[g]`` and ``sum(m[g][j] for g) == amounts[j]``. The
    ballots are laid end to end; destination 0 takes every position where the running share
    ``floor(p * a0 / N)`` steps up, destination 1 does the same over the positions left, and so on.
    Each ``m[g][j]`` is therefore within one of ``sizes[g] * amounts[j] / N``.
    """
    total = sum(sizes)
    if sum(amounts) != total or min((*sizes, *amounts), default=0) < 0:
        raise ValueError(f"cannot split {list(sizes)} into {list(amounts)}")
    bounds = [0]
    for size in sizes:
        bounds.append(bounds[-1] + size)
    result = [[0] * len(amounts) for _ in sizes]
    remaining = total
    for j, amount in enumerate(amounts):
        if remaining == 0:
            break
        taken = [p * amount // remaining for p in bounds]
        for g in range(len(sizes)):
            result[g][j] = taken[g + 1] - taken[g]
        bounds = [p - t for p, t in zip(bounds, taken, strict=True)]
        remaining -= amount
    return result


def to_profile(names: Sequence[str], ballots: Sequence[Ballot]) -> Profile:
    """A profile over ``names`` (ballot-paper order) from rankings by name."""
    index = {name: i for i, name in enumerate(names)}
    return Profile.from_rankings(
        len(names), [(tuple(index[n] for n in ranking), n) for ranking, n in ballots if n]
    )


# -- FPTP ---------------------------------------------------------------------------------------


def hartlepool() -> tuple[Contest, Profile]:
    """Hartlepool by-election 2021: one single-mark ballot per published vote."""
    rows = [
        r
        for r in read_rows("public-results/byelections_2021.csv")
        if r["election"] == "Hartlepool by-election"
    ]
    curated = read_rows("uk-results-derived/curated-hartlepool-2021-by-election.csv")
    contest = Contest(
        tuple(Candidate(r["candidate"], r["party"]) for r in rows),
        method="fptp",
        title="Hartlepool by-election 2021",
        election_id=ElectionId.parse(curated[0]["ballot_id"]),
        electorate=note_figure(rows, r"electorate (\d+)"),
    )
    ballots = [((r["candidate"],), int(r["votes"])) for r in rows]
    return contest, to_profile(contest.names, ballots)


# -- Supplementary Vote -------------------------------------------------------------------------


def sv_ballots(first: dict[str, int], additions: dict[str, int]) -> list[Ballot]:
    """Ballots with ``first`` preferences whose SV count adds ``additions`` to the finalists."""
    finalists = list(additions)
    others = sorted((c for c in first if c not in additions), key=lambda c: (-first[c], c))
    neither = sum(first[c] for c in others) - sum(additions.values())
    shares = apportion([first[c] for c in others], [*additions.values(), neither])
    ballots: list[Ballot] = []
    for k, (name, row) in enumerate(zip(others, shares, strict=True)):
        for finalist, n in zip(finalists, row, strict=False):
            ballots.append(((name, finalist), n))
        # A second preference for another eliminated candidate counts for no one [r. 55(1)].
        decoy = others[(k + 1) % len(others)]
        unused = row[-1] // 2 if decoy != name else 0
        ballots += [((name, decoy), unused), ((name,), row[-1] - unused)]
    for a, b in (finalists, finalists[::-1]):
        # A finalist's own voters' second preferences are never counted [r. 55(1)].
        ballots += [((a, b), first[a] // 2), ((a,), first[a] - first[a] // 2)]
    return ballots


def sv_rows(election: str) -> list[dict[str, str]]:
    """The rows of one SV contest in ``mayoral_sv_2021.csv``."""
    return [r for r in read_rows("public-results/mayoral_sv_2021.csv") if r["election"] == election]


def sv_additions(election: str) -> dict[str, int]:
    """Published second-round additions of the two remaining candidates."""
    return {r["candidate"]: int(r["second_prefs_added"]) for r in sv_rows(election) if r["final"]}


def declared_total(contest: str, item: str) -> int:
    """A figure from the returning officers' declarations (``declared_totals.csv``)."""
    for row in read_rows("declarations/declared_totals.csv"):
        if row["contest"] == contest and row["item"] == item:
            return int(row["value"])
    raise LookupError(f"{contest}: no declared {item!r}")


def london_first_preferences() -> dict[str, int]:
    """All 20 candidates' first preferences, in ballot-paper order.

    The public-results excerpt lists 12 candidates; the Greater London Returning Officer's
    declaration (``data/declarations``) lists all 20. Where both give a figure they must agree.
    """
    declared = {
        r["candidate"]: int(r["first_preference_votes"])
        for r in read_rows("declarations/london_mayor_2021_declaration.csv")
    }
    excerpt = {r["candidate"]: int(r["first_round"]) for r in sv_rows("London Mayor (SV)")}
    clashes = {c: (v, declared.get(c)) for c, v in excerpt.items() if declared.get(c) != v}
    if clashes:
        raise ValueError(f"excerpt and declaration disagree: {clashes}")
    return declared


def london_mayor() -> tuple[Contest, Profile]:
    """Mayor of London 2021 (SV): 20 candidates, Khan and Bailey to the second round."""
    first = london_first_preferences()
    parties = {
        r["candidate"]: r["party_on_declaration"]
        for r in read_rows("declarations/london_mayor_2021_declaration.csv")
    }
    contest = Contest(
        tuple(Candidate(name, parties[name]) for name in first),
        method="sv",
        title="Mayor of London 2021",
        election_id=ElectionId.parse("mayor.london.2021-05-06"),
        rejected=declared_total("London Mayor 2021", "ballot papers rejected on first preference"),
    )
    ballots = sv_ballots(first, sv_additions("London Mayor (SV)"))
    return contest, to_profile(contest.names, ballots)


def west_midlands_mayor() -> tuple[Contest, Profile]:
    """West Midlands mayor 2021 (SV), with the BBC's second-preference figures (they add up)."""
    rows = sv_rows("West Midlands Mayor (SV)")
    first = {r["candidate"]: int(r["first_round"]) for r in rows}
    contest = Contest(
        tuple(Candidate(r["candidate"], r["party"]) for r in rows),
        method="sv",
        title="West Midlands Combined Authority Mayor 2021",
        election_id=ElectionId.parse("mayor.west-midlands.2021-05-06"),
        electorate=note_figure(rows, r"electorate (\d+)"),
        rejected=declared_total("West Midlands Mayor 2021", "rejected ballot papers"),
    )
    ballots = sv_ballots(first, sv_additions("West Midlands Mayor (SV)"))
    return contest, to_profile(contest.names, ballots)


# -- Alternative Vote ---------------------------------------------------------------------------


def labour_rounds(contest: str) -> list[dict[str, int]]:
    """The published rounds of Labour's 2020 ``Leader`` or ``Deputy`` contest."""
    rounds: dict[int, dict[str, int]] = {}
    for r in read_rows("public-results/labour_2020_leadership.csv"):
        if r["contest"] == contest:
            rounds.setdefault(int(r["round"]), {})[r["candidate"]] = int(r["votes"])
    return [rounds[k] for k in sorted(rounds)]


def av_ballots(rounds: Sequence[dict[str, int]]) -> list[Ballot]:
    """Ballots whose AV count passes through exactly the published ``rounds``.

    Round ``k + 1`` lacks the candidate(s) excluded after round ``k``; each continuing
    candidate's gain is what the excluded papers gave them, and the rest exhausted.
    """
    piles: dict[str, list[Ballot]] = {c: [((c,), n)] for c, n in rounds[0].items()}
    finished: list[Ballot] = []
    gone: list[str] = []
    for before, after in pairwise(rounds):
        losers = [c for c in before if c not in after]
        if sorted(before[c] for c in losers) != sorted(before.values())[: len(losers)]:
            raise ValueError(f"{losers} were not the lowest in {before}")
        papers = [b for c in losers for b in piles.pop(c)]
        gains = {c: after[c] - before[c] for c in after}
        lost = sum(n for _, n in papers) - sum(gains.values())
        if lost < 0 or min(gains.values()) < 0:
            raise ValueError(f"round totals {before} -> {after} are not an AV transfer")
        split = apportion([n for _, n in papers], [*gains.values(), lost])
        for (ranking, _), row in zip(papers, split, strict=True):
            # Some papers name an already-excluded candidate on the way: the count must skip it.
            skip = next((c for c in gone if c not in ranking), None)
            for target, n in zip([*gains, None], row, strict=True):
                tail = () if target is None else (target,)
                via = n // 2 if skip else 0
                pile = finished if target is None else piles[target]
                pile.append((ranking + tail, n - via))
                if skip:
                    pile.append(((*ranking, skip, *tail), via))
        gone.extend(losers)
    return finished + [b for pile in piles.values() for b in pile]


def labour_contest(contest: str) -> tuple[Contest, Profile]:
    """Labour's 2020 ``Leader`` or ``Deputy`` contest (AV), candidates in first-round order."""
    rounds = labour_rounds(contest)
    rows = [
        r for r in read_rows("public-results/labour_2020_leadership.csv") if r["contest"] == contest
    ]
    spoilt = note_figure(rows, r"(\d+) spoilt") if contest == "Leader" else None
    title = "Labour Party leader 2020" if contest == "Leader" else "Labour Party deputy leader 2020"
    names = list(rounds[0])
    result = Contest(
        tuple(Candidate(n, "Labour") for n in names), method="irv", title=title, rejected=spoilt
    )
    return result, to_profile(names, av_ballots(rounds))
