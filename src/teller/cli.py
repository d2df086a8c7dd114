"""The ``teller`` command line: a thin face over the library.

Every command calls the library; errors are translated to messages in one place
(:func:`main`): a ``FILE:LINE: problem`` line on stderr and exit status 2 for bad input, never a
traceback. Output files are written atomically, so a failed command leaves nothing behind.
Heavy modules (NumPy, Rich, Jinja2) are imported only by the commands that need them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3

METHOD_CHOICES = ("fptp", "block", "sv", "irv", "stv", "dhondt", "sainte-lague", "pr-cl", "ams")
SHEET_CHOICES = ("text", "json", "csv", "html", "account")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="teller",
        description="Count UK-style elections exactly to their rules, and check counts.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    c = sub.add_parser("count", help="count a ballot file and print its result sheet")
    c.add_argument("ballots", help="ballot file (blt, soi, toi, csv, dat, table; or region json)")
    c.add_argument("--method", "-m", required=True, choices=METHOD_CHOICES)
    c.add_argument("--rules", "-r", help="rule set within the method (see `teller methods`)")
    c.add_argument("--seats", "-s", type=int, help="seats to fill (default: from the file, or 1)")
    c.add_argument("--format", "-f", default="text", choices=SHEET_CHOICES, dest="sheet")
    c.add_argument("--output", "-o", help="write here instead of standard output")
    c.add_argument("--input-format", help="ballot file format (default: detected)")
    c.add_argument("--seed", type=int, help="seed for any lot the rules require (recorded)")
    c.add_argument("--title", help="contest title for the result sheet")
    c.add_argument("--election-id", help="Democracy Club election id")
    c.add_argument("--electorate", type=int, help="registered electors (for turnout)")
    c.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="rule option, e.g. bulk_exclusion=true (repeatable)",
    )
    c.add_argument("--arithmetic", help="override arithmetic where the rule set allows it")
    c.add_argument("--engine", choices=("auto", "reference", "fast"), default="auto")

    v = sub.add_parser("verify", help="check a JSON count record independently")
    v.add_argument("record", help="a teller-count/1 JSON record")

    r = sub.add_parser("render", help="render a JSON count record as a result sheet")
    r.add_argument("record")
    r.add_argument("--format", "-f", default="text", choices=SHEET_CHOICES, dest="sheet")
    r.add_argument("--output", "-o")

    cv = sub.add_parser("convert", help="convert a ballot file to another format")
    cv.add_argument("source")
    cv.add_argument("target")
    cv.add_argument("--from", dest="from_fmt", help="source format (default: detected)")
    cv.add_argument("--to", dest="to_fmt", help="target format (default: by extension)")

    sub.add_parser("methods", help="list methods and rule sets with their sources")
    sub.add_parser("demo", help="count bundled real elections and print their result sheets")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point. Returns the exit status (also used by tests)."""
    from teller.errors import InputError, TellerError

    args = _parser().parse_args(argv)
    handler = {
        "count": _cmd_count,
        "verify": _cmd_verify,
        "render": _cmd_render,
        "convert": _cmd_convert,
        "methods": _cmd_methods,
        "demo": _cmd_demo,
    }[args.command]
    try:
        return handler(args)
    except InputError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    except TellerError as exc:
        print(f"teller: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        where = exc.filename or "teller"
        print(f"{where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("teller: interrupted; nothing written", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so plainly, keep the traceback for developers
        if os.environ.get("TELLER_DEBUG"):
            raise
        print(
            f"teller: internal error ({type(exc).__name__}: {exc}); "
            "set TELLER_DEBUG=1 for a traceback and please report it",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


# -- commands -----------------------------------------------------------------------------------


def _emit(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from teller.io import atomic_write

    atomic_write(output, text)


def _parse_options(pairs: Sequence[str]) -> dict[str, Any]:
    from teller.errors import TellerError

    options: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key:
            raise TellerError(f"--option {pair!r}: expected KEY=VALUE")
        value: Any = raw
        if raw.lower() in ("true", "yes", "on"):
            value = True
        elif raw.lower() in ("false", "no", "off"):
            value = False
        elif raw.lstrip("-").isdigit():
            value = int(raw)
        options[key.strip().replace("-", "_")] = value
    return options


def _cmd_count(args: argparse.Namespace) -> int:
    from teller.cliutil import load_for_count, run_count
    from teller.sheets import render

    contest, profile, notes = load_for_count(args)
    record, drawn_seed = run_count(contest, profile, args)
    if drawn_seed is not None:
        print(
            f"teller: a tie was settled by lot; seed {drawn_seed} was drawn and is recorded "
            f"(repeat with --seed {drawn_seed})",
            file=sys.stderr,
        )
    for note in notes:
        print(f"teller: {note}", file=sys.stderr)
    _emit(render(record, args.sheet), args.output)
    return EXIT_OK


def _cmd_verify(args: argparse.Namespace) -> int:
    from teller.verify import verify_file

    findings = verify_file(args.record)
    if not findings:
        print(f"{args.record}: the record holds")
        return EXIT_OK
    for f in findings:
        where = f"stage {f.stage}" if f.stage is not None else "record"
        print(f"{args.record}: {where}: {f.check}: {f.message}")
    print(f"{args.record}: {len(findings)} finding(s)")
    return EXIT_FINDINGS


def _cmd_render(args: argparse.Namespace) -> int:
    import json

    from teller.errors import InputError
    from teller.recordjson import record_from_dict
    from teller.sheets import render

    path = Path(args.record)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", path=str(path), line=exc.lineno) from exc
    try:
        record = record_from_dict(data)
    except ValueError as exc:
        raise InputError(str(exc), path=str(path)) from exc
    _emit(render(record, args.sheet), args.output)
    return EXIT_OK


def _cmd_convert(args: argparse.Namespace) -> int:
    from teller.io import read_ballots, write_ballots

    ballots = read_ballots(args.source, fmt=args.from_fmt)
    write_ballots(args.target, ballots, args.to_fmt)
    print(
        f"{args.source} ({ballots.fmt}) -> {args.target}: {ballots.profile.total} ballots, "
        f"{len(ballots.profile)} distinct rankings",
        file=sys.stderr,
    )
    return EXIT_OK


def _cmd_methods(args: argparse.Namespace) -> int:
    from teller.cliutil import print_methods

    print_methods()
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    from teller.demo import run_demo

    return run_demo()


def run() -> None:
    """The console entry point: :func:`main`, then an immediate exit.

    Everything a command writes is complete and closed when :func:`main` returns (output files
    are renamed into place by :func:`teller.io.atomic_write`), so what is left is the
    interpreter's own shutdown: tearing down NumPy and every module and freeing the ballot
    arrays, measured at 20-40 ms of a 0.35 s count of a million ballots (docs/performance.md).
    Standard output and error are flushed here; a failed flush (a full disk, say) is reported
    and turns the exit status to 2. A reader that closed the pipe early (``| head``) is not an
    error of the count's, so it changes nothing.
    """
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    except OSError as exc:
        print(f"teller: could not write standard output: {exc.strerror or exc}", file=sys.stderr)
        code = EXIT_BAD_INPUT
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
