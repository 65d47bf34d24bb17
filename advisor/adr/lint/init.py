"""`advisor check --init`: a config that makes today's log pass, so a team can turn `check` on now and tighten later.

Every rule that finds errors in today's log is lowered to a warning, and every status word the log
uses joins the vocabulary; the warnings stay listed so nothing is hidden.
"""

from __future__ import annotations

from pathlib import Path

from advisor.adr.lint.config import CONFIG_FILE
from advisor.adr.lint.finding import Finding
from advisor.adr.lint.log_rules import DEFAULT_STATUSES
from advisor.adr.log import AdrLog
from advisor.errors import InputError, Problem

HEADER = (
    "# advisor check configuration (docs/ci.md), written by `advisor check --init`.\n"
    "# Rules below were lowered to warnings so today's log passes; raise them back to `error` as you fix them.\n"
)


def config_data(log: AdrLog, findings: list[Finding], adr_dir: str | None) -> dict:
    data: dict = {}
    if adr_dir:
        data["adr-dir"] = adr_dir
    used = sorted({r.status for r in log.records if r.status and r.status not in DEFAULT_STATUSES})
    data["statuses"] = [*DEFAULT_STATUSES, *used]
    lowered = sorted({f.code for f in findings if f.severity == "error"})
    if lowered:
        data["checks"] = {code: "warning" for code in lowered}
    return data


def write_config(root: Path, data: dict) -> Path:
    import yaml

    from advisor.writer import OutputFile, Plan, apply

    target = root / CONFIG_FILE
    if target.exists() or target.is_symlink():
        raise InputError([Problem(str(target), "already exists; edit it, or remove it to write a new one")])
    text = HEADER + yaml.safe_dump(data, sort_keys=False, default_flow_style=False, allow_unicode=True)
    apply(Plan([OutputFile(root, CONFIG_FILE, text.encode("utf-8"), mode="create")]))
    return target
