"""What `advisor org list|check|impact|apply|site` do once their arguments are read (advisor/commands/org.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.commands import print_json


def jobs(args: argparse.Namespace) -> int:
    import os

    if args.jobs is not None:
        return args.jobs
    try:
        usable = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        usable = os.cpu_count() or 1
    return max(1, min(usable, 8))


def proposal(args: argparse.Namespace) -> tuple[tuple[Path, ...], bool]:
    """(the proposed folders, whether they replace each service's configured ones); exit 2 when they do not load."""
    from advisor.errors import InputError, Problem
    from advisor.project_config import check_rules

    folders = tuple(args.rules_dirs)
    replace = args.config is not None
    if replace:
        from advisor.adr.lint.config import load_config

        if not args.config.is_file():
            raise InputError([Problem(str(args.config), "config file not found")])
        config = load_config(args.config)
        check_rules(config, tuple(f.path for f in config.rule_folders))
        folders = tuple(f.path for f in config.rule_folders) + folders
    elif not folders:
        raise InputError([Problem("advisor org", "name the proposed rules: --rules DIR (repeatable) or --config FILE")])
    for folder in args.rules_dirs:
        if not folder.is_dir():
            raise InputError([Problem(str(folder), "--rules: rule folder not found")])
    from advisor.ruleset import load_ruleset

    load_ruleset(folders)  # the proposal itself must load: its problems are the platform team's to fix (exit 2)
    return folders, replace


def run_list(args: argparse.Namespace) -> int:
    import sys

    from advisor.org.listing import row, to_csv, to_text
    from advisor.org.read import read_organisation

    org, states = read_organisation(args.roots, jobs=jobs(args))
    rows = [row(state) for state in states]
    if args.json:
        print_json({"services": rows})
    elif args.csv:
        sys.stdout.write(to_csv(rows))
    else:
        sys.stdout.write(to_text(rows) if rows else "")
    return _unreadable(org, states, f"{len(rows)} service(s) under {', '.join(map(str, args.roots))}")


def _unreadable(org, states, done: str) -> int:
    """After what was done, say on stderr which services could not be read (ORG rule ids) and how many have errors
    at all; exit 1 if any has."""
    import sys

    from advisor.errors import ExitCode
    from advisor.org.checks import org_findings
    from advisor.org.listing import plain

    items = org_findings(org, states)
    for _, finding in items:
        if finding.code.startswith("ORG"):
            print(plain(finding), file=sys.stderr)
    print(done, file=sys.stderr)
    failing = {service.path if service else None for service, f in items if f.severity == "error"}
    if failing:
        roots = " ".join(map(str, org.roots))
        print(f"{len(failing)} service(s) with errors: `advisor org check {roots}` lists them", file=sys.stderr)
    return ExitCode.FINDINGS if failing else ExitCode.OK


def run_check(args: argparse.Namespace) -> int:
    import sys

    from advisor.errors import ExitCode
    from advisor.org.checks import org_findings, render, summary
    from advisor.org.read import read_organisation

    org, states = read_organisation(args.roots, strict=args.strict, jobs=jobs(args))
    items = org_findings(org, states, args.strict)
    output = render(items, states, args.format)
    write = getattr(sys.stdout, "commands", None) if args.format == "github" else None  # commands on purpose
    (write or sys.stdout.write)(output)
    print(summary(items, states), file=sys.stderr)
    return ExitCode.FINDINGS if any(f.severity == "error" for _, f in items) else ExitCode.OK


def run_impact(args: argparse.Namespace) -> int:
    import sys

    from advisor.errors import ExitCode
    from advisor.org.impact import Rulesets, impact
    from advisor.org.impact_report import to_json, to_text
    from advisor.org.read import read_organisation
    from advisor.org.workers import map_in_workers

    folders, replace = proposal(args)
    org, states = read_organisation(args.roots, check=False, jobs=jobs(args))
    rulesets = Rulesets()
    impacts = map_in_workers(lambda state: impact(state, folders, replace, rulesets), states, jobs(args))
    label = [str(f) for f in ([args.config] if args.config else []) + list(args.rules_dirs)]
    data = to_json(impacts, label)
    if args.json:
        print_json(data)
    else:
        sys.stdout.write(to_text(data))
    moved = sum(1 for item in impacts if item.changed)
    broken = any(item.rule for item in impacts) or bool(org.findings)
    print(f"{moved} of {len(impacts)} service(s) would change", file=sys.stderr)
    return ExitCode.FINDINGS if moved or broken else ExitCode.OK


def run_apply(args: argparse.Namespace) -> int:
    import sys

    from advisor.errors import ExitCode
    from advisor.org.apply import Request, apply_all
    from advisor.org.apply_report import report
    from advisor.org.impact import Rulesets, impact
    from advisor.org.read import read_organisation
    from advisor.pipeline import resolve_date

    folders, replace = proposal(args)
    date = resolve_date(args.date)
    org, states = read_organisation(args.roots, check=False)
    rulesets = Rulesets()
    impacts = [impact(state, folders, replace, rulesets) for state in states]
    label = ", ".join(str(f) for f in ([args.config] if args.config else []) + list(args.rules_dirs))
    request = Request(folders, replace, label, args.branch, args.dry_run, date)
    outcomes = apply_all(impacts, request)
    lines, failed = report(outcomes, impacts, request)
    sys.stdout.write(lines)
    broken = any(item.rule for item in impacts) or bool(org.findings)
    return ExitCode.FINDINGS if failed or broken else ExitCode.OK


def run_site(args: argparse.Namespace) -> int:
    from advisor.errors import InputError, Problem
    from advisor.org.discover import discover
    from advisor.org.site import build_org_site
    from advisor.site.output import staged

    if not args.title.strip():
        raise InputError([Problem("--title", "must not be empty")])
    org = discover(args.roots)
    out = args.out.resolve()
    guarded = [Path.cwd().resolve(), *org.roots, *(s.adr_dir.resolve() for s in org.services if s.adr_dir)]
    if any(path.is_relative_to(out) for path in guarded):
        # the whole folder is replaced on every build: it must never be one that holds the work
        message = "--out: must not be the current folder or hold a ROOT or an ADR folder"
        raise InputError([Problem(str(args.out), message)])
    with staged(args.out) as staging:
        views, names = build_org_site(org.services, out, args.title.strip(), staging, jobs(args))
    pages = sum(1 for name in names if name.endswith(".html"))
    records = sum(len(view.records) for view in views)
    done = f"wrote {args.out}/index.html ({pages} pages, {len(views)} services, {records} records)"
    return _unreadable(org, views, done)
