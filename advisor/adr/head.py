"""The head of a record: title, status, date and links, in every layout real logs use.

Read from the blocks of the lines before the first section other than Status: `Status:` / `**Status:**`
lines and `* Status:` bullets (MADR 2, log4brains), the first line under `## Status` (adr-tools) or the
last bullet of a status history there, `| Status | Accepted |` rows or a table with a Status column.
A status keeps its first word (or a phrase such as `on hold`); what follows it may be links
(`Accepted, amended by [ADR004](...)`), recorded as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.adr.blocks import blocks
from advisor.adr.layout import normalise_kind, split_title, status_word
from advisor.adr.links import ADR_REF as _ADR_REF
from advisor.adr.links import MD_LINK as _MD_LINK
from advisor.adr.links import kind_of, link_line, links_in_text, split_kind, without_comments

if TYPE_CHECKING:
    from advisor.adr.records import Record

REVIEW_KEYS = ("review-by", "review-date", "review by", "review date", "reviewby", "reviewdate")

MAX_LINE = 8192  # characters of a head line read for metadata; a status or a link list is never longer
_BARE_NUMBER = re.compile(r"^\s*(\d+)\b")
_TABLE_RULE = re.compile(r":?-{2,}:?")
_EMPHASIS = re.compile(r"[*_]")
_KEY_VALUE = re.compile(r"^[*_]{0,2}(status|date)[*_]{0,2}\s*:\s*[*_]{0,2}\s*(.*)$", re.IGNORECASE)
_DATE_NO_COLON = re.compile(r"^date[ \t]+\d", re.IGNORECASE)
_EMPHASIS_MARK = re.compile(r"(?<![\w/])_+|(?<!_)_++(?![\w.])")  # each run of `_` tried once: linear
_SCHEME = re.compile(r"\A[A-Za-z][A-Za-z0-9+.-]*:")  # anchored: never tried from every position of a line
_SITE_ADDRESS = re.compile(r"(?<=/)(?:\d+|\d+-[\w.-]+?)(?=(?:\.html)?/?$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Link:
    """A relation written in a record: "superseded by", "supersedes", or any adr-tools link kind."""

    kind: str  # lower case: "superseded by", "supersedes", "amends", ...
    target: str  # as written: "ADR-0004", "[4. Title](0004-title.md)", "0004"
    line: int
    file: str | None = None  # the linked file name, when the link names one
    number: int | None = None  # the linked number, when it names only a number


def read_head(record: Record, lines: list[str], start: int) -> None:
    """Parse the title, metadata and Status section: only the lines before the first other section."""
    end, fence = len(lines), None
    for i in range(start, len(lines)):
        match = _FENCE.match(lines[i])
        if match:
            fence = None if fence and match.group(1)[0] == fence else (fence or match.group(1)[0])
        elif fence is None and lines[i].startswith("## ") and lines[i][3:].strip().lower() != "status":
            end = i
            break
    section = ""
    head = "\n".join(line[:MAX_LINE] for line in lines[start:end])  # capped before any pattern sees it
    for token_type, content, line in blocks(head):
        number = start + line + 1
        if token_type == "h1" and not record.title:
            record.title_prefix, record.title = split_title(content, record.number)
            record.title_line = number
        elif token_type == "h2":
            section = content.strip().lower()
        elif content.lstrip().startswith("|"):
            _read_table(record, content.splitlines(), number)
        else:
            for offset, text in enumerate(content.splitlines()):
                _read_line(record, text.strip(), number + offset, section, token_type == "li")


# The relations a plain `Kind: target` line (not a bullet) is read as; any other `Word: [x](y)` line is prose.
RELATIONS = frozenset({
    "supersedes", "superseded by", "amends", "amended by", "clarifies", "clarified by", "extends", "extended by",
    "relates to", "related to", "depends on", "replaces", "replaced by", "reverts", "reverted by",
})  # fmt: skip
_HEADER_WORDS = {"", "status", "date", "deciders", "decision makers", "authors", "author", "owner", "tags"}


def _read_table(record: Record, rows: list[str], first: int) -> None:
    """A metadata table: `| Status | Accepted |` rows, or a header row naming a Status/Date column."""
    header: list[str] | None = None
    for offset, row in enumerate(rows):
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        if all(_TABLE_RULE.fullmatch(cell) for cell in cells if cell):
            continue
        keys = [_EMPHASIS.sub("", cell).strip().lower() for cell in cells]
        if header is None and len(cells) >= 2 and keys[0] in ("status", "date") and keys[1] not in _HEADER_WORDS:
            _read_key(record, keys[0], cells[1], first + offset, "table")
            continue
        if header is None and len(cells) >= 2 and (_MD_LINK.search(cells[1]) or _ADR_REF.search(cells[1])):
            add_link(record, keys[0], cells[1], first + offset)  # `| Supersedes | [ADR002](...) |`
            continue
        if header is None and ("status" in keys or "date" in keys):
            header = keys
            continue
        if header is not None:
            for key, cell in zip(header, cells, strict=False):
                if key in ("status", "date"):
                    _read_key(record, key, cell, first + offset, "table")
            header = []


def _read_key(record: Record, key: str, value: str, number: int, layout: str) -> None:
    value = value.strip()
    if key == "date" and value and not record.date_line:
        record.date, record.date_line = value, number
    elif key == "status" and value and not record.status_line:
        set_status(record, value, number, layout)


def _read_line(record: Record, text: str, number: int, section: str, bullet: bool) -> None:
    key, _, value = text.partition(":")
    key = key.strip().strip("*_").strip().lower()
    pair = _KEY_VALUE.match(text)
    if section == "status" and not bullet and not pair:
        link = link_line(text)
        kind = normalise_kind(link[0]) if link else ""
        if link and kind != "status" and record.status_line:
            add_link(record, kind, link[1], number)
        elif text and not record.status_line and not text.startswith("<!--"):
            set_status(record, text, number, "section")
    elif section == "status" and bullet and not pair and not link_line(text):
        # a status history (`* Proposed (2021-09-02)` then `* Accepted (...)`): the latest line is current
        if not record.status_line or record.status_layout == "history":
            set_status(record, text, number, "history")
    elif value.strip() and key.replace("_", "-") in REVIEW_KEYS and not record.review_line:
        record.review, record.review_line = value.strip().strip("*_ "), number  # `Review-by: 2025-01-01`
    elif not pair and _DATE_NO_COLON.match(text):  # `Date 09/04/2018`
        _read_key(record, "date", text[4:].strip(" *_"), number, "bullet" if bullet else "line")
    elif pair:
        _read_key(record, pair.group(1).lower(), pair.group(2).rstrip("*_ "), number, "bullet" if bullet else "line")
    elif bullet and value and (_MD_LINK.search(value) or _ADR_REF.search(value)) and key not in ("technical story",):
        add_link(record, key, value.strip(), number)
    elif value and normalise_kind(key) in RELATIONS and (_MD_LINK.search(value) or _ADR_REF.search(value)):
        # `Supersedes: [1. X](0001-x.md)` beside a plain `Status:` line, as `adr supersede` writes it there
        add_link(record, key, value.strip(), number)


def set_status(record: Record, text: str, line: int, layout: str) -> None:
    record.status_text, record.status_line, record.status_layout = text, line, layout
    record.status, record.status_note = status_word(text)
    # "Accepted, amended by [5](0005-x.md)": the qualifier is a link (but not a link inside an HTML comment)
    # `**Superseded** by [..]`, `_Superseded_ by`: emphasis around the words is not part of the link's kind
    plain = _EMPHASIS_MARK.sub("", without_comments(text).replace("*", ""))
    for words, target in links_in_text(plain):
        add_link(record, kind_of(words.strip().lower()), target, line)  # "Accepted, amended by" -> "amended by"


def add_link(record: Record, kind: str, target: str, line: int) -> None:
    kind = normalise_kind(kind.strip().lower())
    if not kind:  # "Amends ADR-0003" in a MADR `links:` list
        split = split_kind(target)
        if split is None:
            return
        kind, target = split[0].strip().lower(), split[1]
    record.links.append(Link(kind, target, line, *resolve_target(target)))


def resolve_target(target: str) -> tuple[str | None, int | None]:
    """(file name, number) that a link names; either may be None."""
    match = _MD_LINK.search(target)
    href = match.group(2).split("#", 1)[0] if match else ""
    if _SCHEME.match(href) or href.startswith("//"):
        return None, None  # `Reverted by [discussion #1198](https://...)`: an external page, never a record
    if href.endswith(".md"):
        return href.rsplit("/", 1)[-1], None
    site = _SITE_ADDRESS.search(href) if href.startswith("/") else None  # `/adr/23`, `/decisions/0023-x`
    if site:
        return (site.group(0) + ".md", None) if not site.group(0).isdigit() else (None, int(site.group(0)))
    if target.strip().endswith(".md") and " " not in target.strip():
        return target.strip().rsplit("/", 1)[-1], None
    for pattern in (_ADR_REF, _BARE_NUMBER):
        found = pattern.search(target)
        if found:
            return None, int(found.group(1))
    return None, None
