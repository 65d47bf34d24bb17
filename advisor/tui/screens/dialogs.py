"""Modal dialogs that return a value with `dismiss()`: a choice between buttons, and a file path.

Each button's key is shown in its label and bound, so the dialogs work without a mouse; escape
always means "cancel" (None).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from advisor.errors import Problem


class ChoiceScreen(ModalScreen[str | None]):
    """A question with a few answers, each a (key, label, value) button."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, message: str, choices: list[tuple[str, str, str]]) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.message = message
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for i, (key, label, value) in enumerate(self.choices):
                    variant = "primary" if i == 0 else "default"
                    yield Button(f"{label} ({key})", id=f"choice-{value}", variant=variant)

    def on_key(self, event: Key) -> None:
        for key, _, value in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(None)


def confirm(title: str, message: str, yes: str = "Yes", no: str = "No") -> ChoiceScreen:
    return ChoiceScreen(title, message, [("y", yes, "yes"), ("n", no, "no")])


class PathScreen(ModalScreen[Path | None]):
    """Asks for a file path; `check(path)` returns problems to show instead of closing."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, initial: str, check: Callable[[Path], list[Problem]] | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.initial = initial
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(self.initial, id="path-input")
            yield Static("enter: accept   escape: cancel", classes="dialog-message")
            yield Static("", id="path-error", classes="q-error", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        path = Path(text).expanduser()
        problems = self.check(path) if self.check else []
        if problems:
            self.query_one("#path-error", Static).update("\n".join(f"✗ {p}" for p in problems))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
