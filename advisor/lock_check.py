"""`advisor check`'s file drift, read from the skeleton's lock: a file advisor wrote is missing or was edited."""

from __future__ import annotations

from pathlib import Path

from advisor.adr.lint.finding import Finding
from advisor.lock import LOCK_NAME, Lock, read_lock
from advisor.writer import sha256


def lock_drift(out_dir: Path, strict: bool = False, lock: Lock | None = None) -> tuple[Lock | None, list[Finding]]:
    """(the lock, findings for its files); (None, []) when `out_dir` has no lock (`lock`: when already read)."""
    lock = lock or read_lock(out_dir)
    if lock is None:
        return None, []
    out: list[Finding] = []
    for item in lock.files:
        target = out_dir / item.path
        if target.is_symlink() or not target.is_file():
            out.append(Finding(str(target), None, f"generated file is missing (listed in {LOCK_NAME})", code="ADR104"))
        elif sha256(target.read_bytes()) != item.sha256:
            message = (
                f"differs from what advisor wrote for {lock.adr_id} (edited by hand); `advisor decide` merges "
                "advisor's later changes into it, or keep the edit on purpose"
            )
            out.append(Finding(str(target), None, message, "error" if strict else "warning", "ADR105"))
    return lock, out
