"""The real `advisor interview` in a pseudo-terminal: through the screens, write, and a clean exit 0."""

from __future__ import annotations

import shutil

from advisor.answers import load_answers
from tests.conftest import EXAMPLES
from tests.tui.terminal import CTRL_N, CTRL_Q, CTRL_S, END, ENTER, ESCAPE, SHIFT_TAB, TAB, Terminal


def _interview(tmp_path, *extra: str, columns: int = 80, lines: int = 24) -> Terminal:
    args = ["interview", *extra, "--out", "deploy", "--adr-dir", "docs/adr", "--date", "2026-01-28"]
    return Terminal(args, tmp_path, columns, lines)


def _through_the_questions_and_write(term: Terminal) -> None:
    for number in range(1, 7):
        term.wait_for(f"{number}/6")
        term.send(CTRL_N)
    term.wait_for("Review and write")
    term.wait_for(r"\d+ files: ")  # the plan is worked out
    term.send("w")
    term.wait_for("Write the files")
    term.send("y")
    term.wait_for("Next steps")
    term.send("q")


def test_interview_in_a_terminal_writes_and_exits_cleanly(tmp_path):
    shutil.copy(EXAMPLES / "scenario-a.yaml", tmp_path / "answers.yaml")
    term = _interview(tmp_path, "--answers", "answers.yaml", "--save", "saved.yaml")
    try:
        term.wait_for(r"Continue \(enter\)")
        term.send(ENTER)
        _through_the_questions_and_write(term)
        assert term.finish() == 0
    finally:
        term.close()
    assert load_answers(tmp_path / "saved.yaml") == load_answers(EXAMPLES / "scenario-a.yaml")
    assert list((tmp_path / "docs/adr").glob("0001-*.md"))
    assert b"\nwrote " in term.output  # the written paths are printed once the app has closed


def test_new_with_unsaved_answers_keep_then_write_in_a_terminal(tmp_path):
    """welcome -> an edit -> back -> n asks -> stay -> review -> write -> quit: the edit is what gets written."""
    shutil.copy(EXAMPLES / "scenario-a.yaml", tmp_path / "answers.yaml")
    term = _interview(tmp_path, "--answers", "answers.yaml", "--save", "saved.yaml")
    try:
        term.wait_for(r"Continue \(enter\)")
        term.send(ENTER)
        term.wait_for("1/6")
        # The description is long, so focusing it does not select it: End then a key appends.
        term.send(TAB + END + "x" + ESCAPE)  # escape: back to the welcome screen
        term.wait_for(r"New \(n\)")
        term.send("n")
        term.wait_for("Unsaved answers")
        term.send("n")  # stay: keep the edit
        term.wait_until_gone("Unsaved answers")
        term.send(ENTER)
        _through_the_questions_and_write(term)
        assert term.finish() == 0
    finally:
        term.close()
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
    term = _interview(tmp_path)
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
