"""How each decision evolved: advisor's records followed along their supersession chains, one key at a time.

For a key such as `rancher`, every chain of advisor records (oldest first) becomes a row per record with the
value it recorded, whether that value changed, and the answers that differ from the record before it: the
"not-needed -> defer -> adopt, because organization.teams went 1 -> 2 -> 3" story in one table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from advisor.site.facts import AdvisorFacts
from advisor.site.model import RecordPage, SiteModel
from advisor.values import show_value


@dataclass
class Step:
    page: RecordPage
    value: str | None  # None: this record decided nothing for the key
    changed: bool  # differs from the previous step's value
    answers_changed: list[tuple[str, str, str]]  # (field, before, after) since the previous record


@dataclass
class History:
    key: str
    chains: list[list[Step]]  # one list per supersession chain of advisor records, oldest first


def histories(model: SiteModel, facts: dict[str, AdvisorFacts]) -> list[History]:
    """One History per decision key any advisor record holds, keys sorted; `facts` maps page -> facts."""
    chains = _advisor_chains(model, facts)
    keys = sorted({key for f in facts.values() for key in f.choices})
    out = []
    for key in keys:
        rows = []
        for chain in chains:
            steps, previous = [], None
            for page in chain:
                current = facts[page.page]
                value = current.choices.get(key)
                before = steps[-1].value if steps else None
                changes = _answer_changes(previous.answers, current.answers) if previous else []
                steps.append(Step(page, value, bool(steps) and value != before, changes))
                previous = current
            if any(step.value is not None for step in steps):
                rows.append(steps)
        out.append(History(key, rows))
    return out


def _advisor_chains(model: SiteModel, facts: dict[str, AdvisorFacts]) -> list[list[RecordPage]]:
    """Advisor records ordered along "supersedes" links; a record no advisor record supersedes starts a chain."""
    ours = [p for p in model.pages if p.page in facts]
    placed: set[str] = set()
    chains = []
    for start in ours:
        if start.page in placed or any(p.page in facts for p in start.supersedes):
            continue
        chain, current = [], start
        while current is not None and current.page not in placed:
            chain.append(current)
            placed.add(current.page)
            current = next((p for p in current.superseded_by if p.page in facts and p.page not in placed), None)
        chains.append(chain)
    leftovers = [p for p in ours if p.page not in placed]  # cycles: shown alone rather than lost
    return chains + [[p] for p in leftovers]


def _answer_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[tuple[str, str, str]]:
    old, new = _flatten(before or {}), _flatten(after or {})
    return [(name, show_value(old.get(name)), show_value(new.get(name))) for name in sorted(old.keys() | new.keys())
            if old.get(name) != new.get(name)]  # fmt: skip


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, sub in value.items():
            out.update(_flatten(sub, f"{prefix}.{key}" if prefix else str(key)))
        return out
    return {prefix: value}
