"""One module per CLI command. Each `register(sub)` adds its parser and sets `func`.

Imports at the top of these modules must stay light (argparse only): `advisor --help` loads
them all. Heavy modules are imported inside the command functions.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_rules_option(
    parser: argparse.ArgumentParser,
    help: str = "an organisation's rule folder, layered on the bundled rules and those the config names (repeatable)",
) -> None:
    parser.add_argument("--rules", dest="rules_dirs", action="append", type=Path, default=[], metavar="DIR", help=help)


def configured(args: argparse.Namespace, start: Path | None = None):
    """The repository's config and rule folders (`rules:` in .advisor.yaml, then --rules), the rules loaded once
    so that a broken folder is reported with the config line naming it. Returns advisor.project_config.Project."""
    from advisor.project_config import check_rules, project

    found = project(start, tuple(getattr(args, "rules_dirs", ()) or ()), getattr(args, "config", None))
    if found.rules_dirs:  # the bundled rules alone are checked by their tests
        check_rules(found.config, found.rules_dirs)
    return found


def add_adr_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--adr-dir",
        type=Path,
        metavar="DIR",
        help="ADR folder (default: .adr-dir, docs/decisions, docs/adr, doc/adr, else docs/adr)",
    )


def print_json(data: object) -> None:
    import json

    print(json.dumps(data, indent=2, sort_keys=False, ensure_ascii=False))


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """What `decide` and `interview` share: where files go, which rules, which date."""
    parser.add_argument(
        "--out", type=Path, default=Path("deploy"), metavar="DIR", help="skeleton folder (default: deploy)"
    )
    add_adr_dir_option(parser)
    add_rules_option(parser)
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="decision date (default: SOURCE_DATE_EPOCH, else today)")
