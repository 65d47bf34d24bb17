"""`advisor org list|check|impact|apply|site ROOT...`: every service's decision, across many repositories."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.commands import print_json

ROOTS_HELP = "folders holding the services: a monorepo, or a folder of cloned repositories"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "org",
        help="every service's decision under one or more folders: list, check, impact of a rule change, apply, site",
        description="The organisation's view: find the services under ROOT (advisor.lock.yaml, an ADR log, or a "
        "Backstage catalog-info.yaml), list their decisions, check them, preview what a change of the "
        "organisation's rules would change, apply it service by service, and publish one site.",
    )
    org_sub = parser.add_subparsers(dest="org_command", metavar="SUBCOMMAND", required=True)
    listing = org_sub.add_parser("list", help="one row per service: owner, ADR in force, decisions, check counts")
    fmt = listing.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON on stdout")
    fmt.add_argument("--csv", action="store_true", help="print CSV on stdout")
    listing.set_defaults(func=run_list)
    check = org_sub.add_parser("check", help="`advisor check` in every service; exit 1 on any error")
    check.add_argument("--format", choices=("text", "json", "github"), default="text", help="output (default: text)")
    check.add_argument("--strict", action="store_true", help="warnings count as errors")
    check.set_defaults(func=run_check)
    for child in (listing, check):
        child.add_argument("roots", nargs="+", type=Path, metavar="ROOT", help=ROOTS_HELP)


def run_list(args: argparse.Namespace) -> int:
    import sys

    from advisor.org.listing import row, to_csv, to_text
    from advisor.org.read import read_organisation

    org, states = read_organisation(args.roots)
    rows = [row(state) for state in states]
    if args.json:
        print_json({"services": rows})
    elif args.csv:
        sys.stdout.write(to_csv(rows))
    else:
        sys.stdout.write(to_text(rows) if rows else "")
    return _unreadable(org, states, f"{len(rows)} service(s) under {', '.join(map(str, args.roots))}")


def _unreadable(org, states, done: str) -> int:
    """Say on stderr which services could not be read (ORG rule ids), after what was done: exit 1 if any."""
    import sys

    from advisor.errors import ExitCode
    from advisor.org.checks import org_findings
    from advisor.org.listing import plain

    broken = [f for _, f in org_findings(org, states) if f.code.startswith("ORG")]
    for finding in broken:
        print(plain(finding), file=sys.stderr)
    print(done, file=sys.stderr)
    return ExitCode.FINDINGS if broken else ExitCode.OK


def run_check(args: argparse.Namespace) -> int:
    import sys

    from advisor.errors import ExitCode
    from advisor.org.checks import org_findings, render, summary
    from advisor.org.read import read_organisation

    org, states = read_organisation(args.roots, strict=args.strict)
    items = org_findings(org, states, args.strict)
    sys.stdout.write(render(items, states, args.format))
    print(summary(items, states), file=sys.stderr)
    return ExitCode.FINDINGS if any(f.severity == "error" for _, f in items) else ExitCode.OK
