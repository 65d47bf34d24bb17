"""advisor's config file: `.advisor.yaml`, else `[tool.advisor]` in pyproject.toml, the nearest one found from the
working folder upward to the repository root.

```yaml
adr-dir: docs/decisions          # the ADR folder (default: .adr-dir, docs/decisions, docs/adr, doc/adr)
rules: [platform/advisor-rules]  # organisation rule folders, layered on the bundled rules by every command
statuses: [proposed, accepted]   # the status vocabulary (default: MADR's and log4brains' words)
checks: {ADR009: off, unknown-status: error}   # per-check severity: error | warning | off
ignore: ["0001-*.md"]            # record files (globs, relative to the ADR folder) not checked
org: {...}                       # `advisor org`: services and exclusions under this folder (advisor/org/config.py)
proposed-max-days: 30            # ADR014: how long a record may stay proposed (default 30)
date-order: day-first            # how `09/04/2018` reads when the log's own dates do not settle it
id-style: "0012"                 # how record ids print: record 12 as ADR-0012, ADR012, ADR-012, 0012 or 012
```

Paths are relative to the config file and must stay inside its repository: a config is read from repositories
nobody may have reviewed line by line (`advisor org` reads many), so it names folders, never programs or hooks.
`rules:` written as a mapping (`rules: {ADR009: off}`) is the older spelling of `checks:`.

A mistake in the config is a usage error (exit 2, `FILE:LINE: field: message`), never a silent default:
a misspelt rule id would otherwise turn a check off without anyone noticing.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.adr.lint.registry import SEVERITIES, lookup
from advisor.confine import repository_root
from advisor.errors import InputError, Problem

CONFIG_FILE = ".advisor.yaml"
KEYS = ("adr-dir", "rules", "statuses", "checks", "ignore", "proposed-max-days", "date-order", "id-style", "org")
PROPOSED_MAX_DAYS = 30  # a month: long enough for a review round, short enough that a forgotten draft shows


@dataclass(frozen=True)
class RuleFolder:
    """An organisation rule folder named in the config: where it is, and where the config names it."""

    path: Path  # absolute
    written: str  # as the config writes it
    line: int | None
    field: str  # "rules[0]"


@dataclass
class CheckConfig:
    file: Path | None = None
    adr_dir: Path | None = None
    statuses: tuple[str, ...] | None = None
    severities: dict[str, str] = field(default_factory=dict)  # rule id -> error | warning | off
    ignore: tuple[str, ...] = ()
    proposed_max_days: int = PROPOSED_MAX_DAYS
    date_order: str | None = None  # day-first | month-first (advisor/adr/dates.py)
    id_style: tuple[str, int] | None = None  # (prefix, width): `ADR012` is ("ADR", 3) (advisor/adr/ids.py)
    rule_folders: tuple[RuleFolder, ...] = ()
    org: Any = None  # the raw `org:` block; advisor/org/config.py reads it
    line_of: Any = None  # (key path) -> line in `file`, for messages about the raw blocks

    def problem(self, where: tuple, message: str) -> Problem:
        from advisor.yamlio import dotted

        line = self.line_of(where) if self.line_of else None
        return Problem(str(self.file), message, line, dotted(where) or None)


def find_config(start: Path) -> Path | None:
    """The config nearest to `start`: `.advisor.yaml`, or a pyproject.toml with `[tool.advisor]`, in `start` or a
    folder above it up to the repository root (outside a repository, `start` alone)."""
    start = start.absolute()
    top = repository_root(start) or start
    for folder in (start, *start.parents):
        found = _config_in(folder)
        if found is not None:
            return found
        if folder == top:
            return None
    return None


def _config_in(folder: Path) -> Path | None:
    """`.advisor.yaml`, or a pyproject.toml that has a `[tool.advisor]` table; neither read through a symlink."""
    from advisor.yamlio import MAX_BYTES

    for name in (CONFIG_FILE, "pyproject.toml"):
        path = folder / name
        if path.is_symlink():
            raise InputError([Problem(str(path), "is a symlink; advisor reads its config only from a regular file")])
        if name == CONFIG_FILE and path.is_file():
            return path
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        with pyproject.open("rb") as handle:  # at most the size load_config accepts, and one byte to say it is over
            if b"[tool.advisor" in handle.read(MAX_BYTES + 1):
                return pyproject
    return None


def load_config(path: Path | None, root: Path | None = None) -> CheckConfig:
    """Read a config file; `root` is unused (paths are relative to the file) and kept for older callers."""
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
    return _build(path, data, line_of)


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
        key = str(next((part for part in reversed(where) if isinstance(part, str)), "[tool.advisor]"))
        return next((i + 1 for i, line in enumerate(lines) if line.strip().startswith(key)), None)

    return data, line_of


def _build(path: Path, data: Any, line_of) -> CheckConfig:
    from advisor.yamlio import dotted

    def fail(where: tuple, message: str) -> InputError:
        return InputError([Problem(str(path), message, line_of(where), dotted(where) or None)])

    if not isinstance(data, dict):
        raise fail((), f"the config must be a mapping of {', '.join(KEYS)}")
    config = CheckConfig(path, line_of=line_of)
    base = path.parent.absolute()
    bound = repository_root(base) or base
    for key, value in data.items():
        if key not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"use {', '.join(KEYS)}"
            raise fail((key,), f"unknown key; {hint}")
        if key == "proposed-max-days":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise fail((key,), "must be a whole number of days, 1 or more")
            config.proposed_max_days = value
        elif key == "date-order":
            from advisor.adr.dates import ORDERS

            if value not in ORDERS:
                raise fail((key,), f"must be {' or '.join(ORDERS)}")
            config.date_order = value
        elif key == "id-style":
            from advisor.adr.ids import EXAMPLES, parse_style

            config.id_style = parse_style(value)
            if config.id_style is None:
                raise fail((key,), f"must be record 12 written as ids should print: {', '.join(EXAMPLES)}")
        elif key == "adr-dir":
            if not isinstance(value, str) or not value.strip():
                raise fail((key,), "must be a folder path")
            config.adr_dir = _inside(base / value, bound, value, lambda m: fail(("adr-dir",), m), "the ADR folder")
        elif key == "rules" and isinstance(value, list):
            config.rule_folders = _rule_folders(value, base, bound, line_of, fail)
        elif key in ("statuses", "ignore"):
            if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
                raise fail((key,), "must be a list of words" if key == "statuses" else "must be a list of globs")
            items = tuple(item.strip().lower() if key == "statuses" else item for item in value)
            config.statuses, config.ignore = (items, config.ignore) if key == "statuses" else (config.statuses, items)
        elif key == "org":
            if not isinstance(value, dict):
                raise fail((key,), "must be a mapping of services and exclude (docs/org.md)")
            config.org = value
        else:
            config.severities.update(_severities(key, value, fail))
    return config


def _severities(key: str, value: Any, fail) -> dict[str, str]:
    if not isinstance(value, dict):
        what = "a list of rule folders, or map check ids" if key == "rules" else "map check ids"
        raise fail((key,), f"must {what} to error, warning or off")
    out = {}
    for rule_key, severity in value.items():
        rule = lookup(str(rule_key))
        if rule is None:
            raise fail((key, rule_key), "unknown rule; see `advisor check --help` or docs/ci.md")
        severity = "off" if severity is False else severity  # YAML 1.1 reads a bare `off` as false
        if severity not in SEVERITIES:
            raise fail((key, rule_key), "severity must be error, warning or off")
        out[rule.id] = severity
    return out


def _rule_folders(value: list, base: Path, bound: Path, line_of, fail) -> tuple[RuleFolder, ...]:
    out: list[RuleFolder] = []
    for index, item in enumerate(value):
        where = ("rules", index)
        if not isinstance(item, str) or not item.strip():
            raise fail(where, "must be the path of a rule folder, relative to this file")
        folder = _inside(base / item.strip(), bound, item, lambda m, w=where: fail(w, m))
        if not folder.is_dir():
            raise fail(where, f"rule folder {item!r} not found (paths are relative to this file)")
        if any(known.path == folder for known in out):
            raise fail(where, f"{item!r} is named twice")
        out.append(RuleFolder(folder, item, line_of(where), f"rules[{index}]"))
    return tuple(out)


def _inside(path: Path, bound: Path, written: str, fail, what: str = "the rule folder") -> Path:
    """`path` with `..` folded (no symlink followed), refused when it leaves the repository (`bound`) or passes
    through a symlink in it: the config is a repository file, as hostile as any other (advisor.confine)."""
    from advisor.confine import normal, refusal

    why = refusal(path, bound)
    if why:
        raise fail(f"{what} {written!r} {why} ({bound}); keep it inside, with no symlink on the way")
    return normal(path)
