"""Reading one ADR file in any of the three common styles, cheaply enough for a 1,000-record log.

Styles: MADR (YAML front matter `status:`/`date:`), adr-tools/Nygard (`# 12. Title`, `Date:`,
a `## Status` section with "Superseded by"/"Supercedes" lines) and log4brains (`YYYYMMDD-slug.md`
names, `- Status:`/`- Date:` bullets). Only the head of the body (up to the first section after
Status) goes through markdown-it-py, and front matter keys are read line by line; the YAML of the
`advisor:` block is parsed only when a caller asks for it (`Record.advisor()`), so `adr list`
never pays for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from advisor.errors import Problem

from advisor.adr.layout import DATED, NUMBERED, normalise_kind, number_of, slug_of, split_title, status_word

STATUSES = ("proposed", "accepted", "rejected", "deprecated", "superseded")
_TOP_KEY = re.compile(r"^([A-Za-z][\w-]*):[ \t]*(.*)$")
_MD_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
_ADR_REF = re.compile(r"\bADR[-_ ]?(\d+)\b", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\s*(\d+)\b")
_LINK_LINE = re.compile(r"^([A-Z][A-Za-z ]*?)\s+(\[.*\]\(.*\)|ADR[-_ ]?\d+)", re.IGNORECASE)
_IN_TEXT_LINK = re.compile(r"([A-Za-z][A-Za-z ]*?)\s+(\[[^\]]*\]\([^)\s]+\)|ADR[-_ ]?\d+\b)", re.IGNORECASE)
_KEY_VALUE = re.compile(r"^[*_]{0,2}(status|date)[*_]{0,2}\s*:\s*[*_]{0,2}\s*(.*)$", re.IGNORECASE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ADVISOR_COMMENT = "<!-- advisor"


@dataclass(frozen=True)
class Link:
    """A relation written in a record: "superseded by", "supersedes", or any adr-tools link kind."""

    kind: str  # lower case: "superseded by", "supersedes", "amends", ...
    target: str  # as written: "ADR-0004", "[4. Title](0004-title.md)", "0004"
    line: int
    file: str | None = None  # the linked file name, when the link names one
    number: int | None = None  # the linked number, when it names only a number


@dataclass
class Record:
    path: Path
    style: str  # madr | nygard | log4brains
    number: int | None
    title: str = ""
    title_line: int | None = None
    title_prefix: str = ""  # as written before the title: "12. ", "ADR012: ", "ADR-0012 - "
    status: str = ""  # first word (or phrase such as "on hold"), lower case, one spelling: accepted, superseded
    status_text: str = ""  # the status as written
    status_line: int | None = None
    status_note: str = ""  # what follows the status word: "amended by [..]", "Note: ..."
    status_layout: str = ""  # front-matter | section | bullet | line | table
    date: str = ""
    date_line: int | None = None
    links: list[Link] = field(default_factory=list)
    front_matter: str | None = None  # raw text between the --- lines
    advisor_text: str | None = None  # YAML of the advisor block (front matter or trailing comment)
    advisor_line: int | None = None
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message) found while reading
    ignores: list[tuple[int, str]] = field(default_factory=list)  # (line, rule id) of `advisor-check: ignore`
    _front_matter_yaml: tuple[Any, Problem | None] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def file(self) -> str:
        return self.path.name

    @property
    def id(self) -> str:
        return f"ADR-{self.number:04d}" if self.number is not None else self.path.stem

    @property
    def slug(self) -> str:
        return slug_of(self.path.name)

    def links_of(self, kind: str) -> list[Link]:
        kinds = {"supersedes", "supercedes"} if kind == "supersedes" else {kind}
        return [link for link in self.links if link.kind in kinds]

    def front_matter_yaml(self) -> tuple[Any, Problem | None]:
        """The front matter as YAML data, or the problem that stops it reading; parsed once per record."""
        if self._front_matter_yaml is None:
            self._front_matter_yaml = _load_yaml(self.front_matter or "", str(self.path))
        return self._front_matter_yaml

    def advisor(self) -> dict[str, Any] | None:
        """The machine-readable block advisor wrote, or None for a hand-written record (or a broken block)."""
        return self.advisor_block()[0]

    def advisor_block(self) -> tuple[dict[str, Any] | None, str | None]:
        """(block, None) when the block reads and has the shape advisor writes; (None, why) when it does not.

        The block is read back from files people edit, so its shape is checked here once rather than
        by every caller (a `generated:` list of strings, or an `outcome:` list, used to crash `check`).
        """
        if self.advisor_text is None:
            return None, None
        if self.advisor_text is self.front_matter:  # parsed once for `check`'s front matter rule and for this
            data, problem = self.front_matter_yaml()
        else:
            data, problem = _load_yaml(self.advisor_text, str(self.path))
        if problem is not None:
            return None, f"the advisor block does not read: {problem.message}"
        block = data.get("advisor") if isinstance(data, dict) else None
        if not isinstance(block, dict):
            return None, "the advisor block must be a mapping"
        problem = _block_shape_problem(block)
        return (None, f"the advisor block is malformed: {problem}") if problem else (block, None)


def _load_yaml(text: str, file: str) -> tuple[Any, Problem | None]:
    from advisor.errors import InputError
    from advisor.yamlio import load_yaml_text

    try:  # bounded: an alias bomb in a hand-edited block must not cost minutes and gigabytes
        return load_yaml_text(text, file).data, None
    except InputError as exc:
        return None, exc.problems[0]


def _block_shape_problem(block: dict[str, Any]) -> str | None:
    for key, kind in (("answers", dict), ("outcome", dict), ("answers_file", str), ("answers_sha256", str)):
        if key in block and block[key] is not None and not isinstance(block[key], kind):
            return f"{key} must be a {'mapping' if kind is dict else 'string'}"
    outcome = block.get("outcome") or {}
    if not isinstance(outcome.get("choices") or {}, dict):
        return "outcome.choices must be a mapping"
    project = (block.get("answers") or {}).get("project")
    if project is not None and not isinstance(project, dict):
        return "answers.project must be a mapping"
    generated = block.get("generated") or []
    if not isinstance(generated, list):
        return "generated must be a list"
    for index, item in enumerate(generated):
        if not (isinstance(item, dict) and isinstance(item.get("path"), str) and isinstance(item.get("sha256"), str)):
            return f"generated[{index}] must be a mapping with a path and a sha256"
    return None


def style_of(name: str) -> str | None:
    if DATED.match(name):
        return "log4brains"
    if NUMBERED.match(name):
        return "numbered"
    return None


_IGNORE = re.compile(r"<!--\s*advisor-check:\s*ignore\s+([^>]*?)\s*-->")


def parse_record(path: Path, text: str) -> Record | None:
    """The record in `text`, or None when the file name is not an ADR's (README, index, template)."""
    kind = style_of(path.name)
    if kind is None:
        return None
    number = number_of(path.name)
    lines = text.splitlines()
    record = Record(path, "log4brains" if kind == "log4brains" else "nygard", number)
    start = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is not None:
            record.style = "madr"
            _read_front_matter(record, lines[1:end])
            start = end + 1
        else:
            record.problems.append((1, "the front matter opened on line 1 is not closed (a '---' line)"))
    _read_head(record, lines, start)
    if record.advisor_text is None:
        _read_advisor_comment(record, lines)
    if "advisor-check" in text:
        for index, line in enumerate(lines):
            for match in _IGNORE.finditer(line):
                record.ignores += [(index + 1, rule) for rule in re.split(r"[\s,]+", match.group(1)) if rule]
    return record


def _read_front_matter(record: Record, lines: list[str]) -> None:
    record.front_matter = "\n".join(lines) + "\n"
    current = None
    seen: dict[str, int] = {}
    for index, line in enumerate(lines):
        number = index + 2
        match = _TOP_KEY.match(line)
        if match:
            current, value = match.group(1).lower(), _unquote(match.group(2))
            if current in seen:  # YAML readers disagree on which one wins; make the author pick
                record.problems.append((number, f"duplicate key '{current}' (first on line {seen[current]})"))
            seen.setdefault(current, number)
            if current == "status":
                _set_status(record, value, number, "front-matter")
            elif current == "date":
                record.date, record.date_line = value, number
            elif current == "advisor":
                record.advisor_text, record.advisor_line = record.front_matter, number
            elif current in ("supersedes", "superseded-by", "links") and value:
                for item in _flow_items(value):
                    _add_link(record, "supersedes" if current == "supersedes" else "", item, number)
        elif current in ("supersedes", "links") and line.lstrip().startswith("- "):
            _add_link(record, "supersedes" if current == "supersedes" else "", _unquote(line.strip()[2:]), number)


def _read_head(record: Record, lines: list[str], start: int) -> None:
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
    for token_type, content, line in _blocks("\n".join(lines[start:end])):
        number = start + line + 1
        if token_type == "h1" and not record.title:
            record.title_prefix, record.title = split_title(content)
            record.title_line = number
        elif token_type == "h2":
            section = content.strip().lower()
        elif content.lstrip().startswith("|"):
            _read_table(record, content.splitlines(), number)
        else:
            for offset, text in enumerate(content.splitlines()):
                _read_line(record, text.strip(), number + offset, section, token_type == "li")


_HEADER_WORDS = {"", "status", "date", "deciders", "decision makers", "authors", "author", "owner", "tags"}


def _read_table(record: Record, rows: list[str], first: int) -> None:
    """A metadata table: `| Status | Accepted |` rows, or a header row naming a Status/Date column."""
    header: list[str] | None = None
    for offset, row in enumerate(rows):
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        if all(re.fullmatch(r":?-{2,}:?", cell) for cell in cells if cell):
            continue
        keys = [re.sub(r"[*_]", "", cell).strip().lower() for cell in cells]
        if header is None and len(cells) >= 2 and keys[0] in ("status", "date") and keys[1] not in _HEADER_WORDS:
            _read_key(record, keys[0], cells[1], first + offset, "table")
            continue
        if header is None and len(cells) >= 2 and (_MD_LINK.search(cells[1]) or _ADR_REF.search(cells[1])):
            _add_link(record, keys[0], cells[1], first + offset)  # `| Supersedes | [ADR002](...) |`
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
        _set_status(record, value, number, layout)


def _read_line(record: Record, text: str, number: int, section: str, bullet: bool) -> None:
    key, _, value = text.partition(":")
    key = key.strip().strip("*_").strip().lower()
    pair = _KEY_VALUE.match(text)
    if section == "status" and not bullet and not pair:
        link = _LINK_LINE.match(text)
        kind = normalise_kind(link.group(1)) if link else ""
        if link and kind != "status" and record.status_line:
            _add_link(record, kind, link.group(2), number)
        elif text and not record.status_line and not text.startswith("<!--"):
            _set_status(record, text, number, "section")
    elif section == "status" and bullet and not pair and not _LINK_LINE.match(text):
        # a status history (`* Proposed (2021-09-02)` then `* Accepted (...)`): the latest line is current
        if not record.status_line or record.status_layout == "history":
            _set_status(record, text, number, "history")
    elif pair:
        _read_key(record, pair.group(1).lower(), pair.group(2).rstrip("*_ "), number, "bullet" if bullet else "line")
    elif bullet and value and (_MD_LINK.search(value) or _ADR_REF.search(value)) and key not in ("technical story",):
        _add_link(record, key, value.strip(), number)


def _set_status(record: Record, text: str, line: int, layout: str) -> None:
    record.status_text, record.status_line, record.status_layout = text, line, layout
    record.status, record.status_note = status_word(text)
    # "Accepted, amended by [5](0005-x.md)": the qualifier is a link (but not a link inside an HTML comment)
    for match in _IN_TEXT_LINK.finditer(re.sub(r"<!--.*?(-->|$)", "", text)):
        words = match.group(1).strip().lower()
        tail = re.search(r"(?:(?:partly|partially) )?\w+ (?:by|to)$", words)  # "Accepted, amended by" -> "amended by"
        _add_link(record, tail.group(0) if tail else words, match.group(2), line)


def _add_link(record: Record, kind: str, target: str, line: int) -> None:
    kind = normalise_kind(kind.strip().lower())
    if not kind:  # "Amends ADR-0003" in a MADR `links:` list
        words = re.split(r"\s+(?=\[|ADR-)", target, maxsplit=1, flags=re.IGNORECASE)
        if len(words) != 2:
            return
        kind, target = words[0].strip().lower(), words[1]
    record.links.append(Link(kind, target, line, *resolve_target(target)))


def resolve_target(target: str) -> tuple[str | None, int | None]:
    """(file name, number) that a link names; either may be None."""
    match = _MD_LINK.search(target)
    href = match.group(2).split("#", 1)[0] if match else ""
    if href.endswith(".md"):
        return href.rsplit("/", 1)[-1], None
    if target.strip().endswith(".md") and " " not in target.strip():
        return target.strip().rsplit("/", 1)[-1], None
    for pattern in (_ADR_REF, _BARE_NUMBER):
        found = pattern.search(target)
        if found:
            return None, int(found.group(1))
    return None, None


def _read_advisor_comment(record: Record, lines: list[str]) -> None:
    """The Nygard template keeps its advisor block in a trailing HTML comment, invisible when rendered."""
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].startswith(_ADVISOR_COMMENT):
            end = next((j for j in range(index + 1, len(lines)) if lines[j].strip() == "-->"), len(lines))
            record.advisor_text = "\n".join(["advisor:", *lines[index + 1 : end]]) + "\n"
            record.advisor_line = index + 1
            return


def _blocks(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, first line) of each heading, paragraph and list item; inline markup left raw.

    A record's head is usually plain: ATX headings, one-line bullets, short paragraphs. Those are
    split line by line (markdown-it-py costs about half a millisecond per call, which a 1,000-record
    log would feel); anything else (fences, setext headings, nesting, HTML, quotes, tables) goes
    through markdown-it-py. tests/adr/test_records.py checks that both give the same blocks.
    """
    return _simple_blocks(text) if not _COMPLEX.search(text) else _markdown_blocks(text)


_COMPLEX = re.compile(r"^(?:[ ]{2,}|\t|```|~~~|<|>|=+[ \t]*$|-{2,}[ \t]*$|\d+[.)][ \t]|\||#{1,6}[^ #\n])", re.MULTILINE)
_ATX = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_BULLET = re.compile(r"^[-*+][ \t]+")


def _simple_blocks(text: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    paragraph: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n")):
        heading = _ATX.match(line)
        bullet = _BULLET.match(line)
        if paragraph and (not line.strip() or heading or bullet):
            out.append(("p", "\n".join(paragraph), start))
            paragraph = []
        if heading:
            out.append((f"h{len(heading.group(1))}", (heading.group(2) or "").strip(), number))
        elif bullet:
            out.append(("li", line[bullet.end() :].strip(), number))
        elif line.strip():
            if not paragraph:
                start = number
            paragraph.append(line.strip())
    if paragraph:
        out.append(("p", "\n".join(paragraph), start))
    return out


def _markdown_blocks(text: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    tokens = _markdown().parse(text)
    in_item = 0
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            in_item += 1
        elif token.type == "list_item_close":
            in_item -= 1
        elif token.type == "inline" and token.map is not None:
            opener = tokens[index - 1]
            kind = opener.tag if opener.type == "heading_open" else ("li" if in_item else "p")
            out.append((kind, token.content, token.map[0]))
    return out


@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable(["inline", "text_join"])


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _flow_items(value: str) -> list[str]:
    if value.startswith("[") and value.endswith("]"):
        return [_unquote(item) for item in value[1:-1].split(",") if item.strip()]
    return [value]
