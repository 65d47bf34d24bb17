"""Nothing lost on faults: writes stay inside their folders, are atomic, and a run that stops part way
says exactly what it wrote. Concurrency is tested with real `advisor decide` processes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from advisor import writer
from advisor.errors import ExitCode, WriteError
from advisor.writer import OutputFile, Plan, apply, sha256

from .measure import ROOT, run_measured

EXAMPLES = ROOT / "examples"


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- confinement ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/etc/passwd", "../escape.yaml", "a/../../escape.yaml", "a\\..\\escape.yaml", "", ".", "a/./../../x"]
)
def test_paths_outside_the_root_are_refused_before_anything_is_written(tmp_path: Path, path: str) -> None:
    root = tmp_path / "out"
    plan = Plan([OutputFile(root, "first.yaml", b"ok\n"), OutputFile(root, path, b"evil\n")])
    with pytest.raises(WriteError) as caught:
        apply(plan)
    assert "outside the output folder" in str(caught.value)
    assert "nothing was written" in str(caught.value)
    assert not (root / "first.yaml").exists()
    assert _files(tmp_path) == {}


def test_a_symlinked_folder_that_leaves_the_root_is_refused(tmp_path: Path) -> None:
    root, outside = tmp_path / "out", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "base").symlink_to(outside, target_is_directory=True)
    with pytest.raises(WriteError) as caught:
        apply(Plan([OutputFile(root, "base/deployment.yaml", b"kind: Deployment\n")]))
    assert "symlink that leaves" in str(caught.value)
    assert list(outside.iterdir()) == []


def test_a_symlinked_file_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    root = tmp_path / "out"
    root.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (root / "README.md").symlink_to(victim)
    with pytest.raises(WriteError) as caught:
        apply(Plan([OutputFile(root, "README.md", b"overwritten\n")]))
    assert "symlink" in str(caught.value)
    assert victim.read_text() == "precious\n"


def test_a_symlink_inside_the_root_is_followed_only_while_it_stays_inside(tmp_path: Path) -> None:
    root = tmp_path / "out"
    (root / "real").mkdir(parents=True)
    (root / "alias").symlink_to(root / "real", target_is_directory=True)
    apply(Plan([OutputFile(root, "alias/file.yaml", b"x: 1\n")]))
    assert (root / "real" / "file.yaml").read_bytes() == b"x: 1\n"


# --- atomicity and partial runs ------------------------------------------------------------------


def _three(root: Path) -> Plan:
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        (root / name).write_bytes(f"old {name}\n".encode())
    previous = {str(root.resolve() / n): sha256(f"old {n}\n".encode()) for n in ("a.yaml", "b.yaml", "c.yaml")}
    files = [OutputFile(root, n, f"new {n}\n".encode()) for n in ("a.yaml", "b.yaml", "c.yaml")]
    return Plan(files, previous)


@pytest.mark.parametrize("fault", [OSError(28, "No space left on device"), RuntimeError("boom"), KeyboardInterrupt()])
def test_a_fault_between_two_files_leaves_each_old_or_new_and_says_which(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: BaseException
) -> None:
    plan = _three(tmp_path)
    real = writer._atomic_write
    calls = []

    def flaky(target: Path, data: bytes, *, exclusive: bool) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise fault
        real(target, data, exclusive=exclusive)

    monkeypatch.setattr(writer, "_atomic_write", flaky)
    with pytest.raises(WriteError) as caught:
        apply(plan)
    assert (tmp_path / "a.yaml").read_text() == "new a.yaml\n"
    assert (tmp_path / "b.yaml").read_text() == "old b.yaml\n"
    assert (tmp_path / "c.yaml").read_text() == "old c.yaml\n"
    lines = str(caught.value).splitlines()
    assert f"{tmp_path.resolve() / 'a.yaml'}: written" in lines
    assert f"{tmp_path / 'b.yaml'}: not written" in lines
    assert f"{tmp_path / 'c.yaml'}: not written" in lines
    expected_code = ExitCode.INTERRUPT if isinstance(fault, KeyboardInterrupt) else ExitCode.INPUT
    assert caught.value.exit_code == expected_code
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_fault_in_the_middle_of_one_file_leaves_the_old_bytes_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _three(tmp_path)

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(writer.os, "fsync", broken_fsync)
    with pytest.raises(WriteError) as caught:
        apply(plan)
    assert "Input/output error" in str(caught.value)
    assert _files(tmp_path) == {n: f"old {n}\n".encode() for n in ("a.yaml", "b.yaml", "c.yaml")}


def test_an_edited_file_is_kept_and_the_new_version_goes_beside_it(tmp_path: Path) -> None:
    plan = _three(tmp_path)
    (tmp_path / "b.yaml").write_text("edited by hand\n")
    report = apply(plan)
    assert (tmp_path / "b.yaml").read_text() == "edited by hand\n"
    assert (tmp_path / "b.yaml.new").read_text() == "new b.yaml\n"
    assert [kept.name for kept, _ in report.conflicts] == ["b.yaml"]


def test_an_existing_adr_is_never_overwritten_and_nothing_else_is_written(tmp_path: Path) -> None:
    (tmp_path / "adr").mkdir()
    (tmp_path / "adr" / "0001-x.md").write_text("mine\n")
    plan = Plan(
        [
            OutputFile(tmp_path / "deploy", "a.yaml", b"a\n"),
            OutputFile(tmp_path / "adr", "0001-x.md", b"new\n", "create"),
        ]
    )
    with pytest.raises(WriteError) as caught:
        apply(plan)
    assert "never overwritten" in str(caught.value)
    assert (tmp_path / "adr" / "0001-x.md").read_text() == "mine\n"
    assert not (tmp_path / "deploy").exists()


# --- folders that cannot be written, through the CLI ---------------------------------------------


@contextmanager
def _read_only(*folders: Path) -> Iterator[None]:
    """Folders nobody may write to. Root ignores permission bits, so as root the immutable attribute is used."""
    if os.geteuid() != 0:
        for folder in folders:
            folder.chmod(0o555)
        try:
            yield
        finally:
            for folder in folders:
                folder.chmod(0o755)
        return
    chattr = shutil.which("chattr")
    made: list[Path] = []
    try:
        for folder in folders:
            if not chattr or subprocess.run([chattr, "+i", str(folder)], capture_output=True).returncode != 0:
                pytest.skip("running as root on a filesystem without chattr +i: cannot make a folder read-only")
            made.append(folder)
        yield
    finally:
        for folder in made:
            subprocess.run([chattr, "-i", str(folder)], check=True)


def test_a_read_only_folder_is_a_clear_error_and_nothing_is_written(tmp_path: Path) -> None:
    adr, out = tmp_path / "docs" / "adr", tmp_path / "deploy"
    adr.mkdir(parents=True)
    out.mkdir()
    args = ["decide", "--answers", str(EXAMPLES / "scenario-a.yaml"), "--date", "2025-01-15"]
    with _read_only(adr, out):
        result = run_measured([*args, "--out", str(out), "--adr-dir", str(adr)], cwd=tmp_path)
    assert result.code == 2, str(result)
    assert "Traceback" not in result.err
    assert re.search(r"^\S+: cannot write: (Permission denied|Operation not permitted)$", result.err, re.M), str(result)
    assert re.search(r"^\S+0001-\S+\.md: not written$", result.err, re.M), str(result)
    assert _files(tmp_path) == {}


def test_an_output_folder_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "deploy"
    blocker.write_text("a file where a folder should be\n")
    result = run_measured(
        [
            "decide",
            "--answers",
            str(EXAMPLES / "scenario-a.yaml"),
            "--out",
            str(blocker / "x"),
            "--adr-dir",
            str(tmp_path / "adr"),
            "--date",
            "2025-01-15",
        ],
        cwd=tmp_path,
    )
    assert result.code == 2, str(result)
    assert "Traceback" not in result.err
    assert "Not a directory" in result.err and "not written" in result.err, str(result)
    assert blocker.read_text() == "a file where a folder should be\n"


def test_a_missing_adr_folder_for_check_is_a_clear_error(tmp_path: Path) -> None:
    result = run_measured(["check", "--adr-dir", str(tmp_path / "nowhere")], cwd=tmp_path)
    assert result.code == 2, str(result)
    assert result.err.startswith(f"{tmp_path / 'nowhere'}: ")
    assert "not found" in result.err


# --- two runs at once ----------------------------------------------------------------------------


def test_concurrent_decides_on_one_adr_folder_never_share_a_number(tmp_path: Path) -> None:
    """Six real processes, three projects, one ADR folder: every record gets its own number."""
    adr = tmp_path / "adr"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    examples = ["scenario-a.yaml", "scenario-b.yaml", "scenario-c.yaml"]
    procs = []
    for i in range(6):
        answers = EXAMPLES / examples[i % 3]
        out = tmp_path / f"out{i}"
        cmd = [sys.executable, "-m", "advisor", "decide", "--answers", str(answers), "--out", str(out)]
        cmd += ["--adr-dir", str(adr), "--date", "2025-01-15"]
        procs.append(subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE))
    results = [(p.wait(timeout=300), p.stderr.read().decode()) for p in procs]
    for code, err in results:
        assert code in (0, 1), err
        assert "Traceback" not in err
    names = sorted(p.name for p in adr.glob("*.md") if re.match(r"\d{4}-", p.name))
    numbers = [name[:4] for name in names]
    assert len(numbers) == len(set(numbers)), names
    assert len(numbers) >= 3, names  # one per project at least; reruns of a project say "unchanged"
    assert not list(adr.glob(".*.tmp"))
