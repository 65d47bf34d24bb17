"""Decisions in plain words: the summary `decide` prints and the trace `explain` prints."""

from __future__ import annotations

from advisor.decision import Decision
from advisor.labels import in_display_order
from advisor.textout import one_line
from advisor.verdict import Verdict


def _keys(decision: Decision) -> list[str]:
    """The order rules/decisions.yaml defines the decisions in (advisor.labels)."""
    return in_display_order(decision.choices)


def summary(decision: Decision) -> str:
    name = decision.answers.project.name
    lines = [f"{name}: " + ", ".join(f"{key}={decision.choices[key]}" for key in _keys(decision))]
    scenarios = ", ".join(decision.scenarios) or "none"
    lines.append(f"scenarios: {scenarios}")
    lines += [f"warning: {one_line(text)}" for text in decision.warnings]
    return "\n".join(lines)


def explain(decision: Decision, verdicts: dict[str, Verdict] | None = None) -> str:
    """Each decision, the rule that made it, its rationale and spec section; then scenarios and, when asked, what
    would move each decision: the same verdict line the ADR and the interview show (advisor.whatif.verdicts)."""
    lines = [f"Decision for {decision.answers.project.name} (rules {decision.ruleset_version})", ""]
    for key in _keys(decision):
        entry = decision.entry(key)
        lines.append(f"{key}: {entry.value}")
        # rule texts come from rule files, an organisation's among them: each prints as one line of plain text
        source = "no spec section: the answers or advisor's policy"
        if entry.spec:
            source = f"SPEC-0006 {one_line(entry.spec)}"
        lines.append(f"  rule {entry.rule} (priority {entry.priority}, {source}): {one_line(entry.title)}")
        lines.append(f"  why: {one_line(entry.rationale)}")
        for other in entry.overridden:
            if other.value == entry.value:
                lines.append(f"  agrees with {other.rule} (priority {other.priority})")
            else:
                lines.append(f"  overrode {other.rule} (priority {other.priority}), which said {other.value}")
        lines.append("")
    lines.append("Scenarios: " + (", ".join(decision.scenarios) or "none of A-C"))
    for title, items in (("Warnings", decision.warnings), ("Obligations", decision.obligations)):
        if items:
            lines.append(f"{title}:")
            lines += [f"  - {one_line(item)}" for item in items]
    if verdicts is not None:
        lines.append("")
        lines.append("What would change each decision:")
        for key in _keys(decision):
            if key in verdicts:
                lines.append(f"  - {key} ({decision.choices[key]}): {one_line(verdicts[key].sentence())}")
    return "\n".join(lines).rstrip() + "\n"
