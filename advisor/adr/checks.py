"""`advisor check`: what a CI step should catch in an ADR log before it is merged.

Log findings: duplicate numbers, missing title or status, unknown statuses, dates that are not ISO,
supersede links that point nowhere or are not mirrored in the other record. Drift findings, for each
accepted advisor record: the recorded answers decide differently under the current rules; the
answers file it names changed; a generated file it lists is missing (error) or differs (a warning:
someone may have edited it on purpose; an error with --strict).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path

from advisor.adr.log import AdrLog
from advisor.adr.records import STATUSES, Record

MIRROR = {"superseded by": "supersedes", "supersedes": "superseded by", "supercedes": "superseded by"}


@dataclass(frozen=True)
class Finding:
    file: str
    line: int | None
    message: str
    severity: str = "error"  # error | warning
    code: str = "log"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"

    def to_json(self) -> dict:
        return asdict(self)


def check_log(log: AdrLog) -> list[Finding]:
    out = [Finding(p.file, p.line, p.message) for p in log.unreadable]
    for record in log.sorted():
        where = str(record.path)
        out += [Finding(where, line, message) for line, message in record.problems]
        if record.number is not None and len(log.by_number(record.number)) > 1:
            others = ", ".join(r.file for r in log.by_number(record.number) if r is not record)
            out.append(
                Finding(where, 1, f"duplicate number {record.number:04d} (also {others}); run `advisor adr renumber`")
            )
        if not record.title:
            out.append(Finding(where, 1, "missing title (a '# ' heading)"))
        if not record.status:
            out.append(Finding(where, record.title_line or 1, "missing status"))
        elif record.status not in STATUSES:
            known = ", ".join(STATUSES)
            out.append(Finding(where, record.status_line, f"unknown status {record.status_text!r}; use one of {known}"))
        if record.date and not _iso(record.date):
            out.append(Finding(where, record.date_line, f"date {record.date!r} is not an ISO date (YYYY-MM-DD)"))
        if record.status == "superseded" and not record.links_of("superseded by"):
            out.append(Finding(where, record.status_line, "status is superseded but names no successor"))
        out += _check_links(log, record)
    return out


def _check_links(log: AdrLog, record: Record) -> list[Finding]:
    out = []
    for link in record.links:
        if link.kind not in MIRROR:
            continue
        targets = log.resolve(link)
        where = str(record.path)
        if not targets:
            out.append(Finding(where, link.line, f"'{link.kind} {link.target}' points to no record"))
            continue
        if len(targets) > 1:
            continue  # the duplicate-number finding already says what to do
        target = targets[0]
        mirrored = any(record in log.resolve(back) for back in target.links_of(MIRROR[link.kind]))
        if not mirrored:
            expected = MIRROR[link.kind]
            out.append(
                Finding(
                    where, link.line, f"'{link.kind} {target.id}' is not mirrored: {target.file} has no '{expected}'"
                )
            )
    return out


def check_drift(
    log: AdrLog,
    base_dir: Path,
    rules_dirs: tuple[Path, ...] = (),
    strict: bool = False,
    locked_ids: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Findings for accepted advisor records whose answers, rules or generated files moved on.

    File drift of a record a skeleton lock names (`locked_ids`) comes from the lock (advisor.lock_check), so the
    file list of a record written before locks existed is read only while no lock has replaced it.
    """
    out: list[Finding] = []
    for record in log.sorted():
        if record.status != "accepted":
            continue
        block, problem = record.advisor_block()
        where, line = str(record.path), record.advisor_line
        if problem:
            out.append(Finding(where, line, f"{record.id}: {problem}; restore it from git or run `advisor decide`"))
        if block is None:
            continue
        out += _redecide(record, block, where, line, rules_dirs)
        answers_file = block.get("answers_file")
        if answers_file:
            out += _answers_file(record, base_dir / answers_file, block, where, line)
        for item in [] if record.id in locked_ids else block.get("generated") or []:
            target = base_dir / str(item.get("path", ""))
            if not target.is_file():
                out.append(
                    Finding(str(target), None, f"generated file is missing (listed in {record.id})", code="drift")
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
                        "drift",
                    )
                )
    return out


def _redecide(record: Record, block: dict, where: str, line: int | None, rules_dirs) -> list[Finding]:
    from advisor.answers import Answers
    from advisor.engine import decide
    from advisor.ruleset import load_ruleset

    try:
        answers = Answers.model_validate(block.get("answers"))
    except Exception as exc:  # an old schema, or an edited block: say so rather than crash
        first = str(exc).splitlines()[0]
        return [Finding(where, line, f"{record.id}: recorded answers are no longer valid ({first})", code="drift")]
    decision = decide(answers, load_ruleset(tuple(rules_dirs)))
    recorded = (block.get("outcome") or {}).get("choices") or {}
    changes = [
        f"{key} would be {value} (recorded {recorded.get(key, 'nothing')})"
        for key, value in sorted(decision.choices.items())
        if recorded.get(key) != value
    ]
    if not changes and decision.outcome() == block.get("outcome"):
        return []
    detail = "; ".join(changes) or "the scenarios differ"
    message = f"{record.id} no longer holds under the current rules: {detail}; run `advisor decide`"
    return [Finding(where, line, message, code="drift")]


def _answers_file(record: Record, path: Path, block: dict, where: str, line: int | None) -> list[Finding]:
    from advisor.answers import load_answers
    from advisor.errors import InputError

    if not path.is_file():
        return [Finding(where, line, f"answers file {path} named by {record.id} is missing", "warning", "drift")]
    try:
        current = load_answers(path).sha256()
    except InputError as exc:
        return [Finding(str(path), None, f"answers file does not load: {exc.problems[0].message}", code="drift")]
    if current != block.get("answers_sha256"):
        return [Finding(str(path), None, f"changed since {record.id} was decided; run `advisor decide`", code="drift")]
    return []


def _iso(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10
