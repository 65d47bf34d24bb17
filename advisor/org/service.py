"""A service as `advisor org` knows it, and the organisation of them: the values discovery hands on."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from advisor.adr.checks import Finding
from advisor.adr.lint.config import CheckConfig, load_config
from advisor.errors import InputError, Problem
from advisor.lock import Lock


@dataclass
class Service:
    root: Path  # the ROOT it was found under (resolved)
    path: Path  # the service's folder (resolved)
    base: Path  # where advisor ran for it: the paths its records and lock hold are relative to this folder
    name: str = ""
    owner: str = ""
    system: str = ""
    lifecycle: str = ""
    catalog: Path | None = None
    adr_dir: Path | None = None
    out_dir: Path | None = None  # the skeleton folder, which holds advisor.lock.yaml
    lock: Lock | None = None
    config: CheckConfig = field(default_factory=CheckConfig)
    findings: list[Finding] = field(default_factory=list)

    @property
    def rel(self) -> str:
        """The folder relative to ROOT, as every report shows it ("." for ROOT itself)."""
        return self.path.relative_to(self.root).as_posix() if self.path != self.root else "."

    def shown(self, path: Path | str) -> str:
        """A path as reports show it: relative to ROOT when inside it, so a monorepo's annotations land on the file."""
        target = Path(path)
        target = target if target.is_absolute() else self.base / target
        try:
            return os.path.normpath(target.absolute()).removeprefix(str(self.root) + os.sep)
        except ValueError:
            return str(target)

    def finding(self, code: str, path: Path | str, message: str, line: int | None = None) -> None:
        self.findings.append(Finding(str(path), line, message, "error", code))


@dataclass
class Organisation:
    roots: list[Path]
    services: list[Service]
    findings: list[Finding] = field(default_factory=list)  # folders under a ROOT that belong to no known service


def repository_of(service: Service) -> Path:
    """The service's repository: the nearest folder holding `.git` at or above it, but not above ROOT (else ROOT).
    Every path read from the service's files must stay inside it."""
    for folder in (service.path, *service.path.parents):
        if (folder / ".git").exists():
            return folder
        if folder == service.root or folder == folder.parent:
            break
    return service.root


def read_config(service: Service, path: Path) -> None:
    try:
        service.config = load_config(path)
    except InputError as exc:
        service.config = CheckConfig(path)
        for problem in exc.problems:
            service.finding("ORG005", problem.file, message(problem), problem.line)


def message(problem: Problem) -> str:
    return f"{problem.field}: {problem.message}" if problem.field else problem.message
