"""Helpers behind the CLI commands: loading with a progress bar, counting, listing methods.

Kept apart from :mod:`teller.cli` so the argument parser stays small and fast to import.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from teller.errors import LotRequired
from teller.model import Contest, ElectionId, Profile
from teller.record import CountRecord

PROGRESS_MIN_BYTES = 8 * 1024 * 1024
"""Files smaller than this load too fast for a progress bar to help."""
TUNE_MEMORY_BYTES = 1024 * 1024
"""Files at least this big are read with the allocator tuned for reuse (:mod:`teller.memory`)."""


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


@contextmanager
def progress_bar(path: Path) -> Iterator[Callable[[int, int], None] | None]:
    """A Rich progress bar on a terminal for long reads; None otherwise."""
    size = _size(path)
    if size < PROGRESS_MIN_BYTES or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=_stderr_console(),
        transient=True,
    ) as bar:
        task = bar.add_task(f"reading {path.name}", total=size)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def load_for_count(args: argparse.Namespace) -> tuple[Contest, Profile, list[str]]:
    """Read the ballot file and build the contest the command line describes."""
    from teller.cli import _parse_options
    from teller.io import read_ballots

    path = Path(args.ballots)
    notes: list[str] = []
    if _is_region(path, args.input_format):
        # A list region (teller-region/1): list votes and constituency results, not rankings.
        from teller.io.region import read_region_ballots

        contest, profile = read_region_ballots(path)
    else:
        if _size(path) >= TUNE_MEMORY_BYTES:
            from teller.memory import keep_freed_memory

            keep_freed_memory()
        with progress_bar(path) as progress:
            ballots = read_ballots(path, fmt=args.input_format, progress=progress)
        contest, profile = ballots.contest, ballots.profile
        notes.extend(ballots.notes)
        if ballots.rejected:
            notes.append(f"{ballots.rejected} ballot(s) rejected while reading {path.name}")
    rules = args.rules
    if rules is None and contest.method == args.method:
        rules = contest.rules  # the file names its own rule set (e.g. london-1999)
    changes: dict[str, Any] = {"method": args.method, "rules": rules}
    if args.seats is not None:
        changes["seats"] = args.seats
    if args.title:
        changes["title"] = args.title
    if args.election_id:
        changes["election_id"] = ElectionId.parse(args.election_id)
    if args.electorate is not None:
        changes["electorate"] = args.electorate
    options = _parse_options(args.option)
    if options:
        changes["options"] = {**contest.options, **options}
    return contest.replace(**changes), profile, notes


def _is_region(path: Path, fmt: str | None) -> bool:
    if fmt == "region":
        return True
    if fmt is not None or path.suffix.lower() != ".json":
        return False  # only JSON files can be regions; skip loading the list rule sets
    from teller.io.region import looks_like_region

    return looks_like_region(path)


def run_count(
    contest: Contest, profile: Profile, args: argparse.Namespace
) -> tuple[CountRecord, int | None]:
    """Count; if a lot is needed and no seed was given, draw a seed, record it, count again.

    Returns the record and the seed drawn here (None when the user gave one or none was needed),
    so that records stay identical run to run whenever no lot is involved.
    """
    from teller.arithmetic import Arithmetic
    from teller.count import count

    kwargs: dict[str, Any] = {}
    if args.arithmetic:
        kwargs["arithmetic"] = Arithmetic.parse(args.arithmetic)
    if getattr(args, "engine", "auto") != "auto":
        kwargs["engine"] = args.engine
    try:
        return count(contest, profile, seed=args.seed, **kwargs), None
    except LotRequired:
        if args.seed is not None:
            raise
    seed = secrets.randbelow(10**9)
    return count(contest, profile, seed=seed, **kwargs), seed


def print_methods() -> None:
    """A table of every method and rule set with its legal or published source."""
    from rich.console import Console
    from rich.table import Table

    from teller.count import rule_sets

    table = Table(title="teller methods and rule sets", show_lines=True)
    table.add_column("method", style="bold")
    table.add_column("rules")
    table.add_column("arithmetic")
    table.add_column("what")
    table.add_column("source")
    for rs in rule_sets():
        name = rs.name + (" (default)" if rs.default else "")
        if rs.aliases:
            name += "\naka " + ", ".join(rs.aliases)
        table.add_row(rs.method, name, rs.arithmetic.describe(), rs.title, rs.source)
    Console().print(table)
