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
# a date before the number (`2021-06-05_001-use-x.md`, `20210605-001-use-x.md`) or instead of it
# (`2023-04-16-use-adr.md`): the date is never the number
DATE_NAMED = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2}|\d{8})(?P<dsep>[-_])(?:(?P<number>\d{1,6})(?P<sep>[-_]))?(?P<slug>[^/\\]+)\.md$",
    re.IGNORECASE,
)
# prefix (ADR-, ADR, adr-, nothing), the number (3+ digits), a separator, the slug
NUMBERED = re.compile(r"^(?P<prefix>adr[-_]?)?(?P<number>\d{3,})(?P<sep>[-_])(?P<slug>[^/\\]+)\.md$", re.IGNORECASE)
TITLE_PREFIX = re.compile(r"^(?:ADR[-_ ]?\d+\s*[.:\-–—]?|\d+\s*[.:])\s+", re.IGNORECASE)
_BARE_PREFIX = re.compile(r"^(\d+)[ \t]+")  # `# 23 Logging`: a number only when it is the record's own
_TEMPLATE_WORDS = frozenset({"template", "templates"})
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
    """The shape of a numbered file name: `ADR` + `001` + `_` + slug, for example, or a date before the number
    (`2021-06-05` + `_` + `001` + `-` + slug): `dated` is how the date is written, `YYYY-MM-DD` or `YYYYMMDD`."""

    prefix: str = ""
    width: int = 4
    separator: str = "-"
    dated: str = ""
    date_separator: str = ""

    def name(self, number: int, slug: str, date: str = "") -> str:
        """The file name of record `number`; `date` (ISO) leads it in a dated pattern, and a record with no
        date gets none."""
        lead = ""
        if self.dated and date:
            lead = (date if self.dated == "YYYY-MM-DD" else date.replace("-", "")) + self.date_separator
        return f"{lead}{self.prefix}{number:0{self.width}d}{self.separator}{slug}.md"


def number_of(name: str) -> int | None:
    """The record number a file name carries; None for log4brains dates and for other files."""
    dated = DATE_NAMED.match(name)
    if dated:
        return int(dated.group("number")) if dated.group("number") else None
    match = NUMBERED.match(name)
    return int(match.group("number")) if match else None


def date_of(name: str) -> str:
    """The ISO date a file name starts with (`2021-06-05_001-x.md`, `20210605-x.md`), or ""."""
    from advisor.adr.dates import iso

    match = DATE_NAMED.match(name)
    return (iso(match.group("date"))[0] or "") if match else ""


def is_template(name: str) -> bool:
    """`template.md`, `ADR000-template.md`, `0000-adr-template.md`, `000-template-general.md`: never a record.

    A record about templates (`0012-render-helm-templates.md`) names more than a template: its slug has the
    word elsewhere than first, or as the last of three or more words.
    """
    words = [word for word in re.split(r"[-_.]+", slug_of(name).lower()) if word]
    if not words:
        return False
    return words[0] in _TEMPLATE_WORDS or (words[-1] in _TEMPLATE_WORDS and len(words) <= 2)


def name_pattern(name: str) -> NamePattern | None:
    """The shape of `name`; None for a name with no number (`20200101-slug.md`, `2023-04-16-slug.md`)."""
    dated = DATE_NAMED.match(name)
    if dated:
        if not dated.group("number"):
            return None
        written = "YYYY-MM-DD" if "-" in dated.group("date") else "YYYYMMDD"
        return NamePattern("", len(dated.group("number")), dated.group("sep"), written, dated.group("dsep"))
    match = NUMBERED.match(name)
    if match is None:
        return None
    return NamePattern(match.group("prefix") or "", len(match.group("number")), match.group("sep"))


def slug_words(slug: str) -> str:
    """How a slug joins its words: `_` (`use_kafka`), `-` (`use-kafka`), or "" when it has one word."""
    if "-" in slug:
        return "-"
    return "_" if "_" in slug else ""


def slug_of(name: str) -> str:
    dated = DATE_NAMED.match(name)
    if dated:
        return dated.group("slug")
    match = NUMBERED.match(name)
    if match:
        return match.group("slug")
    stem = name[:-3] if name.lower().endswith(".md") else name
    return stem.split("-", 1)[1] if "-" in stem else stem


def split_title(heading: str, number: int | None = None) -> tuple[str, str]:
    """(prefix as written, title): `ADR012: Use Postgres` -> (`ADR012: `, `Use Postgres`).

    A number with no dot or colon after it (`23 Logging`) is a prefix only when it is the record's own number:
    `12 Factor App` in record 4 is a title.
    """
    match = TITLE_PREFIX.match(heading)
    if match is None and number is not None:
        bare = _BARE_PREFIX.match(heading)
        match = bare if bare and int(bare.group(1)) == number else None
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
    plain = _after_symbols(text.strip())
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


def _after_symbols(text: str) -> str:
    """`✅ Accepted`, `⌛️ Superseded by ...`, `**[x] Accepted**`: the text from its first letter or digit.

    Emoji, their variation selectors, symbols and markup before a status word are decoration; a status that
    is nothing but decoration stays as written, so `check` can say what it found.
    """
    for index, char in enumerate(text):
        if char.isalnum():
            checkbox = index and text[index - 1] == "[" and text[index : index + 2].lower() == "x]"
            return text[index + 2 :].lstrip() if checkbox else text[index:]
    return text.lstrip("*_` ")
