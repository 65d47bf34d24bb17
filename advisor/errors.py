"""Exit codes and the exception hierarchy shared by every front end.

Errors carry `Problem`s so the CLI can print one `FILE:LINE: field: message` line per problem
and the TUI can show the very same text beside the field it concerns.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    INPUT = 2
    USAGE = 2
    INTERRUPT = 130


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we know."""

    file: str
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        from advisor.textout import escape  # file names and messages quote repository text: one line each

        file, message = escape(self.file), escape(self.message)
        where = file if self.line is None else f"{file}:{self.line}"
        return f"{where}: {escape(self.field)}: {message}" if self.field else f"{where}: {message}"


class AdvisorError(Exception):
    """Base class: anything the CLI reports without a traceback."""

    exit_code: ExitCode = ExitCode.INPUT

    def __init__(self, problems: list[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(file="advisor", message=problems)]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class InputError(AdvisorError):
    """A user-supplied file (answers, rules, ADR, template) is unusable."""


class RuleError(InputError):
    """A rule file is invalid, or the rule set contradicts itself."""


class WriteError(AdvisorError):
    """Writing the plan failed or was refused (symlink escape, conflict, read-only folder)."""
