"""Never losing an answer: replacing unsaved answers asks, quitting can save (a draft when invalid), resume."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from advisor.answers import load_answers
from advisor.tui.app import InterviewApp
from advisor.tui.persist import write_all
from advisor.tui.questions import SECTIONS
from advisor.tui.screens.dialogs import ChoiceScreen, ConfirmScreen, PathScreen
from advisor.tui.screens.section import SectionScreen
from advisor.tui.screens.welcome import WelcomeScreen
from tests.conftest import EXAMPLES
from tests.tui.helpers import SIZE, answer, drawn, settings, settle
from tests.tui.test_behaviour import field, loaded_app


async def edit_name_and_return(pilot, app: InterviewApp, name: str) -> None:
    await pilot.press("enter")
    await settle(pilot)
    await answer(pilot, field(app, "project.name"), name)
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(app.screen, WelcomeScreen) and app.state.dirty


def test_new_with_unsaved_answers_asks_and_keep_keeps_them(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app()

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await edit_name_and_return(pilot, app, "edited")
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen) and "not saved" in str(
                app.screen.query_one(".dialog-message", Static).content
            )
            await pilot.press("n")  # stay
            await settle(pilot)
            assert isinstance(app.screen, WelcomeScreen)
            assert app.state.get("project.name") == "edited" and app.state.dirty
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("d")  # discard
            await settle(pilot)
            assert app.state.get("project.name") == "" and not app.state.dirty

    asyncio.run(scenario())


def test_load_with_unsaved_answers_asks_before_the_file_dialog(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app()

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await edit_name_and_return(pilot, app, "edited")
            await pilot.press("l")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            await pilot.press("n")
            await pilot.pause()
            assert not isinstance(app.screen, PathScreen)
            assert app.state.get("project.name") == "edited"

    asyncio.run(scenario())


def test_save_and_quit_with_an_invalid_answer_writes_a_draft_that_reloads_with_the_same_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app()

    async def quit_with_draft() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter", "ctrl+n")
            await settle(pilot)
            await answer(pilot, field(app, "team.size"), "five")
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            await pilot.press("s")
            await pilot.pause()

    asyncio.run(quit_with_draft())
    assert app.return_value == 0
    draft = tmp_path / "advisor-answers.draft.yaml"
    assert "#   team.size: must be a whole number from 1 to 10000" in draft.read_text()
    assert not (tmp_path / "advisor-answers.yaml").exists()  # the good answers file is never replaced by a draft
    assert any("draft" in line and "advisor-answers.draft.yaml" in line for line in app.report_lines)

    again = InterviewApp(settings())

    async def reload() -> str:
        async with again.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("l")
            await pilot.pause()
            path_input = again.screen.query_one("#path-input", Input)
            path_input.value = "advisor-answers.draft.yaml"
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("enter", "ctrl+n")
            await settle(pilot)
            assert again.screen.name == "team"
            error = str(field(again, "team.size").query_one(".q-error", Static).content)
            await answer(pilot, field(again, "team.size"), 6)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(again.screen, PathScreen)
            await pilot.press("ctrl+s")  # inside the save dialog: no second one on top
            await pilot.pause()
            assert len(again.screen_stack) == 3 and isinstance(again.screen, PathScreen)
            await pilot.press("enter")
            await settle(pilot)
            return error

    assert asyncio.run(reload()) == "✗ team.size: must be a whole number from 1 to 10000"
    assert again.save_path == Path("advisor-answers.yaml")  # finishing the draft saves the real file
    assert load_answers(tmp_path / "advisor-answers.yaml").team.size == 6
    assert not draft.exists()  # valid answers saved: the draft that held them is gone


def test_resume_picks_the_answers_file_of_the_latest_advisor_adr(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_all(load_answers(EXAMPLES / "phase-2.yaml"), settings(), Path("first.yaml"), force=False)
    write_all(load_answers(EXAMPLES / "scenario-c.yaml"), settings(), Path("second.yaml"), force=False)
    app = InterviewApp(settings())

    async def scenario() -> str:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            return str(app.screen.query_one("#welcome-facts", Static).content)

    facts = asyncio.run(scenario())
    assert app.loaded_from == Path("second.yaml") and app.save_path == Path("second.yaml")
    answers, problems = app.state.build()
    assert problems == [] and answers == load_answers(EXAMPLES / "scenario-c.yaml")
    assert "Answers:            second.yaml, recorded by ADR-0002" in facts


def test_new_in_a_folder_with_a_decision_says_what_it_supersedes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_all(load_answers(EXAMPLES / "phase-2.yaml"), settings(), Path("advisor-answers.yaml"), force=False)
    app = InterviewApp(settings())

    async def scenario() -> str:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            message = str(app.screen.query_one(".dialog-message", Static).content)
            await pilot.press("y")
            await settle(pilot)
            assert app.loaded_from is None and app.state.get("project.name") == ""
            return message

    assert "this will revise ADR-0001 (proposed) when written" in asyncio.run(scenario())  # not yet accepted


def test_error_marks_survive_leaving_the_screen_and_coming_back(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app()

    async def scenario() -> str:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter", "ctrl+n")
            await settle(pilot)
            await answer(pilot, field(app, "team.size"), "0")
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert isinstance(app.screen, SectionScreen) and app.screen.name == "team"
            assert field(app, "team.size").has_class("-invalid")
            return str(field(app, "team.size").query_one(".q-error", Static).content)

    assert asyncio.run(scenario()) == "✗ team.size: must be a whole number from 1 to 10000"


def test_an_empty_number_field_takes_its_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app()

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter", "ctrl+n")
            await settle(pilot)
            control = field(app, "team.platform_engineers").control
            control.focus()
            await pilot.press("home", "ctrl+k")
            await settle(pilot)
            assert control.placeholder == "0"
            assert app.state.get("team.platform_engineers") == 0
            assert not field(app, "team.platform_engineers").has_class("-invalid")
            await pilot.press("ctrl+n")
            await settle(pilot)
            assert app.screen.name == "regulation"

    asyncio.run(scenario())


def panel_lines(app: InterviewApp, visible_only: bool) -> list[str]:
    """The panel's text as drawn, one string per row (all rows, or only those scrolled into view)."""
    from textual.geometry import Region

    from advisor.tui.widgets.panel import RecommendationPanel

    panel = app.screen.query_one(RecommendationPanel)
    body = panel.body
    strips = body.render_lines(Region(0, 0, body.size.width, body.size.height))
    rows = ["".join(segment.text for segment in strip).rstrip() for strip in strips]
    if visible_only:
        top = round(panel.scroll_offset.y)
        rows = rows[top : top + panel.scrollable_content_region.height]
    return rows


def test_rancher_flips_are_two_keys_away_on_the_organisation_screen_at_80x24(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app("scenario-c.yaml")

    async def scenario() -> tuple[list[str], bool]:
        async with app.run_test(size=(80, 24)) as pilot:
            app.goto(4)
            await settle(pilot)
            assert app.screen.name == "organization"
            await pilot.press("ctrl+r")
            await settle(pilot)
            from advisor.tui.widgets.panel import RecommendationPanel

            return panel_lines(app, visible_only=True), app.screen.query_one(RecommendationPanel).has_focus

    rows, focused = asyncio.run(scenario())
    assert focused
    assert "Rancher" in rows and any("holds unless organization.teams" in row for row in rows), rows


def test_no_panel_line_breaks_inside_a_word(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for size in ((60, 20), (80, 24), (120, 40)):
        rows, source = whole_panel(size)
        words = set(source.split())
        broken = [word for row in rows for word in row.split() if word not in words]
        assert len(rows) > 10 and broken == [], (size, broken)


def whole_panel(size: tuple[int, int]) -> tuple[list[str], str]:
    """Scenario B's panel on the sixth screen after ctrl+r: every row as drawn, and the text it was drawn from."""
    from advisor.tui.widgets.panel import RecommendationPanel

    app = loaded_app("scenario-b.yaml")

    async def scenario() -> tuple[list[str], str]:
        async with app.run_test(size=size) as pilot:
            app.goto(5)
            await settle(pilot)
            await pilot.press("ctrl+r")
            await settle(pilot)
            return panel_lines(app, visible_only=False), str(app.screen.query_one(RecommendationPanel).body.content)

    return asyncio.run(scenario())


VERDICTS = ("  holds unless ", "  no single answer ", "  follows ", "  settled: ")


def wrapped_flips(rows: list[str], source: str) -> list[list[str]]:
    """Each what-would-flip-it line of the panel that takes more than one row, as the rows it was drawn on."""

    def words(parts: list[str]) -> list[str]:
        return " ".join(parts).split()

    out = []
    for line in sorted({line for line in source.splitlines() if line.startswith(VERDICTS)}):
        for start in range(len(rows)):
            for end in range(start + 2, len(rows) + 1):  # two rows or more: a line that wrapped
                # the last row holds words: a line that fits in one row and a blank row after it did not wrap
                if (
                    words(rows[start:end]) == line.split()
                    and rows[start].startswith(VERDICTS)
                    and rows[end - 1].strip()
                ):
                    out.append(rows[start:end])
                    break
                if len(words(rows[start:end])) >= len(line.split()):
                    break
    return out


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=["60", "80"])
def test_a_wrapped_flip_line_goes_on_under_its_own_text(tmp_path, monkeypatch, size):
    monkeypatch.chdir(tmp_path)
    rows, source = whole_panel(size)
    wrapped = wrapped_flips(rows, source)
    assert wrapped, rows  # scenario-b's secrets flips are longer than the panel at both widths
    for rows_of_flip in wrapped:
        text_column = len(rows_of_flip[0]) - len(rows_of_flip[0].lstrip())  # "holds" of "  holds unless …"
        assert text_column == 2
        for continuation in rows_of_flip[1:]:  # hanging two columns under the text: read as the same line
            assert len(continuation) - len(continuation.lstrip()) == text_column + 2, rows_of_flip


def test_the_panel_says_what_would_flip_every_decision_in_the_words_of_the_adr(tmp_path, monkeypatch):
    """Scenario B's Postgres moves with no single answer: the panel says what it needs, as verdicts() says it."""
    from advisor.engine import decide
    from advisor.labels import decision_label
    from advisor.ruleset import load_ruleset
    from advisor.whatif import verdicts

    monkeypatch.chdir(tmp_path)
    _, source = whole_panel((120, 40))
    ruleset = load_ruleset()
    decision = decide(load_answers(EXAMPLES / "scenario-b.yaml"), ruleset)
    found = verdicts(decision, ruleset)
    lines = source.splitlines()
    for key, verdict in found.items():
        at = lines.index(decision_label(key, ruleset), lines.index("Why, and what would flip it"))
        assert lines[at + 2] == f"  {verdict.sentence()}", key  # under the label and the rule
    assert "  no single answer changes this; it needs regulation.regulated: false and hosting.provider: aws" in source


def test_escape_closes_the_panel_and_the_focus_goes_back_where_it_was(tmp_path, monkeypatch):
    from advisor.tui.widgets.panel import RecommendationPanel

    monkeypatch.chdir(tmp_path)
    for size in ((60, 20), (80, 24)):
        app = loaded_app("scenario-b.yaml")

        async def scenario(app=app, size=size) -> None:
            async with app.run_test(size=size) as pilot:
                app.goto_section("hosting")
                await settle(pilot)
                await pilot.press("tab", "tab")
                before = app.focused
                await pilot.press("ctrl+r")
                await settle(pilot)
                assert isinstance(app.focused, RecommendationPanel) and app.focused.display
                footer = " ".join(key for key in app.screen.active_bindings)
                assert "escape" in footer
                await pilot.press("escape")
                await settle(pilot)
                assert app.screen.name == "hosting" and app.focused is before  # not back to 4/6
                await pilot.press("ctrl+r", "ctrl+r")  # ctrl+r in the panel goes back too
                await settle(pilot)
                assert app.focused is before

        asyncio.run(scenario())


def test_a_screenshot_without_a_downloads_folder_goes_to_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # a home without ~/Downloads
    app = loaded_app()

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.action_screenshot()
            await pilot.pause()

    asyncio.run(scenario())
    assert len(list(tmp_path.glob("*.svg"))) == 1


def test_f1_and_question_mark_open_the_screens_own_help_and_escape_only_closes_it(tmp_path, monkeypatch):
    from advisor.tui.screens.help import HelpScreen

    monkeypatch.chdir(tmp_path)
    app = loaded_app()

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("enter", "ctrl+n")
            await settle(pilot)
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = " ".join(" ".join(drawn(app.screen.query_one("#help-text", Static))).split())
            assert (
                f"2/{len(SECTIONS)} Team" in app.screen.title_text
                and "ctrl+r shows why" in text
                and "ctrl+n Next" in text
            )
            await pilot.press("f1")  # F1 again closes it, as escape does
            await pilot.pause()
            assert app.screen.name == "team"
            await pilot.press("?")  # in a number field, ? is typed, not help
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen) and app.focused.value.endswith("?")
            await pilot.press("backspace", "ctrl+r")  # the panel: ? is help there
            await settle(pilot)
            await pilot.press("?")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen.name == "team"  # escape closed the help only

    asyncio.run(scenario())


def test_the_palette_finds_help_actions_and_every_question_by_label_or_path(tmp_path, monkeypatch):
    from advisor.tui.commands import InterviewCommands

    monkeypatch.chdir(tmp_path)
    app = loaded_app()

    async def scenario() -> list[str]:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            provider = InterviewCommands(app.screen)
            names = [name for name, _, _ in provider._commands()]
            app.action_command_palette()
            await pilot.pause()
            for key in "rpo":
                await pilot.press(key)
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen.name == "hosting" and app.focused.id == "q-data-rpo-minutes"
            return names

    names = asyncio.run(scenario())
    assert "Help: keys and what this screen is for" in names and "Save answers" in names and "Quit" in names
    from advisor.tui.questions import QUESTIONS

    for path, question in QUESTIONS.items():
        assert f"Question: {question.label} · {path}" in names


def test_review_says_whether_writing_revises_a_proposed_adr_or_proposes_one_to_supersede_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_all(load_answers(EXAMPLES / "scenario-a.yaml"), settings(), Path("advisor-answers.yaml"), force=False)

    async def scenario(app: InterviewApp) -> str:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.resumed is not None
            app.state.set("organization.teams", 4)  # Scenario C: Rancher is adopted, a new decision
            app.goto_section("review")
            await settle(pilot)
            return str(app.screen.query_one("#review-status", Static).content)

    status = asyncio.run(scenario(InterviewApp(settings())))
    assert "ADR-0001 revised (proposed: not yet accepted, so it changes in place)" in status
    assert "Answers go to advisor-answers.yaml (changed)." in status
    (record,) = Path("docs/adr").glob("0001-*.md")
    record.write_text(record.read_text().replace("status: proposed", "status: accepted", 1))  # signed
    status = asyncio.run(scenario(InterviewApp(settings())))
    assert "ADR-0002 proposed; once accepted it supersedes ADR-0001" in status


def test_escape_from_a_review_with_invalid_answers_goes_to_the_first_screen_with_a_problem(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app()

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            app.state.set("organization.teams", 0)
            app.goto_section("review")
            await settle(pilot)
            await pilot.press("w")
            await pilot.pause()
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen.name == "organization"

    asyncio.run(scenario())


def test_before_phase_4_the_panel_marks_the_cluster_rows_as_the_phase_4_target(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app("phase-2.yaml")

    async def scenario() -> str:
        async with app.run_test(size=SIZE) as pilot:
            app.goto_section("hosting")
            await settle(pilot)
            from advisor.tui.widgets.panel import RecommendationPanel

            return str(app.screen.query_one(RecommendationPanel).body.content)

    text = asyncio.run(scenario())
    assert "Rows marked * are the Phase 4 target" in text
    assert "\nPostgres*: " in text and "\nRuntime: docker-compose" in text


def test_the_decision_tab_wraps_each_rule_line_under_its_own_text_at_80_columns(tmp_path, monkeypatch):
    from textual.geometry import Region

    monkeypatch.chdir(tmp_path)
    app = loaded_app("scenario-b.yaml")

    async def scenario() -> tuple[list[str], int, str]:
        async with app.run_test(size=(80, 24)) as pilot:
            app.goto_section("review")
            await settle(pilot)
            await pilot.press("2")
            await settle(pilot)
            body = app.screen.query_one("#decision-text", Static)
            strips = body.render_lines(Region(0, 0, body.size.width, body.virtual_size.height))
            rows = ["".join(segment.text for segment in strip).rstrip() for strip in strips]
            return rows, body.size.width, str(body.content)

    rows, width, source = asyncio.run(scenario())
    assert width <= 80 and all(len(row) <= width for row in rows)
    assert " ".join(rows).split() == source.split()  # every word is there, in order: nothing cut at the edge
    wrapped = [i for i, row in enumerate(rows) if row.startswith("  rule ") and rows[i + 1].startswith("    ")]
    assert wrapped, rows  # scenario-b's rule lines are longer than 80 columns
    for start in wrapped:  # each continuation row hangs two columns under "rule"
        assert rows[start + 1][4] != " " and not rows[start + 1].startswith("  rule")


def test_after_loading_from_the_button_enter_starts_the_interview(tmp_path, monkeypatch):
    """tab to "Load answers…", enter, a path, enter: the next enter starts, as the footer says, not a second load."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "answers.yaml").write_text((EXAMPLES / "scenario-b.yaml").read_text())
    app = InterviewApp(settings())

    async def scenario() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("tab")
            assert app.focused.id == "load"
            await pilot.press("enter")
            await pilot.pause()
            app.screen.query_one("#path-input", Input).value = "answers.yaml"
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, WelcomeScreen) and app.focused.id == "start"
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, SectionScreen) and app.screen.name == "project"
            assert app.state.get("project.name") == "ledger"

    asyncio.run(scenario())
