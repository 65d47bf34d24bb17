"""Interview behaviour beyond the happy path: going back, inline validation, conflicts, quitting, the palette."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input, Select, Static

from advisor.answers import load_answers
from advisor.pipeline import run
from advisor.tui.app import InterviewApp
from advisor.tui.screens.dialogs import ChoiceScreen
from advisor.tui.screens.done import DoneScreen
from advisor.tui.screens.review import ReviewScreen
from advisor.tui.screens.section import SectionScreen
from advisor.tui.screens.welcome import WelcomeScreen
from advisor.tui.widgets.lines import Lines
from advisor.tui.widgets.question import QuestionField, control_id
from tests.conftest import EXAMPLES, run_cli
from tests.tui.helpers import SIZE, answer, new_app, settings, settle


def field(app: InterviewApp, path: str) -> QuestionField:
    return app.screen.query_one(f"#field-{control_id(path)}", QuestionField)


def loaded_app(example: str = "scenario-a.yaml") -> InterviewApp:
    return InterviewApp(settings(answers_path=EXAMPLES / example), load_answers(EXAMPLES / example))


def test_going_back_keeps_answers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = new_app()

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await settle(pilot)
            await answer(pilot, field(app, "project.name"), "keeper")
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert app.screen.name == "team"
            await answer(pilot, field(app, "team.size"), 7)
            await pilot.press("ctrl+n", "escape", "escape")  # to regulation, back to team, back to project
            await settle(pilot)
            assert app.screen.name == "project"
            assert field(app, "project.name").control.value == "keeper"
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert field(app, "team.size").control.value == "7"
            assert app.state.get("team.size") == 7

    asyncio.run(scenario())


def test_invalid_answer_is_shown_at_the_field_as_the_cli_says_it_and_blocks(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = new_app()

    async def scenario() -> str:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await settle(pilot)
            await answer(pilot, field(app, "project.name"), "Bad_Name")
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert app.screen.name == "project"  # did not move on
            name = field(app, "project.name")
            assert name.has_class("-invalid")
            assert app.screen.focused is name.control
            return str(name.query_one(".q-error", Static).content)

    shown = asyncio.run(scenario())
    bad = tmp_path / "bad.yaml"
    bad.write_text((EXAMPLES / "scenario-a.yaml").read_text().replace("name: atlas", "name: Bad_Name"))
    cli = run_cli("decide", "--answers", bad, "--dry-run", cwd=tmp_path)
    assert cli.code == 2
    problem = cli.err.strip().splitlines()[0]  # FILE:LINE: project.name: message
    assert shown.startswith("✗ project.name: ")
    assert problem.endswith(shown.removeprefix("✗ "))


def test_a_typed_number_that_is_not_one_blocks_with_the_schema_message(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app()

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter", "ctrl+n")
            await settle(pilot)
            await answer(pilot, field(app, "team.size"), "five")
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert app.screen.name == "team"
            text = str(field(app, "team.size").query_one(".q-error", Static).content)
            assert "team.size: must be a whole number from 1 to 10000" in text

    asyncio.run(scenario())


def test_regulation_details_are_asked_only_when_regulated(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app()  # scenario A is not regulated

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            app.goto(3)
            await settle(pilot)
            frameworks = field(app, "regulation.frameworks")
            assert not frameworks.display
            regulated = field(app, "regulation.regulated").control
            regulated.focus()
            await pilot.press("enter", "up", "enter")  # open the list, pick "yes" with the keyboard
            await settle(pilot)
            assert isinstance(regulated, Select) and regulated.value == "yes"
            assert frameworks.display and field(app, "regulation.air_gapped").display
            assert app.state.build()[0].regulation.regulated is True

    asyncio.run(scenario())


def test_edited_file_needs_a_second_confirmation(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    answers = load_answers(EXAMPLES / "phase-2.yaml")
    plan = run(answers, settings().options()).plan
    victim = next(f for f in plan.files if f.mode == "managed")
    victim.target.parent.mkdir(parents=True, exist_ok=True)
    victim.target.write_text("# edited by hand\n")
    app = InterviewApp(settings(), answers)

    async def scenario(choice: str) -> None:
        async with app.run_test(size=SIZE) as pilot:
            app.goto(len(app.sections) + 1)
            await settle(pilot)
            review = app.screen
            assert isinstance(review, ReviewScreen)
            assert (victim.target, "conflict") in [(f.target, s) for f, s in review.statuses]
            await pilot.press("w")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)  # the second confirmation
            assert str(victim.target) in app.screen.message
            await pilot.press(choice)
            await settle(pilot)
            assert isinstance(app.screen, DoneScreen)

    asyncio.run(scenario("k"))
    assert victim.target.read_text() == "# edited by hand\n"
    assert Path(str(victim.target) + ".new").read_bytes() == victim.data

    app = InterviewApp(settings(), answers)
    victim.target.write_text("# edited again\n")
    # Without the lock advisor has no record of writing the file, so the edit is again a conflict to ask about
    # (with it, an edit to a file whose render did not move is simply kept).
    (victim.root / "advisor.lock.yaml").unlink()
    asyncio.run(scenario("o"))
    assert victim.target.read_bytes() == victim.data


def test_escape_at_the_edited_files_question_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    answers = load_answers(EXAMPLES / "phase-2.yaml")
    victim = next(f for f in run(answers, settings().options()).plan.files if f.mode == "managed")
    victim.target.parent.mkdir(parents=True, exist_ok=True)
    victim.target.write_text("# edited by hand\n")
    before = sorted(p for p in tmp_path.rglob("*"))
    app = InterviewApp(settings(), answers)

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            app.goto(len(app.sections) + 1)
            await settle(pilot)
            await pilot.press("w")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, ReviewScreen)

    asyncio.run(scenario())
    assert sorted(p for p in tmp_path.rglob("*")) == before  # no answers file, no ADR, no FILE.new
    assert victim.target.read_text() == "# edited by hand\n"


def test_cancelling_the_write_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app("phase-2.yaml")

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            app.goto(len(app.sections) + 1)
            await settle(pilot)
            await pilot.press("w")
            await pilot.pause()
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, ReviewScreen)

    asyncio.run(scenario())
    assert list(tmp_path.iterdir()) == []


def test_quit_with_unsaved_answers_asks_first(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app()

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await settle(pilot)
            await answer(pilot, field(app, "project.name"), "changed")
            assert app.state.dirty
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            await pilot.press("n")  # stay
            await pilot.pause()
            assert isinstance(app.screen, SectionScreen) and app.is_running
            await pilot.press("ctrl+c")  # ctrl+c asks the same question
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            await pilot.press("ctrl+q", "ctrl+c", "ctrl+s")  # inside the dialog: no second dialog on top
            await pilot.pause()
            assert len(app.screen_stack) == 3
            await pilot.press("escape")  # closing the dialog stays too
            await pilot.pause()
            assert isinstance(app.screen, SectionScreen) and app.is_running and app.state.dirty
            await pilot.press("ctrl+q")
            await pilot.pause()
            await pilot.press("y")  # y never discards
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            await pilot.press("d")
            await pilot.pause()

    asyncio.run(scenario())
    assert app.return_value == 0
    assert list(tmp_path.iterdir()) == []  # quit and discard: nothing saved


def test_quit_without_changes_does_not_ask(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app()

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+q")
            await pilot.pause()

    asyncio.run(scenario())
    assert app.return_value == 0


def test_ctrl_s_saves_answers_that_reload_equal(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app("scenario-c.yaml")

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter")
            await settle(pilot)
            await answer(pilot, field(app, "project.description"), "Revised")
            await pilot.press("ctrl+s")
            await pilot.pause()
            path_input = app.screen.query_one("#path-input", Input)
            path_input.value = ""
            await pilot.press(*"saved.yaml", "enter")
            await pilot.pause()
            assert not app.state.dirty

    asyncio.run(scenario())
    saved = load_answers(tmp_path / "saved.yaml")
    assert saved.project.description == "Revised"
    assert saved.model_copy(update={"project": load_answers(EXAMPLES / "scenario-c.yaml").project}) == load_answers(
        EXAMPLES / "scenario-c.yaml"
    )


def test_command_palette_jumps_to_a_section(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app()

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            assert isinstance(app.screen, WelcomeScreen)
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"Hosting")
            await pilot.pause(0.5)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, SectionScreen) and app.screen.name == "hosting"

    asyncio.run(scenario())


def test_without_a_terminal_interview_points_to_decide(tmp_path):
    result = run_cli("interview", cwd=tmp_path)
    assert result.code == 2
    assert "advisor decide --answers FILE" in result.err
    assert "Traceback" not in result.err


def test_the_diff_of_an_edited_file_is_shown(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    answers = load_answers(EXAMPLES / "phase-2.yaml")
    plan = run(answers, settings().options()).plan
    victim = next(f for f in plan.files if f.mode == "managed")
    victim.target.parent.mkdir(parents=True, exist_ok=True)
    victim.target.write_text("# edited by hand\n")
    app = InterviewApp(settings(), answers)

    async def scenario() -> str:
        async with app.run_test(size=SIZE) as pilot:
            app.goto(len(app.sections) + 1)
            await settle(pilot)
            review = app.screen
            row = [str(f.target) for f, _ in review.statuses].index(str(victim.target))
            for _ in range(row):
                await pilot.press("down")
            await pilot.press("enter")
            await pilot.pause()
            assert review.query_one("#review-tabs").active == "tab-diff"
            return review.query_one("#diff-lines", Lines).plain

    shown = asyncio.run(scenario())
    assert f"--- {victim.target.as_posix()} (on disk)" in shown  # spelled as the Plan tab spells it
    assert "-# edited by hand" in shown


def test_the_panel_follows_answers_and_marks_what_changed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app()  # scenario A: managed Postgres on AWS

    async def scenario() -> str:
        async with app.run_test(size=SIZE) as pilot:
            app.goto(5)
            await settle(pilot)
            panel = app.screen.query_one("#panel-body", Static)
            assert "Postgres: managed\n" in str(panel.content)
            await answer(pilot, field(app, "hosting.provider"), "on-premises")
            await settle(pilot)
            return str(panel.content)

    text = asyncio.run(scenario())
    assert "Postgres: in-cluster (was managed)" in text


def test_welcome_names_the_latest_advisor_record(tmp_path, monkeypatch):
    from advisor.tui.persist import write_all

    monkeypatch.chdir(tmp_path)
    answers = load_answers(EXAMPLES / "phase-2.yaml")
    write_all(answers, settings(), Path("advisor-answers.yaml"), force=False)
    app = InterviewApp(settings(), answers)

    async def scenario() -> str:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            return str(app.screen.query_one("#welcome-facts", Static).content)

    facts = asyncio.run(scenario())
    assert "Latest advisor ADR: ADR-0001 " in facts
    assert "ADR folder:         docs/adr" in facts
