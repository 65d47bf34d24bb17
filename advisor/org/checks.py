"""`advisor org check`: every service's `advisor check`, paths relative to ROOT, one summary.

Relative to ROOT, so a `--format github` annotation lands on the file in a monorepo's pull request. Findings keep
the order of the services (by path) and, within one, `check`'s order (file, line, rule).
"""

from __future__ import annotations

import dataclasses
import json

from advisor.adr.checks import Finding
from advisor.adr.lint.output import github_line
from advisor.org.listing import plain
from advisor.org.service import Organisation, Service
from advisor.org.state import State


def relative(finding: Finding, service: Service) -> Finding:
    return dataclasses.replace(finding, file=service.shown(finding.file))


Item = tuple[Service | None, Finding]


def org_findings(org: Organisation, states: list[State], strict: bool = False) -> list[Item]:
    """(service, finding) for every finding, the organisation's own (folders no service owns, service None) first."""
    out: list[Item] = []
    for finding in org.findings:
        root = next((r for r in org.roots if finding.file.startswith(str(r))), None)
        shown = finding.file.removeprefix(str(root) + "/") if root else finding.file
        out.append((None, dataclasses.replace(finding, file=shown, severity="error")))
    for state in states:
        for finding in state.findings:
            item = relative(finding, state.service)
            out.append((state.service, dataclasses.replace(item, severity="error") if strict else item))
    return out


def render(items: list[Item], states: list[State], fmt: str) -> str:
    errors = sum(1 for _, f in items if f.severity == "error")
    if fmt == "json":
        findings = [{"service": s.name if s else None, "path": s.rel if s else None, **f.to_json()} for s, f in items]
        data = {"services": len(states), "findings": findings, "errors": errors, "warnings": len(items) - errors}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        return "".join(github_line(f) + "\n" for _, f in items)
    return "".join(plain(f) + "\n" for _, f in items)


def summary(items: list[Item], states: list[State]) -> str:
    errors = [f for _, f in items if f.severity == "error"]
    failing = len({s.path if s else None for s, f in items if f.severity == "error"})
    records = sum(len(s.log.records) for s in states if s.log is not None)
    return (
        f"{_count(len(states), 'service')}, {_count(records, 'record')}: {_count(len(errors), 'error')}"
        + (f" in {_count(failing, 'service')}" if errors else "")
        + f", {_count(len(items) - len(errors), 'warning')}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
