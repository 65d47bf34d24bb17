"""Writing a service's `rules:` after `org apply --rules`: the one key rewritten, the rest of the file kept as it is.

`.advisor.yaml`: the `rules:` block (from its line to the next top-level key) is replaced by the new list; a
`rules:` mapping of check severities (the older spelling) becomes `checks:`, so both keep their meaning. A
`pyproject.toml`'s `[tool.advisor]` gets one `rules = [...]` line in place of a one-line one, or after the table's
header. A file that cannot be edited this way (a multi-line TOML array) is left alone, and the service skipped.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from advisor.errors import InputError, Problem

_TOP_KEY = re.compile(r"^([A-Za-z0-9_-]+)\s*:")


def relative_to_config(config_file: Path, folders: list[Path]) -> list[str]:
    return [Path(os.path.relpath(folder, config_file.parent.resolve())).as_posix() for folder in folders]


def with_rules(config_file: Path, text: str | None, entries: list[str]) -> str:
    """The config's new text with `rules:` naming `entries`; `text` None: a new `.advisor.yaml`."""
    if text is None:
        return _yaml_block(entries)
    if config_file.name == "pyproject.toml":
        return _pyproject(config_file, text, entries)
    return _yaml(text, entries)


def _yaml_block(entries: list[str]) -> str:
    return "rules:\n" + "".join(f"  - {json.dumps(entry)}\n" if _needs_quotes(entry) else f"  - {entry}\n"
                                for entry in entries)  # fmt: skip


def _needs_quotes(entry: str) -> bool:
    return not re.fullmatch(r"[A-Za-z0-9_.][A-Za-z0-9_./-]*", entry)


def _yaml(text: str, entries: list[str]) -> str:
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if _TOP_KEY.match(line)]
    at = next((i for i in starts if _TOP_KEY.match(lines[i]).group(1) == "rules"), None)
    if at is None:
        return text + ("" if not text or text.endswith("\n") else "\n") + _yaml_block(entries)
    end = next((i for i in starts if i > at), len(lines))
    block = lines[at:end]
    rest = "".join(block)[len("rules") :].lstrip(" \t:")
    if rest.startswith("{") or (rest.startswith("\n") and _is_mapping(block[1:])):
        block[0] = "checks" + block[0][len("rules") :]  # severities: keep them, under their new name
        return "".join(lines[:end]) + _yaml_block(entries) + "".join(lines[end:])
    return "".join(lines[:at]) + _yaml_block(entries) + "".join(lines[end:])


def _is_mapping(body: list[str]) -> bool:
    items = [line.strip() for line in body if line.strip() and not line.strip().startswith("#")]
    return bool(items) and not items[0].startswith("-")


def _pyproject(config_file: Path, text: str, entries: list[str]) -> str:
    line = "rules = " + json.dumps(entries) + "\n"
    lines = text.splitlines(keepends=True)
    header = next((i for i, item in enumerate(lines) if item.strip() == "[tool.advisor]"), None)
    if header is None:
        raise InputError([Problem(str(config_file), "no [tool.advisor] table to add `rules` to")])
    end = next((i for i in range(header + 1, len(lines)) if lines[i].lstrip().startswith("[")), len(lines))
    for index in range(header + 1, end):
        current = lines[index].split("#", 1)[0].rstrip()
        if not re.match(r"^\s*rules\s*=", current):
            continue
        if current.count("[") != current.count("]") or current.count("{") != current.count("}"):
            message = "`rules` spans several lines; write it on one line, or edit it by hand"
            raise InputError([Problem(str(config_file), message, index + 1, "rules")])
        if "{" in current:  # the older spelling of check severities: keep them, as `checks`
            lines[index] = lines[index].replace("rules", "checks", 1)
            lines.insert(index + 1, line)
        else:
            lines[index] = line
        return "".join(lines)
    lines.insert(header + 1, line)
    return "".join(lines)
