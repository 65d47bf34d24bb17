"""The condition language of rule files, compiled to small Python closures.

    when:
      all:
        - {fact: team.size, le: 8}
        - any: [{fact: hosting.provider, in: [aws, gcp, azure]}, {fact: decision.runtime, eq: kubernetes}]
        - not: {fact: regulation.air_gapped, eq: true}

A leaf names a `fact` (a dotted answers path, or `decision.<key>` for a choice made by other rules)
and exactly one operator. Compiling validates names and operand types once, so evaluation is cheap
enough to run the whole rule set dozens of times for the what-if analysis.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

Facts = dict[str, Any]
Predicate = Callable[[Facts], bool]

COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "eq": operator.eq,
    "ne": operator.ne,
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
    "in": lambda fact, operand: fact in operand,
    "not_in": lambda fact, operand: fact not in operand,
    "contains": lambda fact, operand: isinstance(fact, list) and operand in fact,
    "contains_any": lambda fact, operand: isinstance(fact, list) and any(item in fact for item in operand),
}
ORDERED = {"lt", "le", "gt", "ge"}
LISTY = {"in", "not_in", "contains_any"}


class ConditionError(ValueError):
    """Raised with a message naming the offending part of a condition."""


@dataclass(frozen=True)
class Leaf:
    fact: str
    op: str
    operand: Any


def compile_condition(raw: Any, known_facts: set[str], where: str = "when") -> Predicate:
    """Validate `raw` and return a predicate over facts; raise ConditionError otherwise."""
    if raw is None or raw == {}:
        return lambda facts: True
    if not isinstance(raw, dict):
        raise ConditionError(f"{where}: a condition must be a mapping, got {type(raw).__name__}")
    combinators = [key for key in ("all", "any", "not") if key in raw]
    if combinators:
        if len(raw) != 1:
            raise ConditionError(f"{where}: '{combinators[0]}' must stand alone, found also {sorted(raw)}")
        key = combinators[0]
        if key == "not":
            inner = compile_condition(raw["not"], known_facts, f"{where}.not")
            return lambda facts: not inner(facts)
        items = raw[key]
        if not isinstance(items, list) or not items:
            raise ConditionError(f"{where}.{key}: must be a non-empty list of conditions")
        parts = [compile_condition(item, known_facts, f"{where}.{key}[{i}]") for i, item in enumerate(items)]
        return (
            (lambda facts: all(p(facts) for p in parts))
            if key == "all"
            else (lambda facts: any(p(facts) for p in parts))
        )
    leaf = parse_leaf(raw, known_facts, where)
    compare = COMPARISONS[leaf.op]
    fact, operand = leaf.fact, leaf.operand
    if leaf.op in ORDERED:
        return lambda facts: isinstance(facts[fact], (int, float)) and compare(facts[fact], operand)
    return lambda facts: compare(facts[fact], operand)


def parse_leaf(raw: dict[str, Any], known_facts: set[str], where: str) -> Leaf:
    if "fact" not in raw:
        raise ConditionError(f"{where}: needs 'fact' (or all/any/not); got keys {sorted(raw)}")
    fact = raw["fact"]
    if not isinstance(fact, str) or fact not in known_facts:
        from difflib import get_close_matches

        close = get_close_matches(str(fact), sorted(known_facts), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise ConditionError(f"{where}.fact: unknown fact {fact!r}{hint}")
    ops = [key for key in raw if key != "fact"]
    if len(ops) != 1 or ops[0] not in COMPARISONS:
        raise ConditionError(f"{where}: needs exactly one operator of {', '.join(COMPARISONS)}; got {ops}")
    op = ops[0]
    operand = raw[op]
    if op in ORDERED and (isinstance(operand, bool) or not isinstance(operand, (int, float))):
        raise ConditionError(f"{where}.{op}: must be a number, got {operand!r}")
    if op in LISTY and not isinstance(operand, list):
        raise ConditionError(f"{where}.{op}: must be a list, got {operand!r}")
    if op in LISTY:
        operand = tuple(operand)
    return Leaf(fact, op, operand)


def leaves(raw: Any) -> Iterator[Leaf]:
    """Every leaf of an already-validated condition (for dependencies and what-if candidates)."""
    if not isinstance(raw, dict) or not raw:
        return
    for key in ("all", "any"):
        if key in raw:
            for item in raw[key]:
                yield from leaves(item)
            return
    if "not" in raw:
        yield from leaves(raw["not"])
        return
    op = next(key for key in raw if key != "fact")
    yield Leaf(raw["fact"], op, raw[op])


def describe(raw: Any) -> str:
    """A condition in plain words, for the decision table and `explain`."""
    if not isinstance(raw, dict) or not raw:
        return "always"
    if "all" in raw:
        return " and ".join(_wrap(describe(item)) for item in raw["all"])
    if "any" in raw:
        return " or ".join(_wrap(describe(item)) for item in raw["any"])
    if "not" in raw:
        return f"not ({describe(raw['not'])})"
    op = next(key for key in raw if key != "fact")
    symbols = {"eq": "=", "ne": "≠", "lt": "<", "le": "≤", "gt": ">", "ge": "≥", "in": "in", "not_in": "not in"}
    operand = raw[op]
    shown = ", ".join(_show(v) for v in operand) if isinstance(operand, list) else _show(operand)
    if op in ("in", "not_in", "contains_any"):
        shown = f"[{shown}]"
    word = {"contains": "includes", "contains_any": "includes any of"}.get(op, symbols.get(op, op))
    return f"{raw['fact']} {word} {shown}"


def _show(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _wrap(text: str) -> str:
    return f"({text})" if " and " in text or " or " in text else text
