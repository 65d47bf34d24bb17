"""Working out which ADR a decision needs: the planner of the ADR log (no skeleton, no pipeline here).

The latest accepted advisor record is the one in force. If it records the same outcome and the same answers
(hash of the normalised answers, so reformatting the file changes nothing), no record is written. Otherwise a new
record is numbered, it names the one it supersedes, and the old one's status line alone changes. Once written, a
record is never rewritten otherwise: file hashes live in the skeleton's lock, not here.

`choose_adr` runs first (the skeleton needs the id); `adr_files` renders once the generated paths are known.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from advisor.adr.edits import add_link, set_status
from advisor.adr.log import AdrLog, find_adr_dir, load_log
from advisor.adr.records import Record
from advisor.content import Deferred
from advisor.decision import Decision, Flip
from advisor.ruleset import Ruleset
from advisor.writer import OutputFile, sha256

__all__ = ["AdrChoice", "adr_files", "choose_adr", "current_record", "find_adr_dir", "recorded_folders"]


@dataclass
class AdrChoice:
    """The record the files will follow: the one in force (unchanged) or a new one to write."""

    adr_dir: Path
    log: AdrLog
    current: Record | None
    block: dict[str, Any] | None  # the current record's advisor block
    unchanged: bool
    adr_id: str
    path: Path
    number: int | None
    title: str
    messages: list[str] = field(default_factory=list)

    def previous_generated(self, base: Path) -> dict[str, str]:
        """Format-1 records listed every generated file's sha256: absolute target -> hash (migration)."""
        items = (self.block or {}).get("generated") or []
        return {_absolute(base, i["path"]): i["sha256"] for i in items if isinstance(i, dict) and "path" in i}


def current_record(log: AdrLog, project: str | None = None) -> Record | None:
    """The accepted advisor record in force (for `project`, when given): the highest-numbered one."""
    found = None
    for record in log.sorted():
        if record.status != "accepted":
            continue
        block = record.advisor()
        if block is None:
            continue
        name = (block.get("answers") or {}).get("project", {}).get("name")
        if project is None or name == project:
            found = record
    return found


def choose_adr(decision: Decision, adr_dir: Path, date: dt.date, rule_folders: tuple[str, ...] = ()) -> AdrChoice:
    """`rule_folders`: the organisation rule folders deciding now; a record made under others is replaced, so the
    log always says which rules its decision rests on."""
    from advisor.adr.wording import title as title_of

    log = load_log(adr_dir)
    current = current_record(log, decision.answers.project.name)
    block = current.advisor() if current else None
    unchanged = (
        bool(block)
        and block.get("outcome") == decision.outcome()
        and decision.answers.matches_record(block.get("answers_sha256"), block.get("answers"))
        and tuple(recorded_folders(block)) == tuple(rule_folders)
    )
    title = title_of(decision.answers, decision.choices)
    if unchanged:
        assert current is not None
        message = f"decision unchanged: {current.id} still holds"
        return AdrChoice(adr_dir, log, current, block, True, current.id, current.path, current.number, title, [message])
    name, number = log.new_name(title, date.isoformat())
    adr_id = f"ADR-{number:04d}" if number is not None else PurePath(name).stem
    messages = [f"{adr_id} supersedes {current.id}"] if current else []
    return AdrChoice(adr_dir, log, current, block, False, adr_id, adr_dir / name, number, title, messages)


def adr_files(
    choice: AdrChoice,
    decision: Decision,
    flips: list[Flip],
    ruleset: Ruleset,
    *,
    date: dt.date,
    template: str | None,
    answers_file: str | None,
    generated: list[str],
    rule_folders: tuple[str, ...] = (),
) -> list[OutputFile]:
    """The new record (created, never replaced) and the superseded one's status line; nothing when unchanged."""
    from advisor.adr.render import BUNDLED, AdrInput, adr_context, render

    if choice.unchanged:
        return []
    template = template or decision.answers.adr.template
    log, current = choice.log, choice.current
    supersedes = None
    if current is not None:
        style = "madr" if template in (None, "madr") else "nygard"
        supersedes = (
            log.reference(current, "madr"),
            log.reference(current, "nygard" if style == "nygard" else "log4brains"),
        )
    adr = AdrInput(choice.number, choice.adr_id, date, answers_file, supersedes, generated, list(rule_folders))

    def record() -> bytes:
        return render(adr_context(decision, flips, ruleset, adr), template).encode("utf-8")

    # A bundled template renders when the record is written or shown; a team's own renders now, so that a dry run
    # reports its errors.
    content = Deferred(record) if template in (None, *BUNDLED) else record()
    files = [OutputFile(choice.adr_dir, choice.path.name, content, mode="create")]
    if current is not None:
        old_text = log.texts[current.file]
        new_record = Record(choice.path, "madr", choice.number, title=choice.title)
        new_old = set_status(current, old_text, f"superseded by {log.reference(new_record, current.style)}")
        expected = sha256(old_text.encode("utf-8"))
        files.append(OutputFile(choice.adr_dir, current.file, new_old.encode("utf-8"), "update", expected))
    return files


def recorded_folders(block: dict[str, Any] | None) -> list[str]:
    """The organisation rule folders a record says decided it (none for the bundled rules alone, or an old record)."""
    folders = (block or {}).get("rule_folders") or []
    return [str(item) for item in folders] if isinstance(folders, list) else []


def supersede_texts(log: AdrLog, old: Record, new: Record) -> tuple[str, str]:
    """New texts of (old, new) after `new` supersedes `old`: one status line and one link line."""
    old_text = set_status(old, log.texts[old.file], f"superseded by {log.reference(new, old.style)}")
    new_text = add_link(new, log.texts[new.file], "supersedes", log.reference(old, new.style))
    return old_text, new_text


def repo_path(base: Path, path: Path) -> str:
    """POSIX path relative to the repository root, so a record means the same on every checkout."""
    return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()


def _absolute(base: Path, relative: str) -> str:
    target = base.resolve() / relative
    return str(target.parent.resolve() / target.name)
