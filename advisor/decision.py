"""The outcome of evaluating the rules: the choices, why each was made, and what would flip it.

`Decision.to_json()` is the public shape printed by `advisor decide --json`: one key per
decision (runtime, postgres, object_storage, rancher, secrets, secret_store, manifests, and any an
organisation's rules add), then scenarios, rules, warnings, obligations, trace and what_if.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from advisor import __version__
from advisor.answers import Answers
from advisor.values import show_value


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Overridden(_Frozen):
    rule: str
    value: str
    priority: int


class TraceEntry(_Frozen):
    """How one decision was made: the winning rule and the fired rules it outranked."""

    decision: str
    value: str
    rule: str
    title: str
    priority: int
    rationale: str
    spec: str
    file: str
    overridden: list[Overridden] = Field(default_factory=list)


class Flip(_Frozen):
    """A single answer change that would change one decision."""

    decision: str
    field: str
    current: Any
    value: Any
    outcome: str  # the decision's value after the change
    rule: str  # the rule that would then decide

    def sentence(self, current_choice: str) -> str:
        change = f"with {self.field} = {show_value(self.value)} (now {show_value(self.current)})"
        return f"{change}, {self.decision} would be {self.outcome} instead of {current_choice} (rule {self.rule})"


class Decision(_Frozen):
    answers: Answers
    choices: dict[str, str]
    scenarios: list[str]
    warnings: list[str]
    obligations: list[str]
    rules: list[str]  # ids of the rules whose condition held, in evaluation order
    trace: list[TraceEntry]
    ruleset_version: str
    rule_sources: list[str]
    tool_version: str = __version__

    def __getitem__(self, key: str) -> str:
        return self.choices[key]

    def entry(self, key: str) -> TraceEntry:
        return next(entry for entry in self.trace if entry.decision == key)

    def outcome(self) -> dict[str, Any]:
        """What an ADR commits to: equal outcomes mean "decision unchanged"."""
        return {"choices": dict(sorted(self.choices.items())), "scenarios": self.scenarios}

    def to_json(self, what_if: list[Flip] | None = None) -> dict[str, Any]:
        data: dict[str, Any] = dict(self.choices)
        data.update(
            scenarios=self.scenarios,
            rules=self.rules,
            warnings=self.warnings,
            obligations=self.obligations,
            trace=[entry.model_dump() for entry in self.trace],
            answers_sha256=self.answers.sha256(),
            ruleset={"version": self.ruleset_version, "files": self.rule_sources},
            advisor_version=self.tool_version,
        )
        if what_if is not None:
            data["what_if"] = [flip.model_dump() for flip in what_if]
        return data
