"""Every size from 60x20 up is usable: every control can be reached and seen, the footer names the key that moves
on, and text that does not fit keeps what identifies it (a path its file name, a command its arguments whole)."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from textual.widgets import Footer, Static

from advisor.answers import load_answers
from advisor.tui.app import InterviewApp
from advisor.tui.persist import write_all
from advisor.tui.screens.dialogs import ConfirmScreen
from advisor.tui.screens.done import Done, shell_lines
from advisor.tui.widgets.plan_table import PlanTable
from tests.conftest import EXAMPLES
from tests.tui.helpers import drawn, settings, settle, signed, until
from tests.tui.test_behaviour import field, loaded_app

SIZES = [(60, 20), (80, 24), (120, 40)]
IDS = ["60x20", "80x24", "120x40"]


def footer_text(app: InterviewApp) -> str:
    """The footer's keys as shown: only those drawn whole within the terminal's width."""
    width = app.size.width
    keys = app.screen.query_one(Footer).query("FooterKey")
    return " ".join(f"{key.key_display} {key.description}" for key in keys if 0 < key.region.right <= width)


def in_view(app: InterviewApp, widget) -> bool:
    """The whole widget is on screen, above the footer."""
    region, screen = widget.region, app.screen.region
    footer = app.screen.query_one(Footer).region
    return region.area > 0 and screen.contains_region(region) and region.bottom <= footer.y


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_every_control_can_be_reached_and_seen(tmp_path, monkeypatch, size):
    """Tab through every screen of the interview: each control the focus lands on is whole and in view."""
    monkeypatch.chdir(tmp_path)
    app = loaded_app("scenario-b.yaml")
    missed: list[str] = []

    async def scenario() -> None:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            for step in range(len(app.sections) + 1):
                app.goto(step)
                await settle(pilot)
                seen = set()
                while id(app.focused) not in seen:
                    seen.add(id(app.focused))
                    if not in_view(app, app.focused):
                        missed.append(f"{app.screen.name or 'welcome'}: {app.focused!r}")
                    await pilot.press("tab")
                    await pilot.pause()

    asyncio.run(scenario())
    assert missed == []


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_the_footer_always_names_the_key_that_moves_on(tmp_path, monkeypatch, size):
    monkeypatch.chdir(tmp_path)
    app = loaded_app("phase-2.yaml")
    shown: dict[str, str] = {}

    async def scenario() -> None:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            shown["welcome"] = footer_text(app)
            for step in range(1, len(app.sections) + 2):
                app.goto(step)
                await settle(pilot)
                shown[app.screen.name] = footer_text(app)
            await pilot.press("w")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the write dialog")
            await pilot.pause()
            shown["write dialog"] = footer_text(app)
            await pilot.press("y")
            await settle(pilot)
            shown["done"] = footer_text(app)

    asyncio.run(scenario())
    assert "enter Start" in shown.pop("welcome")
    assert "w Write" in shown.pop("review")
    dialog = shown.pop("write dialog")
    assert "y Write" in dialog and "n Not yet" in dialog
    assert "q Quit" in shown.pop("done")
    for name, text in shown.items():
        assert "^n Next" in text and "^s Save" in text, (name, text)


def _decided_then_rpo(tmp_path: Path) -> InterviewApp:
    """Scenario B decided, written and accepted, then the interview resumes it with RPO 15 -> 5."""
    shutil.copy(EXAMPLES / "scenario-b.yaml", tmp_path / "advisor-answers.yaml")
    answers = load_answers(tmp_path / "advisor-answers.yaml")
    write_all(answers, settings(date=None), Path("advisor-answers.yaml"), force=False)
    signed()  # accepted, so a new decision is a new record (ADR-0002) rather than a revision of ADR-0001
    app = InterviewApp(settings())
    app.later = answers.model_copy(update={"data": answers.data.model_copy(update={"rpo_minutes": 5})})
    return app


@pytest.mark.parametrize("size", [(60, 20), (80, 24)], ids=["60x20", "80x24"])
def test_a_plan_row_keeps_its_path_and_the_detail_line_says_only_what_changed_that_file(tmp_path, monkeypatch, size):
    """After RPO 15 -> 5 the prod overlay changed only because it names the new ADR: its detail line says so."""
    monkeypatch.chdir(tmp_path)
    app = _decided_then_rpo(tmp_path)

    async def scenario() -> tuple[list[str], str]:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            app.state.load(app.later)
            app.goto_section("review")
            await settle(pilot)
            table = app.screen.query_one(PlanTable)
            rows = [str(table.get_cell_at((row, 2))) for row in range(table.row_count)]
            prod = next(i for i, (item, _) in enumerate(table.entries) if "overlays/prod/" in str(item.target))
            table.move_cursor(row=prod)
            await settle(pilot)
            return rows, " ".join(drawn(app.screen.query_one("#plan-detail", Static)))

    rows, detail = asyncio.run(scenario())
    width = size[0]
    assert all(row.endswith((".yaml", ".md", ".txt", ".conf", ".sh", "ignore", ")")) for row in rows), rows
    assert all(len(row) <= width - 14 for row in rows)
    assert "changed: deploy/overlays/prod/kustomization.yaml" in " ".join(detail.split())
    assert "because adr.id ADR-0001 → ADR-0002" in " ".join(detail.split())
    assert "rpo_minutes" not in detail


def test_the_reproduce_command_breaks_only_between_arguments_and_each_line_continues():
    command = Done(command=["advisor", "decide", "--answers", "a long name.yaml", "--out", "deploy", "--date", "x"])
    for width in (20, 30, 44, 60, 200):
        lines = shell_lines(command.command, width)
        assert all(line.endswith(" \\") for line in lines[:-1]) and not lines[-1].endswith("\\")
        joined = " ".join(line.removesuffix(" \\").strip() for line in lines)
        assert joined == command.command_line  # copied and pasted into a shell, it is the same command
        assert not any(line.rstrip(" \\").endswith(("--out", "--date", "--answers")) for line in lines)


def test_a_long_answer_shows_its_start_when_the_focus_is_elsewhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app("scenario-b.yaml")

    async def scenario() -> tuple[str, str]:
        async with app.run_test(size=(60, 20)) as pilot:
            app.goto_section("project")
            await settle(pilot)
            description = field(app, "project.description").control
            app.screen.set_focus(description)
            await pilot.press("end", *" with a long tail that runs past the edge of the field")
            await pilot.pause()
            focused = drawn(description)[0]
            await pilot.press("tab")
            await pilot.pause()
            return focused, drawn(description)[0]

    focused, left = asyncio.run(scenario())
    assert focused.rstrip().endswith("of the field")  # typing: the cursor's end in view
    assert left.startswith(load_answers(EXAMPLES / "scenario-b.yaml").project.description[:20])  # left: the start


def test_after_writing_a_new_adr_the_welcome_says_it_records_the_answers(tmp_path, monkeypatch):
    """Resume from ADR-0001, change the RPO, write ADR-0002, go back to the start: it names ADR-0002."""
    monkeypatch.chdir(tmp_path)
    app = _decided_then_rpo(tmp_path)

    async def scenario() -> tuple[str, str]:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            before = str(app.screen.query_one("#welcome-facts", Static).content)
            app.state.set("data.rpo_minutes", 5)
            app.goto_section("review")
            await settle(pilot)
            await pilot.press("w")
            await pilot.pause()
            await pilot.press("y")
            await settle(pilot)
            assert app.screen.name == "done"
            app.goto_section("welcome")
            await settle(pilot)
            return before, str(app.screen.query_one("#welcome-facts", Static).content)

    before, after = asyncio.run(scenario())
    assert "advisor-answers.yaml, recorded by ADR-0001" in before
    assert "advisor-answers.yaml, recorded by ADR-0002" in after and "ADR-0002" in after.split("Latest advisor ADR:")[1]


@pytest.mark.parametrize(("width", "where"), [(60, "ctrl+r"), (80, "on the right"), (120, "on the right")])
def test_the_welcome_says_where_the_recommendation_is_at_this_width(tmp_path, monkeypatch, width, where):
    monkeypatch.chdir(tmp_path)
    app = loaded_app()

    async def scenario() -> str:
        async with app.run_test(size=(width, 24)) as pilot:
            await settle(pilot)
            return " ".join(" ".join(drawn(app.screen.query_one("#welcome-intro", Static))).split())

    intro = asyncio.run(scenario())
    assert where in intro and ("on the right" not in intro if width < 70 else True)
