"""Command line entry point. Stays light: each command imports what it needs when it runs.

stdout carries the data a command produces (JSON, YAML, Markdown, summaries); diagnostics go to
stderr as `FILE:LINE: field: message`. Exit codes live in `advisor.errors.ExitCode`.
"""

from __future__ import annotations

import sys

from advisor import __version__

TYPE_CHECKING = False  # not `from typing import ...`: importing typing alone costs a quarter of the floor
if TYPE_CHECKING:  # argparse and friends load only when a command runs: `--version` stays at the floor
    import argparse
    from collections.abc import Sequence

# Each module under advisor/commands defines `register(subparsers)`; keep this list in help order.
COMMANDS = ("decide", "explain", "interview", "adr", "check", "org", "rules", "schema")


def build_parser() -> argparse.ArgumentParser:
    import argparse
    import importlib

    parser = argparse.ArgumentParser(
        prog="advisor",
        description="Decide how to deploy the service mode (SPEC-0006), and write the ADR and a deployment skeleton.",
    )
    parser.add_argument("--version", action="version", version=f"advisor {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"advisor.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list in (["--version"], ["-V"]):  # the fast path: no parser, no imports
        print(f"advisor {__version__}")
        return 0
    from advisor.errors import AdvisorError, ExitCode

    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        if sys.stdin.isatty() and sys.stdout.isatty() and not args_list:
            args = parser.parse_args(["interview"])
        else:
            parser.print_help(sys.stderr)
            return ExitCode.USAGE
    streams = sys.stdout, sys.stderr
    if args.command != "interview":  # the interview draws its own screen; everything else prints repository text
        from advisor.textout import EscapingStream

        sys.stdout, sys.stderr = EscapingStream(sys.stdout), EscapingStream(sys.stderr)
    try:
        return int(args.func(args))
    except AdvisorError as exc:
        for problem in exc.problems:
            print(str(problem), file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        print("advisor: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPT
    except BrokenPipeError:
        return ExitCode.OK
    finally:
        sys.stdout, sys.stderr = streams
