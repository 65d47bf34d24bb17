"""SVG snapshots of every screen and dialog at 60x20, 80x24 and 120x40 (tests/tui/__snapshots__; update with
`pytest --snapshot-update`, after reading the differences in snapshot_report.html).

Most states use Scenario B (regulated data on premises), whose long names and reasons are the hardest to fit.
Rendering depends on the rules and the skeleton builders too: when those change on purpose, review the new
pictures and update them.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from advisor.answers import load_answers
from advisor.tui.app import InterviewApp
from advisor.tui.persist import write_all
from tests.conftest import EXAMPLES
from tests.tui.helpers import new_app, settings, settle

SIZES = {"60x20": (60, 20), "80x24": (80, 24), "120x40": (120, 40)}
Steps = Callable[[Pilot], Awaitable[None]]


def loaded(example: str = "scenario-b.yaml") -> InterviewApp:
    """The example copied into the current folder: a dialog naming the answers file shows the same path on every
    machine, wherever the checkout lies."""
    shutil.copy(EXAMPLES / example, example)
    return InterviewApp(settings(answers_path=Path(example)), load_answers(Path(example)))


def decided(example: str = "scenario-b.yaml") -> InterviewApp:
    """The example decided and written in the current folder; the interview resumes from its ADR."""
    shutil.copy(EXAMPLES / example, "advisor-answers.yaml")
    write_all(load_answers(Path("advisor-answers.yaml")), settings(), Path("advisor-answers.yaml"), force=False)
    return InterviewApp(settings())


async def steady(pilot: Pilot) -> None:
    """Stop every text cursor blinking (shown, still), so a picture does not depend on when it was taken."""
    for screen in pilot.app.screen_stack:
        for box in screen.query(Input):
            box.cursor_blink = False
    await pilot.pause()


def go(step: int | str, *keys: str, wait: bool = True) -> Steps:
    """Go to a screen (its step or name), press keys; settle unless a dialog is left waiting (wait=False)."""

    async def steps(pilot: Pilot) -> None:
        app = pilot.app
        await settle(pilot)
        if isinstance(step, str):
            app.goto_section(step)
        else:
            app.goto(step)
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await (settle(pilot) if wait else pilot.pause(0.3))
        await pilot.pause(0.3)
        await steady(pilot)

    return steps


def written() -> Steps:
    """The review, `w`, then `y` once the dialog is up: the files are written and the Done screen shows."""

    async def steps(pilot: Pilot) -> None:
        await go("review", "w", wait=False)(pilot)  # the write waits on its dialog: nothing to settle yet
        await pilot.press("y")
        await settle(pilot)
        await pilot.pause(0.3)
        await steady(pilot)

    return steps


def dirty_then(*keys: str) -> Steps:
    """Change an answer on the first screen (unsaved now), back to the welcome screen, then press keys."""

    async def steps(pilot: Pilot) -> None:
        app = pilot.app
        await settle(pilot)
        app.state.set("project.description", "Revised")
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.3)
        await steady(pilot)

    return steps


def conflict(pilot_steps: Steps) -> Steps:
    """The RUNBOOK edited by hand and the RPO changed, so writing asks about it."""

    async def steps(pilot: Pilot) -> None:
        with open("deploy/RUNBOOK.md", "a", encoding="utf-8") as runbook:
            runbook.write("\nOur own note.\n")
        await settle(pilot)
        pilot.app.state.set("data.rpo_minutes", 5)
        await pilot_steps(pilot)

    return steps


STATES: dict[str, tuple[Callable[[], InterviewApp], Steps]] = {
    "welcome": (new_app, go(0)),
    "welcome-resumed": (decided, go(0)),
    "project": (loaded, go("project")),
    "team": (loaded, go("team")),
    "regulation": (loaded, go("regulation")),
    "organization": (loaded, go("organization")),
    "hosting": (loaded, go("hosting")),
    "delivery": (loaded, go("delivery")),
    "observability": (loaded, go("observability")),
    "panel": (loaded, go("hosting", "ctrl+r")),
    "invalid-answer": (loaded, go("team", "ctrl+k", "0")),
    "help": (loaded, go("hosting", "f1")),
    "palette": (loaded, go("hosting", "ctrl+p", "r", "p", "o")),
    "review-plan": (loaded, go("review")),
    "review-decision": (loaded, go("review", "2")),
    "review-adr": (loaded, go("review", "3")),
    "review-answers": (loaded, go("review", "4")),
    "review-diff": (decided, conflict(go("review", "enter"))),
    "dialog-write": (loaded, go("review", "w", wait=False)),
    "dialog-conflicts": (decided, conflict(go("review", "w", "y", wait=False))),
    "dialog-quit": (loaded, dirty_then("ctrl+q")),
    "dialog-unsaved": (loaded, dirty_then("n")),
    "dialog-new-decision": (decided, go(0, "n", wait=False)),
    "dialog-save": (loaded, go("team", "ctrl+s", wait=False)),
    "dialog-load": (new_app, go(0, "l", wait=False)),
    "done": (loaded, written()),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("state", STATES)
def test_every_screen_and_dialog(snap_compare, tmp_path, monkeypatch, state, size):
    monkeypatch.chdir(tmp_path)
    make, steps = STATES[state]
    assert snap_compare(make(), terminal_size=SIZES[size], run_before=steps)


def test_welcome_light_theme(snap_compare, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = new_app()

    async def light(pilot) -> None:
        pilot.app.theme = "textual-light"
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZES["80x24"], run_before=light)
