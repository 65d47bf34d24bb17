"""The dialogs on their own: which key gives which answer, and what escape and enter mean."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.screen import ModalScreen
from textual.widgets import Button

from advisor.tui.screens.dialogs import KEYS, ConfirmScreen, conflicts_dialog, quit_dialog, unsaved_dialog


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


@pytest.mark.parametrize(("key", "expected"), [("d", True), ("n", False), ("escape", False), ("enter", False)])
def test_a_confirmation_that_loses_something_puts_no_first(key, expected):
    dialog = ConfirmScreen(
        "Unsaved answers", "Replace them?", yes=("d", "Discard"), no=("n", "Keep them"), primary=False
    )
    results, labels = answer(dialog, key)
    assert results == [expected]
    assert labels == ["Keep them (n)", "Discard (d)"]  # the focused, first button keeps them


@pytest.mark.parametrize(
    ("key", "expected"), [("s", "save"), ("d", "discard"), ("n", "stay"), ("escape", "stay"), ("enter", "save")]
)
def test_quitting_offers_save_discard_or_stay(key, expected):
    results, labels = answer(quit_dialog(Path("advisor-answers.yaml")), key)
    assert results == [expected]
    assert labels == ["Save and quit (s)", "Discard and quit (d)", "Stay (n)"]


@pytest.mark.parametrize(
    ("key", "expected"), [("s", "save"), ("d", "discard"), ("n", "stay"), ("escape", "stay"), ("enter", "save")]
)
def test_replacing_unsaved_answers_offers_the_same_letters_as_quitting(key, expected):
    results, labels = answer(unsaved_dialog(Path("advisor-answers.yaml"), "load another answers file"), key)
    assert results == [expected]
    assert labels == ["Save them (s)", "Discard them (d)", "Stay (n)"]


@pytest.mark.parametrize(
    ("key", "expected"), [("k", "keep"), ("o", "overwrite"), ("n", "cancel"), ("escape", "cancel")]
)
def test_edited_files_are_kept_overwritten_or_nothing_is_written(key, expected):
    results, _ = answer(conflicts_dialog("  deploy/base/app.yaml"), key)
    assert results == [expected]


def test_y_never_discards_or_overwrites():
    """`y` means "go ahead where nothing is lost": in the dialogs that can lose something it does nothing."""
    for dialog in (quit_dialog(Path("a.yaml")), unsaved_dialog(Path("a.yaml"), "x"), conflicts_dialog("  f")):
        app = Host(dialog)

        async def scenario(app=app, dialog=dialog) -> None:
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                await pilot.press("y")
                await pilot.pause()
                assert app.screen is dialog and app.results == []

        asyncio.run(scenario())
    assert all(key != "y" for dialog in (quit_dialog(Path("a")), conflicts_dialog("f")) for key, *_ in dialog.buttons)
    assert set(KEYS) >= {key for d in (quit_dialog(Path("a")), conflicts_dialog("f")) for key, *_ in d.buttons}
