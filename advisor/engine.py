"""Evaluating a rule set over answers: deterministic, with a trace of every choice.

Conflict policy (docs/rules.md): for each decision, of the rules whose condition holds, the one
with the highest priority wins. Two winners at the same priority that agree are fine (the first by
id is named); two that disagree are a contradiction and an error naming both. Rules that lose are
recorded in the trace as overridden. `add:` parts (scenarios, warnings, obligations) accumulate from
every rule whose condition holds, de-duplicated, in evaluation order.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from advisor.answers import Answers
from advisor.decision import Decision, Overridden, TraceEntry
from advisor.errors import Problem, RuleError
from advisor.ruleset import Rule, Ruleset, load_ruleset

_PLACEHOLDER = re.compile(r"\$\{([a-z0-9_.]+)\}")


def decide(answers: Answers, ruleset: Ruleset | None = None) -> Decision:
    ruleset = ruleset or load_ruleset()
    facts: dict[str, Any] = answers.facts()
    held: dict[str, bool] = {}
    fired: list[str] = []

    def holds(rule: Rule) -> bool:
        if rule.id not in held:
            held[rule.id] = rule.predicate(facts)
            if held[rule.id]:
                fired.append(rule.id)
        return held[rule.id]

    choices: dict[str, str] = {}
    trace: list[TraceEntry] = []
    for key in ruleset.order:
        winners = [rule for rule in ruleset.candidates(key) if holds(rule)]
        value, entry = _resolve(key, winners, facts, ruleset)
        choices[key] = value
        facts[f"decision.{key}"] = value
        trace.append(entry)

    scenarios: list[str] = []
    warnings: list[str] = []
    obligations: list[str] = []
    for rule in ruleset.rules:
        additions = rule.spec.add
        if not (additions.scenarios or additions.warnings or additions.obligations) or not holds(rule):
            continue
        _extend(scenarios, additions.scenarios)
        _extend(warnings, (fill(text, facts) for text in additions.warnings))
        _extend(obligations, (fill(text, facts) for text in additions.obligations))
    return Decision(
        answers=answers,
        choices=choices,
        scenarios=sorted(scenarios),
        warnings=warnings,
        obligations=obligations,
        rules=fired,
        trace=trace,
        ruleset_version=ruleset.version,
        rule_sources=ruleset.sources,
    )


def choose(facts: dict[str, Any], ruleset: Ruleset, near: Near | None = None) -> dict[str, tuple[str, str]]:
    """Each decision's (value, the rule that sets it), as `decide` would choose them, without the trace, the
    scenarios or any text: all that what-if's fifty re-decisions per service read. Raises what `decide` raises.

    The choice depends only on the facts the rules read (their conditions and `from:`), so identical readings,
    common among the candidates of one service and across the services of an organisation, are chosen once per
    rule set. `near`: a decision these facts differ little from (what-if changes one answer at a time), whose
    rules' conditions are then looked at again only where they read a fact that differs."""
    reading = tuple(repr(facts[name]) for name in _read_facts(ruleset))
    memo: dict[tuple[str, ...], dict[str, tuple[str, str]]] = ruleset.__dict__.setdefault("_chosen", {})
    found = memo.get(reading)
    if found is None:
        if len(memo) >= 2_000:  # about 10 MB; one service's candidates repeat readings, an organisation seldom does
            memo.clear()
        found = memo[reading] = _choose(dict(facts), ruleset, near, reading)
    return found


def _read_facts(ruleset: Ruleset) -> tuple[str, ...]:
    names: tuple[str, ...] | None = ruleset.__dict__.get("_read_facts")
    if names is None:
        from advisor.conditions import leaves

        found = {leaf.fact for rule in ruleset.rules for leaf in leaves(rule.spec.when)}
        found |= {raw["from"] for rule in ruleset.rules for raw in rule.spec.set.values() if isinstance(raw, dict)}
        names = ruleset.__dict__["_read_facts"] = tuple(sorted(n for n in found if not n.startswith("decision.")))
    return names


class Near:
    """A decision's facts, and its rules' conditions evaluated over them once, for `choose` to start from."""

    def __init__(self, facts: dict[str, Any], choices: dict[str, str], ruleset: Ruleset) -> None:
        self.facts = {**facts, **{f"decision.{key}": value for key, value in choices.items()}}
        self.choices = choices
        self.reading = tuple(repr(facts[name]) for name in _read_facts(ruleset))
        self.held: dict[str, bool] = {}
        self.chosen = _choose(dict(facts), ruleset)  # what a decision reading none of a candidate's changes keeps

    def holds(self, rule: Rule) -> bool:
        found = self.held.get(rule.spec.id)
        if found is None:
            found = self.held[rule.spec.id] = rule.predicate(self.facts)
        return found


def _choose(
    facts: dict[str, Any], ruleset: Ruleset, near: Near | None = None, reading: tuple[str, ...] = ()
) -> dict[str, tuple[str, str]]:
    held: dict[str, bool] = {}
    changed: set[str] = set()  # the facts that differ from `near`'s: a condition reading none of them holds as there
    if near is not None:
        names = _read_facts(ruleset)
        changed = {names[i] for i, (a, b) in enumerate(zip(reading, near.reading, strict=True)) if a != b}
    reads, key_reads = _rule_facts(ruleset), _key_reads(ruleset)
    out: dict[str, tuple[str, str]] = {}
    for key in ruleset.order:
        if near is not None and changed.isdisjoint(key_reads[key]):
            out[key] = near.chosen[key]  # the same rules hold and set the same value as there
            facts[f"decision.{key}"] = out[key][0]
            continue
        winners = []
        for rule in ruleset.candidates(key):
            if rule.spec.id not in held:
                same = near is not None and changed.isdisjoint(reads[rule.spec.id])
                held[rule.spec.id] = near.holds(rule) if same else rule.predicate(facts)  # type: ignore[union-attr]
            if held[rule.spec.id]:
                winners.append(rule)
        if not winners:
            _resolve(key, winners, facts, ruleset)  # raises, with decide's message
        top = winners[0]
        value = _value(top, key, facts, ruleset)
        for other in winners[1:]:
            if _value(other, key, facts, ruleset) != value and other.spec.priority == top.spec.priority:
                _resolve(key, winners, facts, ruleset)  # raises the conflict, with decide's message
        out[key] = (value, top.spec.id)
        facts[f"decision.{key}"] = value
        if near is not None and near.choices.get(key) != value:
            changed.add(f"decision.{key}")
    return out


def _rule_facts(ruleset: Ruleset) -> dict[str, frozenset[str]]:
    """The facts each rule's condition reads (answers and decisions)."""
    found: dict[str, frozenset[str]] | None = ruleset.__dict__.get("_rule_facts")
    if found is None:
        from advisor.conditions import leaves

        found = {rule.spec.id: frozenset(leaf.fact for leaf in leaves(rule.spec.when)) for rule in ruleset.rules}
        ruleset.__dict__["_rule_facts"] = found
    return found


def _key_reads(ruleset: Ruleset) -> dict[str, frozenset[str]]:
    """The facts each decision's value can depend on: its rules' conditions and the facts their `from:` copies."""
    found: dict[str, frozenset[str]] | None = ruleset.__dict__.get("_key_reads")
    if found is None:
        reads, found = _rule_facts(ruleset), {}
        for key in ruleset.order:
            names: set[str] = set()
            for rule in ruleset.candidates(key):
                raw = rule.spec.set[key]
                names |= reads[rule.spec.id] | ({raw["from"]} if isinstance(raw, dict) else set())
            found[key] = frozenset(names)
        ruleset.__dict__["_key_reads"] = found
    return found


def _resolve(key: str, winners: list[Rule], facts: dict[str, Any], ruleset: Ruleset) -> tuple[str, TraceEntry]:
    if not winners:  # ruleset validation requires a default rule, so only a bug gets here
        raise RuleError([Problem("rules", f"no rule decided {key!r}")])
    top = winners[0]
    value = _value(top, key, facts, ruleset)
    overridden = []
    for other in winners[1:]:
        other_value = _value(other, key, facts, ruleset)
        if other.spec.priority == top.spec.priority and other_value != value:
            raise RuleError(
                [
                    Problem(
                        other.file,
                        f"rules {top.id} ({short_file(top.file)}) and {other.id} both decide {key} at priority "
                        f"{top.spec.priority} but disagree ({value!r} vs {other_value!r}); give one a higher priority",
                        other.line,
                    )
                ]
            )
        overridden.append(Overridden(rule=other.id, value=other_value, priority=other.spec.priority))
    spec = top.spec
    entry = TraceEntry(
        decision=key,
        value=value,
        rule=spec.id,
        title=spec.title,
        priority=spec.priority,
        rationale=fill(spec.rationale, facts),
        spec=spec.spec,
        file=short_file(top.file),
        overridden=overridden,
    )
    return value, entry


def _value(rule: Rule, key: str, facts: dict[str, Any], ruleset: Ruleset) -> str:
    raw = rule.spec.set[key]
    if isinstance(raw, str):
        return raw
    value = facts[raw["from"]]
    if value not in ruleset.decisions[key].options:
        raise RuleError(
            [Problem(rule.file, f"rule {rule.id}: {raw['from']} = {value!r} is not an option of {key}", rule.line)]
        )
    return str(value)


def fill(text: str, facts: dict[str, Any]) -> str:
    """Replace `${fact}` placeholders in rationale, warning and ADR texts."""

    def one(match: re.Match[str]) -> str:
        value = facts.get(match.group(1), match.group(0))
        if isinstance(value, list):
            return ", ".join(map(str, value)) or "none"
        if isinstance(value, bool):
            return "yes" if value else "no"
        return str(value)

    return _PLACEHOLDER.sub(one, text)


def _extend(target: list[str], items: Any) -> None:
    for item in items:
        if item not in target:
            target.append(item)


@lru_cache(maxsize=256)
def short_file(file: str) -> str:
    """Bundled rule files are named relative to the rules folder, so output does not leak install paths.

    Cached: two `resolve()` calls per trace entry made this a third of what-if's ~50 re-decisions.
    """
    from pathlib import Path

    from advisor.resources import bundled_rules_dir

    path = Path(file)
    try:
        return f"rules/{path.resolve().relative_to(bundled_rules_dir().resolve())}"
    except ValueError:
        return str(path)
