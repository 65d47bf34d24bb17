"""The real `advisor interview` in a pseudo-terminal: through the screens, write, and a clean exit 0."""

from __future__ import annotations

import os
import shutil
import sys

import pexpect

from advisor.answers import load_answers
from tests.conftest import EXAMPLES, ROOT
from tests.tui.terminal import CTRL_Q, CTRL_S, END, ENTER, SHIFT_TAB, TAB, Terminal

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
        for number in range(1, 7):
            child.expect(f"{number}/6", timeout=TIMEOUT)
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
        child.expect("1/6", timeout=TIMEOUT)
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
        child.send("n")  # stay: keep the edit
        child.expect("New \\(n\\)", timeout=TIMEOUT)
        child.send("\r")
        for number in range(1, 7):
            child.expect(f"{number}/6", timeout=TIMEOUT)
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


def test_keys_typed_in_one_burst_after_tab_enter_or_a_new_screen_land_where_the_focus_went(tmp_path):
    """Everything in one write, as a paste or a slow link delivers it: each key goes to the field the keys before it
    moved to (tab, shift+tab, enter, ctrl+n to the next screen, ctrl+s to the save dialog), never the one left."""
    burst = "".join(
        [
            ENTER + "ledger-svc",  # welcome -> the first question, typed before the screen is built
            TAB + "Ledger service",  # project.name -> description
            TAB + "7",  # description -> phase: its 4 is selected on focus, so 7 replaces it
            SHIFT_TAB + END + " v2",  # back to the description, at its end
            TAB + TAB + END + ", qa",  # past the phase to the environments
            CTRL_N + "12",  # the team screen: its first field, team.size (selected on focus)
            ENTER + "2",  # enter moves to the next field: platform engineers
            CTRL_S + ENTER,  # the save dialog, accepted at once
        ]
    )
    term = Terminal(["interview", "--out", "deploy", "--adr-dir", "docs/adr", "--date", "2026-01-28"], tmp_path)
    try:
        term.wait_for("Start \\(enter\\)")
        term.send(burst)
        term.wait_for("Saved to advisor-answers.yaml")
        term.send(CTRL_Q)
        assert term.finish() == 0
    finally:
        term.close()
    saved = load_answers(tmp_path / "advisor-answers.yaml")
    assert (saved.project.name, saved.project.description, saved.phase) == ("ledger-svc", "Ledger service v2", 7)
    assert saved.environments == ["dev", "staging", "prod", "qa"]
    assert (saved.team.size, saved.team.platform_engineers) == (12, 2)
