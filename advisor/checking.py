"""What `advisor check` finds in one repository: the log rules, drift of the records, the lock's files, tuned by the
repository's config. `advisor check` prints it for one repository; `advisor org check` for every service."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from advisor.adr.checks import Finding
from advisor.adr.lint.config import CheckConfig
from advisor.adr.log import AdrLog
from advisor.lock import Lock


@dataclass
class Checked:
    folder: Path  # the ADR folder
    log: AdrLog | None  # None: there is no ADR folder, so nothing was checked
    raw: list[Finding] = field(default_factory=list)  # at their default severities
    findings: list[Finding] = field(default_factory=list)  # tuned by the config (and --strict)
    lock: Lock | None = None


def check_repository(
    root: Path,
    folder: Path,
    out_dir: Path | None,
    config: CheckConfig,
    rules_dirs: tuple[Path, ...],
    *,
    strict: bool = False,
    lock: Lock | None = None,
    branches: bool = False,
) -> Checked:
    """Check the log in `folder`, paths in its records read against `root`, the skeleton's lock in `out_dir` (`lock`:
    already read; `out_dir` None: leave the lock out). Raises InputError for a lock that does not read, as
    `advisor check` stops on one."""
    from advisor.adr.checks import check_drift, check_log
    from advisor.adr.lint.apply import tune
    from advisor.adr.log import load_log
    from advisor.lock_check import lock_drift

    if not folder.is_dir():
        return Checked(folder, None)
    log = load_log(folder, config.date_order, config.id_style)
    lock, file_findings = lock_drift(out_dir, lock=lock) if out_dir is not None else (None, [])
    locked = frozenset([lock.adr_id]) if lock else frozenset()
    raw = check_log(log, config.statuses, proposed_max_days=config.proposed_max_days, repository=root)
    raw += check_drift(log, root, rules_dirs, False, locked) + file_findings
    if branches:  # `--branches`: numbers another local or remote-tracking branch uses for a different record
        from advisor.adr.branches import branch_records, collisions

        raw += collisions(log, branch_records(folder))
    return Checked(folder, log, raw, tune(raw, log, config, strict=strict), lock)
