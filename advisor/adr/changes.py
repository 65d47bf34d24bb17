"""What changed since an earlier record: the answers that moved, the decisions that moved, the rule set.

A superseding record opens with it ("Changes since ADR-0003"), and so does a proposed record revised in place
("Changes since the draft of 2026-02-01"), so a reviewer reads the difference instead of the whole record again.
The same difference names the new record's file, so two records of one service differ by more than a number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from advisor.decision import Decision
from advisor.labels import decision_label, option_label
from advisor.values import show_value


@dataclass
class Changes:
    since: str  # "ADR-0003", or "the draft of 2026-02-01"
    answers: list[str] = field(default_factory=list)  # "data.rpo_minutes 15 → 30"
    decisions: list[str] = field(default_factory=list)  # "Rancher: Defer Rancher → Adopt Rancher"
    rules: str | None = None  # "rules 6b2636741b4f → 46837cfb6092"
    moved_keys: list[str] = field(default_factory=list)
    moved_fields: list[tuple[str, Any]] = field(default_factory=list)  # (answer path, new value)

    @property
    def empty(self) -> bool:
        return not (self.answers or self.decisions or self.rules)


def changes_since(since: str, block: dict[str, Any], decision: Decision, ruleset) -> Changes:
    """The difference between a record's advisor block (format 1 or 2, answers filled in) and `decision`."""
    out = Changes(since)
    before = _flat(_normalised(block.get("answers")))
    after = _flat(decision.answers.normalised())
    for path in sorted(set(before) | set(after)):
        if before.get(path, _MISSING) != after.get(path, _MISSING):
            old = show_value(before[path]) if path in before else "(unset)"
            out.answers.append(f"{path} {old} → {show_value(after.get(path))}")
            out.moved_fields.append((path, after.get(path)))
    recorded = ((block.get("outcome") or {}).get("choices")) or {}
    for key in [*decision.choices, *(k for k in recorded if k not in decision.choices)]:
        old, new = recorded.get(key), decision.choices.get(key)
        if old != new:
            name = decision_label(key, ruleset)
            shown_old = option_label(key, str(old), ruleset) if old else "(not decided)"
            shown_new = option_label(key, str(new), ruleset) if new else "(no longer decided)"
            out.decisions.append(f"{name}: {shown_old} → {shown_new}")
            out.moved_keys.append(key)
    old_rules, old_tool = block.get("ruleset_version"), block.get("tool_version")
    if old_rules and old_rules != decision.ruleset_version:
        tool = (
            f", advisor {old_tool} → {decision.tool_version}" if old_tool and old_tool != decision.tool_version else ""
        )
        out.rules = f"rules {old_rules} → {decision.ruleset_version}{tool}"
    return out


def distinguishing_words(changes: Changes, decision: Decision, ruleset) -> str:
    """Words for the new record's file name: the decisions that moved, else the answers, else the rule set."""
    if changes.moved_keys:  # the first two: a file name, not a list
        moved = [key for key in changes.moved_keys if key in decision.choices][:2]
        words = " ".join(option_label(key, decision.choices[key], ruleset) for key in moved).split()
        # "Adopt Rancher" then "Rancher Logging" names "adopt rancher logging", not "rancher" twice
        return " ".join(w for i, w in enumerate(words) if i == 0 or w.lower() != words[i - 1].lower())
    if changes.moved_fields:  # the answers by name, not value: a revision may move the value again
        return " ".join(path.rsplit(".", 1)[-1] for path, _ in changes.moved_fields[:3])
    return f"rules {decision.ruleset_version}"


_MISSING = object()


def _normalised(answers: Any) -> dict[str, Any]:
    """Recorded answers read with today's schema (a newer optional answer gets its default, as it did then)."""
    if not isinstance(answers, dict):
        return {}
    from pydantic import ValidationError

    from advisor.answers import Answers

    try:
        return Answers.model_validate(answers).normalised()
    except ValidationError:
        return answers


def _flat(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flat(value, f"{path}."))
        else:
            out[path] = value
    return out
