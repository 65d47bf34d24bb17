"""The metric names a PromQL expression reads, by a careful tokenizer (promtool parses; it does not list names).

Strings and label matchers (`{...}`), ranges and subqueries (`[...]`) and the label lists of `by`, `without`,
`on`, `ignoring`, `group_left` and `group_right` are removed first; what is left that looks like an identifier
and is not a keyword, a function or aggregation call, or part of a number is a metric name.
"""

from __future__ import annotations

import re
from pathlib import Path

METRICS = Path(__file__).resolve().parent / "metrics"
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')
_MATCHERS = re.compile(r"\{[^{}]*\}")
_RANGES = re.compile(r"\[[^\[\]]*\]")
_LABEL_LISTS = re.compile(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)")
_IDENTIFIER = re.compile(r"(?<![\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?")
_KEYWORDS = {"and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right"}
_KEYWORDS |= {"inf", "nan", "start", "end", "atan2"}


def metric_names(expr: str) -> set[str]:
    text = _STRING.sub('""', expr)
    while _MATCHERS.search(text):
        text = _MATCHERS.sub(" ", text)
    text = _RANGES.sub(" ", text)
    text = _LABEL_LISTS.sub(" ", text)
    out = set()
    for match in _IDENTIFIER.finditer(text):
        name, call = match.group(1), match.group(2)
        if call or name.lower() in _KEYWORDS:
            continue  # a function or aggregation (`rate(`, `max by (...) (`), or a keyword
        out.add(name)
    return out


def known_names() -> dict[str, str]:
    """Every name in the pinned lists, with the list it comes from."""
    out: dict[str, str] = {}
    for path in sorted(METRICS.glob("*.txt")):
        for line in path.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                out.setdefault(line.strip(), path.name)
    return out
