"""Printing findings: `text` for people, `json` for scripts, `github` for inline pull-request annotations.

The `github` format is GitHub Actions' workflow command `::error file=F,line=L,title=T::MESSAGE`. Its
parser splits on `,` and `::` and decodes `%XX`, so the message escapes `%`, CR and LF, and the
property values also escape `:` and `,` (as @actions/core's `escapeData`/`escapeProperty` do).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from advisor.adr.lint.finding import Finding
from advisor.shown import shown

FORMATS = ("text", "json", "github")


def escape_data(text: str) -> str:
    """GitHub's own escapes, then every other control character as `\\uXXXX` (ESC must not reach the log viewer)."""
    from advisor.textout import escape

    return escape(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(item: Finding, root: Path | None = None) -> str:
    """One workflow command; the file relative to `root` (the checkout), since GitHub matches files by that path."""
    command = "error" if item.severity == "error" else "warning"
    file = shown(item.file, root) if root is not None else item.file  # a file outside the checkout keeps its path
    properties = [f"file={escape_property(file)}"]
    if item.line:
        properties.append(f"line={item.line}")
    properties.append(f"title={escape_property(f'{item.code} {item.name}')}")
    return f"::{command} {','.join(properties)}::{escape_data(item.message)}"


def render(findings: list[Finding], fmt: str, records: int, root: Path | None = None) -> str:
    """The findings in `fmt`; with `root`, each file relative to it in every format, as docs/ci.md shows."""
    if root is not None:
        paths = {file: shown(file, root) for file in {f.file for f in findings}}  # a path once, however many findings
        findings = [replace(f, file=paths[f.file]) for f in findings]
    errors = sum(1 for f in findings if f.severity == "error")
    if fmt == "json":
        data = {"findings": [f.to_json() for f in findings], "errors": errors, "warnings": len(findings) - errors}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    lines = [github_line(f) if fmt == "github" else str(f) for f in findings]  # files are relative already
    return "".join(line + "\n" for line in lines)


def summary(findings: list[Finding], records: int) -> str:
    errors = sum(1 for f in findings if f.severity == "error")
    return f"{_count(records, 'record')}: {_count(errors, 'error')}, {_count(len(findings) - errors, 'warning')}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
