"""`advisor check`: lint the ADR log and report drift between answers, ADRs and generated files (for CI)."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.commands import add_adr_dir_option, add_rules_option, print_json


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "check",
        help="check the ADR log and drift of answers, ADRs and generated files (exit 1 on findings)",
        description=(
            "Check the ADR log (numbers, statuses, dates, supersede links) and drift: accepted advisor ADRs whose "
            "answers now decide differently, answers files changed since, generated files edited. "
            "Exit 0 clean, 1 findings, 2 usage error."
        ),
    )
    add_adr_dir_option(parser)
    add_rules_option(parser)
    parser.add_argument(
        "--root",
        type=Path,
        default=None,
        metavar="DIR",
        help="repository root the ADRs' paths are relative to (default: .)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("deploy"),
        metavar="DIR",
        help="skeleton folder whose advisor.lock.yaml lists the generated files (default: deploy, under --root)",
    )
    parser.add_argument("--strict", action="store_true", help="hand-edited generated files are errors, not warnings")
    parser.add_argument("--json", action="store_true", help="print findings as JSON on stdout")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from advisor.adr.checks import check_drift, check_log
    from advisor.adr.log import find_adr_dir, load_log
    from advisor.errors import ExitCode, InputError, Problem

    root = (args.root or Path.cwd()).resolve()
    if not root.is_dir():
        raise InputError([Problem(str(root), "--root is not a folder")])
    folder = find_adr_dir(adr_dir=args.adr_dir, base_dir=root)
    if not folder.is_dir():
        if args.adr_dir is not None:
            raise InputError([Problem(str(folder), "ADR folder not found")])
        print(f"no ADR folder ({folder}); nothing to check", file=sys.stderr)
        if args.json:
            print_json({"findings": [], "errors": 0, "warnings": 0})
        return ExitCode.OK
    from advisor.lock_check import lock_drift

    log = load_log(folder)
    lock, file_findings = lock_drift(root / args.out, strict=args.strict)
    locked = frozenset([lock.adr_id]) if lock else frozenset()
    findings = check_log(log) + check_drift(log, root, tuple(args.rules_dirs), args.strict, locked) + file_findings
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    if args.json:
        print_json({"findings": [f.to_json() for f in findings], "errors": errors, "warnings": warnings})
    else:
        for finding in findings:
            print(finding)
        print(f"{len(log.records)} records: {errors} errors, {warnings} warnings", file=sys.stderr)
    return ExitCode.FINDINGS if errors else ExitCode.OK
