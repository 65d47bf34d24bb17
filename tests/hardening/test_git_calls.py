"""advisor.git is the only module that starts a process, and these are all the git commands it runs.

Every call names the checkout's repository (`--git-dir`/`--work-tree`), never `-C` into a folder, and carries
the settings that leave repository content nothing to run.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from advisor import git
from advisor.adr.branches import branch_records
from advisor.content import git_blob_id
from advisor.merge import merge3, read_blob, store_blob, why_no_base
from tests.conftest import ROOT
from tests.hardening.hostile_repo import GIT

PROCESS_CALLS = {"subprocess", "os.system", "os.popen", "os.spawn", "os.exec", "os.posix_spawn", "pty.spawn",
                 "asyncio.create_subprocess"}  # fmt: skip
# (subcommand, whether it names the repository): everything advisor asks of git
EXPECTED = {("rev-parse", False), ("rev-list", True), ("cat-file", True), ("hash-object", True), ("merge-file", False),
            ("symbolic-ref", True), ("for-each-ref", True), ("ls-tree", True)}  # fmt: skip


def _process_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            found += [name for name in names if name in ("subprocess", "pty", "multiprocessing")]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            dotted = f"{node.value.id}.{node.attr}"
            found += [dotted for prefix in PROCESS_CALLS if dotted.startswith(prefix)]
    return found


# `advisor org --jobs N` forks workers of the running interpreter; it executes nothing (see the audit test below).
FORKS_ONLY = {"advisor/org/workers.py": ["multiprocessing"]}


def test_only_advisor_git_starts_a_process() -> None:
    offenders = {
        str(path.relative_to(ROOT)): calls
        for path in sorted((ROOT / "advisor").rglob("*.py"))
        if (calls := _process_calls(path)) and path != ROOT / "advisor" / "git.py"
    }
    assert offenders == FORKS_ONLY
    assert _process_calls(ROOT / "advisor" / "git.py")  # the scan does see an import of subprocess


def test_the_organisations_workers_fork_and_execute_nothing() -> None:
    """Python's audit events of a `--jobs 2` map: forks, and never an exec, a spawn or a subprocess."""
    script = (
        "import sys\n"
        "events = []\n"
        "sys.addaudithook(lambda name, args: events.append(name))\n"
        "from advisor.org.workers import map_in_workers\n"
        "assert map_in_workers(abs, list(range(-40, 0)), 2) == list(range(40, 0, -1))\n"
        "print(sorted({e for e in events if e.startswith(('os.', 'subprocess', 'pty'))}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    seen = done.stdout.strip()
    assert "'os.fork'" in seen, seen
    assert not any(word in seen for word in ("exec", "spawn", "subprocess", "system", "popen")), seen


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_every_git_call_names_the_repository_and_disarms_it(tmp_path: Path, monkeypatch) -> None:
    calls: list[tuple[list[str], dict[str, str], str | None]] = []
    real_run = subprocess.run

    def recording_run(args, **kwargs):
        calls.append((list(args), dict(kwargs.get("env") or {}), str(kwargs.get("cwd"))))
        return real_run(args, **kwargs)

    repo = tmp_path / "repo"
    repo.mkdir()
    real_run(["git", "init", "-q", str(repo)], check=True, capture_output=True)
    (repo / "docs/adr").mkdir(parents=True)
    (repo / "docs/adr/0001-x.md").write_text("# 1. X\n")
    for step in (["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x"],
                 ["branch", "other"]):  # fmt: skip
        real_run(["git", "-C", str(repo), *step], check=True, capture_output=True)
    monkeypatch.chdir(repo)
    git._discover.cache_clear()
    monkeypatch.setattr(git.subprocess, "run", recording_run)

    base = b"one\ntwo\nthree\n"
    assert store_blob(base)
    assert read_blob(git_blob_id(base)) == base
    assert read_blob("deadbeef" * 5) is None
    assert why_no_base("deadbeef" * 5).startswith("no merge base: the repository does not have")
    assert merge3(base, b"one!\ntwo\nthree\n", b"one\ntwo\nthree!\n") == (b"one!\ntwo\nthree!\n", False)
    assert [(b.branch, b.name) for b in branch_records(repo / "docs/adr")] == [("other", "0001-x.md")]
    git._discover.cache_clear()

    seen = set()
    for args, env, cwd in calls:
        assert args[0].endswith("git")
        assert "-C" not in args
        rest = args[1:]
        config = [rest[i + 1] for i in range(0, len(rest) - 1) if rest[i] == "-c"]
        assert set(config) == set(git.CONFIG)
        rest = [arg for i, arg in enumerate(rest) if rest[i] != "-c" and (i == 0 or rest[i - 1] != "-c")]
        names_repo = rest[0].startswith("--git-dir=")
        if names_repo:
            assert rest[0] == f"--git-dir={(repo / '.git').resolve()}"
            assert rest[1] == f"--work-tree={repo.resolve()}"
            rest = rest[2:]
        seen.add((rest[0], names_repo))
        for key, value in git._ENVIRONMENT.items():
            assert env[key] == value
        allowed = {*git._ENVIRONMENT, "GIT_CEILING_DIRECTORIES"}
        assert [key for key in env if key.startswith("GIT_") and key not in allowed] == []
        if rest[0] == "rev-list":
            assert "--missing=print" in rest  # the presence check that never fetches
        if rest[0] == "merge-file":
            assert env["GIT_CEILING_DIRECTORIES"] == str(Path(cwd).parent)
    assert seen == EXPECTED
