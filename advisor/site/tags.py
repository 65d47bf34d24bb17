"""Tags from the front matter (`tags: [security, data]`, or `tags: security, data`): filters and a page each.

Tags are words people type, so each becomes a page name made of letters, digits and dashes (`tag-security.html`),
with a number added when two tags would share one (`C++` and `c`). A log has tens of tags, not thousands: at most
`MAX_TAGS` per record and `MAX_TAG_CHARS` per tag are shown.
"""

from __future__ import annotations

import re

from advisor.adr.records import Record

MAX_TAGS = 20
MAX_TAG_CHARS = 60
_SPLIT = re.compile(r"[,\s]+")


def tags_of(record: Record) -> list[str]:
    if not record.front_matter or "tags" not in record.front_matter:
        return []
    data, problem = record.front_matter_yaml()
    value = data.get("tags") if problem is None and isinstance(data, dict) else None
    if isinstance(value, str):
        items = _SPLIT.split(value)
    elif isinstance(value, list):
        items = [item for item in value if isinstance(item, str | int | float) and not isinstance(item, bool)]
    else:
        return []
    seen: dict[str, None] = {}
    for item in items:
        tag = " ".join(str(item).split())[:MAX_TAG_CHARS]
        if tag:
            seen.setdefault(tag, None)
    return list(seen)[:MAX_TAGS]


def tag_pages(tags: list[str]) -> dict[str, str]:
    """Each tag's page name, distinct and stable: sorted tags, a counter for a name taken already."""
    pages: dict[str, str] = {}
    taken: set[str] = set()
    for tag in sorted(set(tags), key=lambda t: (t.lower(), t)):
        stem = "tag-" + ("-".join(re.findall(r"[a-z0-9]+", tag.lower())) or "x")
        name, counter = f"{stem}.html", 2
        while name in taken:
            name, counter = f"{stem}-{counter}.html", counter + 1
        taken.add(name)
        pages[tag] = name
    return pages
