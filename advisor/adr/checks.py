"""`advisor check`: what a CI step should catch in an ADR log before it is merged.

The log rules (numbers, links, statuses, dates) live in advisor/adr/lint/log_rules.py, and the Finding type
below both in advisor/adr/lint/finding.py; this module keeps the drift checks: for the advisor record in force
(per project, proposed or accepted), the recorded answers decide differently under the current rules; the
answers file it names changed; a generated file it lists is missing or differs (someone may have edited it on
purpose, so that one is a warning by default).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from advisor.adr.lint.finding import Finding
from advisor.adr.log import AdrLog
from advisor.adr.records import Record

__all__ = ["Finding", "check_drift", "check_log"]


def check_log(
    log: AdrLog,
    statuses: tuple[str, ...] | None = None,
    *,
    proposed_max_days: int | None = None,
    today: dt.date | None = None,
    repository: Path | None = None,
) -> list[Finding]:
    """The log rules; links are checked against `repository` (default: the current folder)."""
    from advisor.adr.lint.log_rules import check_records

    return check_records(log, statuses, proposed_max_days=proposed_max_days, today=today, repository=repository)


def check_drift(
    log: AdrLog,
    base_dir: Path,
    rules_dirs: tuple[Path, ...] = (),
    strict: bool = False,
    locked_ids: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Findings for the advisor record in force (one per project, proposed or accepted) whose answers, rules or
    generated files moved on.

    File drift of a record a skeleton lock names (`locked_ids`) comes from the lock (advisor.lock_check), so the
    file list of a record written before locks existed is read only while no lock has replaced it.
    """
    from advisor.adr import lifecycle
    from advisor.confine import inside

    out: list[Finding] = []
    in_force = {id(r) for r in lifecycle.in_force_by_project(log)}
    decided: dict[str, object] = {}  # identical recorded answers (a log re-decided many times) decided once
    for record in log.sorted():
        if lifecycle.is_closed(record):
            continue
        block, problem = record.advisor_block()
        where, line = str(record.path), record.advisor_line
        if problem:
            message = f"{record.id}: {problem}; restore it from git or run `advisor decide`"
            out.append(Finding(where, line, message, code="ADR101"))
        if block is None or id(record) not in in_force:
            continue
        out += _redecide(record, block, where, line, rules_dirs, decided)
        out += _rule_folders(record, block, where, line, base_dir, rules_dirs)
        answers_file = block.get("answers_file")
        if answers_file:
            path, refused = inside(base_dir, answers_file)
            if path is None:
                out.append(_outside(record, "answers file", answers_file, refused, where, line))
            else:
                out += _answers_file(record, path, block, where, line)
        for item in [] if record.id in locked_ids else block.get("generated") or []:
            target, refused = inside(base_dir, str(item.get("path", "")))
            if target is None:
                out.append(_outside(record, "generated file", str(item.get("path", "")), refused, where, line))
                continue
            if not target.is_file():
                out.append(
                    Finding(str(target), None, f"generated file is missing (listed in {record.id})", code="ADR104")
                )
                continue
            from advisor.writer import sha256

            if sha256(target.read_bytes()) != item.get("sha256"):
                out.append(
                    Finding(
                        str(target),
                        None,
                        f"differs from what {record.id} recorded (edited by hand, or written by another advisor "
                        "version); re-run `advisor decide` or keep the edit on purpose",
                        "error" if strict else "warning",
                        "ADR105",
                    )
                )
    return out


def _outside(record: Record, what: str, path: str, why: str | None, where: str, line: int | None) -> Finding:
    """A recorded path that is not followed: nothing is read there, so nothing about it can be revealed."""
    message = f"{record.id} names the {what} {path!r}, which {why}; it is not read"
    return Finding(where, line, message, code="ADR107")


def _redecide(record: Record, block: dict, where: str, line: int | None, rules_dirs, decided: dict) -> list[Finding]:
    import json

    from advisor.answers import Answers
    from advisor.engine import decide
    from advisor.ruleset import load_ruleset

    key = json.dumps(block.get("answers"), sort_keys=True, default=str)
    if key not in decided:
        try:
            answers = Answers.model_validate(block.get("answers"))
        except Exception as exc:  # an old schema, or an edited block: say so rather than crash
            decided[key] = str(exc).splitlines()[0]
        else:
            decided[key] = decide(answers, load_ruleset(tuple(rules_dirs)))
    decision = decided[key]
    if isinstance(decision, str):
        return [Finding(where, line, f"{record.id}: recorded answers are no longer valid ({decision})", code="ADR101")]
    recorded = (block.get("outcome") or {}).get("choices") or {}
    changes = [
        f"{key} would be {value} (recorded {recorded[key]})"
        for key, value in sorted(decision.choices.items())
        if key in recorded and recorded[key] != value
    ]
    changes += [
        f"{key} is no longer decided (recorded {recorded[key]})"
        for key in sorted(recorded)
        if key not in decision.choices
    ]
    added = [f"{key} ({value})" for key, value in sorted(decision.choices.items()) if key not in recorded]
    scenarios_moved = decision.scenarios != (block.get("outcome") or {}).get("scenarios")
    if not changes and not scenarios_moved:
        if not added:
            return []
        # A newer advisor (or an organisation's new rules) decides something the record predates: the record is
        # not wrong, only incomplete, so this is a warning until the team re-decides.
        message = f"{record.id} predates decisions the current rules make: {', '.join(added)}; run `advisor decide`"
        return [Finding(where, line, message, "warning", "ADR106")]
    detail = "; ".join(changes) or "the scenarios differ"
    message = f"{record.id} no longer holds under the current rules: {detail}; run `advisor decide`"
    return [Finding(where, line, message, code="ADR101")]


def _rule_folders(record: Record, block: dict, where: str, line: int | None, base: Path, rules_dirs) -> list[Finding]:
    """A record decided under organisation rule folders other than those configured now (or none)."""
    from advisor.adr.plan import recorded_folders
    from advisor.confine import folder_label

    now = [folder_label(Path(d), base) for d in rules_dirs]
    then = recorded_folders(block)
    if then == now:
        return []
    named = ", ".join(then) or "the bundled rules alone"
    message = (
        f"{record.id} was decided under {named}; the rule folders now are {', '.join(now) or 'none'} "
        "(`rules:` in .advisor.yaml, and --rules); run `advisor decide` to record the decision under them"
    )
    return [Finding(where, line, message, "warning", "ADR108")]


def _answers_file(record: Record, path: Path, block: dict, where: str, line: int | None) -> list[Finding]:
    from advisor.answers import load_answers
    from advisor.errors import InputError

    if not path.is_file():
        return [Finding(where, line, f"answers file {path} named by {record.id} is missing", "warning", "ADR103")]
    try:
        current = load_answers(path)
    except InputError as exc:
        return [Finding(str(path), None, f"answers file does not load: {exc.problems[0].message}", code="ADR102")]
    if not current.matches_record(block.get("answers_sha256"), block.get("answers")):
        return [Finding(str(path), None, f"changed since {record.id} was decided; run `advisor decide`", code="ADR102")]
    return []
