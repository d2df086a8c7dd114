"""Reading a region file (``teller-region/1``): list votes, and for AMS the constituency results.

One JSON document describes one list count: a Scottish Parliament region, a Senedd constituency,
the London-wide Assembly seats, or any party-list contest. docs/lists.md documents the format;
in short::

    {"format": "teller-region/1", "title": "...", "election_id": "sp.r.lothians.2007-05-03",
     "method": "ams", "rules": "scotland-1998", "seats": 7,
     "constituencies": [{"name": "Edinburgh Central",
                         "candidates": [{"name": "Sarah Boyack", "party": "LAB", "votes": 9155},
                                        ...],
                         "elected": "Sarah Boyack"}],
     "lists": [{"party": "SNP", "votes": 76019, "candidates": ["...", "..."]},
               {"independent": "Margo MacDonald", "votes": 19256}],
     "declared": {"list_seats": {"SNP": 3, "LAB": 1}}}

Errors are :class:`~teller.errors.InputError` naming the file and line: the JSON parser's
position for syntax errors, and for a document that parses but is wrong, the JSON path of the
bad value and the line of the object that holds it.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from teller.count.lists import ConstituencyResult, ListEntry, RegionVotes, count_lists
from teller.errors import InputError, TellerError
from teller.model import Contest, ElectionId, Profile
from teller.record import CountRecord

FORMAT = "teller-region/1"

_TOP = {
    "format", "title", "election_id", "method", "rules", "seats", "electorate", "rejected",
    "valid_votes", "lists", "constituencies", "declared", "source", "notes",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class RegionFile:
    """Everything a region file says."""

    contest: Contest
    """Method, rules, list seats, titles; its candidates are the list entries."""
    votes: RegionVotes
    """The list votes and constituency results."""
    declared: Mapping[str, int] | None = None
    """The official list seats by party, when the file records them (for checking)."""
    source: str | None = None
    """Where the figures come from."""


def read_region(path: str | Path) -> tuple[Contest, RegionVotes]:
    """The contest and list votes of a region file."""
    region = load_region(path)
    return region.contest, region.votes


def read_region_ballots(path: str | Path) -> tuple[Contest, Profile]:
    """A region file as the generic ``count(contest, profile)`` takes it (for the CLI).

    The profile holds one single-preference ballot per list vote; everything else (lists of
    names, independents, constituency results) rides in ``contest.options``.
    """
    contest, votes = read_region(path)
    return contest.replace(options={**contest.options, **votes.options()}), votes.profile()


def count_region(
    path: str | Path,
    *,
    method: str | None = None,
    rules: str | None = None,
    seed: int | None = None,
) -> CountRecord:
    """Read and count a region file; ``method``/``rules`` override the file's (CLI flags)."""
    contest, votes = read_region(path)
    if method is not None and (method != contest.method or rules is not None):
        contest = contest.replace(method=method, rules=rules)
    elif rules is not None:
        contest = contest.replace(rules=rules)
    return count_lists(contest, votes, seed=seed)


def looks_like_region(path: str | Path) -> bool:
    """Whether ``path`` starts like a region file (for choosing a reader)."""
    try:
        with open(path, encoding="utf-8") as fh:
            head = fh.read(4096)
    except (OSError, UnicodeDecodeError):
        return False
    return f'"{FORMAT}"' in head


def load_region(path: str | Path) -> RegionFile:
    """Read and check a region file."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read region file: {exc}", path=name) from exc
    doc = _parse(text, name)
    return _Reader(name).region(doc)


# -- JSON with line numbers ------------------------------------------------------------------


class _Obj(dict[str, Any]):
    """A JSON object that remembers the line it starts on."""

    line: int = 0


class _Arr(list[Any]):
    """A JSON array that remembers the line it starts on."""

    line: int = 0


class _Duplicate(Exception):
    def __init__(self, key: str, pos: int) -> None:
        super().__init__(key)
        self.key = key
        self.pos = pos


def _parse(text: str, path: str) -> Any:
    decoder = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[_Obj, int]:
        s, start = s_and_end
        strict, scan_once, object_hook, _pairs_hook, memo = args
        pairs, end = json.decoder.JSONObject(  # type: ignore[attr-defined]
            s_and_end, strict, scan_once, object_hook, list, memo
        )
        obj = _Obj()
        obj.line = s.count("\n", 0, start) + 1
        for key, value in pairs:
            if key in obj:
                raise _Duplicate(key, start)
            obj[key] = value
        return obj, end

    def parse_array(s_and_end: tuple[str, int], scan_once: Callable[..., Any]) -> tuple[_Arr, int]:
        s, start = s_and_end
        values, end = json.decoder.JSONArray(s_and_end, scan_once)  # type: ignore[attr-defined]
        arr = _Arr(values)
        arr.line = s.count("\n", 0, start) + 1
        return arr, end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.parse_array = parse_array  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        return decoder.decode(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", path=path, line=exc.lineno) from exc
    except _Duplicate as exc:
        line = text.count("\n", 0, exc.pos) + 1
        raise InputError(
            f"key {exc.key!r} appears twice in one object", path=path, line=line
        ) from None
    except RecursionError as exc:
        raise InputError("JSON nested too deeply", path=path) from exc


# -- the schema ------------------------------------------------------------------------------


class _Reader:
    """Checks a parsed region document, naming the JSON path of anything wrong."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, where: str, problem: str, node: Any) -> InputError:
        line = getattr(node, "line", None)
        return InputError(f"{where}: {problem}", path=self.path, line=line or None)

    def obj(self, node: Any, where: str, parent: Any) -> _Obj:
        if not isinstance(node, _Obj):
            raise self.fail(where, "must be an object", parent)
        return node

    def arr(self, node: Any, where: str, parent: Any) -> _Arr:
        if not isinstance(node, _Arr):
            raise self.fail(where, "must be an array", parent)
        return node

    def text(self, node: _Obj, key: str, where: str, *, required: bool = True) -> str | None:
        value = node.get(key)
        if value is None:
            if required:
                raise self.fail(f"{where}.{key}", "is required", node)
            return None
        if not isinstance(value, str) or not value.strip() or value != value.strip():
            raise self.fail(f"{where}.{key}", "must be a non-empty name without outer spaces", node)
        return value

    def count(
        self, node: _Obj, key: str, where: str, *, required: bool, least: int = 0
    ) -> int | None:
        value = node.get(key)
        if value is None:
            if required:
                raise self.fail(f"{where}.{key}", "is required", node)
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise self.fail(f"{where}.{key}", f"must be a whole number of at least {least}", node)
        return value

    def keys(self, node: _Obj, allowed: set[str], where: str) -> None:
        unknown = sorted(set(node) - allowed)
        if unknown:
            known = ", ".join(sorted(allowed))
            raise self.fail(where, f"unknown key(s) {', '.join(unknown)} (allowed: {known})", node)

    # -- document -------------------------------------------------------------------------------
    def region(self, doc: Any) -> RegionFile:
        top = self.obj(doc, "$", doc)
        if top.get("format") != FORMAT:
            raise self.fail("$.format", f"must be {FORMAT!r}", top)
        self.keys(top, _TOP, "$")
        lists = self.arr(top.get("lists"), "$.lists", top)
        if not lists:
            raise self.fail("$.lists", "needs at least one party or individual candidate", lists)
        entries = tuple(self.entry(item, f"$.lists[{i}]", lists) for i, item in enumerate(lists))
        self.unique([e.name for e in entries], "$.lists", lists, "list entry")
        constituencies: tuple[ConstituencyResult, ...] = ()
        if "constituencies" in top:
            cons = self.arr(top["constituencies"], "$.constituencies", top)
            constituencies = tuple(
                self.constituency(c, f"$.constituencies[{i}]", cons) for i, c in enumerate(cons)
            )
            self.unique([c.constituency for c in constituencies], "$.constituencies", cons,
                        "constituency")  # fmt: skip
        valid = self.count(top, "valid_votes", "$", required=False)
        try:
            votes = RegionVotes(entries, constituencies, valid)
            contest = Contest(
                candidates=votes.candidates(),
                seats=self.count(top, "seats", "$", required=True, least=1) or 1,
                method=self.text(top, "method", "$", required=False)
                or ("ams" if constituencies else "dhondt"),
                rules=self.text(top, "rules", "$", required=False),
                title=self.text(top, "title", "$", required=False),
                election_id=self.election_id(top),
                electorate=self.count(top, "electorate", "$", required=False),
                rejected=self.count(top, "rejected", "$", required=False),
            )
        except TellerError as exc:
            if isinstance(exc, InputError):
                raise
            raise InputError(str(exc), path=self.path, line=top.line) from exc
        return RegionFile(contest, votes, self.declared(top), self.source(top))

    def election_id(self, top: _Obj) -> ElectionId | None:
        text = self.text(top, "election_id", "$", required=False)
        if text is None:
            return None
        try:
            return ElectionId.parse(text)
        except TellerError as exc:
            raise self.fail("$.election_id", str(exc), top) from exc

    def source(self, top: _Obj) -> str | None:
        value = top.get("source")
        if value is not None and not isinstance(value, str):
            raise self.fail("$.source", "must be text", top)
        if "notes" in top:
            notes = self.arr(top["notes"], "$.notes", top)
            if not all(isinstance(n, str) for n in notes):
                raise self.fail("$.notes", "must be a list of text", notes)
        return value

    def unique(self, names: list[str], where: str, node: Any, what: str) -> None:
        seen: set[str] = set()
        for i, name in enumerate(names):
            if name in seen:
                raise self.fail(f"{where}[{i}]", f"{what} {name!r} is given twice", node)
            seen.add(name)

    def entry(self, node: Any, where: str, parent: Any) -> ListEntry:
        item = self.obj(node, where, parent)
        if ("party" in item) == ("independent" in item):
            raise self.fail(where, "give exactly one of 'party' or 'independent'", item)
        votes = self.count(item, "votes", where, required=True) or 0
        if "independent" in item:
            self.keys(item, {"independent", "votes"}, where)
            name = self.text(item, "independent", where) or ""
            return ListEntry(name, votes, independent=True)
        self.keys(item, {"party", "votes", "candidates"}, where)
        party = self.text(item, "party", where) or ""
        members: tuple[str, ...] | None = None
        if "candidates" in item:
            names = self.arr(item["candidates"], f"{where}.candidates", item)
            for i, n in enumerate(names):
                if not isinstance(n, str) or not n.strip() or n != n.strip():
                    raise self.fail(f"{where}.candidates[{i}]", "must be a name", names)
            self.unique(list(names), f"{where}.candidates", names, "name")
            members = tuple(names)
        return ListEntry(party, votes, members=members)

    def constituency(self, node: Any, where: str, parent: Any) -> ConstituencyResult:
        item = self.obj(node, where, parent)
        self.keys(item, {"name", "candidates", "elected"}, where)
        name = self.text(item, "name", where) or ""
        cands = self.arr(item.get("candidates"), f"{where}.candidates", item)
        if not cands:
            raise self.fail(f"{where}.candidates", "needs at least one candidate", cands)
        people: list[tuple[str, str | None, int | None]] = []
        for i, c in enumerate(cands):
            at = f"{where}.candidates[{i}]"
            cand = self.obj(c, at, cands)
            self.keys(cand, {"name", "party", "votes"}, at)
            party = self.text(cand, "party", at, required=False)
            people.append((self.text(cand, "name", at) or "", party,
                           self.count(cand, "votes", at, required=False)))  # fmt: skip
        self.unique([p[0] for p in people], f"{where}.candidates", cands, "candidate")
        elected = self.text(item, "elected", where, required=False)
        return ConstituencyResult(name, *self.winner(people, elected, where, item))

    def winner(
        self,
        people: list[tuple[str, str | None, int | None]],
        elected: str | None,
        where: str,
        node: _Obj,
    ) -> tuple[str, str | None]:
        """The member returned: ``elected`` if named (it must have most votes), else most votes."""
        counted = all(v is not None for _, _, v in people)
        most = max((v or 0) for _, _, v in people) if counted else None
        if elected is not None:
            match = [p for p in people if p[0] == elected]
            if not match:
                raise self.fail(f"{where}.elected", f"{elected!r} is not a candidate here", node)
            if most is not None and match[0][2] != most:
                raise self.fail(f"{where}.elected", f"{elected!r} did not have most votes", node)
            return match[0][0], match[0][1]
        if not counted:
            raise self.fail(f"{where}.elected", "is required when votes are not all given", node)
        top = [p for p in people if p[2] == most]
        if len(top) > 1:
            raise self.fail(
                f"{where}.elected", "equal most votes: name the member returned (by lot)", node
            )
        return top[0][0], top[0][1]

    def declared(self, top: _Obj) -> Mapping[str, int] | None:
        if "declared" not in top:
            return None
        decl = self.obj(top["declared"], "$.declared", top)
        self.keys(decl, {"list_seats"}, "$.declared")
        seats = self.obj(decl.get("list_seats"), "$.declared.list_seats", decl)
        out: dict[str, int] = {}
        for party in seats:
            out[party] = self.count(seats, party, "$.declared.list_seats", required=True) or 0
        return out
