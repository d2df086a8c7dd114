"""Import RCTab's single-winner IRV test cases as teller conformance cases.

    python tools/import_rctab.py [--source DIR] [--dest DIR]

For every RCTab case (``--source``, default ``/work/shared/conformance/rctab``) this decides whether
teller's AV count can be configured to follow the same rules (see :func:`rctab_select.why_not`).
For each case that can, it writes ``--dest/<case>/`` (default ``tests/conformance/rctab``):

* ``ballots.blt``: the cast vote records as rankings, RCTab's ballot rules already applied (a
  skipped or overvoted rank, a repeated candidate), so that a ranking is exactly the sequence of
  candidates RCTab would look at in turn. Candidates RCTab excludes, and undeclared write-ins when
  RCTab drops them before counting, are withdrawn (a ``-n`` line).
* ``case.json``: teller's options (``bulk_exclusion`` for RCTab's batch elimination,
  ``tie_direction``), which RCTab round is teller's stage 1, and what was done to the ballots.
* ``expected.json``: RCTab's round-by-round tallies, eliminations, winner and inactive ballots,
  copied from its expected report (kept verbatim beside it).

It also writes ``--dest/index.json``: every case with the reason it is or is not run. Before
writing a case it checks that the converted ballots' first preferences equal RCTab's first round,
so a misread file cannot reach the tests. Output is deterministic.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from rctab_cvr import OVERVOTE, UWI, CvrError, Marks, read_source
from rctab_select import Case, load_case, why_not

DEFAULT_SOURCE = Path("/work/shared/conformance/rctab")
DEFAULT_DEST = Path(__file__).resolve().parent.parent / "tests" / "conformance" / "rctab"
SOURCE_REPO = "BrightSpots/rcv"
SOURCE_COMMIT = "2167c240ddd25e40427cc3e7e1ecf46ef62f0b7f"
SOURCE_PATH = "src/test/resources/network/brightspots/rcv/test_data"


@dataclass(frozen=True, slots=True)
class BallotRules:
    """RCTab's per-ballot rules, all decidable from the ballot alone."""

    overvote_exhausts: bool
    """``exhaustImmediately`` (True) or ``alwaysSkipToNextRank`` (False)."""
    max_skipped: int | None
    """Consecutive skipped ranks allowed before the ballot exhausts; None for unlimited."""
    duplicate_exhausts: bool
    """A candidate ranked again exhausts the ballot (else the repeat is passed over)."""

    @classmethod
    def of(cls, rules: Mapping[str, Any]) -> BallotRules:
        skipped = str(rules.get("maxSkippedRanksAllowed", "0"))
        return cls(
            overvote_exhausts=rules["overvoteRule"] == "exhaustImmediately",
            max_skipped=None if skipped.lower() == "unlimited" else int(skipped),
            duplicate_exhausts=bool(rules.get("exhaustOnDuplicateCandidate")),
        )

    def describe(self) -> list[str]:
        overvote = "ends the ballot" if self.overvote_exhausts else "is passed over"
        skipped = (
            "any number of skipped ranks are passed over"
            if self.max_skipped is None
            else f"more than {self.max_skipped} consecutive skipped rank(s) end the ballot"
        )
        repeat = "ends the ballot" if self.duplicate_exhausts else "is passed over"
        return [
            f"a rank marked for two or more candidates (overvote) {overvote}",
            skipped,
            f"a candidate ranked a second time {repeat}",
        ]

    @property
    def uk_practice(self) -> bool:
        """UK papers stop at the first missing or unclear preference."""
        return self.overvote_exhausts and self.max_skipped == 0 and self.duplicate_exhausts


UK_RULES = BallotRules(overvote_exhausts=True, max_skipped=0, duplicate_exhausts=True)
"""A UK paper is read preference by preference and stops at the first missing or unclear one."""


def ranking(marks: Marks, rules: BallotRules, names: Mapping[str, str]) -> tuple[str, ...]:
    """The candidates RCTab would consider in turn, as ``Tabulator.computeTalliesForRound``."""
    by_rank: dict[int, list[str]] = {}
    for rank, raw in marks:
        if rank < 1:
            raise CvrError(f"rank {rank} (ranks start at 1)")
        by_rank.setdefault(rank, []).append(raw)
    out: list[str] = []
    seen: set[str] = set()
    last = 0
    for rank in sorted(by_rank):
        raws = by_rank[rank]
        if rules.max_skipped is not None and rank - last > rules.max_skipped + 1:
            break  # exhausted by skipped rankings
        last = rank
        if rules.duplicate_exhausts:
            repeated = False
            for raw in raws:
                repeated = repeated or raw in seen
                seen.add(raw)
            if repeated:
                break
        if OVERVOTE in raws or len(raws) > 1:
            if rules.overvote_exhausts:
                break
            continue
        name = names[raws[0]] if raws[0] != UWI else UWI
        # A candidate already on the ranking was passed over before: never continuing here.
        if name not in out:
            out.append(name)
    return tuple(out)


def name_map(config: Mapping[str, Any]) -> dict[str, str]:
    """Raw CVR strings (name, code, alias) to the candidate name RCTab reports."""
    names: dict[str, str] = {}
    for c in config["candidates"]:
        for key in (c["name"], c.get("code"), *(c.get("aliases") or [])):
            if key:
                names[str(key).strip()] = c["name"]
    return names


def blt_quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def write_blt(
    path: Path,
    title: str,
    candidates: list[str],
    withdrawn: set[str],
    ballots: Counter[tuple[str, ...]],
) -> None:
    index = {name: i + 1 for i, name in enumerate(candidates)}
    lines = [f"{len(candidates)} 1"]
    if withdrawn:
        lines.append(" ".join(f"-{index[n]}" for n in candidates if n in withdrawn))
    for rank, weight in sorted(ballots.items(), key=lambda kv: (-kv[1], [index[n] for n in kv[0]])):
        if rank:
            lines.append(" ".join([str(weight), *(str(index[n]) for n in rank), "0"]))
    lines.append("0")
    lines += [blt_quote(n) for n in candidates]
    lines.append(blt_quote(title))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def first_choices(ballots: Iterable[tuple[tuple[str, ...], int]], skip: set[str]) -> Counter[str]:
    tally: Counter[str] = Counter()
    for rank, weight in ballots:
        first = next((n for n in rank if n not in skip), None)
        if first is not None:
            tally[first] += weight
    return tally


def convert(case: Case, dest: Path) -> dict[str, Any]:
    """Write one case folder; return its index entry."""
    config, report = case.config, case.report
    rules = BallotRules.of(config["rules"])
    names = name_map(config)
    max_rankings = case.max_rankings
    ballots: Counter[tuple[str, ...]] = Counter()
    uk_ballots: Counter[tuple[str, ...]] = Counter()
    records = 0
    beyond = 0
    for source in config["cvrFileSources"]:
        for marks in read_source(case.folder, source, max_rankings):
            records += 1
            # Ranks beyond maxRankingsAllowed are not read (ES&S: the columns are never read).
            beyond += sum(1 for rank, _ in marks if rank > max_rankings)
            marks = [(rank, raw) for rank, raw in marks if rank <= max_rankings]
            unknown = {raw for _, raw in marks if raw not in names and raw not in (UWI, OVERVOTE)}
            if unknown:
                raise CvrError(f"{case.name}: candidates not in the config: {sorted(unknown)}")
            ballots[ranking(marks, rules, names)] += 1
            uk_ballots[ranking(marks, UK_RULES, names)] += 1
    declared = report.get("summary", {}).get("totalNumBallots")
    if declared is not None and int(declared) != records:
        raise CvrError(f"{case.name}: read {records} records, RCTab read {declared}")
    rounds = report["results"]
    first_tally = rounds[0]["tally"]
    excluded = {c["name"] for c in config["candidates"] if c.get("excluded")}
    candidates = [c["name"] for c in config["candidates"]]
    if UWI in first_tally:
        candidates.append(UWI)
    drops_uwi = int(first_tally.get(UWI, "0")) > 0
    withdrawn = excluded | ({UWI} if drops_uwi else set())
    # The conversion must give RCTab's own first round (and second, where write-ins were dropped).
    got = first_choices(ballots.items(), excluded)
    want = {n: int(v) for n, v in first_tally.items()}
    if {n: got.get(n, 0) for n in want} != want or set(got) - set(want):
        raise CvrError(f"{case.name}: first preferences {dict(got)} differ from RCTab's {want}")
    if drops_uwi:
        got2 = first_choices(ballots.items(), withdrawn)
        want2 = {n: int(v) for n, v in rounds[1]["tally"].items()}
        if {n: got2.get(n, 0) for n in want2} != want2:
            raise CvrError(f"{case.name}: round 2 {dict(got2)} differs from RCTab's {want2}")
    folder = dest / case.name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    write_blt(folder / "ballots.blt", case.title, candidates, withdrawn, ballots)
    options: dict[str, Any] = {}
    if config["rules"].get("batchElimination"):
        options["bulk_exclusion"] = True
    if str(config["rules"]["tiebreakMode"]).startswith("previousRoundCounts"):
        options["tie_direction"] = "backward"
    first_round = 2 if drops_uwi else 1
    spec = {
        "case": case.name,
        "title": case.title,
        "source": f"{SOURCE_REPO}@{SOURCE_COMMIT}:{SOURCE_PATH}/{case.name}",
        "ballots": "ballots.blt",
        "method": "irv",
        "options": options,
        "first_compared_round": first_round,
        "withdrawn": {
            **{n: "excluded in the RCTab config" for n in sorted(excluded)},
            **(
                {UWI: "RCTab drops undeclared write-ins before any other elimination"}
                if drops_uwi
                else {}
            ),
        },
        "ballot_rules": rules.describe(),
        "uk_practice": rules.uk_practice,
        "same_rankings_under_uk_rules": +ballots == +uk_ballots,
        "records": records,
        "marks_beyond_max_rankings_ignored": beyond,
        "distinct_rankings": sum(1 for r in ballots if r),
        "rctab_rules": {k: config["rules"].get(k) for k in sorted(config["rules"])},
    }
    (folder / "case.json").write_text(json.dumps(spec, indent=2, ensure_ascii=False) + "\n")
    expected = {
        "format": "teller-rctab-expected/1",
        "source": f"{case.name}/{case.report_path.name}",
        "generated_by": report["config"].get("generatedBy"),
        "winner": [e for r in rounds for t in r["tallyResults"] if (e := t.get("elected"))],
        "rounds": [
            {
                "round": r["round"],
                "tally": r["tally"],
                "eliminated": [e for t in r["tallyResults"] if (e := t.get("eliminated"))],
                "elected": [e for t in r["tallyResults"] if (e := t.get("elected"))],
                "inactive": str(sum(int(v) for v in r["inactiveBallots"].values())),
                "threshold": r["threshold"],
            }
            for r in rounds
        ],
    }
    (folder / "expected.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n")
    shutil.copyfile(case.config_path, folder / f"rctab_{case.config_path.name}")
    shutil.copyfile(case.report_path, folder / f"rctab_{case.report_path.name}")
    (folder / "README.md").write_text(case_readme(case, spec, expected), encoding="utf-8")
    return {"case": case.name, "run": True, "note": case_note(spec)}


def case_readme(case: Case, spec: Mapping[str, Any], expected: Mapping[str, Any]) -> str:
    compared = [r for r in expected["rounds"] if r["round"] >= spec["first_compared_round"]]
    lines = [
        f"# RCTab case `{case.name}`: {case.title}",
        "",
        f"Source: `{spec['source']}` (MPL-2.0, see `../LICENSE.html` and `../SOURCE.txt`).",
        "Written by `tools/import_rctab.py`; do not edit by hand.",
        "",
        f"- `{case.config_path.name}` and `{case.report_path.name}` are RCTab's own files, kept",
        "  verbatim with an `rctab_` prefix.",
        f"- `ballots.blt`: {spec['records']} cast vote records as {spec['distinct_rankings']} "
        "distinct rankings, with RCTab's ballot rules applied:",
        *(f"  - {rule};" for rule in spec["ballot_rules"]),
        "- `case.json`: teller options "
        + (json.dumps(spec["options"]) if spec["options"] else "(none)")
        + f"; RCTab round {spec['first_compared_round']} is teller's stage 1.",
        f"- `expected.json`: RCTab's {len(expected['rounds'])} round(s); teller must reproduce "
        f"the last {len(compared)} exactly, and the winner {', '.join(expected['winner'])}.",
    ]
    for name, why in spec["withdrawn"].items():
        lines.append(f"- Withdrawn in the BLT: {name} ({why}).")
    return "\n".join(lines) + "\n"


def case_note(spec: Mapping[str, Any]) -> str:
    notes = []
    if spec["options"].get("bulk_exclusion"):
        notes.append("batch elimination = bulk_exclusion")
    if spec["options"].get("tie_direction"):
        notes.append("ties by previous rounds = tie_direction backward")
    if spec["withdrawn"]:
        notes.append("withdrawn: " + ", ".join(spec["withdrawn"]))
    if spec["first_compared_round"] == 2:
        notes.append("RCTab round 1 only drops write-ins; compared from round 2")
    if spec["uk_practice"]:
        notes.append("UK ballot rules")
    elif spec["same_rankings_under_uk_rules"]:
        notes.append("RCTab's ballot rules give the same rankings as UK rules here")
    else:
        notes.append("RCTab's ballot rules applied (UK rules would give other rankings)")
    return "; ".join(notes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--dest", type=Path, default=DEFAULT_DEST)
    args = parser.parse_args(argv)
    index = []
    args.dest.mkdir(parents=True, exist_ok=True)
    for folder in sorted(p for p in args.source.iterdir() if p.is_dir()):
        case = load_case(folder)
        reason = why_not(case)
        if reason is None and case is not None:
            try:
                entry = convert(case, args.dest)
            except CvrError as error:
                entry = {"case": folder.name, "run": False, "note": f"cannot convert: {error}"}
        else:
            stale = args.dest / folder.name
            if stale.exists():
                shutil.rmtree(stale)
            entry = {"case": folder.name, "run": False, "note": reason}
        index.append(entry)
        print(f"{'RUN ' if entry['run'] else 'skip'} {folder.name}: {entry['note']}")
    (args.dest / "index.json").write_text(json.dumps(index, indent=2, ensure_ascii=False) + "\n")
    for notice in ("LICENSE.html", "SOURCE.txt"):
        shutil.copyfile(args.source / notice, args.dest / notice)
    print(f"{sum(e['run'] for e in index)} of {len(index)} folders imported into {args.dest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
