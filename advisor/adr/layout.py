"""How real ADR logs spell things: file names, title prefixes and status words.

Logs written over years with adr-tools, MADR, log4brains or by hand name their files `0001-slug.md`,
`ADR-0001-slug.md`, `ADR001-slug.md`, `ADR001_slug.md`, `adr-001-slug.md` or `20200101-slug.md`, and
prefix titles with `12. `, `ADR012: ` or `ADR-0012 - `. This module reads those shapes and writes a new
name in the shape a folder already uses, so a record advisor adds looks like its neighbours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DATED = re.compile(r"^(\d{8})-[^/\\]+\.md$", re.IGNORECASE)
# prefix (ADR-, ADR, adr-, nothing), the number (3+ digits), a separator, the slug
NUMBERED = re.compile(r"^(?P<prefix>adr[-_]?)?(?P<number>\d{3,})(?P<sep>[-_])(?P<slug>[^/\\]+)\.md$", re.IGNORECASE)
TITLE_PREFIX = re.compile(r"^(?:ADR[-_ ]?\d+\s*[.:\-–—]?|\d+\s*[.:])\s+", re.IGNORECASE)
# Spellings adr-tools and hand-written logs use for the same word.
SPELLINGS = {
    "superceded": "superseded",
    "superseeded": "superseded",
    "supercedes": "supersedes",
    "superseeds": "supersedes",
}
PHRASES = ("on hold", "partly superseded", "partially superseded", "in progress")


@dataclass(frozen=True)
class NamePattern:
    """The shape of a numbered file name: `ADR` + `001` + `_` + slug, for example."""

    prefix: str = ""
    width: int = 4
    separator: str = "-"

    def name(self, number: int, slug: str) -> str:
        return f"{self.prefix}{number:0{self.width}d}{self.separator}{slug}.md"


def number_of(name: str) -> int | None:
    """The record number a file name carries; None for log4brains dates and for other files."""
    if DATED.match(name):
        return None
    match = NUMBERED.match(name)
    return int(match.group("number")) if match else None


def name_pattern(name: str) -> NamePattern | None:
    match = NUMBERED.match(name) if not DATED.match(name) else None
    if match is None:
        return None
    return NamePattern(match.group("prefix") or "", len(match.group("number")), match.group("sep"))


def slug_of(name: str) -> str:
    match = NUMBERED.match(name)
    if match and not DATED.match(name):
        return match.group("slug")
    stem = name[:-3] if name.lower().endswith(".md") else name
    return stem.split("-", 1)[1] if "-" in stem else stem


def split_title(heading: str) -> tuple[str, str]:
    """(prefix as written, title): `ADR012: Use Postgres` -> (`ADR012: `, `Use Postgres`)."""
    match = TITLE_PREFIX.match(heading)
    if match is None or not heading[match.end() :].strip():
        return "", heading.strip()
    return heading[: match.end()], heading[match.end() :].strip()


def title_prefix_for(example: str, number: int) -> str:
    """The prefix a neighbour wrote (`ADR012: `), with this record's number in the neighbour's width."""
    match = TITLE_PREFIX.match(example)
    if not example or match is None:
        return ""
    digits = re.search(r"\d+", example)
    assert digits is not None
    width = len(digits.group(0)) if digits.group(0).startswith("0") else 1
    return example[: digits.start()] + f"{number:0{width}d}" + example[digits.end() :]


def normalise_word(word: str) -> str:
    lower = word.lower()
    return SPELLINGS.get(lower, lower)


def normalise_kind(kind: str) -> str:
    """`Superceded by` -> `superseded by`: one spelling, lower case, so links compare."""
    return " ".join(normalise_word(word) for word in kind.split())


def status_word(text: str) -> tuple[str, str]:
    """(status, the rest): `Accepted, amended by [5](..)` -> (`accepted`, `amended by [5](..)`).

    The first word is the status, or a known two-word phrase such as `on hold`; markdown emphasis and
    trailing punctuation around it are dropped.
    """
    plain = text.strip().lstrip("*_` ")
    lowered = normalise_kind(plain.lower().replace("*", "").replace("_", " "))
    for phrase in PHRASES:
        if lowered.startswith(phrase) and (len(lowered) == len(phrase) or not lowered[len(phrase)].isalpha()):
            return phrase, _rest(plain, len(phrase.split()))
    words = plain.split()
    if not words:
        return "", ""
    first = normalise_word(re.sub(r"[^\w-]", "", words[0]).strip("_-"))
    return first, _rest(plain, 1)


def _rest(plain: str, words: int) -> str:
    parts = plain.split(None, words)
    rest = parts[words] if len(parts) > words else ""
    return rest.strip().lstrip("*_.,;:—–- ").strip()
