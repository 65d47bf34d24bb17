"""Turning raw findings into what a team asked for: the config's severities, ignored paths, inline ignores.

Kept apart from the rules so every rule, drift checks included, is tuned the same way.
"""

from __future__ import annotations

import dataclasses
from fnmatch import fnmatch
from pathlib import Path

from advisor.adr.lint.config import CheckConfig
from advisor.adr.lint.finding import Finding
from advisor.adr.lint.registry import lookup
from advisor.adr.log import AdrLog


def tune(findings: list[Finding], log: AdrLog, config: CheckConfig, strict: bool = False) -> list[Finding]:
    silenced = _inline_ignores(log)
    out = []
    for item in findings:
        severity = config.severities.get(item.code, item.severity)
        if severity == "off" or _ignored_path(item.file, log.folder, config.ignore):
            continue
        if item.code in silenced.get(item.file, set()):
            continue
        if strict:
            severity = "error"
        out.append(dataclasses.replace(item, severity=severity))
    return sorted(out, key=lambda f: (f.file, f.line or 0, f.code, f.message))


def _inline_ignores(log: AdrLog) -> dict[str, set[str]]:
    """file -> rule ids its `<!-- advisor-check: ignore ADR0NN -->` comments silence."""
    out: dict[str, set[str]] = {}
    for record in log.records:
        for _, key in record.ignores:
            rule = lookup(key)
            if rule is not None:
                out.setdefault(str(record.path), set()).add(rule.id)
    return out


def _ignored_path(file: str, folder: Path, globs: tuple[str, ...]) -> bool:
    if not globs:
        return False
    path = Path(file)
    try:
        relative = path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    return any(fnmatch(relative, pattern) or fnmatch(path.name, pattern) for pattern in globs)
