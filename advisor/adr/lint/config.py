"""The config `advisor check` reads: `.advisor.yaml` at the repository root, else `[tool.advisor]` in pyproject.toml.

```yaml
adr-dir: docs/decisions          # the ADR folder (default: .adr-dir, docs/decisions, docs/adr, doc/adr)
statuses: [proposed, accepted]   # the status vocabulary (default: MADR's and log4brains' words)
rules: {ADR009: off, unknown-status: error}   # per-rule severity: error | warning | off
ignore: ["0001-*.md"]            # record files (globs, relative to the ADR folder) not checked
proposed-max-days: 30            # ADR014: how long a record may stay proposed (default 30)
```

A mistake in the config is a usage error (exit 2, `FILE:LINE: field: message`), never a silent default:
a misspelt rule id would otherwise turn a check off without anyone noticing.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.adr.lint.registry import SEVERITIES, lookup
from advisor.errors import InputError, Problem

CONFIG_FILE = ".advisor.yaml"
KEYS = ("adr-dir", "statuses", "rules", "ignore", "proposed-max-days")
PROPOSED_MAX_DAYS = 30  # a month: long enough for a review round, short enough that a forgotten draft shows


@dataclass
class CheckConfig:
    file: Path | None = None
    adr_dir: Path | None = None
    statuses: tuple[str, ...] | None = None
    severities: dict[str, str] = field(default_factory=dict)  # rule id -> error | warning | off
    ignore: tuple[str, ...] = ()
    proposed_max_days: int = PROPOSED_MAX_DAYS


def find_config(root: Path) -> Path | None:
    """`.advisor.yaml`, or a pyproject.toml that has a `[tool.advisor]` table; neither read through a symlink."""
    from advisor.yamlio import MAX_BYTES

    for name in (CONFIG_FILE, "pyproject.toml"):
        path = root / name
        if path.is_symlink():
            raise InputError([Problem(str(path), "is a symlink; advisor reads its config only from a regular file")])
        if name == CONFIG_FILE and path.is_file():
            return path
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        with pyproject.open("rb") as handle:  # at most the size load_config accepts, and one byte to say it is over
            if b"[tool.advisor" in handle.read(MAX_BYTES + 1):
                return pyproject
    return None


def load_config(path: Path | None, root: Path) -> CheckConfig:
    if path is None:
        return CheckConfig()
    if path.name == "pyproject.toml":
        data, line_of = _pyproject(path)
    else:
        from advisor.yamlio import load_yaml_file

        located = load_yaml_file(path, "config file")
        data, line_of = located.data, located.line_of
        if data is None:
            return CheckConfig(path)
    return _build(path, data, line_of, root)


def _pyproject(path: Path) -> tuple[Any, Any]:
    import tomllib

    from advisor.yamlio import read_text

    text = read_text(path, "pyproject.toml")  # bounded (1 MiB), like every file a user hands us
    try:
        tool = tomllib.loads(text).get("tool", {})
        data = tool.get("advisor", {}) if isinstance(tool, dict) else {}
    except tomllib.TOMLDecodeError as exc:
        raise InputError([Problem(str(path), f"malformed TOML: {exc}", getattr(exc, "lineno", None))]) from None
    except RecursionError:  # tomllib recurses once per level of `a = [[[[...`
        raise InputError([Problem(str(path), "TOML is nested too deeply to read")]) from None
    lines = text.splitlines()

    def line_of(where: tuple) -> int | None:  # TOML readers give no positions: find the key's line
        key = str(where[-1]) if where else "[tool.advisor]"
        return next((i + 1 for i, line in enumerate(lines) if line.strip().startswith(key)), None)

    return data, line_of


def _build(path: Path, data: Any, line_of, root: Path) -> CheckConfig:
    def fail(where: tuple, message: str) -> InputError:
        return InputError([Problem(str(path), message, line_of(where), ".".join(map(str, where)) or None)])

    if not isinstance(data, dict):
        raise fail((), f"the config must be a mapping of {', '.join(KEYS)}")
    config = CheckConfig(path)
    for key, value in data.items():
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"use {', '.join(KEYS)}"
            raise fail((key,), f"unknown key; {hint}")
        if key == "proposed-max-days":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise fail((key,), "must be a whole number of days, 1 or more")
            config.proposed_max_days = value
        elif key == "adr-dir":
            if not isinstance(value, str) or not value.strip():
                raise fail((key,), "must be a folder path")
            config.adr_dir = root / value
        elif key in ("statuses", "ignore"):
            if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
                raise fail((key,), "must be a list of words" if key == "statuses" else "must be a list of globs")
            items = tuple(item.strip().lower() if key == "statuses" else item for item in value)
            config.statuses, config.ignore = (items, config.ignore) if key == "statuses" else (config.statuses, items)
        else:
            if not isinstance(value, dict):
                raise fail((key,), "must map rule ids to error, warning or off")
            for rule_key, severity in value.items():
                rule = lookup(str(rule_key))
                if rule is None:
                    raise fail((key, rule_key), "unknown rule; see `advisor check --help` or docs/ci.md")
                severity = "off" if severity is False else severity  # YAML 1.1 reads a bare `off` as false
                if severity not in SEVERITIES:
                    raise fail((key, rule_key), "severity must be error, warning or off")
                config.severities[rule.id] = severity
    return config
