"""`advisor org list|check|impact|apply|site ROOT...`: every service's decision, across many repositories."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.commands import add_rules_option

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
    listing = org_sub.add_parser(
        "list",
        help="one row per service: owner, ADR in force, decisions, check counts",
        description="One row per service under ROOT: name, owner, folder, the ADR in force, every decision, the "
        "scenarios, the advisor and rule-set versions, and how many errors and warnings `advisor check` finds. "
        "Exit 1 when a service has errors (`advisor org check` lists them).",
    )
    fmt = listing.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print JSON on stdout")
    fmt.add_argument("--csv", action="store_true", help="print CSV on stdout")
    listing.set_defaults(func=_runner("run_list"))
    check = org_sub.add_parser(
        "check",
        help="`advisor check` in every service; exit 1 on any error",
        description="`advisor check` in every service, each with its own config and rule folders; paths relative "
        "to ROOT, so GitHub annotations land on the file in a monorepo. Exit 1 on any error.",
    )
    check.add_argument("--format", choices=("text", "json", "github"), default="text", help="output (default: text)")
    check.add_argument("--strict", action="store_true", help="warnings count as errors")
    check.set_defaults(func=_runner("run_check"))
    impact = org_sub.add_parser(
        "impact",
        help="what a change of the organisation's rules would change, service by service (exit 1 if any)",
        description="Decide the answers each service's ADR in force records under the rules it is configured "
        "with, and again under the proposal; list every decision that moves (with the rule and the answers "
        "behind it), obligations and warnings that appear or go, and a summary per decision. Services that "
        "cannot be compared are listed as skipped. Exit 0 when nothing changes, 1 when something does.",
    )
    _proposal(impact)
    impact.add_argument("--json", action="store_true", help="print JSON on stdout")
    impact.set_defaults(func=_runner("run_impact"))
    apply = org_sub.add_parser(
        "apply",
        help="in each service impact lists, what `advisor decide` does with the new rules; never pushes",
        description="In each service `org impact` lists: copy the rule folder into the repository when it is "
        "outside it, name it in the config's `rules:`, and write what `advisor decide` writes (the superseding "
        "ADR, the merged skeleton, the lock). A service whose working tree is not clean, whose answers changed "
        "since its ADR, or whose merge would conflict is skipped and left as it was. With --branch, each "
        "repository gets the branch from HEAD and one commit per service. Nothing is pushed.",
    )
    _proposal(apply)
    apply.add_argument("--branch", metavar="NAME", help="create NAME from HEAD in each repository; one commit each")
    apply.add_argument("--dry-run", action="store_true", help="say what would be done; write nothing")
    apply.add_argument("--date", metavar="YYYY-MM-DD", help="decision date (default: SOURCE_DATE_EPOCH, else today)")
    apply.set_defaults(func=_runner("run_apply"))
    site = org_sub.add_parser(
        "site",
        help="one offline site over every service's ADR log, with a decision matrix",
        description="One static site over every service's ADR log, built like `advisor adr site`: a home page "
        "with the service x decision matrix (filters by owner, decision and value), a page per service and per "
        "decision, every record page, one search across all services. Opens from file://.",
    )
    site.add_argument("--out", type=Path, required=True, metavar="DIR", help="the site's folder, rebuilt whole")
    site.add_argument("--title", default="Architecture decisions across the organisation", help="the site's title")
    site.set_defaults(func=_runner("run_site"))
    for child in (listing, check, impact, apply, site):
        child.add_argument("roots", nargs="+", type=Path, metavar="ROOT", help=ROOTS_HELP)
    for child in (listing, check, impact, site):
        child.add_argument(
            "--jobs",
            type=_jobs,
            default=None,
            metavar="N",
            help="worker processes that read the services (default: the cores this process may use, at most 8)",
        )


def _jobs(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 64:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes from 1 to 64")
    return int(value)


def _proposal(parser: argparse.ArgumentParser) -> None:
    add_rules_option(parser, "a proposed rule folder, added to each service's configured ones (repeatable)")
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="a proposed config: the rule folders its `rules:` names replace each service's",
    )


def _runner(name: str):
    """The command's function, imported when it runs (`advisor --help` loads this module)."""

    def run(args: argparse.Namespace) -> int:
        from advisor.commands import org_run

        return getattr(org_run, name)(args)

    return run
