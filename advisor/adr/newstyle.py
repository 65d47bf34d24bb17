"""A new record in the folder's own style: the metadata head copied from its latest neighbour.

A folder whose records say `**Status:** Accepted` / `**Date:** March 2021`, `* Status: accepted` bullets
or a `| Status | Accepted |` table should not receive a record with a `## Status` section. The head of the
latest record in the folder's most common layout (the lines between its title and its first section)
is the pattern: its status and date lines are kept, with the value replaced, and the rest of the
record (the sections) comes from the template.
"""

from __future__ import annotations

import datetime as dt
import re

from advisor.adr.log import AdrLog
from advisor.adr.records import Record

_LAYOUTS = ("line", "bullet", "table")


def neighbour(log: AdrLog) -> Record | None:
    """The latest record written in the folder's most common head layout, if that layout is not a section."""
    layouts = [r.status_layout for r in log.sorted() if r.status_layout]
    if not layouts:
        return None
    common = max(reversed(layouts), key=layouts.count)
    if common not in _LAYOUTS:
        return None
    candidates = [r for r in reversed(log.sorted()) if r.status_layout == common and r.title_line]
    return next((r for r in candidates if r.date_line), candidates[0] if candidates else None)  # one with a date


def restyle(text: str, log: AdrLog, date: str) -> str:
    """`text` (a rendered template: title, then sections) with the neighbour's head in place of its own."""
    model = neighbour(log)
    if model is None or model.status_line is None or model.title_line is None:
        return text
    lines = log.texts[model.file].splitlines()
    head = []
    for number in range(model.title_line + 1, len(lines) + 1):
        line = lines[number - 1]
        if line.startswith("## "):
            break
        if number == model.status_line:
            head.append(line.replace(model.status_text, "Proposed" if model.status_text[:1].isupper() else "proposed"))
        elif number == model.date_line:
            head.append(line.replace(model.date, spell_date(date, model.date)))
        elif not line.strip() or re.fullmatch(r"\|?[\s:|-]+\|?", line):
            head.append(line)
    own = text.splitlines(keepends=True)
    title = next(i for i, line in enumerate(own) if line.startswith("# "))
    sections = [i for i in range(title + 1, len(own)) if own[i].startswith("## ")]
    body = next((i for i in sections if own[i].strip().lower() != "## status"), len(own))  # the head replaces it
    compact = re.sub(r"\n{3,}", "\n\n", "\n".join(head).strip("\n"))
    return "".join([*own[: title + 1], "\n", compact, "\n\n", *own[body:]])


def spell_date(iso: str, example: str) -> str:
    """`iso` spelt like `example`: 2020, 2020-05, 05/03/2021, March 2021, or ISO."""
    day = dt.date.fromisoformat(iso)
    if re.fullmatch(r"\d{4}", example):
        return f"{day.year}"
    if re.fullmatch(r"\d{4}-\d{2}", example):
        return f"{day.year}-{day.month:02d}"
    if re.fullmatch(r"\d{2}/\d{2}/\d{4}", example):
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    if re.fullmatch(r"[A-Z][a-z]+ \d{4}", example):
        return f"{day:%B} {day.year}"
    return iso
