"""`advisor adr list|new|supersede|status|link|index|renumber|site`: the ADR log, with or without a decision."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.commands import add_adr_dir_option, add_rules_option, print_json
from advisor.textout import escape


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "adr",
        help="list, add, link, index and renumber architecture decision records",
        description="Work with the ADR log: MADR, adr-tools (Nygard) and log4brains records alike.",
    )
    adr_sub = parser.add_subparsers(dest="adr_command", metavar="SUBCOMMAND", required=True)
    listing = adr_sub.add_parser("list", help="number, title, status, date and file of every record")
    listing.add_argument("--json", action="store_true", help="print JSON on stdout")
    listing.set_defaults(func=run_list)
    new = adr_sub.add_parser("new", help="add a hand-written record (status proposed)")
    new.add_argument("title", nargs="+", help="the record's title")
    new.add_argument("--template", metavar="NAME|FILE", help="madr (default), nygard, or a Jinja2 file")
    new.add_argument("--date", metavar="YYYY-MM-DD", help="record date (default: SOURCE_DATE_EPOCH, else today)")
    new.set_defaults(func=run_new)
    supersede = adr_sub.add_parser("supersede", help="mark OLD superseded by NEW, and NEW as superseding OLD")
    supersede.add_argument("old", metavar="OLD")
    supersede.add_argument("new", metavar="NEW")
    supersede.set_defaults(func=run_supersede)
    status = adr_sub.add_parser(
        "status",
        help="set a record's status in its own layout (sign it: accepted), e.g. 7 accepted; 3 superseded --by 7",
    )
    status.add_argument("record", metavar="ID")
    status.add_argument("status", metavar="STATUS", help="accepted, rejected, deprecated, superseded, proposed, ...")
    shorthands = []
    for verb, word in (("accept", "accepted"), ("reject", "rejected"), ("deprecate", "deprecated")):
        short = adr_sub.add_parser(verb, help=f"same as `adr status ID {word}`")
        short.add_argument("record", metavar="ID")
        short.set_defaults(status=word)
        shorthands.append(short)
    for command in (status, *shorthands):
        command.add_argument("--date", metavar="YYYY-MM-DD", help="date of the change, for a dated status list")
        command.add_argument("--by", metavar="NEW", help="the record that supersedes this one (with superseded)")
        command.set_defaults(func=run_status)
    link = adr_sub.add_parser(
        "link", help="link two records both ways (adr-tools style), e.g. 12 Amends 10 'Amended by'"
    )
    link.add_argument("source", metavar="SOURCE")
    link.add_argument("kind", metavar="LINK")
    link.add_argument("target", metavar="TARGET")
    link.add_argument("reverse", metavar="REVERSE-LINK")
    link.set_defaults(func=run_link)
    index = adr_sub.add_parser(
        "index", help="write the index (a table of every record); unchanged bytes if nothing changed"
    )
    index.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="index file (default: ADR_DIR/index.md); - for stdout"
    )
    index.set_defaults(func=run_index)
    renumber = adr_sub.add_parser(
        "renumber", help="repair duplicate numbers after a merge, fixing links to moved records"
    )
    renumber.add_argument("--dry-run", action="store_true", help="show the moves; write nothing")
    renumber.set_defaults(func=run_renumber)
    site = adr_sub.add_parser("site", help="write the log as a static website (offline, searchable)")
    site.add_argument(
        "--out", type=Path, default=Path("site/adr"), metavar="DIR", help="rebuilt whole (default: site/adr)"
    )
    site.add_argument("--title", default="Architecture decisions", help="the site's title")
    site.add_argument("--base-url", metavar="URL", help="where the site is published (for canonical links)")
    site.add_argument("--check-links", action="store_true", help="exit 1 on a link to a missing record or file")
    site.add_argument(
        "--single-file",
        type=Path,
        metavar="FILE.html",
        help="write the whole site (records, search, graph, images, diagrams) as this one HTML file instead of --out",
    )
    add_rules_option(site)
    site.set_defaults(func=run_site)
    for child in (listing, new, supersede, status, *shorthands, link, index, renumber, site):
        add_adr_dir_option(child)


def _config(root: Path):
    from advisor.adr.lint.config import find_config, load_config

    return load_config(find_config(root), root)


def _folder(args: argparse.Namespace) -> Path:
    """--adr-dir, else `adr-dir` in .advisor.yaml / [tool.advisor], else the usual places."""
    from advisor.adr.log import find_adr_dir

    root = Path.cwd()
    if args.adr_dir is not None:
        return find_adr_dir(adr_dir=args.adr_dir, base_dir=root)
    return find_adr_dir(configured=_config(root).adr_dir, base_dir=root)


def _log(args: argparse.Namespace):
    """The log, its `a/b/yyyy` dates read in the config's `date-order` where the log's own dates do not settle it,
    its ids printed in the config's `id-style` if it has one."""
    from advisor.adr.log import load_log

    config = _config(Path.cwd())
    return load_log(_folder(args), config.date_order, config.id_style)


def run_list(args: argparse.Namespace) -> int:
    log = _log(args)
    rows = []
    for r in log.sorted():
        relations = {
            kind.replace(" ", "_"): [t.id for link in r.links_of(kind) for t in log.resolve(link)]
            for kind in ("supersedes", "superseded by")
        }
        rows.append(
            {
                "number": r.number,
                "id": r.id,
                "title": r.title,
                "status": r.status,
                "date": r.date_iso or None,  # YYYY-MM-DD, or null when there is none or it does not read
                "date_written": r.date,
                "review_by": r.review or None,
                "file": r.file,
                **relations,
                "links": [
                    {"kind": link.kind, "to": [t.id for t in log.resolve(link)] or [link.target]} for link in r.links
                ],
            }
        )
    if args.json:
        print_json(rows)
        return 0
    from advisor.textout import escape

    for row in rows:
        status = escape(row["status"] or "(none)")
        if row["superseded_by"]:
            status += " by " + escape(", ".join(row["superseded_by"]))
        when, title, file = escape(row["date_written"] or "-"), escape(row["title"]), escape(row["file"])
        print(f"{escape(row['id']):<10}  {status:<24}  {when:<10}  {title}  ({file})")
    return 0


def run_new(args: argparse.Namespace) -> int:
    from advisor.adr.render import render
    from advisor.pipeline import resolve_date
    from advisor.writer import OutputFile, Plan, apply, locked

    title = " ".join(args.title).strip()
    folder = _folder(args)
    date = resolve_date(args.date).isoformat()
    with locked(folder):
        log = _log(args)
        from advisor.adr.branches import branch_records, next_free, skipped_note

        skipped: dict = {}
        free = None
        if not log.dated_only():
            free, skipped = next_free(log, branch_records(folder))
        name, number = log.new_name(title, date, number=free)
        template = args.template or (
            "nygard" if log.records and all(r.style == "nygard" for r in log.records) else "madr"
        )
        if template in ("madr", "nygard"):
            template += "-new"
        adr_id = f"ADR-{number:04d}" if number is not None else Path(name).stem
        # the title prefix the folder's records use (`ADR012: `), else adr-tools' `12. ` for Nygard
        prefix = log.title_prefix(number)
        if prefix is None:
            prefix = f"{number}. " if template == "nygard-new" and number is not None else ""
        context = {"title": title, "heading": prefix + title, "date": date, "number": number, "id": adr_id}
        text = render(context, template)
        if not args.template:  # a folder of `**Status:**` lines, bullets or tables gets one more of those
            from advisor.adr.newstyle import restyle

            text = restyle(text, log, date)
        apply(Plan([OutputFile(folder, name, text.encode("utf-8"), mode="create")]))
    if skipped:
        import sys

        print(escape(skipped_note(skipped)), file=sys.stderr)
    from advisor.shown import shown

    print(escape(shown(folder / name)))
    return 0


def run_supersede(args: argparse.Namespace) -> int:
    from advisor.adr.plan import supersede_texts
    from advisor.errors import InputError, Problem

    log = _log(args)
    old, new = log.find(args.old), log.find(args.new)
    if old is new:
        raise InputError([Problem(str(old.path), "a record cannot supersede itself")])
    old_text, new_text = supersede_texts(log, old, new)
    _write(log, {old.file: old_text, new.file: new_text})
    print(escape(f"{new.id} supersedes {old.id}"))
    return 0


def run_status(args: argparse.Namespace) -> int:
    from advisor.adr.lint.config import find_config, load_config
    from advisor.adr.lint.log_rules import DEFAULT_STATUSES
    from advisor.adr.status import plan_status
    from advisor.pipeline import resolve_date
    from advisor.writer import locked

    root = Path.cwd()
    vocabulary = load_config(find_config(root)).statuses or DEFAULT_STATUSES
    date = resolve_date(args.date).isoformat()
    folder = _folder(args)
    with locked(folder):
        log = _log(args)
        record = log.find(args.record)
        by = log.find(args.by) if args.by else None
        texts, done = plan_status(log, record, args.status, date, by, tuple(vocabulary))
        _write(log, texts)
    for line in done:
        print(escape(line))
    return 0


def run_link(args: argparse.Namespace) -> int:
    from advisor.adr.edits import add_link
    from advisor.errors import InputError, Problem

    log = _log(args)
    source, target = log.find(args.source), log.find(args.target)
    if source is target:
        raise InputError([Problem(str(source.path), "a record cannot link to itself")])
    source_text = add_link(source, log.texts[source.file], args.kind, log.reference(target, source.style))
    target_text = add_link(target, log.texts[target.file], args.reverse, log.reference(source, target.style))
    _write(log, {source.file: source_text, target.file: target_text})
    print(escape(f"{source.id} {args.kind} {target.id}; {target.id} {args.reverse} {source.id}"))
    return 0


def run_index(args: argparse.Namespace) -> int:
    from advisor.adr.index import MARKER, index_text
    from advisor.confine import regular_file, root
    from advisor.writer import OutputFile, Plan, apply, sha256

    log = _log(args)
    # never resolved: a symlinked index.md is refused here (or by the writer), not followed to its target
    if args.output is not None and str(args.output) != "-":
        target = root(args.output, Path.cwd(), "the index (--output)", from_user=True)
    else:  # inside the ADR folder, which is itself confined: index.md must not be a link out of it
        target = root(log.folder / "index.md", log.folder, "the index", from_user=False)
    from advisor.adr.log import side_text

    existing = side_text(target) if regular_file(target) else None
    ours = existing is not None and existing.startswith(MARKER)
    text = index_text(log, existing=None if ours else existing)  # a team's own index keeps its own layout
    if str(args.output) == "-":
        print(text, end="")
        return 0
    plan = Plan([OutputFile(target.parent, target.name, text.encode("utf-8"))])
    if regular_file(target) and target.read_bytes()[: len(MARKER)] == MARKER.encode():
        key = str(target.parent.resolve() / target.name)  # the writer's key for a target
        plan.previous[key] = sha256(target.read_bytes())  # ours: replace it; otherwise FILE.new
    report = apply(plan)
    for line in report.lines() or [f"unchanged {escape(str(target))}"]:
        print(line)
    return 0


def run_renumber(args: argparse.Namespace) -> int:
    import os

    from advisor.adr.renumber import plan_renumber
    from advisor.writer import OutputFile, Plan, apply, locked, sha256

    log = _log(args)
    with locked(log.folder):
        plan = plan_renumber(log)
        if not plan.moves:
            print("no duplicate numbers")
            return 0
        for move in plan.moves:
            print(escape(f"{move.record.file} -> {move.new_name}"))
        if args.dry_run:
            return 0
        moved = {move.record.file: move.new_name for move in plan.moves}
        files = [
            OutputFile(log.folder, moved[name], text.encode("utf-8"), mode="create")
            if name in moved
            else OutputFile(log.folder, name, text.encode("utf-8"), "update", sha256(log.texts[name].encode("utf-8")))
            for name, text in sorted(plan.texts.items())
        ]
        files += [
            OutputFile(log.folder, new, log.texts[old].encode("utf-8"), mode="create")
            for old, new in moved.items()
            if old not in plan.texts
        ]
        apply(Plan(files))
        for old in moved:
            os.unlink(log.folder / old)
    return 0


def run_site(args: argparse.Namespace) -> int:
    from advisor.commands import configured
    from advisor.site.cli import run

    args.rules_dirs = list(configured(args).rules_dirs)  # the reasoning shown is today's, with the config's rules
    return run(_log(args), args)


def _write(log, texts: dict[str, str]) -> None:
    from advisor.writer import OutputFile, Plan, apply, sha256

    files = [
        OutputFile(log.folder, name, text.encode("utf-8"), "update", sha256(log.texts[name].encode("utf-8")))
        for name, text in texts.items()
        if text != log.texts[name]
    ]
    apply(Plan(files))
