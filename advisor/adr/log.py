"""The ADR folder as a whole: where it is, what it holds, the next number, and references between records.

Discovery order follows the tools teams already use: `--adr-dir`, a `.adr-dir` file (adr-tools),
`docs/decisions` (MADR), `docs/adr`, `doc/adr`; the default is `docs/adr`. Files that are not
records (README, index, images, templates) are skipped, never reported.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from advisor.adr.layout import DATED, NamePattern, name_pattern, number_of, title_prefix_for
from advisor.adr.records import Link, Record, parse_record, style_of
from advisor.errors import InputError, Problem
from advisor.yamlio import decode_text

CANDIDATES = ("docs/decisions", "docs/adr", "doc/adr")
SLUG_MAX = 80
MAX_RECORD_BYTES = 2 * 1024 * 1024  # the longest real ADRs are tens of KiB; a bigger file is not one


def find_adr_dir(options=None, *, adr_dir: Path | None = None, base_dir: Path | None = None) -> Path:
    """The ADR folder: accepts pipeline Options or the two values directly."""
    if options is not None:
        adr_dir, base_dir = options.adr_dir, options.base_dir
    if adr_dir is not None:
        return adr_dir
    base = base_dir or Path.cwd()
    marker = base / ".adr-dir"
    if marker.is_file():
        value = marker.read_text(encoding="utf-8").strip()
        if value:
            return base / value
    for candidate in CANDIDATES:
        if (base / candidate).is_dir():
            return base / candidate
    return base / "docs/adr"


@dataclass
class AdrLog:
    folder: Path
    records: list[Record]
    texts: dict[str, str]  # file name -> text as read (for edits that must change one line only)
    # Record files that are not UTF-8 text: never parsed or edited, reported by `check`, and their
    # numbers stay taken so a new record cannot reuse one.
    unreadable: list[Problem] = field(default_factory=list)

    def sorted(self) -> list[Record]:
        return sorted(self.records, key=_order)

    def by_file(self, name: str) -> Record | None:
        return next((r for r in self.records if r.file == name), None)

    def by_number(self, number: int) -> list[Record]:
        return [r for r in self.records if r.number == number]

    def find(self, ref: str) -> Record:
        """A record from what a user types: 5, 0005, ADR-0005, a file name or path, or a log4brains stem."""
        name = Path(ref).name
        found = self.by_file(name) or self.by_file(name + ".md")
        if found:
            return found
        match = re.fullmatch(r"(?:ADR-)?(\d+)", ref.strip(), re.IGNORECASE)
        candidates = self.by_number(int(match.group(1))) if match else []
        if len(candidates) == 1:
            return candidates[0]
        why = "is ambiguous (run `advisor adr renumber`)" if candidates else "names no record"
        raise InputError([Problem(str(self.folder), f"{ref!r} {why}")])

    def resolve(self, link: Link) -> list[Record]:
        """The records a link points at: none (dangling), one, or several when numbers collide."""
        if link.file:
            found = self.by_file(link.file)
            return [found] if found else []
        return self.by_number(link.number) if link.number is not None else []

    def next_number(self) -> int:
        taken = [r.number for r in self.records if r.number is not None]
        taken += [n for p in self.unreadable if (n := number_of(Path(p.file).name)) is not None]
        return max(taken, default=0) + 1

    def dated_only(self) -> bool:
        """A log4brains folder: every record is date-named, so new ones are too."""
        return bool(self.records) and all(r.number is None for r in self.records)

    def new_name(self, title: str, date: str, slug: str | None = None) -> tuple[str, int | None]:
        """(file name, number) for a new record: `NNNN-slug.md`, or `YYYYMMDD-slug.md` in a log4brains folder.

        The slug comes from the title unless given (a superseding record names what distinguishes it)."""
        slug = slug or slugify(title)
        if self.dated_only():
            stem = date.replace("-", "") + "-" + slug
            name, counter = f"{stem}.md", 2
            while (self.folder / name).exists():
                name, counter = f"{stem}-{counter}.md", counter + 1
            return name, None
        number = self.next_number()
        return self.name_pattern().name(number, slug), number

    def name_pattern(self) -> NamePattern:
        """The file-name shape most records use (`ADR001_slug.md`, ...); `0001-slug.md` for an empty folder."""
        return _most_common([p for r in self.sorted() if (p := name_pattern(r.file))], NamePattern())

    def title_prefix(self, number: int | None) -> str | None:
        """The prefix the latest numbered records put before their titles (`ADR012: `, or none); None if no record."""
        numbered = [r for r in self.sorted() if r.number is not None and r.title_line]
        if number is None or not numbered:
            return None
        prefixes = [r.title_prefix for r in numbered[-5:]]
        shape = _most_common([re.sub(r"\d+", "N", p) for p in prefixes], "")  # `ADR-0001 - ` and `ADR-0002 - ` agree
        example = next(p for p in reversed(prefixes) if re.sub(r"\d+", "N", p) == shape)
        return title_prefix_for(example, number)

    def reference(self, target: Record, style: str) -> str:
        """How a record written in `style` names `target` in a status or link line."""
        if style == "madr":
            return target.id if target.number is not None else target.file
        label = f"{target.number}. {target.title}" if style == "nygard" and target.number is not None else target.id
        return f"[{label}]({target.file})"


def load_log(folder: Path) -> AdrLog:
    records: list[Record] = []
    texts: dict[str, str] = {}
    unreadable: list[Problem] = []
    if folder.is_dir():
        with os.scandir(folder) as entries:
            for entry in entries:
                if not entry.name.endswith(".md"):
                    continue
                try:
                    is_file = entry.is_file()
                except OSError:  # a symlink loop
                    is_file = False
                if not is_file:
                    if entry.is_symlink() and style_of(entry.name):  # a loop or a dangling link: say so
                        unreadable.append(Problem(entry.path, "cannot read: a symlink loop or a symlink to nothing"))
                    continue
                path = Path(entry.path)
                try:
                    with path.open("rb") as handle:
                        raw = handle.read(MAX_RECORD_BYTES + 1)
                    if len(raw) > MAX_RECORD_BYTES and style_of(entry.name):
                        limit = f"{MAX_RECORD_BYTES // (1024 * 1024)} MiB"
                        unreadable.append(Problem(str(path), f"larger than {limit}; split it or move the data out"))
                        continue
                    text = decode_text(raw, str(path), "ADR file")
                except OSError as exc:
                    if style_of(entry.name):
                        unreadable.append(Problem(str(path), f"cannot read: {exc.strerror or exc}"))
                    continue
                except InputError as exc:
                    if style_of(entry.name):
                        unreadable.extend(exc.problems)
                    continue
                record = parse_record(path, text)
                if record is not None:
                    records.append(record)
                    texts[record.file] = text
    return AdrLog(folder, sorted(records, key=_order), texts, unreadable)


def _most_common(items: list, default):
    """The most frequent item; on a tie, the one the latest records use."""
    if not items:
        return default
    counts = {item: items.count(item) for item in items}
    return max(reversed(items), key=lambda item: counts[item])


def slugify(title: str) -> str:
    """A file-name slug safe on every OS: ASCII letters, digits and '-', bounded, never empty."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0] if "-" in slug[:SLUG_MAX] else slug[:SLUG_MAX]
        # a title cut short should not end on a dangling "and" or "with"
        words = slug.split("-")
        while len(words) > 1 and words[-1] in _CONNECTORS:
            words.pop()
        slug = "-".join(words)
    return slug or "decision"


_CONNECTORS = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}


def _order(record: Record) -> tuple:
    if record.number is not None:
        return (0, record.number, record.file)
    match = DATED.match(record.file)
    return (1, match.group(1) if match else "", record.file)
