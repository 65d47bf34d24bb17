"""What the ADR says about the rules must refer to things that exist: drivers, quotes, outside facts, and
conditions and placeholders on known facts. Checked with the rules, so `rules validate` reports a typo in a
driver id as it does one in a fact."""

from __future__ import annotations

import re
from typing import Any

from advisor.conditions import ConditionError, compile_condition
from advisor.errors import Problem
from advisor.rule_models import DecisionDef, DriverDef, ExternalFact, Quote, RuleFile
from advisor.yamlio import Located

_PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")


def check_words(
    files: list[tuple[Located, RuleFile]],
    decisions: dict[str, DecisionDef],
    drivers: dict[str, DriverDef],
    quotes: dict[str, Quote],
    facts: dict[str, ExternalFact],
    known: set[str],
) -> list[Problem]:
    """What the ADR says must refer to things that exist: drivers, quotes, facts, and conditions on known facts."""
    problems: list[Problem] = []

    def check(refs: list[str], table: Any, kind: str, file: str, line: int | None, where: str) -> None:
        hints = {"fact": "an answers path or decision.<key>", "external fact": "defined under `facts:`"}
        hint = hints.get(kind, f"defined under `{kind}s:`")
        for ref in refs:
            if ref not in table:
                problems.append(Problem(file, f"unknown {kind} {ref!r} (must be {hint})", line, where))

    def condition(raw: Any, file: str, line: int | None, where: str) -> None:
        try:
            compile_condition(raw, known, where)
        except ConditionError as exc:
            problems.append(Problem(file, str(exc), line, where))

    def placeholders(text: str | None, file: str, line: int | None, where: str) -> None:
        for name in _PLACEHOLDER.findall(text or ""):
            if name not in known:
                problems.append(Problem(file, f"placeholder ${{{name}}} names an unknown fact", line, where))

    for located, rule_file in files:
        file = located.file
        for key, driver in rule_file.drivers.items():
            line, at = located.line_of(("drivers", key)), f"drivers.{key}"
            check(driver.quotes, quotes, "quote", file, line, at)
            check(driver.answers, known, "fact", file, line, at)
            check(driver.choices, decisions, "decision", file, line, at)
            condition(driver.when, file, line, f"{at}.when")
        for key, definition in rule_file.decisions.items():
            line, at = located.line_of(("decisions", key)), f"decisions.{key}"
            check(definition.drivers, drivers, "driver", file, line, at)
            for name, option in definition.options.items():
                where = f"{at}.options.{name}"
                check(list(option.compare), drivers, "driver", file, line, where)
                check([r.quote for r in option.ruled_out if r.quote], quotes, "quote", file, line, where)
                condition(option.only_when, file, line, f"{where}.only_when")
                for index, ruled in enumerate(option.ruled_out):
                    condition(ruled.when, file, line, f"{where}.ruled_out[{index}].when")
                for index, item in enumerate(option.consequences):
                    condition(item.when, file, line, f"{where}.consequences[{index}].when")
                    placeholders(item.good or item.bad, file, line, f"{where}.consequences[{index}]")
        for index, spec in enumerate(rule_file.rules):
            line, at = located.line_of(("rules", index)), f"rules[{index}]"
            check(spec.drivers, drivers, "driver", file, line, f"{at}.drivers")
            check(spec.facts, facts, "external fact", file, line, f"{at}.facts")
    return problems
