"""An index the team already keeps (`| [0001](./0001-x.md) | Use Postgres | Accepted |`), rewritten in its own
layout: the same columns in the same order, the same link style, everything around the table left as it is.

Only the first table whose rows link records is rewritten; its header and separator rows stay byte for byte.
A column is recognised by its header: the id (`ADR`, `#`, `No.`, `Number`, `ID`), `Title`, `Status`, `Date`;
any other column is kept for records the old table listed and left empty for new ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.adr.linkcheck import href_of, links_in
from advisor.adr.log import AdrLog

_ID_HEADERS = {"adr", "#", "no", "no.", "nr", "number", "id", "record"}
_KINDS = {"title": "title", "decision": "title", "status": "status", "date": "date"}
_SEPARATOR_CHARS = frozenset("|-: \t")


def _separator(line: str) -> bool:
    """`|---|:---:|`: a table's separator row (by its characters, not a pattern that nests repeats)."""
    return "-" in line and "|" in line and set(line.strip()) <= _SEPARATOR_CHARS


@dataclass
class Layout:
    before: list[str]
    header: list[str]  # the header and separator rows, as written
    rows: list[str]
    after: list[str]
    kinds: list[str]  # per column: id | title | status | date | other
    link_column: int | None
    dot_slash: bool  # links written `./0001-x.md`
    numeric_label: int  # width of a bare-number label (`0001`), 0 when the label is the id or the title
    capitalised: bool  # `Accepted` rather than `accepted`


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def find_layout(text: str, log: AdrLog) -> Layout | None:
    lines = text.split("\n")
    for start in range(len(lines) - 1):
        if not lines[start].lstrip().startswith("|") or not _separator(lines[start + 1]):
            continue
        end = start + 2
        while end < len(lines) and lines[end].lstrip().startswith("|"):
            end += 1
        rows = lines[start + 2 : end]
        hrefs = [href_of(target) for _, _, target in links_in("\n".join(rows))]
        if not any(log.by_file(h.split("#", 1)[0].removeprefix("./")) for h in hrefs):
            continue
        kinds = ["id" if h.lower() in _ID_HEADERS else _KINDS.get(h.lower(), "other") for h in _cells(lines[start])]
        first = _cells(rows[0]) if rows else []
        link_column = next((i for i, cell in enumerate(first) if "](" in cell), None)
        label = re.match(r"\[(\d+)\]", first[link_column]) if link_column is not None else None
        status = next((first[i] for i, kind in enumerate(kinds) if kind == "status" and i < len(first)), "")
        return Layout(lines[:start], lines[start : start + 2], rows, lines[end:], kinds, link_column,
                      any(h.startswith("./") for h in hrefs), len(label.group(1)) if label else 0,
                      status[:1].isupper())  # fmt: skip
    return None


def rewrite(layout: Layout, log: AdrLog) -> str:
    old = {}  # record file -> the cells its row had, so columns advisor does not know keep their text
    for row in layout.rows:
        for _, _, target in links_in(row):
            found = log.by_file(href_of(target).split("#", 1)[0].removeprefix("./"))
            if found is not None:
                old.setdefault(found.file, _cells(row))
    rows = []
    for record in log.sorted():
        cells = []
        for index, kind in enumerate(layout.kinds):
            if kind == "id":
                value = record.id
                if layout.numeric_label and record.number is not None:
                    value = f"{record.number:0{layout.numeric_label}d}"
            elif kind == "title":
                value = record.title or record.file
            elif kind == "status":
                value = record.status.capitalize() if layout.capitalised else record.status
            elif kind == "date":
                value = record.date
            else:
                previous = old.get(record.file, [])
                value = previous[index] if index < len(previous) else ""
                cells.append(value)
                continue
            value = cell(value)
            if index == layout.link_column:
                value = f"[{value}]({'./' if layout.dot_slash else ''}{cell(record.file)})"
            cells.append(value)
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join([*layout.before, *layout.header, *rows, *layout.after])


def cell(text: str) -> str:
    """Text for one table cell: escaped for a terminal-safe line, its pipes escaped for Markdown."""
    from advisor.textout import escape

    return escape(text).replace("|", "\\|")
