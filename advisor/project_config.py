"""What every command takes from the repository's config: the ADR folder and the organisation's rule folders.

An organisation's rules apply because the config names them (`rules:` in `.advisor.yaml` or `[tool.advisor]`),
not because someone remembered `--rules` on this run: `decide`, `explain`, `interview`, `check`, `adr site` and
`org` all start here, and `--rules DIR` adds folders after the configured ones. A configured folder whose rule
files do not load is reported with the rule files' problems and the config line that names the folder.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from advisor.adr.lint.config import CheckConfig, find_config, load_config
from advisor.errors import Problem, RuleError


@dataclass(frozen=True)
class Project:
    config: CheckConfig
    rules_dirs: tuple[Path, ...]  # configured folders first, then --rules, each once

    @property
    def adr_dir(self) -> Path | None:
        return self.config.adr_dir


def project(start: Path | None = None, extra: Sequence[Path] = (), config_file: Path | None = None) -> Project:
    """The config nearest to `start` (or `config_file`) and the rule folders to decide with; folders are shown
    relative to the working folder, as `--rules` would have named them."""
    here = Path.cwd()
    config = load_config(config_file or find_config(start or here))
    configured = [Path(os.path.relpath(folder.path, here)) for folder in config.rule_folders]
    return Project(config, unique([*configured, *extra]))


def unique(folders: Sequence[Path]) -> tuple[Path, ...]:
    """Each folder once (the first place it is named), however it is spelled."""
    seen: set[Path] = set()
    out = []
    for folder in folders:
        key = Path(folder).resolve()
        if key not in seen:
            seen.add(key)
            out.append(Path(folder))
    return tuple(out)


def check_rules(config: CheckConfig, rules_dirs: tuple[Path, ...]) -> None:
    """Load the rule set now, so a broken configured folder stops the command with the config's line too."""
    from advisor.ruleset import load_ruleset

    try:
        load_ruleset(rules_dirs)
    except RuleError as exc:
        raise RuleError([*exc.problems, *blame(config, exc.problems)]) from None


def blame(config: CheckConfig, problems: Sequence[Problem]) -> list[Problem]:
    """The config lines naming a folder that holds one of `problems`' files (or that is itself the problem)."""
    out = []
    for folder in config.rule_folders:
        root = folder.path.resolve()
        if any(_under(Path(p.file), root) for p in problems):
            message = f"rule folder {folder.written!r} does not load (its problems are listed above)"
            out.append(Problem(str(config.file), message, folder.line, folder.field))
    return out


def _under(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except OSError:
        return False
