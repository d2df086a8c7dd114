"""Deterministic benchmark profiles: a seeded Plackett-Luce model with party blocs and truncation.

Each voter belongs to a party bloc (bloc sizes from a seeded Dirichlet draw). Candidates are
dealt to parties in turn; every candidate has a base popularity, and a voter's own party's
candidates are ``loyalty`` times as attractive. A ranking is a Plackett-Luce draw from those
weights (the Gumbel-max trick: sort log-weight + Gumbel noise), cut after a length drawn as
1 + Geometric(``stop``), with a share of voters (``full``) ranking everyone. Same arguments,
same file, byte for byte.

Files are BLT: aggregated (one line per distinct ranking, with its count; rankings sorted) or one
ballot per line (weight 1, in voter order), for readers that must cope with raw ballot streams.

    python benchmarks/generate.py OUT.blt --ballots 1000000 --candidates 20 --seats 3 [--raw]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

CHUNK = 250_000


@dataclass(frozen=True)
class Spec:
    """One benchmark profile."""

    ballots: int
    """Number of voters."""
    candidates: int
    """Number of candidates."""
    seats: int
    """Vacancies."""
    parties: int = 6
    """Party blocs."""
    loyalty: float = 8.0
    """How much more a voter likes their own party's candidates."""
    stop: float = 0.32
    """Per-preference chance of stopping after the first (truncated rankings)."""
    full: float = 0.03
    """Share of voters who rank every candidate."""
    seed: int = 2026
    """Random seed."""

    def slug(self) -> str:
        return f"b{self.ballots}-c{self.candidates}-s{self.seats}"


def _model(
    spec: Spec,
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    rng = np.random.default_rng([spec.seed, spec.candidates, spec.parties])
    shares = rng.dirichlet(np.full(spec.parties, 2.0))
    party_of = np.arange(spec.candidates) % spec.parties
    base = rng.gamma(1.5, 1.0, size=spec.candidates) * shares[party_of]
    return shares, np.log(base), party_of


def rankings(spec: Spec) -> npt.NDArray[np.int16]:
    """Every voter's ranking, ``(ballots, candidates)`` int16 padded with -1, in voter order."""
    return np.concatenate(list(chunks(spec)), axis=0)


def chunks(spec: Spec):  # type: ignore[no-untyped-def]
    """The rankings in voter order, a chunk of at most :data:`CHUNK` voters at a time."""
    shares, log_base, party_of = _model(spec)
    n = spec.candidates
    loyal = np.log(spec.loyalty) * (party_of[None, :] == np.arange(spec.parties)[:, None])
    done = 0
    index = 0
    while done < spec.ballots:
        size = min(CHUNK, spec.ballots - done)
        rng = np.random.default_rng([spec.seed, index, n, spec.ballots])
        bloc = rng.choice(spec.parties, size=size, p=shares)
        keys = log_base[None, :] + loyal[bloc] + rng.gumbel(size=(size, n))
        order = np.argsort(-keys, axis=1, kind="stable").astype(np.int16)
        length = np.minimum(rng.geometric(spec.stop, size=size), n)
        length[rng.random(size) < spec.full] = n
        cols = np.arange(n)[None, :]
        order[cols >= length[:, None]] = -1
        yield order
        done += size
        index += 1


def _ballot_lines(ranks: npt.NDArray[np.int16], weights: npt.NDArray[np.int64]) -> bytes:
    """BLT ballot lines ``w c1 c2 ... 0`` (candidates from 1)."""
    out = []
    for row, w in zip(ranks.tolist(), weights.tolist(), strict=True):
        prefs = " ".join(str(c + 1) for c in row if c >= 0)
        out.append(f"{w} {prefs} 0\n" if prefs else f"{w} 0\n")
    return "".join(out).encode()


def _names(spec: Spec) -> list[str]:
    party_of = np.arange(spec.candidates) % spec.parties
    return [f'"Candidate {i + 1:03d} (P{party_of[i] + 1})"' for i in range(spec.candidates)]


def write(spec: Spec, path: Path, *, raw: bool) -> None:
    """Write the profile to ``path`` as BLT (aggregated unless ``raw``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        f.write(f"{spec.candidates} {spec.seats}\n".encode())
        if raw:
            for block in chunks(spec):
                f.write(_ballot_lines(block, np.ones(block.shape[0], np.int64)))
        else:
            counts: dict[bytes, int] = {}
            width = spec.candidates
            for block in chunks(spec):
                uniq, n = np.unique(block, axis=0, return_counts=True)
                for key, c in zip(map(bytes, uniq), n.tolist(), strict=True):
                    counts[key] = counts.get(key, 0) + c
            keys = sorted(counts)
            ranks = np.frombuffer(b"".join(keys), dtype=np.int16).reshape(len(keys), width)
            f.write(_ballot_lines(ranks, np.array([counts[k] for k in keys], np.int64)))
        f.write(b"0\n")
        f.write(("\n".join(_names(spec)) + "\n").encode())
        f.write(f'"Benchmark {spec.slug()}"\n'.encode())
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("out", type=Path)
    p.add_argument("--ballots", type=int, required=True)
    p.add_argument("--candidates", type=int, required=True)
    p.add_argument("--seats", type=int, required=True)
    p.add_argument("--raw", action="store_true", help="one ballot per line")
    p.add_argument("--seed", type=int, default=Spec.seed)
    a = p.parse_args(argv)
    write(Spec(a.ballots, a.candidates, a.seats, seed=a.seed), a.out, raw=a.raw)
    return 0


if __name__ == "__main__":
    sys.exit(main())
