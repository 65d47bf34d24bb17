"""Number collisions between branches: two pull requests that both add the next record.

main holds 0001-0004; branch `a` adds 0005-use-x, branch `b` adds 0005-use-y and 0006-use-z, and a
remote-tracking `origin/d` adds 0007-use-w. Each branch's `check --branches` names the others that reuse its
numbers; `adr new` on a third branch skips 5, 6 and 7 and says where they are used.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.adr.test_redecide import GIT, git
from tests.conftest import run_cli

pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1772323200")


def record(repo: Path, number: int, slug: str) -> None:
    title = slug.replace("-", " ").capitalize()
    text = f"# {number}. {title}\n\nDate: 2026-01-0{min(number, 9)}\n\n## Status\n\nProposed\n\n## Context\n\nWhy.\n"
    (repo / "docs/adr" / f"{number:04d}-{slug}.md").write_text(text)


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "docs/adr").mkdir(parents=True)
    for number, slug in enumerate(("record-decisions", "use-kustomize", "use-postgres", "adopt-rancher"), 1):
        record(tmp_path, number, slug)
    commit(tmp_path, "log")
    for branch, added in (("a", [(5, "use-x")]), ("b", [(5, "use-y"), (6, "use-z")]), ("d", [(7, "use-w")])):
        git(tmp_path, "switch", "-q", "-c", branch, "main")
        for number, slug in added:
            record(tmp_path, number, slug)
        commit(tmp_path, f"add {branch}")
    # d exists only as a remote-tracking branch, as after a fetch
    git(tmp_path, "update-ref", "refs/remotes/origin/d", "d")
    git(tmp_path, "switch", "-q", "main")
    git(tmp_path, "branch", "-q", "-D", "d")
    return tmp_path


def check(repo: Path, *extra: str):
    return run_cli("check", "--branches", *extra, cwd=repo, env=ENV)


def collisions(result) -> list[str]:
    """The ADR020 lines, paths relative to the repository (the proposals are also warned of as stale)."""
    return [line.split("docs/adr/", 1)[-1] for line in result.out.splitlines() if "ADR020" in line]


def test_check_branches_names_the_branch_that_uses_the_same_number(repo):
    git(repo, "switch", "-q", "a")
    on_a = check(repo)
    assert on_a.code == 1
    assert collisions(on_a) == [
        "0005-use-x.md:1: ADR020 branch-number-collision: error: 0005 is also 0005-use-y.md on branch b;"
        " one of the two needs another number (`advisor adr renumber` after merging)"
    ]
    git(repo, "switch", "-q", "b")
    on_b = check(repo, "--format", "json")
    found = json.loads(on_b.out)["findings"]
    found = [f for f in found if f["rule"] == "ADR020"]
    assert [Path(f["file"]).name for f in found] == ["0005-use-y.md"]
    assert "0005-use-x.md on branch a" in found[0]["message"]
    assert run_cli("check", cwd=repo, env=ENV).code == 0  # without --branches no branch is compared


def test_a_record_renumbered_here_is_the_same_record_not_a_collision(repo):
    git(repo, "switch", "-q", "b")
    git(repo, "merge", "-q", "--no-edit", "a")
    assert run_cli("adr", "renumber", cwd=repo, env=ENV).code == 0
    commit(repo, "renumbered")
    names = sorted(p.name for p in (repo / "docs/adr").glob("0*.md"))
    assert names[4:] == ["0005-use-x.md", "0006-use-z.md", "0007-use-y.md"]
    # b's own 0005-use-y is 0007 here (origin has no b); origin/d's 0007-use-w is now the one collision left
    result = check(repo)
    assert result.code == 1
    assert [line.split(": ADR020")[0] for line in collisions(result)] == ["0007-use-y.md:1"]
    assert "0007-use-w.md on branch origin/d" in result.out


def test_adr_new_on_a_third_branch_skips_every_number_another_branch_uses(repo):
    git(repo, "switch", "-q", "-c", "c", "main")
    result = run_cli("adr", "new", "Use", "Nomad", cwd=repo, env=ENV)
    assert result.code == 0, result.err
    assert result.out.strip().endswith("docs/adr/0008-use-nomad.md")
    assert (
        "skipped numbers used on other branches: 5 (0005-use-x.md on a, 0005-use-y.md on b); "
        "6 (0006-use-z.md on b); 7 (0007-use-w.md on origin/d)"
    ) in result.err
    assert (repo / "docs/adr/0008-use-nomad.md").is_file()
    commit(repo, "c")
    assert check(repo).code == 0


def test_outside_a_git_checkout_nothing_is_compared(tmp_path):
    (tmp_path / "docs/adr").mkdir(parents=True)
    record(tmp_path, 1, "use-x")
    assert check(tmp_path).code == 0
    result = run_cli("adr", "new", "Use", "Y", cwd=tmp_path, env=ENV)
    assert result.code == 0 and result.err == "" and result.out.strip().endswith("0002-use-y.md")


def test_hostile_branch_names_and_a_planted_repository_are_only_ever_printed_escaped(repo):
    commit_id = git(repo, "rev-parse", "a").strip()
    git(repo, "branch", "-q", "x\u202eb", "a")  # a right-to-left override: a valid ref name
    (repo / ".git/refs/heads/e\x1b[2Jv").write_text(commit_id + "\n")  # git itself ignores a control character
    # a repository planted in the ADR folder is not the checkout: its branches are never listed
    planted = repo / "docs/adr/.git"
    git(repo, "init", "-q", "--bare", str(planted))
    git(repo, "switch", "-q", "b")
    result = check(repo)
    assert "\x1b" not in result.out + result.err and "\u202e" not in result.out + result.err
    assert "0005-use-x.md on branch x\\u202eb" in result.out
    assert result.out.count("ADR020") == 2  # a and the hostile copy of a; nothing from the planted repository
