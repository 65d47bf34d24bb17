"""What-if: for each decision, the single answer changes that would flip it, and one verdict line per decision.

Computed, never written by hand: we try each alternative of every field the rules can see
(enum values, flipped booleans, numbers just across each threshold a rule compares against,
frameworks added or removed), re-run the rules, and keep the nearest change per outcome. A change nobody can make
is not tried: the phase only moves forward.

`what_if` lists every such flip. `verdicts` turns them into one line per decision for people (the ADR and the
interview): only changes a team can make (a phase never goes back), no tautologies (a decision copied from an
answer "follows" it), and for a decision no single answer moves, the smallest sets of answers that together would.
"""

from __future__ import annotations

from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from advisor.answers import Answers
from advisor.conditions import leaves
from advisor.decision import Decision, Flip
from advisor.engine import Near, choose
from advisor.ruleset import Ruleset, load_ruleset
from advisor.verdict import MAX_TOGETHER, Change, Verdict

# Fields whose change says nothing about the deployment decision itself.
_IGNORED = {
    "schema_version",
    "adr.template",
    "project.name",
    "project.description",
    "delivery.domain",
    "delivery.image",
    "delivery.image_tag",
    "delivery.tls_issuer",
    "environments",
    "adr.decision_makers",
    "adr.consulted",
    "adr.informed",
}


# A product's phase only moves forward: "with phase 3 (now 5)" describes no change anyone can make.
FORWARD_ONLY = frozenset({"phase"})


def what_if(decision: Decision, ruleset: Ruleset | None = None) -> list[Flip]:
    """Each decision's flips: per changed field and outcome, the nearest change that gets there."""
    best: dict[tuple[str, str, str], tuple[float, Flip]] = {}
    for flip in single_changes(decision, ruleset):
        current, candidate = flip.current, flip.value
        distance = abs(candidate - current) if isinstance(current, int) and not isinstance(current, bool) else 0
        slot = (flip.decision, flip.field, flip.outcome)
        if slot not in best or distance < best[slot][0]:
            best[slot] = (distance, flip)
    order = {key: i for i, key in enumerate(decision.choices)}
    flips = [flip for _, flip in best.values()]
    return sorted(flips, key=lambda f: (order.get(f.decision, 99), f.field, str(f.outcome), str(f.value)))


def single_changes(decision: Decision, ruleset: Ruleset | None = None) -> list[Flip]:
    """Every single answer change (of the candidates below) and each decision it moves, in candidate order."""
    ruleset = ruleset or load_ruleset()
    base = decision.answers.normalised()
    near = Near(decision.answers.facts(), decision.choices, ruleset)
    out: list[Flip] = []
    for path, current, candidate in _candidates(base, _thresholds(ruleset)):
        try:
            answers = Answers.model_validate(_assigned(base, path, candidate))
        except ValidationError:
            continue
        for key, (value, rule) in choose(answers.facts(), ruleset, near).items():
            if value != decision.choices.get(key):
                out.append(Flip(decision=key, field=path, current=current, value=candidate, outcome=value, rule=rule))
    return out


def _candidates(base: dict[str, Any], thresholds: dict[str, set[int]]) -> list[tuple[str, Any, Any]]:
    out: list[tuple[str, Any, Any]] = []
    for path, annotation, current in _fields(Answers, base, ""):
        if path in _IGNORED:
            continue
        if annotation is bool:
            out.append((path, current, not current))
        elif annotation == (bool | None):
            out += [(path, current, v) for v in (None, True, False) if v != current]
        elif annotation is int:
            for n in sorted(thresholds.get(path, ())):
                out += [(path, current, v) for v in (n - 1, n, n + 1) if v != current]
        elif path == "regulation.frameworks":
            for framework in get_args(get_args(annotation)[0]):
                toggled = [f for f in current if f != framework] if framework in current else [*current, framework]
                out.append((path, current, toggled))
        elif path in _EXAMPLES:
            # free text the rules only test for presence: naming one (the field's example) or clearing it
            out.append((path, current, _EXAMPLES[path] if current is None else None))
        else:
            options = [v for v in get_args(annotation) if isinstance(v, str)]
            out += [(path, current, v) for v in options if v != current]
    out = [item for item in out if not (item[0] in FORWARD_ONLY and item[2] < item[1])]
    seen: set[str] = set()
    unique = []
    for item in out:
        marker = repr(item)
        if marker not in seen:
            seen.add(marker)
            unique.append(item)
    return unique


def _examples(model: type[BaseModel], prefix: str = "") -> dict[str, Any]:
    """Optional text fields that declare an example value, by dotted path (e.g. observability.log_endpoint)."""
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
            out.update(_examples(info.annotation, f"{prefix}{name}."))
        elif info.examples:
            out[f"{prefix}{name}"] = info.examples[0]
    return out


_EXAMPLES = _examples(Answers)


def _fields(model: type[BaseModel], data: dict[str, Any], prefix: str):
    for name, info in model.model_fields.items():
        annotation = info.annotation
        path = f"{prefix}{name}"
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from _fields(annotation, data[name], f"{path}.")
        else:
            yield path, annotation, data[name]


def _thresholds(ruleset: Ruleset) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {}
    for rule in ruleset.rules:
        for leaf in leaves(rule.spec.when):
            operands = leaf.operand if isinstance(leaf.operand, (list, tuple)) else [leaf.operand]
            for operand in operands:
                if isinstance(operand, int) and not isinstance(operand, bool):
                    found.setdefault(leaf.fact, set()).add(operand)
    return found


def _assigned(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of `data` with one value replaced; only the mappings on the path are copied (the rest is shared,
    and read only by validation)."""
    head, _, rest = path.partition(".")
    copied = dict(data)
    copied[head] = _assigned(data[head], rest, value) if rest else value
    return copied


# --- verdicts: one line per decision, shared by the ADR and the interview ------------------------------------------

MAX_TRIES = 1500  # re-decisions spent on that search (about 0.3 s), so the interview stays responsive


def verdicts(decision: Decision, ruleset: Ruleset | None = None) -> dict[str, Verdict]:
    """One Verdict per decision key: the answer changes the schema and the current answers allow that would move it."""
    from advisor.labels import option_label

    ruleset = ruleset or load_ruleset()
    changes = single_changes(decision, ruleset)
    base = decision.answers.normalised()
    out: dict[str, Verdict] = {}
    for key, value in decision.choices.items():
        source = _copied_from(decision.entry(key).rule, key, ruleset)
        mine = [f for f in changes if f.decision == key]
        chooser = next((f.field for f in mine if _tautology(f, key, ruleset)), None)
        flips = _nearest([f for f in mine if not _tautology(f, key, ruleset)])
        fields = _fields_behind(key, ruleset)
        together: tuple = ()
        if not flips and not source and not chooser and not fields <= FORWARD_ONLY:
            together = _together(decision, key, base, ruleset, fields)
        options = ruleset.decisions[key].options if key in ruleset.decisions else {}
        labels = tuple((name, option_label(key, name, ruleset)) for name in options)
        settled = tuple(sorted(fields)) if fields and fields <= FORWARD_ONLY else ()
        out[key] = Verdict(key, value, source, flips, together, labels, None if source else chooser, settled)
    return out


def _nearest(flips: list[Flip]) -> tuple[tuple[Change, str], ...]:
    """Every value of a choice-like answer that moves the decision, but of a number only the nearest per outcome."""
    kept: dict[tuple[str, str, Any], Flip] = {}
    for flip in flips:
        numeric = isinstance(flip.value, int) and not isinstance(flip.value, bool)
        slot = (flip.field, flip.outcome, None if numeric else repr(flip.value))
        old = kept.get(slot)
        if old is None or (numeric and abs(flip.value - flip.current) < abs(old.value - old.current)):
            kept[slot] = flip
    return tuple((Change(f.field, f.current, f.value), f.outcome) for f in kept.values())


def _copied_from(rule_id: str, key: str, ruleset: Ruleset) -> str | None:
    """The answer a rule copies into `key` (`set: {manifests: {from: delivery.manifests}}`), if it does."""
    rule = next((r for r in ruleset.rules if r.id == rule_id), None)
    raw = rule.spec.set.get(key) if rule else None
    return raw["from"] if isinstance(raw, dict) else None


def _tautology(flip: Flip, key: str, ruleset: Ruleset) -> bool:
    """ "with delivery.manifests = helm, manifests would be helm": the new rule copies the very answer changed."""
    return _copied_from(flip.rule, key, ruleset) == flip.field


def _together(
    decision: Decision, key: str, base: dict[str, Any], ruleset: Ruleset, fields: set[str]
) -> tuple[tuple[tuple[Change, ...], str], ...]:
    """The smallest sets of answers (at most MAX_TOGETHER) that together move `key`, searched among the fields
    the rules deciding it read (and the decisions those rules read), in a fixed order."""
    from itertools import combinations

    candidates = [
        (path, current, value) for path, current, value in _candidates(base, _thresholds(ruleset)) if path in fields
    ]
    found: list[tuple[tuple[Change, ...], str]] = []
    tries = 0
    for size in range(2, MAX_TOGETHER + 1):
        for combo in combinations(candidates, size):
            if len({path for path, _, _ in combo}) < size:
                continue
            tries += 1
            if tries > MAX_TRIES:
                return tuple(found[:2])
            changed = base
            for path, _, value in combo:
                changed = _assigned(changed, path, value)
            try:
                answers = Answers.model_validate(changed)
            except ValidationError:
                continue
            outcome = choose(answers.facts(), ruleset).get(key, (None, None))[0]
            if outcome is not None and outcome != decision.choices[key]:
                found.append((tuple(Change(p, c, v) for p, c, v in combo), outcome))
        if found:
            break
    return tuple(found[:2])  # two examples say enough; the rest differ only in which value is chosen


def _fields_behind(key: str, ruleset: Ruleset, seen: set[str] | None = None) -> set[str]:
    seen = set() if seen is None else seen
    if key in seen:
        return set()
    seen.add(key)
    fields: set[str] = set()
    for rule in ruleset.rules_setting(key):
        for leaf in leaves(rule.spec.when):
            if leaf.fact.startswith("decision."):
                fields |= _fields_behind(leaf.fact.removeprefix("decision."), ruleset, seen)
            else:
                fields.add(leaf.fact)
        raw = rule.spec.set[key]
        if isinstance(raw, dict):
            fields.add(raw["from"])
    return fields
