"""One link checker for `advisor check` and `advisor adr site --check-links`: both report what this finds.

Every link in a record is looked at: the relations of its head (`Superseded by ADR-0005`, `supersedes:` in the
front matter) and every markdown link and image in its text, with its line. A link may name a record beside
this one (`0005-x.md`, `./0005-x.md`), a record by its site address (`/adr/23`, `/decisions/0023-x`), a file of
the repository (`../../README.md`, `/docs/x.md` as on GitHub), an anchor (`#decision`, `0005-x.md#decision`),
or an external URL, which is never fetched and never "no such record". What it finds is a dangling link
(ADR002) or an empty link target (`[pipeline]()`, ADR016). A link out of the repository, or through a symlink
in it, is refused without looking whether its target exists (advisor.confine).

The patterns stop each repetition at a character the next cannot take (no bracket in a label, no parenthesis
in a target), so a line of any length is scanned in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from advisor.adr.log import AdrLog
from advisor.adr.records import Record

_LINK = re.compile(r"\[([^\[\]\n]*)\]\(([^()\n]*)\)")
_DEFINITION = re.compile(r"^ {0,3}\[([^\[\]\n]+)\]:[ \t]*(\S*)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_SCHEME = re.compile(r"\A[A-Za-z][A-Za-z0-9+.-]*:")  # anchored: never tried from every position of a line
_NUMBER = re.compile(r"(?:adr[-_]?)?(\d+)", re.IGNORECASE)
_ANCHOR_ID = re.compile(r"""(?:id|name)=["']([^"'<>\s]+)["']""")


@dataclass(frozen=True)
class LinkProblem:
    file: str  # the record's path, as the log was read
    line: int | None
    message: str
    rule: str = "ADR002"  # ADR002 dangling-link, ADR016 empty-link


def external(href: str) -> bool:
    return href.startswith("//") or bool(_SCHEME.match(href))


def links_in(text: str, first_line: int = 1) -> list[tuple[int, str, str]]:
    """(line, label, target as written) of every markdown link, image and link definition outside code and
    HTML comments (`Accepted <!-- ..., Superseded by [ADR-0005](0005-example.md) -->` links nothing)."""
    out, fence, comment = [], "", False
    if "[" not in text:
        return out
    for number, line in enumerate(text.splitlines(), start=first_line):
        if not comment and "[" not in line and "<!--" not in line and "`" not in line and "~" not in line:
            continue  # most lines: no link, no comment, no fence (a 20,000-record log has a million of them)
        opened = _FENCE.match(line) if not comment else None
        if opened:
            mark = opened.group(1)[0]
            fence = "" if fence == mark else (fence or mark)
            continue
        if fence or line.startswith(("    ", "\t")):
            continue
        line, comment = _outside_comments(line, comment)
        plain = "".join(part if i % 2 == 0 else " " * len(part) for i, part in enumerate(line.split("`")))
        out += [(number, m.group(1), m.group(2)) for m in _LINK.finditer(plain)]
        definition = _DEFINITION.match(plain)
        if definition:
            out.append((number, definition.group(1), definition.group(2)))
    return out


def _outside_comments(line: str, comment: bool) -> tuple[str, bool]:
    """The parts of `line` outside HTML comments, and whether a comment is still open at its end."""
    kept, pos = [], 0
    while pos <= len(line):
        if comment:
            end = line.find("-->", pos)
            if end == -1:
                return "".join(kept), True
            pos, comment = end + 3, False
        start = line.find("<!--", pos)
        if start == -1:
            kept.append(line[pos:])
            break
        kept.append(line[pos:start])
        pos, comment = start + 4, True
    return "".join(kept), comment


def href_of(written: str) -> str:
    """The target of `(target "title")` or `(<target with spaces>)`, without its title."""
    written = written.strip()
    if written.startswith("<"):
        return written[1:].split(">", 1)[0]
    return written.split(None, 1)[0] if written else ""


def record_at(log: AdrLog, path: str) -> Record | None:
    """The record a site address names: `/adr/23`, `/decisions/0023-x`, `/adr/0023-x.html`, `ADR-0023`."""
    name = unquote(path).rstrip("/").rsplit("/", 1)[-1]
    stem = name[:-5] if name.endswith(".html") else name[:-3] if name.endswith(".md") else name
    found = log.by_file(stem + ".md") if stem else None
    number = _NUMBER.fullmatch(stem)
    if found is None and number:
        candidates = log.by_number(int(number.group(1)))
        found = candidates[0] if len(candidates) == 1 else None
    return found


class LinkChecker:
    """The links of one log, checked against the log and the repository that holds it."""

    def __init__(self, log: AdrLog, repository: Path) -> None:
        from advisor.confine import normal

        self.log = log
        self.repository = normal(repository)
        self.folder = normal(log.folder)
        if self.folder != self.repository and self.repository not in self.folder.parents:
            self.repository = self.folder  # an ADR folder outside the checkout: links may reach the folder only
        self._anchors: dict[str, set[str]] = {}
        self._names: frozenset[str] | None = None

    def check(self) -> list[LinkProblem]:
        out: list[LinkProblem] = []
        for record in self.log.sorted():
            out += self.record(record)
        return out

    def record(self, record: Record) -> list[LinkProblem]:
        where, out = str(record.path), []
        text = self.log.texts.get(record.file, "")
        skip = (record.front_matter.count("\n") + 2) if record.front_matter is not None else 0
        relations = {}  # (line, target) of the head's markdown links: checked with every other link of the text
        for link in record.links:
            if "](" in link.target and link.line > skip:
                relations[(link.line, href_of(link.target[link.target.rfind("](") + 2 : -1]))] = link
            elif not self.log.resolve(link) and (link.number is not None or self._missing_record_file(link.file)):
                out.append(LinkProblem(where, link.line, f"'{link.kind} {link.target}' points to no record"))
        body = text.split("\n", skip)[-1] if skip else text
        for line, label, written in links_in(body, skip + 1):
            href = href_of(written)
            if not href:
                out.append(LinkProblem(where, line, f"empty link target: [{label}]()", "ADR016"))
                continue
            why = self.target(record, href)
            relation = relations.get((line, href))
            if why and relation is not None and why != "link to a missing anchor":
                out.append(LinkProblem(where, line, f"'{relation.kind} {relation.target}' points to no record"))
            elif why:
                out.append(LinkProblem(where, line, f"{why}: {href}"))
        return out

    def _missing_record_file(self, name: str | None) -> bool:
        from advisor.adr.records import style_of

        return name is not None and style_of(name) is not None and not (self.folder / name).exists()

    def target(self, record: Record, href: str) -> str | None:
        """Why `href`, written in `record`, leads nowhere; None when it leads to a record, a file or outside."""
        if external(href):
            return None
        path, _, fragment = href.partition("#")
        path = unquote(path.split("?", 1)[0])
        if not path:
            return self._anchor(record, fragment)
        name = path.removeprefix("./")
        if "/" not in name and self.log.by_file(name):
            return self._anchor(self.log.by_file(name), fragment)
        if "/" not in name and name not in self._entries():  # no file of that name beside the records: no disk
            found = record_at(self.log, name)
            return self._anchor(found, fragment) if found else "link to a missing file"
        from advisor.confine import OUTSIDE, inside, normal

        start = self.repository if path.startswith("/") else self.folder
        full = normal(start / path.lstrip("/"))
        if full != self.repository and self.repository not in full.parents:
            return f"link {OUTSIDE}"  # refused without asking whether it exists there
        target, refused = inside(self.repository, full.relative_to(self.repository).as_posix())
        if target is not None and target.exists():
            found = self.log.by_file(target.name) if target.parent == self.folder else None
            return self._anchor(found, fragment) if found else None
        if refused is not None:
            return f"link {refused}"
        found = record_at(self.log, path) if path.startswith("/") or "/" not in name else None
        if found is not None:
            return self._anchor(found, fragment)
        return "link to a missing record or file" if path.startswith("/") else "link to a missing file"

    def _entries(self) -> frozenset[str]:
        """The names in the ADR folder, listed once: a record of 20,000 links must not cost 20,000 lookups."""
        if self._names is None:
            import os

            try:
                self._names = frozenset(os.listdir(self.folder))
            except OSError:
                self._names = frozenset()
        return self._names

    def _anchor(self, record: Record, fragment: str) -> str | None:
        if not fragment or record.file not in self.log.texts:
            return None
        if record.file not in self._anchors:
            self._anchors[record.file] = anchors(self.log.texts[record.file])
        return None if unquote(fragment).lower() in self._anchors[record.file] else "link to a missing anchor"


def anchors(text: str) -> set[str]:
    """The anchors a markdown renderer gives the headings of `text` (GitHub's way), and explicit ids."""
    from advisor.adr.blocks import atx

    out: set[str] = set()
    seen: dict[str, int] = {}
    fence = ""
    for line in text.splitlines():
        opened = _FENCE.match(line)
        if opened:
            fence = "" if fence == opened.group(1)[0] else (fence or opened.group(1)[0])
            continue
        heading = atx(line) if not fence else None
        if heading:
            slug = "".join(c for c in heading[1].lower() if c.isalnum() or c in " -_").replace(" ", "-")
            count = seen.get(slug, 0)
            seen[slug] = count + 1
            out.add(slug if count == 0 else f"{slug}-{count}")
        out.update(match.lower() for match in _ANCHOR_ID.findall(line))
    return out
