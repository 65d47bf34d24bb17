"""`advisor org impact`: what a change of the organisation's rules would do to every service's decision.

For each service, the answers its ADR in force records are decided twice, with `engine.decide()`: under the rules
the service is configured with today, and under those plus the proposed folders (or the folders a proposed
organisation config names). Each distinct set of rule folders is loaded once. A change names the rule that decides
under the proposal and the answers its condition reads; obligations and warnings that appear or disappear are
listed too. A service that cannot be compared (no advisor decision, answers changed since the record, broken
files) is skipped with the reason: it is never mixed into the impact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.decision import Decision
from advisor.org.state import State
from advisor.org.vendor import proposed_folders
from advisor.ruleset import Ruleset, load_ruleset


@dataclass(frozen=True)
class Change:
    decision: str
    before: str
    after: str
    rule: str  # the rule that decides under the proposed rules
    title: str
    why: str  # its rationale, filled with the service's answers (as `explain` prints it)
    answers: dict[str, Any]  # the answers (and earlier decisions) its condition reads
    was: str  # the rule that decides today
    released: str = ""  # when a default rule takes over: the rule that no longer holds (`answers` are what it reads)


@dataclass
class Impact:
    state: State
    changes: list[Change] = field(default_factory=list)
    scenarios: tuple[list[str], list[str]] | None = None  # (today, proposed) when they differ
    added: dict[str, list[str]] = field(default_factory=dict)  # "obligations" / "warnings" -> texts that appear
    removed: dict[str, list[str]] = field(default_factory=dict)
    skipped: str | None = None  # why the service was not compared
    rule: str | None = None  # the rule id of a skip that is a problem (a broken file), not a plain fact

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.scenarios or any(self.added.values()) or any(self.removed.values()))


class Rulesets:
    """Each distinct tuple of folders loaded once for the whole organisation."""

    def __init__(self) -> None:
        self._sets: dict[tuple[Path, ...], Ruleset] = {}

    def get(self, folders: tuple[Path, ...]) -> Ruleset:
        key = tuple(Path(f).resolve() for f in folders)
        if key not in self._sets:
            self._sets[key] = load_ruleset(key)
        return self._sets[key]


def impact(state: State, proposed: tuple[Path, ...], replace: bool, rulesets: Rulesets) -> Impact:
    """`replace`: the proposed folders replace the service's configured ones (a proposed organisation config)."""
    from advisor.engine import decide

    out = Impact(state)
    answers = _answers(state, out)
    if answers is None:
        return out
    after_folders = proposed if replace else proposed_folders(state.service, state.rules_dirs, proposed)
    today = decide(answers, rulesets.get(state.rules_dirs))
    after = decide(answers, rulesets.get(after_folders))
    ruleset = rulesets.get(after_folders)
    for key in [*today.choices, *(k for k in after.choices if k not in today.choices)]:
        old, new = today.choices.get(key, "(none)"), after.choices.get(key, "(none)")
        if old != new:
            out.changes.append(_change(key, old, new, today, after, ruleset))
    if today.scenarios != after.scenarios:
        out.scenarios = (today.scenarios, after.scenarios)
    for kind in ("obligations", "warnings"):
        before, now = getattr(today, kind), getattr(after, kind)
        out.added[kind] = [text for text in now if text not in before]
        out.removed[kind] = [text for text in before if text not in now]
    return out


def _change(key: str, old: str, new: str, today: Decision, after: Decision, ruleset: Ruleset) -> Change:
    from advisor.conditions import leaves

    entry = after.entry(key) if key in after.choices else None
    was = today.entry(key).rule if key in today.choices else ""
    if entry is None:
        return Change(key, old, new, "", "", "no rule decides it under the proposed rules", {}, was)
    facts = after.answers.facts()

    def reads(rule_id: str) -> dict[str, Any]:
        rule = next((r for r in ruleset.rules if r.id == rule_id), None)
        read: dict[str, Any] = {}
        for leaf in leaves(rule.spec.when) if rule is not None else []:
            name = leaf.fact
            decided = name.startswith("decision.")
            read.setdefault(name, after.choices.get(name.removeprefix("decision.")) if decided else facts.get(name))
        return read

    read = reads(entry.rule)
    # A default rule (no condition) decides because the rule that decided before no longer holds: its answers say why.
    released = was if not read and was and was != entry.rule else ""
    return Change(key, old, new, entry.rule, entry.title, entry.rationale, read or reads(released), was, released)


def _answers(state: State, out: Impact):
    """The answers to decide, or None with the reason the service is skipped."""
    from pydantic import ValidationError

    from advisor.answers import Answers, load_answers
    from advisor.errors import InputError

    if not state.rules_ok:
        out.skipped, out.rule = "its configured rule folders do not load (see `advisor org check`)", "ORG005"
        return None
    if state.record is None:
        out.skipped = "no advisor decision to compare" + (" (hand-written records only)" if state.log else "")
        return None
    if state.block is None:
        out.skipped, out.rule = f"{state.record.id}: the advisor block does not read", "ADR101"
        return None
    try:
        recorded = Answers.model_validate(state.block.get("answers"))
    except ValidationError as exc:
        out.skipped = f"{state.record.id}: the recorded answers do not validate ({exc.errors()[0]['msg']})"
        out.rule = "ORG006"
        return None
    named = state.block.get("answers_file")
    if isinstance(named, str) and named:
        path = state.service.base / named
        if path.is_file():
            try:
                current = load_answers(path)
            except InputError as exc:
                out.skipped, out.rule = f"{named} does not load: {exc.problems[0].message}", "ADR102"
                return None
            if not current.matches_record(state.block.get("answers_sha256"), state.block.get("answers")):
                out.skipped = f"{named} changed since {state.record.id}; run `advisor decide` there first"
                return None
    return recorded
