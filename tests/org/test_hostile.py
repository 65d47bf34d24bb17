"""A hostile repository among the organisation's: nothing in it runs, nothing outside it is read or shown, and the
other services are listed, checked, compared, published and applied as if it were not there.

`hostile` is a team's repository whose files were written to attack whoever runs `advisor org` over it: a git
filter, fsmonitor and hooks that would run commands, symlinks and recorded paths that lead to a secret beside the
organisation, an answers path and a config read through a link, a catalog entry full of terminal escapes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.org.organisation import ORG_RULES, accept, answers, commit, decide, git, new_repo, run

SECRET = "TOP-SECRET-6f1c"
BRANCH = "advisor/org-rules"


@pytest.fixture
def hostile_org(tmp_path: Path) -> dict[str, Path]:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "0001-secret.md").write_text(f"# {SECRET}\n\nStatus: accepted\n\n{SECRET}\n")
    (secret / "answers.yaml").write_text(f"# {SECRET}\n")
    root = tmp_path / "root"
    good = new_repo(root / "good")
    (good / "answers.yaml").write_text(answers("scenario-b", "good"))
    assert decide(good) == 0 and accept(good) == 0
    commit(good, "Decide")
    bad = new_repo(root / "hostile")
    (bad / "answers.yaml").write_text(answers("scenario-b", "hostile"))
    assert decide(bad) == 0 and accept(bad) == 0
    (bad / "catalog-info.yaml").write_text(
        'kind: Component\nmetadata:\n  name: "hostile\\e]0;pwned\\a\\e[2J"\nspec:\n  owner: "::error::forged"\n'
    )
    (bad / ".gitattributes").write_text("* filter=evil diff=evil\n")
    (bad / "leak").symlink_to(secret)  # a link to the secret folder, and the ADR folder of a second service
    (bad / "linked" / "docs").mkdir(parents=True)
    (bad / "linked" / "docs" / "adr").symlink_to(secret)
    (bad / "linked" / ".advisor.yaml").symlink_to(secret / "answers.yaml")
    commit(bad, "Decide")
    # Set after the commits, as a repository handed over would hold them: each would run a command.
    ran = tmp_path / "RAN"
    for key, value in (
        ("filter.evil.clean", f"touch {ran}-clean; cat"),
        ("filter.evil.smudge", f"touch {ran}-smudge; cat"),
        ("filter.evil.process", f"ps -o args= -p $PPID > {ran}-process; false"),
        ("diff.evil.textconv", f"touch {ran}-textconv; cat"),
        ("core.fsmonitor", f"touch {ran}-fsmonitor"),
        ("core.hooksPath", str(bad / "hooks")),
        ("commit.gpgSign", "true"),
        ("gpg.program", f"touch {ran}-gpg"),
    ):
        git(bad, "config", key, value)
    (bad / ".git" / "info").mkdir(exist_ok=True)
    (bad / ".git" / "info" / "exclude").write_text("hooks/\n")
    (bad / "hooks").mkdir()
    for name in ("pre-commit", "commit-msg", "post-commit", "post-checkout", "reference-transaction"):
        (bad / "hooks" / name).write_text(f"#!/bin/sh\ntouch {ran}-{name}\n")
        (bad / "hooks" / name).chmod(0o755)
    return {"root": root, "good": good, "hostile": bad, "secret": secret, "tmp": tmp_path}


def _ran(org: dict[str, Path]) -> list[str]:
    return sorted(p.name for p in org["tmp"].glob("RAN*"))


def _no_leak(text: str) -> None:
    assert SECRET not in text
    assert "\x1b" not in text and "\x07" not in text
    assert not any(line.lstrip().startswith("::error::forged") for line in text.splitlines())


def test_list_check_and_impact_read_the_others_and_nothing_of_the_attack(hostile_org) -> None:
    root = hostile_org["root"]
    listed = run("org", "list", "--json", root)
    _no_leak(listed.out + listed.err)
    assert listed.code == 1, listed.err
    services = {s["path"]: s for s in json.loads(listed.out)["services"]}
    assert services["good"]["decisions"]["rancher"] == "defer"
    assert services["hostile"]["decisions"]["rancher"] == "defer"
    assert services["hostile"]["name"].startswith("hostile")  # the escapes are shown as text, never sent
    linked = services["hostile/linked"]  # its log is a link and its config one: neither is followed
    assert linked["adr"] is None and linked["findings"]["errors"] >= 1
    text = run("org", "list", root)
    _no_leak(text.out + text.err)
    check = run("org", "check", "--format", "github", root)
    _no_leak(check.out + check.err)
    assert check.code == 1
    flagged = [line for line in check.out.splitlines() if "linked/" in line]
    assert flagged and all("symlink" in line for line in flagged), check.out
    impact = run("org", "impact", "--json", "--rules", ORG_RULES, root)
    _no_leak(impact.out + impact.err)
    changes = {(c["service"], c["decision"]) for c in json.loads(impact.out)["changes"]}
    assert ("good", "rancher") in changes and len({s for s, _ in changes}) == 2
    assert _ran(hostile_org) == []


def test_the_site_publishes_nothing_from_outside(hostile_org, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run("org", "site", hostile_org["root"], "--out", site)
    assert result.code in (0, 1), result.err
    pages = [p for p in site.rglob("*") if p.is_file()]
    assert any("good" in p.read_text(errors="replace") for p in pages)
    for page in pages:
        assert SECRET not in page.read_text(errors="replace"), page
    assert not any(p.is_symlink() for p in site.rglob("*"))
    assert _ran(hostile_org) == []


def test_apply_on_a_branch_runs_none_of_the_repositorys_commands(hostile_org, monkeypatch) -> None:
    import subprocess

    from advisor import git as advisor_git

    calls: list[tuple[list[str], dict[str, str]]] = []
    real_run = subprocess.run

    def recording_run(args, **kwargs):
        calls.append((list(args), dict(kwargs.get("env") or {})))
        return real_run(args, **kwargs)

    monkeypatch.setattr(advisor_git.subprocess, "run", recording_run)
    bad = hostile_org["hostile"]
    head = git(bad, "rev-parse", "HEAD").strip()
    calls.clear()  # from here on, advisor's calls alone
    result = run("org", "apply", "--branch", BRANCH, "--rules", ORG_RULES, hostile_org["root"])
    monkeypatch.setattr(advisor_git.subprocess, "run", real_run)
    writes = {"update-ref", "symbolic-ref", "hash-object", "update-index", "read-tree", "write-tree", "commit-tree"}
    seen = set()
    for args, env in calls:  # every call disarmed and naming its repository, none with -C into a folder
        assert "-C" not in args and [a for a in args if a.startswith("-c")] == ["-c"] * len(advisor_git.CONFIG)
        named = [a for a in args if a.startswith("--git-dir=")]
        rest = args[args.index(named[0]) + 3 :] if named else args[1 + 2 * len(advisor_git.CONFIG) :]
        seen.add(rest[0])
        if rest[0] in writes:
            assert named, args
        assert env["GIT_CONFIG_NOSYSTEM"] == "1" and env["GIT_ALLOW_PROTOCOL"] == "none"
    assert {"commit-tree", "update-ref", "symbolic-ref"} <= seen and not seen & {"push", "checkout", "add", "commit"}
    _no_leak(result.out + result.err)
    assert _ran(hostile_org) == [], "no filter, fsmonitor, hook, textconv or gpg ran"
    assert "re-decided under" in result.out
    assert git(bad, "symbolic-ref", "--short", "HEAD").strip() == BRANCH
    assert git(bad, "rev-parse", f"{BRANCH}~1").strip() == head, "one commit on the branch, from HEAD"
    assert git(bad, "rev-parse", "main").strip() == head
    committed = git(bad, "show", "--name-only", "--format=", BRANCH).split()
    assert "docs/adr/0002-" in " ".join(committed) and not any(name.startswith("leak") for name in committed)
    assert git(bad, "cat-file", "-p", f"{BRANCH}:answers.yaml") == (bad / "answers.yaml").read_text()
    assert _ran(hostile_org) == []


def test_apply_names_the_missing_identity_instead_of_committing_as_nobody(hostile_org, monkeypatch) -> None:
    home = hostile_org["tmp"] / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    for key in [k for k in os.environ if k.startswith(("GIT_AUTHOR_", "GIT_COMMITTER_"))]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("EMAIL", "")
    good = hostile_org["good"]
    result = run("org", "apply", "--branch", BRANCH, "--rules", ORG_RULES, hostile_org["root"])
    assert "git has no author identity here" in result.out.replace("\n  ", " "), result.out
    assert BRANCH not in git(good, "branch", "--list"), "skipped before anything was written"
    assert git(good, "status", "--porcelain") == ""
