"""`advisor decide`: the non-interactive decision, ADR and skeleton."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.commands import add_output_options, print_json


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "decide",
        help="decide from an answers file; write the ADR and deployment skeleton",
        description="Decide from an answers file and write the ADR and the deployment skeleton.",
    )
    parser.add_argument("--answers", type=Path, required=True, metavar="FILE", help="answers file (YAML, schema v1)")
    add_output_options(parser)
    parser.add_argument(
        "--template", metavar="NAME|FILE", help="ADR template: madr (default), nygard, or a Jinja2 file"
    )
    parser.add_argument("--dry-run", action="store_true", help="show what would be written; write nothing")
    parser.add_argument("--json", action="store_true", help="print the decision as JSON on stdout")
    parser.add_argument("--force", action="store_true", help="replace skeleton files that were edited by hand")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from advisor.answers import load_answers
    from advisor.commands import configured
    from advisor.confine import root
    from advisor.errors import ExitCode
    from advisor.pipeline import Options, decide_and_write, resolve_date
    from advisor.pipeline import run as run_pipeline
    from advisor.writer import dry_run_lines

    answers = load_answers(root(args.answers, Path.cwd(), "the answers file (--answers)", from_user=True))
    project = configured(args)
    options = Options(
        out_dir=args.out,
        adr_dir=args.adr_dir,
        configured_adr_dir=project.adr_dir,
        rules_dirs=project.rules_dirs,
        date=resolve_date(args.date),
        template=args.template,
        answers_path=args.answers,
    )
    if args.dry_run:
        from advisor.writer import plan_entries

        result = run_pipeline(answers, options)
        entries = plan_entries(result.plan)  # each file is read and hashed once
        _report(args, result, dry_run_lines(result.plan, entries), entries)
        return ExitCode.OK
    result, report = decide_and_write(answers, options, force=args.force)
    lines = report.lines()
    if report.conflicts:  # the user's files are kept; the exit status says a merge is left to them
        lines.append(f"{len(report.conflicts)} file(s) need a hand merge: resolve FILE.new into FILE, then delete it")
    _report(args, result, lines)
    return ExitCode.FINDINGS if report.conflicts else ExitCode.OK


def _report(args: argparse.Namespace, result, lines: list[str], plan: list[dict] | None = None) -> None:
    import sys

    if args.json:  # a dry run adds the plan: each file's status and the facts that changed it
        data = result.decision.to_json(result.what_if)
        print_json({**data, "plan": plan} if plan is not None else data)
        stream = sys.stderr
    else:
        from advisor.explain import summary

        print(summary(result.decision))
        stream = sys.stdout
    from advisor.textout import escape

    for message in result.messages:
        print(escape(message), file=stream)
    for line in lines:
        print(line, file=stream)
