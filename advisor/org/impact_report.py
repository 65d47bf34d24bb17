"""Printing an impact: JSON for the CI gate and for scripts, text (80 columns) for the pull request's comment.

JSON: `{"changes": [{"service", "path", "decision", "from", "to", "rule", ...}], "unchanged": [NAMES],
"skipped": [{"service", "path", "reason", "rule"}], "consequences": [...], "summary": [...]}`.
"""

from __future__ import annotations

import textwrap
from typing import Any

from advisor.org.impact import Impact
from advisor.org.listing import WIDTH, plain
from advisor.values import show_value


def to_json(impacts: list[Impact], rules: list[str]) -> dict[str, Any]:
    changes, consequences, skipped = [], [], []
    for item in impacts:
        service = item.state.service
        if item.skipped:
            skipped.append({"service": service.name, "path": service.rel, "reason": item.skipped, "rule": item.rule})
            continue
        for change in item.changes:
            changes.append({
                "service": service.name, "path": service.rel, "decision": change.decision, "from": change.before,
                "to": change.after, "rule": change.rule, "title": change.title, "why": change.why,
                "answers": change.answers, "was": change.was, "released": change.released or None,
            })  # fmt: skip
        extra = {f"{word}_{kind}": getattr(item, word)[kind] for word in ("added", "removed") for kind in item.added}
        if item.scenarios or any(extra.values()):
            scenarios = {"from": item.scenarios[0], "to": item.scenarios[1]} if item.scenarios else None
            consequences.append({"service": service.name, "path": service.rel, "scenarios": scenarios, **extra})
    unchanged = [i.state.service.name for i in impacts if not i.skipped and not i.changed]
    return {
        "rules": rules,
        "changes": changes,
        "consequences": consequences,
        "unchanged": unchanged,
        "skipped": skipped,
        "summary": summary(changes),
    }


def summary(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per decision and move: how many services, which ("postgres: 7 services managed → in-cluster")."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for change in changes:
        groups.setdefault((change["decision"], change["from"], change["to"]), []).append(change["service"])
    return [
        {"decision": key, "from": old, "to": new, "count": len(names), "services": names}
        for (key, old, new), names in sorted(groups.items(), key=lambda kv: (kv[0][0], -len(kv[1]), kv[0]))
    ]


def to_text(data: dict[str, Any]) -> str:
    lines: list[str] = []
    by_service: dict[str, list[dict[str, Any]]] = {}
    for change in data["changes"]:
        by_service.setdefault(_who(change), []).append(change)
    more = {_who(c): c for c in data["consequences"]}
    for name in sorted(set(by_service) | set(more)):
        lines.append(plain(name))
        for change in by_service.get(name, []):
            lines += _wrap(f"{change['decision']}: {change['from']} → {change['to']}", 2)
            lines += _wrap(f"rule {change['rule']}: {change['title']}", 4)
            if change["answers"]:
                read = ", ".join(f"{k} = {show_value(v)}" for k, v in change["answers"].items())
                held = f"{change['released']} no longer holds: " if change.get("released") else ""
                lines += _wrap(f"because {held}{read}", 4)
        lines += _consequences(more.get(name))
    if data["summary"]:
        lines += ["", "Summary:"]
        for group in data["summary"]:
            who = ", ".join(group["services"])
            noun = "service" if group["count"] == 1 else "services"
            text = f"{group['decision']}: {group['count']} {noun} {group['from']} → {group['to']} ({who})"
            lines += _wrap(text, 2)
    lines += [""] if lines else []
    lines += _wrap(f"unchanged: {len(data['unchanged'])} service(s)" + _names(data["unchanged"]), 0)
    for item in data["skipped"]:
        rule = f" [{item['rule']}]" if item["rule"] else ""
        lines += _wrap(f"skipped {_who(item)}{rule}: {item['reason']}", 0)
    return "\n".join(lines) + "\n"


def _consequences(item: dict[str, Any] | None) -> list[str]:
    if item is None:
        return []
    lines = []
    if item["scenarios"]:
        old, new = (", ".join(item["scenarios"][k]) or "none" for k in ("from", "to"))
        lines += _wrap(f"scenarios: {old} → {new}", 2)
    for key, sign in (("added", "+"), ("removed", "-")):
        for kind in ("obligations", "warnings"):
            for text in item.get(f"{key}_{kind}", []):
                lines += _wrap(f"{sign} {kind[:-1]}: {text}", 2)
    return lines


def _who(item: dict[str, Any]) -> str:
    """The service's name, and its path under ROOT when that says more."""
    return item["service"] if item["path"] in (item["service"], ".") else f"{item['service']} ({item['path']})"


def _names(names: list[str]) -> str:
    return f" ({', '.join(names)})" if 0 < len(names) <= 12 else ""


def _wrap(text: str, indent: int) -> list[str]:
    pad = " " * indent
    return textwrap.wrap(plain(text), WIDTH, initial_indent=pad, subsequent_indent=pad + "  ", break_on_hyphens=False)
