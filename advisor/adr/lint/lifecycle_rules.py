"""ADR014 and ADR015: a record is proposed until its decision-makers sign, and signed by someone once accepted.

A proposal left open for months is a decision nobody took (ADR014, after `proposed-max-days`, default 30). An
accepted record that names no decision-makers was accepted by no one in particular (ADR015): MADR keeps them in
`decision-makers:` (MADR 3: `deciders:`), advisor's Nygard records in their answers (`adr.decision_makers`).
Records that have neither front matter nor an advisor block have no place for the names and are not judged.
"""

from __future__ import annotations

import datetime as dt

from advisor.adr.lifecycle import OPEN
from advisor.adr.lint.finding import Finding, finding
from advisor.adr.log import AdrLog
from advisor.adr.records import Record


def check_lifecycle(log: AdrLog, max_days: int, today: dt.date) -> list[Finding]:
    out = []
    for record in log.sorted():
        where = str(record.path)
        if record.status in OPEN:
            age = (today - dt.date.fromisoformat(record.date_iso)).days if record.date_iso else None
            if age is not None and age > max_days:
                message = (
                    f"{record.status} since {record.date} ({age} days, more than {max_days}); accept it "
                    f"(`advisor adr status {record.id} accepted`), reject it, or set `proposed-max-days`"
                )
                out.append(finding("ADR014", where, record.status_line, message))
        elif record.status == "accepted" and _makers(record) == []:
            message = "accepted, but no decision-makers are named (`decision-makers:` in the front matter)"
            out.append(finding("ADR015", where, record.status_line, message))
    return out


def _makers(record: Record) -> list | None:
    """The decision-makers a record names; None when it has no place to name them."""
    block = record.advisor()
    if block is not None and record.style != "madr":
        return list((((block.get("answers") or {}).get("adr") or {}).get("decision_makers")) or [])
    if record.front_matter is None or record.problems:
        return None
    data, problem = record.front_matter_yaml()
    if problem is not None or not isinstance(data, dict):
        return None
    names = data.get("decision-makers", data.get("deciders"))
    if isinstance(names, str):
        return [names] if names.strip() else []
    return list(names) if isinstance(names, list) else []
