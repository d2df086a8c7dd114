"""Rankings gathered as packed keys (see :mod:`teller.model`), stored sparsely, then turned into a
canonical :class:`~teller.model.Profile`.

Most rankings are short enough for the first 64-bit key to hold them whole ("short" rows); only
the few longer ones need more keys. Short rows are kept as one uint64 each (and no weight at all
while every weight is 1, as in one-ballot-per-line files), so ten million ballots cost about
80 MB here, and they are de-duplicated with a plain sort and run lengths.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from teller.model import NO_PREFERENCE, Profile, _key_layout, _sort_unique_keys, _unpack_rows

Keys = npt.NDArray[np.uint64]
Ints = npt.NDArray[np.int64]

MERGE_ROWS = 1 << 25
"""Rows gathered before they are de-duplicated (bounds memory on very large files)."""


class KeySet:
    """Short rows (one key) and long rows (several keys), each with weights."""

    def __init__(self, n_candidates: int) -> None:
        self.n = n_candidates
        self.per = _key_layout(n_candidates)[1]
        self.short: list[Keys] = []
        self.short_weights: list[Ints | None] = []  # None: every weight is 1
        self.long: list[Keys] = []
        self.long_weights: list[Ints] = []
        self.rows = 0
        self.width = 0

    def add(self, key0: Keys, weights: Ints | None, lengths: Ints, long_keys: Keys) -> None:
        """Rows given by their first key, weights (None = all 1) and lengths; ``long_keys``
        holds all the keys of the rows longer than one key can hold, in row order."""
        if not len(key0):
            return
        self.width = max(self.width, int(lengths.max()))
        long = lengths > self.per
        if len(long_keys):
            self.long.append(long_keys)
            self.long_weights.append(
                np.ones(len(long_keys), np.int64) if weights is None else weights[long]
            )
            key0 = key0[~long]
            weights = None if weights is None else weights[~long]
        if weights is not None and bool((weights == 1).all()):
            weights = None
        self.short.append(key0)
        self.short_weights.append(weights)
        self.rows += len(key0)
        if self.rows > MERGE_ROWS and len(self.short) > 1:
            self._merge_short()

    def add_dense(self, keys: Keys, weights: Ints, lengths: Ints) -> None:
        """Rows given as ``(rows, blocks)`` keys."""
        self.add(np.ascontiguousarray(keys[:, 0]), weights, lengths, keys[lengths > self.per])

    def _merge_short(self) -> None:
        keys = np.concatenate(self.short) if self.short else np.zeros(0, np.uint64)
        if all(w is None for w in self.short_weights):
            keys.sort()
            starts = _run_starts(keys)
            summed = np.diff(np.append(starts, len(keys)))
        else:
            weights = np.concatenate(
                [
                    np.ones(len(k), np.int64) if w is None else w
                    for k, w in zip(self.short, self.short_weights, strict=True)
                ]
            )
            order = np.argsort(keys, kind="stable")
            keys = keys[order]
            starts = _run_starts(keys)
            summed = np.add.reduceat(weights[order], starts) if len(keys) else weights
        self.short, self.short_weights = [keys[starts]], [summed.astype(np.int64)]
        self.rows = len(starts)

    def _merge_long(self) -> tuple[Keys, Ints]:
        if not self.long:
            return np.zeros((0, 2), np.uint64), np.zeros(0, np.int64)
        blocks = max(k.shape[1] for k in self.long)
        keys = np.zeros((sum(len(k) for k in self.long), blocks), dtype=np.uint64)
        at = 0
        for part in self.long:
            keys[at : at + len(part), : part.shape[1]] = part
            at += len(part)
        return _sort_unique_keys(keys, np.concatenate(self.long_weights))

    def profile(self) -> Profile:
        """The canonical profile: distinct rankings in lexicographic order with their counts."""
        self._merge_short()
        short_keys, short_weights = self.short[0], self.short_weights[0]
        assert short_weights is not None
        long_keys, long_weights = self._merge_long()
        # A short row sorts before a long one with the same first key (its later keys are 0).
        long_at = np.searchsorted(short_keys, long_keys[:, 0], side="right")
        long_at += np.arange(len(long_at))
        total = len(short_keys) + len(long_keys)
        is_long = np.zeros(total, dtype=bool)
        is_long[long_at] = True
        rankings = np.full((total, self.width), NO_PREFERENCE, dtype=np.int16)
        rankings[~is_long, : min(self.per, self.width)] = _unpack_rows(
            short_keys[:, None], self.n, min(self.per, self.width)
        )
        if len(long_keys):
            rankings[long_at] = _unpack_rows(long_keys, self.n, self.width)
        weights = np.empty(total, dtype=np.int64)
        weights[~is_long] = short_weights
        weights[long_at] = long_weights
        return Profile(self.n, rankings, weights)


def _run_starts(sorted_keys: Keys) -> Ints:
    """Index of the first element of each run of equal values."""
    if not len(sorted_keys):
        return np.zeros(0, np.int64)
    change = np.flatnonzero(sorted_keys[1:] != sorted_keys[:-1]) + 1
    return np.concatenate(([0], change)).astype(np.int64)
