"""Working out which ADR a decision needs: the planner of the ADR log (no skeleton, no pipeline here).

The record in force is the project's latest advisor record that is not closed (advisor/adr/lifecycle.py). If it
records the same outcome and the same answers (hash of the normalised answers, so reformatting the file changes
nothing), no record is written. Otherwise:
- a proposed record is revised in place: nobody relies on it yet, and it keeps its number and file;
- an accepted one is superseded by a new proposed record that says so; the accepted one changes only when the
  new one is accepted (its status line then says "superseded by");
- answers that a rejected record already proposed are refused, rather than proposed again.
A record that advisor wrote is never rewritten otherwise: file hashes live in the skeleton's lock, not here.

`choose_adr` runs first (the skeleton needs the id); `adr_files` renders once the generated paths are known.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from advisor.adr import lifecycle
from advisor.adr.changes import Changes, changes_since, distinguishing_words
from advisor.adr.edits import add_link, set_status
from advisor.adr.log import AdrLog, find_adr_dir, load_log, slugify
from advisor.adr.records import Record
from advisor.content import Deferred
from advisor.decision import Decision
from advisor.errors import InputError, Problem
from advisor.ruleset import Ruleset
from advisor.writer import OutputFile, sha256

__all__ = ["AdrChoice", "adr_files", "choose_adr", "current_record", "find_adr_dir", "recorded_folders"]


@dataclass
class AdrChoice:
    """The record the files will follow: the one in force (unchanged or revised) or a new one to write."""

    adr_dir: Path
    log: AdrLog
    current: Record | None  # the record in force now
    block: dict[str, Any] | None  # the current record's advisor block
    unchanged: bool
    adr_id: str
    path: Path
    number: int | None
    title: str
    revise: bool = False  # the current record is proposed: it is rewritten in place
    predecessor: Record | None = None  # the accepted record the new (or revised) one supersedes
    changes: Changes | None = None
    completes: list[Record] = field(default_factory=list)  # accepted by hand: these now say "superseded by"
    messages: list[str] = field(default_factory=list)

    def previous_generated(self, base: Path) -> dict[str, str]:
        """Format-1 records listed every generated file's sha256: absolute target -> hash (migration).

        A path that leads outside the repository or through a symlink is left out: it vouches for no file."""
        from advisor.confine import inside

        items = (self.block or {}).get("generated") or []
        return {
            _absolute(base, i["path"]): i["sha256"]
            for i in items
            if isinstance(i, dict) and isinstance(i.get("path"), str) and inside(base, i["path"])[0] is not None
        }


def current_record(log: AdrLog, project: str | None = None) -> Record | None:
    """The advisor record in force (for `project`, when given)."""
    return lifecycle.in_force(log, project)


def choose_adr(
    decision: Decision, adr_dir: Path, date: dt.date, ruleset: Ruleset, rule_folders: tuple[str, ...] = ()
) -> AdrChoice:
    """`rule_folders`: the organisation rule folders deciding now; a record made under others is not the same
    decision, so the log always says which rules its decision rests on."""
    from advisor.adr.wording import title as title_of

    log = load_log(adr_dir)
    project = decision.answers.project.name
    current = lifecycle.in_force(log, project)
    block = current.advisor() if current else None
    title = title_of(decision.answers, decision.choices)
    if current is not None and _same(decision, block) and recorded_folders(block) == list(rule_folders):
        completes = lifecycle.pending(log, current)
        messages = [f"decision unchanged: {current.id} still holds"]
        messages += [f"{old.id} superseded by {current.id}, which was accepted" for old in completes]
        return AdrChoice(
            adr_dir, log, current, block, True, current.id, current.path, current.number, title,
            completes=completes, messages=messages,
        )  # fmt: skip
    if current is not None and lifecycle.is_open(current):
        predecessor = next(iter(lifecycle.supersedes(log, current)), None)
        since, since_block = _since(predecessor, current, block)
        changes = changes_since(since, since_block, decision, ruleset) if since_block else None
        message = f"{current.id} revised ({current.status}: not yet accepted, so it changes in place)"
        return AdrChoice(
            adr_dir, log, current, block, False, current.id, current.path, current.number, title,
            revise=True, predecessor=predecessor, changes=changes, messages=[message],
        )  # fmt: skip
    _refuse_rejected(log, project, decision, current)
    changes = changes_since(current.id, block, decision, ruleset) if current is not None and block else None
    slug = slugify(f"{project} {distinguishing_words(changes, decision, ruleset)}") if changes else None
    name, number = log.new_name(title, date.isoformat(), slug)
    adr_id = f"ADR-{number:04d}" if number is not None else PurePath(name).stem
    messages = [f"{adr_id} proposed; once accepted it supersedes {current.id}"] if current else [f"{adr_id} proposed"]
    return AdrChoice(
        adr_dir, log, current, block, False, adr_id, adr_dir / name, number, title,
        predecessor=current, changes=changes, messages=messages,
    )  # fmt: skip


def adr_files(
    choice: AdrChoice,
    decision: Decision,
    ruleset: Ruleset,
    *,
    date: dt.date,
    template: str | None,
    answers_file: str | None,
    generated: list[str],
    claims: Any = None,
    adr_path: str | None = None,
    rule_folders: tuple[str, ...] = (),
) -> list[OutputFile]:
    """The new or revised record, and status lines of records a hand-accepted one supersedes."""
    from advisor.adr.render import BUNDLED, AdrInput, adr_context, render

    files = [_status_update(choice.log, old, choice.current) for old in choice.completes if choice.current]
    if choice.unchanged:
        return files
    template = template or decision.answers.adr.template
    log, predecessor = choice.log, choice.predecessor
    supersedes = None
    if predecessor is not None:
        style = "madr" if template in (None, "madr") else "nygard"
        supersedes = (
            log.reference(predecessor, "madr"),
            log.reference(predecessor, "nygard" if style == "nygard" else "log4brains"),
        )
    adr = AdrInput(
        choice.number, choice.adr_id, date, answers_file, supersedes, generated,
        changes=choice.changes, claims=claims, path=adr_path, rule_folders=list(rule_folders),
    )  # fmt: skip

    def record() -> bytes:
        return render(adr_context(decision, ruleset, adr), template).encode("utf-8")

    # A bundled template renders when the record is written or shown; a team's own renders now, so that a dry run
    # reports its errors.
    content = Deferred(record) if template in (None, *BUNDLED) else record()
    mode = "managed" if choice.revise else "create"  # a revision merges a hand edit like a skeleton file does
    return [OutputFile(choice.adr_dir, choice.path.name, content, mode=mode), *files]


def _same(decision: Decision, block: dict[str, Any] | None) -> bool:
    return (
        bool(block)
        and block.get("outcome") == decision.outcome()
        and decision.answers.matches_record(block.get("answers_sha256"), block.get("answers"))
    )


def _since(predecessor: Record | None, current: Record, block: dict[str, Any] | None) -> tuple[str, Any]:
    """A revision lists its changes against the record it supersedes, else against its own earlier draft."""
    if predecessor is not None and predecessor.advisor() is not None:
        return predecessor.id, predecessor.advisor()
    return f"the draft of {current.date or 'its last revision'}", block


def _refuse_rejected(log: AdrLog, project: str, decision: Decision, current: Record | None) -> None:
    """A proposal the decision-makers rejected is not proposed again from the same answers."""
    newer = [r for r in lifecycle.advisor_records(log, project) if current is None or _after(log, r, current)]
    for record in reversed(newer):
        if record.status == "rejected" and _same(decision, record.advisor()):
            message = (
                f"these answers decide what {record.id} proposed, and {record.id} was rejected; change the answers, "
                f"or reopen it with `advisor adr status {record.id} proposed`"
            )
            raise InputError([Problem(str(record.path), message)])


def _after(log: AdrLog, record: Record, current: Record) -> bool:
    order = log.sorted()
    return order.index(record) > order.index(current)


def _status_update(log: AdrLog, old: Record, new: Record) -> OutputFile:
    text = log.texts[old.file]
    edited = set_status(old, text, f"superseded by {log.reference(new, old.style)}")
    return OutputFile(log.folder, old.file, edited.encode("utf-8"), "update", sha256(text.encode("utf-8")))


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
