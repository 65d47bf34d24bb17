"""The files `org apply --rules` writes besides the decision: the copy of a rule folder from outside the repository,
and the config's `rules:` naming each folder where the service reads it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from advisor.org.config_edit import relative_to_config, with_rules
from advisor.org.service import Service
from advisor.writer import OutputFile, Plan, sha256


@dataclass
class RulesPlan:
    plan: Plan
    stale: list[Path] = field(default_factory=list)  # files in a copy that the source no longer has


def plan_rules(service: Service, homes: list[Path], sources: list[Path]) -> RulesPlan:
    """Raises InputError (before anything is written) when the config cannot be edited."""
    out = RulesPlan(Plan())
    for home, source in zip(homes, sources, strict=True):
        if home == source:
            continue
        wanted = {path.name: path.read_bytes() for path in _rule_files(source)}
        out.plan.add(*(OutputFile(home, name, data, mode="owned") for name, data in sorted(wanted.items())))
        out.stale += [path for path in _rule_files(home) if path.name not in wanted]
    config = service.config.file or service.base / ".advisor.yaml"
    text = config.read_text(encoding="utf-8") if config.is_file() else None
    new = with_rules(config, text, relative_to_config(config, homes))
    if new != text:
        expected = sha256(text.encode("utf-8")) if text is not None else None
        mode = "update" if text is not None else "create"
        out.plan.add(OutputFile(config.parent, config.name, new.encode("utf-8"), mode, expected))
    return out


def write_rules(rules: RulesPlan) -> list[Path]:
    """Write the plan; the paths written or removed (for the commit)."""
    from advisor.writer import apply

    touched = list(apply(rules.plan).written) if rules.plan.files else []
    for path in rules.stale:
        os.unlink(path)
        touched.append(path)
    return touched


def _rule_files(folder: Path) -> list[Path]:
    """What the rule loader reads from a folder: its regular `*.yaml` and `*.yml` files (never through a symlink)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file() and not p.is_symlink())
