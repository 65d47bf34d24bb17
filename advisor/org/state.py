"""What one service holds today: its ADR log, the advisor record in force, and what `advisor check` finds there.

Read for every service by `org list`, `org check` and `org site`, each with the service's own config and rule
folders. A service that cannot be read is a value (its findings say why, with rule ids), never an exception:
one bad repository among a thousand must not hide the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.adr.checks import Finding
from advisor.adr.log import AdrLog
from advisor.adr.records import Record
from advisor.errors import AdvisorError
from advisor.org.service import Service

GIVE_UP = (AdvisorError, OSError, ValueError, RecursionError, MemoryError)


@dataclass
class State:
    service: Service
    log: AdrLog | None = None
    record: Record | None = None  # advisor's record in force: the latest accepted one, else the latest not replaced
    block: dict[str, Any] | None = None
    rules_dirs: tuple[Path, ...] = ()
    rules_ok: bool = True
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    @property
    def choices(self) -> dict[str, str]:
        outcome = (self.block or {}).get("outcome") or {}
        choices = outcome.get("choices") if isinstance(outcome, dict) else None
        return {str(k): str(v) for k, v in choices.items()} if isinstance(choices, dict) else {}

    @property
    def scenarios(self) -> list[str]:
        outcome = (self.block or {}).get("outcome") or {}
        found = outcome.get("scenarios") if isinstance(outcome, dict) else None
        return [str(s) for s in found] if isinstance(found, list) else []

    @property
    def project(self) -> str:
        answers = (self.block or {}).get("answers")
        project = answers.get("project") if isinstance(answers, dict) else None
        name = project.get("name") if isinstance(project, dict) else None
        return name if isinstance(name, str) else ""


def rules_of(service: Service) -> tuple[Path, ...]:
    return tuple(folder.path for folder in service.config.rule_folders)


def read_state(service: Service, *, strict: bool = False, check: bool = True) -> State:
    """`check`: also run `advisor check` there (list, check, site); `impact` and `apply` need the record alone."""
    state = State(service, rules_dirs=rules_of(service))
    state.findings = list(service.findings)
    try:
        _read(state, strict) if check else _read_log(state)
    except GIVE_UP as exc:
        state.findings.append(_failure(service, exc))
    return state


def _read_log(state: State) -> None:
    from advisor.adr.log import load_log

    state.rules_ok = _rules_load(state)
    folder = state.service.adr_dir
    if folder is not None and folder.is_dir():
        state.log = load_log(folder)
        state.record = in_force(state.log)
        state.block = state.record.advisor() if state.record is not None else None


def _read(state: State, strict: bool) -> None:
    from advisor.checking import check_repository

    service = state.service
    state.rules_ok = _rules_load(state)
    if service.adr_dir is None:
        return
    unreadable_lock = any(f.code == "ORG004" for f in service.findings)  # already said once
    out_dir = None if unreadable_lock else service.out_dir or service.base / "deploy"
    rules = state.rules_dirs if state.rules_ok else ()  # drift under broken rules would only repeat ORG005
    checked = check_repository(service.base, service.adr_dir, out_dir, service.config, rules, strict=strict,
                               lock=service.lock)  # fmt: skip
    state.log = checked.log
    drift = {"ADR101", "ADR106", "ADR108"}
    state.findings += [f for f in checked.findings if state.rules_ok or f.code not in drift]
    if state.log is not None:
        state.record = in_force(state.log)
        state.block = state.record.advisor() if state.record is not None else None


def in_force(log: AdrLog) -> Record | None:
    """The record the skeleton follows (`advisor check`'s: the latest advisor record not superseded, rejected or
    deprecated); without one, the latest advisor record nothing replaced, so a deprecated decision still shows."""
    from advisor.adr.plan import current_record

    found = current_record(log)
    if found is not None:
        return found
    replaced = ("superseded", "rejected")
    open_records = [r for r in log.sorted() if r.advisor_text is not None and r.status not in replaced]
    return open_records[-1] if open_records else None


def _rules_load(state: State) -> bool:
    from advisor.errors import RuleError
    from advisor.project_config import blame
    from advisor.ruleset import load_ruleset

    if not state.rules_dirs:
        return True
    try:
        load_ruleset(state.rules_dirs)
    except RuleError as exc:
        for problem in [*exc.problems, *blame(state.service.config, exc.problems)]:
            where = f"{problem.field}: {problem.message}" if problem.field else problem.message
            state.findings.append(Finding(problem.file, problem.line, where, "error", "ORG005"))
        return False
    return True


def _failure(service: Service, exc: BaseException) -> Finding:
    """A service that stopped being read part way: the problem it hit, as a finding for that service."""
    if isinstance(exc, AdvisorError) and exc.problems:
        problem = exc.problems[0]
        code = "ORG004" if problem.file.endswith("advisor.lock.yaml") else "ORG001"
        where = f"{problem.field}: {problem.message}" if problem.field else problem.message
        return Finding(problem.file, problem.line, where, "error", code)
    if isinstance(exc, OSError):
        where = str(exc.filename or service.path)
        return Finding(where, None, f"cannot read: {exc.strerror or exc}", "error", "ORG001")
    return Finding(str(service.path), None, f"could not be read: {type(exc).__name__}: {exc}", "error", "ORG001")
