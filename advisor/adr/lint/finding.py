"""What a check reports: one finding, with its file, line, rule id and severity.

It sits below every rule module and below `advisor.adr.checks`, which all make findings, so none of them has to
import another to name the type (the log rules and the drift checks once imported each other for it).
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.adr.lint.registry import RULES


@dataclass(frozen=True)
class Finding:
    file: str
    line: int | None
    message: str
    severity: str = "error"  # error | warning
    code: str = "ADR004"  # the rule id (advisor/adr/lint/registry.py)

    @property
    def name(self) -> str:
        rule = RULES.get(self.code)
        return rule.name if rule else self.code

    def __str__(self) -> str:
        from advisor.textout import escape  # a file name may hold a newline and `::error ...::`: one line each

        where = f"{escape(self.file)}:{self.line}" if self.line else escape(self.file)
        return f"{where}: {self.code} {self.name}: {self.severity}: {escape(self.message)}"

    def to_json(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "rule": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
        }


def finding(rule: str, file: str, line: int | None, message: str) -> Finding:
    """A finding at its rule's default severity; the config and inline ignores adjust it later (lint/apply.py)."""
    return Finding(file, line, message, RULES[rule].severity, rule)
