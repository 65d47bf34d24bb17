"""Plans of files and the one place that writes them: atomic, confined, never clobbering.

Every front end builds a `Plan` (a list of `OutputFile`) and hands it to `apply`. Statuses:
- new: the file does not exist;
- unchanged: it holds exactly these bytes (left alone);
- changed: it differs, but holds what advisor wrote last time (`previous` hashes), so it is updated;
- merged: it was edited by someone, and a 3-way merge (base: what advisor wrote last, read back from git by
  the blob id in `bases`) of the edit and the new render is clean: the merge is written in place;
- conflict: it was edited and the merge conflicts, or no base is available; the file is kept and the merge
  with conflict markers (or the new render) goes to `FILE.new`, unless `force` is given.
ADR records are `create` files: they are never replaced, only created with an exclusive link.
An `update` file (an old ADR whose status line changes) is replaced only if it still holds the
bytes the plan was computed from.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from advisor.content import Content, content_blob, content_sha256, force, sha256
from advisor.errors import ExitCode, Problem, WriteError

Mode = Literal["managed", "create", "update", "owned"]  # owned: advisor's own bookkeeping (the lock), always replaced
Status = Literal["new", "unchanged", "changed", "merged", "conflict"]


@dataclass(frozen=True)
class OutputFile:
    root: Path  # the folder the file is confined to (--out or the ADR folder)
    path: str  # relative POSIX path inside root
    content: Content  # the bytes, or a Deferred render (advisor.content): forced only to write, merge or diff
    mode: Mode = "managed"
    expected_sha256: str | None = None  # for "update": what the file must still hold

    @property
    def target(self) -> Path:
        return self.root / self.path

    @property
    def data(self) -> bytes:
        return force(self.content)

    @property
    def sha256(self) -> str:
        return content_sha256(self.content)

    @property
    def blob(self) -> str:
        return content_blob(self.content)


@dataclass(frozen=True)
class Resolution:
    status: Status
    content: Content  # what goes to the target (or to FILE.new for a conflict)
    marked: bool = False  # a conflict whose FILE.new holds the merge with conflict markers
    note: str = ""  # why a conflict was not merged (no git, no base, binary), for the report

    @property
    def data(self) -> bytes:
        return force(self.content)


@dataclass
class Plan:
    files: list[OutputFile] = field(default_factory=list)
    previous: dict[str, str] = field(default_factory=dict)  # str(target) -> sha256 advisor wrote last time
    bases: dict[str, str] = field(default_factory=dict)  # str(target) -> git blob id of what advisor wrote last
    reasons: dict[str, str] = field(default_factory=dict)  # str(target) -> the facts that changed it
    _resolved: dict[tuple[str, str], Resolution] = field(default_factory=dict, repr=False)

    def add(self, *files: OutputFile) -> None:
        self.files.extend(files)

    def status(self, item: OutputFile) -> Status:
        return self.resolve(item).status

    def resolve(self, item: OutputFile) -> Resolution:
        target = _confined(item)
        if not target.exists():
            return Resolution("new", item.content)  # a dry run never renders a file that does not exist yet
        current = target.read_bytes()
        current_sha = sha256(current)
        if current_sha == item.sha256:  # by hash: a render the lock vouches for is compared without rendering it
            return Resolution("unchanged", item.content)
        if item.mode == "owned" or (item.mode == "update" and current_sha == item.expected_sha256):
            return Resolution("changed", item.content)
        if item.mode == "managed" and self.previous.get(str(target)) == current_sha:
            return Resolution("changed", item.content)
        if item.mode != "managed":
            return Resolution("conflict", item.content)
        if self.previous.get(str(target)) == item.sha256:  # advisor's side did not move: the edit is all there is
            return Resolution("unchanged", current)
        key = (str(target), current_sha + item.sha256)  # a merge runs git: once per file and content
        if key not in self._resolved:
            self._resolved[key] = self._merge(target, current, item.data)
        return self._resolved[key]

    def _merge(self, target: Path, current: bytes, new: bytes) -> Resolution:
        from advisor.merge import merge3, read_blob, why_no_base

        blob = self.bases.get(str(target))
        base = read_blob(blob) if blob else None
        if base is None:
            return Resolution("conflict", new, note=why_no_base(blob))
        merged = merge3(base, current, new)
        if merged is None:
            return Resolution("conflict", new, note="not a text file (or git failed): not merged")
        data, conflicted = merged
        if conflicted:
            return Resolution("conflict", data, marked=True)
        return Resolution("unchanged" if data == current else "merged", data)

    def statuses(self) -> list[tuple[OutputFile, Status]]:
        return [(item, self.status(item)) for item in self.files]


@dataclass
class Report:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    merged: list[Path] = field(default_factory=list)
    conflicts: list[tuple[Path, Path]] = field(default_factory=list)  # (kept file, where the new version went)
    notes: dict[Path, str] = field(default_factory=dict)  # kept file -> why it was not merged

    def lines(self) -> list[str]:
        from advisor.shown import shown  # relative to the current folder, as the dry run and the docs show
        from advisor.textout import escape  # a path holds a record's file name, which may hold anything

        out = [f"wrote {escape(shown(p))}" for p in self.written]
        out += [f"merged advisor's change into your edit of {escape(shown(p))}" for p in self.merged]
        for kept_path, new_path in self.conflicts:
            note = self.notes.get(kept_path)
            kept, new = escape(shown(kept_path)), escape(shown(new_path))
            if note:
                out.append(f"conflict: kept {kept} (edited by hand; {note}); advisor's new render is in {new}")
            else:
                out.append(f"conflict: kept {kept} (edited by hand); the merge with conflict markers is in {new}")
        return out


class WriteInterrupted(WriteError):
    """Ctrl-C while writing: the same written / not written report, and the interrupt's exit code."""

    exit_code = ExitCode.INTERRUPT


def apply(plan: Plan, *, force: bool = False) -> Report:
    """Write the plan file by file, each atomically. On failure, say what was and was not written.

    Every path is checked, and every ADR that must be created or updated is checked, before the
    first byte is written, so a refused plan leaves the folders exactly as they were.
    """
    report = Report()
    problems: list[Problem] = []
    for item in plan.files:
        try:
            status = plan.status(item)
        except WriteError as exc:
            problems += exc.problems
            continue
        if status == "conflict" and item.mode in ("create", "update"):
            problems.append(_conflict(item))
    if problems:
        raise WriteError([*problems, Problem(str(plan.files[0].root), "nothing was written")])
    pending = list(plan.files)
    try:
        while pending:
            item = pending[0]
            resolution = plan.resolve(item)  # again: another process may have written since the check
            status = resolution.status
            target = _confined(item)
            kept_edit = resolution.content is not item.content and resolution.data != item.data
            if force and item.mode == "managed" and status in ("unchanged", "merged") and kept_edit:
                status = "changed"  # --force: advisor's render replaces the hand edit
            if status == "unchanged":
                report.unchanged.append(target)
            elif status == "conflict" and item.mode in ("create", "update"):
                raise WriteError([_conflict(item)])
            elif status == "conflict" and not force:
                sidecar = target.with_name(target.name + ".new")
                _atomic_write(sidecar, resolution.data, exclusive=False)
                report.conflicts.append((target, sidecar))
                if resolution.note:
                    report.notes[target] = resolution.note
            elif status == "merged":
                _atomic_write(target, resolution.data, exclusive=False)
                report.merged.append(target)
            else:
                _atomic_write(target, item.data, exclusive=item.mode == "create")
                report.written.append(target)
            pending.pop(0)
    except (Exception, KeyboardInterrupt) as exc:
        raise _partial(exc, report, pending) from None
    return report


def _conflict(item: OutputFile) -> Problem:
    if item.mode == "create":
        return Problem(str(item.target), "already exists; ADR files are never overwritten")
    return Problem(str(item.target), "changed since the plan was made; run again")


def _partial(exc: BaseException, report: Report, pending: list[OutputFile]) -> WriteError:
    """The error for a run that stopped part way: why, then each file written and each not written."""
    if isinstance(exc, WriteError):
        problems = list(exc.problems)
    elif isinstance(exc, OSError):
        # Name the file the user asked for, not our temporary `.NAME.xxxx.tmp` beside it.
        where = str(pending[0].target if pending else getattr(exc, "filename", None) or "advisor")
        problems = [Problem(where, f"cannot write: {exc.strerror or exc}")]
    elif isinstance(exc, KeyboardInterrupt):
        problems = [Problem("advisor", "interrupted while writing")]
    else:
        problems = [Problem("advisor", f"stopped while writing: {type(exc).__name__}: {exc}")]
    problems += [Problem(str(p), "written") for p in report.written]
    problems += [Problem(str(new), "written (the kept file was edited by hand)") for _, new in report.conflicts]
    problems += [Problem(str(item.target), "not written") for item in pending]
    error_type = WriteInterrupted if isinstance(exc, KeyboardInterrupt) else WriteError
    return error_type(problems)


def _confined(item: OutputFile) -> Path:
    """The target path, refusing absolute paths, `..`, and symlinks that lead out of the root."""
    relative = PurePosixPath(item.path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts or "\\" in item.path:
        raise WriteError([Problem(item.path, "refusing a path outside the output folder")])
    root = item.root.resolve()
    target = root.joinpath(*relative.parts)
    parent = target.parent.resolve()
    if parent != root and root not in parent.parents:
        raise WriteError(
            [Problem(str(item.root / item.path), f"refusing to write through a symlink that leaves {item.root}")]
        )
    if target.is_symlink():
        raise WriteError([Problem(str(item.root / item.path), "refusing to write through a symlink")])
    return target


def _atomic_write(target: Path, data: bytes, *, exclusive: bool) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        if exclusive:
            try:
                os.link(tmp, target)  # fails if target exists: no race can clobber an ADR
            except FileExistsError:
                raise WriteError([Problem(str(target), "already exists; ADR files are never overwritten")]) from None
            os.unlink(tmp)
        else:
            os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    _fsync_dir(target.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable: without this a crash can leave the old name pointing nowhere."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse fsync on a directory; the rename is still atomic
    finally:
        os.close(fd)


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` so two runs cannot number two ADRs alike."""
    import fcntl

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise WriteError([Problem(str(folder), f"cannot create or open the folder: {reason}")]) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def plan_entries(plan: Plan) -> list[dict[str, str | None]]:
    """Per file: path (relative to the current folder), status, and for a changed, merged or conflicting file the
    facts that changed it."""
    from advisor.shown import shown

    out = []
    for item, status in plan.statuses():
        reason = plan.reasons.get(str(_confined(item))) if status in ("changed", "merged", "conflict") else None
        out.append({"path": shown(item.target), "status": status, "because": reason})
    return out


def dry_run_lines(plan: Plan, entries: list[dict[str, str | None]] | None = None) -> list[str]:
    """One line per file (status, path, why); `entries` when `plan_entries` was already called."""
    from advisor.textout import escape

    entries = plan_entries(plan) if entries is None else entries
    return [
        f"{e['status']:9} {escape(e['path'] or '')}" + (f" ({escape(e['because'])})" if e["because"] else "")
        for e in entries
    ]
