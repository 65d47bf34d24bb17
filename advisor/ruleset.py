"""Loading and validating rule files (`rules/*.yaml`, plus an organisation's `--rules DIR`).

A rule file holds `decisions:` (the choices, their options and pros/cons), `scenarios:` and/or
`rules:`. Layers load in order: the bundled rules, then each extra folder. A later layer may add
decisions, options and rules, and replaces an earlier rule that has the same id. The whole set is
checked before use: unknown facts, unknown options, decisions without a default rule, rules that
depend on each other in a circle, and rules that contradict each other at the same priority.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from advisor.conditions import ConditionError, Predicate, compile_condition, leaves
from advisor.errors import Problem, RuleError
from advisor.resources import bundled_rules_dir
from advisor.rule_models import (
    DecisionDef,
    DriverDef,
    ExternalFact,
    Quote,
    RuleDef,
    RuleFile,
    fact_names,
    parse_rule_file,
)
from advisor.rule_words import check_words
from advisor.yamlio import Located, load_yaml_file

MULTI_VALUED = ("scenarios", "warnings", "obligations")
_PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")  # every ${...}; a name that is no fact is an error


@dataclass
class Rule:
    spec: RuleDef
    file: str
    line: int | None
    predicate: Predicate
    reads: frozenset[str]  # decision keys this rule's condition reads

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass
class Ruleset:
    decisions: dict[str, DecisionDef]
    scenarios: dict[str, dict[str, str]]
    rules: list[Rule]
    order: list[str]  # decision keys, dependencies first
    sources: list[str] = field(default_factory=list)
    version: str = ""
    # What the ADR says about the decisions (docs/rules.md, "What the ADR says"): not part of the version
    drivers: dict[str, DriverDef] = field(default_factory=dict)
    quotes: dict[str, Quote] = field(default_factory=dict)
    facts: dict[str, ExternalFact] = field(default_factory=dict)

    def rule(self, rule_id: str) -> Rule | None:
        return self.__dict__.setdefault("_by_id", {r.id: r for r in self.rules}).get(rule_id)

    def rules_setting(self, key: str) -> list[Rule]:
        return [rule for rule in self.rules if key in rule.spec.set]

    def candidates(self, key: str) -> list[Rule]:
        """The rules that set `key`, strongest first (priority, then id): what `decide` tries, once per run of
        what-if's fifty re-decisions, so it is computed once per rule set."""
        cache: dict[str, list[Rule]] = self.__dict__.setdefault("_candidates", {})
        if key not in cache:
            cache[key] = sorted(self.rules_setting(key), key=lambda r: (-r.spec.priority, r.id))
        return cache[key]


def load_ruleset(extra_dirs: tuple[str | Path, ...] = ()) -> Ruleset:
    """The bundled rules plus `extra_dirs`, validated; raises RuleError listing every problem."""
    return _load(tuple(str(Path(d)) for d in extra_dirs))


# What only the ADR and the interview show: rewording it must not make every ADR look out of date.
_OPTION_WORDS = {
    "label",
    "action",
    "only_when",
    "ruled_out",
    "compare",
    "consequences",
    "defers",
    "good",
    "neutral",
    "bad",
}
LABEL_FIELDS: Any = {"label": True, "drivers": True, "options": {"__all__": _OPTION_WORDS}}
RULE_WORDS: Any = {"drivers", "policy", "facts"}


@lru_cache(maxsize=8)
def _load(extra_dirs: tuple[str, ...]) -> Ruleset:
    from advisor.confine import regular_file, root

    # a rule folder inside the repository is reached through no symlink, and none of its files is one
    extra = [root(Path(d), Path.cwd(), "the rules folder (--rules)", from_user=True) for d in extra_dirs]
    layers = [bundled_rules_dir(), *extra]
    files: list[tuple[Located, RuleFile]] = []
    problems: list[Problem] = []
    for layer in layers:
        if not layer.is_dir():
            raise RuleError([Problem(str(layer), "rules folder not found")])
        for path in sorted(layer.glob("*.yaml")) + sorted(layer.glob("*.yml")):
            if not regular_file(path):
                problems.append(Problem(str(path), "not a regular file (a symlink?); rule files are read only as such"))
                continue
            located = load_yaml_file(path, "rule file")
            try:
                files.append((located, parse_rule_file(located)))
            except RuleError as exc:
                problems.extend(exc.problems)
    if problems:
        raise RuleError(problems)
    return _assemble(files)


def _assemble(files: list[tuple[Located, RuleFile]]) -> Ruleset:
    decisions: dict[str, DecisionDef] = {}
    defined_at: dict[str, tuple[str, int | None]] = {}  # where each decision first appears, for messages
    scenarios: dict[str, dict[str, str]] = {}
    drivers: dict[str, DriverDef] = {}
    quotes: dict[str, Quote] = {}
    facts: dict[str, ExternalFact] = {}
    for located, rule_file in files:
        for key, definition in rule_file.decisions.items():
            decisions[key] = decisions[key].merged(definition) if key in decisions else definition
            defined_at.setdefault(key, (located.file, located.line_of(("decisions", key))))
        scenarios.update(rule_file.scenarios)
        drivers.update(rule_file.drivers)
        quotes.update(rule_file.quotes)
        facts.update(rule_file.facts)
    known = fact_names() | {f"decision.{key}" for key in decisions}
    problems: list[Problem] = []
    by_id: dict[str, Rule] = {}
    for located, rule_file in files:
        seen_here: set[str] = set()
        for index, spec in enumerate(rule_file.rules):
            line = located.line_of(("rules", index))
            where = f"rule {spec.id}"
            if spec.id in seen_here:
                message = f"{where}: duplicate rule id in this file; give each rule its own id"
                problems.append(Problem(located.file, message, line, f"rules[{index}].id"))
                continue
            seen_here.add(spec.id)
            try:
                predicate = compile_condition(spec.when, known, "when")
            except ConditionError as exc:
                problems.append(Problem(located.file, f"{where}: {exc}", line, f"rules[{index}].when"))
                continue
            problems += _check_outputs(spec, decisions, scenarios, known, located.file, line, f"rules[{index}]")
            reads = frozenset(
                leaf.fact.removeprefix("decision.") for leaf in leaves(spec.when) if leaf.fact.startswith("decision.")
            )
            by_id.pop(spec.id, None)  # a later layer replaces an earlier rule with the same id
            by_id[spec.id] = Rule(spec, located.file, line, predicate, reads)
    rules = list(by_id.values())
    problems += check_words(files, decisions, drivers, quotes, facts, known)
    if not problems:
        problems += _check_completeness(decisions, rules, defined_at)
        problems += _check_contradictions(rules)
    order, cycle = _dependency_order(decisions, rules)
    if cycle:
        steps, rule = cycle
        message = f"circular rules: {steps}; a decision cannot depend on itself, drop one of these conditions"
        problems.append(Problem(rule.file, message, rule.line, "when"))
    if problems:
        raise RuleError(problems)
    canonical = json.dumps(
        {
            # Labels are presentation: rewording one must not change the version every ADR records.
            "decisions": {k: v.model_dump(mode="json", exclude=LABEL_FIELDS) for k, v in decisions.items()},
            "scenarios": scenarios,
            "rules": [r.spec.model_dump(mode="json", exclude=RULE_WORDS) for r in rules],
        },
        sort_keys=True,
    )
    sources = sorted({located.file for located, _ in files})
    version = hashlib.sha256(canonical.encode()).hexdigest()[:12]
    return Ruleset(decisions, scenarios, rules, order, sources, version, drivers, quotes, facts)


def _check_outputs(
    spec: RuleDef,
    decisions: dict[str, DecisionDef],
    scenarios: dict[str, Any],
    known: set[str],
    file: str,
    line: int | None,
    at: str = "",
) -> list[Problem]:
    problems = []
    prefix = f"{at}." if at else ""
    for key, value in spec.set.items():
        if key not in decisions:
            problems.append(
                Problem(
                    file,
                    f"rule {spec.id}: sets unknown decision {key!r}; known: {', '.join(decisions)}",
                    line,
                    f"{prefix}set.{key}",
                )
            )
        elif isinstance(value, dict):
            if value.get("from") not in known:
                problems.append(
                    Problem(
                        file,
                        f"rule {spec.id}: 'from' names unknown fact {value.get('from')!r}",
                        line,
                        f"{prefix}set.{key}",
                    )
                )
        elif value not in decisions[key].options:
            options = ", ".join(decisions[key].options)
            problems.append(
                Problem(
                    file, f"rule {spec.id}: {value!r} is not an option of {key} ({options})", line, f"{prefix}set.{key}"
                )
            )
    for scenario in spec.add.scenarios:
        if scenario not in scenarios:
            problems.append(
                Problem(file, f"rule {spec.id}: unknown scenario {scenario!r}", line, f"{prefix}add.scenarios")
            )
    texts = [("rationale", spec.rationale)] + [
        (f"add.{kind}", text) for kind in MULTI_VALUED for text in getattr(spec.add, kind)
    ]
    for where, text in texts:
        for name in _PLACEHOLDER.findall(text):
            if name not in known:
                message = f"rule {spec.id}: placeholder ${{{name}}} names an unknown fact"
                problems.append(Problem(file, message, line, f"{prefix}{where}"))
    return problems


def _check_completeness(
    decisions: dict[str, DecisionDef], rules: list[Rule], defined_at: dict[str, tuple[str, int | None]]
) -> list[Problem]:
    problems = []
    for key in decisions:
        if not any(key in r.spec.set and not r.spec.when for r in rules):
            file, line = defined_at.get(key, ("rules", None))
            message = f"decision {key!r} has no default rule; add a rule without 'when' that sets it"
            problems.append(Problem(file, message, line, f"decisions.{key}"))
    return problems


def _check_contradictions(rules: list[Rule]) -> list[Problem]:
    """Same condition, same priority, different value: the set can never decide between them."""
    seen: dict[tuple[str, int, str], Rule] = {}
    problems = []
    for rule in rules:
        condition = json.dumps(rule.spec.when, sort_keys=True)
        for key, value in rule.spec.set.items():
            slot = (key, rule.spec.priority, condition)
            other = seen.get(slot)
            if other and other.spec.set[key] != value:
                problems.append(
                    Problem(
                        rule.file,
                        f"rule {rule.id} contradicts rule {other.id} ({other.file}): same condition and "
                        f"priority {rule.spec.priority}, but {key} = {value!r} vs {other.spec.set[key]!r}; "
                        "give one a higher priority or drop it",
                        rule.line,
                        "set." + key,
                    )
                )
            seen.setdefault(slot, rule)
    return problems


def _dependency_order(
    decisions: dict[str, DecisionDef], rules: list[Rule]
) -> tuple[list[str], tuple[str, Rule] | None]:
    """Topological order of decisions (a decision after those its rules read); or the cycle found."""
    needs: dict[str, set[str]] = {key: set() for key in decisions}
    witness: dict[tuple[str, str], Rule] = {}
    for rule in rules:
        for key in rule.spec.set:
            for read in rule.reads:
                if key in needs:
                    needs[key].add(read)
                    witness.setdefault((key, read), rule)
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(key: str, path: list[str]) -> list[str] | None:
        if state.get(key) == 2:
            return None
        if state.get(key) == 1:
            return [*path[path.index(key) :], key]
        state[key] = 1
        for dep in sorted(needs.get(key, ())):
            cycle = visit(dep, [*path, key])
            if cycle:
                return cycle
        state[key] = 2
        order.append(key)
        return None

    for key in decisions:
        cycle = visit(key, [])
        if cycle:
            steps = [f"{a} reads {b} (rule {witness[(a, b)].id})" for a, b in pairwise(cycle)]
            return order, ("; ".join(steps), witness[(cycle[0], cycle[1])])
    return order, None
