"""`advisor interview`: the Textual interview; it needs a terminal, `decide` is the scripted path."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.commands import add_output_options


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "interview",
        help="answer the questions in a terminal UI; preview and write the ADR and skeleton",
        description="Walk through the decision in a terminal UI, see the recommendation live, preview the ADR "
        "and the files, and write the same files as `advisor decide`.",
    )
    parser.add_argument("--answers", type=Path, metavar="FILE", help="answers file to pre-fill (resume or revise)")
    add_output_options(parser)
    parser.add_argument(
        "--save",
        type=Path,
        metavar="FILE",
        help="where to save the answers (default: the --answers file, else advisor-answers.yaml)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from advisor.errors import ExitCode

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(
            "advisor interview: needs an interactive terminal; without one, use `advisor decide --answers FILE`",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    from advisor.commands import configured
    from advisor.tui.persist import Settings

    project = configured(args)  # the config's rule folders and ADR folder, as `advisor decide` reads them
    answers = None
    if args.answers is not None:
        from advisor.answers import load_answers

        answers = load_answers(args.answers)
    settings = Settings(
        out_dir=args.out,
        adr_dir=args.adr_dir or project.adr_dir,  # the config's is confined as it is read
        rules_dirs=project.rules_dirs,
        date=_date(args.date),
        answers_path=args.answers,
        save_path=args.save or args.answers or Path("advisor-answers.yaml"),
    )
    from advisor.tui.app import InterviewApp

    app = InterviewApp(settings, answers)
    code = app.run()
    for line in app.report_lines:
        print(line)
    return int(code or 0)


def _date(value: str | None):
    """Check `--date` before the UI starts; without it, the app resolves the date after its first paint."""
    if value is None:
        return None
    from advisor.pipeline import resolve_date

    return resolve_date(value)
