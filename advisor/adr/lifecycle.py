"""Where an advisor record is in its life: proposed until the decision-makers sign, then immutable until superseded.

- open (proposed, or a team's word for it: draft, pending, in progress): not yet a decision anyone relies on;
  re-deciding revises it in place.
- settled (accepted, and any word that is neither open nor closed): never rewritten; a change supersedes it.
- closed (superseded, rejected, deprecated): out of force.

The record in force for a project is its latest advisor record that is not closed, whatever its status says, so a
hand edit of the status (to proposed, or to accepted) never makes the next `decide` write a duplicate. A proposed
record that supersedes an accepted one leaves that one as it is until it is accepted itself: then the older one's
status line says "superseded by".
"""

from __future__ import annotations

from advisor.adr.log import AdrLog
from advisor.adr.records import Record

OPEN = ("proposed", "draft", "pending", "in progress")
CLOSED = ("superseded", "rejected", "deprecated")


def is_open(record: Record) -> bool:
    return record.status in OPEN


def is_closed(record: Record) -> bool:
    return record.status in CLOSED


def project_of(record: Record) -> str | None:
    block = record.advisor()
    if block is None:
        return None
    project = (block.get("answers") or {}).get("project") or {}
    return project.get("name") if isinstance(project, dict) else None


def advisor_records(log: AdrLog, project: str | None = None) -> list[Record]:
    """The records advisor wrote (for `project`, when given), oldest first."""
    return [r for r in log.sorted() if r.advisor() is not None and (project is None or project_of(r) == project)]


def in_force(log: AdrLog, project: str | None = None) -> Record | None:
    """The record the skeleton follows: the latest advisor record of the project that is not closed."""
    live = [r for r in advisor_records(log, project) if not is_closed(r)]
    return live[-1] if live else None


def in_force_by_project(log: AdrLog) -> list[Record]:
    """One record in force per project, for `check`."""
    found: dict[str | None, Record] = {}
    for record in advisor_records(log):  # oldest first: the last one seen per project is the one in force
        if not is_closed(record):
            found[project_of(record)] = record
    order = {id(record): index for index, record in enumerate(log.sorted())}  # one sort, not one per project
    return sorted(found.values(), key=lambda r: order[id(r)])


def supersedes(log: AdrLog, record: Record) -> list[Record]:
    """The records `record` says it supersedes."""
    return [target for link in record.links_of("supersedes") for target in log.resolve(link) if target is not record]


def pending(log: AdrLog, record: Record) -> list[Record]:
    """Records a settled `record` supersedes that do not say so yet (it was accepted by a hand edit)."""
    if is_open(record) or is_closed(record):
        return []
    return [old for old in supersedes(log, record) if not is_closed(old)]
