"""ADR017-ADR019: what only the log as a whole shows. An index that no longer matches the folder, two records
with one title, a review date that has passed.

An index file is `README.md` or `index.md` in the ADR folder that links at least two records (a README that
mentions one record is prose, not an index). Two records share a title only while both are in force: a record
superseded by one of the same title is the usual way a decision is revisited. A review date is judged only on
records still in force (not superseded, rejected or deprecated).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath
from urllib.parse import unquote

from advisor.adr import lifecycle
from advisor.adr.lint.finding import Finding, finding
from advisor.adr.log import INDEX_FILES, AdrLog, side_text

SHOWN = 5  # records a finding names; the rest are counted
_IGNORED = re.compile(r"<!--\s*advisor-check:\s*ignore\s[^<>]*?\b(ADR017|stale-index)\b", re.IGNORECASE)


def check_log_wide(log: AdrLog, today: dt.date) -> list[Finding]:
    return [*_stale_index(log), *_duplicate_titles(log), *_reviews(log, today)]


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:SHOWN])
    return shown + (f" and {len(names) - SHOWN} more" if len(names) > SHOWN else "")


def _stale_index(log: AdrLog) -> list[Finding]:
    from advisor.adr.linkcheck import href_of, links_in, record_at
    from advisor.adr.records import style_of

    out = []
    for name in INDEX_FILES:
        text = side_text(log.folder / name)
        if text is None or _IGNORED.search(text):
            continue
        listed: set[str] = set()
        gone: list[tuple[int, str]] = []
        for line, _, written in links_in(text):
            href = unquote(href_of(written).split("#", 1)[0])
            if not href or "://" in href:
                continue
            target = PurePosixPath(href.removeprefix("./"))
            record = log.by_file(target.name) if len(target.parts) == 1 else record_at(log, href)
            if record is not None:
                listed.add(record.file)
            elif len(target.parts) == 1 and style_of(target.name) and not (log.folder / target.name).exists():
                gone.append((line, target.name))
        if len(listed) + len(gone) < 2:
            continue  # prose that mentions a record, not an index
        where = str(log.folder / name)
        missing = [r.file for r in log.sorted() if r.file not in listed]
        if missing:
            out.append(finding("ADR017", where, None, f"the index misses {len(missing)} record(s): {_listed(missing)}"))
        out += [
            finding("ADR017", where, line, f"the index lists {file}, which is not in the log") for line, file in gone
        ]
    return out


def _duplicate_titles(log: AdrLog) -> list[Finding]:
    by_title: dict[str, list] = {}
    for record in log.sorted():
        if record.title and not lifecycle.is_closed(record):
            by_title.setdefault(" ".join(record.title.casefold().split()), []).append(record)
    # a proposal that supersedes a record keeps the outcome's title until it is accepted (advisor names what
    # changed in its file name): the pair is one decision in two versions, not two decisions under one title
    replaced = {old.file for record in log.records for old in lifecycle.supersedes(log, record)}
    out = []
    for records in by_title.values():
        records = [r for r in records if r.file not in replaced]
        if len(records) > 1:
            first, others = records[0], [r.file for r in records[1:]]
            message = f"title {first.title!r} is also the title of {_listed(others)}"
            out.append(finding("ADR018", str(first.path), first.title_line, message))
    return out


def _reviews(log: AdrLog, today: dt.date) -> list[Finding]:
    from advisor.adr.dates import iso

    out = []
    for record in log.sorted():
        if not record.review or lifecycle.is_closed(record):
            continue
        when, why = iso(record.review, log.date_order)
        where = str(record.path)
        if when is None:
            out.append(
                finding("ADR019", where, record.review_line, f"review date {record.review!r} does not read: {why}")
            )
        elif dt.date.fromisoformat(when) < today:
            days = (today - dt.date.fromisoformat(when)).days
            message = f"due for review since {record.review} ({days} days); review it and set the next date"
            out.append(finding("ADR019", where, record.review_line, message))
    return out
