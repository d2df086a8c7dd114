"""Convert the Scottish Parliament 2007 and 2011 results into teller region files.

Reads the interregnum package's example data (LGPL-3.0-or-later, in ../shared/conformance; not
copied into this project) and writes one ``teller-region/1`` file per region with the facts only:
constituency votes, regional list votes and the declared regional seats. Needs PyYAML, which is
not a teller dependency; run once by hand:

    python examples/scottish-parliament/convert.py /work/shared/conformance/scottish-parliament

Corrections made while converting (see README.md): names have runs of spaces collapsed; list
entries that are individual candidates are marked ``independent`` (the 2011 Lothians file does
not mark four of them); Lothians 2007 ``IND_0`` and 2011 ``MacDonald`` are Margo MacDonald.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

HERE = Path(__file__).resolve().parent
DATES = {2007: "3 May 2007", 2011: "5 May 2011"}
INDEPENDENTS_2011_LOTHIANS = {"MacDonald", "Hogg", "O'Neill", "Brown"}
RENAME = {
    (2007, "Lothians", "IND_0"): "Margo MacDonald",
    (2011, "Lothians", "MacDonald"): "Margo MacDonald",
}


def clean(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def region_doc(year: int, region: dict[str, Any], source: str) -> dict[str, Any]:
    am, mp = region["divisions"]
    name = region["name"]
    constituencies = []
    for c in mp["divisions"]:
        cands = [
            {"name": clean(x["name"]), "party": x.get("alliance"), "votes": x["votes"]}
            for x in c["candidates"]
        ]
        winners = [clean(x["name"]) for x in c["candidates"] if x.get("seats")]
        top = max(x["votes"] for x in cands)
        assert len(winners) == 1 and [x["name"] for x in cands if x["votes"] == top] == winners
        constituencies.append({"name": clean(c["name"]), "candidates": cands})
    lists: list[dict[str, Any]] = []
    declared: dict[str, int] = {}
    for x in am["candidates"]:
        label = RENAME.get((year, name, x["name"]), clean(x["name"]))
        independent = x.get("max_seats") == 1 or (
            year == 2011 and name == "Lothians" and x["name"] in INDEPENDENTS_2011_LOTHIANS
        )
        key = "independent" if independent else "party"
        lists.append({key: label, "votes": x["votes"]})
        if x.get("seats"):
            declared[label] = x["seats"]
    return {
        "format": "teller-region/1",
        "title": f"Scottish Parliament election {year}: {name} region",
        "method": "ams",
        "rules": "scotland-1998",
        "seats": am["seats"],
        "source": source,
        "notes": [f"Poll held on {DATES[year]}. Party labels are those of the source data."],
        "constituencies": constituencies,
        "lists": lists,
        "declared": {"list_seats": declared},
    }


def dump(doc: dict[str, Any]) -> str:
    """JSON with one candidate, list or constituency row per line."""
    lines = ["{"]
    items = list(doc.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if key in ("constituencies", "lists"):
            lines.append(f'  "{key}": [')
            for j, row in enumerate(value):
                end = "," if j < len(value) - 1 else ""
                if key == "constituencies":
                    lines.append(f'    {{"name": {json.dumps(row["name"])}, "candidates": [')
                    for k, cand in enumerate(row["candidates"]):
                        cend = "," if k < len(row["candidates"]) - 1 else ""
                        lines.append(f"      {json.dumps(cand, ensure_ascii=False)}{cend}")
                    lines.append(f"    ]}}{end}")
                else:
                    lines.append(f"    {json.dumps(row, ensure_ascii=False)}{end}")
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(shared: Path) -> None:
    for year in (2007, 2011):
        src = shared / f"uk_sco_parliament_{year}.yaml"
        data = yaml.safe_load(src.read_text(encoding="utf-8"))
        source = (
            f"Converted from interregnum's example {src.name} (LGPL-3.0-or-later data); "
            "see examples/scottish-parliament/README.md"
        )
        out = HERE / str(year)
        out.mkdir(exist_ok=True)
        for region in data["divisions"]:
            doc = region_doc(year, region, source)
            (out / f"{slug(region['name'])}.json").write_text(dump(doc), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
