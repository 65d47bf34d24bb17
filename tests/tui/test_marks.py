"""Not by colour alone: the highlighted row of the plan, the palette and an open dropdown starts with ▶, and an
open dropdown has a frame, so it does not run into the question below."""

from __future__ import annotations

import asyncio

from textual.command import CommandList
from textual.geometry import Region
from textual.widgets._select import SelectOverlay

from advisor.tui.widgets.plan_table import PlanTable
from tests.tui.helpers import drawn, settle
from tests.tui.test_behaviour import field, loaded_app


def marked(rows: list[str]) -> list[int]:
    return [i for i, row in enumerate(rows) if row.lstrip().startswith("▶")]


def test_the_plan_cursor_row_is_marked_and_the_mark_moves_with_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app("phase-2.yaml")

    async def scenario() -> tuple[list[int], list[int]]:
        async with app.run_test(size=(80, 24)) as pilot:
            app.goto_section("review")
            await settle(pilot)
            table = app.screen.query_one(PlanTable)
            first = marked(drawn(table))
            await pilot.press("down", "down")
            await pilot.pause()
            return first, marked(drawn(table))

    first, later = asyncio.run(scenario())
    assert first == [1] and later == [3]  # row 0 is the header


def test_the_palettes_highlighted_command_is_marked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app()

    async def scenario() -> tuple[list[str], list[str]]:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.action_command_palette()
            await pilot.pause()
            await pilot.press(*"go to")
            await settle(pilot)
            results = app.screen.query_one(CommandList)
            before = drawn(results)
            await pilot.press("down")
            await pilot.pause()
            return before, drawn(results)

    before, after = asyncio.run(scenario())
    assert len(marked(before)) == 1 and len(marked(after)) == 1 and marked(before) != marked(after)


def test_an_open_dropdown_marks_its_option_and_has_a_frame(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = loaded_app("scenario-b.yaml")

    async def scenario() -> list[str]:
        async with app.run_test(size=(80, 24)) as pilot:
            app.goto_section("hosting")
            await settle(pilot)
            app.screen.set_focus(field(app, "hosting.provider").control)
            await pilot.press("enter", "down")
            await pilot.pause()
            overlay = app.screen.query_one(SelectOverlay)
            assert overlay.styles.border_top[0] != ""  # a frame around the open list
            width, height = overlay.outer_size
            strips = overlay.render_lines(Region(0, 0, width, height))  # as it stands on screen
            return ["".join(segment.text for segment in strip).rstrip() for strip in strips]

    rows = asyncio.run(scenario())
    assert rows[0].startswith("╭") and rows[-1].startswith("╰")
    assert len(marked([row.strip("│ ") for row in rows])) == 1
