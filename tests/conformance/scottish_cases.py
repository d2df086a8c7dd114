"""Discovery and comparison of the Scottish STV conformance cases (one folder per ward)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from teller.record import CountRecord

ROOT = Path(__file__).parent / "scottish-stv"
EXPECTED_CASES = 351


def discover() -> list[Path]:
    """Every case folder: one holding ballots.blt and official.json."""
    return sorted(p.parent for p in ROOT.glob("*/*/*/official.json"))


@dataclass(frozen=True)
class Case:
    path: Path
    official: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.path.relative_to(ROOT))

    @classmethod
    def load(cls, path: Path) -> Case:
        return cls(path, json.loads((path / "official.json").read_text(encoding="utf-8")))


def _cell(value: Fraction) -> str:
    """Exactly 5 decimals, as the official sheets carry them."""
    scaled = value * 100000
    assert scaled.denominator == 1, f"{value} is not a 5-decimal value"
    n = int(scaled)
    sign = "-" if n < 0 else ""
    whole, frac = divmod(abs(n), 100000)
    return f"{sign}{whole}.{frac:05d}"


def compare(case: Case, record: CountRecord) -> list[str]:
    """Every difference between the record and the official sheet, as readable lines."""
    off = case.official
    problems: list[str] = []
    inconsistent = "sheet_inconsistent" in off["flags"]
    uncertain = {(u["stage"], u["name"]): u["decimals"] for u in off.get("uncertain_totals", [])}
    if record.quota != off["quota"]:
        problems.append(f"quota {record.quota} != official {off['quota']}")
    elected = [(n, s) for n, s, _ in record.elected_at()]
    official_elected = [(e["name"], e["stage"]) for e in off["elected"]]
    if elected != official_elected:
        problems.append(f"elected {elected} != official {official_elected}")
    if inconsistent:
        return problems  # the sheet contradicts itself: only the elected are compared
    excluded = record.excluded_at()
    official_excluded = [(e["name"], e["stage"]) for e in off["excluded"]]
    if excluded != official_excluded:
        problems.append(f"excluded {excluded} != official {official_excluded}")
    if len(record.stages) != len(off["stages"]):
        problems.append(f"{len(record.stages)} stages != official {len(off['stages'])}")
    # The sheet's non-transferable figure is its valid poll minus the stage's totals; where the
    # sheet's valid poll differs from the ballots' (flagged), shift by that difference.
    offset = record.valid_ballots - off["valid_poll"]
    for stage, sheet, sheet_nt in zip(
        record.stages, off["stages"], off["non_transferable"], strict=False
    ):
        k = stage.number
        loose_stage = False
        for name, text in sheet["totals"].items():
            got = stage.totals[name]
            places = uncertain.get((k, name))
            if places is None:
                if _cell(got) != text:
                    problems.append(f"stage {k} {name}: {_cell(got)} != official {text}")
            else:
                loose_stage = True
                if abs(got - Fraction(text)) > Fraction(1, 10**places):
                    problems.append(f"stage {k} {name}: {_cell(got)} !~ official {text}")
        nt = stage.non_transferable - offset
        if loose_stage:
            continue
        if _cell(nt) != sheet_nt:
            problems.append(f"stage {k} non-transferable {_cell(nt)} != official {sheet_nt}")
    return problems
