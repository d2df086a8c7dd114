"""Write large synthetic BLT files for timing the reader (not a test; run by hand).

    python tests/io/make_big_blt.py OUT.blt --ballots 10000000 --candidates 60 --mean-length 4

Rankings follow a Plackett-Luce model with Zipf-like candidate popularity (the first few
candidates are much more popular, as in real elections), truncated at a geometric length with the
given mean (at least 1, at most all candidates). One ballot per line, weight 1, unless
``--distinct`` is given: then every ranking is a random permutation prefix, so nearly all differ.
"""

from __future__ import annotations

import argparse

import numpy as np


def rankings(
    rng: np.random.Generator, rows: int, n: int, mean: float, distinct: bool
) -> np.ndarray:
    if distinct:
        lengths = rng.integers(1, n + 1, rows)
        scores = rng.random((rows, n))
    else:
        lengths = np.minimum(rng.geometric(1 / mean, rows), n)
        popularity = 1 / np.arange(1, n + 1) ** 0.8
        scores = np.log(popularity / popularity.sum()) + rng.gumbel(size=(rows, n))
    order = np.argsort(-scores, axis=1) + 1
    order[np.arange(n)[None, :] >= lengths[:, None]] = 0
    return order


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--ballots", type=int, default=1_000_000)
    ap.add_argument("--candidates", type=int, default=20)
    ap.add_argument("--seats", type=int, default=3)
    ap.add_argument("--mean-length", type=float, default=4.0)
    ap.add_argument("--distinct", action="store_true")
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    n = args.candidates
    words = [f" {c}".encode() for c in range(n + 1)]
    with open(args.out, "wb") as out:
        out.write(f"{n} {args.seats}\n".encode())
        for at in range(0, args.ballots, 200_000):
            rows = rankings(
                rng, min(200_000, args.ballots - at), n, args.mean_length, args.distinct
            )
            out.write(
                b"".join(
                    b"1" + b"".join(words[c] for c in row if c) + b" 0\n" for row in rows.tolist()
                )
            )
        out.write(b"0\n")
        for c in range(1, n + 1):
            out.write(f'"Candidate {c}"\n'.encode())
        out.write(b'"Synthetic election"\n')


if __name__ == "__main__":
    main()
