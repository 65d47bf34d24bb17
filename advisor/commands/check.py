"""`advisor check`: lint the ADR log and report drift between answers, ADRs and generated files (for CI)."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.commands import add_adr_dir_option, add_rules_option


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "check",
        help="lint the ADR log and drift of answers, ADRs and generated files (exit 1 on errors)",
        description=(
            "Check the ADR log (numbers, links, statuses, dates) and drift: accepted advisor ADRs whose answers now "
            "decide differently, answers files changed since, generated files edited. Each finding has a rule id "
            "(ADR001 ...) and a severity, tuned in .advisor.yaml or [tool.advisor] (docs/ci.md). "
            "Exit 0 clean or warnings only, 1 errors, 2 usage error."
        ),
    )
    add_adr_dir_option(parser)
    add_rules_option(parser)
    parser.add_argument(
        "--root", type=Path, default=None, metavar="DIR", help="repository root: config and recorded paths (default: .)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("deploy"),
        metavar="DIR",
        help="skeleton folder whose advisor.lock.yaml lists the generated files (default: deploy, under --root)",
    )
    parser.add_argument("--config", type=Path, metavar="FILE", help="config file (default: .advisor.yaml, pyproject)")
    parser.add_argument("--strict", action="store_true", help="warnings count as errors")
    parser.add_argument("--format", choices=("text", "json", "github"), default="text", help="output (default: text)")
    parser.add_argument("--json", action="store_true", help="same as --format json")
    parser.add_argument(
        "--branches",
        action="store_true",
        help="also report numbers that another local or remote-tracking branch uses for a different record",
    )
    parser.add_argument("--init", action="store_true", help="write .advisor.yaml so today's log passes; never replaces")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from advisor.adr.lint.output import render, summary
    from advisor.adr.log import find_adr_dir
    from advisor.checking import check_repository
    from advisor.commands import configured
    from advisor.confine import root as confined_root
    from advisor.errors import ExitCode, InputError, Problem
    from advisor.textout import escape

    root = (args.root or Path.cwd()).resolve()
    if not root.is_dir():
        raise InputError([Problem(str(root), "--root is not a folder")])
    if args.config is not None and not args.config.is_file():
        raise InputError([Problem(str(args.config), "config file not found")])
    project = configured(args, root)
    config = project.config
    fmt = "json" if args.json else args.format
    folder = find_adr_dir(adr_dir=args.adr_dir, configured=config.adr_dir, base_dir=root)
    out = confined_root(root / args.out, root, "the skeleton folder (--out)", from_user=True)
    checked = check_repository(
        root, folder, out, config, project.rules_dirs, strict=args.strict, branches=args.branches
    )
    log = checked.log
    if log is None:
        if args.adr_dir is not None or config.adr_dir is not None:
            raise InputError([Problem(str(folder), "ADR folder not found")])
        print(f"no ADR folder ({escape(str(folder))}); nothing to check", file=sys.stderr)
        print(render([], fmt, 0), end="")
        return ExitCode.OK
    if args.init:
        from advisor.adr.lint.apply import tune

        return _init(args, root, folder, log, tune(checked.raw, log, config))
    findings = checked.findings
    output = render(findings, fmt, len(log.records), root)
    write = getattr(sys.stdout, "commands", None) if fmt == "github" else None  # lines that are commands on purpose
    (write or sys.stdout.write)(output)
    print(summary(findings, len(log.records)), file=sys.stderr)
    return ExitCode.FINDINGS if any(f.severity == "error" for f in findings) else ExitCode.OK


def _init(args: argparse.Namespace, root: Path, folder: Path, log, findings) -> int:
    from advisor.adr.lint.init import config_data, write_config

    try:
        relative = folder.resolve().relative_to(root).as_posix() if args.adr_dir is not None else None
    except ValueError:
        relative = None
    from dataclasses import replace

    from advisor.shown import shown
    from advisor.textout import escape

    target = write_config(root, config_data(log, findings, relative))
    print(f"wrote {escape(shown(target, root))}")
    for finding in findings:
        print(f"{replace(finding, file=shown(finding.file, root))}".replace(": error: ", ": warning: "))
    return 0
