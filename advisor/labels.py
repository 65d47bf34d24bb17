"""How decisions and their options are named for people, and in which order they are shown.

Both come from the rule files (`label:` on a decision and on each option of rules/decisions.yaml;
the order is the order decisions are defined in), so an organisation's own rules get proper names
too. Without a ruleset the bundled one is used (loaded once, cached by advisor.ruleset).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.ruleset import Ruleset


def _rules(ruleset: Ruleset | None) -> Ruleset:
    if ruleset is not None:
        return ruleset
    from advisor.ruleset import load_ruleset

    return load_ruleset()


def _fallback(text: str) -> str:
    return text.replace("_", " ").replace("-", " ").capitalize()


def decision_label(key: str, ruleset: Ruleset | None = None) -> str:
    """The short name of a decision ("Object storage")."""
    definition = _rules(ruleset).decisions.get(key)
    return (definition.label if definition else None) or _fallback(key)


def option_label(key: str, value: str, ruleset: Ruleset | None = None) -> str:
    """The name of one option of a decision ("In-cluster MinIO")."""
    definition = _rules(ruleset).decisions.get(key)
    option = definition.options.get(value) if definition else None
    return (option.label if option else None) or _fallback(value)


def in_display_order(keys: Iterable[str], ruleset: Ruleset | None = None) -> list[str]:
    """`keys` in the order the rule files define the decisions; unknown keys last, alphabetically."""
    known = list(_rules(ruleset).decisions)
    keys = list(keys)
    return [key for key in known if key in keys] + sorted(key for key in keys if key not in known)
