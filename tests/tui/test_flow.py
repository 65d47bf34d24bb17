"""The whole interview, driven with Pilot at 80x24, against what `advisor decide` writes for the saved answers."""

from __future__ import annotations

import asyncio
import shutil

import pytest

from advisor.answers import dump_answers, load_answers
from advisor.tui.screens.done import DoneScreen
from advisor.tui.screens.review import ReviewScreen
from tests.conftest import EXAMPLES, run_cli
from tests.tui.helpers import DATE, SIZE, complete_sections, new_app, settle, tree

SCENARIOS = ["scenario-a.yaml", "scenario-b.yaml", "scenario-c.yaml", "phase-2.yaml"]


@pytest.mark.parametrize("example", SCENARIOS)
def test_complete_interview_writes_what_decide_writes(example, tmp_path, monkeypatch):
    target = load_answers(EXAMPLES / example)
    mine, theirs = tmp_path / "interview", tmp_path / "decide"
    mine.mkdir()
    monkeypatch.chdir(mine)
    app = new_app()
    asyncio.run(_complete(app, target))

    assert app.return_value == 0

    saved = (mine / "advisor-answers.yaml").read_text()
    assert saved == dump_answers(target)  # the saved answers reproduce the example exactly

    theirs.mkdir()
    shutil.copy(mine / "advisor-answers.yaml", theirs / "advisor-answers.yaml")
    args = ["--answers", "advisor-answers.yaml", "--out", "deploy", "--adr-dir", "docs/adr", "--date", DATE]
    result = run_cli("decide", *args, cwd=theirs)
    assert result.code == 0, result.err
    written = tree(mine)
    assert written == tree(theirs)
    assert any(name.startswith("docs/adr/0001-") for name in written)


async def _complete(app, target) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # welcome: start a new interview from the defaults
        await settle(pilot)
        await complete_sections(pilot, target)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert review.result is not None and review.result.decision.answers == target
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, DoneScreen), app.screen
        assert not app.state.dirty
        await pilot.press("q")
