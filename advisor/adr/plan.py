"""Working out which ADR a decision needs, and the files that go with it.

The latest accepted advisor record is the one in force. If it records the same outcome and the same
answers (hash of the normalised answers, so reformatting the file changes nothing), no record is
written and the skeleton is planned against it. Otherwise a new record is numbered, it names the
one it supersedes, and the old one's status line alone changes. Generated files are listed in the
new record with their sha256 (paths relative to the repository, i.e. `Options.base_dir`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from advisor.adr.edits import add_link, set_status
from advisor.adr.log import AdrLog, find_adr_dir, load_log
from advisor.adr.records import Record
from advisor.adr.render import AdrInput, adr_context, render
from advisor.decision import Decision, Flip
from advisor.writer import OutputFile, Plan, sha256

if TYPE_CHECKING:
    from advisor.pipeline import Options, Result

__all__ = ["current_record", "find_adr_dir", "plan_adr"]


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


def plan_adr(
    decision: Decision, flips: list[Flip], options: Options, date: dt.date, build_skeleton: Callable
) -> Result:
    from advisor.pipeline import Result
    from advisor.ruleset import load_ruleset
    from advisor.skeleton import SkeletonContext

    base = options.base_dir
    adr_dir = find_adr_dir(options)
    log = load_log(adr_dir)
    current = current_record(log, decision.answers.project.name)
    block = current.advisor() if current else None
    answers_sha = decision.answers.sha256()
    unchanged = (
        bool(block) and block.get("outcome") == decision.outcome() and block.get("answers_sha256") == answers_sha
    )

    plan = Plan()
    if block:
        plan.previous = {
            _absolute(base, item["path"]): item["sha256"]
            for item in block.get("generated") or []
            if isinstance(item, dict) and "path" in item and "sha256" in item
        }
    if unchanged:
        assert current is not None
        relpath = _relative(current.path, options.out_dir)
        skeleton = build_skeleton(decision, SkeletonContext(options.out_dir, current.id, relpath, answers_sha))
        plan.add(*skeleton)
        message = f"decision unchanged: {current.id} still holds"
        return Result(decision, flips, plan, current.id, current.path, unchanged=True, messages=[message])

    ruleset = load_ruleset(tuple(options.rules_dirs))
    template = options.template or decision.answers.adr.template
    title = _title(decision)
    name, number = log.new_name(title, date.isoformat())
    adr_path = adr_dir / name
    adr_id = f"ADR-{number:04d}" if number is not None else PurePath(name).stem
    context = SkeletonContext(options.out_dir, adr_id, _relative(adr_path, options.out_dir), answers_sha)
    skeleton = build_skeleton(decision, context)
    generated = [(_repo_path(base, item.root / item.path), item.sha256) for item in skeleton]
    supersedes = None
    if current is not None:
        style = "madr" if template in (None, "madr") else "nygard"
        supersedes = (
            log.reference(current, "madr"),
            log.reference(current, "nygard" if style == "nygard" else "log4brains"),
        )
    answers_file = _repo_path(base, options.answers_path) if options.answers_path else None
    adr = AdrInput(number, adr_id, date, answers_file, supersedes, generated)
    text = render(adr_context(decision, flips, ruleset, adr), template)
    plan.add(OutputFile(adr_dir, name, text.encode("utf-8"), mode="create"))
    messages = []
    if current is not None:
        old_text = log.texts[current.file]
        new_record = Record(adr_path, "madr", number, title=title)
        new_old = set_status(current, old_text, f"superseded by {log.reference(new_record, current.style)}")
        plan.add(
            OutputFile(
                adr_dir,
                current.file,
                new_old.encode("utf-8"),
                mode="update",
                expected_sha256=sha256(old_text.encode("utf-8")),
            )
        )
        messages.append(f"{adr_id} supersedes {current.id}")
    plan.add(*skeleton)
    return Result(decision, flips, plan, adr_id, adr_path, unchanged=False, messages=messages)


def supersede_texts(log: AdrLog, old: Record, new: Record) -> tuple[str, str]:
    """New texts of (old, new) after `new` supersedes `old`: one status line and one link line."""
    old_text = set_status(old, log.texts[old.file], f"superseded by {log.reference(new, old.style)}")
    new_text = add_link(new, log.texts[new.file], "supersedes", log.reference(old, new.style))
    return old_text, new_text


def _title(decision: Decision) -> str:
    from advisor.adr.wording import title

    return title(decision.answers, decision.choices)


def _repo_path(base: Path, path: Path) -> str:
    """POSIX path relative to the repository root, so the record means the same on every checkout."""
    return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()


def _absolute(base: Path, relative: str) -> str:
    target = base.resolve() / relative
    return str(target.parent.resolve() / target.name)


def _relative(path: Path, start: Path) -> str:
    return Path(os.path.relpath(Path(path).resolve(), Path(start).resolve())).as_posix()
