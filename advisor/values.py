"""How an answer's value is written for people: the YAML spelling (`true`, `null`, `[a, b]`), not Python's.

One spelling for the ADR's what-if sentences, the interview's panel and the site's decision history.
"""

from __future__ import annotations

from typing import Any


def show_value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(show_value(v) for v in value) + "]"
    return str(value)
