"""Cast vote record readers for RCTab's test cases, reading each format as RCTab 2.0 does.

Each reader returns the marks of every cast vote record: ``(rank, candidate)`` pairs, where
``candidate`` is the raw string the file gives (a name, code or alias, mapped to a name later),
:data:`UWI` for an undeclared write-in or :data:`OVERVOTE` for an explicit overvote. Ballot rules
(skipped ranks, overvotes, duplicates) are applied later, in ``import_rctab``. The behaviour follows
RCTab's readers (BrightSpots/rcv, ``src/main/java/network/brightspots/rcv/*CvrReader.java``):
which cells are read, what counts as blank, how write-ins and overvotes are labelled.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

UWI = "Undeclared Write-ins"
"""RCTab's name for undeclared write-ins (``Tabulator.UNDECLARED_WRITE_IN_OUTPUT_LABEL``)."""
OVERVOTE = "overvote"
"""RCTab's label for an explicit overvote (``Tabulator.EXPLICIT_OVERVOTE_LABEL``)."""

Marks = list[tuple[int, str]]
"""One cast vote record: ``(rank, raw candidate)`` pairs in reading order."""
Source = Mapping[str, Any]
"""One ``cvrFileSources`` entry of an RCTab config."""


class CvrError(Exception):
    """A cast vote record file cannot be read the way RCTab reads it."""


def _text(value: object) -> str:
    """A spreadsheet cell as RCTab's streaming reader sees it (numbers without a spurious .0)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_ess(path: Path, source: Source, max_rankings: int) -> Iterator[Marks]:
    """ES&S xlsx: one row per record; ranks in ``max_rankings`` columns from the first vote one."""
    import openpyxl  # type: ignore[import-untyped]  # dev dependency; only this reader needs it

    first_col = int(source["firstVoteColumnIndex"]) - 1
    first_row = int(source["firstVoteRowIndex"]) - 1
    delimiter = source.get("overvoteDelimiter") or ""
    overvote_label = source.get("overvoteLabel") or ""
    skipped_label = source.get("skippedRankLabel") or ""
    uwi_label = source.get("undeclaredWriteInLabel") or ""
    blank_is_uwi = bool(source.get("treatBlankAsUndeclaredWriteIn"))
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True)):
            if number < first_row or all(cell is None for cell in row):
                continue  # an empty row (formatting only) is not a cast vote record
            cells = list(row[first_col : first_col + max_rankings])
            cells += [None] * (max_rankings - len(cells))
            marks: Marks = []
            for rank, cell in enumerate(cells, start=1):
                text = "" if cell is None else _text(cell).strip()
                if not text:
                    if blank_is_uwi:
                        marks.append((rank, UWI))
                    continue
                parts = [p.strip() for p in text.split(delimiter)] if delimiter else [text]
                for part in parts:
                    if len(parts) > 1 and part in ("", skipped_label):
                        raise CvrError(f"{path.name}: blank or undervote inside an overvote cell")
                    if part == skipped_label:
                        continue
                    if part == overvote_label:
                        part = OVERVOTE
                    elif part == uwi_label:
                        part = UWI
                    marks.append((rank, part))
            yield marks
    finally:
        book.close()


def read_cdf_json(path: Path, source: Source) -> Iterator[Marks]:
    """NIST 1500-103 CDF in JSON: selections map to candidates through the contest's options."""
    report = json.loads(path.read_text(encoding="utf-8"))
    candidates = {c["@id"]: c for e in report["Election"] for c in e["Candidate"]}
    contest = next(
        (c for e in report["Election"] for c in e["Contest"] if c["Name"] == source["contestId"]),
        None,
    )
    if contest is None:
        raise CvrError(f"{path.name}: no contest named {source['contestId']!r}")
    selections = {s["@id"]: s for s in contest["ContestSelection"]}
    overvote_label = source.get("overvoteLabel") or ""
    for cvr in report["CVR"]:
        snapshot = next(s for s in cvr["CVRSnapshot"] if s["@id"] == cvr["CurrentSnapshotId"])
        cvr_contest = next(
            (c for c in snapshot["CVRContest"] if c["ContestId"] == contest["@id"]), None
        )
        if cvr_contest is None:
            raise CvrError(f"{path.name}: a record lacks the contest (RCTab cannot read it)")
        marks: Marks = []
        for chosen in cvr_contest.get("CVRContestSelection", []):
            selection = selections[chosen["ContestSelectionId"]]
            if str(selection.get("IsWriteIn", "")) == "true":
                name = UWI
            else:
                name = candidates[selection["CandidateIds"][0]]["Name"]
                name = OVERVOTE if name == overvote_label else name
            if "Rank" in chosen:
                marks.append((int(chosen["Rank"]), name))
                continue
            for position in chosen["SelectionPosition"]:
                if "CVRWriteIn" in position:
                    name = UWI
                if position.get("HasIndication") == "no" or position.get("IsAllocable") == "no":
                    continue
                marks.append((int(position["Rank"]), name))
        yield marks


def _dominion_exports(folder: Path) -> list[Path]:
    single = folder / "CvrExport.json"
    if single.exists():
        return [single]
    numbered = sorted(folder.glob("CvrExport_*.json"), key=lambda p: int(p.stem.split("_")[1]))
    if not numbered:
        raise CvrError(f"{folder}: no CvrExport.json or CvrExport_N.json")
    return numbered


def _invalid_contest_conditions(folder: Path) -> set[int]:
    """Outstack condition ids meaning "InvalidContest" in this export's manifest, if any."""
    manifest = folder / "OutstackConditionManifest.json"
    if not manifest.exists():
        return set()
    entries = json.loads(manifest.read_text(encoding="utf-8"))["List"]
    return {int(e["Id"]) for e in entries if e["Description"] == "InvalidContest"}


def read_dominion(folder: Path, source: Source) -> Iterator[Marks]:
    """Dominion JSON export: current (or adjudicated) cards; ambiguous marks are skipped.

    A contest flagged with the "InvalidContest" outstack condition is not read: RCTab's own CVR
    export for ``2024_alaska_dominion`` lists exactly the records without that flag (inferred from
    that export; the RCTab source read for this module predates the condition).
    """
    contest_id = str(source["contestId"])
    uwi_label = str(source.get("undeclaredWriteInLabel") or "")
    invalid = _invalid_contest_conditions(folder)
    for export in _dominion_exports(folder):
        for session in json.loads(export.read_text(encoding="utf-8"))["Sessions"]:
            data = session["Original"]
            if not data["IsCurrent"]:
                if "Modified" not in session:
                    continue  # RCTab skips a record that has no adjudicated version
                data = session["Modified"]
            for card in data.get("Cards", [data]):
                for contest in card["Contests"]:
                    if str(contest["Id"]) != contest_id:
                        continue
                    if invalid & set(contest.get("OutstackConditionIds", [])):
                        continue
                    marks: Marks = []
                    for mark in contest["Marks"]:
                        if mark["IsAmbiguous"]:
                            continue
                        code = str(mark["CandidateId"])
                        marks.append((int(mark["Rank"]), UWI if code == uwi_label else code))
                    yield marks


def read_clear_ballot(path: Path, source: Source) -> Iterator[Marks]:
    """Clear Ballot CSV: one column per (candidate, rank); a 1 marks that rank."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        header = next(rows)
        columns: dict[int, tuple[int, str]] = {}
        for index, title in enumerate(header[10:], start=10):
            fields = title.split(":")
            if len(fields) != 6:
                raise CvrError(f"{path.name}: choice column {title!r} has {len(fields)} fields")
            if fields[1] != source["contestId"]:
                continue
            name = UWI if fields[4] == source.get("undeclaredWriteInLabel") else fields[4]
            columns[index] = (int(fields[2]), name)
        for row in rows:
            yield [columns[i] for i in sorted(columns) if int(row[i]) == 1]


def read_generic_csv(path: Path, source: Source) -> Iterator[Marks]:
    """Generic CSV: one column per candidate, each cell the rank given to that candidate."""
    first_col = int(source["firstVoteColumnIndex"]) - 1
    uwi_label = source.get("undeclaredWriteInLabel") or ""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        names = next(rows)[first_col:]
        if any(not n.strip() for n in names):
            raise CvrError(f"{path.name}: a candidate column has no name")
        for row in rows:
            marks: Marks = []
            for name, cell in zip(names, row[first_col:], strict=False):
                if cell.strip():
                    marks.append((int(cell.strip()), UWI if name == uwi_label else name))
            yield marks


_HART_NS = "{http://tempuri.org/CVRDesign.xsd}"


def read_hart(folder: Path, source: Source) -> Iterator[Marks]:
    """Hart: one XML file per record; an option's Value has a 1 in each rank it was marked."""
    for path in sorted(folder.iterdir()):
        lower = path.name.lower()
        if not lower.endswith("xml") or lower.endswith(".sig.xml"):
            continue
        root = ET.fromstring(path.read_bytes())
        for contest in root.iter(f"{_HART_NS}Contest"):
            if contest.findtext(f"{_HART_NS}Id") != source["contestId"]:
                continue
            marks: Marks = []
            for option in contest.iter(f"{_HART_NS}Option"):
                code = option.findtext(f"{_HART_NS}Id") or ""
                if code == source.get("undeclaredWriteInLabel"):
                    code = UWI
                value = option.findtext(f"{_HART_NS}Value") or ""
                marks += [(rank, code) for rank, bit in enumerate(value, start=1) if bit == "1"]
            yield marks


def read_source(case_dir: Path, source: Source, max_rankings: int) -> Iterator[Marks]:
    """Every cast vote record of one ``cvrFileSources`` entry."""
    path = (case_dir / str(source["filePath"])).resolve()
    if not path.exists():
        raise CvrError(f"{source['filePath']} is not in the snapshot")
    provider = source.get("provider")
    if provider == "ess":
        return read_ess(path, source, max_rankings)
    if provider == "cdf" and path.suffix == ".json":
        return read_cdf_json(path, source)
    if provider == "dominion":
        return read_dominion(path, source)
    if provider == "clearBallot":
        return read_clear_ballot(path, source)
    if provider == "genericCsv":
        return read_generic_csv(path, source)
    if provider == "hart":
        return read_hart(path, source)
    raise CvrError(f"no reader for provider {provider!r} ({path.suffix})")
