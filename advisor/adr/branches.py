"""Number collisions that git does not see: two branches that each add the next record, say 0042.

The ADR folder of every other local and remote-tracking branch is listed (names only, read from git's trees; no
record there is read or parsed). A record is known by its slug, the file name without its number: a branch's
`0042-use-x.md` collides with this checkout's `0042-use-y.md`, while a record renumbered here (`0043-use-x.md`)
is the same record as the branch's `0042-use-x.md`, not a collision.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from advisor import git
from advisor.adr.checks import Finding
from advisor.adr.layout import number_of, slug_of
from advisor.adr.log import AdrLog

TEMPLATE_WORDS = ("template",)


@dataclass(frozen=True)
class BranchRecord:
    branch: str  # `feature/x`, `origin/feature/x`
    name: str  # the file name on that branch
    number: int

    @property
    def slug(self) -> str:
        return slug_of(self.name)


def branch_records(folder: Path) -> list[BranchRecord]:
    """Numbered record names in the same folder on every other branch; [] outside a git checkout."""
    repo = git.repository()  # the checkout's, found from the working directory, never from inside the folder
    if repo is None:
        return []
    try:
        relative = folder.resolve().relative_to(repo.work_tree.resolve()).as_posix()
    except ValueError:
        return []  # the ADR folder is not in this checkout
    current = repo.current_ref()
    branches = [(ref, commit) for ref, commit in repo.branches() if ref != current]
    listings = repo.folder_names([commit for _, commit in branches], "" if relative == "." else relative)
    found = []
    for ref, commit in branches:
        branch = ref.removeprefix("refs/heads/").removeprefix("refs/remotes/")
        for name in listings.get(commit, []):
            number = number_of(name) if name.endswith(".md") else None
            if number is not None and not any(word in name.lower() for word in TEMPLATE_WORDS):
                found.append(BranchRecord(branch, name, number))
    return found


def foreign(log: AdrLog, others: list[BranchRecord]) -> list[BranchRecord]:
    """The branches' records that this checkout does not hold under any number."""
    here = {record.slug for record in log.records}
    return [other for other in others if other.slug not in here]


def collisions(log: AdrLog, others: list[BranchRecord]) -> list[Finding]:
    """ADR020: a number this checkout uses that another branch uses for a different record."""
    by_number: dict[int, list[BranchRecord]] = {}
    for other in foreign(log, others):
        by_number.setdefault(other.number, []).append(other)
    findings = []
    for record in log.records:
        for other in by_number.get(record.number, []) if record.number is not None else []:
            findings.append(
                Finding(
                    str(record.path),
                    record.title_line,
                    f"{record.id} is also {other.name} on branch {other.branch}; "
                    "one of the two needs another number (`advisor adr renumber` after merging)",
                    code="ADR020",
                )
            )
    return findings


def next_free(log: AdrLog, others: list[BranchRecord]) -> tuple[int, dict[int, list[BranchRecord]]]:
    """The next number no branch uses for another record, and the numbers skipped with the branches using them."""
    taken: dict[int, list[BranchRecord]] = {}
    for other in foreign(log, others):
        taken.setdefault(other.number, []).append(other)
    number, skipped = log.next_number(), {}
    while number in taken:
        skipped[number] = taken[number]
        number += 1
    return number, skipped


def skipped_note(skipped: dict[int, list[BranchRecord]]) -> str:
    parts = [
        f"{number} ({', '.join(f'{other.name} on {other.branch}' for other in skipped[number])})"
        for number in sorted(skipped)
    ]
    return "skipped numbers used on other branches: " + "; ".join(parts)
