"""Line edits of existing records: change the status, add a link. Nothing else in the file moves.

Superseding must keep every hand edit in the old record, so these functions touch exactly one line
(or insert one), in the style the record is written in: the `status:` front matter key (MADR),
the line under `## Status` (adr-tools), the `- Status:` bullet (log4brains).
"""

from __future__ import annotations

from advisor.adr.records import Record
from advisor.errors import InputError, Problem


def set_status(record: Record, text: str, status: str) -> str:
    """`text` with the record's status replaced by `status` (e.g. "superseded by ADR-0004")."""
    lines = text.splitlines(keepends=True)
    if record.style == "madr":
        new = f"status: {status}"
    elif record.style == "nygard":
        new = status[0].upper() + status[1:]
    else:
        new = f"- Status: {status}"
    if record.status_line is not None:
        index = record.status_line - 1
        old = lines[index]
        at = old.find(record.status_text) if record.status_text else -1
        if at >= 0:  # keep the line's own layout: `* Status: `, `**Status:** `, `| Status | ... |`
            word = status[0].upper() + status[1:] if record.status_text[:1].isupper() else status
            lines[index] = old[:at] + word + old[at + len(record.status_text) :]
            return "".join(lines)
        indent = old[: len(old) - len(old.lstrip())] if record.style == "madr" else ""
        lines[index] = indent + new + _ending(old)
        return "".join(lines)
    return "".join(_insert(record, lines, new))


def add_link(record: Record, text: str, kind: str, target: str) -> str:
    """`text` with a link line added: `supersedes: ADR-0003` (MADR), `Supersedes [3. T](0003-t.md)` (Nygard)."""
    lines = text.splitlines(keepends=True)
    if record.style == "madr":
        key = "supersedes" if kind.lower() == "supersedes" else "links"
        value = target if key == "supersedes" else f"{kind[0].upper() + kind[1:]} {target}"
        line = f"{key}: {_yaml_scalar(value)}" if key == "supersedes" else f"{key}: [{_yaml_scalar(value)}]"
        existing = [link for link in record.links if (link.kind == "supersedes") == (key == "supersedes")]
        if existing:  # add to the list already there, as one more item
            return _extend_list(lines, existing[-1].line, value)
        return "".join(_insert(record, lines, line, after_status=True))
    label = kind[0].upper() + kind[1:]
    if record.status_layout in ("bullet", "line", "table") and record.status_line is not None:
        # a link in the shape of the status line beside it: `* Amends: x`, `Amends: x`, `| Amends | x |`
        status_line = lines[record.status_line - 1]
        indent = status_line[: len(status_line) - len(status_line.lstrip())]
        first = status_line.lstrip()[:1]
        shape = {
            "bullet": f"{first} {label}: {target}",
            "line": f"{label}: {target}",
            "table": f"| {label} | {target} |",
        }
        at = record.status_line
        if record.status_layout == "table" and not _labelled_row(status_line):
            # the status is a cell of a row under a `| Status | Date |` header: a `| Supersedes | x |` row there
            # would be read as one more row of that table, so the link gets a two-column table of its own below
            at = _table_end(lines, at)
            return "".join([*lines[:at], "\n", shape["table"] + _ending(status_line), *lines[at:]])
        return "".join([*lines[:at], indent + shape[record.status_layout] + _ending(status_line), *lines[at:]])
    new = f"{label} {target}" if record.style == "nygard" else f"- {label}: {target}"
    return "".join(_insert(record, lines, new, after_status=True))


def _labelled_row(row: str) -> bool:
    """`| Status | Accepted |` (a label cell, then the value) rather than a data row under a header."""
    first = row.strip().strip("|").split("|", 1)[0]
    return first.strip().strip("*_").strip().lower() == "status"


def _table_end(lines: list[str], at: int) -> int:
    while at < len(lines) and lines[at].lstrip().startswith("|"):
        at += 1
    return at


def _insert(record: Record, lines: list[str], new: str, after_status: bool = False) -> list[str]:
    anchor = record.status_line if after_status else None
    if record.style == "nygard" and anchor is not None:
        last = max([anchor, *(link.line for link in record.links if link.line > anchor and link.line < anchor + 20)])
        return [*lines[:last], "\n", new + "\n", *lines[last:]]
    if record.style == "madr" and record.front_matter is not None:
        end = record.front_matter.count("\n") + 1  # index of the closing ---
        at = (anchor if anchor is not None else end) if after_status else end
        return [*lines[:at], new + "\n", *lines[at:]]
    if record.style == "nygard":
        heading = next((i for i, line in enumerate(lines) if line.strip().lower() == "## status"), None)
        if heading is None:
            raise InputError([Problem(str(record.path), "no '## Status' section to write the status into")])
        return [*lines[: heading + 1], "\n", new + "\n", *lines[heading + 1 :]]
    at = anchor if anchor is not None else (record.title_line or 0)
    if at == (record.title_line or 0):
        return [*lines[:at], "\n", new + "\n", *lines[at:]]
    return [*lines[:at], new + "\n", *lines[at:]]


def _extend_list(lines: list[str], line: int, value: str) -> str:
    index = line - 1
    current = lines[index].rstrip("\r\n")
    if current.rstrip().endswith("]"):
        lines[index] = current.rstrip()[:-1] + f", {_yaml_scalar(value)}]" + _ending(lines[index])
    elif current.lstrip().startswith("- "):
        indent = current[: len(current) - len(current.lstrip())]
        lines.insert(index + 1, f"{indent}- {_yaml_scalar(value)}\n")
    else:
        key, _, first = current.partition(":")
        lines[index] = f"{key}: [{first.strip()}, {_yaml_scalar(value)}]" + _ending(lines[index])
    return "".join(lines)


def _yaml_scalar(value: str) -> str:
    import json

    plain = value.replace(" ", "").replace("-", "").replace(".", "").isalnum()
    return value if plain and not value[:1].isdigit() else json.dumps(value)


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")) :] or "\n"
