"""``teller demo``: teller's main job on embedded defaults.

Counts the real elections bundled in ``teller/data/demo`` (a Scottish council ward by STV and a
Westminster by-election by FPTP), prints their result sheets, and checks each count record with
the independent verifier. Later the ballot service makes ``make demo`` serve the web app.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import resources

from teller.model import ElectionId


@dataclass(frozen=True)
class DemoElection:
    """A bundled election and how to count it."""

    filename: str
    """File in ``teller/data/demo``."""
    method: str
    """Voting-system slug."""
    title: str
    """Title for the result sheet."""
    election_id: str
    """Democracy Club election id."""
    electorate: int | None = None
    """Registered electors, for turnout."""


DEMOS = (
    DemoElection(
        "hartlepool-2021.csv",
        "fptp",
        "Hartlepool by-election, 6 May 2021",
        "parl.hartlepool.2021-05-06",
        electorate=70768,
    ),
    DemoElection(
        "aberdeen-city-bridge-of-don-2017.blt",
        "stv",
        "Aberdeen City Council 2017: Bridge of Don",
        "local.aberdeen-city.bridge-of-don.2017-05-04",
        electorate=14910,
    ),
)


def run_demo() -> int:
    import json

    from teller.count import count
    from teller.io import read_ballots
    from teller.recordjson import record_to_dict
    from teller.sheets import render
    from teller.verify import verify_record

    data = resources.files("teller") / "data" / "demo"
    status = 0
    for demo in DEMOS:
        with resources.as_file(data / demo.filename) as path:
            ballots = read_ballots(path)
        contest = ballots.contest.replace(
            method=demo.method,
            title=demo.title,
            election_id=ElectionId.parse(demo.election_id),
            electorate=demo.electorate,
        )
        record = count(contest, ballots.profile)
        sys.stdout.write(render(record, "text"))
        sys.stdout.write("\n")
        sys.stdout.write(render(record, "account"))
        findings = verify_record(json.loads(json.dumps(record_to_dict(record))))
        verdict = "the record holds" if not findings else f"{len(findings)} finding(s)!"
        sys.stdout.write(f"\nIndependent verifier: {verdict}\n\n{'=' * 78}\n\n")
        if findings:
            status = 1
    return status
