"""What advisor knows about one of its own records, read from one place, and the reasoning re-derived from it.

`advisor_facts(record)` is the single accessor of the recorded data (answers, outcome, rules, generated files):
it reads today's `advisor:` front-matter block, so a change of where advisor keeps that data is one function
to adapt. `reasoning(facts)` re-decides from the recorded answers with the current rules to show the decision
table, the what-if flips and whether today's rules still agree with the record; identical answers are decided
once, so a log of many re-decided records stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from advisor.adr.records import Record


@dataclass(frozen=True)
class AdvisorFacts:
    answers: dict[str, Any] | None  # as the record states them
    choices: dict[str, str]  # the recorded outcome
    scenarios: list[str]
    rules: list[str]
    generated: list[str]  # paths relative to the repository root
    project: str


@dataclass
class DecisionRow:
    key: str
    title: str
    value: str
    recorded: str | None  # the record's value, when it differs from today's rules
    rule: str
    spec: str
    outranked: list[str]


@dataclass
class Reasoning:
    rows: list[DecisionRow] = field(default_factory=list)
    flips: list[str] = field(default_factory=list)
    problem: str | None = None  # why the answers could not be re-decided


def advisor_facts(record: Record) -> AdvisorFacts | None:
    """The data advisor recorded in `record`, or None for a hand-written record or a block that does not read."""
    block = record.advisor()
    if block is None:
        return None
    outcome = block.get("outcome") or {}
    answers = block.get("answers")
    project = ((answers or {}).get("project") or {}).get("name") or ""
    return AdvisorFacts(
        answers=answers if isinstance(answers, dict) else None,
        choices={str(k): str(v) for k, v in (outcome.get("choices") or {}).items()},
        scenarios=[str(s) for s in _list(outcome.get("scenarios"))],
        rules=[str(r) for r in _list(block.get("rules")) if isinstance(r, str | int)],
        generated=[item["path"] for item in block.get("generated") or []],
        project=str(project),
    )


def _list(value: Any) -> list[Any]:
    """A hand-edited block may hold a scalar where a list belongs: show nothing rather than its characters."""
    return value if isinstance(value, list) else []


def lock_files(root: Path, skeleton: str = "deploy") -> dict[str, list[str]]:
    """{ADR id: the files the skeleton's lock (`deploy/advisor.lock.yaml`) says were written for it, relative to
    `root`}; empty when there is no lock or it does not read (the site still builds; `advisor check` says why)."""
    from advisor.confine import root as confined
    from advisor.errors import InputError
    from advisor.lock import read_lock

    try:  # a skeleton folder that is a symlink is not followed: its "lock" could be any file anywhere
        lock = read_lock(confined(root / skeleton, root, "the skeleton folder", from_user=False))
    except InputError:
        return {}
    return files_of(lock, skeleton)


def files_of(lock, skeleton: str = "deploy") -> dict[str, list[str]]:
    """`lock_files` for a lock already read (`advisor org site` has read every service's)."""
    if lock is None:
        return {}
    return {lock.adr_id: sorted(f"{skeleton}/{item.path}" for item in lock.files)}


MAX_REDECIDED = 200  # distinct recorded answers a build re-decides, with what-if (about 10 ms each)


class Reasoner:
    """Re-decides recorded answers with one rule set; caches by the answers, since re-decided logs repeat them.

    A real log records a handful of distinct answers; a log built to stall the site records thousands (2,000 took
    22 s), so past MAX_REDECIDED the remaining records say their reasoning was not re-derived."""

    def __init__(self, rules_dirs: tuple[Path, ...] = ()) -> None:
        self.rules_dirs = rules_dirs
        self._cache: dict[str, Reasoning] = {}
        self._yaml: dict[str, str] = {}

    def answers_yaml(self, facts: AdvisorFacts) -> str:
        """The recorded answers as YAML, dumped once per distinct answers (PyYAML's emitter is slow)."""
        import json

        import yaml

        if facts.answers is None:
            return ""
        key = json.dumps(facts.answers, sort_keys=True, default=str)
        if key not in self._yaml:
            dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
            self._yaml[key] = yaml.dump(facts.answers, Dumper=dumper, sort_keys=False, allow_unicode=True)
        return self._yaml[key]

    def reasoning(self, facts: AdvisorFacts) -> Reasoning:
        import json

        if facts.answers is None:
            return Reasoning(problem="the record holds no answers")
        key = json.dumps(facts.answers, sort_keys=True, default=str)
        if key not in self._cache and len(self._cache) >= MAX_REDECIDED:
            return Reasoning(problem=f"not re-derived: the log records more than {MAX_REDECIDED} different answers")
        if key not in self._cache:
            self._cache[key] = self._decide(facts.answers)
        cached = self._cache[key]
        rows = [replace(r, recorded=_differs(facts.choices.get(r.key), r.value)) for r in cached.rows]
        return Reasoning(rows, cached.flips, cached.problem)

    def _decide(self, answers: dict[str, Any]) -> Reasoning:
        from pydantic import ValidationError

        from advisor.answers import Answers
        from advisor.errors import AdvisorError
        from advisor.pipeline import evaluate

        try:
            decision, flips, ruleset = evaluate(Answers.model_validate(answers), self.rules_dirs)
        except ValidationError as exc:
            return Reasoning(problem=f"the recorded answers do not validate: {exc.errors()[0]['msg']}")
        except AdvisorError as exc:
            return Reasoning(problem=f"the rules cannot be loaded: {exc.problems[0].message}")
        rows = []
        for key in ruleset.order:
            if key not in decision.choices:
                continue
            entry = decision.entry(key)
            definition = ruleset.decisions.get(key)
            outranked = [f"{o.rule} ({o.value})" for o in entry.overridden]
            title = definition.title if definition is not None else key
            rows.append(DecisionRow(key, title, entry.value, None, entry.rule, entry.spec or "-", outranked))
        sentences = [flip.sentence(decision.choices[flip.decision]) for flip in flips]
        return Reasoning(rows, sentences)


def _differs(recorded: str | None, today: str) -> str | None:
    return recorded if recorded is not None and recorded != today else None
