"""teller against its peers, side by side in one run (``make bench``).

1. Makes the profiles (benchmarks/generate.py) in benchmarks/work/data/ unless already there.
2. Creates benchmarks/work/peers-venv and installs the peers from PyPI into it (once).
3. Runs teller (its real command line, ``teller count``) and each peer as separate processes on
   the same files, measuring whole-process wall time and peak RSS, and checks each peer's winners
   against teller's.
4. Writes benchmarks/results/README.md (tables, ratios) and growth plots (PNG), plus the raw
   figures as results.json.

    python benchmarks/run.py [--quick] [--timeout SECONDS] [--no-peers] [--repeat N]

``--quick`` uses a tenth of the ballots everywhere (for trying the suite out; its figures do not
answer the targets).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import venv
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import Spec, write  # noqa: E402
from measure import Run, measure  # noqa: E402
from report import PEER_REPEAT_UNDER, write_report  # noqa: E402

WORK = HERE / "work"
DATA = WORK / "data"
OUT = WORK / "out"
RESULTS = HERE / "results"
SRC = HERE.parent / "src" / "teller"
PEERS_VENV = WORK / "peers-venv"
TELLER = Path(sys.executable).parent / "teller"

PEER_PACKAGES = [
    "pyrankvote==2.0.6",
    "votelib==0.4.0",
    "pyrcv==1.2.6",
    "votekit==3.5.0",
    "pref_voting==1.18.2",
    "stvpoll==0.5.6",
    "rcv_cruncher==0.0.16",
    "hcvote==0.2.0",
    "matplotlib",
]

# Which peers implement (something close to) each rule. Winners are checked either way.
STV_PEERS = [
    "hcvote",
    "pyrankvote",
    "votelib",
    "pyrcv",
    "votekit",
    "stvpoll",
    "pref_voting",
    "rcv_cruncher",
]
RULE_PEERS = {
    "fptp": ["votelib", "votekit", "pref_voting"],
    "scottish-2007": STV_PEERS,
    "ers97": ["pref_voting"],
    "meek": ["pref_voting"],
    "irv": [
        "pyrankvote",
        "votelib",
        "pyrcv",
        "votekit",
        "stvpoll",
        "pref_voting",
        "rcv_cruncher",
        "hcvote",
    ],
}
SINGLE = ("irv", "fptp")
"""Rules that fill one seat (the profile's seat count is ignored)."""
GROWTH_PEERS = ["pyrankvote", "votekit"]


def ensure_peers() -> Path:
    python = PEERS_VENV / "bin" / "python"
    stamp = PEERS_VENV / ".installed"
    if stamp.exists() and stamp.read_text() == "\n".join(PEER_PACKAGES):
        return python
    print("creating", PEERS_VENV, flush=True)
    venv.create(PEERS_VENV, with_pip=True, clear=True)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", *PEER_PACKAGES], check=True)
    stamp.write_text("\n".join(PEER_PACKAGES))
    return python


def profile(spec: Spec, *, raw: bool = False) -> Path:
    path = DATA / f"{spec.slug()}{'-raw' if raw else ''}-v1.blt"
    if not path.exists():
        print(f"generating {path.name}", flush=True)
        write(spec, path, raw=raw)
    return path


DRIVER = {"cli": True}
"""Whether teller runs as its real command line (else the library stand-in teller_count.py)."""


def probe_cli(sample: Path) -> bool:
    """Whether ``teller count`` works here (it is the measured command when it does)."""
    argv, _out = teller_argv("scottish-2007", sample, 3)
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(
            "teller command failed; measuring benchmarks/teller_count.py instead:",
            done.stderr.strip()[-200:],
            flush=True,
        )
    return done.returncode == 0


def teller_argv(rule: str, path: Path, seats: int) -> tuple[list[str], Path]:
    out = OUT / f"teller-{rule}-{path.stem}.json"
    OUT.mkdir(parents=True, exist_ok=True)
    if not DRIVER["cli"]:
        method, rules = (rule, "-") if rule in SINGLE else ("stv", rule)
        n = "1" if rule in SINGLE else str(seats)
        return [
            sys.executable,
            str(HERE / "teller_count.py"),
            str(path),
            method,
            rules,
            n,
            str(out),
        ], out
    method = (
        ["--method", rule, "--seats", "1"]
        if rule in SINGLE
        else ["--method", "stv", "--rules", rule, "--seats", str(seats)]
    )
    return [
        str(TELLER),
        "count",
        str(path),
        *method,
        "--seed",
        "1",
        "--format",
        "json",
        "-o",
        str(out),
    ], out


def run_teller(rule: str, path: Path, seats: int, *, timeout: float, repeat: int) -> Run:
    argv, out = teller_argv(rule, path, seats)
    times, peaks, status = [], [], "ok"
    for _ in range(repeat):
        wall, peak, status = measure(argv, timeout=timeout, stdout=OUT / "teller.stdout")
        if status != "ok" or wall is None or peak is None:
            break
        times.append(wall)
        peaks.append(peak)
    winners: tuple[str, ...] = ()
    if status == "ok":
        winners = tuple(json.loads(out.read_text())["elected"])
    return Run(
        "teller",
        rule,
        path.name,
        statistics.median(times) if times else None,
        max(peaks) if peaks else None,
        status,
        winners,
        " ".join(Path(x).name if "/" in x else x for x in argv),
    )


def run_peer(python: Path, peer: str, rule: str, path: Path, seats: int, *, timeout: float) -> Run:
    argv = [
        str(python),
        str(HERE / "peers.py"),
        peer,
        rule,
        str(path),
        str(1 if rule == "irv" else seats),
    ]
    stdout = OUT / f"{peer}-{rule}-{path.stem}.out"
    wall, peak, status = measure(argv, timeout=timeout, stdout=stdout)
    if status == "ok" and wall is not None and peak is not None and wall < PEER_REPEAT_UNDER:
        # Fast peers get teller's treatment: the median of three runs.
        times, peaks = [wall], [peak]
        for _ in range(2):
            w, pk, st = measure(argv, timeout=timeout, stdout=stdout)
            if st != "ok" or w is None or pk is None:
                break
            times.append(w)
            peaks.append(pk)
        wall, peak = statistics.median(times), max(peaks)
    winners: tuple[str, ...] = ()
    if status == "ok":
        winners = tuple(json.loads(stdout.read_text().strip().splitlines()[-1])["winners"])
    return Run(
        peer, rule, path.name, wall, peak, status, winners, f"peers.py {peer} {rule} {path.name}"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--timeout", type=float, default=360.0, help="per peer run (seconds)")
    p.add_argument("--no-peers", action="store_true")
    p.add_argument("--repeat", type=int, default=3, help="teller runs per case (median)")
    a = p.parse_args(argv)
    scale = 10 if a.quick else 1
    python = None if a.no_peers else ensure_peers()
    runs: list[Run] = []
    # Compiled bytecode, as the peers' pip installs have: without it an editable install under
    # PYTHONDONTWRITEBYTECODE recompiles teller's modules on every run.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(SRC)], check=True)
    DRIVER["cli"] = probe_cli(profile(Spec(1000, 6, 3)))

    def case(rule: str, path: Path, seats: int, peers: list[str], section: str) -> None:
        t = replace(
            run_teller(rule, path, seats, timeout=a.timeout, repeat=a.repeat), section=section
        )
        runs.append(t)
        print(
            f"[{section}] teller {rule} {path.name}: {t.seconds} s {t.peak_mib} MiB {t.status}",
            flush=True,
        )
        for peer in [] if python is None else peers:
            r = replace(
                run_peer(python, peer, rule, path, seats, timeout=a.timeout), section=section
            )
            runs.append(r)
            print(
                f"[{section}] {peer} {rule} {path.name}: {r.seconds} s {r.peak_mib} MiB {r.status}",
                flush=True,
            )

    sections: dict[str, list[str]] = {
        "main": [],
        "meek": [],
        "big": [],
        "ballots": [],
        "candidates": [],
    }
    # 1-2. The headline profile: 1,000,000 ballots, 20 candidates, 3 seats (aggregated BLT).
    main_file = profile(Spec(1_000_000 // scale, 20, 3))
    sections["main"].append(main_file.name)
    for rule in ("scottish-2007", "ers97", "irv", "fptp"):
        case(rule, main_file, 3, RULE_PEERS[rule], "main")
    case("meek", main_file, 3, [], "main")
    # Meek's only peer that runs here (pref_voting) took 153 s for 2,000 ballots and 335 s for
    # 5,000 on this machine: compare on a 2,000-ballot profile, which it finishes.
    meek_file = profile(Spec(2_000 // scale, 20, 3))
    sections["meek"].append(meek_file.name)
    case("meek", meek_file, 3, RULE_PEERS["meek"], "meek")
    # 3. 10,000,000 ballots one per line, 60 candidates, 6 seats.
    big = profile(Spec(10_000_000 // scale, 60, 6), raw=True)
    sections["big"].append(big.name)
    case("scottish-2007", big, 6, [], "big")
    # 4. Growth in ballots and in candidates.
    for n in (10**4, 10**5, 10**6, 10**7):
        f = profile(Spec(n // scale, 20, 3))
        sections["ballots"].append(f.name)
        case("scottish-2007", f, 3, GROWTH_PEERS if n <= 10**6 else [], "ballots")
    for c in (5, 10, 20, 40, 80, 150):
        f = profile(Spec(100_000 // scale, c, 3))
        sections["candidates"].append(f.name)
        case("scottish-2007", f, 3, GROWTH_PEERS, "candidates")

    RESULTS.mkdir(exist_ok=True)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    data = {
        "commit": commit,
        "quick": a.quick,
        "cli": DRIVER["cli"],
        "sections": sections,
        "runs": [r.to_json() for r in runs],
    }
    (RESULTS / "results.json").write_text(json.dumps(data, indent=1) + "\n")
    if python is not None:
        subprocess.run(
            [str(python), str(HERE / "plot.py"), str(RESULTS / "results.json"), str(RESULTS)],
            check=True,
        )
    write_report(data, RESULTS / "README.md")
    print("wrote", RESULTS / "README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
