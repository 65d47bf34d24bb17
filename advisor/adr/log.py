"""The ADR folder as a whole: where it is, what it holds, the next number, and references between records.

Discovery order follows the tools teams already use: `--adr-dir`, a `.adr-dir` file (adr-tools),
`docs/decisions` (MADR), `docs/adr`, `doc/adr`; the default is `docs/adr`. Files that are not
records (README, index, images, templates) are skipped, never reported.

The folder and its records are repository content: a folder found from `.adr-dir`, the config or the usual
places must lie inside the repository and be reached through no symlink (advisor.confine), and a record is
opened only as a regular file, never through a link. Reading is bounded: each record at 2 MiB, the whole log
at 256 MiB.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from advisor.adr.layout import NamePattern, date_of, name_pattern, number_of, title_prefix_for
from advisor.adr.records import Link, Record, parse_record, style_of
from advisor.errors import InputError, Problem
from advisor.yamlio import decode_text

CANDIDATES = ("docs/decisions", "docs/adr", "doc/adr")
SLUG_MAX = 80
MAX_RECORD_BYTES = 2 * 1024 * 1024  # the longest real ADRs are tens of KiB; a bigger file is not one
MAX_LOG_BYTES = 256 * 1024 * 1024  # all records together: beyond this, the rest are reported, not read
MAX_MARKER_BYTES = 4096  # `.adr-dir` holds one folder name


def find_adr_dir(
    options=None, *, adr_dir: Path | None = None, base_dir: Path | None = None, configured: Path | None = None
) -> Path:
    """The ADR folder: accepts pipeline Options or the values directly.

    `adr_dir` is the user's `--adr-dir`; `configured` is `adr-dir` from the config, a repository file like
    `.adr-dir`, so it must stay inside the repository (the one holding `base_dir`).
    """
    from advisor.confine import root

    if options is not None:
        adr_dir, base_dir = options.adr_dir, options.base_dir
        configured = options.configured_adr_dir
    base = base_dir or Path.cwd()
    if adr_dir is not None:
        return root(adr_dir, base, "the ADR folder (--adr-dir)", from_user=True)
    if configured is not None:  # the config may sit above `base`, at the repository root: confined to the repository
        from advisor.confine import repository_root

        top = repository_root(base) or base
        return root(configured, top, "the ADR folder (adr-dir in the config)", from_user=False)
    value = _marker(base / ".adr-dir")
    if value:
        return root(base / value, base, "the ADR folder named in .adr-dir", from_user=False)
    for candidate in CANDIDATES:
        if (base / candidate).is_dir():
            return root(base / candidate, base, "the ADR folder", from_user=False)
    return root(base / "docs/adr", base, "the ADR folder", from_user=False)


def _marker(path: Path) -> str:
    """The folder adr-tools' `.adr-dir` names: a small regular file, read without following a link."""
    if not os.path.lexists(path):
        return ""
    from advisor.confine import regular_file

    if not regular_file(path):
        raise InputError(
            [Problem(str(path), "must be a regular file (not a symlink or a folder) naming the ADR folder")]
        )
    with open(path, "rb") as handle:
        raw = handle.read(MAX_MARKER_BYTES + 1)
    if len(raw) > MAX_MARKER_BYTES:
        raise InputError([Problem(str(path), f"larger than {MAX_MARKER_BYTES} bytes; it holds one folder name")])
    lines = decode_text(raw, str(path), ".adr-dir").strip().splitlines()
    return lines[0].strip() if lines else ""


@dataclass
class AdrLog:
    folder: Path
    records: list[Record]
    texts: dict[str, str]  # file name -> text as read (for edits that must change one line only)
    # Record files that are not UTF-8 text: never parsed or edited, reported by `check`, and their
    # numbers stay taken so a new record cannot reuse one.
    unreadable: list[Problem] = field(default_factory=list)
    date_order: str | None = None  # day-first | month-first: how this log's `a/b/yyyy` dates read (dates.py)

    def sorted(self) -> list[Record]:
        return sorted(self.records, key=_order)

    _index: tuple[int, dict[str, Record], dict[int, list[Record]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def _indexes(self) -> tuple[dict[str, Record], dict[int, list[Record]]]:
        """Records by file and by number, built once: a lookup per link must not scan 20,000 records."""
        if self._index is None or self._index[0] != len(self.records):
            files: dict[str, Record] = {}
            numbers: dict[int, list[Record]] = {}
            for record in self.records:
                files.setdefault(record.file, record)
                if record.number is not None:
                    numbers.setdefault(record.number, []).append(record)
            self._index = (len(self.records), files, numbers)
        return self._index[1], self._index[2]

    def by_file(self, name: str) -> Record | None:
        return self._indexes()[0].get(name)

    def by_number(self, number: int) -> list[Record]:
        return list(self._indexes()[1].get(number, ()))

    def find(self, ref: str) -> Record:
        """A record from what a user types: 5, 0005, ADR-0005, a file name or path, or a log4brains stem."""
        name = Path(ref).name
        found = self.by_file(name) or self.by_file(name + ".md")
        if found:
            return found
        match = re.fullmatch(r"(?:ADR[-_]?)?(\d+)", ref.strip(), re.IGNORECASE)
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

    def new_name(
        self, title: str, date: str, slug: str | None = None, number: int | None = None
    ) -> tuple[str, int | None]:
        """(file name, number) for a new record: `NNNN-slug.md`, or `YYYYMMDD-slug.md` in a log4brains folder.

        The slug comes from the title unless given (a superseding record names what distinguishes it); the
        number is the next one unless given (one that no other branch uses)."""
        slug = slug or slugify(title)
        if self.dated_only():
            stem = date.replace("-", "") + "-" + slug
            name, counter = f"{stem}.md", 2
            while (self.folder / name).exists():
                name, counter = f"{stem}-{counter}.md", counter + 1
            return name, None
        number = number or self.next_number()
        return self.name_pattern().name(number, slug), number

    def id_style(self) -> tuple[str, int]:
        """How the log writes a record's id: its file names' prefix and width (`ADR012`, `ADR-0012`, `adr-012`);
        `ADR-0012` when the names carry no prefix (`0012-x.md`), as adr-tools and MADR logs write it in links."""
        pattern = self.name_pattern()
        return (pattern.prefix.rstrip("_").upper(), pattern.width) if pattern.prefix else ("ADR-", 4)

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


SYMLINK = "a symlink; records are read only as regular files, never through a link"


def load_log(folder: Path, date_order: str | None = None) -> AdrLog:
    """The records of `folder`; `date_order` (day-first, month-first) settles `09/04/2018` where the log does not."""
    log = _load(folder)
    from advisor.adr.dates import iso, settle

    log.date_order = settle([r.date for r in log.records], date_order)
    style = log.id_style()
    for record in log.records:
        record.id_style = style
        record.date_iso = iso(record.date, log.date_order)[0] or "" if record.date else ""
    return log


def _load(folder: Path) -> AdrLog:
    records: list[Record] = []
    texts: dict[str, str] = {}
    unreadable: list[Problem] = []
    budget = MAX_LOG_BYTES
    if folder.is_dir():
        with os.scandir(folder) as scan:
            entries = sorted((e for e in scan if e.name.endswith(".md")), key=lambda e: e.name)
        for entry in entries:
            record_name = style_of(entry.name) is not None
            if entry.is_symlink():
                if record_name:  # a link to a secret, a loop or nothing: never followed, always said
                    unreadable.append(Problem(entry.path, f"cannot read: {SYMLINK}"))
                continue
            path = Path(entry.path)
            try:
                raw = _read_regular(path, min(MAX_RECORD_BYTES, budget) + 1)
                if raw is None:
                    continue  # a folder, a pipe or a device named like a record: not a record
                if len(raw) > MAX_RECORD_BYTES and record_name:
                    limit = f"{MAX_RECORD_BYTES // (1024 * 1024)} MiB"
                    unreadable.append(Problem(str(path), f"larger than {limit}; split it or move the data out"))
                    continue
                if len(raw) > budget and record_name:
                    limit = f"{MAX_LOG_BYTES // (1024 * 1024)} MiB"
                    unreadable.append(Problem(str(path), f"not read: the records before it fill {limit}"))
                    continue
                text = decode_text(raw, str(path), "ADR file")
            except OSError as exc:
                if record_name:
                    unreadable.append(Problem(str(path), f"cannot read: {exc.strerror or exc}"))
                continue
            except InputError as exc:
                if record_name:
                    unreadable.extend(exc.problems)
                continue
            record = parse_record(path, text)
            if record is not None:
                budget -= len(raw)
                records.append(record)
                texts[record.file] = text
    return AdrLog(folder, sorted(records, key=_order), texts, unreadable)


def side_text(path: Path) -> str | None:
    """A file beside the records (an index): a regular file, never through a link, bounded like a record."""
    try:
        raw = _read_regular(path, MAX_RECORD_BYTES + 1)
    except OSError:
        return None
    if raw is None or len(raw) > MAX_RECORD_BYTES:
        return None
    return raw.decode("utf-8", errors="replace")


def _read_regular(path: Path, limit: int) -> bytes | None:
    """At most `limit` bytes of a regular file, opened without following a link or blocking on a pipe."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks, size = [], 0
        while size < limit:
            chunk = os.read(fd, min(1 << 20, limit - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _most_common(items: list, default):
    """The most frequent item; on a tie, the one the latest records use."""
    if not items:
        return default
    from collections import Counter

    counts = Counter(items)  # one pass: a 20,000-record folder must not count each name 20,000 times
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
    return (1, record.date_iso or date_of(record.file), record.file)
