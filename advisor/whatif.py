"""What-if: for each decision, the single answer changes that would flip it.

Computed, never written by hand: we try each alternative of every field the rules can see
(enum values, flipped booleans, numbers just across each threshold a rule compares against,
frameworks added or removed), re-run the rules, and keep the nearest change per outcome.
"""

from __future__ import annotations

from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from advisor.answers import Answers
from advisor.conditions import leaves
from advisor.decision import Decision, Flip
from advisor.engine import decide
from advisor.ruleset import Ruleset, load_ruleset

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


def what_if(decision: Decision, ruleset: Ruleset | None = None) -> list[Flip]:
    ruleset = ruleset or load_ruleset()
    base = decision.answers.normalised()
    thresholds = _thresholds(ruleset)
    best: dict[tuple[str, str, str], tuple[float, Flip]] = {}
    for path, current, candidate in _candidates(base, thresholds):
        changed = _assigned(base, path, candidate)
        try:
            answers = Answers.model_validate(changed)
        except ValidationError:
            continue
        other = decide(answers, ruleset)
        for key, value in other.choices.items():
            if value == decision.choices.get(key):
                continue
            flip = Flip(
                decision=key, field=path, current=current, value=candidate, outcome=value, rule=other.entry(key).rule
            )
            distance = abs(candidate - current) if isinstance(current, int) and not isinstance(current, bool) else 0
            slot = (key, path, value)
            if slot not in best or distance < best[slot][0]:
                best[slot] = (distance, flip)
    order = {key: i for i, key in enumerate(decision.choices)}
    flips = [flip for _, flip in best.values()]
    return sorted(flips, key=lambda f: (order.get(f.decision, 99), f.field, str(f.outcome), str(f.value)))


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
