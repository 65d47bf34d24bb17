"""`advisor org list`: one row per service, as JSON, CSV or text that fits an 80-column terminal.

Names, owners and titles come from files in repositories nobody may have reviewed: the text output drops control
characters (no escape sequence reaches the terminal), and a CSV cell that a spreadsheet would read as a formula
(`=`, `+`, `-`, `@`) is quoted with a leading `'`.
"""

from __future__ import annotations

import csv
import io
import re
import textwrap
from typing import Any

from advisor.org.state import State

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
WIDTH = 80


def row(state: State) -> dict[str, Any]:
    service, record, block = state.service, state.record, state.block or {}
    order = {key: index for index, key in enumerate(_bundled_order())}
    decisions = dict(sorted(state.choices.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))
    adr = None
    if record is not None:
        adr = {"id": record.id, "status": record.status, "date": record.date, "path": service.shown(record.path)}
    records = state.log.records if state.log is not None else []
    return {
        "name": service.name,
        "path": service.rel,
        "root": str(service.root),
        "owner": service.owner,
        "system": service.system,
        "lifecycle": service.lifecycle,
        "adr": adr,
        "records": len(records),
        "decisions": decisions,
        "scenarios": state.scenarios,
        "versions": {
            "advisor": str(block.get("tool_version") or ""),
            "ruleset": str(block.get("ruleset_version") or ""),
            "rule_folders": [str(f) for f in block.get("rule_folders") or [] if isinstance(f, str)],
        },
        "findings": {"errors": state.errors, "warnings": state.warnings},
    }


def _bundled_order() -> list[str]:
    from advisor.ruleset import load_ruleset

    return load_ruleset().order


def decision_keys(rows: list[dict[str, Any]]) -> list[str]:
    """Every decision any service records: the bundled rules' order first (runtime before postgres), then the
    organisations' own decisions by name."""
    found = {key for item in rows for key in item["decisions"]}
    order = [key for key in _bundled_order() if key in found]
    return order + sorted(found - set(order))


def to_csv(rows: list[dict[str, Any]]) -> str:
    keys = decision_keys(rows)
    head = ["name", "path", "owner", "system", "lifecycle", "adr_id", "adr_status", "adr_date", "adr_path"]
    head += ["records", *keys, "scenarios", "advisor_version", "ruleset_version", "errors", "warnings"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(head)
    for item in rows:
        adr = item["adr"] or {}
        cells = [item[k] for k in ("name", "path", "owner", "system", "lifecycle")]
        cells += [adr.get(k, "") for k in ("id", "status", "date", "path")]
        cells += [item["records"], *(item["decisions"].get(k, "") for k in keys), " ".join(item["scenarios"])]
        cells += [item["versions"]["advisor"], item["versions"]["ruleset"]]
        cells += [item["findings"]["errors"], item["findings"]["warnings"]]
        writer.writerow([_cell(c) for c in cells])
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def plain(value: Any) -> str:
    return _CONTROL.sub("?", str(value))


def to_text(rows: list[dict[str, Any]]) -> str:
    """Per service a line (name, owner, record in force, check), then its decisions wrapped under it; then how the
    organisation splits on each decision."""
    lines = [f"{'SERVICE':<18} {'OWNER':<16} {'ADR':<10} {'STATUS':<10} {'DATE':<10} CHECK"]
    for item in rows:
        adr = item["adr"] or {}
        check = _check(item["findings"])
        ident = adr.get("id") or ("-" if item["records"] == 0 else f"{item['records']} rec")
        lines.append(
            f"{_fit(item['name'], 18)} {_fit(item['owner'] or '-', 16)} {_fit(ident, 10)} "
            f"{_fit(adr.get('status') or '-', 10)} {_fit(adr.get('date') or '-', 10)} {check}"
        )
        detail = [item["path"]]
        versions = item["versions"]
        if versions["ruleset"]:
            detail.append(f"advisor {versions['advisor']}, rules {versions['ruleset']}")
        if item["decisions"]:
            detail += [f"{k} {v}" for k, v in item["decisions"].items()]
        elif item["records"]:
            detail.append(f"{item['records']} hand-written record(s), no advisor decision")
        else:
            detail.append("no ADR yet")
        lines += wrap_items([plain(part) for part in detail], "  ", "    ")
    lines += ["", *split_lines(rows)] if any(item["decisions"] for item in rows) else []
    return "\n".join(lines) + "\n"


def split_lines(rows: list[dict[str, Any]]) -> list[str]:
    """ "postgres  managed 7 · in-cluster 3": how many services hold each value of each decision."""
    decided = [item for item in rows if item["decisions"]]
    lines = [f"{len(decided)} of {len(rows)} service(s) decided by advisor:"]
    for key in decision_keys(rows):
        counts: dict[str, int] = {}
        for item in decided:
            value = item["decisions"].get(key)
            if value is not None:
                counts[value] = counts.get(value, 0) + 1
        split = [plain(f"{value} {n}") for value, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        lines += wrap_items(split, "  " + plain(key).ljust(15) + " ", " " * 18)
    return lines


def wrap_items(items: list[str], first: str, rest: str) -> list[str]:
    """Items joined by " · " and wrapped between items only, each "·" staying with the item before it."""
    joined = " ".join(item.replace(" ", "\xa0") + "\xa0·" for item in items)[: -len("\xa0·")]
    wrapped = textwrap.wrap(joined, WIDTH, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False,
                            break_long_words=False)  # fmt: skip
    return [line.replace("\xa0", " ") for line in wrapped]


def _check(findings: dict[str, int]) -> str:
    errors, warnings = findings["errors"], findings["warnings"]
    if not errors and not warnings:
        return "ok"
    parts = [f"{errors}E"] if errors else []
    return " ".join(parts + ([f"{warnings}W"] if warnings else []))


def _fit(value: Any, width: int) -> str:
    text = plain(value)
    return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)
