"""`org apply`: what `advisor decide` does in each changed service, on a branch, one commit per service."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.org.organisation import ORG_RULES, commit, decide, git, run

BRANCH = "advisor/org-rules"
CHANGED = {"atlas", "bastion", "ledger", "billing", "notify"}  # checked against impact below, not assumed


def _tree(repo: Path) -> dict[str, bytes]:
    return {
        p.relative_to(repo).as_posix(): p.read_bytes()
        for p in sorted(repo.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(repo).parts
    }


def _apply(org: dict[str, Path], *extra: str, roots=("clones", "mono")):
    """Dated today (no --date): the records it proposes are fresh, so `check` has no stale proposal to report."""
    return run("org", "apply", "--rules", ORG_RULES, *extra, *(org[r] for r in roots))


def _repo_of(org: dict[str, Path], name: str) -> Path:
    return org["mono"] if name in ("billing", "search", "notify") else org[name]


def test_apply_on_a_branch_one_commit_per_service_then_check_is_clean_and_impact_is_empty(org) -> None:
    before = json.loads(run("org", "impact", "--json", "--rules", ORG_RULES, org["clones"], org["mono"]).out)
    moved = {c["service"] for c in before["changes"]} | {c["service"] for c in before["consequences"]}
    assert moved == CHANGED
    heads = {name: git(_repo_of(org, name), "rev-parse", "HEAD").strip() for name in CHANGED}
    result = _apply(org, "--branch", BRANCH)
    assert result.code == 1, result.out  # the broken service cannot be compared: it is said, and only it
    assert "next: git -C " + str(org["ledger"]) + f" push -u origin {BRANCH}" in result.out
    for name in CHANGED | {"search"}:  # search shares the monorepo's config, so it records the new rules too
        repo = _repo_of(org, name)
        assert git(repo, "symbolic-ref", "--short", "HEAD").strip() == BRANCH
        assert git(repo, "status", "--porcelain") == "", f"{name}: everything written is committed"
        check = run("check", cwd_=org[name])
        assert check.code == 0 and check.out == "", f"{name}: {check.out}"
    for name in ("atlas", "bastion", "ledger"):
        log = git(org[name], "log", "--format=%s", f"main..{BRANCH}").splitlines()
        assert len(log) == 1 and log[0].startswith(f"{name}: re-decide under {ORG_RULES} (")
    mono_log = git(org["mono"], "log", "--format=%s", f"main..{BRANCH}").splitlines()
    assert sorted(line.split(":")[0] for line in mono_log) == ["billing", "notify", "search"]
    ledger_commit = git(org["ledger"], "show", "--format=%B", "--name-only", BRANCH)
    assert "- rancher: defer → adopt (rule rancher.borderline-defer)" in ledger_commit
    assert ".advisor/rules/examples-org-rules/platform.yaml" in ledger_commit and "docs/adr/0002-" in ledger_commit
    for name in set(heads) - {"billing", "notify"}:
        assert git(org[name], "rev-parse", "main").strip() == heads[name], "main is never moved"
    assert git(org["ledger"], "remote") == "" and "push" not in git(org["ledger"], "reflog")
    after = json.loads(run("org", "impact", "--json", "--rules", ORG_RULES, org["clones"], org["mono"]).out)
    assert after["changes"] == [] and after["consequences"] == []
    again = _apply(org, "--branch", BRANCH)
    assert "nothing to apply" in again.out
    assert git(org["mono"], "rev-list", "--count", f"main..{BRANCH}").strip() == "3", "a second apply is a no-op"


def test_apply_writes_what_decide_writes_with_the_rules_configured(org, tmp_path: Path) -> None:
    by_hand = tmp_path / "by-hand"
    shutil.copytree(org["ledger"], by_hand, symlinks=True)
    copy = by_hand / ".advisor/rules/examples-org-rules"
    shutil.copytree(ORG_RULES, copy, ignore=shutil.ignore_patterns("README.md"))
    (by_hand / ".advisor.yaml").write_text("rules:\n  - .advisor/rules/examples-org-rules\n")
    assert decide(by_hand, date="2026-02-01") == 0
    result = _apply(org, "--date", "2026-02-01", roots=("clones",))
    assert f"ledger: re-decided under {ORG_RULES}" in result.out
    assert _tree(org["ledger"]) == _tree(by_hand)


def test_a_dirty_tree_or_a_conflicting_edit_is_skipped_and_left_as_it_was(org) -> None:
    (org["billing"] / "notes.txt").write_text("work in progress\n")  # untracked: the monorepo is not clean
    readme = org["ledger"] / "deploy" / "README.md"
    readme.write_text("# Our own runbook\n\nRewritten by the team.\n")
    commit(org["ledger"], "Our README")
    before = {name: _tree(_repo_of(org, name)) for name in ("billing", "ledger")}
    result = _apply(org, "--branch", BRANCH)
    assert "skipped billing (services/billing): the working tree is not clean (services/billing/notes.txt)" in (
        result.out.replace("\n  ", " ")
    )
    assert "skipped ledger: a hand edit would conflict with advisor's change (deploy/README.md)" in (
        result.out.replace("\n  ", " ")
    )
    for name in ("billing", "ledger"):
        repo = _repo_of(org, name)
        assert _tree(repo) == before[name], f"{name} is left exactly as it was"
        assert BRANCH not in git(repo, "branch", "--list"), f"{name}: no branch made"
    assert git(org["atlas"], "symbolic-ref", "--short", "HEAD").strip() == BRANCH, "the others are applied"
    assert result.code == 1


def test_dry_run_writes_nothing_and_says_what_would_change(org) -> None:
    before = {root: _tree(org[root]) for root in ("clones", "mono")}
    result = _apply(org, "--branch", BRANCH, "--dry-run")
    assert f"ledger: would re-decide under {ORG_RULES}" in result.out
    assert "would apply to 6 of 6 service(s)" in result.out
    assert {root: _tree(org[root]) for root in ("clones", "mono")} == before
    assert BRANCH not in git(org["ledger"], "branch", "--list")


def test_an_existing_branch_is_never_reused_or_reset(org) -> None:
    git(org["ledger"], "branch", BRANCH)
    result = _apply(org, "--branch", BRANCH, roots=("clones",))
    text = result.out.replace("\n  ", " ")
    assert f"skipped ledger: branch {BRANCH} already exists; delete it or choose another name" in text
    assert git(org["ledger"], "symbolic-ref", "--short", "HEAD").strip() == "main"


def test_the_repositorys_hooks_never_run(org) -> None:
    hooks = org["ledger"] / ".git" / "hooks"
    for name in ("pre-commit", "commit-msg", "post-commit", "post-checkout"):
        (hooks / name).write_text(f"#!/bin/sh\ntouch {org['ledger'].parent / ('RAN-' + name)}\n")
        (hooks / name).chmod(0o755)
    git(org["ledger"], "config", "core.hooksPath", str(hooks))
    result = _apply(org, "--branch", BRANCH, roots=("clones",))
    assert f"ledger: re-decided under {ORG_RULES}" in result.out
    assert not list(org["ledger"].parent.glob("RAN-*"))
