"""The real `advisor interview` in a pseudo-terminal: through the screens, write, and a clean exit 0."""

from __future__ import annotations

import os
import shutil
import sys

import pexpect

from advisor.answers import load_answers
from advisor.tui.questions import SECTIONS
from tests.conftest import EXAMPLES, ROOT

CTRL_N = "\x0e"
TIMEOUT = 60


def test_interview_in_a_terminal_writes_and_exits_cleanly(tmp_path):
    shutil.copy(EXAMPLES / "scenario-a.yaml", tmp_path / "answers.yaml")
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="80", LINES="24", PYTHONPATH=str(ROOT))
    args = ["-m", "advisor", "interview", "--answers", "answers.yaml", "--save", "saved.yaml"]
    args += ["--out", "deploy", "--adr-dir", "docs/adr", "--date", "2026-01-28"]
    child = pexpect.spawn(sys.executable, args, cwd=str(tmp_path), env=env, dimensions=(24, 80), encoding="utf-8")
    try:
        child.expect("Continue", timeout=TIMEOUT)
        child.send("\r")
        for number in range(1, len(SECTIONS) + 1):
            child.expect(f"{number}/{len(SECTIONS)}", timeout=TIMEOUT)
            child.expect("Next", timeout=TIMEOUT)
            child.send(CTRL_N)
        child.expect("Review and write", timeout=TIMEOUT)
        child.expect("new", timeout=TIMEOUT)  # the plan lists the files
        child.send("w")
        child.expect("Write the files", timeout=TIMEOUT)
        child.send("y")
        child.expect("Next steps", timeout=TIMEOUT)
        child.send("q")
        child.expect(pexpect.EOF, timeout=TIMEOUT)
    finally:
        child.close()
    assert child.exitstatus == 0, child.before
    assert load_answers(tmp_path / "saved.yaml") == load_answers(EXAMPLES / "scenario-a.yaml")
    assert list((tmp_path / "docs/adr").glob("0001-*.md"))
    assert "\nwrote " in child.before  # the written paths are printed once the app has closed


def test_new_with_unsaved_answers_keep_then_write_in_a_terminal(tmp_path):
    """welcome -> an edit -> back -> n asks -> keep -> review -> write -> quit: the edit is what gets written."""
    shutil.copy(EXAMPLES / "scenario-a.yaml", tmp_path / "answers.yaml")
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="80", LINES="24", PYTHONPATH=str(ROOT))
    args = ["-m", "advisor", "interview", "--answers", "answers.yaml", "--save", "saved.yaml"]
    args += ["--out", "deploy", "--adr-dir", "docs/adr", "--date", "2026-01-28"]
    child = pexpect.spawn(sys.executable, args, cwd=str(tmp_path), env=env, dimensions=(24, 80), encoding="utf-8")
    try:
        child.expect("Continue", timeout=TIMEOUT)
        child.send("\r")
        child.expect(f"1/{len(SECTIONS)}", timeout=TIMEOUT)
        child.expect("Scenarios", timeout=TIMEOUT)  # the panel has evaluated: the screen is mounted and focused
        # The description is long, so focusing it does not select it: End then a key appends, however slow the
        # machine (a short name selects itself on focus, and a key racing that selection would replace it).
        child.send("\t")
        child.send("\x1b[F")
        child.send("x")
        child.expect("Why/what-if", timeout=TIMEOUT)
        child.send("\x1b")  # escape: back to the welcome screen
        child.expect("Load answers", timeout=TIMEOUT)
        child.send("n")
        child.expect("Unsaved answers", timeout=TIMEOUT)
        child.send("k")
        child.expect("New \\(n\\)", timeout=TIMEOUT)
        child.send("\r")
        for number in range(1, len(SECTIONS) + 1):
            child.expect(f"{number}/{len(SECTIONS)}", timeout=TIMEOUT)
            child.expect("Next", timeout=TIMEOUT)
            child.send(CTRL_N)
        child.expect("Review and write", timeout=TIMEOUT)
        child.expect("new", timeout=TIMEOUT)
        child.send("w")
        child.expect("Write the files", timeout=TIMEOUT)
        child.send("y")
        child.expect("Next steps", timeout=TIMEOUT)
        child.send("q")
        child.expect(pexpect.EOF, timeout=TIMEOUT)
    finally:
        child.close()
    assert child.exitstatus == 0, child.before
    original = load_answers(EXAMPLES / "scenario-a.yaml")
    assert load_answers(tmp_path / "saved.yaml").project.description == original.project.description + "x"
    assert len(list((tmp_path / "docs/adr").glob("0001-*.md"))) == 1
