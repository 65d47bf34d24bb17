"""The dialogs on their own: which key gives which answer, and what escape and enter mean."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.screen import ModalScreen
from textual.widgets import Button

from advisor.tui.screens.dialogs import ConfirmScreen, conflicts_dialog, quit_dialog


class Host(App[None]):
    """Shows one dialog and keeps what it returned."""

    def __init__(self, dialog: ModalScreen[Any]) -> None:
        super().__init__()
        self.dialog = dialog
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


def answer(dialog: ModalScreen[Any], key: str) -> tuple[list[Any], list[str]]:
    """The values the dialog returned after `key`, and its buttons' labels in order."""
    app = Host(dialog)

    async def scenario() -> list[str]:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            labels = [str(button.label) for button in dialog.query(Button)]
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is not dialog  # every answer closes it
            return labels

    labels = asyncio.run(scenario())
    return app.results, labels


@pytest.mark.parametrize(("key", "expected"), [("y", True), ("n", False), ("escape", False), ("enter", True)])
def test_a_confirmation_is_a_bool(key, expected):
    results, labels = answer(ConfirmScreen("Write the files?", "Write 3 files?", ("y", "Write"), ("n", "Not yet")), key)
    assert results == [expected] and type(results[0]) is bool
    assert labels == ["Write (y)", "Not yet (n)"]


@pytest.mark.parametrize(("key", "expected"), [("d", True), ("k", False), ("escape", False), ("enter", False)])
def test_a_confirmation_that_loses_something_puts_no_first(key, expected):
    dialog = ConfirmScreen(
        "Unsaved answers", "Replace them?", yes=("d", "Discard"), no=("k", "Keep them"), primary=False
    )
    results, labels = answer(dialog, key)
    assert results == [expected]
    assert labels == ["Keep them (k)", "Discard (d)"]  # the focused, first button keeps them


@pytest.mark.parametrize(
    ("key", "expected"), [("s", "save"), ("y", "discard"), ("n", "stay"), ("escape", "stay"), ("enter", "save")]
)
def test_quitting_offers_save_discard_or_stay(key, expected):
    results, labels = answer(quit_dialog(Path("advisor-answers.yaml")), key)
    assert results == [expected]
    assert labels == ["Save and quit (s)", "Quit, discard (y)", "Stay (n)"]


@pytest.mark.parametrize(("key", "expected"), [("k", "keep"), ("o", "overwrite"), ("escape", "cancel")])
def test_edited_files_are_kept_overwritten_or_nothing_is_written(key, expected):
    results, _ = answer(conflicts_dialog("  deploy/base/app.yaml"), key)
    assert results == [expected]
