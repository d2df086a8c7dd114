"""Growth plots (PNG) from benchmarks/results/results.json; runs in the peers venv (matplotlib).

peers-venv/bin/python benchmarks/plot.py results.json OUTDIR
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt


def _size(name: str) -> tuple[int, int]:
    m = re.match(r"b(\d+)-c(\d+)", name)
    assert m, name
    return int(m[1]), int(m[2])


def main() -> int:
    data = json.loads(Path(sys.argv[1]).read_text())
    out = Path(sys.argv[2])
    runs = [r for r in data["runs"] if r["rule"] == "scottish-2007" and r["status"] == "ok"]
    for metric, label, fname in (
        ("seconds", "wall time (s)", "growth-time.png"),
        ("peak_mib", "peak memory (MiB)", "growth-memory.png"),
    ):
        fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
        for ax, key, index, xlabel in (
            (axes[0], "ballots", 0, "ballots (20 candidates, 3 seats)"),
            (axes[1], "candidates", 1, "candidates (100,000 ballots, 3 seats)"),
        ):
            mine = [r for r in runs if r["section"] == key]
            for tool in sorted({r["tool"] for r in mine}):
                pts = sorted(
                    (_size(r["data"])[index], r[metric]) for r in mine if r["tool"] == tool
                )
                ax.plot([x for x, _ in pts], [y for _, y in pts], marker="o", label=tool)
            ax.set_xscale("log")
            ax.set_yscale("log")
            ax.set_xlabel(xlabel)
            ax.set_ylabel(label)
            ax.grid(True, which="both", alpha=0.3)
            ax.legend()
        fig.suptitle(f"STV scottish-2007, whole process: {label}")
        fig.tight_layout()
        fig.savefig(out / fname, dpi=110)
        plt.close(fig)
    return 0


if __name__ == "__main__":
    sys.exit(main())
