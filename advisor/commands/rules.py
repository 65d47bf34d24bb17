"""`advisor rules validate|doc`: check rule folders, and write the decision table."""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.commands import add_rules_option


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "rules",
        help="validate rule files or write the decision table",
        description="Validate rule files, or generate the decision table from them.",
    )
    rules_sub = parser.add_subparsers(dest="rules_command", metavar="SUBCOMMAND", required=True)
    validate = rules_sub.add_parser("validate", help="check rule folders (the bundled rules plus DIRs)")
    validate.add_argument("dirs", nargs="*", type=Path, metavar="DIR", help="extra rule folders to layer and check")
    validate.set_defaults(func=run_validate)
    doc = rules_sub.add_parser("doc", help="print (or write) the decision table generated from the rules")
    add_rules_option(doc)
    doc.add_argument("--output", "-o", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    doc.set_defaults(func=run_doc)


def run_validate(args: argparse.Namespace) -> int:
    from advisor.ruleset import load_ruleset

    ruleset = load_ruleset(tuple(args.dirs))
    counts = f"{len(ruleset.rules)} rules, {len(ruleset.decisions)} decisions, {len(ruleset.sources)} files"
    print(f"ok: {counts} (version {ruleset.version})")
    return 0


def run_doc(args: argparse.Namespace) -> int:
    from advisor.rules_doc import decision_table
    from advisor.ruleset import load_ruleset

    text = decision_table(load_ruleset(tuple(args.rules_dirs)))
    if args.output:
        from advisor.writer import OutputFile, Plan, apply

        target = args.output.resolve()
        apply(Plan([OutputFile(target.parent, target.name, text.encode())]), force=True)
    else:
        print(text, end="")
    return 0
