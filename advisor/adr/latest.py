"""The latest decision advisor recorded in an ADR folder, and the answers file it names.

The interview uses it to resume where the team left off instead of starting from defaults, and to
say which record a new decision would supersede. Reading never raises: a folder that is missing or
does not read simply has no latest decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from advisor.errors import AdvisorError

_NUMBERED = re.compile(r"^\d{4}-.+\.md$")


@dataclass(frozen=True)
class LatestDecision:
    record_id: str  # "ADR-0003"
    title: str
    status: str  # "accepted", "proposed", "" when the record has none
    answers_path: Path | None  # the answers file the record names, when it names one and it exists

    @property
    def accepted(self) -> bool:
        return self.status == "accepted"

    def describe(self) -> str:
        return f"{self.record_id} {self.title} ({self.status or 'no status'})"


def latest_decision(adr_dir: Path, base_dir: Path) -> LatestDecision | None:
    """The newest record that carries an advisor block; its answers file is resolved against `base_dir`."""
    if not adr_dir.is_dir():
        return None
    try:
        from advisor.adr.lifecycle import is_closed
        from advisor.adr.log import load_log

        records = load_log(adr_dir).sorted()
    except AdvisorError:
        return None
    # the record in force (not superseded, rejected or deprecated), else the newest advisor record at all
    mine = [r for r in records if r.advisor_text is not None and not is_closed(r)] or [
        r for r in records if r.advisor_text is not None
    ]
    if not mine:
        return None
    record = mine[-1]
    block = record.advisor() or {}
    named = block.get("answers_file")
    answers_path = None
    if isinstance(named, str) and named:
        candidate = Path(named) if Path(named).is_absolute() else base_dir / named
        answers_path = candidate if candidate.is_file() else None
    return LatestDecision(record.id, record.title, record.status, answers_path)


def describe_latest(adr_dir: Path, base_dir: Path) -> str:
    """One line for the welcome screen: the latest advisor record, else the newest record at all."""
    if not adr_dir.is_dir():
        return "none yet (the folder will be created)"
    latest = latest_decision(adr_dir, base_dir)
    if latest is not None:
        return latest.describe()
    names = sorted(p.name for p in adr_dir.iterdir() if _NUMBERED.match(p.name))
    return f"{names[-1]} (none written by advisor)" if names else "none yet"
