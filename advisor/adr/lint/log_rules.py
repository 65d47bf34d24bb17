"""The log rules ADR001-ADR019: what is wrong in the records and between them (ADR014-015 in lifecycle_rules,
ADR017-019 in log_wide_rules, the links in advisor/adr/linkcheck.py).

Each finding is made at its rule's default severity; the config (advisor/adr/lint/config.py) and
inline `advisor-check: ignore` comments adjust them afterwards, in one place (advisor/adr/lint/apply.py).

Every rule is linear in the size of the log: records are looked up through the log's indexes, mirrored links
through one table built up front, cycles through strongly connected components, and records sharing a number
make one finding that names a few of the others (2,000 records on one number once printed a gigabyte).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

from advisor.adr import lifecycle
from advisor.adr.components import strongly_connected
from advisor.adr.layout import DATED
from advisor.adr.linkcheck import LinkChecker
from advisor.adr.lint.finding import Finding, finding
from advisor.adr.lint.registry import lookup
from advisor.adr.log import AdrLog, slugify
from advisor.adr.records import Record

# MADR's and log4brains' words, plus the ones teams use for records not yet decided
DEFAULT_STATUSES = ("draft", "proposed", "pending", "on hold", "accepted", "rejected", "deprecated", "superseded")
MIRROR = {"superseded by": "supersedes", "supersedes": "superseded by"}
SHOWN_DUPLICATES = 3  # other records a duplicate-number finding names; the rest are counted
SHOWN_CYCLE = 10  # records of a supersession loop a finding names


def check_records(
    log: AdrLog,
    statuses: tuple[str, ...] | None = None,
    *,
    proposed_max_days: int | None = None,
    today: dt.date | None = None,
    repository: Path | None = None,
) -> list[Finding]:
    from advisor.adr.lint.config import PROPOSED_MAX_DAYS
    from advisor.adr.lint.lifecycle_rules import check_lifecycle
    from advisor.adr.lint.log_wide_rules import check_log_wide

    vocabulary = tuple(word.lower() for word in (statuses or DEFAULT_STATUSES))
    out = [finding("ADR004", p.file, p.line, p.message) for p in log.unreadable]
    mirrored = _mirrored(log)
    for record in log.sorted():
        where = str(record.path)
        out += [finding("ADR005", where, line, message) for line, message in record.problems]
        out += _front_matter(record)
        out += _duplicate(log, record)
        if not record.title:
            out.append(finding("ADR006", where, 1, "missing title (a '# ' heading)"))
        elif _title_mismatch(record):
            message = f"title {record.title!r} shares no word with the file name {record.file}"
            out.append(finding("ADR012", where, record.title_line, message))
        elif (written := _title_number(record)) is not None:
            prefix = record.title_prefix.strip()
            message = f"the title is numbered {written} ({prefix!r}) but the file name {record.number}"
            out.append(finding("ADR012", where, record.title_line, message))
        if not record.status and record.status_text.strip():
            message = f"status {record.status_text!r} holds no status word"
            out.append(finding("ADR007", where, record.status_line, message))
        elif not record.status:
            out.append(finding("ADR007", where, record.title_line or 1, "missing status"))
        elif record.status not in vocabulary:
            known = ", ".join(vocabulary)
            message = f"status {record.status_text!r} is not one of {known} (add it to `statuses` in the config)"
            out.append(finding("ADR008", where, record.status_line, message))
        if record.date and not record.date_iso:
            from advisor.adr.dates import iso

            why = iso(record.date, log.date_order)[1]
            out.append(finding("ADR009", where, record.date_line, f"date {record.date!r} does not read: {why}"))
        if record.status == "superseded" and not record.links_of("superseded by"):
            out.append(finding("ADR011", where, record.status_line, "status is superseded but names no successor"))
        out += _links(log, record, mirrored)
        out += [
            finding("ADR013", where, line, f"`advisor-check: ignore {rule}` names no rule (see docs/ci.md)")
            for line, rule in record.ignores
            if lookup(rule) is None
        ]
    checker = LinkChecker(log, repository or Path.cwd())
    out += [finding(p.rule, p.file, p.line, p.message) for p in checker.check()]
    out += check_lifecycle(log, proposed_max_days or PROPOSED_MAX_DAYS, today or _today())
    out += check_log_wide(log, today or _today())
    return out + _cycles(log)


def _today() -> dt.date:
    """SOURCE_DATE_EPOCH when set (reproducible CI), else today in UTC: what `decide` dates records with."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


def _front_matter(record: Record) -> list[Finding]:
    """Front matter other tools will parse as YAML must be YAML (a mapping); `adr list` reads it line by line."""
    if record.front_matter is None or not record.front_matter.strip() or record.problems:  # one report is enough
        return []
    data, problem = record.front_matter_yaml()
    if problem is not None:
        line = problem.line + 1 if problem.line else 1  # the front matter starts on line 2
        return [finding("ADR005", str(record.path), line, f"front matter: {problem.message}")]
    if data is not None and not isinstance(data, dict):
        return [finding("ADR005", str(record.path), 2, "front matter must be a mapping of keys (status:, date:, ...)")]
    return []


def _duplicate(log: AdrLog, record: Record) -> list[Finding]:
    """One finding per shared number, on the first record that has it, naming at most a few of the others."""
    sharing = log.by_number(record.number) if record.number is not None else []
    if len(sharing) < 2 or sharing[0] is not record:
        return []
    others = [r.file for r in sharing[1:]]
    named = ", ".join(others[:SHOWN_DUPLICATES])
    if len(others) > SHOWN_DUPLICATES:
        named += f" and {len(others) - SHOWN_DUPLICATES} more"
    message = f"duplicate number {record.number:04d} (also {named}); run `advisor adr renumber`"
    return [finding("ADR001", str(record.path), record.title_line or 1, message)]


def _mirrored(log: AdrLog) -> set[tuple[str, str, str]]:
    """(record file, link kind, target file) for every supersession link: whether a link is mirrored is a lookup."""
    out = set()
    for record in log.records:
        for link in record.links:
            kind = "supersedes" if link.kind == "supercedes" else link.kind
            if kind in MIRROR:
                out.update((record.file, kind, target.file) for target in log.resolve(link))
    return out


def _links(log: AdrLog, record: Record, mirrored: set[tuple[str, str, str]]) -> list[Finding]:
    """One-sided supersessions; dangling and empty links come from the link checker (advisor/adr/linkcheck.py)."""
    out = []
    where = str(record.path)
    for link in record.links:
        targets = log.resolve(link)
        if not targets or link.kind not in MIRROR or len(targets) > 1:
            continue  # several targets: the duplicate-number finding already says what to do
        if link.kind == "supersedes" and lifecycle.is_open(record):
            continue  # a proposal supersedes nothing yet: the older record changes when this one is accepted
        target = targets[0]
        if target is record:
            continue  # ADR003 reports it
        if (target.file, MIRROR[link.kind], record.file) not in mirrored:
            expected = MIRROR[link.kind]
            message = f"'{link.kind} {target.id}' is not mirrored: {target.file} has no '{expected}'"
            out.append(finding("ADR010", where, link.line, message))
    return out


def _cycles(log: AdrLog) -> list[Finding]:
    """Records superseded by themselves, or in a loop of "superseded by" / "supersedes" links: one finding per loop
    of records (a strongly connected component), found in one pass however long the chains are."""
    successors: dict[str, set[str]] = defaultdict(set)
    by_file = {r.file: r for r in log.records}
    for record in log.records:
        for link in record.links:
            for target in log.resolve(link) if link.kind in MIRROR else []:
                old, new = (record, target) if link.kind == "superseded by" else (target, record)
                successors[old.file].add(new.file)
    out = []
    for component in sorted(map(set, strongly_connected(successors)), key=min):
        start = min(component)
        if len(component) == 1 and start not in successors[start]:
            continue
        path = _loop_from(start, successors, component)
        record = by_file[start]
        shown = [by_file[name].id for name in path[:SHOWN_CYCLE]]
        if len(path) > SHOWN_CYCLE:
            shown.append(f"... ({len(path) - SHOWN_CYCLE} more)")
        chain = " -> ".join([*shown, record.id])
        message = "superseded by itself" if len(path) == 1 else f"supersession cycle {chain}"
        out.append(finding("ADR003", str(record.path), record.status_line or record.title_line or 1, message))
    return out


def _loop_from(start: str, successors: dict[str, set[str]], component: set[str]) -> list[str]:
    """A shortest path from `start` back to itself inside its component (which has one): breadth first."""
    if start in successors.get(start, ()):
        return [start]
    parent: dict[str, str] = {start: start}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(successors.get(node, ())):
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(parent[path[-1]])
                    return path[::-1]
                if nxt in component and nxt not in parent:
                    parent[nxt] = node
                    following.append(nxt)
        frontier = following
    return [start]  # not reached: a component of two or more records always loops back


def _title_mismatch(record: Record) -> bool:
    if DATED.match(record.file) is None and record.number is None:
        return False
    slug_words = {w for w in record.slug.lower().replace("_", "-").split("-") if len(w) > 2}
    title_words = {w for w in slugify(record.title).split("-") if len(w) > 2}
    return bool(slug_words and title_words) and not slug_words & title_words


def _title_number(record: Record) -> int | None:
    """The number a title prefix writes when it is not the file name's (`# 24. Logging` in `0023-logging.md`)."""
    digits = re.search(r"\d+", record.title_prefix)
    if record.number is None or digits is None or int(digits.group(0)) == record.number:
        return None
    return int(digits.group(0))
