"""advisor.git is the only module that starts a process, and these are all the git commands it runs.

Every call names the checkout's repository (`--git-dir`/`--work-tree`), never `-C` into a folder, and carries
the settings that leave repository content nothing to run.
"""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

import pytest

from advisor import git
from advisor.content import git_blob_id
from advisor.merge import merge3, read_blob, store_blob, why_no_base
from tests.conftest import ROOT
from tests.hardening.hostile_repo import GIT

PROCESS_CALLS = {"subprocess", "os.system", "os.popen", "os.spawn", "os.exec", "os.posix_spawn", "pty.spawn",
                 "asyncio.create_subprocess"}  # fmt: skip
# (subcommand, whether it names the repository): everything advisor asks of git
EXPECTED = {("rev-parse", False), ("rev-list", True), ("cat-file", True), ("hash-object", True), ("merge-file", False)}


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


def test_only_advisor_git_starts_a_process() -> None:
    offenders = {
        str(path.relative_to(ROOT)): calls
        for path in sorted((ROOT / "advisor").rglob("*.py"))
        if (calls := _process_calls(path)) and path != ROOT / "advisor" / "git.py"
    }
    assert offenders == {}
    assert _process_calls(ROOT / "advisor" / "git.py")  # the scan does see an import of subprocess


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
    monkeypatch.chdir(repo)
    git._discover.cache_clear()
    monkeypatch.setattr(git.subprocess, "run", recording_run)

    base = b"one\ntwo\nthree\n"
    assert store_blob(base)
    assert read_blob(git_blob_id(base)) == base
    assert read_blob("deadbeef" * 5) is None
    assert why_no_base("deadbeef" * 5).startswith("no merge base: the repository does not have")
    assert merge3(base, b"one!\ntwo\nthree\n", b"one\ntwo\nthree!\n") == (b"one!\ntwo\nthree!\n", False)
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
