"""Driving the interview with Pilot: answer every visible question with target values, by key where typed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, Select, SelectionList

from advisor.answers import Answers
from advisor.tui.app import InterviewApp
from advisor.tui.persist import Settings
from advisor.tui.screens.review import ReviewScreen
from advisor.tui.screens.section import SectionScreen
from advisor.tui.state import format_value
from advisor.tui.widgets.panel import RecommendationPanel
from advisor.tui.widgets.question import QuestionField

DATE = dt.date(2026, 1, 28)
SIZE = (80, 24)


def settings(**overrides: Any) -> Settings:
    """Relative paths, as a user in their repository would have them (tests chdir into a tmp folder)."""
    values: dict[str, Any] = dict(
        out_dir=Path("deploy"), adr_dir=Path("docs/adr"), date=DATE, save_path=Path("advisor-answers.yaml")
    )
    values.update(overrides)
    return Settings(**values)


def target_value(answers: Answers, path: str) -> Any:
    value: Any = answers.model_dump(mode="json")
    for part in path.split("."):
        value = value[part]
    return value


def busy(app: Any) -> bool:
    """Something the screen will still show is on its way: a panel evaluation (waiting for typing to pause,
    running, or not yet shown), a plan being prefetched or worked out, or a worker still running."""
    panels = [panel for screen in app.screen_stack for panel in screen.query(RecommendationPanel)]
    return (
        any(panel.busy for panel in panels)
        or getattr(app, "planning_busy", False)
        or any(not worker.is_finished for worker in app.workers)
    )


async def settle(pilot: Pilot) -> None:
    """Wait for what the screen shows, not for time: until nothing is pending, however loaded the machine is."""
    for _ in range(2000):  # a bound, so a bug that keeps it busy fails the test instead of hanging it
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not busy(pilot.app):
            return
        await pilot.pause(0.02)
    raise AssertionError("the interview never settled")


async def until(pilot: Pilot, shown: Any, what: str) -> None:
    """Wait until the screen shows something (a dialog on top, a line), however loaded the machine is."""
    for _ in range(2000):  # a bound, so what never comes fails the test instead of hanging it
        if shown():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never shown: {what}")


async def answer(pilot: Pilot, field: QuestionField, value: Any) -> None:
    """Type into inputs (home, ctrl+k, the text, enter); pick from selects and lists as a user would."""
    question, control = field.question, field.control
    if isinstance(control, Input):
        control.focus()
        await pilot.press("home", "ctrl+k", *format_value(question, value), "enter")
    elif isinstance(control, Select):
        label = next(label for label, v in question.options if v == value)
        control.value = label
    elif isinstance(control, SelectionList):
        control.deselect_all()
        for item in value:
            control.select(item)
    await pilot.pause()


async def complete_sections(pilot: Pilot, target: Answers) -> None:
    """Walk the six question screens, answering each question the screen shows, and reach the review."""
    app = pilot.app
    for _ in app.sections:
        screen = app.screen
        assert isinstance(screen, SectionScreen), screen
        for field in list(screen.query(QuestionField)):
            wanted = target_value(target, field.question.path)
            if field.display and app.state.get(field.question.path) != wanted:  # defaults are left alone
                await answer(pilot, field, wanted)
        await pilot.press("ctrl+n")
        await settle(pilot)
    assert isinstance(app.screen, ReviewScreen), app.screen


def new_app(**overrides: Any) -> InterviewApp:
    return InterviewApp(settings(**overrides))


def signed(adr_dir: Path = Path("docs/adr")) -> None:
    """Accept every proposed record by hand, as a reviewer signs it: the next decision then supersedes it."""
    for record in adr_dir.glob("*.md"):
        record.write_text(record.read_text().replace("status: proposed", "status: accepted", 1))


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def drawn(widget) -> list[str]:
    """A widget's rows as drawn at its width (all of them, scrolled into view or not), right-trimmed."""
    from textual.geometry import Region

    height = max(widget.virtual_size.height, widget.size.height)
    strips = widget.render_lines(Region(0, 0, widget.size.width, height))
    return ["".join(segment.text for segment in strip).rstrip() for strip in strips]
