"""Stand-in for ``teller count FILE ... --format json -o OUT`` through the library, used by
run.py only when the ``teller`` command itself cannot run here (the report says so).

    python benchmarks/teller_count.py FILE METHOD RULES|- SEATS OUT
"""

from __future__ import annotations

import json
import sys


def main() -> int:
    path, method, rules, seats, out = sys.argv[1:6]
    from teller.count import count
    from teller.io import read_ballots
    from teller.recordjson import record_to_dict

    ballots = read_ballots(path)
    contest = ballots.contest.replace(
        method=method, rules=None if rules == "-" else rules, seats=int(seats)
    )
    record = count(contest, ballots.profile, seed=1)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(record_to_dict(record), f, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
