"""A verdict: one line per decision saying what would move it, for the ADR and the interview alike.

Computed by `advisor.whatif.verdicts`; this module only holds the result and how it reads, so the two front ends
print the same words: "holds unless organization.teams rises to 3 (then Adopt Rancher)", "follows
delivery.manifests (now kustomize)", or "no single answer changes this; it needs regulation.regulated: false and
hosting.provider: aws (then Managed Postgres)".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from advisor.values import show_value

MAX_TOGETHER = 3  # the largest set of answers searched for when no single answer moves a decision


@dataclass(frozen=True)
class Change:
    """One answer set to one value."""

    field: str
    current: Any
    value: Any

    def words(self) -> str:
        if isinstance(self.value, int) and isinstance(self.current, int) and not isinstance(self.value, bool):
            verb = "drops to" if self.value < self.current else "rises to"
            return f"{self.field} {verb} {show_value(self.value)}"
        return f"{self.field} becomes {show_value(self.value)}"

    def setting(self) -> str:
        return f"{self.field}: {show_value(self.value)}"


@dataclass(frozen=True)
class Verdict:
    """What would move one decision: the single answer changes that would, or the smallest sets that together would.

    `follows` names the answer a decision is copied from (`delivery.manifests`): changing that answer changes the
    decision by definition, so it is said once rather than listed value by value.
    """

    decision: str
    value: str
    follows: str | None = None
    flips: tuple[tuple[Change, str], ...] = ()  # (change, the decision's value after it)
    together: tuple[tuple[tuple[Change, ...], str], ...] = ()  # when no single change moves it
    labels: tuple[tuple[str, str], ...] = ()  # option value -> label, for the sentence
    chooser: str | None = None  # an answer that would pick the option outright (`delivery.secrets` while `auto`)
    settled: tuple[str, ...] = ()  # the only answers behind it, when they only move forward (phase)

    @property
    def robust(self) -> bool:
        """No single answer moves it."""
        return not self.flips and self.follows is None and self.chooser is None

    def sentence(self) -> str:
        """The one line the ADR and the interview show for this decision."""
        parts = []
        if self.follows:
            parts.append(f"follows {self.follows} (now {show_value(self.value)})")
        if self.flips:
            groups: dict[str, dict[str, list[Change]]] = {}
            for change, outcome in self.flips:
                groups.setdefault(outcome, {}).setdefault(change.field, []).append(change)
            clauses = [
                f"{_either([_words(same) for same in by_field.values()])} (then {self._label(outcome)})"
                for outcome, by_field in groups.items()
            ]
            lead = "and moves if" if self.follows else "holds unless"
            parts.append(f"{lead} " + "; or ".join(clauses))
        if self.chooser:
            parts.append(f"{'or' if parts else 'holds unless'} {self.chooser} names another option")
        if parts:
            return "; ".join(parts)
        if self.settled:
            return f"settled: it depends only on {_either(list(self.settled))}, which only moves forward"
        if self.together:
            sets = [
                _either([change.setting() for change in changes], "and") + f" (then {self._label(outcome)})"
                for changes, outcome in self.together
            ]
            return "no single answer changes this; it needs " + ", or ".join(sets)
        return f"no single answer changes this, nor any {MAX_TOGETHER} together"

    def _label(self, value: str) -> str:
        return dict(self.labels).get(value, value)


def _words(changes: list[Change]) -> str:
    """`hosting.provider becomes on-premises or other`: one field, every value that moves the decision the same way."""
    if len(changes) == 1:
        return changes[0].words()
    return f"{changes[0].field} becomes {_either([show_value(c.value) for c in changes])}"


def _either(items: list[str], word: str = "or") -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]
