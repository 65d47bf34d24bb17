"""The 3-way merge of a hand-edited file under hostile conditions: odd line endings, binary bytes, no git,
no repository, a base the repository lacks. Each ends merged or as a conflict that keeps every user byte.

Bases come from the repository of the working directory (advisor.git), so each test runs inside its folder."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from advisor import git
from advisor.content import git_blob_id
from advisor.merge import merge3, why_no_base
from advisor.writer import OutputFile, Plan, apply, sha256

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed; the merge runs git merge-file")


@pytest.fixture(autouse=True)
def _inside(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    git._discover.cache_clear()
    yield
    git._discover.cache_clear()


BASE = b"one\ntwo\nthree\nfour\nfive\nsix\n"
THEIRS = b"one (edited)\ntwo\nthree\nfour\nfive\nsix\n"  # the user's edit, at the top
OURS = b"one\ntwo\nthree\nfour\nfive\nsix (new render)\n"  # advisor's change, at the bottom


def _repo_with(tmp_path: Path, base: bytes) -> Path:
    """A git repository whose object store holds `base` (as advisor's last render would be, once committed)."""
    subprocess.run([GIT or "git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run([GIT or "git", "-C", str(tmp_path), "hash-object", "-w", "--stdin"], input=base, check=True)
    return tmp_path


def _plan(root: Path, current: bytes, base: bytes, new: bytes) -> tuple[Plan, OutputFile]:
    (root / "f.txt").write_bytes(current)
    item = OutputFile(root, "f.txt", new)
    key = str((root / "f.txt").resolve())
    plan = Plan([item], previous={key: sha256(base)}, bases={key: git_blob_id(base)})
    return plan, item


@needs_git
@pytest.mark.parametrize(
    ("base", "theirs", "ours", "merged"),
    [
        (BASE, THEIRS, OURS, b"one (edited)\ntwo\nthree\nfour\nfive\nsix (new render)\n"),
        (  # CRLF throughout: the merge keeps CRLF
            BASE.replace(b"\n", b"\r\n"),
            THEIRS.replace(b"\n", b"\r\n"),
            OURS.replace(b"\n", b"\r\n"),
            b"one (edited)\r\ntwo\r\nthree\r\nfour\r\nfive\r\nsix (new render)\r\n",
        ),
        (BASE[:-1], THEIRS[:-1], OURS[:-1], b"one (edited)\ntwo\nthree\nfour\nfive\nsix (new render)"),  # no final \n
    ],
    ids=["lf", "crlf", "no-final-newline"],
)
def test_a_clean_merge_keeps_both_changes_and_the_line_endings(tmp_path, base, theirs, ours, merged):
    repo = _repo_with(tmp_path, base)
    plan, item = _plan(repo, theirs, base, ours)
    assert plan.status(item) == "merged"
    report = apply(plan)
    assert (repo / "f.txt").read_bytes() == merged and report.merged == [(repo / "f.txt").resolve()]


@needs_git
def test_a_binary_file_is_not_merged_and_the_users_bytes_stay(tmp_path):
    base, theirs, ours = b"\x00base", b"\x00theirs", b"\x00ours"
    repo = _repo_with(tmp_path, base)
    plan, item = _plan(repo, theirs, base, ours)
    assert plan.resolve(item).status == "conflict" and "not a text file" in plan.resolve(item).note
    apply(plan)
    assert (repo / "f.txt").read_bytes() == theirs and (repo / "f.txt.new").read_bytes() == ours
    assert merge3(base, theirs, ours) is None


@needs_git
def test_a_base_the_repository_lacks_falls_back_to_file_new(tmp_path):
    repo = _repo_with(tmp_path, b"something else\n")
    plan, item = _plan(repo, THEIRS, BASE, OURS)
    resolution = plan.resolve(item)
    assert resolution.status == "conflict" and "the repository does not have blob" in resolution.note
    report = apply(plan)
    assert (repo / "f.txt").read_bytes() == THEIRS and (repo / "f.txt.new").read_bytes() == OURS
    assert "no merge base: the repository does not have blob" in "\n".join(report.lines())


@needs_git
def test_outside_a_repository_the_report_says_so(tmp_path):
    plan, item = _plan(tmp_path, THEIRS, BASE, OURS)
    assert plan.resolve(item).note == "no merge base: not a git repository"
    assert why_no_base(None) == "no merge base: advisor.lock.yaml does not list it yet"


def test_without_git_on_the_path_nothing_is_merged_and_nothing_lost(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    plan, item = _plan(tmp_path, THEIRS, BASE, OURS)
    resolution = plan.resolve(item)
    assert resolution.status == "conflict" and resolution.note == "no merge base: git is not installed"
    apply(plan)
    assert (tmp_path / "f.txt").read_bytes() == THEIRS and (tmp_path / "f.txt.new").read_bytes() == OURS
    assert merge3(BASE, THEIRS, OURS) is None


@needs_git
def test_a_conflict_keeps_the_users_file_and_marks_both_sides(tmp_path):
    repo = _repo_with(tmp_path, BASE)
    ours = b"one (advisor)\ntwo\nthree\nfour\nfive\nsix\n"
    plan, item = _plan(repo, THEIRS, BASE, ours)
    resolution = plan.resolve(item)
    assert resolution.status == "conflict" and resolution.marked
    apply(plan)
    sidecar = (repo / "f.txt.new").read_text()
    assert (repo / "f.txt").read_bytes() == THEIRS
    assert "<<<<<<< your edit\none (edited)\n=======\none (advisor)\n>>>>>>> advisor's new render" in sidecar
