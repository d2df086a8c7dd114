"""Typed, frozen domain objects: candidates, contests, election ids and ballot profiles.

A :class:`Profile` is the ballots of one contest stored compressed: each distinct ranking once,
with the number of ballots that cast it. A million ballots cost what their distinct rankings cost.
Rankings are held in a read-only NumPy array so that the fast counting path can work on them
without copying; the reference path iterates them as plain tuples.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import numpy.typing as npt

from teller.errors import ModelError

#: Padding value in :attr:`Profile.rankings` after a ballot's last preference.
NO_PREFERENCE = -1

_ID_PART = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class ElectionId:
    """A Democracy Club election id, e.g. ``local.aberdeen-city.torry-ferryhill.2017-05-04``.

    The form is ``<type>[.<subtype>][.<organisation>][.<division>].<date>``: dot-separated
    lower-case slugs ending in an ISO date. ``parts`` holds everything before the date.
    """

    parts: tuple[str, ...]
    """Slugs before the date: election type, then subtype/organisation/division as applicable."""
    date: str
    """Polling day, ISO ``YYYY-MM-DD``."""

    @classmethod
    def parse(cls, text: str) -> ElectionId:
        pieces = text.strip().split(".")
        if len(pieces) < 2:
            raise ModelError(f"election id {text!r} must be '<type>[.<org>[.<division>]].<date>'")
        *parts, date = pieces
        if not _DATE.match(date):
            raise ModelError(f"election id {text!r} must end in an ISO date, not {date!r}")
        for part in parts:
            if not _ID_PART.match(part):
                raise ModelError(f"election id {text!r}: {part!r} is not a lower-case slug")
        return cls(tuple(parts), date)

    @property
    def election_type(self) -> str:
        """The first slug: ``parl``, ``local``, ``mayor``, ``sp``, ``senedd``, ``gla``, ..."""
        return self.parts[0]

    def __str__(self) -> str:
        return ".".join((*self.parts, self.date))


@dataclass(frozen=True, slots=True)
class Candidate:
    """One name on the ballot paper."""

    name: str
    """The name as printed on the ballot paper; unique within a contest."""
    party: str | None = None
    """Party or description, or None for none given."""
    gender: str | None = None
    """Self-described gender where a contest has a gender minimum, else None."""

    def __post_init__(self) -> None:
        if not self.name or self.name != self.name.strip():
            raise ModelError(f"candidate name {self.name!r} is empty or has outer spaces")


@dataclass(frozen=True, slots=True)
class GroupMinimum:
    """At least ``minimum`` seats must go to candidates in ``members`` (e.g. women)."""

    label: str
    """What the group is, for result sheets: ``"women"``."""
    members: frozenset[str]
    """Names of the candidates who belong to the group."""
    minimum: int
    """Seats the group must win at least."""


def _frozen_mapping(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True, slots=True)
class Contest:
    """What is being counted: candidates, seats, method and rule set."""

    candidates: tuple[Candidate, ...]
    """Candidates in ballot-paper order; ballots refer to them by index in this tuple."""
    seats: int = 1
    """Vacancies to fill."""
    method: str = "fptp"
    """Voting-system slug: ``fptp``, ``block``, ``sv``, ``irv``, ``stv``, ``dhondt``, ..."""
    rules: str | None = None
    """Rule-set name within the method (``scottish-2007``, ``ers97``); None = the default."""
    title: str | None = None
    """Human title, e.g. ``Aberdeen City 2017: Bridge of Don``."""
    election_id: ElectionId | None = None
    """Democracy Club election id when known."""
    withdrawn: frozenset[int] = frozenset()
    """Indices of candidates withdrawn after the ballots were printed: skipped on every ballot."""
    options: Mapping[str, Any] = field(default_factory=dict)
    """Rule options (``bulk_exclusion``, ``quota``, ...); each rule set validates its own."""
    group_minimum: GroupMinimum | None = None
    """A minimum number of seats reserved to a group, where the rules provide one."""
    electorate: int | None = None
    """Registered electors, when known (for turnout on result sheets)."""
    rejected: int | None = None
    """Ballot papers rejected at the count, when known."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", _frozen_mapping(self.options))
        names = [c.name for c in self.candidates]
        if len(set(names)) != len(names):
            dupes = sorted({n for n in names if names.count(n) > 1})
            raise ModelError(f"candidate names must be unique; repeated: {', '.join(dupes)}")
        if self.seats < 1:
            raise ModelError(f"seats must be at least 1, not {self.seats}")
        bad = [i for i in self.withdrawn if not 0 <= i < len(self.candidates)]
        if bad:
            raise ModelError(f"withdrawn candidate index out of range: {bad}")
        if self.group_minimum is not None:
            unknown = self.group_minimum.members - set(names)
            if unknown:
                raise ModelError(f"group minimum names unknown candidates: {sorted(unknown)}")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.candidates)

    @property
    def standing(self) -> tuple[int, ...]:
        """Indices of candidates not withdrawn."""
        return tuple(i for i in range(len(self.candidates)) if i not in self.withdrawn)

    def replace(self, **changes: Any) -> Contest:
        """A copy with some fields changed."""
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        values.update(changes)
        return Contest(**values)


RankArray = npt.NDArray[np.int16]
WeightArray = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False, slots=True)
class Profile:
    """Ballots compressed to distinct rankings with weights.

    ``rankings[i]`` lists candidate indices in order of preference, padded with
    :data:`NO_PREFERENCE`; ``weights[i]`` is how many ballots cast exactly that ranking. Rows are
    unique and sorted, so two profiles of the same ballots are equal however they were read.
    A ranking may be empty (a ballot with no valid preference for a standing candidate is
    still a valid paper for some readers' accounting); counting treats it as non-transferable.
    """

    n_candidates: int
    """Number of candidates the indices refer to."""
    rankings: RankArray
    """``(distinct, width)`` int16 array of candidate indices, -1 padded; read-only."""
    weights: WeightArray
    """``(distinct,)`` int64 array of ballot counts; read-only."""

    def __post_init__(self) -> None:
        if self.rankings.ndim != 2 or self.weights.ndim != 1:
            raise ModelError("rankings must be 2-D and weights 1-D")
        if self.rankings.shape[0] != self.weights.shape[0]:
            raise ModelError("rankings and weights differ in length")
        self.rankings.setflags(write=False)
        self.weights.setflags(write=False)

    @classmethod
    def from_arrays(
        cls, n_candidates: int, rankings: npt.ArrayLike, weights: npt.ArrayLike
    ) -> Profile:
        """Build a canonical profile from possibly repeated, unsorted rows."""
        ranks = np.asarray(rankings, dtype=np.int16)
        wts = np.asarray(weights, dtype=np.int64)
        if ranks.ndim == 1:
            ranks = ranks.reshape(len(wts), 0) if ranks.size == 0 else ranks.reshape(-1, 1)
        _check_range(ranks, wts, n_candidates)
        ranks = _trim_width(ranks)
        if ranks.shape[0] == 0:
            _check_structure(ranks)
            return cls(n_candidates, ranks, wts)
        keys, summed = _sort_unique_keys(_pack_rows(ranks, n_candidates), wts)
        keep = summed > 0
        distinct = _unpack_rows(keys[keep], n_candidates, ranks.shape[1])
        # Packing is injective on in-range rows, so checking each distinct row once gives the
        # same verdict as checking every row, at a fraction of the cost for large profiles.
        _check_structure(_unpack_rows(keys, n_candidates, ranks.shape[1]))
        return cls(n_candidates, distinct, summed[keep])

    @classmethod
    def from_rankings(
        cls, n_candidates: int, ballots: Iterable[tuple[Iterable[int], int]]
    ) -> Profile:
        """Build from ``(ranking, weight)`` pairs; rankings are sequences of candidate indices."""
        counts: dict[tuple[int, ...], int] = {}
        for ranking, weight in ballots:
            key = tuple(int(c) for c in ranking)
            counts[key] = counts.get(key, 0) + int(weight)
        width = max((len(k) for k in counts), default=0)
        ranks = np.full((len(counts), width), NO_PREFERENCE, dtype=np.int16)
        for row, key in enumerate(counts):
            ranks[row, : len(key)] = key
        return cls.from_arrays(n_candidates, ranks, np.fromiter(counts.values(), np.int64))

    def __iter__(self) -> Iterator[tuple[tuple[int, ...], int]]:
        """Yield ``(ranking, weight)`` with padding removed."""
        for row, weight in zip(self.rankings.tolist(), self.weights.tolist(), strict=True):
            yield tuple(c for c in row if c != NO_PREFERENCE), weight

    def __len__(self) -> int:
        return int(self.rankings.shape[0])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Profile):
            return NotImplemented
        return (
            self.n_candidates == other.n_candidates
            and self.rankings.shape == other.rankings.shape
            and bool(np.array_equal(self.rankings, other.rankings))
            and bool(np.array_equal(self.weights, other.weights))
        )

    __hash__ = None  # type: ignore[assignment]

    @property
    def total(self) -> int:
        """Number of ballots."""
        return int(self.weights.sum())

    @property
    def width(self) -> int:
        """Longest ranking."""
        return int(self.rankings.shape[1])

    def digest(self) -> str:
        """SHA-256 of the canonical profile, recorded in count records for provenance."""
        h = hashlib.sha256()
        h.update(f"teller-profile/1 {self.n_candidates} {len(self)} {self.width}\n".encode())
        # Hash the buffers in place: no copy of a possibly large ranking matrix.
        for array, dtype in ((self.rankings, "<i2"), (self.weights, "<i8")):
            flat = np.ascontiguousarray(array, dtype=dtype).reshape(-1)
            h.update(flat.data.cast("B"))
        return h.hexdigest()

    def first_preferences(self) -> WeightArray:
        """Ballots whose first preference is each candidate (ignoring withdrawals)."""
        out = np.zeros(self.n_candidates, dtype=np.int64)
        if self.width:
            firsts = self.rankings[:, 0]
            mask = firsts != NO_PREFERENCE
            np.add.at(out, firsts[mask], self.weights[mask])
        return out


def _check_range(ranks: RankArray, wts: WeightArray, n: int) -> None:
    """Lengths, weights and candidate indices: what packing rows into keys relies on."""
    if ranks.shape[0] != wts.shape[0]:
        raise ModelError("rankings and weights differ in length")
    if wts.size and int(wts.min()) < 0:
        raise ModelError("a ballot weight is negative")
    if ranks.size and (int(ranks.max()) >= n or int(ranks.min()) < NO_PREFERENCE):
        raise ModelError(f"a ranking names a candidate outside 0..{n - 1}")


def _check_structure(ranks: RankArray) -> None:
    """Trailing padding and no repeated candidate, row by row."""
    if ranks.size == 0:
        return
    present = ranks != NO_PREFERENCE
    # Padding must be trailing: once a row has -1, the rest of it is -1.
    if np.any(present[:, 1:] & ~present[:, :-1]):
        raise ModelError("a ranking has a gap before a later preference")
    # No candidate may appear twice in one ranking.
    srt = np.sort(np.where(present, ranks, NO_PREFERENCE - np.arange(ranks.shape[1])), axis=1)
    if np.any(srt[:, 1:] == srt[:, :-1]):
        raise ModelError("a ranking names the same candidate twice")


def _trim_width(ranks: RankArray) -> RankArray:
    if ranks.size == 0:
        return ranks
    used = np.nonzero((ranks != NO_PREFERENCE).any(axis=0))[0]
    width = int(used[-1]) + 1 if used.size else 0
    return ranks[:, :width]


# -- canonical order without np.unique(axis=0) ---------------------------------------------------
# Each row becomes a few uint64 keys, ``bits`` per preference (value + 1, so padding is 0), first
# preference in the highest bits: comparing keys compares rows lexicographically, exactly as
# np.unique(axis=0) orders them, but sorting 64-bit integers is far faster than sorting rows.


def _key_layout(n_candidates: int) -> tuple[int, int]:
    """``(bits per preference, preferences per uint64 key)`` for ``n_candidates``."""
    bits = max(1, int(n_candidates).bit_length())
    return bits, 64 // bits


def _shifts(n_candidates: int) -> tuple[npt.NDArray[np.uint64], int]:
    bits, per = _key_layout(n_candidates)
    return np.arange(per - 1, -1, -1, dtype=np.uint64) * np.uint64(bits), per


def _pack_rows(ranks: RankArray, n_candidates: int) -> npt.NDArray[np.uint64]:
    """``(rows, blocks)`` order-preserving keys of -1 padded rankings."""
    shifts, per = _shifts(n_candidates)
    width = ranks.shape[1]
    keys = np.zeros((ranks.shape[0], max(1, -(-width // per))), dtype=np.uint64)
    for block, col in enumerate(range(0, width, per)):
        # Padding is trailing: rows without a preference at ``col`` keep a zero key here.
        rows = np.flatnonzero(ranks[:, col] != NO_PREFERENCE) if block else slice(None)
        symbols = (ranks[rows, col : col + per] + 1).astype(np.uint64)
        # The fields do not overlap, so their sum is their bitwise OR.
        keys[rows, block] = (symbols << shifts[: symbols.shape[1]]).sum(axis=1, dtype=np.uint64)
    return keys


def _unpack_rows(keys: npt.NDArray[np.uint64], n_candidates: int, width: int) -> RankArray:
    """The rankings that :func:`_pack_rows` packed, ``width`` preferences wide."""
    shifts, per = _shifts(n_candidates)
    mask = np.uint64((1 << _key_layout(n_candidates)[0]) - 1)
    out = np.full((keys.shape[0], width), NO_PREFERENCE, dtype=np.int16)
    step = 1 << 16  # rows at a time, so that temporaries stay in cache
    for block, col in enumerate(range(0, width, per)):
        take = min(per, width - col)
        if block == 0:  # every row has a first key: work on slices, not index lists
            for at in range(0, keys.shape[0], step):
                symbols = (keys[at : at + step, 0, None] >> shifts[:take]) & mask
                # symbol - 1 is the candidate index; an empty field (0) wraps to all ones,
                # which the int16 cast reads as NO_PREFERENCE (-1).
                np.subtract(symbols, 1, out=out[at : at + step, :take], casting="unsafe")
            continue
        rows = np.flatnonzero(keys[:, block])
        for at in range(0, len(rows), step):
            part = rows[at : at + step]
            symbols = (keys[part, block, None] >> shifts[:take]) & mask
            out[part, col : col + take] = symbols.astype(np.int16) - 1
    return out


def _sort_unique_keys(
    keys: npt.NDArray[np.uint64], weights: WeightArray
) -> tuple[npt.NDArray[np.uint64], WeightArray]:
    """Distinct key rows in ascending order, with the weights of equal rows summed.

    Sorts on the first key, then re-sorts only the rows of groups that tie on every key so far:
    most rankings are short, so later keys touch few rows.
    """
    n_rows, blocks = keys.shape
    if n_rows == 0:
        return keys, weights
    order = np.argsort(keys[:, 0], kind="stable")
    column = keys[order, 0]
    boundary = np.ones(n_rows, dtype=bool)
    boundary[1:] = column[1:] != column[:-1]
    active = _tied(boundary)  # sorted positions whose group has more than one row
    for block in range(1, blocks):
        if not len(active):
            break
        column = keys[order[active], block]
        group = np.cumsum(boundary[active]) - 1  # group of each active position
        starts = np.flatnonzero(np.diff(group, prepend=-1))
        low = np.minimum.reduceat(column, starts)
        high = np.maximum.reduceat(column, starts)
        mixed = (low != high)[group]
        if mixed.any():
            pos = np.flatnonzero(mixed)
            sub = pos[np.lexsort((column[pos], group[pos]))]
            order[active[pos]] = order[active[sub]]
            column[pos] = column[sub]
        split = np.zeros(len(active), dtype=bool)
        split[1:] = (column[1:] != column[:-1]) & (group[1:] == group[:-1])
        boundary[active[split]] = True
        # Groups whose rows all end before this block are identical rows: they are done.
        live = (high != 0)[group]
        sub_boundary = boundary[active[live]]
        active = active[live][_tied(sub_boundary)]
    starts = np.flatnonzero(boundary)
    return keys[order[starts]], np.add.reduceat(weights[order], starts)


def _tied(boundary: npt.NDArray[np.bool_]) -> npt.NDArray[np.intp]:
    """Positions (into ``boundary``) that belong to a group of two or more."""
    starts = np.flatnonzero(boundary)
    sizes = np.diff(np.append(starts, len(boundary)))
    return np.flatnonzero(np.repeat(sizes > 1, sizes))
