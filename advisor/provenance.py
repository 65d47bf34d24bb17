"""Between one run and the next: what advisor wrote last (the lock), why a file changes, and the lock to write now.

`previous_state` fills a plan from the lock in the skeleton folder (or, for a tree made before locks existed,
from the hashes its ADR listed): the hashes that tell an untouched file from an edited one, the blob ids a merge
reads its base from, and for each file whose builder read a fact that changed, which facts and how.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from advisor.lock import LOCK_NAME, Lock, LockedFile, git_blob_id, read_lock
from advisor.writer import OutputFile, Plan, Report

if TYPE_CHECKING:
    from advisor.decision import Decision
    from advisor.skeleton import Rendered


def _key(out_dir: Path, relpath: str) -> str:
    """The same absolute form the writer uses for a target (parent resolved, name kept)."""
    target = out_dir.resolve() / relpath
    return str(target.parent.resolve() / target.name)


def previous_state(plan: Plan, out_dir: Path, old_generated: dict[str, str], rendered: Rendered) -> None:
    """Fill `plan.previous`, `plan.bases` and `plan.reasons` from the lock (or an old ADR's list of hashes)."""
    from advisor.facts import changed

    lock = read_lock(out_dir)
    if lock is None:
        plan.previous.update(old_generated)  # a tree from before the lock: its ADR listed the hashes
        return
    for item in lock.files:
        plan.previous[_key(out_dir, item.path)] = item.sha256
        plan.bases[_key(out_dir, item.path)] = item.blob
    for item in rendered.files:
        builder = rendered.builder_of.get(item.path, "")
        now = rendered.facts.get(builder, {})
        before = lock.builders.get(builder, {})
        moved = [name for name in set(now) | set(before) if now.get(name) != before.get(name)]
        target = Path(_key(out_dir, item.path))
        if moved and target.is_file():
            added = set(item.data.splitlines()) - set(target.read_bytes().splitlines())
            shown = [name for name in moved if not name.startswith("adr.") or _shown(now.get(name), added)]
            if shown:
                plan.reasons[str(target)] = "; ".join(changed(before, now, shown))


def _shown(value: object, added: set[bytes]) -> bool:
    """Whether a fact's new value appears on a line the new render adds.

    Facts are recorded per builder, so a file's reason names every fact its builder read that changed: an
    over-approximation that never misses a cause. The ADR's id and path are the exception: every builder is
    handed them to pass along, but only the files that print them depend on them."""
    text = str(value).encode()
    return any(text in line for line in added)


def lock_file(decision: Decision, rendered: Rendered, *, adr: tuple[str, str], answers_file: str | None) -> OutputFile:
    """The lock for this run (`adr`: id, path in the repository).

    Every file is recorded as advisor rendered it, also one left in conflict: the render is the base against
    which the user resolves FILE.new, so once resolved the next run has nothing left to merge.
    """
    files = [
        LockedFile(item.path, item.sha256, git_blob_id(item.data), rendered.builder_of.get(item.path, ""))
        for item in rendered.files
    ]
    lock = Lock(
        adr_id=adr[0],
        adr_path=adr[1],
        answers_file=answers_file,
        answers_sha256=decision.answers.sha256(),
        tool_version=decision.tool_version,
        ruleset_version=decision.ruleset_version,
        files=files,
        builders=rendered.facts,
    )
    return OutputFile(rendered.files[0].root, LOCK_NAME, lock.to_bytes(), mode="owned")


def keep_bases(plan: Plan, report: Report) -> None:
    """Store the new render of each merged or conflicting file in git: the base the next merge reads back."""
    from advisor.merge import store_blob

    touched = {path.resolve() for path in report.merged} | {kept.resolve() for kept, _ in report.conflicts}
    for item in plan.files:
        if item.mode == "managed" and item.target.resolve() in touched:
            store_blob(item.target.parent, item.data)
