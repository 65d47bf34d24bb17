"""SVG snapshots of the key screens at 80x24, and at 120x40 for a question screen and the plan
(tests/tui/__snapshots__; update with `pytest --snapshot-update`).

Rendering depends on the rules and the skeleton builders too: when those change on purpose, review the
new pictures in snapshot_report.html and update them.
"""

from __future__ import annotations

import pytest

from advisor.answers import load_answers
from advisor.tui.app import InterviewApp
from tests.conftest import EXAMPLES
from tests.tui.helpers import SIZE, new_app, settings, settle

WIDE = (120, 40)


def loaded(example: str) -> InterviewApp:
    return InterviewApp(settings(answers_path=EXAMPLES / example), load_answers(EXAMPLES / example))


def test_welcome(snap_compare, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert snap_compare(new_app(), terminal_size=SIZE, run_before=settle)


def test_welcome_light_theme(snap_compare, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = new_app()

    async def light(pilot) -> None:
        pilot.app.theme = "textual-light"
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=light)


@pytest.mark.parametrize("size", [SIZE, WIDE], ids=["80x24", "120x40"])
def test_question_screen_with_the_recommendation(snap_compare, tmp_path, monkeypatch, size):
    """The focused question carries a bar in its gutter; the panel sits beside the questions."""
    monkeypatch.chdir(tmp_path)
    app = loaded("scenario-a.yaml")

    async def to_hosting(pilot) -> None:
        pilot.app.goto(5)
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=to_hosting)


def test_observability_screen(snap_compare, tmp_path, monkeypatch):
    """SPEC-0006 3.4's own screen: the trace backend is asked because OpenTelemetry is adopted."""
    monkeypatch.chdir(tmp_path)
    app = loaded("scenario-c.yaml")

    async def to_observability(pilot) -> None:
        from textual.widgets import Input

        pilot.app.goto(len(pilot.app.sections))
        await settle(pilot)
        for field in pilot.app.screen.query(Input):  # its first question is text: a steady cursor, not a blink
            field.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=WIDE, run_before=to_observability)


@pytest.mark.parametrize("size", [SIZE, WIDE], ids=["80x24", "120x40"])
def test_review_screen(snap_compare, tmp_path, monkeypatch, size):
    """The Plan tab: statuses in words, paths relative to the repository, long names elided in the middle."""
    monkeypatch.chdir(tmp_path)
    app = loaded("phase-2.yaml")

    async def to_review(pilot) -> None:
        pilot.app.goto(len(pilot.app.sections) + 1)
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=to_review)
