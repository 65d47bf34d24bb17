"""Modal dialogs: a yes/no confirmation, a choice among a few typed answers, and a file path.

Each button's key is shown in its label and bound, so the dialogs work without a mouse; escape
always means the answer that changes nothing (False, the choice's `cancel`, or None for a path).
Flows wait on them with `push_screen_wait` inside a `dialog_flow` action (advisor.tui.keys).

One letter means one thing in every dialog (`KEYS`): `s` saves, `d` discards unsaved answers, `n` (and
escape) stays and changes nothing, `y` goes ahead with what the title asks when nothing is lost by it,
`k` keeps files edited by hand and `o` overwrites them. `y` never discards or overwrites anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar, Generic, Literal, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from advisor.errors import Problem

T = TypeVar("T")

QuitChoice = Literal["save", "discard", "stay"]
ConflictChoice = Literal["keep", "overwrite", "cancel"]

# The meaning of each dialog letter, the same in every dialog (the help screen lists them).
KEYS = {
    "s": "save the answers",
    "d": "discard the unsaved answers",
    "n": "stay: change nothing (escape too)",
    "y": "go ahead, where nothing is lost (write the files, start a new decision)",
    "k": "keep the files edited by hand; the new version goes beside each as FILE.new",
    "o": "overwrite the files edited by hand",
}


class _ButtonsScreen(ModalScreen[T], Generic[T]):
    """A title, a message and a row of (key, label, value) buttons; the first is the primary one and has focus."""

    # Priority: the answer is taken as the key is read, so a key typed right after it reaches the screen below.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", priority=True),
        Binding("enter", "press", show=False, priority=True),
    ]

    def __init__(self, title: str, message: str, buttons: Sequence[tuple[str, str, T]], cancel: T) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.message = message
        self.buttons = list(buttons)
        self.cancel = cancel
        for index, (key, label, _) in enumerate(self.buttons):
            self._bindings.bind(key, f"choose({index})", label, priority=True)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for i, (key, label, _) in enumerate(self.buttons):
                    variant = "primary" if i == 0 else "default"
                    yield Button(f"{label} ({key})", id=f"choice-{i}", variant=variant, compact=True)
        yield Footer(compact=True, show_command_palette=False)  # the dialog's keys, not the screen's below

    def action_choose(self, index: int) -> None:
        self.dismiss(self.buttons[index][2])

    def action_press(self) -> None:
        """enter: the focused button (the first one unless tab moved on)."""
        focused = self.focused
        self.action_choose(int(focused.id.removeprefix("choice-")) if isinstance(focused, Button) and focused.id else 0)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_choose(int((event.button.id or "").removeprefix("choice-")))

    def action_cancel(self) -> None:
        self.dismiss(self.cancel)


class ConfirmScreen(_ButtonsScreen[bool]):
    """A yes/no question: True for `yes`, False for `no` or escape.

    `yes` and `no` are (key, label) pairs. The button for `primary` comes first and has focus, so
    enter gives it; a question whose "yes" loses something puts "no" first.
    """

    def __init__(
        self,
        title: str,
        message: str,
        yes: tuple[str, str] = ("y", "Yes"),
        no: tuple[str, str] = ("n", "No"),
        primary: bool = True,
    ) -> None:
        buttons = [(*yes, True), (*no, False)]
        super().__init__(title, message, buttons if primary else buttons[::-1], cancel=False)


class ChoiceScreen(_ButtonsScreen[T]):
    """A question with more than two answers, each a typed value; escape gives `cancel`."""


def quit_dialog(save_path: Path) -> ChoiceScreen[QuitChoice]:
    return ChoiceScreen(
        "Quit?",
        f"Some answers are not saved. Save them to {save_path} (a draft if some are not valid yet)?",
        [("s", "Save and quit", "save"), ("d", "Discard and quit", "discard"), ("n", "Stay", "stay")],
        cancel="stay",
    )


def unsaved_dialog(save_path: Path, what: str) -> ChoiceScreen[QuitChoice]:
    """Before `what` ("start a new decision", "load another file") replaces answers that are not saved."""
    return ChoiceScreen(
        "Unsaved answers",
        f"Some answers are not saved. Save them to {save_path} (a draft if some are not valid yet) before you "
        f"{what}, or discard them?",
        [("s", "Save them", "save"), ("d", "Discard them", "discard"), ("n", "Stay", "stay")],
        cancel="stay",
    )


def conflicts_dialog(names: str) -> ChoiceScreen[ConflictChoice]:
    return ChoiceScreen(
        "Files edited by hand",
        f"These files were changed since advisor wrote them:\n{names}\n"
        "Overwrite them, or keep them and put the new version beside each as FILE.new?",
        [("k", "Keep mine", "keep"), ("o", "Overwrite", "overwrite"), ("n", "Write nothing", "cancel")],
        cancel="cancel",  # escape writes nothing, as before the first confirmation
    )


class PathScreen(ModalScreen[Path | None]):
    HELP_TITLE = "A file path"
    """Asks for a file path; `check(path)` returns problems to show instead of closing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", priority=True),
        Binding("enter", "submit", "Accept", priority=True),
    ]

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
        yield Footer(compact=True, show_command_palette=False)

    def action_submit(self) -> None:
        text = self.query_one("#path-input", Input).value.strip()
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
