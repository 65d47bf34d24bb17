"""The real `advisor interview` in a pseudo-terminal: through the screens, write, and a clean exit 0."""

from __future__ import annotations

import shutil

from advisor.answers import load_answers
from advisor.tui.questions import SECTIONS
from advisor.tui.widgets.hanging import SEPARATORS
from tests.conftest import EXAMPLES, run_cli
from tests.tui.helpers import signed
from tests.tui.terminal import (
    CTRL_C,
    CTRL_K,
    CTRL_N,
    CTRL_P,
    CTRL_Q,
    CTRL_S,
    END,
    ENTER,
    ESCAPE,
    F1,
    HOME,
    SHIFT_TAB,
    TAB,
    Terminal,
)


def _interview(tmp_path, *extra: str, columns: int = 80, lines: int = 24) -> Terminal:
    args = ["interview", *extra, "--out", "deploy", "--adr-dir", "docs/adr", "--date", "2026-01-28"]
    return Terminal(args, tmp_path, columns, lines)


def _through_the_questions_and_write(term: Terminal) -> None:
    for number in range(1, len(SECTIONS) + 1):
        term.wait_for(f"{number}/{len(SECTIONS)}")
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
        term.wait_for(f"1/{len(SECTIONS)}")
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


def test_at_60x20_every_welcome_button_can_be_seen_and_the_footer_names_the_next_key(tmp_path):
    term = _interview(tmp_path, columns=60, lines=20)
    try:
        term.wait_for(r"Start \(enter\)")
        assert "enter Start" in term.text.splitlines()[-1]
        for button in (r"Start \(enter\)", r"Load answers… \(l\)", r"New \(n\)"):
            term.wait_for(button)  # on screen, not below it
        term.send(TAB + ENTER)  # the second button, in view: load
        term.wait_for("Load an answers file")
        term.send(ESCAPE)
        term.wait_until_gone("Load an answers file")
        term.send(SHIFT_TAB + ENTER)  # back to the first button: start
        term.wait_for(f"1/{len(SECTIONS)}")
        term.wait_for(r"\^n Next")
        assert "on the right" not in term.text and "Recommendation" not in term.text  # behind ctrl+r here
        term.send(CTRL_Q)
        assert term.finish() == 0
    finally:
        term.close()


def test_f1_opens_the_help_and_ctrl_c_asks_about_unsaved_answers_like_ctrl_q(tmp_path):
    term = _interview(tmp_path)
    try:
        term.wait_for(r"Start \(enter\)")
        term.send(ENTER)
        term.wait_for(f"1/{len(SECTIONS)}")
        term.send(F1)
        term.wait_for(f"Help: 1/{len(SECTIONS)} Project and phase")
        term.wait_for("Keys here")
        term.send(ESCAPE)
        term.wait_until_gone("Help: ")
        term.send("web")  # the project name: answers now unsaved
        term.wait_for("web")
        term.send(CTRL_C)
        term.wait_for(r"Quit\?")
        term.wait_for(r"Discard and quit \(d\)")
        term.send("n")  # stay
        term.wait_until_gone(r"Quit\?")
        term.send(CTRL_C)
        term.wait_for(r"Quit\?")
        term.send("d")
        assert term.finish() == 0
    finally:
        term.close()
    assert not (tmp_path / "advisor-answers.yaml").exists()


def test_the_error_of_the_field_being_typed_in_is_in_view_and_a_url_is_whole(tmp_path):
    shutil.copy(EXAMPLES / "scenario-b.yaml", tmp_path / "answers.yaml")
    term = _interview(tmp_path, "--answers", "answers.yaml")
    try:
        term.wait_for(r"Continue \(enter\)")
        term.send(ENTER)
        term.send(CTRL_N * 4)  # to Hosting and data
        term.wait_for(f"5/{len(SECTIONS)} Hosting and data")
        term.send(CTRL_P)
        term.wait_for("🔎")
        term.send("backup.endpoint")
        term.wait_for("Question: Backup endpoint")
        term.send(ENTER)
        term.wait_until_gone("🔎")
        term.send(HOME + CTRL_K + "minio")  # not a URL: the message gives an example URL, wider than the column
        term.wait_for(r"✗ backup\.endpoint: must be")  # the error under the field being typed in is in view
        term.wait_for(r"path\)")  # all of it, to its last word
        rows = [row[: row.find("│")].strip(" █") for row in term.text.splitlines()]
        start = next(i for i, row in enumerate(rows) if row.startswith("✗ backup.endpoint"))
        end = next(i for i in range(start, len(rows)) if "path)" in rows[i])
        message = rows[start : end + 1]
        url = "https://s3.backup-site.example.org:9000"
        joined = "".join(message)
        at = joined.find(url)
        assert at >= 0, message
        boundary = 0
        for row in message[:-1]:  # where a row ends inside the URL, it ends right after a separator
            boundary += len(row)
            assert not at < boundary < at + len(url) or joined[boundary - 1] in SEPARATORS, message
        term.send(CTRL_Q)
        term.wait_for(r"Quit\?")
        term.send("d")
        assert term.finish() == 0
    finally:
        term.close()


def test_after_writing_the_welcome_names_the_new_adr_and_the_command_is_printed_whole(tmp_path):
    shutil.copy(EXAMPLES / "scenario-b.yaml", tmp_path / "advisor-answers.yaml")
    assert run_cli("decide", "--answers", "advisor-answers.yaml", "--date", "2026-01-01", cwd=tmp_path).code == 0
    signed(tmp_path / "docs/adr")  # accepted: the next decision is a new record, ADR-0002
    term = _interview(tmp_path)
    try:
        term.wait_for("recorded by ADR-0001")
        term.send(ENTER)
        term.send(CTRL_N * 4)
        term.wait_for(f"5/{len(SECTIONS)} Hosting and data")
        term.send(CTRL_P)
        term.wait_for("🔎")
        term.send("rpo")
        term.wait_for("Question: RPO")
        term.send(ENTER)
        term.wait_until_gone("🔎")
        term.send("5" + CTRL_N * (len(SECTIONS) - 4))  # past Delivery and the sections after it
        term.wait_for("Review and write")
        term.wait_for(r"\d+ files: ")
        term.send("w")
        term.wait_for("Write the files")
        term.send("y")
        term.wait_for("Next steps")
        term.send(ESCAPE)
        term.wait_for("Review and write")
        term.send(CTRL_P)
        term.wait_for("🔎")
        term.send("welcome")
        term.wait_for("Go to: Welcome")
        term.send(ENTER)
        term.wait_for("recorded by ADR-0002")
        term.send(CTRL_Q)
        assert term.finish() == 0
    finally:
        term.close()
    assert load_answers(tmp_path / "advisor-answers.yaml").data.rpo_minutes == 5
    printed = term.output.decode(errors="replace")
    assert "reproduce: advisor decide --answers advisor-answers.yaml --out deploy --adr-dir docs/adr" in printed
