"""Reading one ADR file in any of the layouts real logs use, cheaply enough for a 1,000-record log.

The number comes from the file name (advisor/adr/layout.py: `0001-`, `ADR001-`, `ADR001_`, `ADR-0001-`,
`adr-001-`, or a log4brains `YYYYMMDD-` date with no number); front matter keys (MADR) are read here
line by line; the title, status, date and links of the body's head are read by advisor/adr/head.py.
The YAML of the front matter and of the `advisor:` block is parsed only when a caller asks for it
(`Record.advisor()`, `Record.front_matter_yaml()`), so `adr list` never pays for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from advisor.errors import Problem

from advisor.adr.head import REVIEW_KEYS, Link, add_link, read_head, resolve_target, set_status
from advisor.adr.layout import DATE_NAMED, DATED, NUMBERED, date_of, is_template, number_of, slug_of, split_title

STATUSES = ("proposed", "accepted", "rejected", "deprecated", "superseded")
MAX_YAML = 64 * 1024  # front matter or an advisor block: advisor's own are under 10 KiB; bigger is not read
_TOP_KEY = re.compile(r"^([A-Za-z][\w-]*):[ \t]*(.*)$")
_ADVISOR_COMMENT = "<!-- advisor"


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
    date_iso: str = ""  # the date read as YYYY-MM-DD (advisor/adr/dates.py), "" when it does not read
    title_fm_line: int | None = None  # the line of a `title:` front matter key
    review: str = ""  # `review-by:` / `review-date:` as written: when the decision is to be looked at again
    review_line: int | None = None
    links: list[Link] = field(default_factory=list)
    front_matter: str | None = None  # raw text between the --- lines
    advisor_text: str | None = None  # YAML of the advisor block (front matter or trailing comment)
    advisor_line: int | None = None
    answers_text: str | None = None  # YAML of the answers block in the body (format 2; see answers_block.py)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (line, message) found while reading
    ignores: list[tuple[int, str]] = field(default_factory=list)  # (line, rule id) of `advisor-check: ignore`
    _front_matter_yaml: tuple[Any, Problem | None] | None = field(default=None, init=False, repr=False, compare=False)
    _advisor_block: tuple[dict[str, Any] | None, str | None] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def file(self) -> str:
        return self.path.name

    id_style: tuple[str, int] = ("ADR-", 4)  # the log's own: ("ADR", 3) prints ADR012 (advisor/adr/log.py)

    @property
    def id(self) -> str:
        prefix, width = self.id_style
        return f"{prefix}{self.number:0{width}d}" if self.number is not None else self.path.stem

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
        Read once per record: `check`, the planner and `advisor org` each ask for it.
        """
        if self._advisor_block is None:
            self._advisor_block = self._read_advisor_block()
        block, problem = self._advisor_block
        return (dict(block) if block is not None else None), problem

    def _read_advisor_block(self) -> tuple[dict[str, Any] | None, str | None]:
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
        if block.get("format") == 2:
            block, problem = self._with_body_answers(block)
            if problem:
                return None, problem
        problem = _block_shape_problem(block)
        return (None, f"the advisor block is malformed: {problem}") if problem else (block, None)

    def _with_body_answers(self, block: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
        """A format-2 block with `answers` filled in from the record's body, as format 1 held them."""
        if self.answers_text is None:
            return block, "the answers block (```yaml advisor-answers) is missing or not closed"
        answers, problem = _load_yaml(self.answers_text, str(self.path))
        if problem is not None:
            return block, f"the answers block does not read: {problem.message}"
        return {**block, "answers": answers}, None


def _load_yaml(text: str, file: str) -> tuple[Any, Problem | None]:
    from advisor.errors import InputError, Problem
    from advisor.yamlio import load_yaml_text

    if len(text) > MAX_YAML:  # checked before parsing: PyYAML's pure loader takes seconds per megabyte
        return None, Problem(file, f"larger than {MAX_YAML // 1024} KiB; it is not read")
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
    if is_template(name):
        return None
    if DATED.match(name) and number_of(name) is None:
        return "log4brains"
    if NUMBERED.match(name) or DATE_NAMED.match(name):
        return "numbered"
    return None


_IGNORE = re.compile(r"<!--\s*advisor-check:\s*ignore\s([^<>]*?)-->")  # the ids, spaces around them included
_IDS = re.compile(r"[\s,]+")


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
            if sum(len(line) + 1 for line in lines[1:end]) > MAX_YAML:
                record.problems.append((1, f"the front matter is larger than {MAX_YAML // 1024} KiB; it is not read"))
            else:
                _read_front_matter(record, lines[1:end])
            start = end + 1
        else:
            record.problems.append((1, "the front matter opened on line 1 is not closed (a '---' line)"))
    read_head(record, lines, start)
    if not record.title and record.front_matter is not None:
        _title_from_front_matter(record)
    if not record.date and kind != "log4brains":  # `2021-06-05_001-x.md`: the name's date, if the record has none
        record.date = date_of(path.name)
    if record.advisor_text is None:
        _read_advisor_comment(record, lines)
    if record.advisor_text is not None:
        from advisor.adr.answers_block import find

        record.answers_text, _ = find(lines)
    if "advisor-check" in text:
        for index, line in enumerate(lines):
            for match in _IGNORE.finditer(line):
                record.ignores += [(index + 1, rule) for rule in _IDS.split(match.group(1)) if rule]
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
            if _BLOCK_SCALAR.match(value) and current in ("status", "date", "title"):
                value = _from_yaml(record, current, number) or ""
            if current == "status":
                set_status(record, value, number, "front-matter")
            elif current == "date":
                record.date, record.date_line = value, number
            elif current == "title":
                record.title_fm_line = number
            elif current.replace("_", "-") in REVIEW_KEYS and value and not record.review_line:
                record.review, record.review_line = value, number
            elif current == "advisor":
                record.advisor_text, record.advisor_line = record.front_matter, number
            elif current in ("supersedes", "superseded-by", "links") and value:
                for item in _flow_items(value):
                    add_link(record, "supersedes" if current == "supersedes" else "", item, number)
        elif current in ("supersedes", "links") and line.lstrip().startswith("- "):
            add_link(record, "supersedes" if current == "supersedes" else "", _unquote(line.strip()[2:]), number)


_BLOCK_SCALAR = re.compile(r"^[|>][-+0-9]*$")


def _title_from_front_matter(record: Record) -> None:
    """Docusaurus and Jekyll logs title a record in its front matter only (`title: |` blocks included)."""
    if not record.title_fm_line:
        return
    data, problem = record.front_matter_yaml()
    value = data.get("title") if isinstance(data, dict) and problem is None else None
    if isinstance(value, str | int | float) and str(value).strip():
        heading = " ".join(str(value).split())
        record.title_prefix, record.title = split_title(heading, record.number)
        record.title_line = record.title_fm_line
    else:
        record.problems.append((record.title_fm_line, "front matter: title does not read as text"))


def _from_yaml(record: Record, key: str, number: int) -> str | None:
    """A front matter value the line reader cannot take (`|` and `>` blocks, a date YAML reads as a date)."""
    data, problem = record.front_matter_yaml()
    value = data.get(key) if isinstance(data, dict) and problem is None else None
    if value is None or isinstance(value, list | dict):
        return None
    return " ".join(str(value).split())


def _read_advisor_comment(record: Record, lines: list[str]) -> None:
    """The Nygard template keeps its advisor block in a trailing HTML comment, invisible when rendered."""
    for index in range(len(lines) - 1, -1, -1):
        # `<!-- advisor` alone on its line; `<!-- advisor-check: ignore ADR009 -->` is an ignore, not a block
        if lines[index].startswith(_ADVISOR_COMMENT) and not lines[index][len(_ADVISOR_COMMENT) :].strip():
            end = next((j for j in range(index + 1, len(lines)) if lines[j].strip() == "-->"), len(lines))
            record.advisor_text = "\n".join(["advisor:", *lines[index + 1 : end]]) + "\n"
            record.advisor_line = index + 1
            return


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _flow_items(value: str) -> list[str]:
    if value.startswith("[") and value.endswith("]"):
        return [_unquote(item) for item in value[1:-1].split(",") if item.strip()]
    return [value]


__all__ = ["DATED", "NUMBERED", "Link", "Record", "parse_record", "resolve_target", "style_of"]
