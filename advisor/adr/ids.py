"""How a log spells its record ids: `ADR012`, `ADR-0012`, `ADR-003`, or the bare `0012` its file names carry.

A prefix in the file names (`ADR012-x.md`, `ADR-0012-x.md`, `adr-003-x.md`) is the id's prefix. A log whose
names carry none (`0012-x.md`, adr-tools, MADR) is read by how its own text refers to records: if a record or
a hand-written index writes `ADR-0012`, `ADR 12` or `ADR12` anywhere, or advisor wrote a record there (its
messages and lock name records `ADR-0012`), the id is `ADR-0012`; a log that never does (adr-tools links read
`[12. Title](0012-title.md)`) gets the number as its files write it, `0012`. `id-style` in the config settles
it whatever the log says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# a mention of a record by id in a log's own text, lower-cased: a literal start keeps the search fast over a
# 20,000-record log; what comes before it is looked at per match (`MADR-0012`, `docs/adr/0012-x.md` are none)
_MENTION = re.compile(r"adr[-_ ]?\d{1,6}(?!\d)")
_NOT_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789/.-")
# the config's `id-style`: record 12 written as the log should print every id
_EXAMPLE = re.compile(r"(ADR[-_]?|)(0{0,8}12)", re.IGNORECASE)
# what a user types to name a record: 12, 0012, ADR-0012, ADR012, ADR_12, `ADR 12`
_TYPED = re.compile(r"(?:ADR[-_ ]?)?(\d{1,9})", re.IGNORECASE)
ADVISOR_STYLE = ("ADR-", 4)
EXAMPLES = ("ADR-0012", "ADR012", "ADR-012", "0012", "012")


def parse_style(value: object) -> tuple[str, int] | None:
    """(prefix, width) from the config's example of record 12 (`ADR-0012`, `ADR012`, `0012`), or None."""
    if not isinstance(value, str):
        return None
    match = _EXAMPLE.fullmatch(value.strip())
    if match is None:
        return None
    return match.group(1).upper(), len(match.group(2))


def mentions_ids(texts: Iterable[str]) -> bool:
    """Whether any of `texts` names a record as `ADR-0012`, `ADR 12`, `ADR12` (stops at the first)."""
    for text in texts:
        lowered = text.lower()
        if any(
            not found.start() or lowered[found.start() - 1] not in _NOT_BEFORE for found in _MENTION.finditer(lowered)
        ):
            return True
    return False


def log_style(prefix: str, width: int, texts: Iterable[str], advisor_written: bool) -> tuple[str, int]:
    """The id style of a log whose file names carry `prefix` (maybe none) and numbers `width` digits wide."""
    if prefix:
        return prefix.rstrip("_").upper(), width
    if advisor_written or mentions_ids(texts):
        return ADVISOR_STYLE
    return "", width


def typed_number(ref: str) -> int | None:
    """The record number in what a user typed (`12`, `0012`, `ADR-0012`, `ADR012`, `ADR 12`), or None."""
    match = _TYPED.fullmatch(ref.strip())
    return int(match.group(1)) if match else None
