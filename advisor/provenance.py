"""Between one run and the next: what advisor wrote last (the lock), why a file changes, and the lock to write now.

`previous_state` fills a plan from the lock in the skeleton folder (or, for a tree made before locks existed,
from the hashes its ADR listed): the hashes that tell an untouched file from an edited one, the blob ids a merge
reads its base from, and for each file whose content changed, which of the facts its builder read changed it and how.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor.content import Content, Deferred, content_source, force
from advisor.lock import LOCK_NAME, Lock, LockedFile, read_lock
from advisor.writer import OutputFile, Plan, Report

Versions = tuple[str, str]  # (advisor's version, the rule set's)

if TYPE_CHECKING:
    from advisor.decision import Decision
    from advisor.skeleton import Rendered


def _key(out_dir: Path, relpath: str) -> str:
    """The same absolute form the writer uses for a target (parent resolved, name kept)."""
    target = out_dir.resolve() / relpath
    return str(target.parent.resolve() / target.name)


def previous_state(
    plan: Plan, out_dir: Path, old_generated: dict[str, str], rendered: Rendered, versions: Versions
) -> None:
    """Fill `plan.previous`, `plan.bases` and `plan.reasons` from the lock (or an old ADR's list of hashes).

    `versions` (advisor's, the rule set's) decide whether the lock may vouch for a render: with the same code
    and rules, a builder that read the same facts as last time writes the same bytes, and so does a YAML file
    dumped from the same objects, so such files take their hashes from the lock and are compared without
    rendering (see `vouch`).
    """
    from advisor.facts import changed

    lock = read_lock(out_dir)
    if lock is None:
        plan.previous.update(old_generated)  # a tree from before the lock: its ADR listed the hashes
        return
    for item in lock.files:
        plan.previous[_key(out_dir, item.path)] = item.sha256
        plan.bases[_key(out_dir, item.path)] = item.blob
    same_code = (lock.tool_version, lock.ruleset_version) == versions
    locked = lock.by_path()
    asking: dict[str, list[OutputFile]] = {}  # builder -> its files whose render changed since the lock
    for item in rendered.files:
        builder = rendered.builder_of.get(item.path, "")
        moved = _moved(lock.builders.get(builder, {}), rendered.facts.get(builder, {}))
        if same_code and vouch(item, locked.get(item.path), builder, facts_moved=bool(moved)):
            continue  # the same bytes as last time: nothing changed it, so there is no reason to give
        before = locked.get(item.path)
        if moved and Path(_key(out_dir, item.path)).is_file() and (before is None or before.sha256 != item.sha256):
            asking.setdefault(builder, []).append(item)
    for builder, items in asking.items():
        before, now = lock.builders.get(builder, {}), rendered.facts.get(builder, {})
        for item, names in file_reasons(rendered, items, before, now).items():
            plan.reasons[_key(out_dir, item)] = "; ".join(changed(before, now, names))


def _moved(before: dict[str, Any], now: dict[str, Any]) -> list[str]:
    return sorted(name for name in set(now) | set(before) if now.get(name) != before.get(name))


def file_reasons(
    rendered: Rendered, items: list[OutputFile], before: dict[str, Any], now: dict[str, Any]
) -> dict[str, list[str]]:
    """For each file (by path), the facts whose change changed it: the facts its builder read that moved, each
    kept only if putting that one fact back to its old value (the rest as now) gives the file other content.

    A builder reads many facts for many files, so "its facts moved" over-states: after an RPO change the
    overlays only name the new ADR. A fact read only now or only before (it moved because another did) is not
    put back; when no single fact accounts for a file, every moved fact is named, never none.
    """
    moved = _moved(before, now)
    both = [name for name in moved if name in before and name in now]
    if len(moved) == 1 or rendered.again is None:
        return {item.path: moved for item in items}
    found: dict[str, list[str]] = {item.path: [] for item in items}
    for name in both:
        try:
            other = rendered.again({name: before[name]})
        except Exception:  # the old value no longer fits the builders: count it as a cause
            other = {}
        for item in items:
            if item.path not in other or not same_content(item.content, other[item.path]):
                found[item.path].append(name)
    return {path: names or moved for path, names in found.items()}


def same_content(one: Content, other: Content) -> bool:
    """Whether two renders of a file are the same; YAML files compare the digests of their objects, unemitted."""
    if isinstance(one, Deferred) and isinstance(other, Deferred) and one.source and other.source:
        return one.source == other.source
    return force(one) == force(other)


def vouch(item: OutputFile, locked: LockedFile | None, builder: str, *, facts_moved: bool) -> bool:
    """Let the lock's hashes stand for a render that has not happened, so the file is compared without rendering.

    Only with the same advisor and rules (the caller checks), for a file the same builder wrote last time, and
    when either that builder read the same facts or the objects this file is dumped from are the same.
    """
    content = item.content
    if locked is None or locked.builder != builder or not isinstance(content, Deferred) or content.rendered:
        return False
    if facts_moved and not (locked.source and locked.source == content.source):
        return False
    content.know(locked.sha256, locked.blob)
    return True


def lock_file(
    decision: Decision,
    rendered: Rendered,
    *,
    adr: tuple[str, str],
    answers_file: str | None,
    record: OutputFile | tuple[str, str] | None = None,
) -> OutputFile:
    """The lock for this run (`adr`: id, path in the repository).

    Every file is recorded as advisor rendered it, also one left in conflict: the render is the base against
    which the user resolves FILE.new, so once resolved the next run has nothing left to merge. `record` is the
    ADR advisor renders in this run, or (sha256, blob) of its last render when the record did not change.
    """

    def render() -> bytes:  # the lock itself is rendered only when it is written or compared
        builder_of = rendered.builder_of
        files = [
            LockedFile(item.path, item.sha256, item.blob, builder_of.get(item.path, ""), content_source(item.content))
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
        if isinstance(record, OutputFile):
            lock.adr_sha256, lock.adr_blob = record.sha256, record.blob
        elif record:
            lock.adr_sha256, lock.adr_blob = record
        return lock.to_bytes()

    return OutputFile(rendered.files[0].root, LOCK_NAME, Deferred(render), mode="owned")


def keep_bases(plan: Plan, report: Report) -> None:
    """Store the new render of each merged or conflicting file in git: the base the next merge reads back."""
    from advisor.merge import store_blob

    touched = {path.resolve() for path in report.merged} | {kept.resolve() for kept, _ in report.conflicts}
    for item in plan.files:
        if item.mode == "managed" and item.target.resolve() in touched:
            store_blob(item.data)
