"""`advisor adr status ID STATUS`: sign (or reject, deprecate, supersede) a record, in the record's own layout.

The status is written where the record keeps it: the `status:` front matter key, a `* Status:` bullet, the line
under `## Status`, a `| Status |` row, or, in a dated status list (`* Proposed (2021-09-02)`), a new line with the
date. Every other byte stays. On advisor's own records only the status line ever changes, and an accepted one is
not reopened: a change to it is a new decision that supersedes it (`advisor decide`). Accepting a record that
supersedes others completes the supersession (their status lines say "superseded by"); `superseded --by NEW`
writes the link both ways.
"""

from __future__ import annotations

import re

from advisor.adr import lifecycle
from advisor.adr.edits import add_link, set_status
from advisor.adr.log import AdrLog
from advisor.adr.records import Record
from advisor.errors import InputError, Problem

SHORTHANDS = {"accept": "accepted", "reject": "rejected", "deprecate": "deprecated"}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def plan_status(
    log: AdrLog, record: Record, status: str, date: str, by: Record | None = None, vocabulary: tuple[str, ...] = ()
) -> tuple[dict[str, str], list[str]]:
    """({file name: new text}, what was done) for setting `record`'s status; InputError when it is refused."""
    status = status.strip().lower()
    if vocabulary and status not in vocabulary:
        raise _refuse(record, f"{status!r} is not a status of this log ({', '.join(vocabulary)}); see `statuses`")
    if (status == "superseded") != (by is not None):
        raise _refuse(record, "superseded needs --by NEW (the record that supersedes it); --by goes with superseded")
    if by is record:
        raise _refuse(record, "a record cannot supersede itself")
    mine = record.advisor_text is not None
    if mine and record.status_line is None:
        raise _refuse(record, "advisor's record has no status line to change; restore it from git")
    if mine and status in lifecycle.OPEN and not lifecycle.is_open(record) and not lifecycle.is_closed(record):
        raise _refuse(
            record, f"{record.id} is {record.status}: it is not reopened; a change supersedes it (`advisor decide`)"
        )
    texts: dict[str, str] = {}
    done = []
    word = f"superseded by {log.reference(by, record.style)}" if by is not None else status
    texts[record.file] = _with_status(record, log.texts[record.file], word, date)
    done.append(f"{record.id} {word}")
    if by is not None and not any(record in log.resolve(link) for link in by.links_of("supersedes")):
        if by.advisor_text is not None:
            raise _refuse(by, f"advisor changes only the status line of its own records; {by.id} cannot get a link")
        texts[by.file] = add_link(by, log.texts[by.file], "supersedes", log.reference(record, by.style))
        done.append(f"{by.id} supersedes {record.id}")
    if status == "accepted":
        for old in lifecycle.supersedes(log, record):
            if not lifecycle.is_closed(old) and old.file not in texts:
                if old.status_line is None and old.advisor_text is not None:
                    continue
                later = f"superseded by {log.reference(record, old.style)}"
                texts[old.file] = _with_status(old, log.texts[old.file], later, date)
                done.append(f"{old.id} {later}")
    return texts, done


def _with_status(record: Record, text: str, status: str, date: str) -> str:
    lines = text.splitlines(keepends=True)
    last = lines[record.status_line - 1] if record.status_line else ""
    if record.status_layout != "history" or record.status_text not in last:
        return set_status(record, text, status)
    # a dated status list keeps its history: one more line shaped like the last, with this status and date
    word = status[0].upper() + status[1:] if record.status_text[:1].isupper() else status
    shown = f"{word} ({date})" if _DATE.search(record.status_text) else word
    new = last.replace(record.status_text, shown, 1)
    return "".join([*lines[: record.status_line], new, *lines[record.status_line :]])


def _refuse(record: Record, message: str) -> InputError:
    return InputError([Problem(str(record.path), message, record.status_line)])
