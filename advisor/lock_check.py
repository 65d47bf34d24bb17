"""`advisor check`'s file drift, read from the skeleton's lock: a file advisor wrote is missing or was edited."""

from __future__ import annotations

import os
from pathlib import Path

from advisor.adr.lint.finding import Finding
from advisor.confine import regular_file
from advisor.lock import LOCK_NAME, Lock, read_lock
from advisor.writer import sha256


def lock_drift(out_dir: Path, strict: bool = False, lock: Lock | None = None) -> tuple[Lock | None, list[Finding]]:
    """(the lock, findings for its files); (None, []) when `out_dir` has no lock (`lock`: when already read)."""
    lock = lock or read_lock(out_dir)
    if lock is None:
        return None, []
    out: list[Finding] = []
    for item in lock.files:  # on strings, one lstat and one read each: a service's 40-odd files, in every org command
        path = os.path.join(out_dir, item.path)
        content = _read(path) if regular_file(path) else None  # a symlink is never followed
        if content is not None and sha256(content) == item.sha256:
            continue
        target = str(out_dir / item.path)
        if content is None:
            out.append(Finding(target, None, f"generated file is missing (listed in {LOCK_NAME})", code="ADR104"))
        else:
            message = (
                f"differs from what advisor wrote for {lock.adr_id} (edited by hand); `advisor decide` merges "
                "advisor's later changes into it, or keep the edit on purpose"
            )
            out.append(Finding(target, None, message, "error" if strict else "warning", "ADR105"))
    return lock, out


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()
